// `patent-draft triton bench`: options (node:util parseArgs), the run against a Triton endpoint
// through the inference client, and the output. The CLI command adapts this to its own I/O.
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DRAFT_SETTINGS } from '../drafting';
import { InferenceError, TritonClient, type TlsOptions } from '../inference/index';
import { latencyChart } from './chart';
import { progressBar } from './progress';
import { BENCH_TASKS, loadPrompts, PromptError, type BenchTask } from './prompts';
import { evaluateTarget, formatTable, parseTarget, toCsv, toJson, type RunInfo, type Target } from './report';
import { checkPlan, LIMITS, LoadError, runLoad, type Load, type RunPlan } from './runner';

export const BENCH_USAGE =
  'patent-draft triton bench --endpoint HOST:PORT[,HOST:PORT...] --model NAME [--model-version V] [--task abstract|dependent|continue] [--matter DIR] [--concurrency 1,8,32,64 | --rate R[,R...] [--arrival poisson|constant]] [--duration 60s | --requests N] [--warmup N] [--max-tokens N] [--deadline MS] [--format table|json|csv] [--chart FILE.svg] [--target "p95<=420ms@180rps"] [--seed N] [--progress] [--tls] [--ca FILE] [--cert FILE --key FILE] [--server-name NAME] [--header "name: value"]...';

