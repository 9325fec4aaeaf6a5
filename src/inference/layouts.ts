// Recognises how an LLM is deployed on Triton (which tensors carry the prompt, the limits and
// the text) from its model configuration, and builds the request tensors for a generation.
import { InferenceError } from './errors';
import { configTypeToDatatype, encodeValues, type TritonDatatype } from './tensors';

export interface TensorSpec {
  name: string;
  datatype: TritonDatatype;
  /** Dims as configured: without the batch dimension when maxBatchSize > 0; -1 is variable. */
  dims: number[];
  optional: boolean;
}

export interface ModelInfo {
  name: string;
  version: string;
  platform: string;
  backend: string;
  /** 0: no batch dimension; > 0: every tensor has a leading batch dimension (we send 1). */
  maxBatchSize: number;
  decoupled: boolean;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  parameters: Record<string, string>;
}

export interface GenerateRequest {
  prompt: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  badWords?: string[];
  seed?: number;
}

export type LayoutKind = 'trtllm-ensemble' | 'trtllm-bls' | 'vllm' | 'trtllm-llmapi' | 'custom';
export type TextMode = 'delta' | 'accumulated';

/** Settings for a model that none of the known layouts fits: which tensor is which. */
export interface ModelMapping {
  textInput: string;
  textOutput: string;
  maxTokens?: string;
  stream?: string;
  temperature?: string;
  topP?: string;
  topK?: string;
  stop?: string;
  /** Whether each response holds the new text only (default) or all the text so far. */
  textMode?: TextMode;
  /** Constant values for further inputs, by tensor name. */
  constants?: Record<string, string | number | boolean>;
}

export interface InputTensor {
  name: string;
  datatype: TritonDatatype;
  shape: number[];
  data: Buffer;
}

export interface Layout {
  kind: LayoutKind;
  label: string;
  textOutput: string;
  textMode: TextMode;
  /** Whether the model can stream (decoupled); otherwise ModelInfer returns the whole text. */
  streaming: boolean;
  buildInputs(req: GenerateRequest, stream: boolean): InputTensor[];
}

export const DEFAULT_MAX_TOKENS = 512;

type Scalar = string | number | boolean;
type Filler = (req: GenerateRequest, stream: boolean) => Scalar | Scalar[] | undefined;

/** Converts a ModelConfig message (proto-loader object, keepCase) into ModelInfo. */
export function modelInfoFromConfig(config: Record<string, unknown>, version = ''): ModelInfo {
  const c = config as {
    name?: string; platform?: string; backend?: string; max_batch_size?: number;
    input?: { name: string; data_type: string; dims?: (string | number)[]; optional?: boolean }[];
    output?: { name: string; data_type: string; dims?: (string | number)[] }[];
    parameters?: Record<string, { string_value?: string }>;
    model_transaction_policy?: { decoupled?: boolean } | null;
  };
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.parameters ?? {})) params[k] = v?.string_value ?? '';
  return {
    name: c.name ?? '',
    version,
    platform: c.platform ?? '',
    backend: c.backend ?? '',
    maxBatchSize: Number(c.max_batch_size ?? 0),
    decoupled: !!c.model_transaction_policy?.decoupled,
    inputs: (c.input ?? []).map((i) => ({ name: i.name, datatype: configTypeToDatatype(i.data_type), dims: (i.dims ?? []).map(Number), optional: !!i.optional })),
    outputs: (c.output ?? []).map((o) => ({ name: o.name, datatype: configTypeToDatatype(o.data_type), dims: (o.dims ?? []).map(Number), optional: false })),
    parameters: params,
  };
}

export function describeTensors(specs: TensorSpec[]): string {
  return specs.map((s) => `${s.name} ${s.datatype} [${s.dims.join(',')}]${s.optional ? ' (optional)' : ''}`).join(', ');
}

/** The shape to send for `count` elements: leading batch 1 when batching, -1 dims filled. */
export function shapeFor(spec: TensorSpec, count: number, maxBatchSize: number, model: string): number[] {
  const dims = spec.dims.length ? spec.dims.slice() : [1];
  const varIdx = dims.lastIndexOf(-1);
  for (let i = 0; i < dims.length; i++) if (dims[i] === -1) dims[i] = i === varIdx ? count : 1;
  const elements = dims.reduce((a, b) => a * b, 1);
  if (elements !== count) {
    throw new InferenceError('shape', `input '${spec.name}' of model '${model}' has fixed dims [${spec.dims.join(',')}] that cannot hold ${count} element(s)`, 'Adjust the model configuration or the mapping settings.');
  }
  return maxBatchSize > 0 ? [1, ...dims] : dims;
}

function truthy(v: string | undefined): boolean {
  return !!v && /^(true|1|yes|on)$/i.test(v.trim());
}

function samplingJson(req: GenerateRequest): string {
  const o: Record<string, unknown> = { max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS };
  if (req.temperature !== undefined) o.temperature = req.temperature;
  if (req.topP !== undefined) o.top_p = req.topP;
  if (req.topK !== undefined) o.top_k = req.topK;
  if (req.stop?.length) o.stop = req.stop;
  if (req.seed !== undefined) o.seed = req.seed;
  return JSON.stringify(o);
}

const maxTokens: Filler = (r) => r.maxTokens ?? DEFAULT_MAX_TOKENS;
const prompt: Filler = (r) => r.prompt;
const streamFlag: Filler = (_r, s) => s;
const stopList: Filler = (r) => (r.stop?.length ? r.stop : undefined);

