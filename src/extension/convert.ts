// Adapters between the core's types and VS Code's. Positions convert through line/character
// (both sides use 0-based lines and UTF-16 columns), never through offsets of another text.
import * as vscode from 'vscode';
import type { Finding, Fix, Range, RelatedLocation, TextEdit } from '../core/types';
import { diagnosticLevel, type DiagnosticLevel } from '../service/diagnosticLevel';

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
export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, toSeverity(diagnosticLevel(f)));
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

/** Drops exact duplicates and edits that overlap an earlier one (VS Code rejects overlapping edits). */
export function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byUri.get(e.uri) ?? [];
    list.push(e);
    byUri.set(e.uri, list);
  }
  const out: TextEdit[] = [];
  for (const list of byUri.values()) {
    list.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
    let lastEnd = -1;
    let lastStart = -1;
    for (const e of list) {
      const empty = e.range.start.offset === e.range.end.offset;
      if (e.range.start.offset < lastEnd || (empty && e.range.start.offset === lastStart && lastEnd === lastStart)) continue;
      out.push(e);
      lastStart = e.range.start.offset;
      lastEnd = e.range.end.offset;
    }
  }
  return out;
}
