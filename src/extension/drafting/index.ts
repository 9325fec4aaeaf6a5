// The editor's drafting features (issue 5): the engine (backend, Triton connection, trust, status
// bar), inline claim suggestions, and the drafting commands. Composed by extension.ts.
import * as vscode from 'vscode';
import type { MatterManager } from '../matters';
import { registerDraftingCommands } from './commands';
import { DraftingEngine } from './engine';
import { registerInline } from './inline';

export { DraftingEngine } from './engine';

export function registerDrafting(context: vscode.ExtensionContext, manager: MatterManager, engine = new DraftingEngine(context)): vscode.Disposable {
  return vscode.Disposable.from(engine, registerInline(manager, engine), registerDraftingCommands(manager, engine));
}
