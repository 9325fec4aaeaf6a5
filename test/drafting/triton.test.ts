// The Triton backend against the test server (test/inference/server), in each model layout:
// every task sends exactly buildPrompt()'s text and gets cleaned output; cancel mid-stream and a
// server error mid-stream end with a clear error and no chunk marked complete. Plus the cleaning
// rules on scripted model output.
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { analyzeMatter, createMatter, type Analysis } from '../../src/core';
import { buildPrompt, collectDraft, DraftError, TritonBackend, type DraftChunk, type DraftTask, type TextGenerator } from '../../src/drafting';
import { TritonClient, type ModelMapping } from '../../src/inference';
import { FakeTriton } from '../inference/server/triton-server';
import { blsModel, customModel, ensembleModel, llmapiModel, nonDecoupledModel, vllmModel } from '../inference/server/models';

const DIR = path.join(__dirname, 'fixtures', 'sensor');
function fixture(): Analysis {
  const docs = ['claims.md', 'disclosure.md'].map((f) => ({ uri: path.join(DIR, f), text: readFileSync(path.join(DIR, f), 'utf8') }));
  return analyzeMatter(createMatter(DIR, docs));
}
const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return cond();
};

// The test server's text: "Claim 1. A fastening device comprising: a clip (é) — wherein the clip is 日本", repeated.
const ONE = 'A fastening device comprising: a clip (é) — wherein the clip is 日本';

const TASKS: [DraftTask, string][] = [
  [{ kind: 'abstract' }, ONE],
  [{ kind: 'dependent', claim: 1, count: 2 }, `3. ${ONE}\n\n4. ${ONE}`],
  [{ kind: 'continue', claim: 1, text: 'A monitoring system comprising a sensor' }, ONE],
  [{ kind: 'claim', passage: 'In some embodiments the sensor 104 comprises a thermocouple.' }, `3. ${ONE}`],
];

const LAYOUTS: { model: string; mapping?: ModelMapping }[] = [
  { model: 'ensemble' },
  { model: 'tensorrt_llm_bls' },
  { model: 'vllm_model' },
  { model: 'tllm_llmapi' },
  { model: 'my_llm', mapping: { textInput: 'PROMPT', textOutput: 'COMPLETION', maxTokens: 'MAX_NEW', stream: 'DO_STREAM', textMode: 'accumulated' } },
  { model: 'ensemble_sync' },
];

