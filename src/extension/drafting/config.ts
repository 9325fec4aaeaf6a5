// The drafting settings (`patentDraft.backend`, `patentDraft.triton.*`, `patentDraft.inline.*`,
// `patentDraft.drafting.*`), read per resource like the rest of the extension's settings, and checked
// by src/drafting/settings.ts's normalizeDraftingSettings, the function the language server applies
// to what it receives (patentDraft/drafting/configure): one set of caps and defaults on both sides.
// That file has no imports; nothing else of src/drafting is bundled into the extension.
import * as vscode from 'vscode';
import { normalizeDraftingSettings, type DraftingSettings } from '../../drafting/settings';

export const SECTION = 'patentDraft';

export interface DraftingConfig extends Omit<DraftingSettings, 'token' | 'plaintextAccepted'> {
  inline: { enabled: boolean; refreshWhileStreaming: boolean };
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

export function readDraftingConfig(scope?: vscode.Uri): DraftingConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  // Every Triton setting is the user's: where the text goes, and the deadlines too (a repository's
  // settings cannot make every request fail).
  const u = (key: string) => userOnly<unknown>(c, key, undefined);
  const { backend, triton, tokenBudget } = normalizeDraftingSettings({
    backend: u('backend'),
    triton: {
      endpoints: u('triton.endpoints'),
      model: u('triton.model'),
      models: u('triton.models'),
      promptFormat: u('triton.promptFormat'),
      chatTemplate: u('triton.chatTemplate'),
      tls: { caFile: u('triton.tls.caFile'), certFile: u('triton.tls.certFile'), keyFile: u('triton.tls.keyFile') },
      timeoutMs: u('triton.timeoutMs'),
      firstTokenTimeoutMs: u('triton.firstOutputTimeoutMs'),
      idleTimeoutMs: u('triton.idleTimeoutMs'),
    },
    tokenBudget: c.get<unknown>('drafting.tokenBudget'),
  });
  return {
    backend,
    triton,
    tokenBudget,
    inline: { enabled: c.get<boolean>('inline.enabled', true) !== false, refreshWhileStreaming: c.get<boolean>('inline.refreshWhileStreaming', false) === true },
  };
}
