// Quick fixes for the diagnostics in a range: the core's fixes of each finding (drift → dominant
// term, "the X" → "a X", dependency → an existing claim), "replace all" of one drift, renumbering,
// adding a term to the matter's glossary, and suppressing a code on its line. Each action is one
// WorkspaceEdit, applied only when the user picks it.
import { renumberClaimEdits, type Analysis } from '../core/index';
import type { Finding } from '../core/index';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, findingFor } from './diagnostics';
import { toWorkspaceEdit } from './edits';
import { glossaryEntryEdit, suppressLineEdit } from './glossaryEdit';
import { documentOf, lineIndexOf, rangesOverlap, toRange } from './positions';

export interface CodeActionOptions {
  /** The matter's glossary file (`.patentdraft/glossary.md` under its root) and its text when it exists. */
  glossary?: { uri: string; text?: string };
  /** Whether the client can create files in a workspace edit (LSP `workspace.workspaceEdit.resourceOperations`). */
  canCreateFiles?: boolean;
}

/** The diagnostics of `uri` that overlap `range`: those the client sent, or else the service's own. */
function diagnosticsIn(analysis: Analysis, uri: string, range: Range, given: readonly Diagnostic[] | undefined): { d: Diagnostic; f: Finding }[] {
  const out: { d: Diagnostic; f: Finding }[] = [];
  if (given && given.length) {
    for (const d of given) {
      if (d.source !== undefined && d.source !== DIAGNOSTIC_SOURCE) continue;
      const f = findingFor(analysis, uri, d);
      if (f) out.push({ d, f });
    }
    return out;
  }
  for (const f of analysis.findings) {
    if (f.uri !== uri) continue;
    const r = toRange(f.range);
    if (rangesOverlap(r, range)) out.push({ d: { range: r, message: f.message, code: f.code, source: DIAGNOSTIC_SOURCE }, f });
  }
  return out;
}

export function codeActions(analysis: Analysis, uri: string, range: Range, diagnostics: readonly Diagnostic[] | undefined, options: CodeActionOptions = {}): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  const push = (title: string, edit: WorkspaceEdit, d: Diagnostic, preferred?: boolean) => {
    if (seen.has(title)) return;
    seen.add(title);
    const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit };
    if (preferred) a.isPreferred = true;
    actions.push(a);
  };
  const hits = diagnosticsIn(analysis, uri, range, diagnostics);
  for (const { d, f } of hits) {
    for (const fix of f.fixes ?? []) if (fix.edits.length) push(fix.title, toWorkspaceEdit(fix.edits), d, fix.preferred === true);
    const all = replaceAll(analysis, f);
    if (all) push(all.title, all.edit, d);
    if (f.code === 'claim-numbering' && !(f.fixes ?? []).length && analysis.matter.settings.mode !== 'amendment') {
      const claimsDoc = analysis.claimsUri ? documentOf(analysis, analysis.claimsUri) : undefined;
      const edits = claimsDoc ? renumberClaimEdits(analysis.claims, lineIndexOf(claimsDoc)) : [];
      if (edits.length) push('Renumber claims 1..n (and every claim reference)', toWorkspaceEdit(edits), d);
    }
    const g = glossaryAction(f, options);
    if (g) push(g.title, g.edit, d);
  }
  // Suppressions last: the fixes come first in the list.
  const doc = documentOf(analysis, uri);
  if (doc) {
    const li = lineIndexOf(doc);
    for (const { d, f } of hits) {
      const line = d.range.start.line;
      const lineText = doc.text.slice(li.lineStart(line), li.lineEnd(line));
      const s = suppressLineEdit(lineText, f.code);
      if (s.start === s.end && s.newText === '') continue;
      const edit: WorkspaceEdit = { changes: { [uri]: [{ range: { start: { line, character: s.start }, end: { line, character: s.end } }, newText: s.newText }] } };
      push(`Suppress "${f.code}" on this line`, edit, d);
    }
  }
  return actions;
}

/** "Replace all N 'variant' with 'dominant' in the matter": the fixes of every finding of the same drift. */
function replaceAll(analysis: Analysis, f: Finding): { title: string; edit: WorkspaceEdit } | undefined {
  if (f.code !== 'term-variant' || !f.data) return undefined;
  const { term, dominant } = f.data;
  if (typeof term !== 'string' || typeof dominant !== 'string') return undefined;
  const same = analysis.findings.filter((x) => x.code === 'term-variant' && x.data?.['term'] === term && x.data?.['dominant'] === dominant);
  const edits = same.flatMap((x) => x.fixes?.[0]?.edits ?? []);
  if (same.length < 2 || edits.length < 2) return undefined;
  return { title: `Replace all ${same.length} "${term}" with "${dominant}" in the matter`, edit: toWorkspaceEdit(edits) };
}

/** "Add 'X' to the matter's glossary" for a finding about a term (drift: the dominant term, avoiding the variant). */
function glossaryAction(f: Finding, options: CodeActionOptions): { title: string; edit: WorkspaceEdit } | undefined {
  const glossary = options.glossary;
  if (!glossary) return undefined;
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
  const edit = glossaryEntryEdit(glossary.uri, glossary.text, preferred, avoid, options.canCreateFiles === true);
  return edit ? { title: `Add "${preferred}" to the matter's glossary`, edit } : undefined;
}
