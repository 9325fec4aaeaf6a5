// The reference model repositories in deploy/: every config.pbtxt parses; the ensembles are
// the layout Patent Draft's client recognises, and every tensor the client sends exists with
// the datatype it sends; the ensemble graph is closed (each step's model exists, each mapped
// tensor comes from the ensemble's inputs or an earlier step); the engines are decoupled,
// batched in flight with a queue delay; the vLLM alternative names its backend and engine.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configTypeToDatatype, modelInfoFromConfig, recognizeLayout } from '../../src/inference/index';
import { msgs, one, parameters, parsePbtxt, sub, toModelConfig, type PbMessage } from './pbtxt';

const ROOT = resolve(__dirname, '../../deploy');
const TRT = join(ROOT, 'triton/model_repository');
const VLLM = join(ROOT, 'vllm/model_repository');

function models(repo: string): Map<string, PbMessage> {
  const out = new Map<string, PbMessage>();
  for (const name of readdirSync(repo).sort()) {
    const dir = join(repo, name);
    if (!statSync(dir).isDirectory()) continue;
    out.set(name, parsePbtxt(readFileSync(join(dir, 'config.pbtxt'), 'utf8')));
  }
  return out;
}

const ENSEMBLES = ['claims-fp16', 'claims-int8'];
const ENGINES: Record<string, string> = { 'claims-fp16': 'tensorrt_llm_fp16', 'claims-int8': 'tensorrt_llm_int8' };

