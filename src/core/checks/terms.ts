// Term checks: antecedent basis, support in the disclosure, terminology drift, glossary.
import { supportingSentences, type DisclosurePart } from '../disclosure';
import { IRREGULAR_PARTICIPLES } from '../phrases';
import { isOrdinal, occursIn, type ClaimTokens } from '../terms';
import type { TermMention } from '../types';
import { normWord, singular, stem, tokenize } from '../words';
import { replaceFix, where, type Check, type CheckContext } from './context';

/** Parts and properties a thing has inherently: "the outer surface of the sphere" (MPEP 2173.05(e)). */
const INHERENT = new Set(
  (
    'surface end side edge top bottom center centre middle interior exterior inside outside periphery perimeter circumference ' +
    'portion length width height thickness depth diameter radius weight mass volume area size shape amount number ratio level rate ' +
    'speed velocity position location orientation direction temperature pressure concentration quality value content tip base face ' +
    'front rear back axis boundary contour profile outline margin border corner apex proximal distal upper lower inner outer left right ' +
    'beginning start remainder majority output input frequency duration magnitude intensity density state status color colour'
  ).split(' '),
);

const LABEL_HEADS = new Set(['formula', 'equation', 'structure', 'scheme', 'compound', 'expression', 'table', 'figure', 'fig', 'example', 'step']);
const VERB_LIKE = /^(?:[a-z-]{2,}[^s'u]s|[a-z-]+(?:ies|es)|is|are|has|have|can|may|will|does|do|manage|use|provide|receive|send|store|keep|cause|allow|enable|perform|execute|run)$/i;

function isInherent(ctx: CheckContext, m: TermMention): boolean {
  const words = m.key.split(' ');
  const ofFollows = ctx.tokensByNumber.get(m.claim)?.phrases.find((p) => ctx.tokensByNumber.get(m.claim)!.tokens[p.first].start === m.phraseRange.start.offset)?.ofFollows;
  return words.some((w) => INHERENT.has(w)) || !!ofFollows;
}

/** 35 USC 112(b), MPEP 2173.05(e): "the/said X" needs an earlier "a/an X" on every dependency path. */
export const antecedentBasis: Check = (ctx, report) => {
  for (const ct of ctx.claimTokens) {
    const c = ct.claim;
    if (c.canceled) continue;
    const flagged = new Set<string>();
    for (let i = 0; i < ct.phrases.length; i++) {
      const p = ct.phrases[i];
      let m = ct.mentions[i];
      if (p.kind !== 'definite') continue;
      const first = ct.tokens[p.first];
      if (/^[A-Z][a-z]/.test(first.text) && first.text !== first.text.toUpperCase() && !/^(?:The|Said)$/.test(first.text)) continue;
      const seq = m.key.split(' ');
      if (flagged.has(m.key)) continue;
      const avail = (s: string[]) => occursBefore(ct, s, p.detFirst) || ctx.availability.fromParents(c, s);
      if (avail(seq)) continue;
      const words = ct.tokens.slice(p.first, p.last + 1);
      // A formula or figure label ("the formula (5)") names a drawing or a structure, not a claim term.
      if (LABEL_HEADS.has(seq[seq.length - 1]) && /^\s*\(?[A-Za-z]?\d/.test(ctx.claimsLayout!.md.masked.slice(words[words.length - 1].end, words[words.length - 1].end + 6))) continue;
      // The chunker may have run into a verb ("the second layer employs RTP"): accept the noun part.
      let verbTail = false;
      for (let k = seq.length - 1; k >= 1 && !verbTail; k--) if (VERB_LIKE.test(words[k].text) && avail(seq.slice(0, k))) verbTail = true;
      if (verbTail) continue;
      // A leading participle ("the received object information" after "receiving object information").
      if (seq.length > 1 && (/(?:ed|ing)$/i.test(words[0].text) || IRREGULAR_PARTICIPLES.has(seq[0])) && avail(seq.slice(1))) continue;
      flagged.add(m.key);
      // Report the noun part only: "the spring biases the lever" → "the spring".
      let keep = words.length;
      for (let k = 1; k < words.length; k++) if (VERB_LIKE.test(words[k].text)) { keep = k; break; }
      if (keep < words.length) {
        const masked = ctx.claimsLayout!.md.masked;
        const endOff = words[keep - 1].end;
        const lines = ctx.claimsLayout!.lines;
        m = { ...m, phrase: masked.slice(words[0].start, endOff), key: seq.slice(0, keep).join(' '), range: lines.range(m.range.start.offset, endOff), phraseRange: lines.range(words[0].start, endOff) };
      }
      const inherent = isInherent(ctx, m);
      const article = /^[aeiou]/i.test(m.phrase) && !/^(?:one|uni|use|eu)/i.test(m.phrase) ? 'an' : 'a';
      const paths = c.parents.length > 1 ? ' on every dependency path' : c.parents.length ? ' or in the claims it depends on' : '';
      report('antecedent-basis', {
        message: inherent
          ? `"${m.determiner} ${m.phrase}" in claim ${c.number} has no explicit antecedent${paths}; it may be inherent in an element already claimed (MPEP 2173.05(e)).`
          : `"${m.determiner} ${m.phrase}" in claim ${c.number} lacks antecedent basis: no earlier "${article} ${m.phrase}" in this claim${paths}.`,
        uri: c.uri,
        start: m.range.start.offset,
        end: m.range.end.offset,
        claim: c.number,
        severity: inherent ? 'info' : undefined,
        data: { term: m.phrase, key: m.key },
        fixes: [replaceFix(ctx, `Introduce it here: "${article} ${m.phrase}"`, c.uri, m.range.start.offset, m.phraseRange.start.offset, `${article} `)],
      });
    }
    // The same "a X" introduced twice on one path makes a later "the X" ambiguous.
    const intros = new Map<string, number>();
    const chain = singleChain(ctx, c.number);
    for (const n of chain) {
      const t = ctx.tokensByNumber.get(n);
      if (!t || n === c.number) continue;
      for (const m of t.mentions) if (m.kind === 'indefinite' && m.determiner.toLowerCase() !== 'another') intros.set(m.key, n);
    }
    if (intros.size === 0) continue;
    const reported = new Set<string>();
    let ownIntro: TermMention | undefined;
    for (const m of ct.mentions) {
      if (m.kind === 'indefinite' && /^(?:a|an)$/i.test(m.determiner) && intros.has(m.key) && !isOrdinal(m.key.split(' ')[0])) {
        ownIntro = m;
        continue;
      }
      if (m.kind === 'definite' && ownIntro && ownIntro.key === m.key && !reported.has(m.key)) {
        reported.add(m.key);
        const parent = intros.get(m.key)!;
        report('antecedent-basis', {
          message: `"${m.determiner} ${m.phrase}" in claim ${c.number} is ambiguous: "${ownIntro.determiner} ${ownIntro.phrase}" is introduced both in claim ${parent} and again in claim ${c.number}.`,
          uri: c.uri, start: m.range.start.offset, end: m.range.end.offset, claim: c.number,
          related: [{ uri: c.uri, range: ownIntro.range, message: `introduced again in claim ${c.number}` }],
          data: { term: m.phrase, key: m.key, ambiguous: true },
        });
      }
    }
  }
};

function occursBefore(ct: ClaimTokens, seq: string[], before: number): boolean {
  return occursIn(ct, seq, before);
}

function singleChain(ctx: CheckContext, n: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  let cur = ctx.byNumber.get(n);
  while (cur && !seen.has(cur.number)) {
    seen.add(cur.number);
    out.push(cur.number);
    if (cur.parents.length !== 1) break;
    cur = ctx.byNumber.get(cur.parents[0]);
  }
  return out;
}

/** 37 CFR 1.75(d)(1), MPEP 608.01(o): claim terms find support in the description. */
export const termUnsupported: Check = (ctx, report) => {
  if (ctx.disclosure.length === 0 || ctx.disclosure.every((p) => p.tokens.length < 30)) return;
  const done = new Set<string>();
  for (const ct of ctx.claimTokens) {
    if (ct.claim.canceled) continue;
    for (const m of ct.mentions) {
      if (m.kind !== 'indefinite' || done.has(m.key)) continue;
      done.add(m.key);
      const toks = m.key.split(' ');
      const written = m.phrase.split(/\s+/);
      let cut = toks.length;
      for (let k = 1; k < toks.length; k++) if (VERB_LIKE.test(written[k] ?? '')) { cut = k; break; }
      const words = toks.slice(0, cut).filter((w, i) => !isOrdinal(w) && !(i === 0 && /ly$/.test(w) && toks.length > 1));
      if (words.length === 0) continue;
      if (supportingSentences(ctx.disclosure, words).length > 0) continue;
      if (words.length >= 2 && words.some((_, i) => i + 1 < words.length && supportingSentences(ctx.disclosure, [...words.slice(0, i), words[i] + words[i + 1], ...words.slice(i + 2)]).length > 0)) continue;
      // Near-synonym form: the head noun and all but one modifier in one sentence.
      if (words.length >= 3) {
        const head = words[words.length - 1];
        const mods = words.slice(0, -1);
        if (mods.some((_, i) => supportingSentences(ctx.disclosure, [...mods.slice(0, i), ...mods.slice(i + 1), head]).length > 0)) continue;
      }
      report('term-unsupported', {
        message: `"${m.phrase}" (claim ${m.claim}) does not appear in the disclosure, nor any variant of it; claim terms need support in the description (37 CFR 1.75(d)(1), MPEP 608.01(o)).`,
        uri: m.uri, start: m.phraseRange.start.offset, end: m.phraseRange.end.offset, claim: m.claim,
        data: { term: m.phrase, key: m.key },
      });
    }
  }
};

interface FormUse {
  uri: string;
  start: number;
  end: number;
  inClaims: boolean;
  plural: boolean;
}

type ClassMap = Map<string, Map<string, FormUse[]>>;
type WordTok = { text: string; norm: string; start: number; end: number };

/** Adds a phrase's trailing sub-phrases (1 to 3 words) to the variant classes. A class gathers the
 *  written forms that fold to one key: same head, modifiers equal up to inflection, spelling,
 *  hyphenation or spacing ("data base" / "database"). */
function addPhraseForms(classes: ClassMap, uri: string, toks: WordTok[], inClaims: boolean): void {
  for (let len = 1; len <= Math.min(3, toks.length); len++) {
    const words = toks.slice(toks.length - len);
    if (words.some((w) => /\d/.test(w.text) || isOrdinal(w.norm) || (VERB_LIKE.test(w.text) && w !== words[0]))) continue;
    const head = words[words.length - 1];
    if (head.norm.length < 3) continue;
    const mods = words.slice(0, -1);
    const classKey = mods.map((w) => (COMPARATIVE.has(w.norm) ? w.norm : stem(w.norm))).join('') + '|' + head.norm.replace(/-/g, '');
    const joinedKey = (mods.map((w) => w.norm).join('') + head.norm).replace(/-/g, '');
    const form = [...mods.map((w) => w.text.toLowerCase()), singularLower(head.text)].join(' ');
    const key = len === 1 ? '|' + joinedKey : classKey;
    for (const k of len === 2 && mods[0].norm.length <= 5 ? [key, '|' + joinedKey] : [key]) {
      let forms = classes.get(k);
      if (!forms) classes.set(k, (forms = new Map()));
      let uses = forms.get(form);
      if (!uses) forms.set(form, (uses = []));
      uses.push({ uri, start: words[0].start, end: head.end, inClaims, plural: head.text.toLowerCase() !== singularLower(head.text) });
    }
  }
}

const partClasses = new WeakMap<DisclosurePart, ClassMap>();
let combinedCache: { parts: DisclosurePart[]; classes: ClassMap; multi: string[] } | undefined;

/** The disclosure's variant classes, cached while its parts are unchanged (an edit in the claims
 *  re-uses them whole). `multi` lists the classes that already hold two forms. */
function disclosureClasses(parts: DisclosurePart[]): { classes: ClassMap; multi: string[] } {
  if (combinedCache && combinedCache.parts.length === parts.length && combinedCache.parts.every((p, i) => p === parts[i])) return combinedCache;
  const classes: ClassMap = new Map();
  for (const part of parts) {
    let own = partClasses.get(part);
    if (!own) {
      own = new Map();
      for (const p of part.phrases) addPhraseForms(own, part.uri, part.tokens.slice(p.first, p.last + 1), false);
      partClasses.set(part, own);
    }
    for (const [k, forms] of own) {
      let into = classes.get(k);
      if (!into) classes.set(k, (into = new Map()));
      for (const [f, uses] of forms) into.set(f, [...(into.get(f) ?? []), ...uses]);
    }
  }
  const multi = [...classes.entries()].filter(([, f]) => f.size > 1).map(([k]) => k);
  combinedCache = { parts: [...parts], classes, multi };
  return combinedCache;
}

/** Terminology drift: one thing named two ways ("fastening member" / "fastener member",
 *  "sub-assembly" / "subassembly"). The finding is on the minority form. */
export const termVariant: Check = (ctx, report) => {
  const claimClasses: ClassMap = new Map();
  for (const ct of ctx.claimTokens) {
    for (const p of ct.phrases) addPhraseForms(claimClasses, ct.claim.uri, ct.tokens.slice(p.first, p.last + 1), true);
  }
  const disc = disclosureClasses(ctx.disclosure);
  const keys = new Set<string>(disc.multi);
  for (const [k, forms] of claimClasses) {
    const d = disc.classes.get(k);
    if (forms.size > 1 || (d && [...d.keys()].some((f) => !forms.has(f))) || (d && d.size > 1)) keys.add(k);
  }
  const reportedAt = new Set<string>();
  for (const k of keys) {
    const forms = new Map<string, FormUse[]>();
    for (const src of [claimClasses.get(k), disc.classes.get(k)]) {
      if (!src) continue;
      for (const [f, uses] of src) forms.set(f, [...(forms.get(f) ?? []), ...uses]);
    }
    if (forms.size < 2) continue;
    const list = [...forms.entries()].filter(([f]) => f.length > 2);
    if (list.length < 2) continue;
    list.sort((a, b) => b[1].length - a[1].length || Number(b[1].some((u) => u.inClaims)) - Number(a[1].some((u) => u.inClaims)) || a[1][0].start - b[1][0].start);
    const [dominant, domUses] = list[0];
    for (const [form, uses] of list.slice(1)) {
      if (!sameThing(form, dominant)) continue;
      // "low-cost" before a noun vs "low cost" as a noun: hyphenating a compound modifier is grammar, not drift.
      if (form.split(' ').length !== dominant.split(' ').length && uses.length + domUses.length <= 3) continue;
      const firstDom = domUses[0];
      for (const u of uses) {
        const at = `${u.uri}\u0000${u.start}`;
        if (reportedAt.has(at)) continue;
        reportedAt.add(at);
        const layout = ctx.layoutOf(u.uri);
        if (!layout) continue;
        const written = layout.md.text.slice(u.start, u.end);
        let replacement = u.plural ? pluralize(dominant) : dominant;
        if (/^[A-Z]/.test(written)) replacement = replacement[0].toUpperCase() + replacement.slice(1);
        report('term-variant', {
          message: `"${written}" is a variant of "${dominant}" (${domUses.length}× vs ${uses.length}×, first at ${where(ctx, firstDom.uri, firstDom.start)}); use one term for one thing.`,
          uri: u.uri, start: u.start, end: u.end,
          related: [{ uri: firstDom.uri, range: ctx.layoutOf(firstDom.uri)!.lines.range(firstDom.start, firstDom.end), message: `"${dominant}" first used here` }],
          data: { term: form, dominant, occurrences: uses.length, dominantOccurrences: domUses.length },
          fixes: [replaceFix(ctx, `Replace with "${replacement}"`, u.uri, u.start, u.end, replacement)],
        });
      }
    }
  }
};

const COMPARATIVE = new Set('higher lower larger smaller greater wider longer shorter thicker thinner faster slower stronger weaker deeper upper outer inner older newer later earlier'.split(' '));

function sameThing(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (a.replace(/[\s-]/g, '') === b.replace(/[\s-]/g, '')) return true;
  if (wa.length !== wb.length) return wa.join('').replace(/-/g, '') === wb.join('').replace(/-/g, '');
  // Same head; modifiers differ only by inflection (stem equal) or spelling.
  return wa.every((w, i) => w === wb[i] || (!COMPARATIVE.has(w) && !COMPARATIVE.has(wb[i]) && stem(normWord(w)) === stem(normWord(wb[i]))));
}

function singularLower(w: string): string {
  return singular(w.toLowerCase());
}

function pluralize(form: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(form)) return form + 'es';
  if (/[^aeiou]y$/.test(form)) return form.slice(0, -1) + 'ies';
  return form + 's';
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
          uri, start: tokens[i].start, end,
          data: { term: written, preferred: e.preferred },
          fixes: [replaceFix(ctx, `Replace with "${replacement}"`, uri, tokens[i].start, end, replacement)],
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
