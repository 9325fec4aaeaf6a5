// dependent-scope: a dependent claim must further limit the claim it refers to (35 USC 112(d)).
// It fires when everything the dependent claim's body recites, in order (its noun phrases and
// the words that relate them), already stands in one claim of its parent chain, or when the
// body only names a term the chain has already introduced. Words are compared without their verb endings, with
// articles, auxiliaries and claim glue ("wherein", "further") left out and the "comprise /
// include / have / contain" family folded into one word.
import type { Token } from '../words';
import type { Claim } from '../types';
import { memoTable } from '../caches';
import { claimSignature, type Check, type CheckContext } from './context';

/** Words that carry no limitation of their own. */
const GLUE = new Set(['a', 'an', 'the', 'said', 'is', 'are', 'be', 'being', 'been', 'wherein', 'whereby', 'further', 'also', 'additionally', 'and', 'that', 'which']);
const HAS = new Set([
  'comprise',
  'comprising',
  'comprises',
  'comprised',
  'include',
  'including',
  'includes',
  'included',
  'have',
  'ha',
  'has',
  'having',
  'contain',
  'containing',
  'contains',
  'contained',
]);

/** A claim body longer than this (in compared words) always adds something worth reading. */
const MAX_BODY = 80;
/** Parent chains are walked at most this far (a claim "of any preceding claim" in a long set). */
const MAX_CHAIN = 64;

const ENDINGS = ['ing', 'ed', 'es', 'e', 's'];

/** One form for "receive", "receives", "receiving", "received". */
function wordKey(norm: string): string {
  for (const e of ENDINGS) if (norm.endsWith(e) && norm.length - e.length >= 3) return norm.slice(0, norm.length - e.length);
  return norm;
}

function wordsOf(tokens: readonly Token[], from: number, to: number): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.start < from || t.start >= to) continue;
    const n = t.norm;
    if (GLUE.has(n)) continue;
    out.push(HAS.has(n) ? '\u0001has' : wordKey(n));
  }
  return out;
}

/** The words of the body, after its opening reference; undefined when it has none to compare. */
function bodyWords(ctx: CheckContext, c: Claim): { words: string[]; start: number } | undefined {
  const dep = c.dependency;
  const ct = ctx.tokensByNumber.get(c.number);
  if (!dep || dep.inBody || !ct) return undefined;
  const start = dep.range.end.offset;
  const end = c.textRange.end.offset;
  const raw = ctx.claimsLayout?.md.text.slice(start, end) ?? '';
  // What the text does not show: a formula or table after "wherein the compound is" (or "is:"),
  // or a pick among the parent's lettered alternatives ("wherein said polypeptide is (a)").
  const tail = raw.replace(/[\s.]+$/, '');
  if (tail.endsWith(':') || /\b(?:is|are|the|a|an|formula|structure|following)$/i.test(tail)) return undefined;
  if (/\(\s*(?:[a-z]{1,4}|\d{1,3})\s*\)/i.test(raw)) return undefined;
  return { words: wordsOf(ct.tokens, start, end), start };
}

/** The parent chain of claim c (nearest first), bounded. */
function chainOf(ctx: CheckContext, c: Claim): Claim[] {
  const out: Claim[] = [];
  const seen = new Set<number>([c.number]);
  const queue = c.parents.slice(0, MAX_CHAIN);
  for (let head = 0; head < queue.length && out.length < MAX_CHAIN; head++) {
    const n = queue[head];
    if (seen.has(n) || n >= c.number) continue;
    seen.add(n);
    const p = ctx.byNumber.get(n);
    if (!p) continue;
    out.push(p);
    // Bounded: a claim "of any preceding claim" in a long set names thousands.
    for (const q of p.parents) {
      if (queue.length >= 4 * MAX_CHAIN) break;
      if (!seen.has(q)) queue.push(q);
    }
  }
  return out;
}

/** Words the parent may never skip: they turn a limitation around. */
const NEVER_SKIP = new Set(['not', 'no', 'without', 'non', 'free', 'except', '\u0001has']);

/** Whether `seq` occurs in `words` in order, the parent skipping at most one word between two of
 *  seq's ("a slot for receiving" holds "a slot receiving"), never a negation. */
function containsRun(words: readonly string[], seq: readonly string[]): boolean {
  if (seq.length === 0 || seq.length > words.length) return false;
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    if (words[i] !== seq[0]) continue;
    let at = i;
    for (let k = 1; k < seq.length; k++) {
      if (words[at + 1] === seq[k]) at += 1;
      else if (words[at + 2] === seq[k] && !NEVER_SKIP.has(words[at + 1])) at += 2;
      else continue outer;
    }
    return true;
  }
  return false;
}