describe('drafting: Triton backend against the test server', function () {
  this.timeout(20000);
  let server: FakeTriton;
  const clients: TritonClient[] = [];
  const a = fixture();
  before(async () => {
    server = await FakeTriton.start({ models: [ensembleModel(), blsModel(true), vllmModel(), llmapiModel(), customModel(), nonDecoupledModel()] });
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });
  const connect = (model: string, mapping?: ModelMapping) => {
    const c = new TritonClient({ endpoints: [server.address], model, mapping });
    clients.push(c);
    return c;
  };
  const promptSent = (model: string) => {
    const r = [...server.requests].reverse().find((x) => x.model === model)!;
    return String(r.values.get(model === 'my_llm' ? 'PROMPT' : 'text_input')![0]);
  };

  for (const layout of LAYOUTS) {
    it(`${layout.model}: every task sends the prompt buildPrompt shows and returns cleaned output`, async () => {
      const backend = new TritonBackend(connect(layout.model, layout.mapping));
      for (const [task, expected] of TASKS) {
        const ctx = { analysis: a, settings: { maxTokens: 40 } };
        const r = await collectDraft(backend.generate(task, ctx));
        assert.equal(r.text, expected, `${task.kind}`);
        assert.ok(r.complete);
        assert.equal(r.chunks.filter((c) => c.done).length, 1);
        assert.equal(promptSent(layout.model), buildPrompt(task, ctx).text, `${task.kind}: the prompt sent`);
        if (task.kind === 'claim' || task.kind === 'dependent') {
          // The generated claims went through the core's checks ("the clip" is introduced, so no antecedent finding).
          const f = r.chunks.flatMap((c) => c.findings ?? []);
          assert.ok(f.every((x) => x.start >= 0 && x.end <= r.text.length && x.claim! >= 3));
        }
      }
    });
  }

  it('streams: the first chunk arrives before the generation ends', async () => {
    server.settings.tokenDelayMs = 10;
    try {
      const backend = new TritonBackend(connect('ensemble'));
      const t0 = performance.now();
      let first = 0;
      const r: DraftChunk[] = [];
      for await (const c of backend.generate({ kind: 'abstract' }, { analysis: a, settings: { maxTokens: 16 } })) {
        if (!first && c.text) first = performance.now() - t0;
        r.push(c);
      }
      const total = performance.now() - t0;
      assert.ok(r.filter((c) => c.text).length >= 3, `${r.length} chunks`);
      assert.ok(first < total - 40, `first ${first.toFixed(0)} ms, total ${total.toFixed(0)} ms`);
    } finally {
      server.settings.tokenDelayMs = 0;
    }
  });

  it('cancel mid-stream: a cancelled error, the request cancelled on the server, nothing marked complete', async () => {
    server.settings.tokenDelayMs = 5;
    try {
      const backend = new TritonBackend(connect('ensemble'));
      const ac = new AbortController();
      const seen: DraftChunk[] = [];
      const before = server.cancelled.length;
      await assert.rejects(
        (async () => {
          for await (const c of backend.generate(
            { kind: 'continue', claim: 1, text: 'A monitoring system comprising a sensor' },
            { analysis: a, settings: { maxTokens: 200 } },
            { signal: ac.signal },
          )) {
            seen.push(c);
            if (seen.length === 2) ac.abort();
          }
        })(),
        (e: unknown) => e instanceof DraftError && e.code === 'cancelled',
      );
      assert.equal(seen.length, 2);
      assert.ok(seen.every((c) => !c.done));
      assert.ok(await waitFor(() => server.cancelled.length > before), 'the server saw the cancellation');
    } finally {
      server.settings.tokenDelayMs = 0;
    }
  });

  it('a server error mid-stream: a clear error saying the text so far is incomplete, nothing marked complete', async () => {
    server.settings.failAfterTokens = 12;
    try {
      const backend = new TritonBackend(connect('vllm_model'));
      const seen: DraftChunk[] = [];
      await assert.rejects(
        (async () => {
          for await (const c of backend.generate({ kind: 'abstract' }, { analysis: a, settings: { maxTokens: 40 } })) seen.push(c);
        })(),
        (e: unknown) =>
          e instanceof DraftError && e.code === 'backend' && /Triton generation failed after \d+ characters; the text shown so far is incomplete: .*simulated executor failure/.test(e.message),
      );
      assert.ok(seen.length > 0 && seen.every((c) => !c.done));
    } finally {
      server.settings.failAfterTokens = undefined;
    }
  });

  it('an unreachable endpoint or a missing model: a clear error before any text', async () => {
    const backend = new TritonBackend(connect('no_such_model'));
    await assert.rejects(
      collectDraft(backend.generate({ kind: 'abstract' }, { analysis: a })),
      (e: unknown) => e instanceof DraftError && e.code === 'backend' && /no_such_model/.test(e.message) && !/incomplete/.test(e.message),
    );
  });
});

/** A stand-in model that streams scripted pieces. */
function scripted(pieces: string[]): TextGenerator & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    prompts,
    async *generate(req, opts) {
      prompts.push(req.prompt);
      for (const p of pieces) {
        if (opts.signal?.aborted) return;
        yield { text: p };
      }
    },
  };
}

