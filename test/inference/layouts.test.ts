// The client against every deployment layout the test server serves: the tensors it sends
// (names, types, shapes) and the text it returns.
import assert from 'node:assert/strict';
import { TritonClient, InferenceError, decodeBytes, encodeBytes, recognizeLayout, modelInfoFromConfig, type ModelMapping } from '../../src/inference';
import { FakeTriton } from './server/triton-server';
import { blsModel, customModel, ensembleModel, fakeText, llmapiModel, nonDecoupledModel, vllmModel } from './server/models';

describe('inference client: layouts', () => {
  let server: FakeTriton;
  const clients: TritonClient[] = [];
  const client = (model: string, mapping?: ModelMapping) => {
    const c = new TritonClient({ endpoints: [server.address], model, mapping });
    clients.push(c);
    return c;
  };
  before(async () => {
    server = await FakeTriton.start({ models: [ensembleModel(), blsModel(true), blsModel(false, 'bls_delta'), vllmModel(), llmapiModel(), customModel(), nonDecoupledModel()] });
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });
  const lastRequest = () => server.requests[server.requests.length - 1];

  it('TensorRT-LLM ensemble: [1,1] tensors, stream flag, deltas', async () => {
    const c = client('ensemble');
    const chunks: string[] = [];
    const g = c.generate({ prompt: 'Draft claim 1', maxTokens: 12, temperature: 0.2, topP: 0.9, topK: 40, stop: ['\n\n', 'Claim 2'] });
    for await (const ch of g) chunks.push(ch.text);
    assert.equal(chunks.join(''), fakeText(12));
    const m = await g.metrics;
    assert.equal(m.outputTokens, 12);
    assert.equal(m.responses, 13); // 12 tokens + the empty final response
    const r = lastRequest();
    assert.equal(r.rpc, 'ModelStreamInfer');
    const shapes = Object.fromEntries(r.inputs.map((i) => [i.name, `${i.datatype}${JSON.stringify(i.shape)}`]));
    assert.deepEqual(shapes, {
      text_input: 'BYTES[1,1]',
      max_tokens: 'INT32[1,1]',
      stream: 'BOOL[1,1]',
      temperature: 'FP32[1,1]',
      top_p: 'FP32[1,1]',
      top_k: 'INT32[1,1]',
      stop_words: 'BYTES[1,2]',
      exclude_input_in_output: 'BOOL[1,1]',
    });
    assert.deepEqual(r.values.get('text_input'), ['Draft claim 1']);
    assert.deepEqual(r.values.get('max_tokens'), [12]);
    assert.deepEqual(r.values.get('stream'), [true]);
    assert.deepEqual(r.values.get('stop_words'), ['\n\n', 'Claim 2']);
    assert.deepEqual(r.parameters.triton_enable_empty_final_response, { bool_param: true, parameter_choice: 'bool_param' });
    assert.equal((await c.discover()).layout.kind, 'trtllm-ensemble');
  });

  it('TensorRT-LLM BLS with accumulate_tokens: whole text so far becomes deltas, nothing duplicated', async () => {
    const c = client('tensorrt_llm_bls');
    const chunks: string[] = [];
    for await (const ch of c.generate({ prompt: 'x', maxTokens: 20 })) chunks.push(ch.text);
    assert.equal(chunks.join(''), fakeText(20));
    const d = await c.discover();
    assert.equal(d.layout.kind, 'trtllm-bls');
    assert.equal(d.layout.textMode, 'accumulated');
  });

  it('TensorRT-LLM BLS without accumulate_tokens: deltas', async () => {
    const c = client('bls_delta');
    assert.equal(await c.generate({ prompt: 'x', maxTokens: 5 }).text(), fakeText(5));
    assert.equal((await c.discover()).layout.textMode, 'delta');
  });

  it('vLLM: no batch dimension, sampling_parameters as JSON', async () => {
    const c = client('vllm_model');
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 7, temperature: 0.5, stop: ['END'] }).text(), fakeText(7));
    const r = lastRequest();
    assert.deepEqual(
      r.inputs.map((i) => `${i.name}${JSON.stringify(i.shape)}`),
      ['text_input[1]', 'stream[1]', 'exclude_input_in_output[1]', 'sampling_parameters[1]'],
    );
    assert.deepEqual(JSON.parse(String(r.values.get('sampling_parameters')![0])), { max_tokens: 7, temperature: 0.5, stop: ['END'] });
  });

  it('TensorRT-LLM LLM API: streaming and sampling_param_* inputs', async () => {
    const c = client('tllm_llmapi');
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 9, seed: 7 }).text(), fakeText(9));
    const r = lastRequest();
    assert.deepEqual(r.values.get('streaming'), [true]);
    assert.deepEqual(r.values.get('sampling_param_max_tokens'), [9]);
    assert.deepEqual(r.values.get('sampling_param_seed'), [7]);
    assert.deepEqual(r.inputs.find((i) => i.name === 'text_input')!.shape, [1, 1]);
  });

  it('a model no layout fits: the error lists its inputs', async () => {
    const c = client('my_llm');
    await assert.rejects(c.generate({ prompt: 'p' }).text(), (e: InferenceError) => {
      assert.equal(e.code, 'layout');
      assert.match(e.message, /PROMPT BYTES \[1\], MAX_NEW INT32 \[1\], DO_STREAM BOOL \[1\]/);
      return true;
    });
  });

  it('the same model through an explicit mapping (accumulated text, second output)', async () => {
    const c = client('my_llm', { textInput: 'PROMPT', textOutput: 'COMPLETION', maxTokens: 'MAX_NEW', stream: 'DO_STREAM', textMode: 'accumulated' });
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 6 }).text(), fakeText(6));
    assert.deepEqual(lastRequest().values.get('MAX_NEW'), [6]);
  });

  it('a mapping naming an input the model does not have: the error lists the inputs', async () => {
    const c = client('my_llm', { textInput: 'PROMPT', textOutput: 'COMPLETION', maxTokens: 'max_tokens', stream: 'DO_STREAM' });
    await assert.rejects(c.generate({ prompt: 'p' }).text(), (e: InferenceError) => e.code === 'input-unknown' && /'max_tokens'.*PROMPT BYTES/.test(e.message));
  });

  it('a non-decoupled model goes through ModelInfer and returns the whole text', async () => {
    const c = client('ensemble_sync');
    const g = c.generate({ prompt: 'p', maxTokens: 4 });
    assert.equal(await g.text(), fakeText(4));
    assert.equal(lastRequest().rpc, 'ModelInfer');
    assert.deepEqual(lastRequest().values.get('stream'), [false]);
    const m = await g.metrics;
    assert.equal(m.streamed, false);
    assert.equal(m.status, 'ok');
  });

  it('recognises layouts from config alone, and BYTES tensors round-trip', () => {
    const info = modelInfoFromConfig(vllmModel().config);
    assert.equal(info.maxBatchSize, 0);
    assert.equal(info.decoupled, true);
    assert.equal(recognizeLayout(info).kind, 'vllm');
    const items = ['', 'a', 'é日本', 'x'.repeat(70000)];
    assert.deepEqual(
      decodeBytes(encodeBytes(items)).map((b) => b.toString()),
      items,
    );
  });
});