/** "the brake caliper has X" in a claim to a brake caliper: X is what it adds. */
function withoutSubject(words: string[], root: readonly string[]): string[] {
  const has = words.indexOf('\u0001has');
  if (has <= 0 || has > 6) return words;
  for (let k = 0; k < has; k++) if (root[k] !== words[k]) return words;
  return words.slice(has + 1);
}

interface ScopeFinding {
  /** Offsets relative to the claim's start. */
  start: number;
  end: number;
  message: string;
  parent: number;
}

/** A claim's finding (or null) by its text, its number and its ancestors' texts (`claimSignature`): an edit
 *  elsewhere, one that only moves the claim included, re-uses it. */
const scopeResults = memoTable(() => new Map<string, ScopeFinding | null>());

export const dependentScope: Check = (ctx, report) => {
  const claimWords = new Map<number, string[]>();
  const wordsOfClaim = (p: Claim): string[] => {
    let w = claimWords.get(p.number);
    if (!w) {
      const ct = ctx.tokensByNumber.get(p.number);
      w = ct ? wordsOf(ct.tokens, p.textRange.start.offset, p.textRange.end.offset) : [];
      claimWords.set(p.number, w);
    }
    return w;
  };
  const results = scopeResults();
  for (const c of ctx.claims) {
    // One parent: a multiple dependent claim limits each alternative, and is not read here.
    if (c.canceled || c.parents.length !== 1) continue;
    const base = c.textRange.start.offset;
    const key = `${c.uri}\u0000${c.number}\u0000${c.text}\u0000${claimSignature(ctx, c.number)}`;
    let r = results.get(key);
    if (r === undefined) {
      r = scopeOf(ctx, c, wordsOfClaim, base);
      if (results.size > 4000) results.clear();
      results.set(key, r);
    }
    if (r) report('dependent-scope', { message: r.message, uri: c.uri, start: base + r.start, end: base + r.end, claim: c.number, data: { parent: r.parent } });
  }
};

function scopeOf(ctx: CheckContext, c: Claim, wordsOfClaim: (p: Claim) => string[], base: number): ScopeFinding | null {
  const body = bodyWords(ctx, c);
  if (!body) return null;
  let words = body.words;
  // "..., further comprising the X": the transition itself limits nothing.
  if (words[0] === '\u0001has') words = words.slice(1);
  if (words.length === 0 || words.length > MAX_BODY) return null;
  const chain = chainOf(ctx, c);
  if (chain.length === 0) return null;
  words = withoutSubject(words, wordsOfClaim(chain[chain.length - 1]));
  if (words.length === 0) return null;
  let where: Claim | undefined;
  let why: 'recites' | 'term' | undefined;
  for (const p of chain) {
    const pw = wordsOfClaim(p);
    if (containsRun(pw, words)) {
      where = p;
      why = 'recites';
      break;
    }
  }
  if (!where) {
    // Only restates a term: every word of the body is a word of one term the chain introduced
    // ("wherein the rotor is a rotor").
    const distinct = new Set(words);
    outer: for (const p of chain) {
      for (const m of ctx.tokensByNumber.get(p.number)?.mentions ?? []) {
        if (m.kind !== 'indefinite') continue;
        const key = new Set(
          m.key
            .split(' ')
            .filter((w) => !GLUE.has(w))
            .map(wordKey),
        );
        if (key.size === 0) continue;
        if ([...distinct].every((w) => key.has(w))) {
          where = p;
          why = 'term';
          break outer;
        }
      }
    }
  }
  if (!where || !why) return null;
  const start = body.start;
  let end = c.textRange.end.offset;
  const text = ctx.claimsLayout?.md.text;
  if (text) while (end > start && /[\s.]/.test(text[end - 1])) end--;
  const parent = c.parents.length === 1 ? `claim ${c.parents[0]}` : `claims ${c.parents.join(', ')}`;
  const message =
    why === 'recites'
      ? `Claim ${c.number} adds nothing to ${parent}: what it recites already stands in claim ${where.number}; a dependent claim must further limit the claim it refers to (35 USC 112(d)).`
      : `Claim ${c.number} only restates a term claim ${where.number} already introduces; a dependent claim must further limit the claim it refers to (35 USC 112(d)).`;
  return { start: start - base, end: Math.max(start, end) - base, message, parent: where.number };
}
