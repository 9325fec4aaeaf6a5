// Quick fixes: the core's fixes for each finding (drift → dominant term, "the X" → "a X",
// dependency → an existing claim, renumbering), plus the editor's own: suppress on this line and
// add the term to the matter's glossary. Each is one WorkspaceEdit, applied only when chosen.
import * as vscode from 'vscode';
import type { Analysis } from '../core/index';
import type { Finding } from '../core/types';
import { DIAGNOSTIC_SOURCE, fixToWorkspaceEdit } from './convert';
import { appendGlossaryText, glossaryHas, glossaryLine, GLOSSARY_PATH, newGlossaryText, suppressLineEdit } from '../service/glossaryEdit';
import { COMMAND_IDS } from './ids';
import { guard } from './log';
import type { MatterManager, MatterState } from './matters';

export const SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'vscode-remote' },
  { language: 'markdown', scheme: 'vscode-vfs' },
];

/** The finding a diagnostic shows (diagnostics in a code action context are copies). */
export function findingFor(analysis: Analysis, uri: vscode.Uri, d: vscode.Diagnostic): Finding | undefined {
  const key = uri.toString();
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  return analysis.findings.find(
    (f: Finding) =>
      f.uri === key &&
      f.code === code &&
      f.range.start.line === d.range.start.line &&
      f.range.start.character === d.range.start.character &&
      f.range.end.line === d.range.end.line &&
      f.range.end.character === d.range.end.character,
  );
}

/**
 * "Replace all N 'variant' with 'dominant' in the matter": the core's fix of every finding of the
 * same drift (same variant, same dominant term), as one WorkspaceEdit.
 */
function replaceAllAction(analysis: Analysis, f: Finding, d: vscode.Diagnostic): vscode.CodeAction | undefined {
  if (f.code !== 'term-variant' || !f.data) return undefined;
  const { term, dominant } = f.data;
  if (typeof term !== 'string' || typeof dominant !== 'string') return undefined;
  const same = analysis.findings.filter((x: Finding) => x.code === 'term-variant' && x.data?.['term'] === term && x.data?.['dominant'] === dominant);
  const edits = same.flatMap((x: Finding) => x.fixes?.[0]?.edits ?? []);
  if (same.length < 2 || edits.length < 2) return undefined;
  const a = new vscode.CodeAction(`Replace all ${same.length} "${term}" with "${dominant}" in the matter`, vscode.CodeActionKind.QuickFix);
  a.edit = fixToWorkspaceEdit({ title: a.title, edits });
  a.diagnostics = [d];
  return a;
}

class PatentCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly manager: MatterManager) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    // The light bulb asks on every cursor move: wait for the pending analysis rather than run one.
    const hit = await this.manager.analysisReady(document.uri, token).catch(() => undefined);
    return guard('code actions', [], () => {
      if (!hit || token.isCancellationRequested) return [];
      const actions: vscode.CodeAction[] = [];
      const seenTitles = new Set<string>();
      const push = (a: vscode.CodeAction) => {
        if (seenTitles.has(a.title)) return;
        seenTitles.add(a.title);
        actions.push(a);
      };
      for (const d of ours) {
        const f = findingFor(hit.analysis, document.uri, d);
        if (!f) continue;
        for (const fix of f.fixes ?? []) {
          if (fix.edits.length === 0) continue;
          const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          a.edit = fixToWorkspaceEdit(fix);
          a.diagnostics = [d];
          a.isPreferred = fix.preferred === true;
          push(a);
        }
        const all = replaceAllAction(hit.analysis, f, d);
        if (all) push(all);
        if (f.code === 'claim-numbering' && !(f.fixes ?? []).length) {
          const a = new vscode.CodeAction('Renumber claims…', vscode.CodeActionKind.QuickFix);
          a.command = { command: COMMAND_IDS.renumberClaims, title: 'Renumber Claims', arguments: [document.uri] };
          a.diagnostics = [d];
          push(a);
        }
        const glossary = this.glossaryAction(hit.matter, f, d);
        if (glossary) push(glossary);
      }
      // Suppressions last: the fixes come first in the light bulb.
      for (const d of ours) {
        const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
        if (!code) continue;
        const line = document.lineAt(d.range.start.line);
        const s = suppressLineEdit(line.text, code);
        if (s.start === s.end && s.newText === '') continue;
        const a = new vscode.CodeAction(`Suppress "${code}" on this line`, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, new vscode.Range(line.lineNumber, s.start, line.lineNumber, s.end), s.newText);
        a.edit = edit;
        a.diagnostics = [d];
        push(a);
      }
      return actions;
    });
  }

  /** "Add 'X' to the matter's glossary" for findings about a term (drift: the dominant term, avoiding the variant). */
  private glossaryAction(m: MatterState, f: Finding, d: vscode.Diagnostic): vscode.CodeAction | undefined {
    const data = f.data ?? {};
    const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
    let preferred: string | undefined;
    let avoid: string[] = [];
    if (f.code === 'term-variant') {
      preferred = str('dominant') ?? str('preferred');
      const variant = str('variant') ?? str('term');
      if (variant) avoid = [variant];
      const variants = data['variants'];
      if (Array.isArray(variants)) avoid.push(...variants.map(String));
    } else if (f.code === 'term-unsupported') {
      preferred = str('term') ?? str('label');
    }
    if (!preferred) return undefined;
    const uri = vscode.Uri.joinPath(m.root, GLOSSARY_PATH);
    const existing = m.docs.get(uri.toString());
    if (existing && glossaryHas(existing.text, preferred)) return undefined;
    const line = glossaryLine(preferred, avoid);
    const edit = new vscode.WorkspaceEdit();
    if (existing) {
      const lines = existing.text.split('\n');
      const end = new vscode.Position(lines.length - 1, lines[lines.length - 1]!.length);
      edit.insert(uri, end, appendGlossaryText(existing.text, line));
    } else {
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(newGlossaryText(line)) });
    }
    const a = new vscode.CodeAction(`Add "${preferred}" to the matter's glossary`, vscode.CodeActionKind.QuickFix);
    a.edit = edit;
    a.diagnostics = [d];
    return a;
  }
}

export function registerCodeActions(manager: MatterManager): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(SELECTOR, new PatentCodeActions(manager), {
    providedCodeActionKinds: PatentCodeActions.kinds,
  });
}

