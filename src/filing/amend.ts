// A claim listing for an office action response (37 CFR 1.121(c); MPEP 714): every claim ever
// presented, under its original number, with its status identifier; a currently amended claim
// with its changes marked. Pure: the texts of both versions come in, the listing goes out. The
// word-level comparison is the `diff` library's; claim numbers, references and statuses are the
// core's (src/core/claims.ts).
import { diffWords, type Change } from 'diff';
import { parseClaims, readClaimNumbers, referencesOf, renumberReference } from '../core/index';
import { detectRole, layoutDocument, type DocumentLayout } from '../core/index';
import type { AmendmentStatus, Claim, DocumentRole } from '../core/index';
import { cleanListingText, STATUS_LABEL, tidy, type ListingMark } from './amendMarks';

export { STATUS_LABEL, tidy, type ListingMark };

export interface ListingClaim {
  /** The claim's number in the listing: its number as filed (claims are never renumbered in an amendment). */
  number: number;
  status: AmendmentStatus;
  /** The claim's clean text as it now reads, references in listing numbers; '' for a canceled claim. */
  text: string;
  /** For a currently amended claim, the text with its changes; otherwise empty. */
  marks: ListingMark[];
  /** The claim's number in the working copy, where it differs from `number` (the working copy renumbered). */
  workingNumber?: number;
}

export interface ClaimListing {
  claims: ListingClaim[];
  /** What the drafter should know (a renumbered working copy, a comparison cut short), never document text. */
  notes: string[];
}

/** One claim of one version, as the listing compares it. */
export interface ClaimVersion {
  number: number;
  status?: AmendmentStatus;
  /** The text with the version's own marks removed (a previous listing's), lines kept. */
  text: string;
  /** Claim references in `text` (offsets into it), for mapping working numbers to listing numbers. */
  refs: { start: number; end: number; text: string }[];
  /** The core's claim (offsets into its document), for the new-matter check. */
  claim?: Claim;
}

/** Bounds: claims per version, characters per claim, the diff's edit length. */
export const MAX_LISTING_CLAIMS = 2000;
export const MAX_CLAIM_CHARS = 100_000;
const MAX_EDIT_LENGTH = 4000;

export class ListingError extends Error {}

/** The layout of a claims document or a single-file matter (its "## Claims" section). */
export function claimsLayoutOf(uri: string, text: string): DocumentLayout {
  const detected = detectRole({ uri, text });
  const role: DocumentRole = detected === 'combined' || detected === 'disclosure' ? 'combined' : 'claims';
  return layoutDocument({ uri, text, role });
}

/** The claims of one version of a claims document (or single-file matter), each with its clean text. */
export function readClaimVersions(uri: string, text: string): ClaimVersion[] {
  const layout = claimsLayoutOf(uri, text);
  const claims = parseClaims(layout);
  if (claims.length > MAX_LISTING_CLAIMS) throw new ListingError(`${claims.length} claims; a listing holds at most ${MAX_LISTING_CLAIMS}`);
  return claims.map((c) => {
    if (c.text.length > MAX_CLAIM_CHARS) throw new ListingError(`claim ${c.number} has ${c.text.length} characters; at most ${MAX_CLAIM_CHARS} are compared`);
    const base = c.textRange.start.offset;
    const marked = c.text;
    const refs = referencesOf(c)
      .filter((r) => !r.anyPreceding)
      .map((r) => ({ start: r.range.start.offset - base, end: r.range.end.offset - base, text: r.text }))
      .filter((r) => r.start >= 0 && r.end <= marked.length && marked.slice(r.start, r.end) === r.text);
    const clean = hasMarks(marked) ? cleanListingText(marked) : marked;
    return {
      number: c.number,
      status: c.status,
      text: tidy(c.canceled || c.status === 'not entered' ? '' : clean),
      // Offsets of references are only kept where cleaning left the text as it was.
      refs: clean === marked ? refs : [],
      claim: c,
    };
  });
}

function hasMarks(s: string): boolean {
  return s.includes('<u>') || s.includes('~~') || s.includes('[[');
}

