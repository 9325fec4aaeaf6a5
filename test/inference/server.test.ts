// The test server keeps Triton's rules: these tests pin them down with a raw grpc-js client,
// so the client tests that follow are run against a server that is as strict as Triton.
import assert from 'node:assert/strict';
import { encodeBytes, encodeInt32, decodeBytes } from '../../src/inference/tensors';
import { FakeTriton } from './server/triton-server';
import { ensembleModel, fakeText, fakeToken, vllmModel } from './server/models';
import { collectStream, isFinal, rawClient, waitFor, type RawStub } from './helpers';

function ensembleRequest(id: string, opts: { maxTokens?: number; final?: boolean; shape?: number[]; extraParams?: Record<string, unknown> } = {}) {
  const shape = opts.shape ?? [1, 1];
  return {
    model_name: 'ensemble',
    id,
    parameters: { ...(opts.final === false ? {} : { triton_enable_empty_final_response: { bool_param: true } }), ...opts.extraParams },
    inputs: [
      { name: 'text_input', datatype: 'BYTES', shape },
      { name: 'max_tokens', datatype: 'INT32', shape },
      { name: 'stream', datatype: 'BOOL', shape },
    ],
    raw_input_contents: [encodeBytes(['prompt']), encodeInt32([opts.maxTokens ?? 3]), Buffer.from([1])],
  };
}

const textOf = (r: { infer_response: { raw_output_contents: Buffer[] } | null }) => decodeBytes(r.infer_response!.raw_output_contents[0])[0].toString('utf8');

describe('test server: Triton request rules', () => {
  let server: FakeTriton;
  let stub: RawStub;
  before(async () => {
    server = await FakeTriton.start({ models: [ensembleModel(), vllmModel()] });
    stub = rawClient(server.address);
  });
  after(async () => {
    stub.close();
    await server.close();
  });

  it('streams one response per token, then the empty final response when asked', async () => {
    const { responses, timedOut } = await collectStream(stub, [ensembleRequest('a', { maxTokens: 3 })], (all) => all.some(isFinal));
    assert.equal(timedOut, false);
    assert.equal(responses.length, 4);
    assert.deepEqual(responses.slice(0, 3).map(textOf), [fakeToken(0), fakeToken(1), fakeToken(2)]);
    const last = responses[3].infer_response!;
    assert.equal(last.outputs.length, 0);
    assert.equal(last.id, 'a');
    assert.deepEqual(last.parameters.triton_final_response.bool_param, true);
    assert.deepEqual(responses[0].infer_response!.outputs[0].shape, ['1', '1']);
  });

  it('does not send the empty final response unless the request asks for it', async () => {
    const { responses, timedOut } = await collectStream(stub, [ensembleRequest('b', { maxTokens: 2, final: false })], () => false, 300);
    assert.equal(timedOut, true);
    assert.equal(responses.length, 2);
    assert.ok(!responses.some(isFinal));
  });

  it('rejects a [1] shape where the batching model expects [1,1], on the stream', async () => {
    const { responses } = await collectStream(stub, [ensembleRequest('c', { shape: [1] })], (all) => all.length > 0);
    assert.match(responses[0].error_message, /unexpected shape for input 'text_input' for model 'ensemble'\. Expected \[-1,1\], got \[1\]/);
  });

  it('rejects a batch dimension for a model with max_batch_size 0', async () => {
    const req = {
      model_name: 'vllm_model',
      id: 'v',
      inputs: [{ name: 'text_input', datatype: 'BYTES', shape: [1, 1] }],
      raw_input_contents: [encodeBytes(['p'])],
    };
    const { responses } = await collectStream(stub, [req], (all) => all.length > 0);
    assert.match(responses[0].error_message, /unexpected shape .*Expected \[1\], got \[1,1\]/);
  });

  it('rejects contents mixed with raw_input_contents', async () => {
    const req = ensembleRequest('d') as Record<string, unknown> & { inputs: Record<string, unknown>[] };
    req.inputs[0].contents = { bytes_contents: [Buffer.from('x')] };
    const { responses } = await collectStream(stub, [req], (all) => all.length > 0);
    assert.match(responses[0].error_message, /contents field must not be specified when using raw_input_contents/);
  });

  it('rejects unknown triton_-prefixed parameters but accepts triton_enable_empty_final_response', async () => {
    const { responses } = await collectStream(stub, [ensembleRequest('e', { extraParams: { triton_priority: { int64_param: 1 } } })], (all) => all.length > 0);
    assert.match(responses[0].error_message, /starting with 'triton_' are reserved/);
  });

  it('rejects an input the model does not have, and a wrong datatype', async () => {
    const bad = ensembleRequest('f') as { inputs: { name: string; datatype: string }[] };
    bad.inputs[2].name = 'streaming';
    const r1 = await collectStream(stub, [bad], (all) => all.length > 0);
    assert.match(r1.responses[0].error_message, /unexpected inference input 'streaming' for model 'ensemble'/);
    const bad2 = ensembleRequest('g') as { inputs: { name: string; datatype: string }[] };
    bad2.inputs[1].datatype = 'INT64';
    const r2 = await collectStream(stub, [bad2], (all) => all.length > 0);
    assert.match(r2.responses[0].error_message, /data-type is 'INT64', but model 'ensemble' expects 'INT32'/);
  });

  it('reports a missing required input with the ones that are missing', async () => {
    const req = ensembleRequest('h') as { inputs: unknown[]; raw_input_contents: unknown[] };
    req.inputs.splice(1, 1);
    req.raw_input_contents.splice(1, 1);
    const { responses } = await collectStream(stub, [req], (all) => all.length > 0);
    assert.match(responses[0].error_message, /missing required input\(s\) \['max_tokens'\]/);
  });

  it('interleaves the responses of concurrent requests on one stream', async () => {
    server.settings.tokenDelayMs = 2;
    try {
      const { responses } = await collectStream(stub, [ensembleRequest('p', { maxTokens: 6 }), ensembleRequest('q', { maxTokens: 6 })], (all) => all.filter(isFinal).length === 2);
      const ids = responses.map((r) => r.infer_response!.id);
      const firstQ = ids.indexOf('q');
      const lastP = ids.lastIndexOf('p');
      assert.ok(firstQ >= 0 && firstQ < lastP, `responses not interleaved: ${ids.join(',')}`);
      assert.equal(
        responses
          .filter((r) => r.infer_response!.id === 'p')
          .map((r) => (r.infer_response!.outputs.length ? textOf(r) : ''))
          .join(''),
        fakeText(6),
      );
    } finally {
      server.settings.tokenDelayMs = 0;
    }
  });

  it('notices when the client cancels the stream', async () => {
    server.settings.tokenDelayMs = 20;
    try {
      const call = stub.ModelStreamInfer();
      call.on('error', () => undefined);
      const first = new Promise<void>((r) => call.once('data', () => r()));
      call.write(ensembleRequest('cancel-me', { maxTokens: 100 }));
      await first;
      call.cancel();
      assert.ok(await waitFor(() => server.cancelled.includes('cancel-me')), 'server did not observe the cancellation');
    } finally {
      server.settings.tokenDelayMs = 0;
    }
  });

  it('answers ModelInfer on a decoupled model with an error, as Triton does', async () => {
    const err = await new Promise<Error & { code: number }>((resolve) => (stub.ModelInfer as (r: unknown, cb: (e: Error & { code: number }) => void) => void)(ensembleRequest('u'), (e) => resolve(e)));
    assert.ok(err);
    assert.match(err.message, /decoupled/);
  });
});
