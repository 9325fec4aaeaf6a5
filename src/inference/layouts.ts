// Recognises how an LLM is deployed on Triton (which tensors carry the prompt, the limits and
// the text) from its model configuration, and builds the request tensors for a generation.
import { InferenceError, sanitizeServerText } from './errors';
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
/** What an input carries, and so which datatypes can hold it. */
type ValueKind = 'text' | 'int' | 'bool' | 'float' | 'number';
interface Field {
  fill: Filler;
  kind: ValueKind;
}

const KIND_TYPES: Record<ValueKind, readonly TritonDatatype[]> = {
  text: ['BYTES'],
  int: ['INT8', 'INT16', 'INT32', 'INT64', 'UINT32', 'UINT64'],
  bool: ['BOOL'],
  float: ['FP32', 'FP64'],
  number: ['INT8', 'INT16', 'INT32', 'INT64', 'UINT32', 'UINT64', 'FP32', 'FP64'],
};
const KIND_LABEL: Record<ValueKind, string> = { text: 'text', int: 'an integer', bool: 'a flag', float: 'a real number', number: 'a number' };

function kindOfConstant(v: Scalar): ValueKind {
  return typeof v === 'string' ? 'text' : typeof v === 'boolean' ? 'bool' : 'number';
}

/** Refuses a tensor whose datatype cannot carry what the client puts in (or reads from) it. */
function checkType(model: ModelInfo, spec: TensorSpec, kind: ValueKind, role: 'input' | 'output'): void {
  const ok = KIND_TYPES[kind];
  if (ok.includes(spec.datatype)) return;
  throw new InferenceError(
    'layout',
    `${role} '${sanitizeServerText(spec.name, 100)}' of model '${model.name}' has datatype ${spec.datatype}, but Patent Draft ${role === 'input' ? 'sends' : 'reads'} ${KIND_LABEL[kind]} there, which needs ${ok.length === 1 ? ok[0] : `one of ${ok.join(', ')}`}`,
    role === 'output' || kind === 'text'
      ? "Use the model's text tensors (TYPE_STRING in config.pbtxt), or name them in the model mapping settings."
      : 'Fix the datatype in config.pbtxt, or map a different tensor in the model mapping settings.',
  );
}