/** What two texts must share to be the same claim text: words and punctuation, not spacing. */
export function sameText(a: string, b: string): boolean {
  return compareKey(a) === compareKey(b);
}

export function compareKey(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/ (?=[,.;:)\]])/g, '')
    .replace(/([([]) /g, '$1')
    .trim();
}

/** The claim's text with the numbers inside its claim references replaced ("claim 3" → "claim #"):
 *  what stays the same when a working copy renumbers. */
function shapeKey(text: string): string {
  const refs = readClaimNumbers(text, 64);
  let out = '';
  let pos = 0;
  for (const r of refs) {
    out += text.slice(pos, r.start) + r.text.replace(/\d+/g, '#');
    pos = r.end;
  }
  return compareKey(out + text.slice(pos)).toLowerCase();
}

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

/** Pairs working claims with previous ones: the same text (claim numbers aside) first, then the
 *  same number when similar enough, then the most similar remaining. Canceled and not entered
 *  previous claims have no text and take no working claim. Returns working index → previous index. */
function matchClaims(prev: ClaimVersion[], work: ClaimVersion[]): Map<number, number> {
  const match = new Map<number, number>();
  const taken = new Set<number>();
  const open = (i: number) => !taken.has(i) && prev[i].text !== '';
  const byKey = new Map<string, number[]>();
  prev.forEach((p, i) => {
    if (p.text === '') return;
    const k = shapeKey(p.text);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  // 0. A claim the working copy cancels in place ("3. (Canceled)") keeps that number's previous claim.
  work.forEach((w, j) => {
    if (w.status !== 'canceled' && w.status !== 'not entered') return;
    const i = prev.findIndex((p, k) => p.number === w.number && !taken.has(k));
    if (i < 0) return;
    match.set(j, i);
    taken.add(i);
  });
  // 1. Same text: the same number first, else the first one left.
  work.forEach((w, j) => {
    if (w.text === '' || match.has(j)) return;
    const list = byKey.get(shapeKey(w.text));
    if (!list) return;
    const i = list.find((x) => open(x) && prev[x].number === w.number) ?? list.find(open);
    if (i === undefined) return;
    match.set(j, i);
    taken.add(i);
  });
  const prevWords = prev.map((p) => words(p.text));
  const workWords = work.map((w) => words(w.text));
  // 2. Similar texts (word sets at least half shared), the same number breaking near-ties.
  const byNumber = new Map<number, number>();
  prev.forEach((p, i) => byNumber.set(p.number, i));
  const pairs: { i: number; j: number; s: number }[] = [];
  const left = work.map((_, j) => j).filter((j) => !match.has(j) && work[j].text !== '');
  const openPrev = prev.map((_, i) => i).filter(open);
  if (left.length * openPrev.length <= 1_000_000) {
    for (const j of left)
      for (const i of openPrev) {
        const s = similarity(prevWords[i], workWords[j]);
        if (s >= 0.5) pairs.push({ i, j, s: s + (prev[i].number === work[j].number ? 0.05 : 0) });
      }
  } else {
    for (const j of left) {
      const i = byNumber.get(work[j].number);
      if (i !== undefined && open(i)) pairs.push({ i, j, s: 1 });
    }
  }
  // 3. Greedy, most similar first (ties: the same number, then document order).
  pairs.sort((a, b) => b.s - a.s || a.j - b.j || a.i - b.i);
  for (const { i, j } of pairs) {
    if (match.has(j) || taken.has(i)) continue;
    match.set(j, i);
    taken.add(i);
  }
  return match;
}

/** The words that changed, as marks (the `diff` library's word diff); whole texts when the change is too large to diff. */
export function diffMarks(before: string, after: string): ListingMark[] {
  const changes: Change[] | undefined = diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes)
    return [
      { type: 'delete', text: before },
      { type: 'insert', text: after },
    ].filter((m) => m.text !== '') as ListingMark[];
  const out: ListingMark[] = [];
  for (const c of changes) {
    const type = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = out[out.length - 1];
    if (last && last.type === type) last.text += c.value;
    else out.push({ type, text: c.value });
  }
  return out;
}

/** `text` with its claim references' numbers mapped (working numbers to listing numbers). */
function mapReferences(v: ClaimVersion, map: Map<number, number>): string {
  if (v.refs.length === 0) return v.text;
  // The refs' offsets are into the claim's text before `tidy`: map there, then tidy again.
  const raw = v.claim ? v.claim.text : v.text;
  let out = '';
  let pos = 0;
  for (const r of [...v.refs].sort((a, b) => a.start - b.start)) {
    if (r.start < pos) continue;
    out += raw.slice(pos, r.start) + renumberReference(r.text, map);
    pos = r.end;
  }
  return tidy(out + raw.slice(pos));
}

function carriedStatus(prev: AmendmentStatus | undefined): AmendmentStatus {
  if (prev === undefined || prev === 'original') return 'original';
  if (prev === 'withdrawn' || prev === 'withdrawn - currently amended') return 'withdrawn';
  return 'previously presented';
}

/** The listing of the working claims against the previous version. */
export function buildListing(previous: ClaimVersion[], working: ClaimVersion[]): ClaimListing {
  const notes: string[] = [];
  const match = matchClaims(previous, working);
  const map = new Map<number, number>();
  let next = previous.reduce((m, p) => Math.max(m, p.number), 0) + 1;
  const out = new Map<number, ListingClaim>();
  const prevIndexOf = new Map<number, number>();
  working.forEach((w, j) => {
    const i = match.get(j);
    if (i !== undefined) map.set(w.number, previous[i].number);
    else if (w.text !== '') map.set(w.number, next++);
    if (i !== undefined) prevIndexOf.set(previous[i].number, j);
  });
  const renumbered = [...match].filter(([j, i]) => working[j].number !== previous[i].number);
  if (renumbered.length)
    notes.push(
      `${renumbered.length} claim(s) numbered differently in the working copy are listed under their numbers as filed (37 CFR 1.126: claims are never renumbered in an amendment); claim references were mapped to those numbers.`,
    );
  for (const p of previous) {
    if (out.has(p.number)) {
      notes.push(`The previous version numbers two claims ${p.number}; the second was left out of the comparison.`);
      continue;
    }
    const j = prevIndexOf.get(p.number);
    if (j === undefined) {
      const status: AmendmentStatus = p.status === 'not entered' && p.text === '' ? 'not entered' : 'canceled';
      out.set(p.number, { number: p.number, status, text: '', marks: [] });
      continue;
    }
    const w = working[j];
    const text = mapReferences(w, map);
    const withdrawn = w.status === 'withdrawn' || w.status === 'withdrawn - currently amended' || p.status === 'withdrawn' || p.status === 'withdrawn - currently amended';
    const claim: ListingClaim = { number: p.number, status: 'original', text, marks: [] };
    if (w.number !== p.number) claim.workingNumber = w.number;
    if (w.status === 'canceled' || w.status === 'not entered') claim.status = w.status;
    else if (sameText(p.text, text)) claim.status = withdrawn ? 'withdrawn' : carriedStatus(p.status);
    else {
      claim.status = withdrawn ? 'withdrawn - currently amended' : 'currently amended';
      claim.marks = diffMarks(p.text, text);
    }
    if (claim.status === 'canceled' || claim.status === 'not entered') claim.text = '';
    out.set(p.number, claim);
  }
  working.forEach((w, j) => {
    if (match.has(j) || w.text === '') return;
    const number = map.get(w.number)!;
    const claim: ListingClaim = { number, status: 'new', text: mapReferences(w, map), marks: [] };
    if (w.number !== number) claim.workingNumber = w.number;
    out.set(number, claim);
  });
  const claims = [...out.values()].sort((a, b) => a.number - b.number);
  return { claims, notes };
}

/** The listing of two versions of a claims document (or single-file matter), given as texts. */
export function listingBetween(previous: { uri: string; text: string }, working: { uri: string; text: string }): ClaimListing {
  const prev = readClaimVersions(previous.uri, previous.text);
  if (prev.length === 0) throw new ListingError('the previous version has no claims (no "## Claims" section or numbered claims)');
  return buildListing(prev, readClaimVersions(working.uri, working.text));
}
