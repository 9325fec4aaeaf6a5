import { registerCache } from './caches';
import { singularWord } from './english';

// Word-level normalisation shared by every check: tokens with offsets, singular forms, US/UK
// spelling, hyphen folding and a light stemmer. Every function here runs in linear time.

export interface Token {
  /** As written. */
  text: string;
  /** Lower case, US spelling, singular, hyphens removed: what keys and indexes compare. */
  norm: string;
  start: number;
  end: number;
}

/** A character that starts a word (`\p{L}`, `\p{N}`, µ), by code point; ASCII without a regex. */
const WORD_START = /^[\p{L}\p{N}µ]$/u;
/** The answers for the other code points of the basic plane, as read: 0 not yet, 1 yes, 2 no. */
const wordStartBmp = new Uint8Array(0x10000);
function isWordStart(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  if (cp > 0xffff) return WORD_START.test(String.fromCodePoint(cp));
  let v = wordStartBmp[cp];
  if (v === 0) wordStartBmp[cp] = v = WORD_START.test(String.fromCharCode(cp)) ? 1 : 2;
  return v === 1;
}
/** Per ASCII character: 1 starts a word (a letter or a digit), 2 continues one (an apostrophe or a hyphen), 0 neither. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isWordStart(c) ? 1 : isWordPart(c) ? 2 : 0;
/** A character inside a word: a word start, an apostrophe (' or ’) or a hyphen. */
function isWordPart(cp: number): boolean {
  return cp === 39 || cp === 45 || cp === 8217 || isWordStart(cp);
}

/** Word tokens of text[start, end) with document offsets; trailing hyphens/apostrophes trimmed.
 *  A word is a letter, digit or µ, then any of those, apostrophes and hyphens (a scanner: one pass, no match objects). */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = start;
  // A start inside a surrogate pair reads from the pair's start (as a /u regex does).
  if (i > 0 && i < n && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) i--;
  while (i < end) {
    // ASCII by table; other characters by code point.
    const at = i;
    let c = text.charCodeAt(i);
    if (c < 128) {
      i++;
      if (ASCII_WORD[c] !== 1) continue;
    } else {
      c = text.codePointAt(i)!;
      i += c > 0xffff ? 2 : 1;
      if (!isWordStart(c)) continue;
    }
    // The word's hash (see spelledAt) as it is read, while it is ASCII; spelledAt hashes other words itself.
    let h = Math.imul(FNV_BASIS ^ c, FNV_PRIME);
    let ascii = c < 128;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        if (ASCII_WORD[c] === 0) break;
        if (i < end) h = Math.imul(h ^ c, FNV_PRIME);
        i++;
        continue;
      }
      c = text.codePointAt(i)!;
      if (!isWordPart(c)) break;
      ascii = false;
      i += c > 0xffff ? 2 : 1;
    }
    let len = Math.min(i - at, end - at);
    const read = len;
    // Trailing hyphens and apostrophes, then a possessive "'s", are not part of the word.
    while (len > 1) {
      const c = text.charCodeAt(at + len - 1);
      if (c === 39 || c === 8217 || c === 45) len--;
      else break;
    }
    if (len > 2 && (text.charCodeAt(at + len - 1) | 32) === 115) {
      const q = text.charCodeAt(at + len - 2);
      if (q === 39 || q === 8217) len -= 2;
    }
    const w = spelledAt(text, at, len, ascii && len === read ? h : undefined);
    out.push({ text: w.text, norm: w.norm, start: at, end: at + len });
  }
  return out;
}

/** Each word as written, once: tokens of the same word share its string and its normal form (a document's
 *  tokens keep a few thousand strings, not one per token). An open-addressing table hashed over the word's
 *  characters where it stands, so a word seen before costs no slice and no map look-up. Bounded like the other
 *  vocabulary caches (emptied past MAX_WORDS). */
