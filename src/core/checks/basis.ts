// How a "the X" without a literal "a X" may still have its basis: the general model of patent
// English behind the antecedent-basis check (what is inherent, what is a variant of an introduced
// term, what names a label or an idiom), and the nearest introduced term when it has none.
import { IRREGULAR_PARTICIPLES, isAdverb, STOP } from '../phrases';
import { isOrdinal, type ClaimTokens } from '../terms';
import { singular, stem, type Token } from '../words';

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

/** The parts among them, as against properties: a compound of a part and a noun names the part of that
 *  thing ("the heat sink base"), inherent only once the thing is claimed. */
const PARTS = new Set(
  (
    'surface end side edge top bottom center centre middle interior exterior inside outside periphery perimeter circumference ' +
    'portion tip base face front rear back axis boundary contour profile outline margin border corner apex wall zone region output input'
  ).split(' '),
);

/** Modifiers of a measure or a position that name no other thing ("the total weight", "the maximum distance"). */
const MEASURE_WORDS = new Set('total maximum minimum average mean net gross molar relative absolute actual nominal peak instantaneous initial final overall full entire whole respective'.split(' '));

/** Participles that pick a value out of many ("the predetermined temperature", "the selected mode"). */
const CHOSEN_PARTICIPLES = new Set('predetermined predefined preselected preset prescribed specified desired selected designated'.split(' '));

/** Modifiers that pick a chosen value out of many ("the target speed", "the threshold level"). */
const CHOSEN = new Set('target threshold preset reference limit critical setpoint'.split(' '));

/** Properties of two things or more ("the height difference between them"). */
const RELATIONS = new Set(['difference', 'spacing']);

/** "the outer surface", "the total weight", "the milk quantity" after "milk": a part or a property of something
 *  already claimed (MPEP 2173.05(e)). Its head must name the part or the property ("the back cover" is a cover,
 *  "the location signal" a signal); an ordinal marks a distinct element ("the second radius"); a part named after
 *  a thing ("the heat sink base", "the receptacle portion") is inherent only once that thing is claimed. */
export function namesInherent(seq: string[], words: Token[], scopes: Scope[]): boolean {
  if (isOrdinal(seq[0])) return false;
  const head = seq[seq.length - 1];
  // "the balance rhodium": the rest of a composition.
  if (!INHERENT.has(head) && !RELATIONS.has(head)) return seq.length === 2 && (seq[0] === 'balance' || seq[0] === 'remainder');
  // "the predetermined temperature", "the fully-opened position": a chosen value or a state names one of
  // several, which needs its introduction.
  if (!PARTS.has(head)) return seq.slice(0, -1).every((w) => !/(?:ed|en)$/.test(w) && !CHOSEN.has(w));
  for (let k = 0; k + 1 < seq.length; k++) {
    const w = seq[k];
    if (INHERENT.has(w) || NON_RESTRICTIVE.has(w) || MEASURE_WORDS.has(w) || /(?:al|ic|ar|ive|ous|ful|ent|ant|ible|able|less|ary|ory|ed|ing|ern|ior|most)$/.test(w)) continue;
    if (isAdverb(words[k].text.toLowerCase()) || words[k].text.includes('-')) continue;
    if (!scopes.some((s) => (s.ct.byNorm.get(w) ?? []).some((i) => i < s.before))) return false;
  }
  return true;
}

/** Heads that name a drawing, a formula or a structure when a label or a symbol follows ("the formula (I)"). */
const LABEL_HEADS = new Set(['formula', 'equation', 'structure', 'scheme', 'compound', 'expression', 'table', 'figure', 'fig', 'example', 'step', 'sequence', 'peptide']);

