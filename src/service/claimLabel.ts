// What a claim says in one line, for the Claim Tree view and the report's tree (one copy): an
// independent claim by its preamble, a dependent claim by what it adds, the text after "wherein"
// or "further comprising" ("2. the lever is rigid", not "2. The system of claim 1 1 war…").
import type { Claim } from '../core/index';
import { shorten } from './refs';

/** How far into a claim the words that introduce its addition are looked for. */
const SCAN_CHARS = 4000;

/** The words after which a dependent claim states what it adds (first match after the claim reference). */
const ADDS =
  /\b(?:wherein|whereby|in\s+which|characteri[sz]ed\s+in\s+that|further\s+(?:comprising|comprises|including|includes|having|has)|(?:comprising|including)\s+(?:further|also|additionally))\b[\s,:]*/i;

export interface ClaimAddition {
  /** 'wherein' for a wherein-type clause, 'further' for an added element, 'rest' for other wording. */
  kind: 'wherein' | 'further' | 'rest';
  text: string;
}

/** The text a dependent claim adds to its parent; undefined for an independent or canceled claim. */
export function claimAddition(claim: Claim): ClaimAddition | undefined {
  // A claim that takes another in through its body ("a bicycle comprising ... the caliper of claim 1") reads by its preamble.
  if (claim.canceled || claim.parents.length === 0 || claim.dependency?.inBody) return undefined;
  const base = claim.textRange.start.offset;
  const afterRef = claim.dependency ? Math.max(0, claim.dependency.range.end.offset - base) : 0;
  const scan = claim.text.slice(afterRef, afterRef + SCAN_CHARS);
  const m = ADDS.exec(scan);
  const clean = (s: string) =>
    s
      .replace(/\s+/g, ' ')
      .replace(/^[\s,;:]+/, '')
      .replace(/[\s.,;:]+$/, '');
  if (m) {
    const text = clean(claim.text.slice(afterRef + m.index + m[0].length, afterRef + m.index + m[0].length + SCAN_CHARS));
    if (text) return { kind: /^(?:wherein|whereby|in|characteri)/i.test(m[0]) ? 'wherein' : 'further', text };
  }
  const rest = clean(scan);
  return rest ? { kind: 'rest', text: rest } : undefined;
}

/** A claim's one-line label, without its number: the preamble of an independent claim, what a dependent adds. */
export function claimLabel(claim: Claim, max = 80): string {
  const add = claimAddition(claim);
  if (add) return shorten(add.kind === 'further' ? `+ ${add.text}` : add.text, max);
  return shorten(claim.preamble || claim.text, max).replace(/[\s,;:]+$/, '');
}
