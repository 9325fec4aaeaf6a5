// The Kubernetes manifests in deploy/kubernetes, offline: each object against Kubernetes' own
// schemas (kubernetes-models), the ServiceMonitor against a schema written from the Prometheus
// Operator's CRD, the Prometheus adapter rule and the Grafana dashboard against their shapes;
// then the facts that make them one deployment (selectors match, ports and probes are
// Triton's, the HPA reads the metric the adapter serves, the ServiceMonitor scrapes :8002).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { load, loadAll } from 'js-yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Service } from 'kubernetes-models/v1';
import { SERVICE_MONITOR_SCHEMA } from './crd-schemas';

const DIR = resolve(__dirname, '../../deploy/kubernetes');
const DASHBOARD = resolve(__dirname, '../../deploy/grafana/patent-draft-triton.json');

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string> };

const CLASSES: Record<string, new (o: any) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  'v1 ConfigMap': ConfigMap,
  'v1 Namespace': Namespace,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
};

function manifests(): { file: string; obj: Obj }[] {
  const out: { file: string; obj: Obj }[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .sort()) {
    for (const doc of loadAll(readFileSync(join(DIR, file), 'utf8'))) if (doc) out.push({ file, obj: doc as Obj });
  }
  return out;
}

const validateServiceMonitor = new Ajv({ allErrors: true, strict: true }).compile(SERVICE_MONITOR_SCHEMA);

/** Validates one object; throws naming the file, the kind and the schema's complaint. */
function validate(file: string, obj: Obj): void {
  const key = `${obj.apiVersion} ${obj.kind}`;
  if (key === 'monitoring.coreos.com/v1 ServiceMonitor') {
    if (!validateServiceMonitor(obj)) throw new Error(`${file}: ServiceMonitor: ${JSON.stringify(validateServiceMonitor.errors)}`);
    return;
  }
  const Cls = CLASSES[key];
  if (!Cls) throw new Error(`${file}: no schema for ${key}`);
  new Cls(obj).validate();
}

