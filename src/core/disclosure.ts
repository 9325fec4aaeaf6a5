// The disclosure's vocabulary: sentences, an inverted index of word stems (with hyphen/space
// joins, so "sub assembly" finds "subassembly"), reference numerals and the names they carry,
// and the noun phrases used (for terminology drift). Built per disclosure section and cached on
// the section's text and position, so an edit in the claims re-uses it whole.
import { ED_WORDS, findPhrases, IRREGULAR_PARTICIPLES, STOP, type Phrase } from './phrases';
import { memoize, normWord, singular, stem, tokenize, type Token } from './words';
import { memoTable, registerCache } from './caches';

export interface Sentence {
  uri: string;
  start: number;
  end: number;
}

export interface NumeralHit {
  numeral: string;
  /** The numeral's digits without letter suffix or primes ("12" for "12a"). */
  base: string;
  nameTokens: Token[];
  /** Normalised name ("outer housing"). */
  name: string;
  uri: string;
  start: number;
  end: number;
  /** Offsets of the name. */
  nameStart: number;
  nameEnd: number;
  /** A second name written with it ("bolt" in "a bolt or pin 40", "face" in "the face of the blade 10"), normalised. */
  alias?: string;
  /** The alias is the noun before "of" ("face" in "the face of the blade 10"): the numeral may be either's. */
  aliasOf?: boolean;
  /** The name goes on after the numeral ("an upper surface 22 of the cylinder head"): a part of something named later. */
  ofAfter?: boolean;
  /** "another contact element 5", "a further spring 16": a second part of a kind named before; "a current
   *  sensor 156" after "a current sensor 136": 'a' (a part introduced). */
  another?: boolean | 'a';
  /** Read off a list after the name ("16" in "arms 14 and 16"), or the first of such a list ("14"). */
  listed?: boolean;
}

export interface DisclosurePart {
  uri: string;
  start: number;
  end: number;
  tokens: Token[];
  sentences: Sentence[];
  /** For each token, its sentence index (local to this part). */
  sentenceOf: Int32Array;
  /** stem → local sentence ids (ascending, unique). */
  index: Map<string, number[]>;
  /** root (see `root`) → local sentence ids, with the parts of hyphenated words ("pyramid-type"). */
  roots: Map<string, number[]>;
  /** For each sentence, its paragraph index (local to this part). */
  paragraphOf: Int32Array;
  numerals: NumeralHit[];
  phrases: Phrase[];
}

const ABBREV = /^(?:fig|figs|no|nos|e\.g|i\.e|vs|approx|ref|eq|al|inc|co|ltd|corp|u\.s)$/i;
const partCache = memoTable(() => new Map<string, DisclosurePart>());

