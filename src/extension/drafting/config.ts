// The drafting settings (`patentDraft.backend`, `patentDraft.triton.*`, `patentDraft.inline.*`,
// `patentDraft.drafting.*`), read per resource like the rest of the extension's settings.
// The values go to the language server as they are (patentDraft/drafting/configure), which checks
// them against the drafting layer's own lists (prompt formats, model tasks): nothing of src/drafting
// is bundled into the extension.
import * as vscode from 'vscode';
import type { ModelTask, PromptFormat } from '../../drafting/index';

/** Tasks a model may be named for, at most (the server knows which exist). */
const MAX_MODELS = 16;

export const SECTION = 'patentDraft';

export interface DraftingConfig {
  backend: 'builtin' | 'triton';
  triton: {
    endpoints: string[];
    model: string;
    /** Per-task models (claims, abstract, continue); a task not listed uses `model`. */
    models: Partial<Record<ModelTask, string>>;
    /** How the prompt is wrapped for the model (raw, or its chat template). */
    promptFormat: PromptFormat;
    /** The model's tokenizer_config.json (or Jinja template file), for promptFormat "template". */
    chatTemplate?: string;
    tls: { caFile?: string; certFile?: string; keyFile?: string };
    timeoutMs: number;
    /** 0: none. */
    firstTokenTimeoutMs: number;
    idleTimeoutMs: number;
  };
  inline: { enabled: boolean; refreshWhileStreaming: boolean };
  tokenBudget: number;
}

/**
 * A setting that decides where the matter's text goes (backend, endpoints, model, TLS files): the
 * user's own value or the default, never a workspace's or folder's (a cloned repository's
 * `.vscode/settings.json` must not point the drafts at its own server). package.json declares these
 * `application`-scoped too; reading the user value here holds even where a host ignores the scope.
 */
export function userOnly<T>(c: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const i = c.inspect<T>(key);
  return (i?.globalValue ?? i?.defaultValue ?? fallback) as T;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** `patentDraft.triton.models`: task → model name; anything else is ignored. */
function readModels(v: unknown): Partial<Record<ModelTask, string>> {
  const out: Partial<Record<ModelTask, string>> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [t, value] of Object.entries(v as Record<string, unknown>).slice(0, MAX_MODELS)) {
    const m = str(value);
    if (m && m.length <= 256 && t.length <= 32) out[t as ModelTask] = m;
  }
  return out;
}

export function readDraftingConfig(scope?: vscode.Uri): DraftingConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const endpointList = userOnly<unknown>(c, 'triton.endpoints', []);
  const endpoints = (Array.isArray(endpointList) ? endpointList : []).filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim());
  const timeout = c.get<number>('triton.timeoutMs', 30000);
  // The first-token and idle deadlines are the user's (a repository cannot make every request fail).
  const ms = (v: unknown, dflt: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.floor(v), 600000) : dflt);
  const budget = c.get<number>('drafting.tokenBudget', 1500);
  return {
    backend: userOnly<unknown>(c, 'backend', 'builtin') === 'triton' ? 'triton' : 'builtin',
    triton: {
      endpoints,
      model: str(userOnly(c, 'triton.model', undefined)) ?? 'ensemble',
      models: readModels(userOnly<unknown>(c, 'triton.models', {})),
      promptFormat: (str(userOnly<unknown>(c, 'triton.promptFormat', 'raw')) ?? 'raw') as PromptFormat,
      chatTemplate: str(userOnly(c, 'triton.chatTemplate', undefined)),
      tls: { caFile: str(userOnly(c, 'triton.tls.caFile', undefined)), certFile: str(userOnly(c, 'triton.tls.certFile', undefined)), keyFile: str(userOnly(c, 'triton.tls.keyFile', undefined)) },
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 600000) : 30000,
      firstTokenTimeoutMs: ms(userOnly<unknown>(c, 'triton.firstOutputTimeoutMs', 0), 0),
      idleTimeoutMs: ms(userOnly<unknown>(c, 'triton.idleTimeoutMs', 15000), 15000),
    },
    inline: { enabled: c.get<boolean>('inline.enabled', true), refreshWhileStreaming: c.get<boolean>('inline.refreshWhileStreaming', false) },
    tokenBudget: Number.isFinite(budget) && budget >= 100 ? Math.min(Math.floor(budget), 100000) : 1500,
  };
}

/** The connection part of the settings: a change to it rebuilds the Triton client, nothing else does. */
export function connectionKey(c: DraftingConfig, token: string | undefined): string {
  return JSON.stringify([c.triton.endpoints, c.triton.model, c.triton.tls, c.triton.timeoutMs, c.triton.firstTokenTimeoutMs, c.triton.idleTimeoutMs, token ? 'token' : '']);
}