describe('deploy/kubernetes manifests', () => {
  let all: { file: string; obj: Obj }[];
  const one = (kind: string, name?: string) => {
    const found = all.filter((m) => m.obj.kind === kind && (!name || m.obj.metadata.name === name));
    assert.equal(found.length, 1, `one ${kind}${name ? ` ${name}` : ''}`);
    return found[0].obj;
  };
  before(() => {
    all = manifests();
  });

  it('every object is valid against its schema, and the kustomization lists every file', () => {
    assert.ok(all.length >= 9);
    for (const { file, obj } of all) validate(file, obj);
    const k = load(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    assert.deepEqual(
      [...k.resources].sort(),
      readdirSync(DIR)
        .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
        .sort(),
    );
    for (const { obj } of all)
      if (obj.kind !== 'Namespace' && obj.metadata.name !== 'prometheus-adapter-triton') assert.equal(obj.metadata.namespace, 'patent-draft', `${obj.kind} ${obj.metadata.name}`);
  });

  it('the validators are live: a broken object of each kind is refused', () => {
    const d = structuredClone(one('Deployment'));
    d.spec.template.spec.containers[0].ports[0].containerPort = 'eight thousand';
    assert.throws(() => validate('deployment.yaml', d), /containerPort/);
    const h = structuredClone(one('HorizontalPodAutoscaler'));
    delete h.spec.scaleTargetRef;
    assert.throws(() => validate('hpa.yaml', h), /scaleTargetRef/);
    const s = structuredClone(one('ServiceMonitor'));
    s.spec.endpoints[0].interval = 'every 15 seconds';
    assert.throws(() => validate('servicemonitor.yaml', s), /interval/);
    const s2 = structuredClone(one('ServiceMonitor'));
    s2.spec.endpoints[0].prot = 'metrics';
    assert.throws(() => validate('servicemonitor.yaml', s2), /additional/);
    const svc = structuredClone(one('Service', 'triton'));
    svc.spec.ports[0].port = 'eight thousand and one';
    assert.throws(() => validate('service.yaml', svc), /port/);
  });

  it('Deployment: a GPU, the model repository volume, readiness on /v2/health/ready:8000, a startup probe long enough to load engines', () => {
    const d = one('Deployment', 'triton');
    const pod = d.spec.template.spec;
    assert.deepEqual(d.spec.selector.matchLabels, Object.fromEntries(Object.entries(d.spec.template.metadata.labels).filter(([k]) => k in d.spec.selector.matchLabels)));
    const c = pod.containers[0];
    assert.equal(String(c.resources.limits['nvidia.com/gpu']), '1');
    assert.equal(String(c.resources.requests['nvidia.com/gpu']), '1', 'GPU request equals the limit');
    const port = (name: string) => c.ports.find((p: { name: string }) => p.name === name)?.containerPort;
    assert.deepEqual([port('http'), port('grpc'), port('metrics')], [8000, 8001, 8002]);
    const arg = (flag: string) => c.args.find((a: string) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
    assert.deepEqual([arg('--http-port'), arg('--grpc-port'), arg('--metrics-port')], ['8000', '8001', '8002']);
    assert.equal(arg('--allow-metrics'), 'true');
    assert.equal(arg('--metrics-config'), 'histogram_latencies=true', 'the TTFT histogram the dashboard reads');
    const resolvePort = (p: string | number) => (typeof p === 'number' ? p : port(p));
    for (const probe of [c.readinessProbe, c.startupProbe]) {
      assert.equal(probe.httpGet.path, '/v2/health/ready');
      assert.equal(resolvePort(probe.httpGet.port), 8000);
    }
    assert.equal(c.livenessProbe.httpGet.path, '/v2/health/live');
    const startupS = c.startupProbe.periodSeconds * c.startupProbe.failureThreshold;
    assert.ok(startupS >= 600, `startup probe allows ${startupS} s; engine loading takes minutes`);
    assert.ok(pod.terminationGracePeriodSeconds > Number(arg('--exit-timeout-secs')), 'Triton may finish in-flight requests before SIGKILL');
    // The model repository: a volume from the claim, mounted read-only where --model-repository points.
    const mount = c.volumeMounts.find((m: { name: string }) => m.name === 'models');
    assert.ok(arg('--model-repository')!.startsWith(mount.mountPath + '/'));
    assert.equal(mount.readOnly, true);
    const vol = pod.volumes.find((v: { name: string }) => v.name === 'models');
    assert.equal(vol.persistentVolumeClaim.claimName, one('PersistentVolumeClaim').metadata.name);
    assert.ok(
      pod.volumes.some((v: { name: string; emptyDir?: { medium?: string } }) => v.emptyDir?.medium === 'Memory') && c.volumeMounts.some((m: { mountPath: string }) => m.mountPath === '/dev/shm'),
      'shared memory for the Python backend',
    );
  });

  it('Services: gRPC 8001 and metrics 8002 on the pods; the headless one has no cluster IP and selects the same pods', () => {
    const d = one('Deployment', 'triton');
    const labels = d.spec.template.metadata.labels as Record<string, string>;
    const selects = (sel: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);
    const svc = one('Service', 'triton');
    assert.ok(selects(svc.spec.selector));
    const ports = Object.fromEntries(svc.spec.ports.map((p: { name: string; port: number; targetPort: string }) => [p.name, [p.port, p.targetPort]]));
    assert.deepEqual(ports.grpc, [8001, 'grpc']);
    assert.deepEqual(ports.metrics, [8002, 'metrics']);
    const headless = one('Service', 'triton-headless');
    assert.equal(headless.spec.clusterIP, 'None');
    assert.equal(headless.spec.publishNotReadyAddresses, false, 'only ready pods are published');
    assert.ok(selects(headless.spec.selector));
    assert.deepEqual(
      headless.spec.ports.map((p: { port: number }) => p.port),
      [8001],
    );
    const pdb = one('PodDisruptionBudget');
    assert.ok(selects(pdb.spec.selector.matchLabels));
  });

  it('HPA: scales the Deployment on the queue-time metric the Prometheus adapter serves from nv_inference_queue_duration_us', () => {
    const h = one('HorizontalPodAutoscaler');
    assert.deepEqual(h.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'triton' });
    assert.ok(h.spec.minReplicas >= 2 && h.spec.maxReplicas > h.spec.minReplicas);
    const [m] = h.spec.metrics;
    assert.equal(m.type, 'Pods');
    const cm = one('ConfigMap', 'prometheus-adapter-triton');
    const adapter = load(cm.data!['config.yaml']) as {
      rules: { seriesQuery: string; resources: { overrides: Record<string, { resource: string }> }; name: { matches: string; as: string }; metricsQuery: string }[];
    };
    assert.equal(adapter.rules.length, 1);
    const rule = adapter.rules[0];
    assert.match(rule.seriesQuery, /^nv_inference_queue_duration_us\{/);
    assert.equal(rule.name.as, m.pods.metric.name, 'the HPA reads the metric the rule names');
    assert.deepEqual(rule.resources.overrides, { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } });
    assert.match(rule.metricsQuery, /rate\(nv_inference_queue_duration_us\{<<\.LabelMatchers>>/);
    assert.match(rule.metricsQuery, /rate\(nv_inference_request_success\{<<\.LabelMatchers>>/);
    assert.match(rule.metricsQuery, /by \(<<\.GroupBy>>\)/);
    assert.equal(parens(rule.metricsQuery), 0);
    assert.equal(m.pods.target.type, 'AverageValue');
    assert.ok(Number(m.pods.target.averageValue) > 0, 'a queue-time target in microseconds');
  });

  it('ServiceMonitor: scrapes the Service port named metrics (8002) at /metrics', () => {
    const sm = one('ServiceMonitor');
    const svc = one('Service', 'triton');
    assert.ok(
      Object.entries(sm.spec.selector.matchLabels).every(([k, v]) => svc.metadata.labels?.[k] === v),
      'it selects the triton Service',
    );
    assert.deepEqual(sm.spec.namespaceSelector.matchNames, [svc.metadata.namespace]);
    const [ep] = sm.spec.endpoints;
    assert.equal(ep.path, '/metrics');
    assert.equal(svc.spec.ports.find((p: { name: string }) => p.name === ep.port).port, 8002);
  });
});

/** Open minus closed parentheses (0 when balanced and never negative on the way). */
function parens(s: string): number {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return -1;
  }
  return depth;
}

describe('deploy/grafana dashboard', () => {
  type Panel = {
    id: number;
    type: string;
    title: string;
    datasource: { type: string; uid: string };
    gridPos: { x: number; y: number; w: number; h: number };
    targets: { refId: string; expr: string; datasource?: unknown }[];
  };
  let dash: { uid: string; title: string; schemaVersion: number; panels: Panel[]; templating: { list: { name: string; type: string }[] } };
  before(() => {
    dash = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  });

  it('has the dashboard shape Grafana imports: uid, title, schema version, panels with ids, positions and Prometheus targets', () => {
    assert.match(dash.uid, /^[a-z0-9-]{1,40}$/);
    assert.equal(typeof dash.title, 'string');
    assert.ok(Number.isInteger(dash.schemaVersion) && dash.schemaVersion >= 30);
    const names = dash.templating.list.map((v) => v.name);
    assert.ok(names.includes('datasource') && names.includes('model'));
    const ids = new Set<number>();
    for (const p of dash.panels) {
      assert.ok(!ids.has(p.id), `unique panel id ${p.id}`);
      ids.add(p.id);
      assert.ok(['timeseries', 'stat', 'gauge'].includes(p.type), p.title);
      assert.equal(p.datasource.type, 'prometheus');
      assert.equal(p.datasource.uid, '${datasource}');
      const g = p.gridPos;
      assert.ok([g.x, g.y, g.w, g.h].every(Number.isInteger) && g.x >= 0 && g.x + g.w <= 24 && g.h > 0, `${p.title}: grid position`);
      assert.ok(p.targets.length > 0, `${p.title}: targets`);
      const refs = new Set(p.targets.map((t) => t.refId));
      assert.equal(refs.size, p.targets.length, `${p.title}: unique refIds`);
      for (const t of p.targets) {
        assert.equal(typeof t.expr, 'string');
        assert.equal(parens(t.expr), 0, `${p.title}: balanced parentheses in ${t.expr}`);
      }
    }
  });

  it("shows request rate, TTFT, queue time, request duration and GPU utilisation from Triton's metrics", () => {
    const panel = (re: RegExp) => {
      const p = dash.panels.find((x) => re.test(x.title));
      assert.ok(p, `a panel matching ${re}`);
      return p.targets.map((t) => t.expr).join('\n');
    };
    assert.match(panel(/request rate/i), /rate\(nv_inference_request_success\{/);
    assert.match(panel(/first token/i), /histogram_quantile\(0\.95, sum by \(le, model\) \(rate\(nv_inference_first_response_histogram_ms_bucket\{/);
    assert.match(panel(/queue time/i), /rate\(nv_inference_queue_duration_us\{[^}]*\}\[1m\]\)\) \/ clamp_min\(sum by \(model\) \(rate\(nv_inference_request_success/);
    assert.match(panel(/request duration/i), /rate\(nv_inference_request_duration_us\{/);
    assert.match(panel(/GPU utili[sz]ation/i), /nv_gpu_utilization\{/);
  });
});
