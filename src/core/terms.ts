// Claim terms: the noun phrases each claim introduces and refers back to, and whether a term is
// available in a claim on every dependency path (the claim itself before the mention, or every
// chain of ancestors).
import type { DocumentLayout } from './matter';
import { findPhrases, STOP, type Phrase } from './phrases';
import type { Claim, TermMention } from './types';
import { tokenize, type Token } from './words';

export interface ClaimTokens {
  claim: Claim;
  tokens: Token[];
  phrases: Phrase[];
  mentions: TermMention[];
  /** norm → token indices, ascending. */
  byNorm: Map<string, number[]>;
}

const ORDINAL = /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))$/;

export function tokenizeClaim(layout: DocumentLayout, claim: Claim): ClaimTokens {
  const masked = layout.md.masked;
  const start = claim.textRange.start.offset;
  const end = claim.textRange.end.offset;
  const tokens = tokenize(masked, start, end);
  // Words joined by a slash ("inlet/outlet opening", "piston/cylinder assembly") stay in one phrase.
  const gapOk = (i: number) => i + 1 < tokens.length && /^[ \t]*(?:\n[ \t]*|\/)?$/.test(masked.slice(tokens[i].end, tokens[i + 1].start));
  const phrases = findPhrases(tokens, gapOk);
  const byNorm = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const l = byNorm.get(t.norm);
    if (l) l.push(i);
    else byNorm.set(t.norm, [i]);
  });
  const mentions: TermMention[] = phrases.map((p) => {
    const words = tokens.slice(p.first, p.last + 1);
    const det = p.determiner.toLowerCase();
    return {
      claim: claim.number,
      determiner: p.determiner,
      kind: p.kind === 'indefinite' ? 'indefinite' : 'definite',
      phrase: masked.slice(words[0].start, words[words.length - 1].end),
      key: words.map((w) => w.norm).join(' '),
      plural: words[words.length - 1].text.toLowerCase() !== words[words.length - 1].norm || /plurality|more|two/.test(det),
      range: layout.lines.range(tokens[p.detFirst].start, words[words.length - 1].end),
      phraseRange: layout.lines.range(words[0].start, words[words.length - 1].end),
      uri: claim.uri,
    };
  });
  return { claim, tokens, phrases, mentions, byNorm };
}

/** The same claim text at another place (an edit earlier in the document moved it): shift the
 *  offsets and recompute the line/column ranges instead of tokenizing it again. */
/** A moved claim's tokens are read from the claim's tokens as first read (its base): a move of a moved
 *  claim starts from that base again, never from the moved one, so typing in the description (which moves
 *  every claim after it, keystroke after keystroke) keeps one base per claim, not a chain of every
 *  earlier move, each holding its document's layout. */
const movedFrom = new WeakMap<ClaimTokens, ClaimTokens>();

export function moveClaimTokens(moved: ClaimTokens, claim: Claim, layout: DocumentLayout): ClaimTokens {
  const ct = movedFrom.get(moved) ?? moved;
  const delta = claim.textRange.start.offset - ct.claim.textRange.start.offset;
  const lines = layout.lines;
  // Shifted lazily: most checks keep their own results by claim text and never read the tokens
  // of a claim that only moved.
  let tokens: Token[] | undefined;
  let mentions: TermMention[] | undefined;
  const out: ClaimTokens = {
    claim,
    phrases: ct.phrases,
    byNorm: ct.byNorm,
    get tokens() {
      return (tokens ??= delta === 0 ? ct.tokens : ct.tokens.map((x) => ({ text: x.text, norm: x.norm, start: x.start + delta, end: x.end + delta })));
    },
    get mentions() {
      return (mentions ??= ct.mentions.map((m) => ({
        ...m,
        uri: claim.uri,
        range: lines.range(m.range.start.offset + delta, m.range.end.offset + delta),
        phraseRange: lines.range(m.phraseRange.start.offset + delta, m.phraseRange.end.offset + delta),
      })));
    },
  };
  movedFrom.set(out, ct);
  return out;
}