describe('deploy/triton model repository (TensorRT-LLM)', () => {
  let repo: Map<string, PbMessage>;
  before(() => {
    repo = models(TRT);
  });

  it('holds the two ensembles, their two engines and the shared tokenizer steps, each with a version folder', () => {
    assert.deepEqual([...repo.keys()], ['claims-fp16', 'claims-int8', 'postprocessing', 'preprocessing', 'tensorrt_llm_fp16', 'tensorrt_llm_int8']);
    for (const [name, m] of repo) {
      // Triton takes the folder name unless the config names the model: keep them equal.
      assert.equal(one(m, 'name'), name);
      assert.ok(existsSync(join(TRT, name, '1')), `${name}/1`);
    }
  });

  for (const name of ENSEMBLES) {
    it(`${name}: Patent Draft's client recognises the ensemble and every tensor it sends is declared with its type`, () => {
      const m = repo.get(name)!;
      // Triton marks an ensemble decoupled when a step is; the client reads the flag from ModelConfig.
      const engineDecoupled = one(sub(repo.get(ENGINES[name])!, 'model_transaction_policy')!, 'decoupled') === true;
      const config = { ...toModelConfig(m), model_transaction_policy: { decoupled: engineDecoupled } };
      const info = modelInfoFromConfig(config);
      const layout = recognizeLayout(info);
      assert.equal(layout.kind, 'trtllm-ensemble');
      assert.equal(layout.textMode, 'delta');
      assert.equal(layout.streaming, true);
      const sent = layout.buildInputs({ prompt: 'p', maxTokens: 400, temperature: 0, topP: 0.9, topK: 40, stop: ['\n\n'], badWords: ['said'], seed: 7 }, true);
      assert.deepEqual(sent.map((t) => t.name).sort(), ['bad_words', 'exclude_input_in_output', 'max_tokens', 'random_seed', 'stop_words', 'stream', 'temperature', 'text_input', 'top_k', 'top_p']);
      for (const t of sent) {
        const spec = info.inputs.find((i) => i.name === t.name)!;
        assert.equal(t.datatype, spec.datatype, t.name);
        assert.deepEqual(t.shape.slice(0, 1), [1], `${t.name}: a leading batch dimension (max_batch_size ${info.maxBatchSize})`);
      }
      assert.deepEqual(
        info.outputs.map((o) => [o.name, o.datatype]),
        [['text_output', 'BYTES']],
      );
      // Only text_input and max_tokens may be required: the client fills nothing else for sure.
      assert.deepEqual(
        info.inputs.filter((i) => !i.optional).map((i) => i.name),
        ['text_input', 'max_tokens'],
      );
    });

    it(`${name}: the ensemble graph is closed and types agree along every edge`, () => {
      const m = repo.get(name)!;
      const typeOf = new Map<string, string>();
      for (const i of msgs(m, 'input')) typeOf.set(String(one(i, 'name')), String(one(i, 'data_type')));
      const steps = msgs(sub(m, 'ensemble_scheduling')!, 'step');
      assert.deepEqual(
        steps.map((s) => one(s, 'model_name')),
        ['preprocessing', ENGINES[name], 'postprocessing'],
      );
      for (const step of steps) {
        const target = repo.get(String(one(step, 'model_name')))!;
        assert.ok(target, `step model ${String(one(step, 'model_name'))} is in the repository`);
        const ins = new Map(msgs(target, 'input').map((i) => [String(one(i, 'name')), i]));
        const outs = new Map(msgs(target, 'output').map((o) => [String(one(o, 'name')), o]));
        for (const e of msgs(step, 'input_map')) {
          const key = String(one(e, 'key'));
          const value = String(one(e, 'value'));
          assert.ok(ins.has(key), `${String(one(step, 'model_name'))} has input ${key}`);
          assert.ok(typeOf.has(value), `${value} is an ensemble input or an earlier step's output`);
          assert.equal(typeOf.get(value), String(one(ins.get(key)!, 'data_type')), `${key} <- ${value}`);
        }
        for (const [key, spec] of ins) {
          if (one(spec, 'optional') !== true)
            assert.ok(
              msgs(step, 'input_map').some((e) => one(e, 'key') === key),
              `required ${key} is mapped`,
            );
        }
        for (const e of msgs(step, 'output_map')) {
          const key = String(one(e, 'key'));
          assert.ok(outs.has(key), `${String(one(step, 'model_name'))} has output ${key}`);
          typeOf.set(String(one(e, 'value')), String(one(outs.get(key)!, 'data_type')));
        }
      }
      assert.equal(typeOf.get('text_output'), 'TYPE_STRING', 'the last step produces text_output');
      assert.equal(configTypeToDatatype(typeOf.get('text_output')!), 'BYTES');
    });
  }

  for (const engine of Object.values(ENGINES)) {
    it(`${engine}: decoupled, in-flight batching, a queue delay, its own engine folder; the settings are commented`, () => {
      const m = repo.get(engine)!;
      assert.equal(one(m, 'backend'), 'tensorrtllm');
      assert.equal(one(sub(m, 'model_transaction_policy')!, 'decoupled'), true);
      const p = parameters(m);
      assert.equal(p.gpt_model_type, 'inflight_fused_batching');
      assert.equal(p.gpt_model_path, `/models/engines/claims-${engine.endsWith('fp16') ? 'fp16' : 'int8'}`);
      assert.equal(p.exclude_input_in_output, 'true');
      const delay = one(sub(m, 'dynamic_batching')!, 'max_queue_delay_microseconds');
      assert.ok(typeof delay === 'number' && delay > 0 && delay <= 100_000, `max_queue_delay_microseconds ${String(delay)}`);
      const text = readFileSync(join(TRT, engine, 'config.pbtxt'), 'utf8');
      for (const setting of ['decoupled', 'queue', 'in-flight', 'kv_cache_free_gpu_mem_fraction']) assert.match(text, new RegExp(`#[^\\n]*${setting}`, 'i'), `a comment on ${setting}`);
    });
  }

  it('the two engines share one GPU: their KV-cache memory fractions add up to less than 1', () => {
    const sum = Object.values(ENGINES).reduce((s, e) => s + Number(parameters(repo.get(e)!).kv_cache_free_gpu_mem_fraction), 0);
    assert.ok(sum > 0 && sum < 1, `sum ${sum}`);
  });

  it('the ensembles comment the tensors Patent Draft relies on', () => {
    for (const name of ENSEMBLES) {
      const text = readFileSync(join(TRT, name, 'config.pbtxt'), 'utf8');
      for (const t of ['text_input', 'max_tokens', 'stream', 'text_output']) assert.match(text, new RegExp(`^#.*\\b${t}\\b.*TYPE_`, 'm'), `${name}: ${t}`);
    }
  });
});

describe('deploy/vllm model repository', () => {
  it('claims-vllm: the vllm backend, decoupled, no batch dimension; model.json names the engine and turns request logging off', () => {
    const repo = models(VLLM);
    assert.deepEqual([...repo.keys()], ['claims-vllm']);
    const m = repo.get('claims-vllm')!;
    assert.equal(one(m, 'backend'), 'vllm');
    assert.equal(one(m, 'max_batch_size'), 0);
    assert.equal(one(sub(m, 'model_transaction_policy')!, 'decoupled'), true);
    const engine = JSON.parse(readFileSync(join(VLLM, 'claims-vllm/1/model.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(typeof engine.model, 'string');
    assert.ok(typeof engine.gpu_memory_utilization === 'number' && engine.gpu_memory_utilization > 0 && engine.gpu_memory_utilization <= 1);
    // vLLM logs prompts by default; Patent Draft's disclosures are confidential.
    assert.equal(engine.disable_log_requests, true);
    const text = readFileSync(join(VLLM, 'claims-vllm/config.pbtxt'), 'utf8');
    for (const t of ['text_input', 'stream', 'sampling_parameters', 'exclude_input_in_output', 'text_output']) assert.match(text, new RegExp(`^#.*\\b${t}\\b`, 'm'), t);
  });
});
