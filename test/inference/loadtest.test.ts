// The load tool against the Triton test server: the figures it reports match the delays the
// server was given, in every layout; failures are counted by kind; the open-loop schedule is
// kept whatever the server does; warm-up requests are sent but not measured.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { TritonClient } from '../../src/inference/index';
import { loadPrompts, runLoad, type LoadTarget, type RunPlan } from '../../src/loadtest/index';
import { FakeTriton } from './server/triton-server';
import { blsModel, ensembleModel, vllmModel } from './server/models';

const MATTER = resolve(__dirname, '../../examples/bicycle-brake');
const FIRST = 60;
const GAP = 10;
const TOKENS = 6;

/** Timers never fire early; on a busy machine they fire late. Bounds: [expected - 2, expected + slack],
 *  the slack at least 60% of the expected figure (CI machines are shared). */
function near(actual: number, expected: number, slack: number, what: string): void {
  const up = Math.max(slack, expected * 0.6);
  assert.ok(actual >= expected - 2 && actual <= expected + up, `${what}: ${actual.toFixed(2)} ms, expected ${expected} ms (-2/+${up})`);
}

describe('triton bench load generator against the test server', function () {
  this.timeout(30_000);
  let server: FakeTriton;
  let prompts: string[];
  const clients: TritonClient[] = [];
  const client = (model: string) => {
    const c = new TritonClient({ endpoints: [server.address], model });
    clients.push(c);
    return c;
  };
  const plan = (p: Partial<RunPlan>): RunPlan => ({ prompts, levels: [{ kind: 'concurrency', concurrency: 2 }], requests: 6, warmup: 2, maxTokens: TOKENS, deadlineMs: 10_000, ...p });

  before(async () => {
    prompts = (await loadPrompts([MATTER], 'dependent')).prompts;
    server = await FakeTriton.start({ models: [ensembleModel(), blsModel(false), blsModel(true, 'bls_accumulate'), vllmModel()], settings: { firstTokenDelayMs: FIRST, tokenDelayMs: GAP } });
  });
  afterEach(() => {
    server.settings = { firstTokenDelayMs: FIRST, tokenDelayMs: GAP };
    server.requests.length = 0;
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  for (const model of ['ensemble', 'tensorrt_llm_bls', 'bls_accumulate', 'vllm_model']) {
    it(`${model}: TTFT, inter-token and end-to-end latency match the server's delays; warm-up excluded`, async () => {
      const [r] = await runLoad(client(model), plan({}));
      const s = r.stats;
      assert.equal(s.requests, 6);
      assert.equal(s.ok, 6, JSON.stringify(s.errors));
      assert.deepEqual(s.errors, {});
      assert.equal(server.requests.length, 8, 'two warm-up requests were sent as well');
      assert.equal(s.outputTokens, 6 * TOKENS);
      near(s.ttftMs.p50, FIRST, 40, 'TTFT p50');
      near(s.e2eMs.p50, FIRST + (TOKENS - 1) * GAP, 60, 'end-to-end p50');
      near(s.itlMs.p50, GAP, 8, 'ITL p50');
      assert.ok(s.ttftMs.p95 >= s.ttftMs.p50 && s.e2eMs.p99 >= s.e2eMs.p95 && s.e2eMs.p95 >= s.e2eMs.p50);
      // Two streams in flight, each about FIRST + 5 GAP long: about 2 / 0.11 s = 18 requests/s.
      assert.ok(s.requestsPerS > 8 && s.requestsPerS < 19, `requests/s ${s.requestsPerS}`);
      assert.ok(Math.abs(s.outputTokensPerS - s.requestsPerS * TOKENS) < 1e-6);
      // Real Patent Draft prompts went out, with the token limit.
      for (const seen of server.requests) assert.ok(prompts.includes(String(seen.values.get('text_input')?.[0])), 'a prompt of the matter');
    });
  }

  it('many streams at once: no listener pile-up on a shared signal (no MaxListenersExceededWarning)', async () => {
    server.settings = { firstTokenDelayMs: 20, tokenDelayMs: 1 };
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const [r] = await runLoad(client('ensemble'), plan({ levels: [{ kind: 'concurrency', concurrency: 24 }], requests: 48, warmup: 0, maxTokens: 3 }));
      assert.equal(r.stats.ok, 48);
      await new Promise((res) => setImmediate(res)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(
      warnings.filter((w) => w === 'MaxListenersExceededWarning'),
      [],
    );
  });

  it('counts failed requests by kind: a model that fails mid-stream, a deadline', async () => {
    server.settings = { firstTokenDelayMs: 5, tokenDelayMs: 2, failAfterTokens: 2 };
    const [failing] = await runLoad(client('ensemble'), plan({ requests: 5, warmup: 0 }));
    assert.equal(failing.stats.requests, 5);
    assert.equal(failing.stats.ok, 0);
    assert.deepEqual(failing.stats.errors, { 'model-error': 5 });
    assert.ok(Number.isNaN(failing.stats.e2eMs.p50), 'no latency from failed requests');
    assert.equal(failing.stats.requestsPerS, 0);

    server.settings = { firstTokenDelayMs: 300, tokenDelayMs: 0 };
    const [late] = await runLoad(client('vllm_model'), plan({ requests: 3, warmup: 0, deadlineMs: 50 }));
    assert.deepEqual(late.stats.errors, { deadline: 3 });
  });

  it('open loop at a fixed interval: sends on schedule while earlier requests are still running', async () => {
    server.settings = { firstTokenDelayMs: 100, tokenDelayMs: 0 };
    const sends: number[] = [];
    const c = client('ensemble');
    const target: LoadTarget = { generate: (req, o) => (sends.push(performance.now()), c.generate(req, o)) };
    const [r] = await runLoad(target, plan({ levels: [{ kind: 'rate', ratePerS: 25, arrival: 'constant' }], requests: 12, warmup: 2 }));
    assert.equal(sends.length, 14, 'two warm-up arrivals, then 12 measured');
    // The schedule is absolute (one arrival every 40 ms from the first): a late timer delays a
    // send but never shifts the ones after it.
    const span = sends[13] - sends[0];
    assert.ok(span >= 13 * 40 - 2 && span < 13 * 40 + 250, `the 14 sends spanned ${span} ms, scheduled 520 ms`);
    // Each request takes 100 ms, yet they left every 40 ms: the schedule does not wait for
    // answers (a closed loop of one would take 1.4 s).
    assert.ok(span < 1000);
    assert.ok(r.offeredPerS! > 22 && r.offeredPerS! < 27, `offered ${r.offeredPerS}/s`);
    // The lag behind the schedule is measured (never negative beyond timer rounding).
    assert.equal(r.stats.sendLagMs.count, 12);
    assert.ok(Math.min(r.stats.sendLagMs.p50, r.stats.sendLagMs.max) >= -1.5, `send lag p50 ${r.stats.sendLagMs.p50} ms`);
    assert.equal(r.stats.ok, 12);
    assert.ok(r.stats.ttftMs.p50 >= 98, `TTFT p50 ${r.stats.ttftMs.p50} ms: at least the server's 100 ms`);
  });

  it('open loop with Poisson arrivals: the mean rate is kept and the gaps vary like an exponential', async () => {
    server.settings = { firstTokenDelayMs: 0, tokenDelayMs: 0 };
    const sends: number[] = [];
    const c = client('ensemble');
    const target: LoadTarget = { generate: (req, o) => (sends.push(performance.now()), c.generate(req, o)) };
    const [r] = await runLoad(target, plan({ levels: [{ kind: 'rate', ratePerS: 200, arrival: 'poisson' }], requests: 200, warmup: 0, maxTokens: 2, seed: 7 }));
    assert.equal(r.stats.ok, 200, JSON.stringify(r.stats.errors));
    const gaps = sends.slice(1).map((t, i) => t - sends[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
    assert.ok(mean > 4 && mean < 7, `mean gap ${mean} ms, expected 5 ms`);
    assert.ok(sd / mean > 0.6, `coefficient of variation ${sd / mean} (exponential gaps: about 1)`);
  });
});