interface Spelled {
  text: string;
  norm: string;
  hash: number;
}
const MAX_WORDS = 200000;
let wordSlots: (Spelled | undefined)[] = new Array(1 << 12);
let wordCount = 0;
registerCache(() => {
  wordSlots = new Array(1 << 12);
  wordCount = 0;
}, true);

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** The entry of the word text[at, at + len); `known` its hash, where the caller read it. */
function spelledAt(text: string, at: number, len: number, known?: number): Spelled {
  let h = known ?? FNV_BASIS;
  if (known === undefined) for (let q = at; q < at + len; q++) h = Math.imul(h ^ text.charCodeAt(q), FNV_PRIME);
  const mask = wordSlots.length - 1;
  let i = h & mask;
  for (let e = wordSlots[i]; e !== undefined; e = wordSlots[i]) {
    if (e.hash === h && e.text.length === len && sameChars(e.text, text, at)) return e;
    i = (i + 1) & mask;
  }
  const w = text.slice(at, at + len);
  const entry: Spelled = { text: w, norm: normWord(w), hash: h };
  if (wordCount >= MAX_WORDS) {
    wordSlots = new Array(1 << 12);
    wordCount = 0;
  }
  if ((wordCount + 1) * 2 > wordSlots.length) {
    const old = wordSlots;
    wordSlots = new Array(old.length * 2);
    for (const e of old) if (e !== undefined) place(e);
  }
  place(entry);
  wordCount++;
  return entry;
}

function place(e: Spelled): void {
  const mask = wordSlots.length - 1;
  let i = e.hash & mask;
  while (wordSlots[i] !== undefined) i = (i + 1) & mask;
  wordSlots[i] = e;
}

/** Whether `w` stands in `text` at `at` (same length checked by the caller). */
function sameChars(w: string, text: string, at: number): boolean {
  for (let q = 0; q < w.length; q++) if (w.charCodeAt(q) !== text.charCodeAt(at + q)) return false;
  return true;
}

/** A string function cached in a bounded map (cleared with the other caches). */
export function memoize(fn: (w: string) => string, limit: number, minLength = 0): (w: string) => string {
  const cache = new Map<string, string>();
  registerCache(() => cache.clear(), true);
  return (w) => {
    if (w.length <= minLength) return fn(w);
    let v = cache.get(w);
    if (v === undefined) {
      v = fn(w);
      if (cache.size > limit) cache.clear();
      cache.set(w, v);
    }
    return v;
  };
}

/** Singular of an English noun (lower case in, lower case out). Conservative: unknown forms stay. */
export const singular = memoize(singularWord, 100000, 3);

const UK_WORDS: Record<string, string> = {
  centre: 'center',
  centres: 'centers',
  fibre: 'fiber',
  fibres: 'fibers',
  metre: 'meter',
  metres: 'meters',
  litre: 'liter',
  litres: 'liters',
  aluminium: 'aluminum',
  grey: 'gray',
  sulphur: 'sulfur',
  sulphate: 'sulfate',
  tyre: 'tire',
  tyres: 'tires',
  programme: 'program',
  programmes: 'programs',
  analogue: 'analog',
  catalogue: 'catalog',
  dialogue: 'dialog',
  manoeuvre: 'maneuver',
  mould: 'mold',
  moulded: 'molded',
  moulding: 'molding',
  plough: 'plow',
  kerb: 'curb',
  cheque: 'check',
  storey: 'story',
  draught: 'draft',
  aeroplane: 'airplane',
  defence: 'defense',
  licence: 'license',
  offence: 'offense',
  sceptical: 'skeptical',
  oestrogen: 'estrogen',
  haemoglobin: 'hemoglobin',
  anaesthetic: 'anesthetic',
  oesophagus: 'esophagus',
  foetus: 'fetus',
  paediatric: 'pediatric',
  orthopaedic: 'orthopedic',
  jewellery: 'jewelry',
  pyjamas: 'pajamas',
  sabre: 'saber',
  calibre: 'caliber',
  lustre: 'luster',
  spectre: 'specter',
  meagre: 'meager',
  sombre: 'somber',
  theatre: 'theater',
  ochre: 'ocher',
};
const OUR_STEMS = /^(?:colo|behavio|favo|hono|labo|neighbo|odo|vapo|armo|flavo|humo|rigo|rumo|savo|tumo|vigo|harbo|endeavo|glamo|parlo|valo|cando|cleamo|demeano|fervo|ardo)ur/;
const ISE_STEMS =
  /^((?:organ|real|optim|minim|maxim|initial|synchron|normal|stabil|util|recogn|character|custom|author|visual|serial|standard|categor|priorit|summar|emphas|final|local|special|general|personal|polymer|crystall|ion|neutral|oxid|steril|vapor|equal|energ|magnet|digit|token|parameter|virtual|harmon|memor|capital|central|modern|fertil|immun|hospital|legal|mobil|motor|pressur|random|rational|sensit|symbol|vandal|vaporis|anodis|galvan|hydrogen|catheter|pasteur|homogen|quantis|quant|linear|lexical|trivial|factor|vector|scrutin|apolog|critic|emphasiz|sanit|stigmat|subsid|synthes|theor|weatherpro))is(?=e|ed|es|ing|ation|ations|er|ers|able)/;
