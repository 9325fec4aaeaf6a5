// The drafting settings (`patentDraft.backend`, `patentDraft.triton.*`, `patentDraft.drafting.tokenBudget`)
// checked once, for every host: the extension normalises what VS Code's settings hold before it
// sends them (patentDraft/drafting/configure), and the language server normalises what arrives, with
// this same function, so both sides agree on every cap and default. A value of the wrong type, empty,
// too long or out of range is the default. No `vscode`, no `fs`, no other import: the extension
// bundles this file and nothing else of src/drafting.

export const PROMPT_FORMATS = ['raw', 'llama3', 'chatml', 'mistral', 'template'] as const;
export type PromptFormat = (typeof PROMPT_FORMATS)[number];

export function isPromptFormat(v: unknown): v is PromptFormat {
  return typeof v === 'string' && (PROMPT_FORMATS as readonly string[]).includes(v);
}

/** The tasks a model may be named for (`patentDraft.triton.models`). */
export const MODEL_TASKS = ['claims', 'abstract', 'continue'] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

/** The bounds of each setting. */
export const DRAFTING_SETTING_LIMITS = {
  endpoints: 16,
  endpointChars: 512,
  modelChars: 256,
  /** A path (chat template, TLS files) or the token. */
  textChars: 4096,
  /** Every deadline, in milliseconds. */
  maxMs: 600000,
  minTokenBudget: 100,
  maxTokenBudget: 100000,
  plaintextAccepted: 64,
} as const;

export interface DraftingSettings {
  backend: 'builtin' | 'triton';
  triton: {
    endpoints: string[];
    model: string;
    /** Per-task models; a task not listed uses `model`. */
    models: Partial<Record<ModelTask, string>>;
    /** How the prompt is wrapped for the model (raw, or its chat template). */
    promptFormat: PromptFormat;
    /** The model's tokenizer_config.json (or Jinja template file), for promptFormat "template"; the server reads it (bounded). */
    chatTemplate?: string;
    /** Paths of PEM files; the server reads them (regular files, bounded). */
    tls: { caFile?: string; certFile?: string; keyFile?: string };
    /** Deadline of each call and of each whole generation. */
    timeoutMs: number;
    /** 0: none. */
    firstTokenTimeoutMs: number;
    /** 0: off. */
    idleTimeoutMs: number;
  };
  tokenBudget: number;
  /** The Triton token (SecretStorage), sent as "authorization: Bearer …"; never logged. */
  token?: string;
  /** Plaintext remote endpoints the user accepted sending to. */
  plaintextAccepted: string[];
}

const L = DRAFTING_SETTING_LIMITS;

function text(v: unknown, max: number = L.textChars): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t && t.length <= max ? t : undefined;
}

function deadline(v: unknown, dflt: number, min = 0): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min ? Math.min(Math.floor(v), L.maxMs) : dflt;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The settings as given (VS Code's values, or a configure notification), each value checked. */
export function normalizeDraftingSettings(raw: unknown): DraftingSettings {
  const r = record(raw);
  const t = record(r.triton);
  const m = record(t.models);
  const models: Partial<Record<ModelTask, string>> = {};
  for (const k of MODEL_TASKS) {
    const name = text(m[k], L.modelChars);
    if (name) models[k] = name;
  }
  const tls = record(t.tls);
  const chatTemplate = text(t.chatTemplate);
  const token = text(r.token);
  const budget = r.tokenBudget;
  return {
    backend: r.backend === 'triton' ? 'triton' : 'builtin',
    triton: {
      endpoints: (Array.isArray(t.endpoints) ? t.endpoints : [])
        .slice(0, L.endpoints * 4)
        .map((e) => text(e, L.endpointChars))
        .filter((e): e is string => e !== undefined)
        .slice(0, L.endpoints),
      model: text(t.model, L.modelChars) ?? 'ensemble',
      models,
      promptFormat: isPromptFormat(t.promptFormat) ? t.promptFormat : 'raw',
      ...(chatTemplate ? { chatTemplate } : {}),
      tls: { caFile: text(tls.caFile), certFile: text(tls.certFile), keyFile: text(tls.keyFile) },
      timeoutMs: deadline(t.timeoutMs, 30000, 1),
      firstTokenTimeoutMs: deadline(t.firstTokenTimeoutMs, 0),
      idleTimeoutMs: deadline(t.idleTimeoutMs, 15000),
    },
    tokenBudget: typeof budget === 'number' && Number.isFinite(budget) && budget >= L.minTokenBudget ? Math.min(Math.floor(budget), L.maxTokenBudget) : 1500,
    ...(token ? { token } : {}),
    plaintextAccepted: (Array.isArray(r.plaintextAccepted) ? r.plaintextAccepted : []).filter((e): e is string => typeof e === 'string' && e.length <= L.endpointChars).slice(0, L.plaintextAccepted),
  };
}

/** The connection part of the settings: a change to it rebuilds the Triton client, nothing else does. */
export function connectionKey(s: DraftingSettings): string {
  const t = s.triton;
  return JSON.stringify([t.endpoints, t.model, t.tls, t.timeoutMs, t.firstTokenTimeoutMs, t.idleTimeoutMs, s.token ?? '']);
}