describe('drafting: cleaning model output', () => {
  const a = fixture();
  const gen = async (task: DraftTask, pieces: string[]) => collectDraft(new TritonBackend(scripted(pieces)).generate(task, { analysis: a }));
  const split = (s: string) => s.match(/[\s\S]{1,3}/g)!;

  it('dependent claims: renumbered from the next claim, dependency fixed to the parent, checked', async () => {
    const raw =
      'Dependent claims:\n2. The monitoring system of claim 3, wherein the sensor comprises a thermocouple.\n\n7. The monitoring system of claim 2, wherein the thermostat is mounted on the housing.\n';
    const r = await gen({ kind: 'dependent', claim: 1 }, split(raw));
    assert.equal(r.text, '3. The monitoring system of claim 1, wherein the sensor comprises a thermocouple.\n\n4. The monitoring system of claim 1, wherein the thermostat is mounted on the housing.');
    const f = r.chunks.flatMap((c) => c.findings ?? []);
    const ante = f.find((x) => x.code === 'antecedent-basis');
    assert.ok(ante, 'the thermostat has no antecedent');
    assert.equal(ante.claim, 4);
    assert.match(r.text.slice(ante.start, ante.end), /thermostat/);
  });

  it('a claim: an echoed prompt stripped, numbered, stopped at the next claim', async () => {
    const task: DraftTask = { kind: 'claim', passage: 'In some embodiments the sensor 104 comprises a thermocouple.' };
    const prompt = buildPrompt(task, { analysis: a }).text;
    const r = await gen(task, split(prompt + '1. A sensor comprising a thermocouple.\n2. The sensor of claim 1, wherein'));
    assert.equal(r.text, '3. A sensor comprising a thermocouple.');
  });

  it('continue: the partial claim echoed back is stripped; stops at the next claim', async () => {
    const r = await gen(
      { kind: 'continue', claim: 1, text: 'A monitoring system comprising a sensor' },
      split('A monitoring system comprising a sensor disposed in the housing;\n   a display.\n\n2. The monitoring'),
    );
    assert.equal(r.text, ' disposed in the housing;\n   a display.');
  });

  it('abstract: one paragraph, label dropped, stopped at a blank line', async () => {
    const r = await gen({ kind: 'abstract' }, split('Abstract:\nA monitoring system includes a housing\nand a sensor.\n\nClaims:\n1. A'));
    assert.equal(r.text, 'A monitoring system includes a housing and a sensor.');
  });

  it('streamed deltas only ever append (never revise what was shown)', async () => {
    const raw = '2. The monitoring system of claim 7, wherein the sensor comprises a thermocouple.\n3. The monitoring system of claim 1, wherein the controller includes a wireless transmitter.';
    for (const size of [1, 2, 5, 11]) {
      const pieces = raw.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      const r = await gen({ kind: 'dependent', claim: 1 }, pieces);
      assert.equal(
        r.text,
        '3. The monitoring system of claim 1, wherein the sensor comprises a thermocouple.\n\n4. The monitoring system of claim 1, wherein the controller includes a wireless transmitter.',
        `pieces of ${size}`,
      );
    }
  });

  it('empty output is an error, not an empty suggestion', async () => {
    await assert.rejects(gen({ kind: 'abstract' }, ['  ', '\n']), (e: unknown) => e instanceof DraftError && e.code === 'backend' && /no usable text/.test(e.message));
  });
});

describe('drafting: checks on a continued claim', () => {
  const a = fixture();
  it('a continuation that refers to a term nobody introduced carries the antecedent finding', async () => {
    const r = await collectDraft(
      new TritonBackend(scripted([' connected to the thermostat;'])).generate({ kind: 'continue', claim: 1, text: 'A monitoring system comprising a sensor' }, { analysis: a }),
    );
    assert.equal(r.text, ' connected to the thermostat;');
    const f = r.chunks.flatMap((c) => c.findings ?? []).find((x) => x.code === 'antecedent-basis');
    assert.ok(f);
    assert.equal(f.claim, 1);
    assert.match(r.text.slice(f.start, f.end), /thermostat/);
  });
});
