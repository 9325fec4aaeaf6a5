// The editor's drafting features (issue 5): the engine (drafting in the language server, its state
// in the status bar, the user-only settings and secrets), inline claim suggestions, and the drafting
// commands (their work in the lazily loaded dist/drafting.js). Composed by extension.ts. The ids are
// literals (test/extension keeps them equal to DRAFTING_COMMANDS and package.json).
import * as vscode from 'vscode';
import type { PatentClient } from '../client';
import { loadDrafting } from '../lazy';
import { guardAsync } from '../log';
import type { ServerMatters } from '../serverMatters';
import type { DraftingEngine } from './engine';
import { registerInline } from './inline';
import { PreviewDocuments, registerPreviews } from './previews';

export { DraftingEngine } from './engine';

/** Registers the drafting features on the engine the language-model tools share. */
export function registerDrafting(client: PatentClient, matters: ServerMatters, engine: DraftingEngine): vscode.Disposable {
  engine.visible = () => matters.all().length > 0;
  engine.refresh();
  const previews = new PreviewDocuments();
  const deps = { client, matters, engine, previews };
  type Work = 'generateAbstract' | 'suggestDependentClaims' | 'draftClaimFromSelection' | 'showPrompt';
  const lazy = (name: string, work: Work) => () => guardAsync(name, undefined, async () => (await loadDrafting())[work](deps));
  const run = (name: string, body: () => Promise<void>) => () => guardAsync(name, undefined, body);
  return vscode.Disposable.from(
    registerPreviews(previews),
    matters.onDidChangeMatters(() => engine.refresh()),
    registerInline(client, engine),
    vscode.commands.registerCommand('patentDraft.generateAbstract', lazy('generate abstract', 'generateAbstract')),
    vscode.commands.registerCommand('patentDraft.suggestDependentClaims', lazy('suggest dependent claims', 'suggestDependentClaims')),
    vscode.commands.registerCommand('patentDraft.draftClaimFromSelection', lazy('draft claim from selection', 'draftClaimFromSelection')),
    vscode.commands.registerCommand('patentDraft.showPrompt', lazy('show prompt', 'showPrompt')),
    vscode.commands.registerCommand(
      'patentDraft.testConnection',
      run('test connection', () => engine.testConnection()),
    ),
    vscode.commands.registerCommand(
      'patentDraft.setTritonToken',
      run('set triton token', () => engine.setToken()),
    ),
  );
}
