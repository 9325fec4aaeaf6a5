// Adapters between the core's types and VS Code's. Positions convert through line/character
// (both sides use 0-based lines and UTF-16 columns), never through offsets of another text.
import * as vscode from 'vscode';
import type { Finding, Fix, Range, RelatedLocation, TextEdit } from '../core/index';
import type * as lsp from 'vscode-languageserver-types';
import { dedupeEdits } from '../service/edits';
import { diagnosticLevel, type DiagnosticLevel, type LevelOptions } from '../service/diagnosticLevel';

export { dedupeEdits };

export const DIAGNOSTIC_SOURCE = 'patent-draft';

export function toUri(uri: string): vscode.Uri {
  return vscode.Uri.parse(uri, true);
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toLocation(uri: string, r: Range): vscode.Location {
  return new vscode.Location(toUri(uri), toRange(r));
}

export function toSeverity(level: DiagnosticLevel): vscode.DiagnosticSeverity {
  switch (level) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/** The diagnostic for a finding (quick fixes find the finding again by code and range: see codeActions.ts);
 * a low-confidence finding that is not an error is a hint (see diagnosticLevel.ts). */
export function toDiagnostic(f: Finding, options: LevelOptions = {}): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, toSeverity(diagnosticLevel(f, options)));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.code;
  if (f.related?.length) d.relatedInformation = f.related.map(toRelated);
  return d;
}

function toRelated(r: RelatedLocation): vscode.DiagnosticRelatedInformation {
  return new vscode.DiagnosticRelatedInformation(toLocation(r.uri, r.range), r.message);
}

/** Adds core text edits to a workspace edit (one step to undo however many files it touches). */
export function addEdits(edit: vscode.WorkspaceEdit, edits: readonly TextEdit[], metadata?: vscode.WorkspaceEditEntryMetadata): void {
  for (const e of edits) {
    if (metadata) edit.replace(toUri(e.uri), toRange(e.range), e.newText, metadata);
    else edit.replace(toUri(e.uri), toRange(e.range), e.newText);
  }
}

export function fixToWorkspaceEdit(fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  addEdits(edit, dedupeEdits(fix.edits));
  return edit;
}

/** An LSP range (the service's answers) as VS Code's. */
export function fromLspRange(r: lsp.Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function fromLspLocation(l: lsp.Location): vscode.Location {
  return new vscode.Location(toUri(l.uri), fromLspRange(l.range));
}

export function fromLspLocationLink(l: lsp.LocationLink): vscode.LocationLink {
  return {
    originSelectionRange: l.originSelectionRange && fromLspRange(l.originSelectionRange),
    targetUri: toUri(l.targetUri),
    targetRange: fromLspRange(l.targetRange),
    targetSelectionRange: fromLspRange(l.targetSelectionRange),
  };
}

/** A service WorkspaceEdit (`changes`, or `documentChanges` with file creations) as one VS Code edit (one undo step). */
export function fromLspWorkspaceEdit(e: lsp.WorkspaceEdit): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(e.changes ?? {})) for (const t of edits) edit.replace(toUri(uri), fromLspRange(t.range), t.newText);
  for (const c of e.documentChanges ?? []) {
    if ('kind' in c) {
      if (c.kind === 'create') edit.createFile(toUri(c.uri), { ignoreIfExists: c.options?.ignoreIfExists === true, overwrite: c.options?.overwrite === true });
      continue;
    }
    for (const t of c.edits) if ('newText' in t) edit.replace(toUri(c.textDocument.uri), fromLspRange(t.range), t.newText);
  }
  return edit;
}

export function fromLspSymbol(s: lsp.DocumentSymbol): vscode.DocumentSymbol {
  const sym = new vscode.DocumentSymbol(s.name, s.detail ?? '', (s.kind - 1) as vscode.SymbolKind, fromLspRange(s.range), fromLspRange(s.selectionRange));
  sym.children = (s.children ?? []).map(fromLspSymbol);
  return sym;
}

/** The service's diagnostic for a VS Code one (a code action context holds copies of ours). */
export function toLspDiagnostic(d: vscode.Diagnostic): lsp.Diagnostic {
  const r = d.range;
  return {
    range: { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } },
    message: d.message,
    code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
    source: d.source,
  };
}
