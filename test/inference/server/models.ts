// Model configurations the test server serves: one per deployment layout Patent Draft
// recognises, shaped like the config.pbtxt files those deployments ship (ModelConfig
// messages, keepCase, enum names as strings).

export type TextBehaviour = 'delta' | 'accumulate';

export interface FakeModel {
  config: Record<string, unknown>;
  /** How the model returns text while streaming. */
  behaviour: TextBehaviour;
  ready?: boolean;
  /** Input carrying the prompt, the token limit and the streaming flag. */
  promptInput: string;
  maxTokens: (inputs: Map<string, unknown[]>) => number;
  streamFlag?: string;
  /** Scripted playback (test/inference/server/scripted.ts): the tokens to answer a prompt with. */
  script?: (prompt: string) => string[];
}

const str = (name: string, dims: number[], optional = false) => ({ name, data_type: 'TYPE_STRING', dims, optional });
const i32 = (name: string, dims: number[], optional = false) => ({ name, data_type: 'TYPE_INT32', dims, optional });
const bool = (name: string, dims: number[], optional = false) => ({ name, data_type: 'TYPE_BOOL', dims, optional });
const f32 = (name: string, dims: number[], optional = false) => ({ name, data_type: 'TYPE_FP32', dims, optional });
const u64 = (name: string, dims: number[], optional = false) => ({ name, data_type: 'TYPE_UINT64', dims, optional });

const num = (v: unknown[] | undefined, d: number) => (v && v.length ? Number(v[0]) : d);

/** TensorRT-LLM `ensemble` (preprocessing → tensorrt_llm → postprocessing): deltas. */
export function ensembleModel(name = 'ensemble', decoupled = true): FakeModel {
  return {
    behaviour: 'delta',
    promptInput: 'text_input',
    streamFlag: 'stream',
    maxTokens: (m) => num(m.get('max_tokens'), 16),
    config: {
      name,
      platform: 'ensemble',
      max_batch_size: 64,
      input: [
        str('text_input', [1]),
        i32('max_tokens', [1]),
        str('bad_words', [-1], true),
        str('stop_words', [-1], true),
        i32('end_id', [1], true),
        i32('pad_id', [1], true),
        i32('top_k', [1], true),
        f32('top_p', [1], true),
        f32('temperature', [1], true),
        f32('length_penalty', [1], true),
        f32('repetition_penalty', [1], true),
        u64('random_seed', [1], true),
        bool('exclude_input_in_output', [1], true),
        bool('stream', [1], true),
      ],
      output: [{ name: 'text_output', data_type: 'TYPE_STRING', dims: [-1] }],
      ensemble_scheduling: { step: [{ model_name: 'preprocessing', model_version: '-1', input_map: {}, output_map: {} }] },
      model_transaction_policy: { decoupled },
      parameters: {},
    },
  };
}

/** TensorRT-LLM `tensorrt_llm_bls` (Python BLS); accumulate_tokens makes it send all text so far. */
export function blsModel(accumulate: boolean, name = 'tensorrt_llm_bls'): FakeModel {
  const m = ensembleModel(name);
  m.behaviour = accumulate ? 'accumulate' : 'delta';
  m.config = {
    ...m.config,
    platform: '',
    backend: 'python',
    ensemble_scheduling: undefined,
    parameters: { accumulate_tokens: { string_value: accumulate ? 'true' : 'false' }, tensorrt_llm_model_name: { string_value: 'tensorrt_llm' } },
  };
  return m;
}

/** vLLM backend: no batch dimension, sampling parameters as one JSON string. */
export function vllmModel(name = 'vllm_model'): FakeModel {
  return {
    behaviour: 'delta',
    promptInput: 'text_input',
    streamFlag: 'stream',
    maxTokens: (m) => {
      const s = m.get('sampling_parameters');
      if (!s || !s.length) return 16;
      return Number((JSON.parse(String(s[0])) as { max_tokens?: number }).max_tokens ?? 16);
    },
    config: {
      name,
      backend: 'vllm',
      max_batch_size: 0,
      input: [str('text_input', [1]), bool('stream', [1], true), str('sampling_parameters', [1], true), bool('exclude_input_in_output', [1], true)],
      output: [{ name: 'text_output', data_type: 'TYPE_STRING', dims: [-1] }],
      model_transaction_policy: { decoupled: true },
      instance_group: [{ count: 1, kind: 'KIND_MODEL' }],
    },
  };
}

/** TensorRT-LLM LLM-API backend model. */
export function llmapiModel(name = 'tllm_llmapi'): FakeModel {
  return {
    behaviour: 'delta',
    promptInput: 'text_input',
    streamFlag: 'streaming',
    maxTokens: (m) => num(m.get('sampling_param_max_tokens'), 16),
    config: {
      name,
      backend: 'python',
      max_batch_size: 640,
      input: [
        str('text_input', [-1]),
        bool('streaming', [1], true),
        i32('sampling_param_max_tokens', [1], true),
        f32('sampling_param_temperature', [1], true),
        f32('sampling_param_top_p', [1], true),
        i32('sampling_param_top_k', [1], true),
        u64('sampling_param_seed', [1], true),
        bool('exclude_input_in_output', [1], true),
      ],
      output: [{ name: 'text_output', data_type: 'TYPE_STRING', dims: [-1] }],
      model_transaction_policy: { decoupled: true },
    },
  };
}

/** A home-grown model that only an explicit mapping can drive. */
export function customModel(name = 'my_llm'): FakeModel {
  return {
    behaviour: 'accumulate',
    promptInput: 'PROMPT',
    streamFlag: 'DO_STREAM',
    maxTokens: (m) => num(m.get('MAX_NEW'), 16),
    config: {
      name,
      backend: 'python',
      max_batch_size: 8,
      input: [str('PROMPT', [1]), i32('MAX_NEW', [1]), bool('DO_STREAM', [1]), str('LORA', [1], true)],
      output: [
        { name: 'SCORES', data_type: 'TYPE_FP32', dims: [-1] },
        { name: 'COMPLETION', data_type: 'TYPE_STRING', dims: [1] },
      ],
      model_transaction_policy: { decoupled: true },
    },
  };
}

/** The same ensemble without decoupled mode: one response per request (ModelInfer). */
export function nonDecoupledModel(name = 'ensemble_sync'): FakeModel {
  return ensembleModel(name, false);
}

/** Deterministic text: token i of every generation. Mixes ASCII, accents and a dash. */
const VOCAB = ['Claim', ' 1', '.', ' A', ' fastening', ' device', ' comprising', ':', ' a', ' clip', ' (é)', ' —', ' wherein', ' the', ' clip', ' is', ' 日本'];
export function fakeToken(i: number): string {
  return VOCAB[i % VOCAB.length];
}
export function fakeText(tokens: number): string {
  let s = '';
  for (let i = 0; i < tokens; i++) s += fakeToken(i);
  return s;
}
