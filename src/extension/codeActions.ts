// Quick fixes: the service's code actions (src/service/codeActions.ts: the core's fixes, "replace
// all" of one drift, renumbering, the glossary entry, the suppression), converted. Each is one
// WorkspaceEdit, applied only when chosen.
import * as vscode from 'vscode';
import { codeActions, GLOSSARY_PATH } from '../service/index';
import { DIAGNOSTIC_SOURCE, fromLspWorkspaceEdit, toLspDiagnostic } from './convert';
import { guard } from './log';
import type { MatterManager } from './matters';

export const SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'vscode-remote' },
  { language: 'markdown', scheme: 'vscode-vfs' },
];

class PatentCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly manager: MatterManager) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    // The light bulb asks on every cursor move: wait for the pending analysis rather than run one.
    const hit = await this.manager.analysisReady(document.uri, token).catch(() => undefined);
    return guard('code actions', [], () => {
      if (!hit || token.isCancellationRequested) return [];
      const glossary = vscode.Uri.joinPath(hit.matter.root, GLOSSARY_PATH);
      const lspRange = { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
      const byKey = new Map(ours.map((d) => [`${String(typeof d.code === 'object' ? d.code.value : d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`, d]));
      return codeActions(hit.analysis, document.uri.toString(), lspRange, ours.map(toLspDiagnostic), {
        glossary: { uri: glossary.toString(), text: hit.matter.docs.get(glossary.toString())?.text },
        canCreateFiles: true,
      }).map((a) => {
        const action = new vscode.CodeAction(a.title, vscode.CodeActionKind.QuickFix);
        if (a.edit) action.edit = fromLspWorkspaceEdit(a.edit);
        action.isPreferred = a.isPreferred === true;
        action.diagnostics = (a.diagnostics ?? []).map((d) => byKey.get(`${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)).filter((d): d is vscode.Diagnostic => !!d);
        return action;
      });
    });
  }
}

export function registerCodeActions(manager: MatterManager): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(SELECTOR, new PatentCodeActions(manager), {
    providedCodeActionKinds: PatentCodeActions.kinds,
  });
}
