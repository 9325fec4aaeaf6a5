// The load tool's pure parts: statistics, arrival times, the target line, CSV/JSON, the SVG
// chart, the bounds, and the runner's loops driven by in-process stand-ins for a server
// (a queue of capacity one shows what open and closed loops each measure).
import assert from 'node:assert/strict';
import {
  arrivalGaps,
  checkPlan,
  CSV_COLUMNS,
  evaluateTarget,
  latencyChart,
  levelStats,
  parseBenchArgs,
  parseDuration,
  parseTarget,
  progressLine,
  quantile,
  quantiles,
  runLoad,
  seededRandom,
  toCsv,
  toJson,
  type LevelResult,
  type LoadGeneration,
  type LoadTarget,
  type RunPlan,
  type Sample,
} from '../../src/loadtest/index';
import { levelOf, parseSvg } from './loadtest-support';

describe('loadtest statistics', () => {
  it('nearest-rank quantiles; empty and non-finite input', () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    const q = quantiles(v);
    assert.deepEqual([q.count, q.p50, q.p95, q.p99, q.max, q.mean], [100, 50, 95, 99, 100, 50.5]);
    assert.equal(quantile([7], 0.99), 7);
    assert.ok(Number.isNaN(quantile([], 0.5)));
    const e = quantiles([NaN, Infinity]);
    assert.equal(e.count, 0);
    assert.ok(Number.isNaN(e.p95));
    assert.equal(quantiles([1, 2, 3, 4]).p50, 2);
  });

  it('level statistics: throughput over the span, errors by kind, latencies of successful requests only', () => {
    const s = (startMs: number, endMs: number, ok: boolean, extra: Partial<Sample> = {}): Sample => ({
      startMs,
      sentMs: startMs + 1,
      endMs,
      ok,
      outputTokens: ok ? 10 : 0,
      ttftMs: ok ? 20 : undefined,
      itlMs: ok ? 5 : undefined,
      ...extra,
    });
    const st = levelStats([
      s(0, 100, true),
      s(50, 250, true),
      s(100, 2000, false, { errorKind: 'deadline' }),
      s(200, 400, false, { errorKind: 'model-error' }),
      s(300, 500, false, { errorKind: 'deadline' }),
    ]);
    assert.equal(st.requests, 5);
    assert.equal(st.ok, 2);
    assert.deepEqual(st.errors, { deadline: 2, 'model-error': 1 });
    assert.equal(st.durationS, 2);
    assert.equal(st.requestsPerS, 1);
    assert.equal(st.outputTokensPerS, 10);
    assert.deepEqual([st.e2eMs.p50, st.e2eMs.max], [100, 200]);
    assert.equal(st.ttftMs.p95, 20);
    assert.equal(st.sendLagMs.p50, 1);
    const none = levelStats([]);
    assert.deepEqual([none.requests, none.requestsPerS, none.durationS], [0, 0, 0]);
  });

  it('arrival gaps: fixed interval exactly 1/rate; Poisson exponential with mean 1/rate (seeded)', () => {
    const fixed = arrivalGaps(40, 'constant', seededRandom(1));
    assert.deepEqual([fixed(), fixed()], [25, 25]);
    const draw = (seed: number) => {
      const g = arrivalGaps(100, 'poisson', seededRandom(seed));
      return Array.from({ length: 20_000 }, g);
    };
    const a = draw(3);
    assert.deepEqual(a.slice(0, 5), draw(3).slice(0, 5), 'same seed, same schedule');
    assert.notDeepEqual(a.slice(0, 5), draw(4).slice(0, 5));
    const mean = a.reduce((x, y) => x + y, 0) / a.length;
    const sd = Math.sqrt(a.reduce((x, y) => x + (y - mean) ** 2, 0) / a.length);
    assert.ok(Math.abs(mean - 10) < 0.3, `mean ${mean}`);
    assert.ok(Math.abs(sd / mean - 1) < 0.05, `coefficient of variation ${sd / mean}`);
    assert.ok(a.every((x) => Number.isFinite(x) && x >= 0));
  });
});