/** The regression corpus, where this machine has it (override with PATENT_DRAFT_CORPUS). */
export function defaultCorpus(): string | undefined {
  const dir = process.env.PATENT_DRAFT_CORPUS ?? '/work/shared/corpus/uspto';
  try {
    return statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}

export interface BenchOptions {
  endpoints: string[];
  model: string;
  modelVersion?: string;
  task: BenchTask;
  matter?: string;
  plan: Omit<RunPlan, 'prompts'>;
  format: 'table' | 'json' | 'csv';
  chart?: string;
  target?: Target;
  progress: boolean;
  tls: TlsOptions | false;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  headers: Record<string, string>;
}

/** Parses "60s", "500ms", "2m", "1h" or a bare number of seconds. */
export function parseDuration(v: string): number {
  const m = /^(\d{1,7}(?:\.\d{1,3})?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new LoadError(`--duration must look like 60s, 500ms, 2m or 1h, not "${v.slice(0, 40)}"`);
  const unit = m[2] ?? 's';
  return Number(m[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}

function list(v: string, what: string): number[] {
  const parts = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new LoadError(`--${what} needs at least one number`);
  if (parts.length > LIMITS.maxLevels) throw new LoadError(`--${what} lists ${parts.length} levels; at most ${LIMITS.maxLevels} in one run`);
  return parts.map((p) => {
    if (!/^\d{1,9}(?:\.\d{1,6})?$/.test(p)) throw new LoadError(`--${what} needs positive numbers separated by commas, not "${p.slice(0, 40)}"`);
    return Number(p);
  });
}

function wholeNumber(v: string | undefined, what: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v.trim()) || Number(v) < min) throw new LoadError(`--${what} needs a whole number of at least ${min}, not "${v.slice(0, 40)}"`);
  return Number(v);
}

export function parseBenchArgs(args: string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        endpoint: { type: 'string', multiple: true },
        model: { type: 'string' },
        'model-version': { type: 'string' },
        task: { type: 'string' },
        matter: { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        arrival: { type: 'string' },
        duration: { type: 'string' },
        requests: { type: 'string' },
        warmup: { type: 'string' },
        'max-tokens': { type: 'string' },
        deadline: { type: 'string' },
        format: { type: 'string' },
        chart: { type: 'string' },
        target: { type: 'string' },
        seed: { type: 'string' },
        progress: { type: 'boolean' },
        tls: { type: 'boolean' },
        ca: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'server-name': { type: 'string' },
        header: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    throw new LoadError((e as Error).message);
  }
  const o = parsed.values;
  const endpoints = (o.endpoint ?? [])
    .flatMap((e) => e.split(','))
    .map((e) => e.trim())
    .filter(Boolean);
  if (endpoints.length === 0) throw new LoadError("--endpoint HOST:PORT is required (Triton's gRPC port, default 8001)");
  if (endpoints.length > 64) throw new LoadError(`${endpoints.length} endpoints; at most 64`);
  for (const e of endpoints) if (!/:\d{1,5}\/?$/.test(e) || e.length > 300) throw new LoadError(`--endpoint needs HOST:PORT (Triton's gRPC port, default 8001), got "${e.slice(0, 80)}"`);
  if (!o.model) throw new LoadError('--model NAME is required (e.g. ensemble, tensorrt_llm_bls, vllm_model)');
  const task = (o.task ?? 'abstract') as BenchTask;
  if (!BENCH_TASKS.includes(task)) throw new LoadError(`--task must be one of ${BENCH_TASKS.join(', ')}, not "${o.task}"`);
  if (o.concurrency !== undefined && o.rate !== undefined) throw new LoadError('give --concurrency (closed loop) or --rate (open loop), not both');
  const arrival = o.arrival ?? 'poisson';
  if (arrival !== 'poisson' && arrival !== 'constant') throw new LoadError(`--arrival must be "poisson" or "constant", not "${arrival}"`);
  if (o.arrival !== undefined && o.rate === undefined) throw new LoadError('--arrival goes with --rate');
  let levels: Load[];
  if (o.rate !== undefined) levels = list(o.rate, 'rate').map((ratePerS) => ({ kind: 'rate', ratePerS, arrival }));
  else levels = list(o.concurrency ?? '1,8,32,64', 'concurrency').map((concurrency) => ({ kind: 'concurrency', concurrency }));
  if (o.duration !== undefined && o.requests !== undefined) throw new LoadError('give --duration or --requests, not both');
  const requests = wholeNumber(o.requests, 'requests', 1);
  const durationMs = o.duration !== undefined ? parseDuration(o.duration) : requests === undefined ? 60_000 : undefined;
  const format = (o.format ?? 'table') as BenchOptions['format'];
  if (!['table', 'json', 'csv'].includes(format)) throw new LoadError(`--format must be table, json or csv, not "${o.format}"`);
  if (o.chart !== undefined && !/\.svg$/i.test(o.chart)) throw new LoadError(`--chart needs a file name ending in .svg, not "${o.chart.slice(0, 80)}"`);
  const headers: Record<string, string> = {};
  for (const h of o.header ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new LoadError(`--header needs "name: value", got "${h.slice(0, 40)}"`);
    headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  if (!!o.cert !== !!o.key) throw new LoadError('--cert and --key go together (mutual TLS)');
  const wantTls = o.tls === true || !!o.ca || !!o.cert || !!o['server-name'];
  const plan: Omit<RunPlan, 'prompts'> = {
    levels,
    durationMs,
    requests,
    warmup: wholeNumber(o.warmup, 'warmup', 0),
    maxTokens: wholeNumber(o['max-tokens'], 'max-tokens', 1) ?? DEFAULT_DRAFT_SETTINGS.maxTokens,
    deadlineMs: wholeNumber(o.deadline, 'deadline', 1) ?? 60_000,
    seed: wholeNumber(o.seed, 'seed', 0),
  };
  checkPlan({ ...plan, prompts: [''] });
  return {
    endpoints,
    model: o.model,
    modelVersion: o['model-version'],
    task,
    matter: o.matter,
    plan,
    format,
    chart: o.chart,
    target: o.target !== undefined ? parseTarget(o.target) : undefined,
    progress: o.progress === true,
    tls: wantTls ? { serverName: o['server-name'] } : false,
    caFile: o.ca,
    certFile: o.cert,
    keyFile: o.key,
    headers,
  };
}

export interface BenchIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** Writes a file whole or not at all (temporary file, rename); refuses a folder or a special file. */
function writeWhole(file: string, text: string): void {
  if (existsSync(file) && !statSync(file).isFile()) throw new LoadError(`${file} exists and is not a regular file`);
  if (!existsSync(dirname(file))) throw new LoadError(`cannot write ${file}: no such folder ${dirname(file)}`);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { flag: 'wx' }); // never through a file or link already there
  } catch (e) {
    throw new LoadError(`cannot write ${file}: ${(e as Error).message}`);
  }
  renameSync(tmp, file);
}

/** Runs the benchmark. Exit code: 0, or 1 when the target is not met, nothing succeeded, or the
 *  model cannot be reached. Usage problems throw LoadError or PromptError. */
export async function runBench(opts: BenchOptions, io: BenchIo, run: { signal?: AbortSignal; tty?: boolean } = {}): Promise<number> {
  const matterDir = opts.matter !== undefined ? resolve(io.cwd, opts.matter) : defaultCorpus();
  if (!matterDir) throw new LoadError('--matter DIR is required here (no corpus found at the default place); name a folder of matters');
  const chartFile = opts.chart !== undefined ? resolve(io.cwd, opts.chart) : undefined;
  if (chartFile && !existsSync(dirname(chartFile))) throw new LoadError(`cannot write the chart to ${opts.chart}: no such folder`);
  if (chartFile && existsSync(chartFile) && !statSync(chartFile).isFile()) throw new LoadError(`${chartFile} exists and is not a regular file`);
  let set;
  try {
    set = await loadPrompts([matterDir], opts.task, { maxTokens: opts.plan.maxTokens, signal: run.signal });
  } catch (e) {
    if (e instanceof PromptError) throw new LoadError(e.message);
    throw e;
  }
  let tls = opts.tls;
  if (tls) {
    const file = (f: string | undefined) => (f !== undefined ? resolve(io.cwd, f) : undefined);
    tls = { ...tls, caFile: file(opts.caFile), certFile: file(opts.certFile), keyFile: file(opts.keyFile) };
    for (const [what, f] of [
      ['CA certificate', tls.caFile],
      ['client certificate', tls.certFile],
      ['client key', tls.keyFile],
    ] as const) {
      if (f !== undefined && !(existsSync(f) && statSync(f).isFile())) throw new LoadError(`cannot read the ${what} ${f}: not a file`);
    }
  }
  const client = new TritonClient({ endpoints: opts.endpoints, model: opts.model, modelVersion: opts.modelVersion, tls, headers: opts.headers, generationTimeoutMs: opts.plan.deadlineMs });
  const bar = opts.progress || run.tty ? progressBar((t) => io.stderr(t)) : undefined;
  try {
    let layout: string;
    try {
      layout = (await client.discover()).layout.label;
    } catch (e) {
      io.stderr(`patent-draft triton bench: ${e instanceof InferenceError ? e.message : String(e)}\n`);
      return 1;
    }
    const results = await runLoad(client, { ...opts.plan, prompts: set.prompts }, { signal: run.signal, onProgress: bar ? (p) => bar.update(p) : undefined });
    bar?.end();
    const info: RunInfo = {
      endpoints: opts.endpoints,
      model: opts.model,
      layout,
      task: opts.task,
      prompts: set.prompts.length,
      matters: set.matters,
      meanPromptChars: set.meanChars,
      maxTokens: opts.plan.maxTokens,
    };
    const verdict = opts.target ? evaluateTarget(opts.target, results) : undefined;
    if (opts.format === 'json') io.stdout(JSON.stringify(toJson(info, results, verdict, opts.target), null, 2) + '\n');
    else if (opts.format === 'csv') io.stdout(toCsv(results));
    else io.stdout(formatTable(info, results, verdict));
    if (verdict && opts.format !== 'table') io.stderr(verdict.line + '\n');
    if (chartFile) {
      writeWhole(chartFile, latencyChart(results, { title: `${opts.model}: latency against throughput (${opts.task})`, target: opts.target }));
      io.stderr(`chart written to ${opts.chart}\n`);
    }
    const anyOk = results.some((r) => r.stats.ok > 0);
    if (!anyOk) io.stderr('patent-draft triton bench: no request succeeded\n');
    return verdict && !verdict.met ? 1 : anyOk ? 0 : 1;
  } finally {
    bar?.end();
    client.close();
  }
}
