// Term checks: antecedent basis, support in the disclosure, terminology drift, glossary.
import { memoTable } from '../caches';
import { paragraphHasKey, recordingLookups, replacedParagraphs, termSupport, wordsFound, type DisclosurePart, type ParagraphIndex } from '../disclosure';
import { byFirstUse, DisclosureClass, DisclosureClassIndex, type ClassMap, type DisclosureForm, type FormUse } from './classes';
import { isAdverb, STOP, VERB_LIKE, type Phrase } from '../phrases';
import { isOrdinal, occursIn, type ClaimTokens } from '../terms';
import {
  INHERENT,
  LONE_ADJECTIVES,
  closedCircuit,
  extraModifier,
  hasSymbol,
  isPart,
  listedWithIntroductions,
  modifiedIntro,
  namesClassOf,
  namesInherent,
  namesPerson,
  isLabel,
  namesEarlierAct,
  nearestIntro,
  nominalizes,
  partOfIntro,
  partOfWhole,
  reorderedOf,
  selfDefined,
  singlePart,
  variants,
  type IntroTerm,
  type Scope,
} from './basis';
import type { Fix, TermMention } from '../types';
import { indefiniteArticle, pluralize, replacementEdit, spellAsWritten } from '../english';
import { normWord, singular, stem, tokenize } from '../words';
import { claimSignature, rangeIn, replaceFix, where, type Check, type CheckContext, type FindingInput } from './context';