describe('inference client: fast response reader', () => {
  it('decodes ModelStreamInferResponse like the generic decoder', async () => {
    const { loadTritonProto } = await import('../../src/inference/proto');
    const { decodeStreamResponse } = await import('../../src/inference/wire');
    const def = loadTritonProto().inferenceService.ModelStreamInfer;
    const msgs = [
      { error_message: 'boom' },
      {
        infer_response: {
          model_name: 'ensemble',
          model_version: '1',
          id: 'r-9',
          parameters: { triton_final_response: { bool_param: true }, n: { int64_param: '-5' }, s: { string_param: 'v' }, d: { double_param: 0.25 } },
          outputs: [
            { name: 'cum_log_probs', datatype: 'FP32', shape: [1, 1] },
            { name: 'text_output', datatype: 'BYTES', shape: [1, 1], parameters: { a: { bool_param: false } } },
          ],
          raw_output_contents: [Buffer.alloc(4), encodeBytes(['hé'])],
        },
      },
      { infer_response: { id: 'c', outputs: [{ name: 'text_output', datatype: 'BYTES', contents: { bytes_contents: [Buffer.from('x'), Buffer.from('y')] } }] } },
    ];
    for (const m of msgs) {
      const bytes = (def.responseSerialize as (x: unknown) => Buffer)(m);
      const generic = (def.responseDeserialize as (b: Buffer) => Record<string, any>)(bytes);
      const fast = decodeStreamResponse(bytes);
      assert.equal(fast.error_message, generic.error_message);
      if (!generic.infer_response) {
        assert.equal(fast.infer_response, null);
        continue;
      }
      const g = generic.infer_response;
      const f = fast.infer_response!;
      assert.deepEqual(
        f.outputs!.map((o) => o.name),
        g.outputs.map((o: { name: string }) => o.name),
      );
      assert.deepEqual(
        f.raw_output_contents!.map((b) => b.toString('hex')),
        g.raw_output_contents.map((b: Buffer) => b.toString('hex')),
      );
      for (const [k, v] of Object.entries(g.parameters as Record<string, Record<string, unknown>>)) {
        const choice = v.parameter_choice as string;
        assert.deepEqual((f.parameters![k] as Record<string, unknown>)[choice], v[choice], k);
      }
      const gc = g.outputs.map((o: { contents: { bytes_contents: Buffer[] } | null }) => o.contents?.bytes_contents?.map((b) => b.toString()) ?? []);
      assert.deepEqual(
        f.outputs!.map((o) => o.contents?.bytes_contents?.map((b) => b.toString()) ?? []),
        gc,
      );
    }
    assert.throws(() => decodeStreamResponse(Buffer.from([0x12, 0x50, 0x01])), /length 80 runs past the end/);
  });

  it('the token hot path reads the same error, final flag and text as the full reader', async () => {
    const { loadTritonProto } = await import('../../src/inference/proto');
    const { readStreamToken, endsOnCharBoundary } = await import('../../src/inference/wire');
    const ser = loadTritonProto().inferenceService.ModelStreamInfer.responseSerialize as (x: unknown) => Buffer;
    const name = Buffer.from('text_output');
    const read = (m: unknown) => {
      const buf = ser(m);
      const t = readStreamToken(buf, name);
      return { error: t.error, final: t.final, complex: t.complex, text: t.start >= 0 ? buf.toString('utf8', t.start, t.end) : undefined };
    };
    assert.deepEqual(read({ error_message: 'boom' }), { error: 'boom', final: false, complex: false, text: undefined });
    const two = {
      outputs: [
        { name: 'cum_log_probs', datatype: 'FP32' },
        { name: 'text_output', datatype: 'BYTES' },
      ],
      raw_output_contents: [Buffer.alloc(4), encodeBytes(['hé'])],
    };
    assert.deepEqual(read({ infer_response: { ...two, parameters: { x: { bool_param: true }, triton_final_response: { bool_param: true } } } }), {
      error: '',
      final: true,
      complex: false,
      text: 'hé',
    });
    assert.deepEqual(read({ infer_response: { ...two, parameters: { triton_final_response: { bool_param: false } } } }).final, false);
    // Several elements, or `contents` instead of raw bytes: the full reader takes over.
    assert.equal(read({ infer_response: { outputs: [{ name: 'text_output' }], raw_output_contents: [encodeBytes(['a', 'b'])] } }).complex, true);
    assert.equal(read({ infer_response: { outputs: [{ name: 'text_output', contents: { bytes_contents: [Buffer.from('x')] } }] } }).complex, true);
    assert.equal(read({ infer_response: { outputs: [{ name: 'other' }], raw_output_contents: [encodeBytes(['a'])] } }).text, undefined);
    const e = Buffer.from('aé日😀');
    assert.ok(endsOnCharBoundary(e, 0, e.length));
    for (const cut of [2, 4, 5, e.length - 1, e.length - 2, e.length - 3]) assert.equal(endsOnCharBoundary(e, 0, cut), false, String(cut));
  });

  it('a character split across two responses arrives whole', async () => {
    const { loadTritonProto } = await import('../../src/inference/proto');
    const ser = loadTritonProto().inferenceService.ModelStreamInfer.responseSerialize as (x: unknown) => Buffer;
    const bytes = Buffer.from('é日');
    const part = (b: Buffer, final: boolean) =>
      ser({
        infer_response: { id: 'x', parameters: { triton_final_response: { bool_param: final } }, outputs: [{ name: 'text_output', datatype: 'BYTES' }], raw_output_contents: [encodeBytes([b])] },
      });
    const s = await FakeTriton.start({ models: [ensembleModel()], settings: { rawResponses: [part(bytes.subarray(0, 1), false), part(bytes.subarray(1, 3), false), part(bytes.subarray(3), true)] } });
    const c = new TritonClient({ endpoints: [s.address], model: 'ensemble' });
    try {
      assert.equal(await c.generate({ prompt: 'p' }).text(), 'é日');
    } finally {
      c.close();
      await s.close();
    }
  });
});

