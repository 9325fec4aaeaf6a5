// Applying text edits: in memory (for analysis of the result before anything is written) and to
// the workspace, one compare-and-replace per file (on disk: atomic, src/node/safeFs.ts; in the
// editor: recorded and applied as one WorkspaceEdit).
import type { TextEdit } from '../core';
import { InputError } from '../node/safeFs';
import { realFileInRoot, shownPath } from './paths';
import { ToolError, type AgentContext } from './types';
import { workspaceOf } from './workspace';

export { writeHooks } from './workspace';

/** Edits of one document that do not overlap, in order; `false` if any two overlap. */
export function nonOverlapping(edits: TextEdit[]): TextEdit[] | false {
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].range.start.offset < sorted[i - 1].range.end.offset) return false;
  return sorted;
}

export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.uri !== b.uri) return false;
  const [as, ae, bs, be] = [a.range.start.offset, a.range.end.offset, b.range.start.offset, b.range.end.offset];
  if (as === ae && bs === be) return as === bs; // two insertions at one point: order would be ambiguous
  return as < be && bs < ae;
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.uri === b.uri && a.range.start.offset === b.range.start.offset && a.range.end.offset === b.range.end.offset && a.newText === b.newText;
}

/** Applies non-overlapping edits of one document to its text. */
export function applyToText(text: string, edits: TextEdit[]): string {
  const sorted = nonOverlapping(edits);
  if (!sorted) throw new ToolError('Internal: overlapping edits were about to be applied; nothing was written.');
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.range.start.offset) + e.newText;
    at = e.range.end.offset;
  }
  return out + text.slice(at);
}

/** Writes the new texts, one atomic compare-and-replace per file (src/node/safeFs.ts): each file
 *  must still hold the text the edits were computed on, is refused when read-only or not UTF-8, and
 *  keeps its BOM, line ends and every byte outside the edits. Returns the files written. */
export async function writeDocuments(ctx: AgentContext, changes: Map<string, { before: string; after: string }>): Promise<string[]> {
  if (!ctx.allowWrites) throw new ToolError('Refused: this server is read-only. Start it with `patent-draft mcp --allow-writes` to let tools change files, or pass dryRun: true to see the edits.');
  const targets: { real: string; before: string; after: string }[] = [];
  for (const [file, { before, after }] of changes) {
    if (before === after) continue;
    targets.push({ real: await realFileInRoot(ctx, file), before, after });
  }
  const written: string[] = [];
  for (const t of targets) {
    try {
      await workspaceOf(ctx).replaceText(t.real, t.after, { root: ctx.root, expected: t.before, shown: shownPath(ctx, t.real) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const done = written.length ? ` (already written: ${written.map((w) => shownPath(ctx, w)).join(', ')})` : '';
      throw new ToolError(err.message + done);
    }
    written.push(t.real);
  }
  return written;
}
