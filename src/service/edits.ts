// Core text edits as LSP workspace edits: one edit per user action, overlapping edits dropped
// (editors reject them), grouped by document.
import { LineIndex, type TextEdit as CoreEdit } from '../core/index';
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

/** The one replacement (offsets) that turns `before` into `after`: their common prefix and suffix kept. */
export function minimalChange(before: string, after: string): { start: number; end: number; newText: string } | undefined {
  if (before === after) return undefined;
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e)) e++;
  return { start: s, end: before.length - e, newText: after.slice(s, after.length - e) };
}

/** A WorkspaceEdit that turns each document's text `before` into `after` (one minimal edit per document). */
export function textChangesEdit(changes: Iterable<{ uri: string; before: string; after: string }>): { edit: WorkspaceEdit; edits: number } {
  const out: Record<string, TextEdit[]> = {};
  let edits = 0;
  for (const c of changes) {
    const m = minimalChange(c.before, c.after);
    if (!m) continue;
    const li = new LineIndex(c.before);
    (out[c.uri] ??= []).push({ range: toRange(li.range(m.start, m.end)), newText: m.newText });
    edits++;
  }
  return { edit: { changes: out }, edits };
}
