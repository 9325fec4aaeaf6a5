// The shipped model configuration on the wire: the test server serves deploy/'s claims-fp16
// ensemble exactly as its config.pbtxt declares it (the server checks every tensor's name,
// type and shape against it), and the load tool drives it through the real client.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TritonClient } from '../../src/inference/index';
import { loadPrompts, runLoad } from '../../src/loadtest/index';
import { one, parsePbtxt, sub, toModelConfig } from '../deploy/pbtxt';
import { FakeTriton } from './server/triton-server';
import type { FakeModel } from './server/models';

const REPO = resolve(__dirname, '../../deploy/triton/model_repository');

function shipped(name: string, engine: string): FakeModel {
  const config = toModelConfig(parsePbtxt(readFileSync(resolve(REPO, name, 'config.pbtxt'), 'utf8')));
  // Triton reports an ensemble as decoupled when a step is (here the engine).
  const engineCfg = parsePbtxt(readFileSync(resolve(REPO, engine, 'config.pbtxt'), 'utf8'));
  config.model_transaction_policy = { decoupled: one(sub(engineCfg, 'model_transaction_policy')!, 'decoupled') === true };
  return { config, behaviour: 'delta', promptInput: 'text_input', streamFlag: 'stream', maxTokens: (m) => Number(m.get('max_tokens')?.[0] ?? 16) };
}

describe('deploy/ model configuration driven by triton bench', function () {
  this.timeout(30_000);
  it('claims-fp16 and claims-int8 stream through the client with the figures the server was given', async () => {
    const server = await FakeTriton.start({ models: [shipped('claims-fp16', 'tensorrt_llm_fp16'), shipped('claims-int8', 'tensorrt_llm_int8')], settings: { firstTokenDelayMs: 30, tokenDelayMs: 5 } });
    const prompts = (await loadPrompts([resolve(__dirname, '../../examples/bicycle-brake')], 'abstract')).prompts;
    try {
      for (const model of ['claims-fp16', 'claims-int8']) {
        const client = new TritonClient({ endpoints: [server.address], model });
        try {
          assert.equal((await client.discover()).layout.kind, 'trtllm-ensemble');
          const [r] = await runLoad(client, { prompts, levels: [{ kind: 'concurrency', concurrency: 2 }], requests: 4, warmup: 1, maxTokens: 4, deadlineMs: 10_000 });
          assert.equal(r.stats.ok, 4, JSON.stringify(r.stats.errors));
          assert.equal(r.stats.outputTokens, 16, 'four streamed tokens a request');
          assert.ok(r.stats.ttftMs.p50 >= 28 && r.stats.ttftMs.p50 < 80, `TTFT p50 ${r.stats.ttftMs.p50}`);
        } finally {
          client.close();
        }
      }
      assert.ok(
        server.requests.every((q) => q.rpc === 'ModelStreamInfer'),
        'streamed, not ModelInfer',
      );
    } finally {
      await server.close();
    }
  });
});
