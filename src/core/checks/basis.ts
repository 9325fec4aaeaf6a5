// How a "the X" without a literal "a X" may still have its basis: the general model of patent
// English behind the antecedent-basis check (what is inherent, what is a variant of an introduced
// term, what names a label or an idiom), and the nearest introduced term when it has none.
import type { ClaimTokens } from '../terms';
import { IRREGULAR_PARTICIPLES, isAdverb, STOP } from '../phrases';
import { stem, type Token } from '../words';

/** Parts and properties a thing has inherently: "the outer surface of the sphere" (MPEP 2173.05(e)). */
export const INHERENT = new Set(
  (
    'surface end side edge top bottom center centre middle interior exterior inside outside periphery perimeter circumference ' +
    'portion length width height thickness depth diameter radius weight mass volume area size shape amount number ratio level rate ' +
    'speed velocity position location orientation direction temperature pressure concentration quality value content tip base face ' +
    'front rear back axis boundary contour profile outline margin border corner apex proximal distal upper lower inner outer left right ' +
    'beginning start remainder majority output input frequency duration magnitude intensity density state status color colour ' +
    'wall count quantity distance phase dissipation consumption zone region balance interval strength stiffness hardness viscosity ' +
    'conductivity resistivity porosity elasticity composition'
  ).split(' '),
);

/** Heads that name a drawing, a formula or a structure when a label or a symbol follows ("the formula (I)"). */
const LABEL_HEADS = new Set(['formula', 'equation', 'structure', 'scheme', 'compound', 'expression', 'table', 'figure', 'fig', 'example', 'step', 'sequence', 'peptide']);

/** Modifiers that pick out nothing new: "the entire model" is the model. */
const NON_RESTRICTIVE = new Set(
  'entire whole overall particular given respective corresponding associated specific certain aforementioned aforesaid abovementioned optional'.split(' '),
);

/** Heads that name the act of an earlier verb: "the milking procedure" in "a method of milking". */
const PROCESS_HEADS = new Set('step process procedure operation cycle action routine phase stage act'.split(' '));

/** Words that tie a part to its whole: "the drill having a collet", "the valve including a seat". */
const HAVE_WORDS = new Set('have having has include including includes comprise comprising comprises with defining define defines'.split(' '));

/** A token window: the claim's tokens, of which the first `before` are earlier than the mention. */
export interface Scope {
  claim: number;
  ct: ClaimTokens;
  before: number;
}

/** Start indices of `seq` (norms) among a scope's earlier tokens. */
function positions(s: Scope, seq: string[]): number[] {
  const out: number[] = [];
  for (const p of s.ct.byNorm.get(seq[0]) ?? []) {
    if (p + seq.length > s.before) break;
    let ok = true;
    for (let k = 1; k < seq.length && ok; k++) ok = s.ct.tokens[p + k]?.norm === seq[k];
    if (ok) out.push(p);
    if (out.length > 50) break;
  }
  return out;
}

/** A formula, figure or sequence label ("the formula (5)", "the formula: ...", "the formula R—(NCO)n",
 *  "the compound Arg-Pro-Pro"): it names a structure, not a claim term. `after` is the text right after the phrase. */