export function indexDisclosurePart(uri: string, masked: string, start: number, end: number): DisclosurePart {
  // Keyed by position, checked by content: an edit after this part (in the claims of a single-file
  // matter, say) changes the document's length but not this part, which is then re-used whole.
  const key = `${uri}\u0000${start}`;
  const cached = partCache().get(key);
  const slice = masked.slice(start, end);
  if (cached && cached.end === end && (cached as DisclosurePart & { text?: string }).text === slice) return cached;
  const tokens = tokenize(masked, start, end);
  // One pass over the gaps between tokens: 0 = spaces (at most one line break), 1 = other.
  const gaps = new Uint8Array(tokens.length);
  const boundary = new Uint8Array(tokens.length);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const from = tokens[i].end;
    const to = tokens[i + 1].start;
    let newlines = 0;
    let plain = true;
    let stop = false;
    let heading = false;
    for (let k = from; k < to; k++) {
      const ch = masked.charCodeAt(k);
      if (ch === 10) newlines++;
      else if (ch === 32 || ch === 9 || ch === 13) continue;
      else {
        plain = false;
        if (ch === 46 || ch === 33 || ch === 63) stop = true;
        else if (ch === 35 && newlines > 0) heading = true;
      }
    }
    gaps[i] = plain && newlines <= 1 ? 0 : 1;
    const next = tokens[i + 1].text.charCodeAt(0);
    const upperOrDigit = (next >= 65 && next <= 90) || (next >= 48 && next <= 57);
    if (newlines >= 2 || heading) boundary[i + 1] = 2;
    else if (stop && upperOrDigit && to - from >= 2 && !ABBREV.test(tokens[i].text)) boundary[i + 1] = 1;
  }
  const gapOk = (i: number) => i + 1 < tokens.length && gaps[i] === 0;
  const sentences: Sentence[] = [];
  const sentenceOf = new Int32Array(tokens.length);
  const paragraphs: number[] = [0];
  let sStart = start;
  let current = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && boundary[i]) {
      sentences.push({ uri, start: sStart, end: tokens[i - 1].end + 1 });
      sStart = tokens[i].start;
      current++;
      paragraphs.push(paragraphs[current - 1] + (boundary[i] === 2 ? 1 : 0));
    }
    sentenceOf[i] = current;
  }
  if (tokens.length) sentences.push({ uri, start: sStart, end: Math.min(end, tokens[tokens.length - 1].end + 1) });
  const index = new Map<string, number[]>();
  const add = (k: string, s: number) => {
    const list = index.get(k);
    if (!list) index.set(k, [s]);
    else if (list[list.length - 1] !== s) list.push(s);
  };
  const roots = new Map<string, number[]>();
  const addRoot = (k: string, s: number) => {
    const list = roots.get(k);
    if (!list) roots.set(k, [s]);
    else if (list[list.length - 1] !== s) list.push(s);
  };
  for (let i = 0; i < tokens.length; i++) {
    const s = sentenceOf[i];
    const keys = indexKeys(tokens[i].norm);
    add(keys[0], s);
    addRoot(keys[1], s);
    if (tokens[i].text.includes('-')) for (const r of hyphenRoots(tokens[i].text)) addRoot(r, s);
    // "data base" / "sub assembly" / "web site": a short first word joined to the next.
    if (i + 1 < tokens.length && tokens[i].norm.length <= 5 && sentenceOf[i + 1] === s && gapOk(i)) {
      const joined = joinedKeys(tokens[i].norm, tokens[i + 1].norm);
      add(joined[0], s);
      addRoot(joined[1], s);
    }
  }
  const part: DisclosurePart & { text?: string } = {
    uri,
    start,
    end,
    tokens,
    sentences,
    sentenceOf,
    index,
    roots,
    paragraphOf: Int32Array.from(paragraphs.slice(0, sentences.length)),
    numerals: findNumerals(uri, masked, tokens, gapOk),
    phrases: findPhrases(tokens, gapOk),
    text: slice,
  };
  partCache().set(key, part);
  if (partCache().size > 64) partCache().delete(partCache().keys().next().value as string);
  return part;
}

// The index keys of a word, cached by its normal form (one look-up per token instead of two), of
// two words joined, by the pair (no string built per use), and the roots of a hyphenated word's parts.
const keysByNorm = new Map<string, [string, string]>();
const keysByPair = new Map<string, Map<string, [string, string]>>();
const rootsByHyphenated = new Map<string, string[]>();
registerCache(() => {
  keysByNorm.clear();
  keysByPair.clear();
  rootsByHyphenated.clear();
}, true);
function indexKeys(norm: string): [string, string] {
  let v = keysByNorm.get(norm);
  if (v === undefined) {
    v = [stem(norm), root(norm)];
    if (keysByNorm.size > 200000) keysByNorm.clear();
    keysByNorm.set(norm, v);
  }
  return v;
}
function joinedKeys(a: string, b: string): [string, string] {
  let inner = keysByPair.get(a);
  if (inner === undefined) {
    if (keysByPair.size > 20000) keysByPair.clear();
    keysByPair.set(a, (inner = new Map()));
  }
  let v = inner.get(b);
  if (v === undefined) {
    v = [stem(a + b), root(a + b)];
    if (inner.size > 20000) inner.clear();
    inner.set(b, v);
  }
  return v;
}
function hyphenRoots(written: string): string[] {
  let v = rootsByHyphenated.get(written);
  if (v === undefined) {
    v = hyphenParts(written).map((w) => root(w));
    if (rootsByHyphenated.size > 100000) rootsByHyphenated.clear();
    rootsByHyphenated.set(written, v);
  }
  return v;
}

