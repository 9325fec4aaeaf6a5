// The disclosure's vocabulary: sentences, an inverted index of word stems (with hyphen/space
// joins, so "sub assembly" finds "subassembly"), reference numerals and the names they carry,
// and the noun phrases used (for terminology drift). Built per disclosure section and cached on
// the section's text and position, so an edit in the claims re-uses it whole.
import { findPhrases, STOP, type Phrase } from './phrases';
import { normWord, stem, tokenize, type Token } from './words';
import { registerCache } from './caches';

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
  numerals: NumeralHit[];
  phrases: Phrase[];
}

const ABBREV = /^(?:fig|figs|no|nos|e\.g|i\.e|vs|approx|ref|eq|al|inc|co|ltd|corp|u\.s)$/i;
const partCache = new Map<string, DisclosurePart>();
registerCache(() => partCache.clear());

export function indexDisclosurePart(uri: string, masked: string, start: number, end: number): DisclosurePart {
  // Keyed by position, checked by content: an edit after this part (in the claims of a single-file
  // matter, say) changes the document's length but not this part, which is then re-used whole.
  const key = `${uri}\u0000${start}`;
  const cached = partCache.get(key);
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
    if (newlines >= 2 || heading) boundary[i + 1] = 1;
    else if (stop && upperOrDigit && to - from >= 2 && !ABBREV.test(tokens[i].text)) boundary[i + 1] = 1;
  }
  const gapOk = (i: number) => i + 1 < tokens.length && gaps[i] === 0;
  const sentences: Sentence[] = [];
  const sentenceOf = new Int32Array(tokens.length);
  let sStart = start;
  let current = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && boundary[i]) {
      sentences.push({ uri, start: sStart, end: tokens[i - 1].end + 1 });
      sStart = tokens[i].start;
      current++;
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
  for (let i = 0; i < tokens.length; i++) {
    const s = sentenceOf[i];
    add(stem(tokens[i].norm), s);
    // "data base" / "sub assembly" / "web site": a short first word joined to the next.
    if (i + 1 < tokens.length && tokens[i].norm.length <= 5 && sentenceOf[i + 1] === s && gapOk(i)) add(stem(tokens[i].norm + tokens[i + 1].norm), s);
  }
  const part: DisclosurePart & { text?: string } = {
    uri,
    start,
    end,
    tokens,
    sentences,
    sentenceOf,
    index,
    numerals: findNumerals(uri, masked, tokens, gapOk),
    phrases: findPhrases(tokens, gapOk),
    text: slice,
  };
  partCache.set(key, part);
  if (partCache.size > 64) partCache.delete(partCache.keys().next().value as string);
  return part;
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
    'measured observed calculated theoretical approx nearly below above around within exceeds exceeding pH'
  ).split(' '),
);
const UNIT_AFTER = /^(?:mm|cm|m|km|nm|µm|μm|um|mil|mils|kg|g|mg|µg|ng|ml|l|µl|%|percent|degrees?|°|s|ms|µs|ns|sec|secs|seconds?|minutes?|min|mins|hours?|hrs?|h|days?|weeks?|months?|years?|hz|khz|mhz|ghz|v|kv|mv|a|ma|µa|w|kw|mw|bits?|bytes?|kb|mb|gb|tb|psi|bar|pa|kpa|mpa|gpa|times|fold|wt|ppm|ppb|rpm|c|f|k|volts?|watts?|amps?|inches|inch|in|feet|ft|microns?|nanometers?|micrometers?|millimeters?|centimeters?|meters?|ohms?|kω|ω|db|dbm|lbs?|oz|n|nm|j|kj|cal|kcal|mol|mmol|µmol|m2|m3|cm2|cm3|mm2|x|×|to|and|or|through)$/i;

function findNumerals(uri: string, masked: string, tokens: Token[], gapOk: (i: number) => boolean): NumeralHit[] {
  const out: NumeralHit[] = [];
  let lastName: { tokens: Token[]; end: number; index: number } | undefined;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const m = NUMERAL.exec(t.text);
    if (!m) continue;
    const num = Number(m[1]);
    if (num === 0 || (num >= 1900 && num <= 2100 && !m[2])) continue;
    // "(12)" as in EP claims, or a bare numeral.
    const before = masked.slice(tokens[i - 1].end, t.start);
    const inParens = /^\s*\(\s*$/.test(before);
    if (!gapOk(i - 1) && !inParens) {
      // "housings 12a and 12b", "arms 14, 16": a numeral list continues the previous name.
      if (lastName && lastName.index >= i - 3 && /^\s*(?:,|,?\s*and|,?\s*or)?\s*$/.test(before.replace(/\band\b|\bor\b/g, ''))) {
        pushHit(out, uri, t, m, lastName.tokens);
      }
      continue;
    }
    const next = tokens[i + 1];
    if (next && gapOk(i) && UNIT_AFTER.test(next.text)) continue;
    if (next && /^[.,]\d/.test(masked.slice(t.end, t.end + 2))) continue;
    const prev = tokens[i - 1];
    const pw = prev.text.toLowerCase();
    if (NOT_BEFORE_NUMERAL.has(pw) || STOP.has(pw) || /^\d/.test(pw)) {
      if (pw === 'and' || pw === 'or') {
        if (lastName && lastName.index >= i - 3) pushHit(out, uri, t, m, lastName.tokens);
      }
      continue;
    }
    // Title-case words mid-sentence ("Example 1", "Compound 3") are labels, not part names.
    if (/^[A-Z][a-z]/.test(prev.text) && i >= 2 && !/[.!?:]\s*$/.test(masked.slice(tokens[i - 2].end, prev.start))) continue;
    const name: Token[] = [prev];
    for (let k = i - 2; k >= 0 && name.length < 4; k--) {
      const w = tokens[k].text.toLowerCase();
      if (!gapOk(k) || STOP.has(w) || NUMERAL.test(tokens[k].text)) break;
      name.unshift(tokens[k]);
    }
    pushHit(out, uri, t, m, name);
    lastName = { tokens: name, end: t.end, index: i };
  }
  return out;
}

function pushHit(out: NumeralHit[], uri: string, t: Token, m: RegExpExecArray, name: Token[]): void {
  out.push({
    numeral: t.text.replace(/’/g, "'"),
    base: m[1],
    nameTokens: name,
    name: name.map((x) => x.norm).join(' '),
    uri,
    start: t.start,
    end: t.end,
    nameStart: name[0].start,
    nameEnd: name[name.length - 1].end,
  });
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
