// `patent-draft triton status` in-process against the test server.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli } from '../support/io';
import { FakeTriton } from './server/triton-server';
import { customModel, ensembleModel, vllmModel } from './server/models';

describe('patent-draft triton status', () => {
  let server: FakeTriton;
  before(async () => {
    server = await FakeTriton.start({ models: [ensembleModel(), vllmModel(), customModel()] });
  });
  after(() => server.close());

  it('shows server, model readiness, layout, inputs, outputs and round trip', async () => {
    const r = await cli(['triton', 'status', '--endpoint', server.address, '--model', 'vllm_model']);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /server +triton 2\.59\.0 +live=yes ready=yes health=SERVING/);
    assert.match(r.out, /model +vllm_model v1: ready .*max_batch_size=0 .*decoupled/);
    assert.match(r.out, /layout +vLLM backend \(vllm\)/);
    assert.match(r.out, /inputs +text_input BYTES \[1\], stream BOOL \[1\] \(optional\), sampling_parameters BYTES \[1\]/);
    assert.match(r.out, /outputs +text_output BYTES \[-1\]/);
    assert.match(r.out, /round trip +\d+\.\d+ ms/);
  });

  it('--json, and exit 1 with the inputs listed when the layout is not recognised', async () => {
    const r = await cli(['triton', 'status', '--endpoint', server.address, '--model', 'my_llm', '--json']);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out) as { model: { inputs: { name: string }[] }; error: string; layout?: unknown };
    assert.deepEqual(
      j.model.inputs.map((i) => i.name),
      ['PROMPT', 'MAX_NEW', 'DO_STREAM', 'LORA'],
    );
    assert.equal(j.layout, undefined);
    assert.match(j.error, /its inputs are: PROMPT BYTES/);
  });

  it('exit 1 naming the cause for an unreachable endpoint; exit 2 for bad usage', async () => {
    const r = await cli(['triton', 'status', '--endpoint', '127.0.0.1:1', '--timeout', '2000']);
    assert.equal(r.code, 1);
    assert.match(r.out, /error +cannot reach Triton at 127\.0\.0\.1:1/);
    assert.equal((await cli(['triton', 'status'])).code, 2);
    assert.equal((await cli(['triton', 'frobnicate'])).code, 2);
  });
});

describe('patent-draft generate --backend triton: deadlines', () => {
  let server: FakeTriton;
  before(async () => {
    server = await FakeTriton.start({ models: [ensembleModel()] });
  });
  after(() => server.close());
  const matter = join(__dirname, '..', '..', 'examples', 'bicycle-brake');

  it('--timeout bounds the stream, not only unary calls, and the message names the setting', async () => {
    server.settings = { firstTokenDelayMs: 5000, tokenDelayMs: 0 };
    const r = await cli(['generate', 'abstract', matter, '--backend', 'triton', '--endpoint', server.address, '--max-tokens', '100000', '--timeout', '400']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /exceeded its 400 ms deadline.*--timeout/);
  });

  it('--idle-timeout ends a stream that stalls', async () => {
    server.settings = { firstTokenDelayMs: 0, tokenDelayMs: 0, stallAfterTokens: 2 };
    const r = await cli(['generate', 'abstract', matter, '--backend', 'triton', '--endpoint', server.address, '--idle-timeout', '300']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /no token from .* for 300 ms.*--idle-timeout/);
  });
});
