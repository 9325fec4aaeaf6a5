// Renumbering claims consecutively in document order, with every dependency reference updated.
import type { Claim, TextEdit } from './types';
import type { LineIndex } from './text';

/** Edits that renumber `claims` 1..n in document order (canceled claims count) and update
 *  the claim numbers inside every dependency reference. Empty when nothing changes. */
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
    const dep = c.dependency;
    if (dep && !dep.anyPreceding) {
      const rewritten = dep.text.replace(/\d+/g, (d) => String(mapping.get(Number(d)) ?? d));
      if (rewritten !== dep.text) edits.push({ uri: c.uri, range: dep.range, newText: rewritten });
    }
  });
  return edits;
}

export function renumberEdits(ctx: { claims: Claim[]; claimsLayout?: { lines: LineIndex } }): TextEdit[] {
  if (!ctx.claimsLayout) return [];
  return renumberClaimEdits(ctx.claims, ctx.claimsLayout.lines);
}