const NUMERAL = /^(\d{1,4})([a-z]?)(['’]{0,2})$/;
const NOT_BEFORE_NUMERAL = new Set(
  (
    'fig figs figure figures claim claims column columns col line lines page pages table tables example examples formula formulas formulae ' +
    'equation equations eq chapter section sections paragraph paragraphs no nos number numbers about approximately than to from between ' +
    'and or at in by over under up least most only every all of step steps embodiment embodiments item items chart graph scheme schemes ' +
    'compound compounds group groups type types version versions level levels grade grades class phase stage generation mode modes option ' +
    'case cases sample samples test tests run runs day days week weeks year years hour hours minute minutes second seconds time times ' +
    'for with is are was were be of the a an each said its their ser us patent patents application applications serial publication ' +
    'value values temperature temperatures result results yield score total count ratio rate concentration weight range as low high ' +
    'measured observed calculated theoretical approx nearly below above around within exceeds exceeding ph ' +
    // Verbs and adjectives before a count ("can provide 32 signals", "the subsequent 7 residues", "to achieve 3 grams").
    'provide provides define defines achieve achieves give gives gave obtain obtains get gets got afford affords yields meet meets ' +
    'need needs require requires reach reaches exceed equal equals totals contain contains produce produces generate generates ' +
    'subsequent successive next last first previous preceding following additional remaining extra initial final since because roughly ' +
    'represent represents employ employs wo jp ep pct ' +
    // Names that take a number as part of the name ("chromosome 7", "exon 3", "clone 5").
    'chromosome chromosomes exon exons intron introns lane lanes residue residues codon codons clone clones strain strains isoform isoforms allele alleles'
  ).split(' '),
);
const UNIT_AFTER = /^(?:mm|cm|m|km|nm|µm|μm|um|mil|mils|kg|g|mg|µg|ng|grams?|milligrams?|kilograms?|ml|l|µl|liters?|litres?|milliliters?|%|percent|degrees?|°|s|ms|µs|ns|sec|secs|msec|usec|µsec|seconds?|minutes?|min|mins|hours?|hrs?|h|days?|weeks?|months?|years?|hz|khz|mhz|ghz|v|kv|mv|a|ma|µa|w|kw|mw|bits?|bytes?|kb|mb|gb|tb|psi|bar|pa|kpa|mpa|gpa|times|fold|wt|ppm|ppb|rpm|c|f|k|kda|da|volts?|watts?|amps?|inches|inch|in|feet|ft|microns?|nanometers?|micrometers?|millimeters?|centimeters?|meters?|ohms?|kω|ω|db|dbm|lbs?|lbf|oz|n|nm|j|kj|cal|kcal|mol|mmol|µmol|mm|µm|m2|m3|cm2|cm3|mm2|x|×|to|and|or|through)$/i;
const RANGE_WORD = /^(?:to|and|or|through)$/i;
/** "10 to 20 mm", "5 and 10 seconds": a range of quantities, not "the arm 12 and the lever 14". */
function rangeOfQuantities(tokens: Token[], i: number, gapOk: (i: number) => boolean): boolean {
  const n = tokens[i + 2];
  const unit = tokens[i + 3];
  return n !== undefined && /^\d/.test(n.text) && unit !== undefined && gapOk(i + 2) && UNIT_AFTER.test(unit.text) && !RANGE_WORD.test(unit.text);
}
/** Label words that, after a modifier noun, name a part. */
const MODIFIED_LABEL = new Set('table tables column columns line lines section sections stage stages chart graph level group groups case'.split(' '));
function modifierBefore(tokens: Token[], k: number, gapOk: (i: number) => boolean): boolean {
  if (k < 1 || !gapOk(k - 1)) return false;
  const w = tokens[k - 1].text.toLowerCase();
  return !STOP.has(w) && !NOT_BEFORE_NUMERAL.has(w) && !/^\d/.test(w) && nounish(tokens[k - 1]);
}
/** Words between a name and its numeral ("the housing, designated by the reference numeral 12"). */
const DESIGNATION = new Set('numeral numerals designated denoted indicated labeled labelled referenced marked numbered identified designates denotes indicates sign signs character characters'.split(' '));
const DESIGNATION_GAP = new Set([...DESIGNATION, ...'reference by the a an as whole generally herein is are which with at in shown also collectively hereinafter'.split(' ')]);
/** Heads that are not the name of a part ("the instrument according to the invention designated 3"). */
const NOT_A_NAME = new Set(['invention', 'embodiment', 'example', 'figure', 'fig', 'drawing', 'view', 'numeral', 'reference']);

/** A numeral by the characters around it: not a percentage, an angle, a ratio ("20:1"), a product
 *  ("3×50"), a chemical locant ("4-(...)", "3-yl") or a nucleic-acid end ("5′-gtg", "5′ sequence"). */
function numeralShape(masked: string, tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const before = masked.charAt(t.start - 1);
  if (before === '-' || before === '=' || before === '+' || before === '±' || before === '×' || before === '/' || before === ':' || before === '~') return false;
  const after = masked.slice(t.end, t.end + 3);
  const c = after.charAt(0);
  if ('%°℃℉×*^(['.includes(c) && c !== '') return false;
  if (/^[-–:][\p{L}\p{N}([]/u.test(after)) return false;
  if (/^\/\d(?!\d)/.test(after)) return false;
  if (c === '′' || c === '″') {
    if (/^.[-–→\p{L}]/u.test(after)) return false;
    const next = tokens[i + 1];
    if (next && next.start - t.end <= 2 && PRIME_END_AFTER.has(next.norm)) return false;
  }
  return true;
}
const PRIME_END_AFTER = new Set('end sequence region utr untranslated flanking terminus terminal direction overhang strand primer portion side'.split(' '));

/** The last word of a name is a noun: not a past participle ("tissue to be illuminated 50") or a
 *  an adverb ("preferably 1 to 3") or a single letter ("m/z 254"). */
function nounish(t: Token): boolean {
  const w = t.text.toLowerCase();
  if (w.length < 2 || NOT_A_NAME.has(t.norm)) return false;
  if (IRREGULAR_PARTICIPLES.has(w)) return false;
  if (w.length >= 6 && /(?:ably|ibly|ally|ently|antly|ately|ively|ously|edly|ingly|arly)$/.test(w)) return false;
  return !(w.length >= 4 && w.endsWith('ed') && !w.endsWith('eed') && !ED_WORDS.has(w));
}

function isPlural(t: Token): boolean {
  const w = t.text.toLowerCase();
  return singular(w) !== w;
}

/** Up to `max` name words ending at token `end`, back to a stop word or punctuation. */
function nameBefore(tokens: Token[], end: number, gapOk: (i: number) => boolean, max: number): Token[] {
  const name: Token[] = [tokens[end]];
  for (let k = end - 1; k >= 0 && name.length < max; k--) {
    const w = tokens[k].text.toLowerCase();
    if (!gapOk(k) || STOP.has(w) || NUMERAL.test(tokens[k].text)) break;
    name.unshift(tokens[k]);
  }
  // "Suitable wiring 154", "an exemplary controller 30", "because flute 52": not part of the name.
  while (name.length > 1 && NOT_NAME_START.has(name[0].norm)) name.shift();
  return name;
}
const NOT_NAME_START = new Set(
  'suitable conventional optional exemplary typical known appropriate respective corresponding various similar illustrative preferred desired certain particular specific standard because since although though unless once'.split(' '),
);

/** A second name the numeral may belong to: "a bolt or pin 40", "radio/antenna 210", "the face of the blade 10",
 *  "a layer of phosphor 309". */
function aliasBefore(masked: string, tokens: Token[], first: number, gapOk: (i: number) => boolean): { tokens: Token[]; of: boolean } | undefined {
  const k = first - 1;
  if (k < 1) return undefined;
  const w = tokens[k].text.toLowerCase();
  if ((w === 'or' || w === 'and/or') && gapOk(k) && gapOk(k - 1) && !STOP.has(tokens[k - 1].text.toLowerCase())) return { tokens: nameBefore(tokens, k - 1, gapOk, 3), of: false };
  if (!gapOk(k) && /^\s*\/\s*$/.test(masked.slice(tokens[k].end, tokens[first].start)) && !STOP.has(w)) return { tokens: nameBefore(tokens, k, gapOk, 3), of: false };
  // "the database of file information 244": the numeral may name the database.
  if (w === 'of' && gapOk(k) && gapOk(k - 1) && !STOP.has(tokens[k - 1].text.toLowerCase()) && !NUMERAL.test(tokens[k - 1].text)) return { tokens: nameBefore(tokens, k - 1, gapOk, 3), of: true };
  if ((w === 'the' || w === 'a' || w === 'an' || w === 'said') && k >= 2 && tokens[k - 1].text.toLowerCase() === 'of' && gapOk(k - 1) && gapOk(k - 2) && !STOP.has(tokens[k - 2].text.toLowerCase()) && !NUMERAL.test(tokens[k - 2].text)) {
    return { tokens: nameBefore(tokens, k - 2, gapOk, 3), of: true };
  }
  return undefined;
}

function findNumerals(uri: string, masked: string, tokens: Token[], gapOk: (i: number) => boolean): NumeralHit[] {
  const out: NumeralHit[] = [];
  let lastName: { tokens: Token[]; base: string; index: number; hit: NumeralHit } | undefined;
  // "housings 12a and 12b", "arms 14, 16": a numeral list continues a plural name, or a name with its lettered siblings
  // (not "the valve 34, and 42", nor "the VCO 100, 16 delay elements").
  const continues = (i: number, m: RegExpExecArray) => {
    if (lastName === undefined || lastName.index < i - 3 || !(isPlural(lastName.tokens[lastName.tokens.length - 1]) || lastName.base === m[1])) return false;
    lastName.hit.listed = true;
    return true;
  };
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const m = NUMERAL.exec(t.text);
    if (!m) continue;
    const num = Number(m[1]);
    if (num === 0 || (num >= 1900 && num <= 2100 && !m[2])) continue;
    if (!numeralShape(masked, tokens, i)) continue;
    // "(12)" as in EP claims, or a bare numeral.
    const before = masked.slice(tokens[i - 1].end, t.start);
    const inParens = /^\s*\(\s*$/.test(before);
    if (!gapOk(i - 1) && !inParens) {
      if (continues(i, m) && /^\s*(?:,|,?\s*and|,?\s*or)?\s*$/.test(before.replace(/\band\b|\bor\b/g, ''))) pushHit(out, uri, t, m, lastName!.tokens, undefined, false, false, true);
      continue;
    }
    const next = tokens[i + 1];
    if (next && gapOk(i) && UNIT_AFTER.test(next.text) && !(RANGE_WORD.test(next.text) && !rangeOfQuantities(tokens, i, gapOk))) continue;
    if (next && /^[.,]\d/.test(masked.slice(t.end, t.end + 2))) continue;
    const prev = tokens[i - 1];
    const pw = prev.text.toLowerCase();
    let end = i - 1;
    if (DESIGNATION.has(pw)) {
      // Back over "designated by the reference numeral" (commas allowed) to the name.
      let k = i - 1;
      while (k > 0 && k > i - 9 && DESIGNATION_GAP.has(tokens[k].text.toLowerCase())) k--;
      if (DESIGNATION_GAP.has(tokens[k].text.toLowerCase()) || STOP.has(tokens[k].text.toLowerCase()) || NUMERAL.test(tokens[k].text)) continue;
      end = k;
    } else if (MODIFIED_LABEL.has(pw) && modifierBefore(tokens, i - 1, gapOk)) {
      // "the registration table 43", "a fuel line 22", "the steering column 14": a part, not "table 3".
    } else if (NOT_BEFORE_NUMERAL.has(pw) || STOP.has(pw) || /^\d/.test(pw)) {
      if ((pw === 'and' || pw === 'or') && continues(i, m)) pushHit(out, uri, t, m, lastName!.tokens, undefined, false, false, true);
      continue;
    }
    const last = tokens[end];
    // Title-case words mid-sentence ("Example 1", "Compound 3") are labels, not part names.
    if (/^[A-Z][a-z]/.test(last.text) && end >= 1 && !/[.!?:]\s*$/.test(masked.slice(tokens[end - 1].end, last.start))) continue;
    if (!nounish(last)) continue;
    const name = nameBefore(tokens, end, gapOk, 4);
    const first = tokens.indexOf(name[0], Math.max(0, end - 4));
    const alias = aliasBefore(masked, tokens, first, gapOk);
    const ofAfter = next !== undefined && gapOk(i) && next.text.toLowerCase() === 'of';
    const det = first > 0 ? tokens[first - 1].text.toLowerCase() : '';
    pushHit(out, uri, t, m, name, alias, ofAfter, det === 'another' || det === 'further' || det === 'other' ? true : det === 'a' || det === 'an' ? 'a' : false);
    lastName = { tokens: name, base: m[1], index: i, hit: out[out.length - 1] };
  }
  return out;
}

function pushHit(out: NumeralHit[], uri: string, t: Token, m: RegExpExecArray, name: Token[], alias?: { tokens: Token[]; of: boolean }, ofAfter?: boolean, another?: boolean | 'a', listed?: boolean): void {
  const hit: NumeralHit = {
    numeral: t.text.replace(/’/g, "'"),
    base: m[1],
    nameTokens: name,
    name: name.map((x) => x.norm).join(' '),
    uri,
    start: t.start,
    end: t.end,
    nameStart: name[0].start,
    nameEnd: name[name.length - 1].end,
  };
  if (alias && alias.tokens.length) {
    hit.alias = alias.tokens.map((x) => x.norm).join(' ');
    if (alias.of) hit.aliasOf = true;
  }
  if (ofAfter) hit.ofAfter = true;
  if (another) hit.another = another;
  if (listed) hit.listed = true;
  out.push(hit);
}

/** Sentences of the disclosure that contain every word of a term (by stem), as global ids. */
export function supportingSentences(parts: DisclosurePart[], words: string[]): { part: DisclosurePart; sentence: number }[] {
  const stems = [...new Set(words.map((w) => stem(normWord(w))))];
  const out: { part: DisclosurePart; sentence: number }[] = [];
  for (const part of parts) {
    let acc: number[] | undefined;
    for (const s of stems) {
      const list = part.index.get(s);
      if (!list) {
        acc = [];
        break;
      }
      acc = acc === undefined ? list : intersect(acc, list);
      if (acc.length === 0) break;
    }
    for (const s of acc ?? []) out.push({ part, sentence: s });
  }
  return out;
}

/** The parts of a hyphenated word, normalised ("pyramid-type" → pyramid, type); parts of one letter dropped. */
export function hyphenParts(written: string): string[] {
  const out: string[] = [];
  for (const p of written.split('-').slice(0, 8)) if (p.length >= 2) out.push(normWord(p));
  return out;
}

const ROOT_SUFFIX = /(?:ically|ical|ic|ity|ness|ively|ive|iv)$/;

/** A word's root for support, coarser than `stem`: stemmed until it settles (at most three times), after
 *  a few derivational endings, so "resistively" meets "resistive", "conically" "conical", "polymeric"
 *  "polymer" and "diuretics" "diuretic". Both the index and the queries use it. */
export const root = memoize(rootUncached, 200000);

function rootUncached(norm: string): string {
  let w = norm.length > 5 && norm.endsWith('ics') ? norm.slice(0, -1) : norm;
  for (let k = 0; k < 3; k++) {
    const s = stem(w);
    if (s === w) break;
    w = s;
  }
  const cut = w.replace(ROOT_SUFFIX, '');
  if (cut.length >= 5 && cut !== w) w = stem(cut);
  // Short words, which `stem` leaves alone: "shaped" and "shape", "based" and "base".
  if (w.length <= 6) w = w.replace(/(?:ed|es|ing)$/, (x, at: number) => (at >= 3 ? '' : x));
  return w.length > 3 ? w.replace(/e$/, '') : w;
}

/** Parts of a hyphenated word that a term may have when the description writes only the rest:
 *  prefixes ("anti-cancer treatment" / "cancer treatment") and suffix words ("box-shaped" / "box",
 *  "temperature-based"). Negating prefixes (non-, un-) and "-free" are not among them. */
const AFFIX = new Set('anti pro pre post multi semi sub co bi tri self based shaped type like style'.split(' '));

/** Where a word is found: local sentence ids per part (ascending). A hyphenated word is found where
 *  its joined form is, or where all its parts are. */
function wordSentences(part: DisclosurePart, written: string): number[] {
  const joined = part.roots.get(root(normWord(written))) ?? [];
  if (!written.includes('-')) return joined;
  const all = hyphenParts(written);
  const pieces = all.filter((p) => !AFFIX.has(p));
  if (all.length < 2 || pieces.length === 0) return joined;
  let acc: number[] | undefined;
  for (const p of pieces) {
    const list = part.roots.get(root(p)) ?? [];
    acc = acc === undefined ? list : intersect(acc, list);
    if (acc.length === 0) break;
  }
  return union(joined, acc ?? []);
}

/** Whether the words of a term (as written, any case) are found together in the disclosure: in one
 *  sentence, else in one paragraph, else each somewhere ('scattered'), else undefined, by root. */
export function termSupport(parts: DisclosurePart[], words: string[]): 'sentence' | 'paragraph' | 'scattered' | undefined {
  const uniq = [...new Set(words.map((w) => w.toLowerCase()))];
  if (uniq.length === 0) return 'sentence';
  let best: 'sentence' | 'paragraph' | 'scattered' | undefined;
  const found = new Set<string>();
  for (const part of parts) {
    let sent: number[] | undefined;
    let para: number[] | undefined;
    for (const w of uniq) {
      const list = wordSentences(part, w);
      if (list.length) found.add(w);
      sent = sent === undefined ? list : intersect(sent, list);
      const ps = paragraphsOf(part, list);
      para = para === undefined ? ps : intersect(para, ps);
    }
    if (sent && sent.length) return 'sentence';
    if (para && para.length) best = 'paragraph';
  }
  if (best) return best;
  return found.size === uniq.length ? 'scattered' : undefined;
}

/** Which of the words (as written) the disclosure holds anywhere, by root. */
export function wordsFound(parts: DisclosurePart[], words: string[]): boolean[] {
  return words.map((w) => parts.some((p) => wordSentences(p, w.toLowerCase()).length > 0));
}

function paragraphsOf(part: DisclosurePart, sentences: number[]): number[] {
  const out: number[] = [];
  for (const s of sentences) {
    const p = part.paragraphOf[s];
    if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}

function union(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

function intersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}
