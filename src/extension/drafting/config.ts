// The drafting settings (`patentDraft.backend`, `patentDraft.triton.*`, `patentDraft.inline.*`,
// `patentDraft.drafting.*`), read per resource like the rest of the extension's settings.
import * as vscode from 'vscode';

export const SECTION = 'patentDraft';

export interface DraftingConfig {
  backend: 'builtin' | 'triton';
  triton: {
    endpoints: string[];
    model: string;
    tls: { caFile?: string; certFile?: string; keyFile?: string };
    timeoutMs: number;
  };
  inline: { enabled: boolean; refreshWhileStreaming: boolean };
  tokenBudget: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

export function readDraftingConfig(scope?: vscode.Uri): DraftingConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const endpoints = (c.get<unknown[]>('triton.endpoints', []) ?? []).filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim());
  const timeout = c.get<number>('triton.timeoutMs', 30000);
  const budget = c.get<number>('drafting.tokenBudget', 1500);
  return {
    backend: c.get<string>('backend', 'builtin') === 'triton' ? 'triton' : 'builtin',
    triton: {
      endpoints,
      model: str(c.get('triton.model')) ?? 'ensemble',
      tls: { caFile: str(c.get('triton.tls.caFile')), certFile: str(c.get('triton.tls.certFile')), keyFile: str(c.get('triton.tls.keyFile')) },
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 600000) : 30000,
    },
    inline: { enabled: c.get<boolean>('inline.enabled', true), refreshWhileStreaming: c.get<boolean>('inline.refreshWhileStreaming', false) },
    tokenBudget: Number.isFinite(budget) && budget >= 100 ? Math.min(Math.floor(budget), 100000) : 1500,
  };
}

/** The connection part of the settings: a change to it rebuilds the Triton client, nothing else does. */
export function connectionKey(c: DraftingConfig, token: string | undefined): string {
  return JSON.stringify([c.triton.endpoints, c.triton.model, c.triton.tls, c.triton.timeoutMs, token ? 'token' : '']);
}
