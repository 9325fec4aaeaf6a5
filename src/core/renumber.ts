// Renumbering claims consecutively in document order, with every claim reference updated.
import { referencesOf, renumberReference } from './claims';
import type { Claim, TextEdit } from './types';
import type { LineIndex } from './text';

/** Edits that renumber `claims` 1..n in document order (canceled claims count) and update
 *  the claim numbers inside every claim reference. Empty when nothing changes. */
export function renumberClaimEdits(claims: Claim[], lines: LineIndex): TextEdit[] {
  const mapping = new Map<number, number>();
  claims.forEach((c, i) => {
    if (!mapping.has(c.number)) mapping.set(c.number, i + 1);
  });
  const edits: TextEdit[] = [];
  claims.forEach((c, i) => {
    const n = i + 1;
    if (c.number !== n) {
      const s = c.numberRange.start.offset;
      edits.push({ uri: c.uri, range: lines.range(s, s + String(c.number).length), newText: String(n) });
    }
    for (const e of referenceEdits(c, mapping)) edits.push({ uri: c.uri, range: e.ref.range, newText: e.newText });
  });
  return edits;
}

/** The claim's references whose numbers `mapping` changes, each with its new text. */
export function referenceEdits<R extends { text: string; anyPreceding?: boolean }>(c: { dependency?: R; references?: R[] }, mapping: ReadonlyMap<number, number>): { ref: R; newText: string }[] {
  const out: { ref: R; newText: string }[] = [];
  for (const ref of referencesOf(c)) {
    if (ref.anyPreceding) continue;
    const newText = renumberReference(ref.text, mapping);
    if (newText !== ref.text) out.push({ ref, newText });
  }
  return out;
}

export function renumberEdits(ctx: { claims: Claim[]; claimsLayout?: { lines: LineIndex } }): TextEdit[] {
  if (!ctx.claimsLayout) return [];
  return renumberClaimEdits(ctx.claims, ctx.claimsLayout.lines);
}
