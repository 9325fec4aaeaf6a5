// Core text edits as LSP workspace edits: one edit per user action, overlapping edits dropped
// (editors reject them), grouped by document.
import type { TextEdit as CoreEdit } from '../core/index';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { toRange } from './positions';

/** Drops exact duplicates and edits that overlap an earlier one (editors reject overlapping edits). */
export function dedupeEdits(edits: readonly CoreEdit[]): CoreEdit[] {
  const byUri = new Map<string, CoreEdit[]>();
  for (const e of edits) {
    const list = byUri.get(e.uri) ?? [];
    list.push(e);
    byUri.set(e.uri, list);
  }
  const out: CoreEdit[] = [];
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

/** A WorkspaceEdit (`changes` by document) of core edits, deduplicated. */
export function toWorkspaceEdit(edits: readonly CoreEdit[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of dedupeEdits(edits)) (changes[e.uri] ??= []).push({ range: toRange(e.range), newText: e.newText });
  return { changes };
}
