// The editor's drafting features (issue 5): the engine (backend, Triton connection, trust, status
// bar), inline claim suggestions, and the drafting commands. Composed by extension.ts.
import * as vscode from 'vscode';
import type { MatterManager } from '../matters';
import { registerDraftingCommands } from './commands';
import { DraftingEngine } from './engine';
import { registerInline } from './inline';

export { DraftingEngine } from './engine';

/** Registers the drafting features; pass the engine to share it with the language-model tools. */
export function registerDrafting(context: vscode.ExtensionContext, manager: MatterManager, engine = new DraftingEngine(context)): vscode.Disposable {
  engine.visible = () => manager.all().length > 0;
  engine.refresh();
  return vscode.Disposable.from(engine, manager.onDidChangeMatters(() => engine.refresh()), registerInline(manager, engine), registerDraftingCommands(manager, engine));
}