describe('loadtest target', () => {
  it('parses the target forms and refuses others with the expected form', () => {
    assert.deepEqual(parseTarget('p95<=420ms@180rps'), { metric: 'e2e', quantile: 95, maxMs: 420, atPerS: 180 });
    assert.deepEqual(parseTarget(' ttft-p99 <= 1.5s @ 20 req/s '), { metric: 'ttft', quantile: 99, maxMs: 1500, atPerS: 20 });
    assert.deepEqual(parseTarget('itl_p50<=30ms@5'), { metric: 'itl', quantile: 50, maxMs: 30, atPerS: 5 });
    for (const bad of ['p95<420ms@180rps', 'p90<=1ms@1rps', 'p95<=0ms@1rps', 'p95<=1ms@0rps', 'fast', 'p95<=' + '9'.repeat(5000) + 'ms@1rps']) {
      assert.throws(() => parseTarget(bad), /--target must look like|above 0/, bad.slice(0, 30));
    }
  });

  const at = (rps: number, p95: number, failed = 0, load: LevelResult['load'] = { kind: 'concurrency', concurrency: 8 }) => levelOf({ load, requestsPerS: rps, e2eP95: p95, failed });

  it('met when a level at the load has its percentile within the limit; says where, with the numbers', () => {
    const v = evaluateTarget(parseTarget('p95<=420ms@180rps'), [at(90, 200, 0, { kind: 'concurrency', concurrency: 8 }), at(185, 410, 0, { kind: 'concurrency', concurrency: 64 })]);
    assert.equal(v.met, true);
    assert.equal(v.level, 1);
    assert.equal(v.line, 'target p95 end-to-end <= 420 ms at 180 req/s: met at c=64 (185.0 req/s): p95 end-to-end 410.0 ms');
  });

  it('not met: too slow at the load; failures at the load; the load never reached', () => {
    const t = parseTarget('p95<=420ms@180rps');
    const slow = evaluateTarget(t, [at(190, 500), at(200, 650)]);
    assert.equal(slow.met, false);
    assert.match(slow.line, /NOT met: at c=8 \(190\.0 req\/s\) p95 end-to-end is 500\.0 ms \(> 420 ms\)$/);
    const failing = evaluateTarget(t, [at(200, 100, 3)]);
    assert.equal(failing.met, false);
    assert.match(failing.line, /NOT met: at c=8 \(200\.0 req\/s\) 3 of 100 requests failed/);
    const short = evaluateTarget(t, [at(50, 100), at(120, 300)]);
    assert.equal(short.met, false);
    assert.match(short.line, /NOT met: no level reached 180 req\/s \(highest c=8 \(120\.0 req\/s\), p95 end-to-end 300\.0 ms\)/);
  });

  it('an open-loop level carries its arrival rate', () => {
    const t = parseTarget('p95<=420ms@180rps');
    // Achieved 178/s over a finite window at an offered 180/s: the load is the offered rate.
    const v = evaluateTarget(t, [at(178, 300, 0, { kind: 'rate', ratePerS: 180, arrival: 'poisson' })]);
    assert.equal(v.met, true, v.line);
    assert.match(v.line, /met at 180\/s/);
  });
});