export function isLabel(seq: string[], words: Token[], after: string): boolean {
  let li = -1;
  for (let k = seq.length - 1; k >= 0; k--) if (LABEL_HEADS.has(seq[k])) { li = k; break; }
  if (li < 0) return false;
  if (li < seq.length - 1) return words.slice(li + 1).every((w) => /[A-Z0-9]/.test(w.text));
  return /^\s*(?::|\(?[A-Za-z]?\d|\(?[A-Z](?![a-z]))/.test(after);
}

/** A chemical variable ("the geminal R6 groups", "the R7 group"): defined by the formula it belongs to. */
export function hasSymbol(words: (Token | undefined)[]): boolean {
  return words.some((w) => w && (/^[A-Z][a-z]?\d/.test(w.text) || /^[A-Z]\d*$/.test(w.text)));
}

/** Spelling variants of the same term: words written apart or together ("sub assembly", "subassembly"),
 *  and the phrase without modifiers that pick out nothing ("the entire model"), or without leading adverbs
 *  and participles ("the received object information" after "receiving object information"). */
export function variants(seq: string[], words: Token[], slashAfter: (k: number) => boolean): string[][] {
  const out: string[][] = [];
  // "the LED die/dice": either of two words joined by a slash.
  for (let k = 0; k + 1 < seq.length; k++) if (slashAfter(k)) out.push([...seq.slice(0, k), ...seq.slice(k + 1)], [...seq.slice(0, k + 1), ...seq.slice(k + 2)]);
  for (let k = 0; k + 1 < seq.length; k++) out.push([...seq.slice(0, k), seq[k] + seq[k + 1], ...seq.slice(k + 2)]);
  for (let k = 0; k < seq.length; k++) {
    const w = seq[k];
    if (w.length < 7 || w.length > 30) continue;
    for (let i = 3; i <= w.length - 3; i++) out.push([...seq.slice(0, k), w.slice(0, i), w.slice(i), ...seq.slice(k + 1)]);
  }
  const kept = seq.filter((w, k) => k === seq.length - 1 || !NON_RESTRICTIVE.has(w));
  if (kept.length < seq.length) out.push(kept);
  let lead = 0;
  while (lead < Math.min(3, seq.length - 1)) {
    const t = words[lead].text;
    if (!(isAdverb(t.toLowerCase()) || (/(?:ed|ing)$/i.test(t) && !t.includes('-')) || IRREGULAR_PARTICIPLES.has(seq[lead]) || NON_RESTRICTIVE.has(seq[lead]))) break;
    lead++;
  }
  if (lead > 0) out.push(seq.slice(lead));
  return out;
}

/** "the milking procedure" after "a method of milking", "the filtering step" after "filtering the
 *  water": a process head whose modifiers all name an earlier verb or noun. */
export function namesEarlierAct(seq: string[], words: Token[], scopes: Scope[]): boolean {
  if (seq.length < 2 || !PROCESS_HEADS.has(seq[seq.length - 1])) return false;
  const mods = seq.slice(0, -1).filter((_, k) => !isAdverb(words[k].text.toLowerCase()));
  return mods.length > 0 && mods.every((w) => earlierAct(w, scopes));
}

/** The word was used earlier as a verb or its gerund: "milking an animal", "processing the files", not
 *  as a modifier of a noun ("charging energy"). */
function earlierAct(w: string, scopes: Scope[]): boolean {
  const st = stem(w);
  return scopes.some((s) => s.ct.tokens.some((t, i) => {
    if (i >= s.before || !/ing$/.test(t.norm) || stem(t.norm) !== st) return false;
    const next = s.ct.tokens[i + 1];
    return !next || STOP.has(next.norm) || next.start - t.end > 1;
  }));
}

/** Adjectives that cannot be a phrase alone ("the last turning off", "the positive or negative voltage"):
 *  the chunker stopped before the noun. */
export const LONE_ADJECTIVES = new Set('last next previous latter former positive negative geminal vicinal adjacent immediate'.split(' '));

/** "the amine" after "a diamine or triamine": a class named by the end of a claimed compound's name. */
export function namesClassOf(seq: string[], scopes: Scope[]): boolean {
  if (seq.length !== 1 || seq[0].length < 4) return false;
  const w = seq[0];
  const re = /^(?:di|tri|tetra|penta|hexa|poly|mono|bis|tris|cyclo|iso|neo|oligo)/;
  return scopes.some((s) => s.ct.tokens.some((t, i) => i < s.before && t.norm.length > w.length && t.norm.endsWith(w) && re.test(t.norm.slice(0, t.norm.length - w.length))));
}

/** "the injection" after "injecting": the noun of an earlier step's verb. */
export function nominalizes(seq: string[], scopes: Scope[]): boolean {
  if (seq.length !== 1 || seq[0].length < 5) return false;
  const st = stem(seq[0]);
  if (st === seq[0]) return false;
  return scopes.some((s) => s.ct.tokens.some((t, i) => i < s.before && /ing$/.test(t.norm) && t.norm !== seq[0] && stem(t.norm) === st));
}


/** "the drill collet" after "the drill having a collet", "the trailer underside" after "an underside of a
 *  trailer": a compound of a whole and its part, both already claimed. Returns "the collet of the drill". */
export function partOfWhole(seq: string[], scopes: Scope[]): string | undefined {
  for (let s = 1; s < seq.length; s++) {
    const whole = seq.slice(0, s);
    const part = seq.slice(s);
    for (const sc of scopes) {
      const parts = positions(sc, part);
      if (parts.length === 0) continue;
      const wholes = positions(sc, whole);
      for (const i of parts) {
        for (const j of wholes) {
          const partEnd = i + part.length;
          const toks = sc.ct.tokens;
          if (j >= partEnd && j - partEnd <= 4 && toks[partEnd].norm === 'of') return `the ${part.join(' ')} of the ${whole.join(' ')}`;
          const wholeEnd = j + whole.length;
          if (wholeEnd <= i && i - wholeEnd <= 4 && toks.slice(wholeEnd, i).some((t) => HAVE_WORDS.has(t.norm))) return `the ${part.join(' ')} of the ${whole.join(' ')}`;
        }
      }
    }
  }
  return undefined;
}

/** Edit distance of two short strings (a swap of two letters counts one), bounded: above `max` is max + 1. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > 40 || b.length > 40) return a === b ? 0 : max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** An introduced term: its key, as written, and the claim that introduces it. */
export interface IntroTerm {
  key: string;
  phrase: string;
  claim: number;
}

/** The introduced term the writer most likely meant by `seq`, if one is near: the same term with one
 *  modifier fewer or more, the same head noun ("the voltage bus" where "a charge bus" was introduced),
 *  or a slip of spelling ("the nasal cannular"). */
export function nearestIntro(seq: string[], intros: IntroTerm[]): IntroTerm | undefined {
  const key = seq.join(' ');
  const head = seq[seq.length - 1];
  let best: IntroTerm | undefined;
  let bestScore = 0;
  for (const t of intros) {
    if (t.key === key) continue;
    const words = t.key.split(' ');
    let score = 0;
    if (words[words.length - 1] === head) {
      const shared = words.filter((w) => seq.includes(w)).length;
      score = 2 + shared / Math.max(words.length, seq.length);
    } else if (words.length >= seq.length) {
      // Compare with the intro's last words: "the second facet" and "a relatively flat second face".
      const tail = words.slice(words.length - seq.length);
      let total = 0;
      let same = 0;
      for (let k = 0; k < seq.length && total <= 3; k++) {
        const d = distance(tail[k], seq[k], 2);
        total += d > 2 ? 4 : d;
        if (d === 0) same++;
      }
      if (total > 0 && total <= 3 && (same > 0 || (seq.length === 1 && head.length >= 6 && total <= 2))) score = 1 + same / seq.length;
    }
    if (score > bestScore || (score === bestScore && score > 0 && best && t.claim > best.claim)) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}