/** Converts a ModelConfig message (proto-loader object, keepCase) into ModelInfo. */
export function modelInfoFromConfig(config: Record<string, unknown>, version = ''): ModelInfo {
  const c = config as {
    name?: string;
    platform?: string;
    backend?: string;
    max_batch_size?: number;
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

/** Tensors as "name TYPE [dims]", for messages: names from the server sanitised, at most 32 listed. */
export function describeTensors(specs: TensorSpec[]): string {
  const shown = specs.slice(0, 32).map((s) => `${sanitizeServerText(s.name, 100)} ${s.datatype} [${s.dims.slice(0, 8).join(',')}${s.dims.length > 8 ? ',…' : ''}]${s.optional ? ' (optional)' : ''}`);
  return shown.join(', ') + (specs.length > 32 ? `, … (${specs.length} in all)` : '');
}

/** The shape to send for `count` elements: leading batch 1 when batching, -1 dims filled. */
export function shapeFor(spec: TensorSpec, count: number, maxBatchSize: number, model: string): number[] {
  const dims = spec.dims.length ? spec.dims.slice() : [1];
  const varIdx = dims.lastIndexOf(-1);
  for (let i = 0; i < dims.length; i++) if (dims[i] === -1) dims[i] = i === varIdx ? count : 1;
  const elements = dims.reduce((a, b) => a * b, 1);
  if (elements !== count) {
    throw new InferenceError(
      'shape',
      `input '${spec.name}' of model '${model}' has fixed dims [${spec.dims.join(',')}] that cannot hold ${count} element(s)`,
      'Adjust the model configuration or the mapping settings.',
    );
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

const TRTLLM_FIELDS: Record<string, Field> = {
  text_input: { kind: 'text', fill: prompt },
  max_tokens: { kind: 'int', fill: maxTokens },
  stream: { kind: 'bool', fill: streamFlag },
  temperature: { kind: 'float', fill: (r) => r.temperature },
  top_p: { kind: 'float', fill: (r) => r.topP },
  runtime_top_p: { kind: 'float', fill: (r) => r.topP },
  top_k: { kind: 'int', fill: (r) => r.topK },
  runtime_top_k: { kind: 'int', fill: (r) => r.topK },
  stop_words: { kind: 'text', fill: stopList },
  bad_words: { kind: 'text', fill: (r) => (r.badWords?.length ? r.badWords : undefined) },
  exclude_input_in_output: { kind: 'bool', fill: () => true },
  random_seed: { kind: 'int', fill: (r) => r.seed },
};

const VLLM_FIELDS: Record<string, Field> = {
  text_input: { kind: 'text', fill: prompt },
  stream: { kind: 'bool', fill: streamFlag },
  exclude_input_in_output: { kind: 'bool', fill: () => true },
  sampling_parameters: { kind: 'text', fill: (r) => samplingJson(r) },
};

const LLMAPI_FIELDS: Record<string, Field> = {
  text_input: { kind: 'text', fill: prompt },
  streaming: { kind: 'bool', fill: streamFlag },
  sampling_param_max_tokens: { kind: 'int', fill: maxTokens },
  sampling_param_temperature: { kind: 'float', fill: (r) => r.temperature },
  sampling_param_top_p: { kind: 'float', fill: (r) => r.topP },
  sampling_param_top_k: { kind: 'int', fill: (r) => r.topK },
  sampling_param_stop: { kind: 'text', fill: stopList },
  sampling_param_seed: { kind: 'int', fill: (r) => r.seed },
  exclude_input_in_output: { kind: 'bool', fill: () => true },
};

function makeLayout(model: ModelInfo, kind: LayoutKind, label: string, fields: Record<string, Field>, textOutput: string, textMode: TextMode): Layout {
  const byName = new Map(model.inputs.map((i) => [i.name, i]));
  const plan: { spec: TensorSpec; fill: Filler; what: string; shape1?: number[]; last?: Scalar; lastData?: Buffer }[] = [];
  for (const [name, { fill, kind: valueKind }] of Object.entries(fields)) {
    const spec = byName.get(name);
    if (spec) {
      checkType(model, spec, valueKind, 'input');
      plan.push({ spec, fill, what: `input '${spec.name}'` });
    } else if (kind === 'custom') {
      throw new InferenceError(
        'input-unknown',
        `the mapping names input '${name}', which model '${model.name}' does not have; its inputs are: ${describeTensors(model.inputs)}`,
        'Fix the tensor names in the model mapping settings.',
      );
    }
  }
  const covered = new Set(plan.map((p) => p.spec.name));
  const missing = model.inputs.filter((i) => !i.optional && !covered.has(i.name));
  if (missing.length) {
    throw new InferenceError(
      'layout',
      `model '${model.name}' requires input(s) ${missing.map((m) => `'${m.name}'`).join(', ')} that the ${label} layout does not fill; its inputs are: ${describeTensors(model.inputs)}`,
      'Add them to the model mapping settings (constants), or make them optional in config.pbtxt.',
    );
  }
  if (model.outputs.length) {
    const out = model.outputs.find((o) => o.name === textOutput);
    if (!out)
      throw new InferenceError(
        'layout',
        `model '${model.name}' has no output '${textOutput}'; its outputs are: ${describeTensors(model.outputs)}`,
        'Set the text output name in the model mapping settings.',
      );
    checkType(model, out, 'text', 'output');
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
      for (const p of plan) {
        const v = p.fill(req, stream);
        if (v === undefined) continue;
        const spec = p.spec;
        const one = !Array.isArray(v);
        let shape = one ? p.shape1 : undefined;
        if (!shape) {
          const count = one ? 1 : v.length;
          const key = `${spec.name}:${count}`;
          shape = shapeCache.get(key);
          if (!shape) {
            shape = shapeFor(spec, count, mbs, model.name);
            shapeCache.set(key, shape);
          }
          if (one) p.shape1 = shape;
        }
        // A scalar equal to the last one (the stream flag, max tokens, ...) reuses its bytes.
        let data: Buffer;
        if (one && p.last === v && p.lastData) data = p.lastData;
        else {
          data = encodeValues(spec.datatype, one ? [v] : v, p.what);
          if (one) {
            p.last = v;
            p.lastData = data;
          }
        }
        out.push({ name: spec.name, datatype: spec.datatype, shape, data });
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
    const fields: Record<string, Field> = { [mapping.textInput]: { kind: 'text', fill: prompt } };
    if (mapping.maxTokens) fields[mapping.maxTokens] = { kind: 'int', fill: maxTokens };
    if (mapping.stream) fields[mapping.stream] = { kind: 'bool', fill: streamFlag };
    if (mapping.temperature) fields[mapping.temperature] = { kind: 'float', fill: (r) => r.temperature };
    if (mapping.topP) fields[mapping.topP] = { kind: 'float', fill: (r) => r.topP };
    if (mapping.topK) fields[mapping.topK] = { kind: 'int', fill: (r) => r.topK };
    if (mapping.stop) fields[mapping.stop] = { kind: 'text', fill: stopList };
    for (const [k, v] of Object.entries(mapping.constants ?? {})) fields[k] = { kind: kindOfConstant(v), fill: () => v };
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
    return makeLayout(model, ensemble ? 'trtllm-ensemble' : 'trtllm-bls', ensemble ? 'TensorRT-LLM ensemble' : 'TensorRT-LLM BLS', TRTLLM_FIELDS, 'text_output', accumulate ? 'accumulated' : 'delta');
  }
  throw new InferenceError(
    'layout',
    `model '${model.name}' does not look like a TensorRT-LLM, vLLM or LLM-API text model; its inputs are: ${describeTensors(model.inputs) || '(none)'}; outputs: ${describeTensors(model.outputs) || '(none)'}`,
    'Describe its tensors in the model mapping settings (text input, text output, max tokens, stream).',
  );
}