const TRTLLM_FIELDS: Record<string, Filler> = {
  text_input: prompt,
  max_tokens: maxTokens,
  stream: streamFlag,
  temperature: (r) => r.temperature,
  top_p: (r) => r.topP,
  runtime_top_p: (r) => r.topP,
  top_k: (r) => r.topK,
  runtime_top_k: (r) => r.topK,
  stop_words: stopList,
  bad_words: (r) => (r.badWords?.length ? r.badWords : undefined),
  exclude_input_in_output: () => true,
  random_seed: (r) => r.seed,
};

const VLLM_FIELDS: Record<string, Filler> = {
  text_input: prompt,
  stream: streamFlag,
  exclude_input_in_output: () => true,
  sampling_parameters: (r) => samplingJson(r),
};

const LLMAPI_FIELDS: Record<string, Filler> = {
  text_input: prompt,
  streaming: streamFlag,
  sampling_param_max_tokens: maxTokens,
  sampling_param_temperature: (r) => r.temperature,
  sampling_param_top_p: (r) => r.topP,
  sampling_param_top_k: (r) => r.topK,
  sampling_param_stop: stopList,
  sampling_param_seed: (r) => r.seed,
  exclude_input_in_output: () => true,
};

function makeLayout(model: ModelInfo, kind: LayoutKind, label: string, fields: Record<string, Filler>, textOutput: string, textMode: TextMode): Layout {
  const byName = new Map(model.inputs.map((i) => [i.name, i]));
  const plan: { spec: TensorSpec; fill: Filler }[] = [];
  for (const [name, fill] of Object.entries(fields)) {
    const spec = byName.get(name);
    if (spec) plan.push({ spec, fill });
    else if (kind === 'custom') {
      throw new InferenceError('input-unknown', `the mapping names input '${name}', which model '${model.name}' does not have; its inputs are: ${describeTensors(model.inputs)}`, 'Fix the tensor names in the model mapping settings.');
    }
  }
  const covered = new Set(plan.map((p) => p.spec.name));
  const missing = model.inputs.filter((i) => !i.optional && !covered.has(i.name));
  if (missing.length) {
    throw new InferenceError('layout', `model '${model.name}' requires input(s) ${missing.map((m) => `'${m.name}'`).join(', ')} that the ${label} layout does not fill; its inputs are: ${describeTensors(model.inputs)}`, 'Add them to the model mapping settings (constants), or make them optional in config.pbtxt.');
  }
  if (model.outputs.length && !model.outputs.some((o) => o.name === textOutput)) {
    throw new InferenceError('layout', `model '${model.name}' has no output '${textOutput}'; its outputs are: ${describeTensors(model.outputs)}`, 'Set the text output name in the model mapping settings.');
  }
  const mbs = model.maxBatchSize;
  // Shapes and encodings of constant-size inputs are the same for every request: cache them.
  const shapeCache = new Map<string, number[]>();
  return {
    kind,
    label,
    textOutput,
    textMode,
    streaming: model.decoupled,
    buildInputs(req, stream) {
      const out: InputTensor[] = [];
      for (const { spec, fill } of plan) {
        const v = fill(req, stream);
        if (v === undefined) continue;
        const values = Array.isArray(v) ? v : [v];
        const key = `${spec.name}:${values.length}`;
        let shape = shapeCache.get(key);
        if (!shape) {
          shape = shapeFor(spec, values.length, mbs, model.name);
          shapeCache.set(key, shape);
        }
        out.push({ name: spec.name, datatype: spec.datatype, shape, data: encodeValues(spec.datatype, values) });
      }
      return out;
    },
  };
}

/**
 * Recognises the model's layout, or uses `mapping` when given. Throws a 'layout' error that
 * lists the model's inputs when nothing fits.
 */
export function recognizeLayout(model: ModelInfo, mapping?: ModelMapping): Layout {
  if (mapping) {
    const fields: Record<string, Filler> = { [mapping.textInput]: prompt };
    if (mapping.maxTokens) fields[mapping.maxTokens] = maxTokens;
    if (mapping.stream) fields[mapping.stream] = streamFlag;
    if (mapping.temperature) fields[mapping.temperature] = (r) => r.temperature;
    if (mapping.topP) fields[mapping.topP] = (r) => r.topP;
    if (mapping.topK) fields[mapping.topK] = (r) => r.topK;
    if (mapping.stop) fields[mapping.stop] = stopList;
    for (const [k, v] of Object.entries(mapping.constants ?? {})) fields[k] = () => v;
    return makeLayout(model, 'custom', 'custom mapping', fields, mapping.textOutput, mapping.textMode ?? 'delta');
  }
  const names = new Set(model.inputs.map((i) => i.name));
  if (names.has('text_input') && (names.has('streaming') || names.has('sampling_param_max_tokens'))) {
    return makeLayout(model, 'trtllm-llmapi', 'TensorRT-LLM LLM API', LLMAPI_FIELDS, 'text_output', 'delta');
  }
  if (names.has('text_input') && names.has('sampling_parameters')) {
    return makeLayout(model, 'vllm', 'vLLM backend', VLLM_FIELDS, 'text_output', 'delta');
  }
  if (names.has('text_input') && names.has('max_tokens')) {
    const ensemble = model.platform === 'ensemble';
    const accumulate = truthy(model.parameters.accumulate_tokens);
    return makeLayout(
      model,
      ensemble ? 'trtllm-ensemble' : 'trtllm-bls',
      ensemble ? 'TensorRT-LLM ensemble' : 'TensorRT-LLM BLS',
      TRTLLM_FIELDS,
      'text_output',
      accumulate ? 'accumulated' : 'delta',
    );
  }
  throw new InferenceError(
    'layout',
    `model '${model.name}' does not look like a TensorRT-LLM, vLLM or LLM-API text model; its inputs are: ${describeTensors(model.inputs) || '(none)'}; outputs: ${describeTensors(model.outputs) || '(none)'}`,
    'Describe its tensors in the model mapping settings (text input, text output, max tokens, stream).',
  );
}