const YSE = /^(anal|paral|catal|electrol|hydrol|dial)ys(?=e|ed|es|ing|er|ers)/;
const LL =
  /^(model|label|signal|travel|cancel|level|channel|tunnel|fuel|funnel|pedal|marshal|dial|total|counsel|equal|jewel|label|panel|shovel|spiral|tunnel|barrel|bevel|chisel|gravel|model|pixel|quarrel|ravel|rival|snorkel|swivel|tassel|towel|trammel|travel|unravel)l(?=ed|ing|er|ers)/;

/** US spelling of a lower-case word. */
export function usSpelling(w: string): string {
  const direct = UK_WORDS[w];
  if (direct) return direct;
  if (w === 'ageing') return 'aging';
  let s = w;
  // Each pattern needs its letters ('our', 'is', 'ys', 'll'): most words skip the patterns.
  if (s.includes('our') && OUR_STEMS.test(s)) s = s.replace(/our/, 'or');
  if (s.includes('is')) s = s.replace(ISE_STEMS, '$1iz');
  if (s.includes('ys')) s = s.replace(YSE, '$1yz');
  if (s.includes('ll')) s = s.replace(LL, '$1');
  return s;
}

/** Lower case, US spelling, singular, hyphen removed. Cached (vocabularies are small). */
export const normWord = memoize((w) => {
  const lower = w.toLowerCase();
  const n = singular(usSpelling(lower.includes('’') ? lower.replace(/’/g, "'") : lower));
  return n.includes('-') ? n.replace(/-/g, '') : n;
}, 200000);

/** A light stemmer for near-synonym matching: "fastening", "fastener", "fastened" → "fasten". */
export const stem = memoize(stemUncached, 200000, 5);

/** Suffix, replacement, in order: the first that leaves at least four letters applies. */
const STEM_RULES: [string, string][] = [
  ['ational', 'ate'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ition', 'it'],
  ['ement', 'e'],
  ['ment', ''],
  ['ing', ''],
  ['ers', ''],
  ['er', ''],
  ['ors', ''],
  ['or', ''],
  ['ion', ''],
  ['ed', ''],
  ['able', ''],
  ['ible', ''],
  ['ive', ''],
  ['al', ''],
  ['ly', ''],
];

function dropFinalE(w: string): string {
  return w.endsWith('e') ? w.slice(0, -1) : w;
}

function stemUncached(norm: string): string {
  if (norm.length <= 5) return norm;
  for (const [suffix, rep] of STEM_RULES) {
    if (norm.endsWith(suffix)) {
      const s = norm.slice(0, norm.length - suffix.length) + rep;
      if (s.length >= 4) return dropFinalE(s);
    }
  }
  return dropFinalE(norm);
}

/** Words as a word processor counts them: runs of non-space characters holding a letter or digit
 *  ("and/or", "UWB-based" and "(UWB)" are one word each), with their offsets. */
export function wordSpans(text: string, start = 0, end = text.length): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\S+/g;
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) if (/[\p{L}\p{N}]/u.test(m[0])) out.push({ start: start + m.index, end: start + m.index + m[0].length });
  return out;
}

export function countWords(text: string): number {
  return wordSpans(text).length;
}