describe('loadtest output', () => {
  const levels = [
    levelOf({ load: { kind: 'concurrency', concurrency: 1 }, requestsPerS: 9.5, e2eP95: 120 }),
    levelOf({ load: { kind: 'rate', ratePerS: 20, arrival: 'constant' }, requestsPerS: 19.2, e2eP95: 180, failed: 2, ok: 0 }),
  ];

  it('CSV: the header and one row per level; errors as kind:count', () => {
    const lines = toCsv(levels).trimEnd().split('\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length, 3);
    const row = lines[2].split(',');
    assert.equal(row.length, CSV_COLUMNS.length);
    assert.equal(row[CSV_COLUMNS.indexOf('load')], '20/s fixed');
    assert.equal(row[CSV_COLUMNS.indexOf('rate_per_s')], '20');
    assert.equal(row[CSV_COLUMNS.indexOf('errors')], 'model-error:2');
    assert.equal(row[CSV_COLUMNS.indexOf('e2e_p50_ms')], '', 'no successful request: empty, not NaN');
    assert.equal(lines[1].split(',')[CSV_COLUMNS.indexOf('e2e_p95_ms')], '120');
  });

  it('JSON: NaN figures become null (valid JSON), the target verdict is included', () => {
    const t = parseTarget('p95<=150ms@5rps');
    const j = JSON.parse(
      JSON.stringify(toJson({ endpoints: ['h:1'], model: 'm', task: 'abstract', prompts: 3, matters: 1, meanPromptChars: 10.4, maxTokens: 8 }, levels, evaluateTarget(t, levels), t)),
    ) as { levels: { e2eMs: { p50: number | null } }[]; target: { met: boolean } };
    assert.equal(j.levels[1].e2eMs.p50, null);
    assert.equal(j.levels[0].e2eMs.p50, 60);
    assert.equal(j.target.met, true);
  });

  it('the SVG chart parses as XML and holds one point per level per series, escaped', () => {
    const svg = latencyChart(levels.slice(0, 1).concat([levelOf({ load: { kind: 'concurrency', concurrency: 8 }, requestsPerS: 40, e2eP95: 300 })]), {
      title: 'model <a&b>',
      target: parseTarget('p95<=420ms@180rps'),
    });
    const doc = parseSvg(svg);
    assert.equal(doc.documentElement!.nodeName, 'svg');
    const points = Array.from(doc.getElementsByTagName('circle'));
    assert.equal(points.length, 4);
    const p95 = points.filter((p) => (p.parentNode as Element).getAttribute('data-series') === 'e2e-p95');
    assert.deepEqual(
      p95.map((p) => [p.getAttribute('data-load'), p.getAttribute('data-rps'), p.getAttribute('data-ms')]),
      [
        ['c=1', '9.5', '120'],
        ['c=8', '40', '300'],
      ],
    );
    // Higher latency is higher on the page (smaller y).
    assert.ok(Number(p95[1].getAttribute('cy')) < Number(p95[0].getAttribute('cy')));
    assert.equal(doc.getElementsByTagName('title')[0].textContent, 'model <a&b>');
    assert.throws(() => parseSvg(svg.replace('</svg>', '')), /not well-formed XML/, 'the parser is strict');
    assert.throws(() => parseSvg(svg.replace('data-load="c=8"', 'data-load="c=8" data-load="x"')), /not well-formed XML/);
    const empty = latencyChart([]);
    assert.match(empty, /no successful request measured/);
  });

  it('progress line: a bar, the level and the counts', () => {
    assert.equal(
      progressLine({ level: 1, levels: 3, load: { kind: 'concurrency', concurrency: 8 }, done: 50, total: 100, elapsedMs: 1234 }),
      `[${'#'.repeat(12)}${'.'.repeat(12)}] level 2/3 c=8  50/100 requests  1.2 s`,
    );
  });
});

describe('loadtest bounds and options', () => {
  const base: RunPlan = { prompts: ['p'], levels: [{ kind: 'concurrency', concurrency: 1 }], requests: 1, maxTokens: 8, deadlineMs: 1000 };
  it('every bound is checked with a message naming it', () => {
    const bad: [Partial<RunPlan>, RegExp][] = [
      [{ levels: [{ kind: 'concurrency', concurrency: 0 }] }, /concurrency 0 is out of range: 1 to 1024/],
      [{ levels: [{ kind: 'concurrency', concurrency: 5000 }] }, /1 to 1024/],
      [{ levels: [{ kind: 'rate', ratePerS: 1e6, arrival: 'poisson' }] }, /at most 10000/],
      [{ levels: Array.from({ length: 17 }, () => ({ kind: 'concurrency' as const, concurrency: 1 })) }, /at most 16 in one run/],
      [{ requests: undefined, durationMs: 2 * 3_600_000 }, /at most 60 minutes per level/],
      [{ requests: 1e7 }, /1 to 100000 per level/],
      [{ durationMs: 1000 }, /a duration or a number of requests \(one of them\)/],
      [{ warmup: -1 }, /warm-up/],
      [{ maxTokens: 0 }, /max tokens/],
      [{ prompts: [] }, /no prompts/],
    ];
    for (const [p, re] of bad) assert.throws(() => checkPlan({ ...base, ...p }), re);
    assert.doesNotThrow(() => checkPlan(base));
  });

  it('options: durations, lists, defaults and refusals', () => {
    assert.deepEqual([parseDuration('60s'), parseDuration('500ms'), parseDuration('2m'), parseDuration('1h'), parseDuration('1.5')], [60_000, 500, 120_000, 3_600_000, 1500]);
    assert.throws(() => parseDuration('soon'), /--duration must look like/);
    const o = parseBenchArgs(['--endpoint', 'a:1,b:2', '--model', 'ensemble']);
    assert.deepEqual(o.endpoints, ['a:1', 'b:2']);
    assert.deepEqual(
      o.plan.levels.map((l) => (l.kind === 'concurrency' ? l.concurrency : 0)),
      [1, 8, 32, 64],
    );
    assert.equal(o.plan.durationMs, 60_000);
    assert.equal(o.plan.maxTokens, 400);
    const r = parseBenchArgs(['--endpoint', 'a:1', '--model', 'm', '--rate', '5,10', '--arrival', 'constant', '--requests', '20', '--format', 'csv']);
    assert.deepEqual(r.plan.levels, [
      { kind: 'rate', ratePerS: 5, arrival: 'constant' },
      { kind: 'rate', ratePerS: 10, arrival: 'constant' },
    ]);
    assert.equal(r.plan.durationMs, undefined);
    const t = parseBenchArgs(['--endpoint', 'a:1', '--model', 'm', '--cert', 'c.pem', '--key', 'k.pem', '--ca', 'ca.pem']);
    assert.deepEqual([t.tls !== false, t.certFile, t.keyFile, t.caFile], [true, 'c.pem', 'k.pem', 'ca.pem']);
    const refused: [string[], RegExp][] = [
      [['--model', 'm'], /--endpoint HOST:PORT is required/],
      [['--endpoint', 'a:1'], /--model NAME is required/],
      [['--endpoint', 'a'], /needs HOST:PORT/],
      [['--endpoint', 'a:1', '--model', 'm', '--rate', '1', '--concurrency', '1'], /not both/],
      [['--endpoint', 'a:1', '--model', 'm', '--duration', '1s', '--requests', '3'], /not both/],
      [['--endpoint', 'a:1', '--model', 'm', '--concurrency', '1,x'], /positive numbers/],
      [['--endpoint', 'a:1', '--model', 'm', '--chart', 'out.png'], /ending in \.svg/],
      [['--endpoint', 'a:1', '--model', 'm', '--task', 'claim'], /--task must be one of abstract, dependent, continue/],
      [['--endpoint', 'a:1', '--model', 'm', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['--endpoint', 'a:1', '--model', 'm', '--duration', '3h'], /at most 60 minutes/],
      [['--endpoint', 'a:1', '--model', 'm', '--cert', 'c.pem'], /--cert and --key go together/],
    ];
    for (const [args, re] of refused) assert.throws(() => parseBenchArgs(args), re, args.join(' '));
  });
});

/** A stand-in server in-process: serves one request at a time (a queue in front), `serviceMs` each. */
function queueOfOne(serviceMs: number): LoadTarget & { maxInFlight: number; calls: number } {
  let busyUntil = 0;
  let inFlight = 0;
  const t = {
    maxInFlight: 0,
    calls: 0,
    generate(): LoadGeneration {
      t.calls++;
      inFlight++;
      t.maxInFlight = Math.max(t.maxInFlight, inFlight);
      const start = performance.now();
      const begin = Math.max(start, busyUntil);
      busyUntil = begin + serviceMs;
      const finish = busyUntil;
      let resolveM!: (m: { timeToFirstTokenMs?: number; interTokenLatencyMs?: number; outputTokens: number }) => void;
      const metrics = new Promise<{ timeToFirstTokenMs?: number; interTokenLatencyMs?: number; outputTokens: number }>((r) => (resolveM = r));
      return {
        metrics,
        async *[Symbol.asyncIterator]() {
          await new Promise((r) => setTimeout(r, Math.max(0, finish - performance.now())));
          inFlight--;
          resolveM({ timeToFirstTokenMs: performance.now() - start, outputTokens: 1 });
          yield { text: 'x' };
        },
      };
    },
  };
  return t;
}

describe('loadtest runner loops (stand-in server)', function () {
  this.timeout(20_000);
  const plan = (p: Partial<RunPlan>): RunPlan => ({ prompts: ['a', 'b'], levels: [{ kind: 'concurrency', concurrency: 1 }], requests: 20, warmup: 0, maxTokens: 4, deadlineMs: 5000, ...p });

  it('closed loop keeps exactly c requests in flight and excludes the warm-up', async () => {
    const srv = queueOfOne(2);
    const [r] = await runLoad(srv, plan({ levels: [{ kind: 'concurrency', concurrency: 3 }], requests: 12, warmup: 4 }));
    assert.equal(srv.calls, 16);
    assert.equal(srv.maxInFlight, 3);
    assert.equal(r.stats.requests, 12);
    assert.equal(r.warmup, 4);
  });

  it('open loop measures from the scheduled time, so a queue shows; a closed loop of one never queues', async () => {
    // 20 ms of service a request, 100 arrivals a second: twice what the server can do.
    const [open] = await runLoad(queueOfOne(20), plan({ levels: [{ kind: 'rate', ratePerS: 100, arrival: 'constant' }] }));
    const [closed] = await runLoad(queueOfOne(20), plan({}));
    // Request k waits about 10 k ms behind the others: the last ones take about 200 ms.
    assert.ok(open.stats.e2eMs.p95 > 150, `open-loop p95 ${open.stats.e2eMs.p95}`);
    assert.ok(open.stats.e2eMs.p50 > 80, `open-loop p50 ${open.stats.e2eMs.p50}`);
    assert.ok(closed.stats.e2eMs.p95 < 60, `closed-loop p95 ${closed.stats.e2eMs.p95}`);
    assert.ok(open.stats.ttftMs.p95 > 150, 'TTFT counts the queue too');
  });

  it('duration mode stops sending when the window ends; aborting ends the run', async () => {
    const srv = queueOfOne(5);
    const [r] = await runLoad(srv, plan({ requests: undefined, durationMs: 200 }));
    assert.equal(r.stoppedBy, 'duration');
    assert.ok(r.stats.requests >= 10 && r.stats.requests <= 45, `${r.stats.requests} requests in 200 ms of 5 ms each`);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const results = await runLoad(
      queueOfOne(5),
      plan({
        requests: undefined,
        durationMs: 60_000,
        levels: [
          { kind: 'concurrency', concurrency: 1 },
          { kind: 'concurrency', concurrency: 2 },
        ],
      }),
      { signal: stop.signal },
    );
    assert.equal(results.length, 1);
    assert.equal(results[0].stoppedBy, 'aborted');
  });

  it('open loop: arrivals beyond the in-flight bound are refused and counted as "client-limit"', async () => {
    // Nothing answers for 1.5 s: at 10,000 arrivals a second, the bound (4,096) is reached.
    const slow: LoadTarget = {
      generate(): LoadGeneration {
        let done!: (m: { outputTokens: number }) => void;
        const metrics = new Promise<{ outputTokens: number }>((r) => (done = r));
        return {
          metrics,
          async *[Symbol.asyncIterator]() {
            await new Promise((r) => setTimeout(r, 1500));
            done({ outputTokens: 1 });
            yield { text: 'x' };
          },
        };
      },
    };
    const [r] = await runLoad(slow, plan({ levels: [{ kind: 'rate', ratePerS: 10_000, arrival: 'constant' }], requests: 4200 }));
    assert.equal(r.stats.requests, 4200);
    assert.equal(r.stats.ok, 4096);
    assert.deepEqual(r.stats.errors, { 'client-limit': 104 });
  });

  it('a target that throws is counted as a failure of kind "other", not a crash', async () => {
    const target: LoadTarget = {
      generate() {
        throw new Error('boom');
      },
    };
    const [r] = await runLoad(target, plan({ requests: 3 }));
    assert.deepEqual(r.stats.errors, { other: 3 });
  });
});
