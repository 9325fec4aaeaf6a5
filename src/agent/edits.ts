// Applying text edits: in memory (for analysis of the result before anything is written) and to
// files, one atomic write per file (a temporary file beside it, then rename).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from '../core';
import { realFileInRoot } from './paths';
import { ToolError, type AgentContext } from './types';

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

/** Writes the new texts, one atomic write per file, after checking that each file still holds the
 *  text the edits were computed on. Returns the files written. */
export async function writeDocuments(ctx: AgentContext, changes: Map<string, { before: string; after: string }>): Promise<string[]> {
  if (!ctx.allowWrites) throw new ToolError('Refused: this server is read-only. Start it with `patent-draft mcp --allow-writes` to let tools change files, or pass dryRun: true to see the edits.');
  const targets: { real: string; after: string }[] = [];
  for (const [file, { before, after }] of changes) {
    if (before === after) continue;
    const real = await realFileInRoot(ctx, file);
    const now = (await fs.readFile(real, 'utf8')).replace(/^\uFEFF/, '');
    if (now !== before) throw new ToolError(`${path.basename(file)} changed on disk while the edit was computed; nothing was written. Call the tool again.`);
    targets.push({ real, after });
  }
  const written: string[] = [];
  for (const t of targets) {
    const tmp = path.join(path.dirname(t.real), `.${path.basename(t.real)}.${randomBytes(4).toString('hex')}.tmp`);
    const mode = (await fs.stat(t.real)).mode & 0o777;
    try {
      await fs.writeFile(tmp, t.after, { encoding: 'utf8', mode, flag: 'wx' });
      await fs.rename(tmp, t.real);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw new ToolError(`Could not write ${path.basename(t.real)}: ${(err as Error).message}`);
    }
    written.push(t.real);
  }
  return written;
}