describe('inference client: request writer', () => {
  it('encodes ModelInferRequest so that the generic decoder reads the same values', async () => {
    const { loadTritonProto } = await import('../../src/inference/proto');
    const { encodeInferRequest } = await import('../../src/inference/wire');
    const def = loadTritonProto().inferenceService.ModelStreamInfer;
    const big = 'é'.repeat(100_000);
    const bytes = encodeInferRequest({
      model_name: 'ensemble',
      model_version: '',
      id: 'req-1',
      parameters: { triton_enable_empty_final_response: true, n: -3, s: 'v' },
      inputs: [
        { name: 'text_input', datatype: 'BYTES', shape: [1, 1] },
        { name: 'max_tokens', datatype: 'INT32', shape: [1, 1] },
        { name: 'odd', datatype: 'INT32', shape: [-1, 300] },
      ],
      outputs: ['text_output'],
      raw_input_contents: [encodeBytes([big]), Buffer.from([5, 0, 0, 0]), Buffer.alloc(0)],
    });
    const m = (def.requestDeserialize as (b: Buffer) => Record<string, any>)(bytes);
    assert.equal(m.model_name, 'ensemble');
    assert.equal(m.id, 'req-1');
    assert.deepEqual(m.parameters.triton_enable_empty_final_response.bool_param, true);
    assert.equal(m.parameters.n.int64_param, '-3');
    assert.equal(m.parameters.s.string_param, 'v');
    assert.deepEqual(
      m.inputs.map((i: { name: string; datatype: string; shape: string[] }) => [i.name, i.datatype, i.shape.join(',')]),
      [
        ['text_input', 'BYTES', '1,1'],
        ['max_tokens', 'INT32', '1,1'],
        ['odd', 'INT32', '-1,300'],
      ],
    );
    assert.deepEqual(
      m.outputs.map((o: { name: string }) => o.name),
      ['text_output'],
    );
    assert.equal(decodeBytes(m.raw_input_contents[0])[0].toString(), big);
    assert.deepEqual([...m.raw_input_contents[1]], [5, 0, 0, 0]);
    assert.equal(m.raw_input_contents[2].length, 0);
  });
});
