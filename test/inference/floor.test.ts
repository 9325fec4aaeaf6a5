// The client at 64 streams (issue 14, "a client at the floor"): the per-generation and
// per-turn work the benchmark found, pinned so that it does not come back. Speed itself is
// measured in bench/inference.bench.ts; these tests count the work, never time it.
import assert from 'node:assert/strict';
import { ensembleModel, fakeText } from './server/models';
import { fleet } from './helpers';
import { encodeInferRequest, readStreamToken, shortAscii, SHORT_TEXT } from '../../src/inference/wire';
import { loadTritonProto } from '../../src/inference/proto';

const { start, connect } = fleet(() => ({ models: [ensembleModel()] }));

/** Runs `fn` with `name` on globalThis wrapped to record its calls' arguments. */
async function recording<T>(name: 'setTimeout' | 'setImmediate', fn: () => Promise<T>): Promise<{ result: T; calls: unknown[][] }> {
  const g = globalThis as unknown as Record<string, (...a: unknown[]) => unknown>;
  const original = g[name];
  const calls: unknown[][] = [];
  g[name] = function (this: unknown, ...args: unknown[]) {
    calls.push(args);
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), calls };
  } finally {
    g[name] = original;
  }
}

describe('inference client: work per generation and per turn', () => {
  it('arms its first-token and idle watches with whole milliseconds (one shared Node timer list per duration)', async () => {
    const s = await start();
    const c = connect({
      endpoints: [s.address],
      model: 'ensemble',
      firstTokenTimeoutMs: 20_000,
      idleTimeoutMs: 30_000,
    });
    await c.generate({ prompt: 'p', maxTokens: 2 }).text(); // discovery outside the recording
    const { result, calls } = await recording('setTimeout', () => c.generate({ prompt: 'p', maxTokens: 8 }).text());
    assert.equal(result, fakeText(8));
    const watches = calls.map((a) => a[1]).filter((d): d is number => typeof d === 'number' && d > 10_000 && d <= 30_000);
    assert.ok(watches.length >= 2, `expected the first-token and the idle watch, saw delays ${JSON.stringify(calls.map((a) => a[1]))}`);
    for (const d of watches) assert.ok(Number.isInteger(d), `a watch armed with ${d} ms`);
  });

  it('wakes the consumers of concurrent streams with one setImmediate per turn, not one per stream', async () => {
    const s = await start();
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    await c.generate({ prompt: 'p', maxTokens: 2 }).text();
    const C = 32;
    const T = 64;
    let chunks = 0;
    const { result, calls } = await recording('setImmediate', () =>
      Promise.all(
        Array.from({ length: C }, async () => {
          let text = '';
          for await (const ch of c.generate({ prompt: 'p', maxTokens: T })) {
            text += ch.text;
            chunks++;
          }
          return text;
        }),
      ),
    );
    for (const t of result) assert.equal(t, fakeText(T));
    // The test server yields once per 32 tokens of each stream (C * T / 32 calls); the rest are
    // the client's. One per stream per turn would be about one per chunk.
    const server = (C * T) / 32;
    const client = calls.length - server;
    console.log(`      (${C} streams × ${T} tokens: ${chunks} chunks, ${calls.length} setImmediate calls)`);
    assert.ok(chunks > C * 4, `the streams were gathered into only ${chunks} chunks: nothing to measure`);
    assert.ok(client <= chunks / 4, `${client} setImmediate calls for ${chunks} chunks of ${C} streams`);
  });

  it('reads a response correctly after a malformed one (the token reader is reused across calls)', () => {
    const name = Buffer.from('text_output');
    assert.throws(() => readStreamToken(Buffer.from([0x12, 0x7f, 0x01]), name), /runs past the end|truncated/);
    // error_message "boom" (field 1), nothing else.
    const tok = readStreamToken(Buffer.from([0x0a, 0x04, 0x62, 0x6f, 0x6f, 0x6d]), name);
    assert.equal(tok.error, 'boom');
    assert.equal(tok.start, -1);
    assert.equal(tok.final, false);
  });

  it('reads the final flag exactly while comparing its key only when the flag could change', () => {
    const entry = (key: string, value: boolean) => {
      const k = Buffer.from(key);
      const body = Buffer.concat([Buffer.from([0x0a, k.length]), k, Buffer.from([0x12, 0x02, 0x08, value ? 1 : 0])]);
      return Buffer.concat([Buffer.from([0x22, body.length]), body]);
    };
    const response = (...entries: Buffer[]) => {
      const inner = Buffer.concat(entries);
      return Buffer.concat([Buffer.from([0x12, inner.length]), inner]);
    };
    const name = Buffer.from('text_output');
    const final = (...entries: Buffer[]) => readStreamToken(response(...entries), name).final;
    const key = 'triton_final_response';
    assert.equal(final(entry(key, true)), true);
    assert.equal(final(entry(key, false)), false);
    assert.equal(final(entry(key, true), entry(key, false)), false, 'the last entry of a key wins');
    assert.equal(final(entry(key, false), entry(key, true)), true);
    assert.equal(final(entry(key, true), entry('x', false)), true, 'another key does not clear it');
    assert.equal(final(entry('triton_final_responsf', true)), false, 'a key of the same length is not the flag');
    assert.equal(final(entry('x', true)), false);
  });

  it('reads a short ASCII token in JS, and leaves any other byte to the UTF-8 decoder', () => {
    const b = Buffer.from('xx the claim\u007f, é 1', 'utf8');
    assert.equal(shortAscii(b, 2, 12), ' the claim');
    assert.equal(shortAscii(b, 2, 13), ' the claim\u007f');
    assert.equal(shortAscii(b, 5, 5), '');
    assert.equal(shortAscii(b, 13, b.length), undefined, 'a byte of 0x80 or more is not ASCII');
    assert.ok(SHORT_TEXT >= 8 && SHORT_TEXT <= 64);
    // Every length up to SHORT_TEXT (one call per length up to 8, then a character at a time).
    const letters = 'abcdefghijklmnopqrstuvwxyz'.slice(0, SHORT_TEXT);
    for (let n = 0; n <= SHORT_TEXT; n++) assert.equal(shortAscii(Buffer.from(`<${letters}>`), 1, 1 + n), letters.slice(0, n), `${n} bytes`);
    assert.equal(shortAscii(Buffer.from('abcdefg\u00e9'), 0, 9), undefined, 'a non-ASCII byte after seven ASCII ones');
  });

  it('writes short ASCII names in JS and every other string as UTF-8, as the generic decoder reads them', () => {
    const decode = loadTritonProto().inferenceService.ModelStreamInfer.requestDeserialize as (b: Buffer) => Record<string, any>;
    const names = ['a', 'x'.repeat(64), 'y'.repeat(65), 'é', `${'z'.repeat(63)}é`, 'modèle', '\u{1F600}', 'ab\uD800cd', '\u007f\u0080'];
    for (const n of names) {
      const m = decode(
        encodeInferRequest({
          model_name: n,
          model_version: n,
          id: n,
          parameters: { [n]: n },
          inputs: [{ name: n, datatype: n, shape: [1] }],
          outputs: [n],
          raw_input_contents: [],
        }),
      );
      const want = Buffer.from(n, 'utf8').toString('utf8'); // a lone surrogate becomes U+FFFD, as Buffer.write makes it
      assert.equal(m.model_name, want);
      assert.equal(m.model_version, want);
      assert.equal(m.id, want);
      assert.equal(m.parameters[want].string_param, want);
      assert.equal(m.inputs[0].name, want);
      assert.equal(m.inputs[0].datatype, want);
      assert.equal(m.outputs[0].name, want);
    }
  });
});
