// Where generated claims go in the claims document, and the edits that put them there: after the
// parent claim's last dependent, numbered, with the claims that follow renumbered (and every
// reference to them) if the user agrees, or else at the end with the next free numbers.
// Offsets into one document's text; the caller turns them into one WorkspaceEdit. No `vscode` import.
import { referenceEdits } from '../../core/index';

/** What the edits need of a claim (the core's Claim has all of it). */
export interface ClaimSpan {
  number: number;
  parents: number[];
  canceled?: boolean;
  range: { start: { offset: number }; end: { offset: number } };
  numberRange: { start: { offset: number } };
  dependency?: ClaimSpanReference;
  /** Every claim reference (the core's `Claim.references`); left out, the dependency alone. */
  references?: ClaimSpanReference[];
}

type ClaimSpanReference = { text: string; range: { start: { offset: number }; end: { offset: number } }; anyPreceding?: boolean };

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** The claims that depend on `n`, directly or through others. */
export function descendantsOf(claims: ClaimSpan[], n: number): Set<number> {
  const out = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of claims) {
      if (out.has(c.number) || c.number === n) continue;
      if (c.parents.some((p) => p === n || out.has(p))) {
        out.add(c.number);
        grew = true;
      }
    }
  }
  return out;
}

/** The index (in `claims`, document order) after which claims for `parent` go: its last descendant. */
export function insertionIndex(claims: ClaimSpan[], parent: number): number {
  const i = claims.findIndex((c) => c.number === parent);
  if (i < 0) return -1;
  const desc = descendantsOf(claims, parent);
  let last = i;
  claims.forEach((c, j) => {
    if (j > last && desc.has(c.number)) last = j;
  });
  // Keep a contiguous block: stop at the first claim after the parent that is not its descendant.
  let end = i;
  while (end + 1 < claims.length && desc.has(claims[end + 1]!.number)) end++;
  return Math.min(last, end);
}

/** A generated claim's text without its number ("9. The device of claim 1, …" → "The device of claim 1, …"). */
export function stripNumber(text: string): string {
  return text.trim().replace(/^\d{1,3}\s*[.)]\s*/, '');
}

export interface InsertPlan {
  edits: OffsetEdit[];
  /** The numbers the new claims get. */
  numbers: number[];
  /** How many existing claims change number. */
  renumbered: number;
}

function separator(text: string, claims: ClaimSpan[]): string {
  if (claims.length > 1) {
    const between = text.slice(claims[0]!.range.end.offset, claims[1]!.range.start.offset);
    if (/^\s+$/.test(between) && between.includes('\n')) return between;
  }
  return '\n\n';
}

function numberSuffix(text: string, c: ClaimSpan): string {
  return /^\s*([.)])/.exec(text.slice(c.numberRange.start.offset + String(c.number).length))?.[1] ?? '.';
}

/**
 * Inserts `bodies` (claim texts without numbers) after the claim at `index` (-1: before the first
 * claim). With `renumber`, the claims after the insertion point move up by the number of new
 * claims and every dependency reference follows them; without it the caller should only insert
 * at the end (see `planAppend`).
 */
export function planInsert(text: string, claims: ClaimSpan[], index: number, bodies: string[]): InsertPlan {
  const k = bodies.length;
  const live = claims;
  if (!live.length) {
    const numbers = bodies.map((_, j) => j + 1);
    const at = text.length;
    const lead = text.length && !text.endsWith('\n\n') ? (text.endsWith('\n') ? '\n' : '\n\n') : '';
    return { edits: [{ start: at, end: at, newText: lead + bodies.map((b, j) => `${numbers[j]}. ${b}`).join('\n\n') + '\n' }], numbers, renumbered: 0 };
  }
  const sep = separator(text, live);
  const mapping = new Map<number, number>();
  live.forEach((c, p) => {
    if (!mapping.has(c.number)) mapping.set(c.number, p <= index ? c.number : c.number + k);
  });
  const edits: OffsetEdit[] = [];
  let renumbered = 0;
  live.forEach((c, p) => {
    if (p > index) {
      const s = c.numberRange.start.offset;
      edits.push({ start: s, end: s + String(c.number).length, newText: String(c.number + k) });
      renumbered++;
    }
    for (const { ref, newText } of referenceEdits(c, mapping)) edits.push({ start: ref.range.start.offset, end: ref.range.end.offset, newText });
  });
  const ref = live[Math.max(0, index)]!;
  const suffix = numberSuffix(text, ref);
  const first = index < 0 ? 1 : live[index]!.number + 1;
  const numbers = bodies.map((_, j) => first + j);
  const block = bodies.map((b, j) => `${numbers[j]}${suffix} ${b}`);
  if (index < 0) {
    const at = live[0]!.range.start.offset;
    edits.push({ start: at, end: at, newText: block.join(sep) + sep });
  } else {
    const at = live[index]!.range.end.offset;
    edits.push({ start: at, end: at, newText: block.map((b) => sep + b).join('') });
  }
  return { edits: edits.sort((a, b) => a.start - b.start), numbers, renumbered };
}

/** Appends `bodies` after the last claim with the next free numbers (nothing renumbered). */
export function planAppend(text: string, claims: ClaimSpan[], bodies: string[]): InsertPlan {
  if (!claims.length) return planInsert(text, claims, -1, bodies);
  const last = claims[claims.length - 1]!;
  const next = Math.max(...claims.map((c) => c.number)) + 1;
  const sep = separator(text, claims);
  const suffix = numberSuffix(text, last);
  const numbers = bodies.map((_, j) => next + j);
  const at = last.range.end.offset;
  return { edits: [{ start: at, end: at, newText: bodies.map((b, j) => `${sep}${numbers[j]}${suffix} ${b}`).join('') }], numbers, renumbered: 0 };
}

/** Applies non-overlapping offset edits to a text (tests and previews). */
export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