/** The indices of the tokens written with a hyphen, ascending (read once per token list). */
const hyphenated = new WeakMap<readonly Token[], number[]>();
function hyphenatedAt(tokens: readonly Token[]): number[] {
  let v = hyphenated.get(tokens);
  if (!v) {
    v = [];
    for (let i = 0; i < tokens.length; i++) if (tokens[i].text.includes('-')) v.push(i);
    hyphenated.set(tokens, v);
  }
  return v;
}

/** Does the token sequence `seq` (norms) occur in the claim's tokens before token index `before`? */
export function occursIn(ct: ClaimTokens, seq: string[], before = Infinity): boolean {
  const firstIsOrdinal = ORDINAL.test(seq[0]) && seq.length > 1;
  const search = (s: string[], check: (pos: number) => boolean) => {
    const starts = ct.byNorm.get(s[0]);
    if (!starts) return false;
    for (const p of starts) {
      if (p + s.length > before) break;
      let ok = true;
      for (let k = 1; k < s.length; k++) {
        if (ct.tokens[p + k]?.norm !== s[k]) {
          ok = false;
          break;
        }
      }
      if (ok && check(p)) return true;
    }
    return false;
  };
  if (search(seq, () => true)) return true;
  // "the ASIC chips" after "a patch-ASIC chip": the first word may end a hyphenated word.
  const bound = Math.min(before, ct.tokens.length);
  for (const p of hyphenatedAt(ct.tokens)) {
    if (p + seq.length > bound) break;
    const t = ct.tokens[p];
    if (t.norm !== seq[0] && t.norm.endsWith(seq[0]) && seq.every((w, k) => k === 0 || ct.tokens[p + k]?.norm === w)) return true;
  }
  // "first and second electrodes", "first, second and third electrodes" introduce "second electrode", and
  // "a first curved smooth flute" is "the first flute"; "the second curved surface having different radii"
  // does not introduce "second radius": the ordinal must be in the head's own noun phrase.
  if (firstIsOrdinal) {
    const rest = seq.slice(1);
    const base = ct.claim.textRange.start.offset;
    // Words of one phrase: a space between them, or a comma in a list of ordinals.
    const apart = (k: number) => !/^(?: |, ?)$/.test(ct.claim.text.slice(ct.tokens[k].end - base, ct.tokens[k + 1].start - base));
    return search(rest, (p) => {
      for (let k = p - 1; k >= Math.max(0, p - 5); k--) {
        const w = ct.tokens[k].norm;
        if (apart(k)) return false;
        if (w === seq[0]) return true;
        if (STOP.has(w) && !/^(?:and|or|a|an|the|said)$/.test(w)) return false;
      }
      return false;
    });
  }
  return false;
}

/** Answers "is this sequence available to claim n through every path of ancestors?", memoised. */
export class Availability {
  private readonly memo = new Map<string, boolean>();
  constructor(private readonly byNumber: Map<number, ClaimTokens>) {}

  /** Available in claim n as a whole (its own text anywhere, or from all of its parents). */
  inClaim(n: number, seq: string[], visiting = new Set<number>()): boolean {
    const key = `${n}\u0000${seq.join(' ')}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const ct = this.byNumber.get(n);
    let result: boolean;
    if (!ct || visiting.has(n)) result = true;
    else if (occursIn(ct, seq)) result = true;
    else {
      visiting.add(n);
      result = this.fromParents(ct.claim, seq, visiting);
      visiting.delete(n);
    }
    this.memo.set(key, result);
    return result;
  }

  /** Every parent path provides the sequence (false for an independent claim). */
  fromParents(claim: Claim, seq: string[], visiting = new Set<number>([claim.number])): boolean {
    const parents = claim.parents.filter((p) => p !== claim.number && p < claim.number);
    if (parents.length === 0) return false;
    return parents.every((p) => this.inClaim(p, seq, visiting));
  }
}

export function isOrdinal(norm: string): boolean {
  return ORDINAL.test(norm);
}