/** Ancestors of claim n on every path (numbers below n only, so a cycle cannot loop). */
function ancestors(ctx: CheckContext, n: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>([n]);
  const todo = [n];
  while (todo.length && out.length < 2000) {
    const c = ctx.byNumber.get(todo.pop()!);
    for (const p of c?.parents ?? []) {
      if (seen.has(p) || p >= n) continue;
      seen.add(p);
      out.push(p);
      todo.push(p);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Token index of a dependent claim's reference ("of claim 1"): what comes before restates the preamble. */
function referenceAt(ct: ClaimTokens): number {
  if (ct.claim.parents.length === 0) return 0;
  for (let i = 0; i + 1 < ct.tokens.length && i < 60; i++) if (/^claims?$/.test(ct.tokens[i].norm) && /^\d/.test(ct.tokens[i + 1].text)) return i;
  return 0;
}

/** "the contact element according to claim 1": the phrase names a term of the claim it cites. */
function citedClaim(ct: ClaimTokens, after: number): number | undefined {
  for (let k = after; k < Math.min(ct.tokens.length - 1, after + 5); k++) {
    const w = ct.tokens[k].norm;
    if (w === 'claim' && /^\d+$/.test(ct.tokens[k + 1].text)) return +ct.tokens[k + 1].text;
    if (!/^(?:according|to|of|as|in|claimed|defined|recited|set|forth|described)$/.test(w)) return undefined;
  }
  return undefined;
}

/** The phrase ends at "and"/"or" before more modifiers of a shared head ("the filling and emptying
 *  cycles", "a door opening and closing unit"): it is cut short, not a term of its own. */
function coordinated(ct: ClaimTokens, last: number): boolean {
  const t = ct.tokens;
  if (last + 2 >= t.length || !/^(?:and|or)$/.test(t[last + 1].norm)) return false;
  const next = t[last + 2].norm;
  return !STOP.has(next) && /^\p{L}/u.test(next) && last + 3 < t.length && !STOP.has(t[last + 3].norm);
}

/** 35 USC 112(b), MPEP 2173.05(e): "the/said X" needs an earlier "a/an X" on every dependency path. */
/** Antecedent findings of one claim, offsets absolute. */
function antecedentForClaim(ctx: CheckContext, ct: ClaimTokens): RawFinding[] {
  const out: RawFinding[] = [];
  {
    const c = ct.claim;
    const flagged = new Set<string>();
    const masked = ctx.claimsLayout!.md.masked;
    const lines = ctx.claimsLayout!.lines;
    let up: number[] | undefined;
    const scopesBefore = (before: number): Scope[] => {
      up ??= ancestors(ctx, c.number);
      const s: Scope[] = [{ claim: c.number, ct, before }];
      for (const n of up) {
        const t = ctx.tokensByNumber.get(n);
        if (t) s.push({ claim: n, ct: t, before: t.tokens.length });
      }
      return s;
    };
    for (let i = 0; i < ct.phrases.length; i++) {
      let p = ct.phrases[i];
      let m = ct.mentions[i];
      if (p.kind !== 'definite') continue;
      const first = ct.tokens[p.first];
      if (/^[A-Z][a-z]/.test(first.text) && first.text !== first.text.toUpperCase() && !/^(?:The|Said)$/.test(first.text)) continue;
      // "the ethylenically unsaturated monomer", "the substantially planar surface": the chunker stops at the
      // participle after an adverb; the phrase is the adverb, the participle or adjective, and the nouns after.
      if (p.first === p.last && isAdverb(first.text.toLowerCase())) {
        const last = adverbPhraseEnd(ct, p.first, masked);
        if (last === undefined) continue;
        const end = ct.tokens[last].end;
        p = { ...p, last, numeral: undefined, ofFollows: ct.tokens[last + 1]?.norm === 'of' };
        m = {
          ...m,
          phrase: masked.slice(first.start, end),
          key: ct.tokens
            .slice(p.first, last + 1)
            .map((t) => t.norm)
            .join(' '),
          range: lines.range(m.range.start.offset, end),
          phraseRange: lines.range(first.start, end),
        };
      }
      const seq = m.key.split(' ');
      if (flagged.has(m.key)) continue;
      const avail = (s: string[]) => occursIn(ct, s, p.detFirst) || ctx.availability.fromParents(c, s);
      if (avail(seq)) continue;
      const words = ct.tokens.slice(p.first, p.last + 1);
      const endOff = words[words.length - 1].end;
      const next = ct.tokens[p.last + 1]?.norm;
      // A formula, figure or sequence label, or a chemical variable, names a structure, not a claim term.
      if (isLabel(seq, words, masked.slice(endOff, endOff + 8)) || hasSymbol([...words, ct.tokens[p.last + 1]])) continue;
      // A lone adjective or adverb ("the last turning off of", "the immediately preceding milking"):
      // the chunker stopped before the noun.
      if (seq.length === 1 && (LONE_ADJECTIVES.has(seq[0]) || isAdverb(first.text.toLowerCase()))) continue;
      // Idioms: "with the proviso that", "in the event that".
      if (seq.length === 1 && (seq[0] === 'proviso' || ((seq[0] === 'event' || seq[0] === 'form') && (next === 'that' || next === 'of')))) continue;
      // The chunker may have run into a verb ("the second layer employs RTP"): accept the noun part.
      let verbTail = false;
      for (let k = seq.length - 1; k >= 1 && !verbTail; k--) if (VERB_LIKE.test(words[k].text) && avail(seq.slice(0, k))) verbTail = true;
      if (verbTail) continue;
      // The same term written apart or together, or with a modifier that picks out nothing new.
      const slashAfter = (k: number) => masked.slice(words[k].end, words[k + 1].start) === '/';
      const scopes = scopesBefore(p.detFirst);
      if (variants(seq, words, slashAfter).some(avail)) continue;
      const cited = citedClaim(ct, p.last + 1);
      if (cited !== undefined && cited < c.number && ctx.availability.inClaim(cited, seq)) continue;
      if (namesEarlierAct(seq, words, scopes)) continue;
      // "the right retainer flange segment" after "a right segment of the retainer flange": the same words.
      if (reorderedOf(seq, scopes)) continue;
      flagged.add(m.key);
      // Report the noun part only: "the spring biases the lever" → "the spring"; a last word that may be a
      // plural noun stays when it is used as a noun elsewhere or only an adjective precedes it ("the cyclic rings").
      let keep = words.length;
      for (let k = 1; k < words.length; k++) {
        if (!VERB_LIKE.test(words[k].text)) continue;
        const last = k === words.length - 1;
        if (last && ((ct.byNorm.get(words[k].norm)?.length ?? 0) > 1 || (k === 1 && /(?:al|ic|less|ar|ive|ous|ful|ent|ant)$/i.test(words[0].text)))) break;
        keep = k;
        break;
      }
      if (keep < words.length) {
        const cut = words[keep - 1].end;
        m = { ...m, phrase: masked.slice(words[0].start, cut), key: seq.slice(0, keep).join(' '), range: lines.range(m.range.start.offset, cut), phraseRange: lines.range(words[0].start, cut) };
      }
      const shown = m.key.split(' ');
      // Possibly inherent: a part or property ("the outer surface of the sphere"), the part of a claimed
      // whole ("the drill collet"), the noun of an earlier verb ("the injection"), "the number of X".
      const whole = partOfWhole(shown, scopes);
      // "the side of a vehicle": the whole is new, so which side is not yet known; a part of a claimed whole
      // ("the outer surface of the housing") may be inherent.
      const ofAt = ct.tokens[p.last + 1]?.norm === 'of' ? p.last + 1 : p.last + 2;
      // Only a part of which a thing has many ("the side", "the end") stays a question then.
      const newWhole = p.ofFollows && /^(?:a|an)$/.test(ct.tokens[ofAt + 1]?.norm ?? '') && isPart(shown[shown.length - 1]);
      // An ordinal marks a distinct element ("the second position", "the first volume of fuel"), never an
      // inherent one; nor is a "the X" listed with introductions ("an exterior end and the interior end").
      const distinct = isOrdinal(shown[0]) || listedWithIntroductions(ct, i, (a, b) => masked.slice(ct.tokens[a].end, ct.tokens[b].start));
      const inherent =
        whole !== undefined ||
        (!distinct &&
          ((p.ofFollows && !newWhole) ||
            next === 'thereof' ||
            /\bnumber of$/i.test(m.determiner) ||
            (!newWhole && namesInherent(shown, words, scopes)) ||
            nominalizes(shown, scopes) ||
            namesClassOf(shown, scopes)));
      const intros = introsOf(scopes);
      let near = inherent ? undefined : nearestIntro(shown, intros);
      // "the first internal compartment" after "first and second compartments": one modifier too many.
      for (let k = 0; !inherent && k + 1 < shown.length && (!near || shown.length > 2); k++) {
        if (!avail([...shown.slice(0, k), ...shown.slice(k + 1)])) continue;
        const text = words
          .slice(0, shown.length)
          .filter((_, j) => j !== k)
          .map((w) => w.text)
          .join(' ');
        near = { key: '', phrase: text, claim: 0 };
        break;
      }
      const cut = coordinated(ct, p.last) || newWhole;
      // "the reactants", "the atoms within the layers": a plural often names claimed things together or
      // parts they have; "a" cannot introduce it, and which introduction is meant is a guess.
      const lastWord = words[shown.length - 1];
      const plural = lastWord.text.toLowerCase() !== lastWord.norm || /plurality|more|two/i.test(m.determiner);
      // "the right pin sleeve combination" after "a right pin and sleeve combination": every word already
      // claimed, so it likely names a claimed element in other words.
      const reworded = !near && !inherent && shown.length > 1 && shown.every((w) => scopes.some((s) => (s.ct.byNorm.get(w) ?? []).some((k) => k < s.before)));
      // At the start of a claim "The" becomes "A".
      const article = indefiniteArticle(m.phrase);
      const fixArticle = /^[A-Z]/.test(m.determiner) ? article.replace(/^a/, 'A') : article;
      const paths = c.parents.length > 1 ? ' on every dependency path' : c.parents.length ? ' or in the claims it depends on' : '';
      const where = (n: number) => (n === c.number ? 'in this claim' : `in claim ${n}`);
      const said = `"${m.determiner} ${m.phrase}" in claim ${c.number}`;
      // Possibly fine as written, a reading near enough to be a hint only: the whole named before its part,
      // an introduced term with a modifier added or dropped, a new whole after "of", a qualifier that says
      // which one, a person or a body part of the user.
      let soft: string | undefined;
      if (!inherent) {
        const part = partOfIntro(shown, intros);
        const mod = part ? undefined : modifiedIntro(shown, intros, scopes, ctx.claimTokens);
        if (part) soft = `it may mean ${part}`;
        else if (mod) soft = `it may refer to "${mod.phrase}" introduced ${where(mod.claim)}`;
        // "the second internal compartment" after "first and second compartments": "internal" is one too many.
        for (let k = 0; !soft && k + 1 < shown.length; k++) {
          if (!extraModifier(shown, k, scopes, ctx.claimTokens) || !avail([...shown.slice(0, k), ...shown.slice(k + 1)])) continue;
          soft = `it may refer to "the ${words
            .slice(0, shown.length)
            .filter((_, j) => j !== k)
            .map((w) => w.text)
            .join(' ')}"`;
        }
        if (soft) {
          // Found above.
        } else if (newWhole && singlePart(shown[shown.length - 1])) soft = 'it may be inherent in the element introduced after "of"';
        else if (!distinct && (selfDefined(masked.slice(endOff, endOff + 160)) || closedCircuit(shown, ct.tokens[p.detFirst - 1]?.norm))) soft = 'the words around it may say which one is meant';
        else if (
          namesPerson(
            shown,
            scopes.some((sc) => /^\s*(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:method|process)\b/i.test(sc.ct.claim.text)),
          )
        )
          soft = 'it may name a person or a body part the claim does not claim';
      }
      let message: string;
      if (soft) {
        message = `${said} has no explicit antecedent in this claim${paths}; ${soft}.`;
      } else if (inherent) {
        message = whole
          ? `${said} has no explicit antecedent in this claim${paths}; it may mean ${whole}, already claimed (MPEP 2173.05(e)).`
          : `${said} has no explicit antecedent in this claim${paths}; it may be inherent in an element already claimed (MPEP 2173.05(e)).`;
      } else {
        message = `${said} lacks antecedent basis: no earlier "${plural ? '' : `${article} `}${m.phrase}" in this claim${paths}`;
        if (near) message += near.claim ? `; did you mean "the ${near.phrase}" introduced ${where(near.claim)}?` : `; did you mean "the ${near.phrase}"?`;
        else if (newWhole) message += `; it may be inherent in the element introduced after "of".`;
        else if (cut) message += `; the phrase may continue after "${ct.tokens[p.last + 1].text}".`;
        else if (reworded) message += '; all of its words occur earlier, so it may name a claimed element in other words.';
        else message += '.';
      }
      out.push({
        message,
        start: m.range.start.offset,
        end: m.range.end.offset,
        severity: inherent || soft ? 'info' : undefined,
        confidence: inherent || soft ? 'low' : near || cut || plural || reworded ? 'medium' : 'high',
        data: { term: m.phrase, key: m.key },
        fix:
          inherent || soft || near || cut || plural || reworded
            ? undefined
            : { title: `Introduce it here: "${fixArticle} ${m.phrase}"`, start: m.range.start.offset, end: m.phraseRange.start.offset, text: `${fixArticle} ` },
      });
    }
    // The same "a X" introduced twice on one path makes a later "the X" ambiguous.
    const intros = chainIntros(ctx, c.number);
    if (intros.size === 0) return out;
    const reported = new Set<string>();
    // A dependent claim's preamble restates its parent's ("The method of treating a patient of claim 1").
    const refAt = referenceAt(ct);
    let ownIntro: TermMention | undefined;
    for (let i = 0; i < ct.mentions.length; i++) {
      const m = ct.mentions[i];
      const p = ct.phrases[i];
      // An amount, a position, a surface is often introduced again with what defines it ("in an amount of").
      if (p.detFirst < refAt || coordinated(ct, p.last) || (!m.key.includes(' ') && INHERENT.has(m.key))) continue;
      if (m.kind === 'indefinite' && /^(?:a|an)$/i.test(m.determiner) && intros.has(m.key) && !isOrdinal(m.key.split(' ')[0])) {
        ownIntro = m;
        continue;
      }
      // "the amount of said platinum": the of-phrase says which.
      if (m.kind === 'definite' && ownIntro && ownIntro.key === m.key && !reported.has(m.key) && !p.ofFollows) {
        reported.add(m.key);
        const parent = intros.get(m.key)!;
        out.push({
          message: `"${m.determiner} ${m.phrase}" in claim ${c.number} is ambiguous: "${ownIntro.determiner} ${ownIntro.phrase}" is introduced both in claim ${parent} and again in claim ${c.number}.`,
          start: m.range.start.offset,
          end: m.range.end.offset,
          confidence: 'medium',
          related: { start: ownIntro.range.start.offset, end: ownIntro.range.end.offset, message: `introduced again in claim ${c.number}` },
          data: { term: m.phrase, key: m.key, ambiguous: true },
        });
      }
    }
  }
  return out;
}

/** The last token of "adverb + participle or adjective + nouns" from the adverb at `at` ("ethylenically
 *  unsaturated monomer"), or undefined where no noun follows ("the immediately preceding", "the previously
 *  stored"): words joined by spaces only, up to a stop word, a number or a verb. */
function adverbPhraseEnd(ct: ClaimTokens, at: number, masked: string): number | undefined {
  let k = at;
  while (k + 1 < ct.tokens.length && k - at < 5) {
    const t = ct.tokens[k + 1];
    if (!/^[ \t]+$/.test(masked.slice(ct.tokens[k].end, t.start)) || STOP.has(t.norm) || /^\d/.test(t.text) || !/^\p{L}/u.test(t.text)) break;
    if (k > at && (VERB_LIKE.test(t.text) || isAdverb(t.norm))) break;
    k++;
  }
  // The adverb, its participle or adjective, and a noun that is neither.
  if (k < at + 2 || /(?:ed|ing|ly)$/.test(ct.tokens[k].norm)) return undefined;
  return k;
}

/** The terms introduced in the scopes, latest claim first. */
function introsOf(scopes: Scope[]): IntroTerm[] {
  const out: IntroTerm[] = [];
  for (const s of scopes) {
    const startBefore = s.before < s.ct.tokens.length ? s.ct.tokens[s.before].start : Infinity;
    s.ct.mentions.forEach((m, k) => {
      if (m.kind === 'indefinite' && m.range.start.offset < startBefore) out.push({ key: m.key, phrase: m.phrase, claim: s.claim, ct: s.ct, at: s.ct.phrases[k]?.first, last: s.ct.phrases[k]?.last });
    });
  }
  return out;
}

interface RawFinding {
  message: string;
  start: number;
  end: number;
  severity?: 'info';
  confidence?: 'high' | 'medium' | 'low';
  data: Record<string, string | boolean>;
  fix?: { title: string; start: number; end: number; text: string };
  related?: { start: number; end: number; message: string };
}

const antecedentCache = memoTable(() => new Map<string, RawFinding[]>());

/** 35 USC 112(b), MPEP 2173.05(e): "the/said X" needs an earlier "a/an X" on every dependency path.
 *  A claim's findings depend only on its text and its ancestors' texts: they are kept under those,
 *  relative to the claim's start, so an edit in another claim re-uses them. */
export const antecedentBasis: Check = (ctx, report) => {
  const describes = hasDescription(ctx.disclosure);
  for (const ct of ctx.claimTokens) {
    const c = ct.claim;
    if (c.canceled) continue;
    const base = c.textRange.start.offset;
    // The claim's own signature folds in its parents' (a key of fixed size: a list of every parent's signature
    // grew as n² over "any preceding claim" and ran out of memory at 3,000 claims).
    const key = `${c.uri}\u0000${c.number}\u0000${c.text}\u0000${claimSignature(ctx, c.number)}`;
    let raw = antecedentCache().get(key);
    if (!raw) {
      raw = antecedentForClaim(ctx, ct).map((r) => shift(r, -base));
      if (antecedentCache().size > 4000) antecedentCache().clear();
      antecedentCache().set(key, raw);
    }
    for (const r0 of raw) {
      let r = shift(r0, base);
      // A term the disclosure does not support is not one to introduce without reading: the writer may
      // have meant another (and introducing it would raise term-unsupported).
      if (r.fix && describes && !isSupported(ctx.disclosure, String(r.data.key), String(r.data.term)).ok) r = { ...r, fix: undefined, confidence: 'medium' };
      report('antecedent-basis', {
        message: r.message,
        uri: c.uri,
        start: r.start,
        end: r.end,
        claim: c.number,
        severity: r.severity,
        confidence: r.confidence,
        data: r.data,
        fixes: r.fix ? [replaceFix(ctx, r.fix.title, c.uri, r.fix.start, r.fix.end, r.fix.text)] : undefined,
        related: r.related ? [{ uri: c.uri, range: rangeIn(ctx, c.uri, r.related.start, r.related.end), message: r.related.message }] : undefined,
      });
    }
  }
};

function shift(r: RawFinding, by: number): RawFinding {
  return {
    ...r,
    start: r.start + by,
    end: r.end + by,
    fix: r.fix && { ...r.fix, start: r.fix.start + by, end: r.fix.end + by },
    related: r.related && { ...r.related, start: r.related.start + by, end: r.related.end + by },
  };
}

/** The terms introduced ("a X") along claim n's single-parent chain (first parents, up to a claim with more or none), its own claim
 *  left out: each with the farthest claim of the chain that introduces it. Memoised per analysis and shared
 *  along the chain (a claim that introduces nothing new reuses its parent's map), so a 5,000-claim chain is
 *  read once, not once per claim (that was quadratic). A chain that runs into a cycle is read as before. */
const chainIntroMemo = new WeakMap<CheckContext, Map<number, ReadonlyMap<string, number>>>();
const NO_INTROS: ReadonlyMap<string, number> = new Map();
const introduces = (m: TermMention) => m.kind === 'indefinite' && m.determiner.toLowerCase() !== 'another';
function chainIntros(ctx: CheckContext, n: number): ReadonlyMap<string, number> {
  const c = ctx.byNumber.get(n);
  if (!c || c.parents.length !== 1) return NO_INTROS;
  let memo = chainIntroMemo.get(ctx);
  if (!memo) chainIntroMemo.set(ctx, (memo = new Map()));
  const walk: number[] = [];
  const seen = new Set<number>([n]);
  let cyclic = false;
  for (let cur = ctx.byNumber.get(c.parents[0]); cur; cur = ctx.byNumber.get(cur.parents[0])) {
    if (seen.has(cur.number)) {
      cyclic = true;
      break;
    }
    seen.add(cur.number);
    walk.push(cur.number);
    if (memo.has(cur.number) || cur.parents.length !== 1) break;
  }
  if (cyclic) {
    const map = new Map<string, number>();
    for (const k of walk) for (const m of ctx.tokensByNumber.get(k)?.mentions ?? []) if (introduces(m)) map.set(m.key, k);
    return map;
  }
  for (let i = walk.length - 1; i >= 0; i--) {
    const k = walk[i];
    if (memo.has(k)) continue;
    const above = i + 1 < walk.length ? memo.get(walk[i + 1])! : NO_INTROS;
    const own = (ctx.tokensByNumber.get(k)?.mentions ?? []).filter((m) => introduces(m) && !above.has(m.key));
    if (own.length === 0) memo.set(k, above);
    else {
      const map = new Map(above);
      for (const m of own) if (!map.has(m.key)) map.set(m.key, k);
      memo.set(k, map);
    }
  }
  return walk.length ? memo.get(walk[0])! : NO_INTROS;
}

/** A disclosure long enough to hold claim terms to: as term-unsupported reads it (antecedent fixes consult it). */
function hasDescription(parts: DisclosurePart[]): boolean {
  return parts.length > 0 && parts.some((p) => p.tokenCount >= 30);
}

/** 37 CFR 1.75(d)(1), MPEP 608.01(o): claim terms find support in the description. */
/** The disclosure caches below hold while the analysis hands in the very same part objects. */
function sameParts(a: DisclosurePart[], b: DisclosurePart[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

interface Intro {
  key: string;
  phrase: string;
  start: number;
  end: number;
}

/** The terms a claim introduces, by claim text, offsets relative to the claim. */
const introsByText = memoTable(() => new Map<string, Intro[]>());
/** Whether a term finds support, with the disclosure look-ups it asked for: kept while no paragraph that has
 *  one of those keys is replaced (an edit elsewhere in the description keeps it). */
const supportSlot = memoTable((): { parts?: DisclosurePart[]; supported: Map<string, { v: Support; asked: [which: 'index' | 'roots', key: string][] }> } => ({ supported: new Map() }));

/** Words that name a part, a place, an amount or a kind in general, and modifiers that only relate,
 *  order or qualify ("a front end", "a separate part", "an effective amount", "a longitudinal axis"):
 *  ordinary English whose meaning needs no definition in the description. A term of these alone is
 *  not held to support; in a longer term only its other words are. */
const GENERIC = new Set([
  ...INHERENT,
  ...(
    'member element part piece unit pair set subset plurality group series number position order range distance region zone section ' +
    'segment point way manner means method step process amount quantity degree extent time period interval kind type form mode condition ' +
    'material substance compound moiety relationship relation view arrangement configuration structure device system apparatus assembly ' +
    'mechanism component fore aft exterior interior lateral medial longitudinal transverse vertical horizontal radial axial central ' +
    'forward rearward leading trailing opposite adjacent respective separate different other single given certain particular specific ' +
    'specified predetermined predefined preselected selected desired additional further exposed greater smaller larger higher longer ' +
    'shorter wider narrower bigger effective sufficient suitable main primary secondary multiple several various new existing same entire ' +
    'whole total overall initial final next previous subsequent corresponding associated plural individual common known conventional ' +
    'general computerimplemented computerreadable machinereadable processorreadable computerexecutable nontransitory'
  ).split(' '),
]);

/** Words a chunker may take for a term that are not nouns ("though" for "through", "safe" in "a safe and effective amount"). */
const NOT_A_TERM = new Set('though although thus hence however therefore whereas unless'.split(' '));

type Support = { ok: true } | { ok: false; confidence: 'high' | 'medium' | 'low'; generic: boolean };

/** Whether a claim term finds support in the disclosure: its words, by root (so inflected and derived
 *  forms count, and hyphenated words by their parts), in one sentence or one paragraph. Generic words
 *  need only be found, not together with the rest; a term of generic words only is at most a hint. */
function isSupported(parts: DisclosurePart[], key: string, phrase: string): Support {
  const slot = supportSlot();
  if (!slot.parts || !sameParts(slot.parts, parts)) {
    const replaced = slot.parts && replacedParagraphs(slot.parts, parts);
    slot.parts = [...parts];
    if (!replaced) slot.supported.clear();
    else if (replaced.length) for (const [k2, e] of slot.supported) if (e.asked.some(([which, w]) => replaced.some((p) => paragraphHasKey(p, which, w)))) slot.supported.delete(k2);
  }
  // By the phrase as written too: its words' spelling decides where the term ends ("the spring biases").
  const k = `${key}\u0000${phrase}`;
  const hit = slot.supported.get(k);
  if (hit !== undefined) return hit.v;
  const asked: [which: 'index' | 'roots', key: string][] = [];
  const v = recordingLookups(asked, () => support(parts, phrase));
  if (slot.supported.size > 20000) slot.supported.clear();
  slot.supported.set(k, { v, asked });
  return v;
}

function support(parts: DisclosurePart[], phrase: string): Support {
  let toks = tokenize(phrase);
  let cut = toks.length;
  for (let k = 1; k < toks.length; k++)
    if (verbLike(toks[k])) {
      cut = k;
      break;
    }
  toks = toks.slice(0, cut);
  // "a friction coefficient lower than 0.3": a comparative after the noun is not part of the term.
  if (toks.length > 1 && isComparative(toks[toks.length - 1].norm)) toks = toks.slice(0, -1);
  const words = toks.filter((t) => !isOrdinal(t.norm) && !STOP.has(t.norm) && !(/ly$/.test(t.norm) && t.norm.length > 4) && !/^\d/.test(t.text));
  if (words.length === 0 || (words.length === 1 && NOT_A_TERM.has(words[0].norm))) return { ok: true };
  const content = words.filter((t) => !GENERIC.has(t.norm)).map((t) => t.text);
  if (content.length === 0) {
    const found = wordsFound(
      parts,
      words.map((t) => t.text),
    );
    return found.every(Boolean) ? { ok: true } : { ok: false, confidence: 'low', generic: true };
  }
  const together = (ws: string[]) => {
    const s = termSupport(parts, ws);
    return s === 'sentence' || s === 'paragraph';
  };
  if (together(content)) return { ok: true };
  // "data base" in the claim, "database" in the description.
  for (let i = 0; i + 1 < content.length; i++) if (together([...content.slice(0, i), content[i] + content[i + 1], ...content.slice(i + 2)])) return { ok: true };
  // Near-synonym form: the head noun and all but one modifier together.
  if (content.length >= 3) {
    const head = content[content.length - 1];
    const mods = content.slice(0, -1);
    if (mods.some((_, i) => together([...mods.slice(0, i), ...mods.slice(i + 1), head]))) return { ok: true };
  }
  const found = wordsFound(parts, content);
  return { ok: false, confidence: found.some(Boolean) ? 'medium' : 'high', generic: false };
}

/** 37 CFR 1.75(d)(1), MPEP 608.01(o): claim terms find support in the description. */
export const termUnsupported: Check = (ctx, report) => {
  if (ctx.disclosure.length === 0 || ctx.disclosure.every((p) => p.tokenCount < 30)) return;
  const done = new Set<string>();
  for (const ct of ctx.claimTokens) {
    const c = ct.claim;
    if (c.canceled) continue;
    const base = c.textRange.start.offset;
    let intros = introsByText().get(c.text);
    if (!intros) {
      intros = ct.mentions.filter((m) => m.kind === 'indefinite').map((m) => ({ key: m.key, phrase: m.phrase, start: m.phraseRange.start.offset - base, end: m.phraseRange.end.offset - base }));
      if (introsByText().size > 5000) introsByText().clear();
      introsByText().set(c.text, intros);
    }
    for (const m of intros) {
      if (done.has(m.key)) continue;
      done.add(m.key);
      const v = isSupported(ctx.disclosure, m.key, m.phrase);
      if (v.ok) continue;
      // "a safe and effective amount": one word joined by "and"/"or" to the words of the same phrase is a modifier.
      const after = c.text.slice(m.end, m.end + 40);
      const coordinated = !m.key.includes(' ') && /^\s*(?:and|or)\s+(?!(?:a|an|the|said|one|at|each|two)\b)[a-z]/i.test(after);
      // Words that all occur in the disclosure, only not together, are usually a combination the description
      // supports in other words ("superimposed sub-layers" / "two sub-layers on top of each other"): a hint to
      // check, not a warning. A distinctive word the disclosure never uses stays a warning.
      const partial = v.confidence !== 'high';
      const hint = v.generic || coordinated || partial;
      report('term-unsupported', {
        message: coordinated
          ? `"${m.phrase}" (claim ${c.number}) is not used in the disclosure; it may be a modifier shared with the words after "and"/"or" rather than a term (37 CFR 1.75(d)(1), MPEP 608.01(o)).`
          : v.generic
            ? `"${m.phrase}" (claim ${c.number}) is not used in the disclosure; it reads as ordinary words of position, amount or kind, which may need no support (37 CFR 1.75(d)(1), MPEP 608.01(o)).`
            : v.confidence === 'high'
              ? `"${m.phrase}" (claim ${c.number}) does not appear in the disclosure, nor any variant of it; claim terms need support in the description (37 CFR 1.75(d)(1), MPEP 608.01(o)).`
              : `"${m.phrase}" (claim ${c.number}) is not used in the disclosure as one term: its words occur there, but not together; check that the description supports the combination (37 CFR 1.75(d)(1), MPEP 608.01(o)).`,
        uri: c.uri,
        start: base + m.start,
        end: base + m.end,
        claim: c.number,
        severity: hint ? 'info' : undefined,
        confidence: hint ? 'low' : v.confidence,
        data: { term: m.phrase, key: m.key, ...(partial ? { partial: true } : {}) },
      });
    }
  }
};

type WordTok = { text: string; norm: string; start: number; end: number };

/** Adds a phrase's trailing sub-phrases (1 to 3 words) to the variant classes. A class gathers the
 *  written forms that fold to one key: same head, modifiers equal up to inflection, spelling,
 *  hyphenation or spacing ("data base" / "database"). */
function addPhraseForms(classes: ClassMap, uri: string, all: WordTok[], inClaims: boolean, around: PhraseContext = {}, at = 0): void {
  // The noun part only: "fastener member frees" → "fastener member".
  let cut = all.length;
  for (let k = 1; k < all.length; k++)
    if (verbLike(all[k])) {
      cut = k;
      break;
    }
  // A last word read as a plural noun where the determiner or the word after it says so ("a
  // plurality of member plates", "the side walls 12"): the whole phrase too, besides its words before.
  const ends = around.next === undefined || STOP.has(around.next.toLowerCase()) || /^\d/.test(around.next);
  if (cut === all.length - 1 && pluralNoun(around)) addTails(classes, uri, all, inClaims, ends, at);
  // Cut before a plural noun taken for a verb ("the aqueous-phase ingredients"), a hyphenated last
  // word is a compound modifier, not a term.
  if (cut < all.length && all[cut - 1].text.includes('-')) return;
  addTails(classes, uri, cut < all.length ? all.slice(0, cut) : all, inClaims, cut < all.length || ends, at);
}

/** A word of two parts joined by one hyphen ("gray-scale", "carbon-atoms"): letters only. */
const HYPHENATED = /^[a-z]{2,}-[a-z]{3,}$/;

/** Hyphenated words used as a noun outside the determiner-led phrases ("13 carbon-atoms,", "of
 *  aircraft-engines and", "to charge-bus 16"): before punctuation, a numeral or a function word.
 *  They go into the spacing class only ("|carbonatom"), where they meet the spaced form. */
function addLooseForms(classes: ClassMap, uri: string, text: string, tokens: WordTok[], phrases: Phrase[], inClaims: boolean, at = 0): void {
  const inPhrase = new Uint8Array(tokens.length);
  for (const p of phrases) for (let i = p.detFirst; i <= p.last && i < tokens.length; i++) inPhrase[i] = 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (inPhrase[i] || !t.text.includes('-') || !HYPHENATED.test(t.text)) continue;
    const next = tokens[i + 1];
    const gap = next === undefined ? '' : text.slice(t.end, Math.min(next.start, t.end + 40));
    // "ultra-wideband (UWB) radio", "inlet-side/outlet-side": a modifier still.
    if (/[(/]/.test(gap)) continue;
    if (next !== undefined && /^[ \t]*\n?[ \t]*$/.test(gap) && !STOP.has(next.text.toLowerCase()) && !/^\d/.test(next.text)) continue;
    const key = '|' + t.norm.replace(/-/g, '');
    const form = singularLower(t.text);
    let forms = classes.get(key);
    if (!forms) classes.set(key, (forms = new Map()));
    let uses = forms.get(form);
    if (!uses) forms.set(form, (uses = []));
    uses.push({ uri, start: t.start + at, end: t.end + at, inClaims, plural: t.text.toLowerCase() !== form, head: true, loose: true });
  }
}

/** The class of a tail of two or more words (normalised): its modifiers by stem, its head as it is. */
function classKeyOf(norms: string[]): string {
  const head = norms[norms.length - 1];
  return (
    norms
      .slice(0, -1)
      .map((w) => (isComparative(w) ? w : stem(w)))
      .join('') +
    '|' +
    head.replace(/-/g, '')
  );
}

/** The trailing sub-phrases (1 to 3 words) of a noun part, into their classes. The head is the same
 *  word for every length, so its forms are read once; the modifiers' keys grow by one word a step. */
function addTails(classes: ClassMap, uri: string, toks: WordTok[], inClaims: boolean, isHead = false, at = 0): void {
  const n = toks.length;
  if (n === 0) return;
  const head = toks[n - 1];
  if (head.norm.length < 3) return;
  const headLower = head.text.toLowerCase();
  const headForm = singular(headLower);
  const plural = headLower !== headForm;
  const headKey = noHyphens(head.norm);
  const end = head.end + at;
  // The modifiers so far: their stems and normal forms joined, their lower-case words each with a space after.
  let stems = '';
  let norms = '';
  let texts = '';
  for (let len = 1; len <= Math.min(3, n); len++) {
    const w = toks[n - len];
    // A numeral or an ordinal in the tail: this and every longer tail are skipped.
    if (hasDigit(w.text) || isOrdinal(w.norm)) return;
    if (len > 1) {
      stems = (isComparative(w.norm) ? w.norm : stem(w.norm)) + stems;
      norms = w.norm + norms;
      texts = w.text.toLowerCase() + ' ' + texts;
    }
    const form = texts + headForm;
    const use: FormUse = { uri, start: w.start + at, end, inClaims, plural, head: isHead };
    if (len === 1) pushUse(classes, '|' + headKey, form, use);
    else {
      pushUse(classes, stems + '|' + headKey, form, use);
      if (len === 2) pushUse(classes, '|' + noHyphens(norms + head.norm), form, { uri, start: use.start, end, inClaims, plural, head: isHead });
    }
  }
}

/** `use` into its class and form. */
function pushUse(classes: ClassMap, k: string, form: string, use: FormUse): void {
  let forms = classes.get(k);
  if (!forms) classes.set(k, (forms = new Map()));
  let uses = forms.get(form);
  if (!uses) forms.set(form, (uses = []));
  uses.push(use);
}

function noHyphens(s: string): string {
  return s.includes('-') ? s.replace(/-/g, '') : s;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** An offset as `slice` reads it. */
function sliceBound(text: string, x: number): number {
  return x < 0 ? Math.max(text.length + x, 0) : Math.min(x, text.length);
}

/** Whether text[from, to) is spaces and tabs with at most one line break (what /^[ \t]*\n?[ \t]*$/ accepts). */
function plainGap(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = sliceBound(text, from), e = sliceBound(text, to); i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (++breaks > 1) return false;
    } else if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A paragraph's variant classes of one kind (0: its phrases' forms, 1: its loose forms), offsets relative to it. */
function paragraphClasses(para: ParagraphIndex, kind: 0 | 1): ClassMap {
  const v: ClassMap = new Map();
  // The word after the paragraph is read as the word after its last phrase (the tokens with it copied only for a
  // phrase that reaches it, and for the loose forms).
  const own = para.tokens;
  let withAfter: WordTok[] | undefined;
  const toks = (p?: Phrase) => ((p && p.last + 1 < own.length) || !para.after ? own : (withAfter ??= own.concat(para.after)));
  if (kind === 0)
    for (const p of para.phrases) {
      const t = toks(p);
      addPhraseForms(v, '', t.slice(p.first, p.last + 1), false, phraseContext(para.textAfter, t, p));
    }
  else addLooseForms(v, '', para.textAfter, toks(), para.phrases, false);
  return v;
}

/** The disclosure's variant classes of one matter (its AnalysisCache's scope), updated in place per edit. */
const disclosureClassIndex = memoTable(() => new DisclosureClassIndex(paragraphClasses));

function disclosureClasses(parts: DisclosurePart[]): DisclosureClassIndex {
  const index = disclosureClassIndex();
  index.update(parts);
  return index;
}

interface Drift {
  use: FormUse;
  form: string;
  dominant: string;
  firstDominant: FormUse;
  dominantCount: number;
  count: number;
  /** Written differently (hyphen, space, spelling, number) or a different word of the same stem. */
  kind: 'spelling' | 'derived';
  /** Either form is used in the claims. */
  claimed: boolean;
  /** A form is written with a reference numeral ("drive-unit 12"): the name of a part shown in the drawings. */
  numbered?: boolean;
}

const NUMERAL_AFTER = /^\s{1,3}\(?\d{1,4}[a-z]?['’]{0,2}(?![\d.,]\d)(?!\s*(?:%|°|mm|cm|nm|µm|μm|mg|kg|ml|wt|degrees?|percent)\b)/;

/** Whether any use of any form of a class is followed by a reference numeral (bounded: the first 200 uses). */
function isNumbered(forms: Map<string, FormUse[]> | DisclosureClass | undefined, textOf: (uri: string) => string): boolean {
  if (!forms) return false;
  let seen = 0;
  const numbered = (uri: string, end: number) => ++seen > 200 || NUMERAL_AFTER.test(textOf(uri).slice(end, end + 24));
  if (forms instanceof DisclosureClass) {
    for (const [, f] of forms.ordered()) if (f.someEnd(numbered)) return seen <= 200;
    return false;
  }
  for (const uses of forms.values()) for (const u of uses) if (numbered(u.uri, u.end)) return seen <= 200;
  return false;
}

/** A form's uses: a claim class's list, or a disclosure form (resolved when read). */
type FormList = FormUse[] | DisclosureForm;
const usesOf = (l: FormList): FormUse[] => (Array.isArray(l) ? l : l.all());
const firstOf = (l: FormList): FormUse => (Array.isArray(l) ? l[0] : l.first());

/** The minority forms of one variant class (its forms gathered from several sources without
 *  copying the large use lists) and the dominant form each should become. */
function evaluateClass(sources: (Map<string, FormUse[]> | DisclosureClass | undefined)[]): Drift[] {
  const forms = new Map<string, { count: number; lists: FormList[]; inClaims: boolean; first: number; head: boolean; loose: boolean }>();
  const add = (f: string, list: FormList, count: number, head: () => boolean, loose: () => boolean, inClaims: boolean, first: number) => {
    const e = forms.get(f) ?? { count: 0, lists: [], inClaims: false, first: Infinity, head: true, loose: true };
    e.count += count;
    e.head &&= head();
    e.loose &&= loose();
    e.lists.push(list);
    e.inClaims ||= inClaims;
    e.first = Math.min(e.first, first);
    forms.set(f, e);
  };
  for (const src of sources) {
    if (!src) continue;
    if (src instanceof DisclosureClass) {
      for (const [f, d] of src.ordered())
        if (f.length > 2)
          add(
            f,
            d,
            d.count,
            () => d.nonHead === 0,
            () => d.nonLoose === 0,
            false,
            d.firstStart(),
          );
      continue;
    }
    for (const [f, uses] of src) {
      if (f.length <= 2 || uses.length === 0) continue;
      add(
        f,
        uses,
        uses.length,
        () => uses.every((u) => u.head),
        () => uses.every((u) => u.loose),
        uses[0].inClaims,
        uses[0].start,
      );
    }
  }
  if (forms.size < 2) return [];
  const list = [...forms.entries()].sort((a, b) => b[1].count - a[1].count || Number(b[1].inClaims) - Number(a[1].inClaims) || a[1].first - b[1].first);
  const [dominant, dom] = list[0];
  let firstDominant: FormUse | undefined;
  const out: Drift[] = [];
  for (const [form, e] of list.slice(1)) {
    if (!sameThing(form, dominant)) continue;
    // A form read only outside the phrases meets only the same letters spaced or hyphenated
    // otherwise, and only where either form names a claim term.
    if ((e.loose || dom.loose) && (form.replace(/[\s-]/g, '') !== dominant.replace(/[\s-]/g, '') || !(e.inClaims || dom.inClaims))) continue;
    // "low-cost" before a noun vs "low cost" as a noun: hyphenating a compound modifier is grammar, not
    // drift; a few uses decide only where one form is one word and every use of the minority form is
    // a noun ("the right-stop.").
    const total = e.count + dom.count;
    const words = [form.split(' ').length, dominant.split(' ').length];
    if (words[0] !== words[1] && (total <= 2 || (total <= 3 && !(e.head && Math.min(...words) === 1 && !/-.*-/.test(form))))) continue;
    const kind = variantKind(form, dominant);
    const claimed = e.inClaims || dom.inClaims;
    firstDominant ??= firstOf(dom.lists[0]);
    for (const l of e.lists) for (const use of usesOf(l)) out.push({ use, form, dominant, firstDominant, dominantCount: dom.count, count: e.count, kind, claimed });
  }
  return out;
}

const claimForms = memoTable(() => new Map<string, [string, string, FormUse][]>());

/** What stands around a phrase: its determiner as written and the word right after it (none where
 *  punctuation or the end follows). */
interface PhraseContext {
  determiner?: string;
  next?: string;
}

/** A phrase's determiner and the word after it, where only spaces come between. */
function phraseContext(text: string, tokens: WordTok[], p: Phrase): PhraseContext {
  const last = tokens[p.last];
  const next = tokens[p.last + 1];
  const plain = next !== undefined && next.start - last.end <= 40 && plainGap(text, last.end, next.start);
  return { determiner: p.determiner, next: plain ? next.text : undefined };
}

/** Determiners of a plural noun ("a plurality of", "two", "one or more", "several"). */
const PLURAL_DETERMINER = /(?:^|\s)(?:plurality|multiplicity|pair|set|series|array|collection|number|more|two|three|four|five|six|several|multiple|plural|both|these|those)(?:\s+of)?$/i;
/** Words that follow a plural noun, not a verb: an agreeing verb, a relative, "of", a participle
 *  of a reduced relative ("the plates connected to"). */
const AFTER_PLURAL_NOUN = /^(?:are|were|have|of|that|which|wherein|whereby|being|having|comprising|including|each|together|respectively|thereof|therein|[a-z]{3,}ed)$/i;

/** Whether a last word that reads as a verb ("the spring biases") is the plural of a noun: after a
 *  plural determiner, or before a numeral, punctuation or a word that only follows a noun. A singular
 *  determiner ("a spring biases", "each arm extends") keeps the verb. */
function pluralNoun(around: PhraseContext): boolean {
  const det = around.determiner?.toLowerCase() ?? '';
  if (PLURAL_DETERMINER.test(det)) return true;
  if (det !== 'the' && det !== 'said') return false;
  return around.next === undefined || /^\d/.test(around.next) || AFTER_PLURAL_NOUN.test(around.next);
}

/** A word that may be the verb the chunker ran into ("the spring biases"): not a noun that has no
 *  singular ("lifting means", "a series", "the lens"). */
function verbLike(t: { text: string; norm: string }): boolean {
  return VERB_LIKE.test(t.text) && !(t.norm.endsWith('s') && !STOP.has(t.norm));
}

/** Terminology drift: one thing named two ways ("fastening member" / "fastener member",
 *  "sub-assembly" / "subassembly"). The finding is on the minority form. */
export const termVariant: Check = (ctx, report) => {
  const claimClasses: ClassMap = new Map();
  for (const ct of ctx.claimTokens) {
    // A claim's forms are kept by its text, with offsets relative to its start, so an edit
    // elsewhere (even one that shifts this claim) re-uses them.
    const base = ct.claim.textRange.start.offset;
    const ck = `${ct.claim.uri}\u0000${ct.claim.text}`;
    let own = claimForms().get(ck);
    if (!own) {
      const local: ClassMap = new Map();
      const text = ctx.layoutOf(ct.claim.uri)?.md.masked ?? '';
      for (const p of ct.phrases) addPhraseForms(local, ct.claim.uri, ct.tokens.slice(p.first, p.last + 1), true, phraseContext(text, ct.tokens, p));
      addLooseForms(local, ct.claim.uri, text, ct.tokens, ct.phrases, true);
      own = [];
      for (const [k, forms] of local) for (const [f, uses] of forms) for (const u of uses) own.push([k, f, { ...u, start: u.start - base, end: u.end - base }]);
      if (claimForms().size > 4000) claimForms().clear();
      claimForms().set(ck, own);
    }
    for (const [k, f, u] of own) {
      let forms = claimClasses.get(k);
      if (!forms) claimClasses.set(k, (forms = new Map()));
      let uses = forms.get(f);
      if (!uses) forms.set(f, (uses = []));
      uses.push({ ...u, start: u.start + base, end: u.end + base });
    }
  }
  const disc = disclosureClasses(ctx.disclosure);
  const drifts: Drift[] = [];
  // Prose drift (no form in the claims, none written with a reference numeral) is a hint; drift in a claim
  // term or in the name of a numbered part can blur what is claimed or shown.
  const textOf = (uri: string) => ctx.layoutOf(uri)?.md.masked ?? '';
  // Classes only the disclosure uses, in the order a whole pass meets them.
  const discOnly: [DisclosureClass, Drift[]][] = [];
  for (const c of disc.multi) {
    if (claimClasses.has(c.key)) continue;
    const d = evaluateClass([c]);
    if (d.length) discOnly.push([c, d]);
  }
  discOnly.sort((a, b) => byFirstUse(a[0], b[0]));
  for (const [c, d] of discOnly) {
    const numbered = isNumbered(c, textOf);
    for (const x of d) drifts.push({ ...x, numbered });
  }
  for (const [k, forms] of claimClasses) {
    const d = disc.classes.get(k);
    if (forms.size < 2 && (!d || (d.forms.size === 1 && d.forms.has([...forms.keys()][0])))) continue;
    drifts.push(...evaluateClass([forms, d]).map((x) => (x.claimed ? x : { ...x, numbered: isNumbered(d, textOf) || isNumbered(forms, textOf) })));
  }
  // Longest first, so that "bump deflector" inside a reported "ICC bump deflector" is not reported again.
  // Shortest first at one end, so that the words that differ are reported once, in the shortest
  // class that holds them ("electric field" inside "highest electric field").
  drifts.sort((a, b) => (a.use.uri < b.use.uri ? -1 : a.use.uri > b.use.uri ? 1 : a.use.end - b.use.end || b.use.start - a.use.start));
  const uses = (k: string, f: string) => (claimClasses.get(k)?.get(f)?.length ?? 0) + (disc.classes.get(k)?.forms.get(f)?.count ?? 0);
  const reportedAt = new Set<string>();
  // One drift is one finding per document: the first place the minority form is written, the other places
  // as related locations, and one fix that replaces them all ("host-device" three times is one slip to decide).
  const groups = new Map<string, { first: Omit<FindingInput, 'code'>; places: { uri: string; start: number; end: number }[]; fixes: Fix[] }>();
  for (const { use: u, form, dominant, firstDominant: firstDom, dominantCount, count, kind, claimed, numbered } of drifts) {
    if (againstShorter(form, dominant, uses)) continue;
    const at = `${u.uri}\u0000${u.start}`;
    const endAt = `${u.uri}\u0000e${u.end}`;
    if (reportedAt.has(at) || reportedAt.has(endAt)) continue;
    reportedAt.add(at);
    reportedAt.add(endAt);
    const layout = ctx.layoutOf(u.uri);
    if (!layout) continue;
    const written = layout.md.text.slice(u.start, u.end);
    // Compared folded, shown and replaced as the document spells the dominant form (acronyms keep their case).
    const domWritten = ctx.layoutOf(firstDom.uri)?.md.text.slice(firstDom.start, firstDom.end) ?? dominant;
    const shown = spellAsWritten(dominant, [domWritten, written]);
    let replacement = u.plural ? pluralize(shown) : shown;
    if (/^\p{Lu}/u.test(written) && /^\p{Ll}/u.test(replacement)) replacement = replacement[0]!.toUpperCase() + replacement.slice(1);
    // A different word of the same stem ("electric"/"electrical", "switch"/"switching", "detail"/"detailed")
    // in the description only is often prose, or a word in another grammatical role: a hint there.
    const prose = !claimed && !numbered;
    const hint = (kind === 'derived' && !claimed) || prose;
    const groupKey = `${u.uri}\u0000${form}\u0000${dominant}`;
    const fix = termFix(ctx, u.uri, u.start, u.end, replacement, u.plural);
    const group = groups.get(groupKey);
    if (group) {
      group.places.push({ uri: u.uri, start: u.start, end: u.end });
      group.fixes.push(fix);
      continue;
    }
    groups.set(groupKey, {
      places: [],
      fixes: [fix],
      first: {
        message: `"${written}" is a variant of "${shown}" (${dominantCount}× vs ${count}×, first at ${where(ctx, firstDom.uri, firstDom.start)}); use one term for one thing.`,
        uri: u.uri,
        start: u.start,
        end: u.end,
        severity: hint ? 'info' : undefined,
        confidence: hint ? 'low' : 'medium',
        related: [{ uri: firstDom.uri, range: ctx.layoutOf(firstDom.uri)!.lines.range(firstDom.start, firstDom.end), message: `"${shown}" first used here` }],
        data: { term: form, dominant, occurrences: count, dominantOccurrences: dominantCount, variant: kind },
      },
    });
  }
  for (const { first, places, fixes } of groups.values()) {
    const extra = places.slice(0, MAX_RELATED_PLACES).map((p) => ({ uri: p.uri, range: ctx.layoutOf(p.uri)!.lines.range(p.start, p.end), message: 'the same variant written here too' }));
    const all: Fix = fixes.length === 1 ? fixes[0] : { ...fixes[0], title: `${fixes[0].title} (all ${fixes.length} places in this document)`, edits: fixes.flatMap((f) => f.edits) };
    report('term-variant', { ...first, related: [...(first.related ?? []), ...extra], fixes: [all] });
  }
};

/** Related locations listed for one drift; the fix still replaces every place. */
const MAX_RELATED_PLACES = 50;

/** Whether replacing `form` by `dominant` goes against the shorter class where the words that differ
 *  lie: "highest electrical field" is the minority of its words, but "electrical field" is the
 *  document's form; the fix belongs to the other side, found in the shorter class. */
function againstShorter(form: string, dominant: string, uses: (key: string, form: string) => number): boolean {
  const fw = form.split(' ');
  const dw = dominant.split(' ');
  if (fw.length !== dw.length || fw.length < 3) return false;
  let i = 0;
  while (i < fw.length - 1 && fw[i] === dw[i]) i++;
  if (i === 0 || fw.length - i < 2) return false;
  const key = classKeyOf(fw.slice(i).map(normWord));
  return uses(key, fw.slice(i).join(' ')) > uses(key, dw.slice(i).join(' '));
}

const COMPARATIVE = new Set('higher lower larger smaller greater wider longer shorter thicker thinner faster slower stronger weaker deeper upper outer inner older newer later earlier'.split(' '));
/** Adjectives whose -er/-est forms are comparisons, not other spellings ("harder material" is not "hard material"). */
const GRADABLE = new Set(
  (
    'hard soft thin thick long short high low wide narrow deep shallow large small big strong weak fast slow light heavy dense fine ' +
    'coarse rough smooth tight loose warm cold hot cool dry wet close near far great old new late early safe simple easy flat sharp ' +
    'steep bright dark clean pure rich poor stiff tall broad quick firm'
  ).split(' '),
);

/** A comparative or superlative adjective ("lower", "harder", "thinnest", "easier"). */
export function isComparative(w: string): boolean {
  if (COMPARATIVE.has(w)) return true;
  if (w.length > 12 || !(w.endsWith('er') || w.endsWith('est'))) return false;
  const m = /^([a-z]{2,}?)(?:er|est)$/.exec(w);
  if (!m) return false;
  const b = m[1];
  return GRADABLE.has(b) || GRADABLE.has(b + 'e') || (/([b-df-hj-np-tv-z])\1$/.test(b) && GRADABLE.has(b.slice(0, -1))) || (b.endsWith('i') && GRADABLE.has(b.slice(0, -1) + 'y'));
}

/** One word an -ed participle, the other an -ing one ("heated" / "heating"). */
function participles(a: string, b: string): boolean {
  return (/[a-z]{3}ed$/.test(a) && /[a-z]{3}ing$/.test(b)) || (/[a-z]{3}ing$/.test(a) && /[a-z]{3}ed$/.test(b));
}

function sameThing(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (a.replace(/[\s-]/g, '') === b.replace(/[\s-]/g, '')) return true;
  if (wa.length !== wb.length) return wa.join('').replace(/-/g, '') === wb.join('').replace(/-/g, '');
  // Same head; modifiers differ only by inflection (stem equal) or spelling. A passive and an active
  // participle name different things ("processed directories" / "processing directories").
  return wa.every((w, i) => w === wb[i] || (!isComparative(w) && !isComparative(wb[i]) && !participles(w, wb[i]) && stem(normWord(w)) === stem(normWord(wb[i]))));
}

/** 'spelling' when the two forms are the same words written differently (hyphen, space, US/UK,
 *  singular/plural); 'derived' when a word differs beyond that ("fastener"/"fastening"). */
function variantKind(a: string, b: string): 'spelling' | 'derived' {
  if (a.replace(/[\s-]/g, '') === b.replace(/[\s-]/g, '')) return 'spelling';
  const na = a.split(' ').map(normWord);
  const nb = b.split(' ').map(normWord);
  if (na.join('') === nb.join('')) return 'spelling';
  return 'derived';
}

function singularLower(w: string): string {
  return singular(w.toLowerCase());
}

/** The fix that writes `replacement` over [start, end), the "a"/"an" before it made to agree ("a spring" → "an elastic member"). */
function termFix(ctx: CheckContext, uri: string, start: number, end: number, replacement: string, plural: boolean): Fix {
  const e = replacementEdit(ctx.layoutOf(uri)!.md.text, start, end, replacement, plural ? null : replacement);
  return replaceFix(ctx, `Replace with "${replacement}"`, uri, e.offset, e.offset + e.length, e.newText);
}

/** Drift from the matter's own glossary: a term to avoid, where a preferred one is set. */
export const glossary: Check = (ctx, report) => {
  if (ctx.glossary.length === 0) return;
  const entries = ctx.glossary.flatMap((e) => e.avoid.map((a) => ({ preferred: e.preferred, avoid: a, seq: tokenize(a).map((t) => t.norm) })));
  if (entries.length === 0) return;
  const scan = (uri: string, tokens: { text: string; norm: string; start: number; end: number }[]) => {
    for (let i = 0; i < tokens.length; i++) {
      for (const e of entries) {
        if (e.seq.length === 0 || tokens[i].norm !== e.seq[0]) continue;
        if (!e.seq.every((w, k) => tokens[i + k]?.norm === w)) continue;
        const end = tokens[i + e.seq.length - 1].end;
        const written = ctx.layoutOf(uri)!.md.text.slice(tokens[i].start, end);
        const plural = written.toLowerCase() !== e.avoid.toLowerCase() && /s$/i.test(written);
        let replacement = plural ? pluralize(e.preferred) : e.preferred;
        if (/^[A-Z]/.test(written)) replacement = replacement[0].toUpperCase() + replacement.slice(1);
        report('glossary', {
          message: `"${written}" is listed in the matter's glossary as a term to avoid; use "${e.preferred}".`,
          uri,
          start: tokens[i].start,
          end,
          data: { term: written, preferred: e.preferred },
          fixes: [termFix(ctx, uri, tokens[i].start, end, replacement, plural)],
        });
      }
    }
  };
  for (const ct of ctx.claimTokens) scan(ct.claim.uri, ct.tokens);
  for (const part of ctx.disclosure) scan(part.uri, part.tokens);
  if (ctx.abstractLayout?.abstract) {
    const l = ctx.abstractLayout;
    scan(l.uri, tokenize(l.md.masked, l.abstract!.start, l.abstract!.end));
  }
};