/** Modifiers that pick out nothing new: "the entire model" is the model. */
const NON_RESTRICTIVE = new Set('entire whole overall particular given respective corresponding associated specific certain aforementioned aforesaid abovementioned optional'.split(' '));

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
  for (let k = seq.length - 1; k >= 0; k--)
    if (LABEL_HEADS.has(seq[k])) {
      li = k;
      break;
    }
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
    // A participle drops ("the received object information" after "receiving object information"), but not
    // one that picks a value out of many: "the predetermined temperature" is not "the temperature".
    const participle = ((/(?:ed|ing)$/i.test(t) && !t.includes('-')) || IRREGULAR_PARTICIPLES.has(seq[lead])) && !CHOSEN_PARTICIPLES.has(seq[lead]);
    if (!(isAdverb(t.toLowerCase()) || NON_RESTRICTIVE.has(seq[lead]) || participle)) break;
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
  return scopes.some((s) =>
    s.ct.tokens.some((t, i) => {
      // "suitable for charging the battery" names a purpose, not an act the claim performs.
      if (i >= s.before || !/ing$/.test(t.norm) || stem(t.norm) !== st || s.ct.tokens[i - 1]?.norm === 'for') return false;
      const next = s.ct.tokens[i + 1];
      return !next || STOP.has(next.norm) || next.start - t.end > 1;
    }),
  );
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
      const toks = sc.ct.tokens;
      // The whole is a noun phrase of its own: it ends there ("the second curved surface" has no whole "second").
      const ends = (j: number) => {
        const n = toks[j + whole.length];
        return !isOrdinal(whole[whole.length - 1]) && (!n || STOP.has(n.norm) || /^\d/.test(n.text) || n.start - toks[j + whole.length - 1].end > 1);
      };
      for (const i of parts) {
        for (const j of wholes) {
          if (!ends(j)) continue;
          const partEnd = i + part.length;
          // "the collet of the drill": only determiners between "of" and the whole.
          if (j > partEnd && j - partEnd <= 4 && toks[partEnd].norm === 'of' && toks.slice(partEnd + 1, j).every((t) => /^(?:the|said|a|an|each)$/.test(t.norm)))
            return `the ${part.join(' ')} of the ${whole.join(' ')}`;
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
  /** The claim's tokens and the index of the term's first word there. */
  ct?: ClaimTokens;
  at?: number;
  last?: number;
}

/** The chunker cut the introduction before a participle and its noun ("a plurality of ring | oscillating units"):
 *  its last word is a modifier there, not a head. */
function cutShort(t: IntroTerm): boolean {
  if (!t.ct || t.last === undefined) return false;
  const toks = t.ct.tokens;
  const [a, b] = [toks[t.last + 1], toks[t.last + 2]];
  const word = (x: Token | undefined, y: Token | undefined) => x !== undefined && y !== undefined && /^\p{L}/u.test(x.norm) && !STOP.has(x.norm) && x.start - y.end <= 1;
  return word(a, toks[t.last]) && /(?:ing|ed)$/.test(a.norm) && word(b, a);
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

/** "an exterior end and the interior end", "comprising the aqueous phase and an oil phase": a "the X" in
 *  one list with an "a Y" it is joined to by "and", "or" or a comma is itself being introduced, so no
 *  inherent reading covers it. `i` is the phrase's index in the claim; `gap` the text between two tokens. */
export function listedWithIntroductions(ct: ClaimTokens, i: number, gap: (a: number, b: number) => string): boolean {
  const p = ct.phrases[i];
  const joined = (a: number, b: number) => b > a && b - a <= 2 && /^[\s,;:]*(?:\b(?:and|or)\b)?[\s,]*$/.test(gap(a, b)) && (b - a === 1 || /^(?:and|or)$/.test(ct.tokens[a + 1].norm));
  const intro = (q: typeof p | undefined) => q !== undefined && q.kind === 'indefinite' && !/^another$/i.test(q.determiner);
  const prev = ct.phrases[i - 1];
  if (intro(prev) && joined(prev.numeral ?? prev.last, p.detFirst)) return true;
  // "comprising the aqueous phase and an oil phase", not "for determination of the milk quantity, and a duct".
  const next = ct.phrases[i + 1];
  const before = ct.tokens[p.detFirst - 1]?.norm;
  return intro(next) && joined(p.numeral ?? p.last, next.detFirst) && !(before && STOP.has(before) && !HAVE_WORDS.has(before));
}

/** Parts of which a thing has several as a rule: "the side of a vehicle" does not say which side. */
const MANY_PARTS = new Set('side end edge face surface wall portion region zone corner border margin tip boundary'.split(' '));

/** "the switch node output of a switching regulator": a part a thing has one of, of a whole named right
 *  after it, may be inherent in that whole; "the side of a vehicle" does not say which side. */
export function singlePart(w: string): boolean {
  return PARTS.has(w) && !MANY_PARTS.has(w);
}

/** A part of which a thing may have many ("the side", "the end"), as against a property ("the direction"). */
export function isPart(w: string): boolean {
  return PARTS.has(w);
}

/** A content word of the chain before the mention, or a form of it ("hard" after "harder"). */
function claimedWord(w: string, scopes: Scope[]): boolean {
  const st = stem(w);
  return scopes.some((s) => s.ct.tokens.some((t, i) => i < s.before && (t.norm === w || stem(t.norm) === st || (w.length >= 4 && t.norm.startsWith(w)))));
}

/** "the output inductor" after "an inductor", "said polyacryl component" after "a polyacryl Michael acceptor
 *  component", "the first internal compartment" after "first and second compartments": the same head with
 *  modifiers only added or only dropped, so it may refer to the introduced term. Not a substituted modifier
 *  ("the voltage bus" after "a charge bus"), not a word one slip from the introduced one, and not an added
 *  modifier only a sibling claim names ("the first silicon carbide layer" where only another claim of the tree
 *  says the layer is silicon carbide). */
export function modifiedIntro(seq: string[], intros: IntroTerm[], scopes: Scope[], all: ClaimTokens[]): IntroTerm | undefined {
  if (seq.length > 8) return undefined;
  const head = singular(seq[seq.length - 1]);
  const mine = seq.slice(0, -1);
  let found: IntroTerm | undefined;
  let foundShared = -1;
  // The most words shared by an introduction whose modifiers replace some of these ("a processing progress
  // display step" against "the transfer progress display step", besides "a display step").
  let replacedShared = -1;
  for (const t of intros.slice(0, 500)) {
    const words = t.key.split(' ');
    if (words.length > 12 || singular(words[words.length - 1]) !== head || cutShort(t)) continue;
    const theirs = words.slice(0, -1).filter((w) => w !== 'and' && w !== 'or');
    // "the first internal compartment" is one of "first and second compartments"; "the compartment" is neither.
    const ords = theirs.filter(isOrdinal);
    if (mine.some((w) => isOrdinal(w) && !ords.includes(w)) || (ords.length > 0 && !mine.some(isOrdinal))) continue;
    const m = mine.filter((w) => !isOrdinal(w));
    const th = theirs.filter((w) => !isOrdinal(w));
    const added = m.filter((w) => !th.includes(w));
    const dropped = th.filter((w) => !m.includes(w));
    const shared = m.length - added.length;
    if (added.length + dropped.length === 0) continue;
    if ((added.length > 0 && dropped.length > 0) || (added.length > 0 && replacedModifier(t, mine))) {
      replacedShared = Math.max(replacedShared, shared);
      continue;
    }
    // A word one slip from the introduced one is a slip, not a modifier ("the bump bumper deflector").
    if (added.some((w) => th.some((x) => distance(w, x, 2) <= 2) || CHOSEN_PARTICIPLES.has(w) || CHOSEN.has(w))) continue;
    if (!added.every((w) => plausibleModifier(w, scopes, all))) continue;
    if (shared > foundShared) {
      found = t;
      foundShared = shared;
    }
  }
  return found && foundShared >= replacedShared ? found : undefined;
}

/** "the first internal compartment" where "the first compartment" is claimed: the modifier at `k` is one too
 *  many. Not a slip of an earlier word ("the phosphorus silicate glass layer" after "phosphorous"), not where the
 *  rest follows another modifier ("the transfer progress display step" after "a processing progress display
 *  step"), and not a word only claims off the chain name ("silicon carbide" of another claim's layer). */
export function extraModifier(seq: string[], k: number, scopes: Scope[], all: ClaimTokens[]): boolean {
  const w = seq[k];
  // "the predetermined temperature" is one of several, not "the temperature".
  if (isOrdinal(w) || CHOSEN_PARTICIPLES.has(w) || CHOSEN.has(w) || k === seq.length - 1) return false;
  const rest = [...seq.slice(0, k), ...seq.slice(k + 1)];
  let found = 0;
  let ends = 0;
  for (const s of scopes) {
    const toks = s.ct.tokens;
    for (let i = 0; i < s.before && i < 3000; i++) if (toks[i].norm !== w && toks[i].norm.length > 3 && distance(toks[i].norm, w, 2) <= 2) return false;
    for (const i of positions(s, rest)) {
      const prev = toks[i - 1]?.norm ?? '';
      if (/^\p{L}/u.test(prev) && !STOP.has(prev) && !isOrdinal(prev) && !seq.includes(prev)) return false;
      found++;
      // It names a thing there, not a modifier of another ("ring" of "ring oscillating units").
      const next = toks[i + rest.length];
      if (!next || STOP.has(next.norm) || !/^\p{L}/u.test(next.norm) || next.start - toks[i + rest.length - 1].end > 1) ends++;
    }
  }
  if (found > 0 && ends === 0) return false;
  return plausibleModifier(w, scopes, all);
}

/** A modifier the chain names, or one that no other claim of the tree names: not one copied from a sibling. */
function plausibleModifier(w: string, scopes: Scope[], all: ClaimTokens[]): boolean {
  return claimedWord(w, scopes) || !all.some((ct) => (ct.byNorm.get(w)?.length ?? 0) > 0 && inFamily(ct, scopes, all));
}

/** Another claim of the same tree, off the chain: it depends on a claim of the chain ("claim 24 of claim 23
 *  of claim 20" against claim 33 of claim 20). */
function inFamily(ct: ClaimTokens, scopes: Scope[], all: ClaimTokens[]): boolean {
  const chain = new Set(scopes.map((s) => s.claim));
  if (chain.has(ct.claim.number)) return false;
  const byNumber = new Map(all.map((t) => [t.claim.number, t]));
  const seen = new Set<number>();
  const todo = [...ct.claim.parents];
  while (todo.length && seen.size < 500) {
    const n = todo.pop()!;
    if (chain.has(n)) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    todo.push(...(byNumber.get(n)?.claim.parents ?? []).filter((q) => q < n));
  }
  return false;
}

/** The introduction has a modifier before its words that `mine` does not have ("a processing progress display
 *  step", chunked short, against "the transfer progress display step"). */
function replacedModifier(t: IntroTerm, mine: string[]): boolean {
  if (!t.ct || t.at === undefined) return false;
  const toks = t.ct.tokens;
  for (let j = t.at - 1; j > t.at - 6 && j >= 0; j--) {
    const w = toks[j].norm;
    if (!/^\p{L}/u.test(w) || STOP.has(w)) return false;
    if (!mine.includes(w)) return true;
  }
  return false;
}

/** "the right retainer flange segment" after "a right segment of the retainer flange": the same words, the
 *  whole moved before the head through "of". */
export function reorderedOf(seq: string[], scopes: Scope[]): boolean {
  if (seq.length < 2 || seq.length > 8) return false;
  const head = seq[seq.length - 1];
  for (const s of scopes) {
    const toks = s.ct.tokens;
    for (const i of (s.ct.byNorm.get(head) ?? []).slice(0, 50)) {
      if (i >= s.before || toks[i + 1]?.norm !== 'of') continue;
      const at = /^(?:the|said|a|an)$/.test(toks[i + 2]?.norm ?? '') ? i + 3 : i + 2;
      // seq = modifiers of the head (m words before it) + the whole after "of" + the head.
      for (let m = 0; m + 1 < seq.length; m++) {
        const whole = seq.slice(m, -1);
        if (i - m < 0 || at + whole.length > s.before) continue;
        if (!seq.slice(0, m).every((w, k) => toks[i - m + k].norm === w)) continue;
        if (!whole.every((w, k) => toks[at + k].norm === w)) continue;
        const after = toks[at + whole.length];
        if (after && !STOP.has(after.norm) && after.start - toks[at + whole.length - 1].end <= 1) continue;
        return true;
      }
    }
  }
  return false;
}

/** Nouns that name a part or a property of a thing: "the low side power transistor gate". */
const PART_NOUNS = new Set([...INHERENT, ...'gate source drain terminal electrode lead pin node housing shaft port inlet outlet opening cover lid cap handle coil winding'.split(' ')]);

/** "the low side power transistor gate" after "a low side power transistor": an introduced term and a part or
 *  property noun. Returns "the gate of the low side power transistor". */
export function partOfIntro(seq: string[], intros: IntroTerm[]): string | undefined {
  // "the second radius" is no part of "a second": a whole is a noun phrase.
  if (seq.length < 2 || !PART_NOUNS.has(seq[seq.length - 1]) || isOrdinal(seq[seq.length - 2])) return undefined;
  const whole = seq.slice(0, -1).join(' ');
  const t = intros.find((x) => x.key === whole);
  return t ? `the ${seq[seq.length - 1]} of the ${t.phrase}` : undefined;
}

/** "the stage in the course of milking during which ...", "the current path between the terminals thereof":
 *  a qualifier right after the phrase says which one. `after` is the text after the phrase. */
export function selfDefined(after: string): boolean {
  const clause = after.slice(0, 120).split(/[,;:.]/)[0];
  return /^\s+(?:in|on|at|between|of|during|through|across|along|within|from|to|for)\b/.test(clause) && /\b(?:(?:during|in|at|by|for|through|on) which|thereof)\b/.test(clause);
}

/** "to close the electrical circuit": a circuit or a path named by the act that closes or opens it. */
export function closedCircuit(seq: string[], before: string | undefined): boolean {
  return /^(?:circuit|loop|path|connection)$/.test(seq[seq.length - 1]) && /^(?:clos|complet|open|break|interrupt)/.test(before ?? '');
}

/** The user of a claimed thing and body parts: "the user", "the user's skin", "the wrist". */
const USERS = new Set('user wearer operator driver skin wrist finger hand arm forearm leg foot ankle ear eye mouth lip tooth teeth scalp neck torso chest abdomen'.split(' '));

/** Persons a method acts on: the element a method of treatment treats ("administering to the subject"). */
const PATIENTS = new Set('patient subject person individual human infant child mammal'.split(' '));

/** "the user", "the patient's wrist": a person or a body part of one, not a claimed element; in a method, the
 *  patient or subject is what the method acts on, so it needs its introduction. */
export function namesPerson(seq: string[], method: boolean): boolean {
  const head = seq[seq.length - 1];
  return seq.length <= 2 && (USERS.has(head) || (!method && PATIENTS.has(head))) && (seq.length === 1 || /^(?:user|wearer|patient|subject|person|left|right|human)$/.test(seq[0]));
}
