// The disclosure's vocabulary: sentences, an inverted index of word stems (with hyphen/space
// joins, so "sub assembly" finds "subassembly"), reference numerals and the names they carry,
// and the noun phrases used (for terminology drift). Built per disclosure section and cached on
// the section's text and position, so an edit in the claims re-uses it whole.
import { ED_WORDS, findPhrases, IRREGULAR_PARTICIPLES, STOP, type Phrase } from './phrases';
import { memoize, normWord, singular, stem, tokenize, type Token } from './words';
import { memoTable } from './caches';
import { commonPrefix, commonSuffix } from './text';

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
  /** The paragraphs the part is assembled from, in order, each placed at its offset. */
  paragraphs: PlacedParagraph[];
  /** Number of tokens (without building `tokens`). */
  tokenCount: number;
  readonly tokens: Token[];
  readonly sentences: Sentence[];
  /** For each token, its sentence index (local to this part). */
  readonly sentenceOf: Int32Array;
  /** stem → local sentence ids (ascending, unique). */
  readonly index: Map<string, number[]>;
  /** root (see `root`) → local sentence ids, with the parts of hyphenated words ("pyramid-type"). */
  readonly roots: Map<string, number[]>;
  /** For each sentence, its paragraph index (local to this part). */
  readonly paragraphOf: Int32Array;
  readonly numerals: NumeralHit[];
  readonly phrases: Phrase[];
}

/** The index of one paragraph of the disclosure (a run of text between blank lines or headings), every
 *  offset relative to the paragraph's start: memoised by its text (and the few tokens around it that the
 *  numeral and phrase readers look at), so an edit re-indexes the paragraph it is in. */
export interface ParagraphIndex {
  /** The paragraph's masked text, from its first character to the next paragraph's. */
  text: string;
  tokens: Token[];
  /** Sentence starts and ends, relative. */
  sentenceStart: Int32Array;
  sentenceEnd: Int32Array;
  sentenceOf: Int32Array;
  /** Per sentence, its paragraph (blank-line block) inside this one: usually all 0. */
  paragraphOf: Int32Array;
  paragraphCount: number;
  /** Local sentence ids per key (stems; roots): the keys as ids of `table`. */
  index: KeyedIds;
  roots: KeyedIds;
  /** The key table of the memo that indexed it. */
  table: KeyTable;
  /** uri '' and offsets relative to the paragraph's start (a name listed before it may lie before 0). */
  numerals: NumeralHit[];
  /** Token indices relative to this paragraph's first token. */
  phrases: Phrase[];
  /** The first token after the paragraph (relative offsets), for readers that look one word ahead. */
  after?: Token;
  /** `text` and up to 40 characters after it, for readers that look at the gap after the last word. */
  textAfter: string;
}

/** One paragraph's keys and, per key, its sentence ids: the ids of key `keys[i]` (a `KeyTable` id, each key
 *  once, in order of first use) are `ids[at[i]]` up to `ids[at[i + 1]]`, ascending. Typed arrays: a paragraph's
 *  index is three objects, not a map of lists. */
export interface KeyedIds {
  keys: Int32Array;
  at: Int32Array;
  ids: Int32Array;
}

/** The index keys (stems and roots) of one paragraph memo as small integers, and the keys of each normal form, of
 *  two normal forms joined ("data base" / "database") and of a hyphenated word's parts, as ids. */
export class KeyTable {
  readonly ids = new Map<string, number>();
  readonly strings: string[] = [];
  private readonly norms = new Map<string, NormKeys>();
  private readonly pairs: (Map<number, NormKeys> | undefined)[] = [];
  private readonly hyphens = new Map<string, Int32Array>();
  /** Entries held (keys, normal forms, pairs, hyphenated words) and the characters of the strings they are
   *  keyed by: the memo starts a new table when either passes its bound (see `full`). */
  size = 0;
  chars = 0;
  /** Past KEY_LIMIT entries or KEY_CHARS characters: the memo starts a new table. */
  get full(): boolean {
    return this.size > KEY_LIMIT || this.chars > KEY_CHARS;
  }
  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) {
      v = this.strings.length;
      this.strings.push(key);
      this.ids.set(key, v);
      this.size++;
      this.chars += key.length;
    }
    return v;
  }
  ofNorm(norm: string): NormKeys {
    let v = this.norms.get(norm);
    if (v === undefined) {
      v = { stem: this.id(stem(norm)), root: this.id(root(norm)), seq: this.norms.size };
      this.norms.set(norm, v);
      this.size++;
      this.chars += norm.length;
    }
    return v;
  }
  ofPair(a: NormKeys, aNorm: string, b: NormKeys, bNorm: string): NormKeys {
    let inner = this.pairs[a.seq];
    if (inner === undefined) {
      while (this.pairs.length < a.seq) this.pairs.push(undefined);
      this.pairs[a.seq] = inner = new Map();
    }
    let v = inner.get(b.seq);
    if (v === undefined) {
      const joined = aNorm + bNorm;
      v = { stem: this.id(stem(joined)), root: this.id(root(joined)), seq: -1 };
      inner.set(b.seq, v);
      this.size++;
    }
    return v;
  }
  ofHyphenated(written: string): Int32Array {
    let v = this.hyphens.get(written);
    if (v === undefined) {
      v = Int32Array.from(hyphenParts(written), (w) => this.id(root(w)));
      this.hyphens.set(written, v);
      this.size++;
      this.chars += written.length;
    }
    return v;
  }
}
interface NormKeys {
  stem: number;
  root: number;
  /** The normal form's number in its table (for pairs). */
  seq: number;
}
/** Entries of one key table, and characters of its keys; past either the memo starts again with a new table (parts
 *  read before keep theirs). A full table of corpus words is ~9.5 MB (its maps, NormKeys and pair maps; its key strings,
 *  shared with the vocabulary caches, are ~640,000 characters more): six times the 21,557 entries the largest corpus document
 *  (US08088760B2, 436 KB) fills cold, so typing into a matter refills it rarely. Long keys are bounded by characters. */
export const KEY_LIMIT = 1 << 17;
export const KEY_CHARS = 1 << 21;

/** Gathers one paragraph's (key, sentence) pairs, sentences in ascending order, into `KeyedIds`: scratch arrays
 *  indexed by key id, stamped per paragraph, so no map is built per paragraph. */
class KeyedBuilder {
  private seen = new Int32Array(4096);
  private slotOf = new Int32Array(4096);
  private lastSentence = new Int32Array(4096);
  private stamp = 0;
  /** The paragraph's keys (`keyCount` of them) and its (slot, sentence) pairs (`pairCount` numbers): scratch kept
   *  from one paragraph to the next, so a paragraph allocates only the three arrays `finish` returns. */
  private keys = new Int32Array(1024);
  private keyCount = 0;
  private pairs = new Int32Array(2048);
  private pairCount = 0;
  private fill = new Int32Array(1024);
  begin(): void {
    if (++this.stamp >= 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    this.keyCount = 0;
    this.pairCount = 0;
  }
  add(id: number, s: number): void {
    if (id >= this.seen.length) this.grow(id);
    if (this.pairCount + 2 > this.pairs.length) this.pairs = grown(this.pairs, this.pairs.length * 2);
    if (this.seen[id] !== this.stamp) {
      this.seen[id] = this.stamp;
      const slot = this.keyCount++;
      if (slot >= this.keys.length) this.keys = grown(this.keys, this.keys.length * 2);
      this.keys[slot] = id;
      this.slotOf[id] = slot;
      this.lastSentence[id] = s;
      this.pairs[this.pairCount++] = slot;
      this.pairs[this.pairCount++] = s;
    } else if (this.lastSentence[id] !== s) {
      this.lastSentence[id] = s;
      this.pairs[this.pairCount++] = this.slotOf[id];
      this.pairs[this.pairCount++] = s;
    }
  }
  finish(): KeyedIds {
    const k = this.keyCount;
    const at = new Int32Array(k + 1);
    const pairs = this.pairs;
    const n = this.pairCount;
    for (let i = 0; i < n; i += 2) at[pairs[i] + 1]++;
    for (let i = 0; i < k; i++) at[i + 1] += at[i];
    const ids = new Int32Array(n >> 1);
    if (this.fill.length < k) this.fill = new Int32Array(Math.max(k, this.fill.length * 2));
    const fill = this.fill;
    fill.set(at.subarray(0, k));
    for (let i = 0; i < n; i += 2) ids[fill[pairs[i]]++] = pairs[i + 1];
    return { keys: this.keys.slice(0, k), at, ids };
  }
  private grow(id: number): void {
    let n = this.seen.length;
    while (n <= id) n *= 2;
    this.seen = grown(this.seen, n);
    this.slotOf = grown(this.slotOf, n);
    this.lastSentence = grown(this.lastSentence, n);
  }
}

/** `a` copied into a new array of length `n` (at least a's). */
function grown(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
const indexBuilder = new KeyedBuilder();
const rootsBuilder = new KeyedBuilder();

/** The sentence ids of key slot `slot` of `kd`, each plus `base`, onto `into`. */
function pushSlot(into: number[], kd: KeyedIds, slot: number, base: number): void {
  for (let q = kd.at[slot], e = kd.at[slot + 1]; q < e; q++) into.push(kd.ids[q] + base);
}

/** Whether a paragraph's stem index (or its roots) has `key`. */
export function paragraphHasKey(para: ParagraphIndex, which: 'index' | 'roots', key: string): boolean {
  const id = para.table.ids.get(key);
  return id !== undefined && para[which].keys.indexOf(id) >= 0;
}

function newPostings(): { paras: ParagraphIndex[]; index: Postings; roots: Postings } {
  const paras: ParagraphIndex[] = [];
  return { paras, index: new Postings(paras), roots: new Postings(paras) };
}

/** Which paragraphs hold each key (by id), and the key's slot in each: a list per key, linked through typed arrays
 *  (a list of one paragraph costs three numbers, not two arrays). Paragraphs are numbered in `paras`. */
class Postings {
  /** The paragraphs by number (shared by the stem and root postings of a memo). */
  constructor(readonly paras: ParagraphIndex[] = []) {}
  private head = new Int32Array(1024).fill(-1);
  private next = new Int32Array(4096);
  private para = new Int32Array(4096);
  private slot = new Int32Array(4096);
  private count = 0;
  /** Posts paragraph number `p`'s keys (`keys[i]` at slot i). */
  add(keys: Int32Array, p: number): void {
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i];
      if (id >= this.head.length) {
        let n = this.head.length;
        while (n <= id) n *= 2;
        const h = new Int32Array(n).fill(-1);
        h.set(this.head);
        this.head = h;
      }
      const e = this.count++;
      if (e >= this.next.length) {
        this.next = grown(this.next, e * 2);
        this.para = grown(this.para, e * 2);
        this.slot = grown(this.slot, e * 2);
      }
      this.next[e] = this.head[id];
      this.para[e] = p;
      this.slot[e] = i;
      this.head[id] = e;
    }
  }
  /** Each paragraph posted with key `id`, and the key's slot in it (latest posted first). */
  each(id: number, f: (para: ParagraphIndex, slot: number) => void): void {
    if (id >= this.head.length) return;
    for (let e = this.head[id]; e >= 0; e = this.next[e]) f(this.paras[this.para[e]], this.slot[e]);
  }
}

export interface PlacedParagraph {
  para: ParagraphIndex;
  /** Absolute offset of the paragraph's start. */
  offset: number;
  tokenBase: number;
  sentenceBase: number;
  paragraphBase: number;
  /** The text its index read (its context on both sides), absolute: [from, to). */
  from: number;
  to: number;
}

const ABBREV = /^(?:fig|figs|no|nos|e\.g|i\.e|vs|approx|ref|eq|al|inc|co|ltd|corp|u\.s)$/i;

/** Tokens of context read on each side of a paragraph (the numeral and phrase readers look at most a
 *  few words across a paragraph break; these bound what they can see). */
const LEFT_CONTEXT = 12;
const RIGHT_CONTEXT = 10;
/** The shortest paragraph indexed on its own (see `paragraphStarts`). */
const MIN_PARAGRAPH = 200;
/** Paragraph memo entries kept in one generation at most; a matter's paragraphs beyond it are re-indexed. */
const MEMO_LIMIT = 50000;

interface MemoEntry {
  tokens: Token[];
  windows: { left: string; right: string; para: ParagraphIndex }[];
}

/** Paragraph memo of one matter (its AnalysisCache's scope): the entries the last three analyses looked up
 *  (a generation per analysis, see rotate), so an edit undone and redone finds its paragraph again. */
class ParagraphMemo {
  cur = new Map<string, MemoEntry>();
  prev = new Map<string, MemoEntry>();
  old = new Map<string, MemoEntry>();
  /** The last part assembled per document and section start. */
  parts = new Map<string, AssembledPart>();
  /** The last part assembled per document and section order: where the text is unchanged, its paragraphs
   *  are taken as they are, without reading their text again. */
  latest = new Map<string, AssembledPart>();
  /** Which paragraphs hold a key (in their stem index or roots): every paragraph indexed since the last
   *  rebuild, so a part's look-up visits only the paragraphs that have the key. Stale ones are skipped by
   *  the part (not placed in it); when they outnumber the live ones the table is built again. */
  postings = newPostings();
  posted = 0;
  /** Paragraphs the last rebuild found live (posted again then). */
  liveAtRebuild = 0;
  generation = 0;
  table = new KeyTable();
  post(para: ParagraphIndex): void {
    // Stale paragraphs (of texts no generation holds any more) are dropped from the postings once they
    // outnumber the live ones: typing a paragraph posts a new index at each keystroke.
    if (this.posted > 4 * (this.liveAtRebuild + this.cur.size + this.prev.size + this.old.size) + 256) this.rebuild();
    this.posted++;
    const p = this.postings.paras.length;
    this.postings.paras.push(para);
    this.postings.index.add(para.index.keys, p);
    this.postings.roots.add(para.roots.keys, p);
  }
  /** A new key table (the old one full): every paragraph read with the old one is dropped, parts read before keep
   *  theirs (and read their paragraphs without the postings). */
  restart(): void {
    this.table = new KeyTable();
    this.cur = new Map();
    this.prev = new Map();
    this.old = new Map();
    this.parts.clear();
    this.latest.clear();
    this.generation++;
    this.posted = 0;
    this.postings = newPostings();
  }
  private rebuild(): void {
    this.generation++;
    this.posted = 0;
    this.postings = newPostings();
    const live = new Set<ParagraphIndex>();
    for (const m of [this.old, this.prev, this.cur]) for (const e of m.values()) for (const w of e.windows) live.add(w.para);
    // Paragraphs the last assemblies placed stay live: the next may take them over unread.
    for (const m of [this.parts, this.latest]) for (const part of m.values()) for (const p of part.paragraphs) live.add(p.para);
    this.liveAtRebuild = live.size;
    for (const p of live) this.post(p);
  }
  /** A new analysis of the matter begins: a new generation. Entries no analysis of the last three looked
   *  up are dropped, so typing a paragraph (a new text at each keystroke) leaves no trail of its earlier texts. */
  rotate(): void {
    if (this.cur.size === 0) return;
    this.old = this.prev;
    this.prev = this.cur;
    this.cur = new Map();
  }
  entry(text: string): MemoEntry {
    let e = this.cur.get(text);
    if (e) return e;
    e = this.prev.get(text) ?? this.old.get(text);
    if (!e) e = { tokens: relativeTokens(text), windows: [] };
    if (this.cur.size >= MEMO_LIMIT) this.rotate();
    this.cur.set(text, e);
    return e;
  }
}
const paragraphMemo = memoTable(() => new ParagraphMemo());

/** Called as an analysis of the matter begins (see ParagraphMemo.rotate). */
export function beginParagraphAnalysis(): void {
  paragraphMemo().rotate();
}

function relativeTokens(text: string): Token[] {
  return tokenize(text, 0, text.length);
}

/** Offsets where a paragraph starts inside [start, end): after a blank line, or at a heading line. The
 *  index reads a sentence and a paragraph break at both, so no token, sentence or phrase spans one.
 *  Short blocks (a heading, a one-line paragraph) join the next: at least MIN_PARAGRAPH characters each,
 *  so a text of many tiny paragraphs does not cost an index each. */
function paragraphStarts(masked: string, start: number, end: number): number[] {
  const out = [start];
  let i = masked.indexOf('\n', start);
  while (i !== -1 && i < end) {
    let k = i + 1;
    while (k < end) {
      const c = masked.charCodeAt(k);
      if (c === 32 || c === 9 || c === 13) k++;
      else break;
    }
    if (k < end) {
      const c = masked.charCodeAt(k);
      if (c === 10) {
        // A blank line: the paragraph starts after the run of blank lines.
        let m = k;
        for (;;) {
          let q = m + 1;
          while (q < end && (masked.charCodeAt(q) === 32 || masked.charCodeAt(q) === 9 || masked.charCodeAt(q) === 13)) q++;
          if (q < end && masked.charCodeAt(q) === 10) m = q;
          else break;
        }
        if (m + 1 < end && m + 1 - out[out.length - 1] >= MIN_PARAGRAPH) out.push(m + 1);
        i = masked.indexOf('\n', m + 1);
        continue;
      }
      if (c === 35 && k - out[out.length - 1] >= MIN_PARAGRAPH) out.push(k);
    }
    i = masked.indexOf('\n', i + 1);
  }
  return out;
}

/** The disclosure part [start, end) of a document, indexed per paragraph. `order` is the part's place among the
 *  document's parts: the last assembly of that part is compared with this text, and its paragraphs whose text
 *  and context are unchanged are taken as they are (the rest are read, each memoised by its text and context). */
export function indexDisclosurePart(uri: string, masked: string, start: number, end: number, order = 0): DisclosurePart {
  const memo = paragraphMemo();
  if (memo.table.full) memo.restart();
  const starts = paragraphStarts(masked, start, end);
  const n = starts.length;
  const endOf = (i: number) => (i + 1 < n ? starts[i + 1] : end);
  const latestKey = `${uri}\u0000${order}`;
  const prior = memo.latest.get(latestKey);
  // The text before `prefix` is as the last assembly read it, and so is the text from `oldTail` on (at `oldTail + delta` now).
  let prefix = 0;
  let oldTail = Infinity;
  let delta = 0;
  if (prior) {
    prefix = commonPrefix(prior.masked, masked);
    oldTail = prior.masked.length - commonSuffix(prior.masked, masked, prefix);
    delta = masked.length - prior.masked.length;
  }
  // A paragraph of the last assembly at the same place with the same text and its context unchanged is a candidate.
  const candidate: (PlacedParagraph | undefined)[] = new Array(n);
  const shiftOf = new Int32Array(n);
  const texts: (string | undefined)[] = new Array(n);
  const entries: (MemoEntry | undefined)[] = new Array(n);
  const tokensOf: Token[][] = new Array(n);
  const old = prior?.paragraphs ?? [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const pStart = starts[i];
    const pEnd = endOf(i);
    if (prior) {
      const inFront = pEnd <= prefix;
      const behind = !inFront && pStart - delta >= oldTail;
      if (inFront || behind) {
        const at = inFront ? pStart : pStart - delta;
        while (j < old.length && old[j].offset < at) j++;
        const c = old[j];
        if (c && c.offset === at && c.para.text.length === pEnd - pStart && (inFront ? c.to <= prefix : c.from >= oldTail)) {
          candidate[i] = c;
          shiftOf[i] = inFront ? 0 : delta;
        }
      }
    }
    if (candidate[i]) tokensOf[i] = candidate[i]!.para.tokens;
    else {
      texts[i] = masked.slice(pStart, pEnd);
      entries[i] = memo.entry(texts[i]!);
      tokensOf[i] = entries[i]!.tokens;
    }
  }
  const placed: PlacedParagraph[] = [];
  let tokenBase = 0;
  let sentenceBase = 0;
  let paragraphBase = 0;
  for (let i = 0; i < n; i++) {
    if (tokensOf[i].length === 0 && placed.length > 0) continue;
    const pStart = starts[i];
    const pEnd = endOf(i);
    // The text the paragraph's readers see: back over LEFT_CONTEXT tokens before it and on over RIGHT_CONTEXT after
    // it (inside the part), and the characters next to them.
    let need = LEFT_CONTEXT;
    let firstBefore = -1;
    for (let k = i - 1; k >= 0 && need > 0; k--) {
      const ts = tokensOf[k];
      if (ts.length === 0) continue;
      const q = Math.max(0, ts.length - need);
      firstBefore = ts[q].start + starts[k];
      need -= ts.length - q;
    }
    need = RIGHT_CONTEXT;
    let lastAfter = -1;
    for (let k = i + 1; k < n && need > 0; k++) {
      const ts = tokensOf[k];
      if (ts.length === 0) continue;
      const q = Math.min(ts.length, need);
      lastAfter = ts[q - 1].end + starts[k];
      need -= q;
    }
    const from = Math.max(0, (firstBefore >= 0 ? firstBefore : pStart) - 1);
    const to = Math.min(masked.length, Math.max(lastAfter >= 0 ? lastAfter + 3 : end + 3, pEnd + 41));
    const c = candidate[i];
    let para: ParagraphIndex | undefined;
    if (c && c.from + shiftOf[i] === from && c.to + shiftOf[i] === to) para = c.para;
    else {
      // The context in the paragraph's coordinates.
      const before: Token[] = [];
      for (let k = i - 1; k >= 0 && before.length < LEFT_CONTEXT; k--) {
        const ts = tokensOf[k];
        const shift = starts[k] - pStart;
        for (let q = ts.length - 1; q >= 0 && before.length < LEFT_CONTEXT; q--) before.push({ text: ts[q].text, norm: ts[q].norm, start: ts[q].start + shift, end: ts[q].end + shift });
      }
      before.reverse();
      const after: Token[] = [];
      for (let k = i + 1; k < n && after.length < RIGHT_CONTEXT; k++) {
        const ts = tokensOf[k];
        const shift = starts[k] - pStart;
        for (let q = 0; q < ts.length && after.length < RIGHT_CONTEXT; q++) after.push({ text: ts[q].text, norm: ts[q].norm, start: ts[q].start + shift, end: ts[q].end + shift });
      }
      const text = (texts[i] ??= masked.slice(pStart, pEnd));
      const e = (entries[i] ??= memo.entry(text));
      const left = masked.slice(from, pStart);
      const right = masked.slice(pEnd, to);
      for (const w of e.windows) if (w.left === left && w.right === right) para = w.para;
      if (!para) {
        para = indexParagraph(masked.slice(from, to), pStart - from, before, e.tokens, after, text, memo.table);
        memo.post(para);
        if (e.windows.length >= 4) e.windows.shift();
        e.windows.push({ left, right, para });
      }
    }
    placed.push({ para, offset: pStart, tokenBase, sentenceBase, paragraphBase, from, to });
    tokenBase += para.tokens.length;
    sentenceBase += para.sentenceStart.length;
    paragraphBase += para.paragraphCount;
  }
  // Every paragraph the same object at the same place as in this section's last assembly: the same part
  // (an edit in the claims, or elsewhere after it, keeps the disclosure's caches downstream).
  const key = `${uri}\u0000${start}`;
  const last = memo.parts.get(key);
  let part: AssembledPart;
  if (last && last.end === end && samePlacement(last.paragraphs, placed)) part = last;
  else {
    part = new AssembledPart(uri, start, end, placed, tokenBase, sentenceBase, memo, memo.generation, memo.table, masked);
    if (memo.parts.size >= 256 && !memo.parts.has(key)) memo.parts.clear();
    memo.parts.set(key, part);
  }
  // The part keeps the text it was read from (the next assembly compares with it); a kept part takes this text.
  part.masked = masked;
  if (memo.latest.size >= 256 && !memo.latest.has(latestKey)) memo.latest.clear();
  memo.latest.set(latestKey, part);
  return part;
}

function samePlacement(a: PlacedParagraph[], b: PlacedParagraph[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].para !== b[i].para || a[i].offset !== b[i].offset) return false;
  return true;
}

let gapScratch = new Uint8Array(1024);
let boundaryScratch = new Uint8Array(1024);

/** Indexes one paragraph: `own` its tokens, `before` and `after` the context (all in the paragraph's
 *  coordinates), `wtext` the text around it, the paragraph's offset x at x + o. */
function indexParagraph(wtext: string, o: number, before: Token[], own: Token[], after: Token[], text: string, table: KeyTable): ParagraphIndex {
  const tokens: Token[] = before.length || after.length ? before.concat(own, after) : own;
  const first = before.length;
  const last = first + own.length;
  // One pass over the gaps between tokens: 0 = spaces (at most one line break), 1 = other. Scratch shared by
  // every paragraph (read only while this one is indexed).
  if (gapScratch.length < tokens.length) gapScratch = new Uint8Array(Math.max(tokens.length, gapScratch.length * 2));
  const gaps = gapScratch;
  if (boundaryScratch.length < tokens.length) boundaryScratch = new Uint8Array(gapScratch.length);
  const boundary = boundaryScratch;
  boundary.fill(0, 0, tokens.length);
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k].end;
    const b = tokens[k + 1].start;
    let newlines = 0;
    let plain = true;
    let stop = false;
    let heading = false;
    for (let q = a + o; q < b + o; q++) {
      const ch = wtext.charCodeAt(q);
      if (ch === 10) newlines++;
      else if (ch === 32 || ch === 9 || ch === 13) continue;
      else {
        plain = false;
        if (ch === 46 || ch === 33 || ch === 63) stop = true;
        else if (ch === 35 && newlines > 0) heading = true;
      }
    }
    gaps[k] = plain && newlines <= 1 ? 0 : 1;
    const next = tokens[k + 1].text.charCodeAt(0);
    const upperOrDigit = (next >= 65 && next <= 90) || (next >= 48 && next <= 57);
    if (newlines >= 2 || heading) boundary[k + 1] = 2;
    else if (stop && upperOrDigit && b - a >= 2 && !ABBREV.test(tokens[k].text)) boundary[k + 1] = 1;
  }
  const gapOk = (k: number) => k + 1 < tokens.length && gaps[k] === 0;
  // Sentences of this paragraph (relative to its start); the first starts at its first token.
  const sStarts: number[] = [];
  const sEnds: number[] = [];
  const paragraphs: number[] = [];
  const sentenceOf = new Int32Array(own.length);
  let current = -1;
  let para = 0;
  for (let k = first; k < last; k++) {
    if (k === first || boundary[k]) {
      if (current >= 0) {
        sEnds.push(own[k - first - 1].end + 1);
        if (boundary[k] === 2) para++;
      }
      sStarts.push(own[k - first].start);
      paragraphs.push(para);
      current++;
    }
    sentenceOf[k - first] = current;
  }
  if (own.length) sEnds.push(own[own.length - 1].end + 1);
  const index = indexBuilder;
  const roots = rootsBuilder;
  index.begin();
  roots.begin();
  // The next token's keys, where a pair read them, are the keys of the next step.
  let nextKeys: NormKeys | undefined;
  for (let k = 0; k < own.length; k++) {
    const s = sentenceOf[k];
    const t = own[k];
    const keys = nextKeys ?? table.ofNorm(t.norm);
    nextKeys = undefined;
    index.add(keys.stem, s);
    roots.add(keys.root, s);
    if (t.text.includes('-')) for (const x of table.ofHyphenated(t.text)) roots.add(x, s);
    // "data base" / "sub assembly" / "web site": a short first word joined to the next.
    if (k + 1 < own.length && t.norm.length <= 5 && sentenceOf[k + 1] === s && gapOk(first + k)) {
      const next = own[k + 1].norm;
      nextKeys = table.ofNorm(next);
      const joined = table.ofPair(keys, t.norm, nextKeys, next);
      index.add(joined.stem, s);
      roots.add(joined.root, s);
    }
  }
  // Numerals and phrases read over the window, kept where they stand in this paragraph.
  const numerals: NumeralHit[] = [];
  for (const h of findNumerals('', wtext, o, tokens, gapOk, first - 4, last + 4)) {
    if (first === last || h.start < own[0].start || h.start > own[own.length - 1].start) continue;
    numerals.push(h);
  }
  const phrases: Phrase[] = [];
  for (const p of findPhrases(tokens, gapOk, first, last)) {
    if (p.detFirst < first || p.detFirst >= last) continue;
    phrases.push({
      determiner: p.determiner,
      kind: p.kind,
      first: p.first - first,
      last: p.last - first,
      detFirst: p.detFirst - first,
      numeral: p.numeral !== undefined ? p.numeral - first : undefined,
      ofFollows: p.ofFollows,
    });
  }
  const afterTok = tokens[last];
  const right40 = wtext.slice(o + text.length, o + text.length + 40);
  return {
    text,
    tokens: own,
    sentenceStart: new Int32Array(sStarts),
    sentenceEnd: new Int32Array(sEnds),
    sentenceOf,
    paragraphOf: new Int32Array(paragraphs),
    paragraphCount: own.length ? para + 1 : 0,
    index: index.finish(),
    roots: roots.finish(),
    table,
    numerals,
    phrases,
    textAfter: text + right40,
    after: afterTok,
  };
}

/** A disclosure part assembled from its placed paragraphs; the whole-part arrays (tokens, sentences,
 *  numerals, phrases, the index) are built from them on first use, with absolute offsets. */
class AssembledPart implements DisclosurePart {
  private cache: {
    tokens?: Token[];
    sentences?: Sentence[];
    sentenceOf?: Int32Array;
    paragraphOf?: Int32Array;
    index?: Map<string, number[]>;
    roots?: Map<string, number[]>;
    numerals?: NumeralHit[];
    phrases?: Phrase[];
  } = {};
  /** Global sentence ids per key, as queries ask for them. */
  readonly lookups = { index: new Map<string, number[]>(), roots: new Map<string, number[]>() };
  constructor(
    readonly uri: string,
    readonly start: number,
    readonly end: number,
    readonly paragraphs: PlacedParagraph[],
    readonly tokenCount: number,
    readonly sentenceCount: number,
    readonly memo: ParagraphMemo,
    readonly generation: number,
    /** The key table its paragraphs were indexed with. */
    readonly table: KeyTable,
    /** The document's masked text the part was (last) read from. */
    public masked: string,
  ) {}
  private placement?: Map<ParagraphIndex, PlacedParagraph[]>;
  /** Where each paragraph stands in this part (a paragraph repeated with the same context stands twice). */
  placesOf(para: ParagraphIndex): PlacedParagraph[] | undefined {
    if (!this.placement) {
      this.placement = new Map();
      for (const p of this.paragraphs) {
        const list = this.placement.get(p.para);
        if (list) list.push(p);
        else this.placement.set(p.para, [p]);
      }
    }
    return this.placement.get(para);
  }
  get tokens(): Token[] {
    if (this.cache.tokens) return this.cache.tokens;
    const out: Token[] = new Array(this.tokenCount);
    let k = 0;
    for (const p of this.paragraphs) for (const t of p.para.tokens) out[k++] = { text: t.text, norm: t.norm, start: t.start + p.offset, end: t.end + p.offset };
    return (this.cache.tokens = out);
  }
  get sentences(): Sentence[] {
    if (this.cache.sentences) return this.cache.sentences;
    const out: Sentence[] = [];
    for (const p of this.paragraphs)
      for (let s = 0; s < p.para.sentenceStart.length; s++) out.push({ uri: this.uri, start: p.para.sentenceStart[s] + p.offset, end: p.para.sentenceEnd[s] + p.offset });
    // The first sentence starts with the part; the last ends with it at the latest.
    if (out.length) {
      out[0].start = this.start;
      out[out.length - 1].end = Math.min(this.end, out[out.length - 1].end);
    }
    return (this.cache.sentences = out);
  }
  get sentenceOf(): Int32Array {
    if (this.cache.sentenceOf) return this.cache.sentenceOf;
    const out = new Int32Array(this.tokenCount);
    for (const p of this.paragraphs) for (let k = 0; k < p.para.sentenceOf.length; k++) out[p.tokenBase + k] = p.para.sentenceOf[k] + p.sentenceBase;
    return (this.cache.sentenceOf = out);
  }
  get paragraphOf(): Int32Array {
    if (this.cache.paragraphOf) return this.cache.paragraphOf;
    const out = new Int32Array(this.sentenceCount);
    for (const p of this.paragraphs) for (let k = 0; k < p.para.paragraphOf.length; k++) out[p.sentenceBase + k] = p.para.paragraphOf[k] + p.paragraphBase;
    return (this.cache.paragraphOf = out);
  }
  get index(): Map<string, number[]> {
    return (this.cache.index ??= this.merged('index'));
  }
  get roots(): Map<string, number[]> {
    return (this.cache.roots ??= this.merged('roots'));
  }
  private merged(which: 'index' | 'roots'): Map<string, number[]> {
    const out = new Map<string, number[]>();
    const strings = this.table.strings;
    for (const p of this.paragraphs) {
      const kd = p.para[which];
      for (let i = 0; i < kd.keys.length; i++) {
        const k = strings[kd.keys[i]];
        let into = out.get(k);
        if (!into) out.set(k, (into = []));
        pushSlot(into, kd, i, p.sentenceBase);
      }
    }
    return out;
  }
  get numerals(): NumeralHit[] {
    if (this.cache.numerals) return this.cache.numerals;
    const out: NumeralHit[] = [];
    for (const p of this.paragraphs) {
      const o = p.offset;
      for (const h of p.para.numerals) {
        out.push({
          ...h,
          uri: this.uri,
          nameTokens: h.nameTokens.map((t) => ({ text: t.text, norm: t.norm, start: t.start + o, end: t.end + o })),
          start: h.start + o,
          end: h.end + o,
          nameStart: h.nameStart + o,
          nameEnd: h.nameEnd + o,
        });
      }
    }
    return (this.cache.numerals = out);
  }
  get phrases(): Phrase[] {
    if (this.cache.phrases) return this.cache.phrases;
    const out: Phrase[] = [];
    for (const p of this.paragraphs) {
      const b = p.tokenBase;
      for (const x of p.para.phrases) out.push({ ...x, first: x.first + b, last: x.last + b, detFirst: x.detFirst + b, ...(x.numeral !== undefined ? { numeral: x.numeral + b } : {}) });
    }
    return (this.cache.phrases = out);
  }
}

/** The look-ups asked for while `fn` runs, recorded into `into` (which index, key): a result computed from
 *  the disclosure through them holds as long as no paragraph that has one of those keys is replaced. */
export function recordingLookups<T>(into: [which: 'index' | 'roots', key: string][], fn: () => T): T {
  const prev = recording;
  recording = into;
  try {
    return fn();
  } finally {
    recording = prev;
  }
}
let recording: [which: 'index' | 'roots', key: string][] | undefined;

/** The paragraphs two placements of one part share: the first `front` at the same offsets, the last `back`
 *  moved by `delta`; those between were replaced. */
export function comparePlacements(old: readonly { para: ParagraphIndex; offset: number }[], now: readonly { para: ParagraphIndex; offset: number }[]): { front: number; back: number; delta: number } {
  let front = 0;
  while (front < old.length && front < now.length && old[front].para === now[front].para && old[front].offset === now[front].offset) front++;
  let back = 0;
  const delta = old.length && now.length ? now[now.length - 1].offset - old[old.length - 1].offset : 0;
  while (
    back < old.length - front &&
    back < now.length - front &&
    old[old.length - 1 - back].para === now[now.length - 1 - back].para &&
    now[now.length - 1 - back].offset - old[old.length - 1 - back].offset === delta
  )
    back++;
  return { front, back, delta };
}

/** The paragraph indexes one disclosure replaced for the other (taken out and put in), or undefined where
 *  the parts themselves differ (another count or document) or more than `limit` were replaced. A part that only
 *  moved (an edit in a part before it, as in the abstract) replaced nothing: its paragraphs are kept, shifted. */
export function replacedParagraphs(old: readonly DisclosurePart[], now: readonly DisclosurePart[], limit = 256): ParagraphIndex[] | undefined {
  if (old.length !== now.length) return undefined;
  const out: ParagraphIndex[] = [];
  for (let i = 0; i < old.length; i++) {
    const a = old[i];
    const b = now[i];
    if (a === b) continue;
    if (a.uri !== b.uri) return undefined;
    const { front, back } = comparePlacements(a.paragraphs, b.paragraphs);
    for (let k = front; k < a.paragraphs.length - back; k++) out.push(a.paragraphs[k].para);
    for (let k = front; k < b.paragraphs.length - back; k++) out.push(b.paragraphs[k].para);
    if (out.length > limit) return undefined;
  }
  return out;
}

/** Local sentence ids of the part holding `key` (in its stem index or its roots), ascending. */
function sentencesOf(part: DisclosurePart, which: 'index' | 'roots', key: string): number[] | undefined {
  recording?.push([which, key]);
  if (!(part instanceof AssembledPart)) return part[which].get(key);
  const memo = part.lookups[which];
  let v = memo.get(key);
  if (v === undefined) {
    v = [];
    const id = part.table.ids.get(key);
    if (id === undefined) {
      // No paragraph of the part has the key.
    } else if (part.generation === part.memo.generation) {
      // The paragraphs that have the key, where they stand in this part, in order.
      const places: [PlacedParagraph, number][] = [];
      part.memo.postings[which].each(id, (para, slot) => {
        const at = part.placesOf(para);
        if (at) for (const p of at) places.push([p, slot]);
      });
      places.sort((a, b) => a[0].sentenceBase - b[0].sentenceBase);
      for (const [p, slot] of places) pushSlot(v, p.para[which], slot, p.sentenceBase);
    } else {
      for (const p of part.paragraphs) {
        const kd = p.para[which];
        const slot = kd.keys.indexOf(id);
        if (slot >= 0) pushSlot(v, kd, slot, p.sentenceBase);
      }
    }
    memo.set(key, v);
  }
  return v.length ? v : undefined;
}

/** Whether any token of the part has one of these normal forms (without building the part's tokens). */
export function partHasWord(part: DisclosurePart, norms: ReadonlySet<string>): boolean {
  let memo = hasWordMemo.get(norms);
  if (!memo) hasWordMemo.set(norms, (memo = new WeakMap()));
  for (const p of part.paragraphs) {
    let v = memo.get(p.para);
    if (v === undefined) {
      v = p.para.tokens.some((t) => norms.has(t.norm));
      memo.set(p.para, v);
    }
    if (v) return true;
  }
  return false;
}
/** Per set of words asked for, per paragraph: whether it has one (kept as long as the paragraph). */
const hasWordMemo = new WeakMap<ReadonlySet<string>, WeakMap<ParagraphIndex, boolean>>();

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
const UNIT_AFTER =
  /^(?:mm|cm|m|km|nm|µm|μm|um|mil|mils|kg|g|mg|µg|ng|grams?|milligrams?|kilograms?|ml|l|µl|liters?|litres?|milliliters?|%|percent|degrees?|°|s|ms|µs|ns|sec|secs|msec|usec|µsec|seconds?|minutes?|min|mins|hours?|hrs?|h|days?|weeks?|months?|years?|hz|khz|mhz|ghz|v|kv|mv|a|ma|µa|w|kw|mw|bits?|bytes?|kb|mb|gb|tb|psi|bar|pa|kpa|mpa|gpa|times|fold|wt|ppm|ppb|rpm|c|f|k|kda|da|volts?|watts?|amps?|inches|inch|in|feet|ft|microns?|nanometers?|micrometers?|millimeters?|centimeters?|meters?|ohms?|kω|ω|db|dbm|lbs?|lbf|oz|n|nm|j|kj|cal|kcal|mol|mmol|µmol|mm|µm|m2|m3|cm2|cm3|mm2|x|×|to|and|or|through)$/i;
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
const DESIGNATION = new Set(
  'numeral numerals designated denoted indicated labeled labelled referenced marked numbered identified designates denotes indicates sign signs character characters'.split(' '),
);
const DESIGNATION_GAP = new Set([...DESIGNATION, ...'reference by the a an as whole generally herein is are which with at in shown also collectively hereinafter'.split(' ')]);
/** Heads that are not the name of a part ("the instrument according to the invention designated 3"). */
const NOT_A_NAME = new Set(['invention', 'embodiment', 'example', 'figure', 'fig', 'drawing', 'view', 'numeral', 'reference']);

/** A numeral by the characters around it: not a percentage, an angle, a ratio ("20:1"), a product
 *  ("3×50"), a chemical locant ("4-(...)", "3-yl") or a nucleic-acid end ("5′-gtg", "5′ sequence"). */
function numeralShape(masked: string, o: number, tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const before = masked.charAt(t.start - 1 + o);
  if (before === '-' || before === '=' || before === '+' || before === '±' || before === '×' || before === '/' || before === ':' || before === '~') return false;
  const after = masked.slice(t.end + o, t.end + 3 + o);
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
  'suitable conventional optional exemplary typical known appropriate respective corresponding various similar illustrative preferred desired certain particular specific standard because since although though unless once'.split(
    ' ',
  ),
);

/** A second name the numeral may belong to: "a bolt or pin 40", "radio/antenna 210", "the face of the blade 10",
 *  "a layer of phosphor 309". */
function aliasBefore(masked: string, o: number, tokens: Token[], first: number, gapOk: (i: number) => boolean): { tokens: Token[]; of: boolean } | undefined {
  const k = first - 1;
  if (k < 1) return undefined;
  const w = tokens[k].text.toLowerCase();
  if ((w === 'or' || w === 'and/or') && gapOk(k) && gapOk(k - 1) && !STOP.has(tokens[k - 1].text.toLowerCase())) return { tokens: nameBefore(tokens, k - 1, gapOk, 3), of: false };
  if (!gapOk(k) && /^\s*\/\s*$/.test(masked.slice(tokens[k].end + o, tokens[first].start + o)) && !STOP.has(w)) return { tokens: nameBefore(tokens, k, gapOk, 3), of: false };
  // "the database of file information 244": the numeral may name the database.
  if (w === 'of' && gapOk(k) && gapOk(k - 1) && !STOP.has(tokens[k - 1].text.toLowerCase()) && !NUMERAL.test(tokens[k - 1].text)) return { tokens: nameBefore(tokens, k - 1, gapOk, 3), of: true };
  if (
    (w === 'the' || w === 'a' || w === 'an' || w === 'said') &&
    k >= 2 &&
    tokens[k - 1].text.toLowerCase() === 'of' &&
    gapOk(k - 1) &&
    gapOk(k - 2) &&
    !STOP.has(tokens[k - 2].text.toLowerCase()) &&
    !NUMERAL.test(tokens[k - 2].text)
  ) {
    return { tokens: nameBefore(tokens, k - 2, gapOk, 3), of: true };
  }
  return undefined;
}

/** Numerals among the tokens; `masked` holds the text with a token's offset x at x + o. */
function findNumerals(uri: string, masked: string, o: number, tokens: Token[], gapOk: (i: number) => boolean, from = 1, to = tokens.length): NumeralHit[] {
  const out: NumeralHit[] = [];
  let lastName: { tokens: Token[]; base: string; index: number; hit: NumeralHit } | undefined;
  // "housings 12a and 12b", "arms 14, 16": a numeral list continues a plural name, or a name with its lettered siblings
  // (not "the valve 34, and 42", nor "the VCO 100, 16 delay elements").
  const continues = (i: number, m: RegExpExecArray) => {
    if (lastName === undefined || lastName.index < i - 3 || !(isPlural(lastName.tokens[lastName.tokens.length - 1]) || lastName.base === m[1])) return false;
    lastName.hit.listed = true;
    return true;
  };
  for (let i = Math.max(1, from); i < Math.min(to, tokens.length); i++) {
    const t = tokens[i];
    // A numeral starts with a digit (most tokens are words: no regex run for them).
    const c0 = t.text.charCodeAt(0);
    if (c0 < 48 || c0 > 57) continue;
    const m = NUMERAL.exec(t.text);
    if (!m) continue;
    const num = Number(m[1]);
    if (num === 0 || (num >= 1900 && num <= 2100 && !m[2])) continue;
    if (!numeralShape(masked, o, tokens, i)) continue;
    // "(12)" as in EP claims, or a bare numeral.
    const before = masked.slice(tokens[i - 1].end + o, t.start + o);
    const inParens = /^\s*\(\s*$/.test(before);
    if (!gapOk(i - 1) && !inParens) {
      if (continues(i, m) && /^\s*(?:,|,?\s*and|,?\s*or)?\s*$/.test(before.replace(/\band\b|\bor\b/g, ''))) pushHit(out, uri, t, m, lastName!.tokens, undefined, false, false, true);
      continue;
    }
    const next = tokens[i + 1];
    if (next && gapOk(i) && UNIT_AFTER.test(next.text) && !(RANGE_WORD.test(next.text) && !rangeOfQuantities(tokens, i, gapOk))) continue;
    if (next && /^[.,]\d/.test(masked.slice(t.end + o, t.end + 2 + o))) continue;
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
    if (/^[A-Z][a-z]/.test(last.text) && end >= 1 && !/[.!?:]\s*$/.test(masked.slice(tokens[end - 1].end + o, last.start + o))) continue;
    if (!nounish(last)) continue;
    const name = nameBefore(tokens, end, gapOk, 4);
    const first = tokens.indexOf(name[0], Math.max(0, end - 4));
    const alias = aliasBefore(masked, o, tokens, first, gapOk);
    const ofAfter = next !== undefined && gapOk(i) && next.text.toLowerCase() === 'of';
    const det = first > 0 ? tokens[first - 1].text.toLowerCase() : '';
    pushHit(out, uri, t, m, name, alias, ofAfter, det === 'another' || det === 'further' || det === 'other' ? true : det === 'a' || det === 'an' ? 'a' : false);
    lastName = { tokens: name, base: m[1], index: i, hit: out[out.length - 1] };
  }
  return out;
}

function pushHit(
  out: NumeralHit[],
  uri: string,
  t: Token,
  m: RegExpExecArray,
  name: Token[],
  alias?: { tokens: Token[]; of: boolean },
  ofAfter?: boolean,
  another?: boolean | 'a',
  listed?: boolean,
): void {
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
      const list = sentencesOf(part, 'index', s);
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

/** Derivational endings cut for a root, longest first (the longest one a word ends with is cut). */
const ROOT_SUFFIXES = ['ically', 'ively', 'ical', 'ness', 'ity', 'ive', 'ic', 'iv'];

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
  for (const suffix of ROOT_SUFFIXES) {
    if (!w.endsWith(suffix)) continue;
    const cut = w.slice(0, w.length - suffix.length);
    if (cut.length >= 5) w = stem(cut);
    break;
  }
  // Short words, which `stem` leaves alone: "shaped" and "shape", "based" and "base".
  if (w.length <= 6) {
    const ending = w.endsWith('ing') ? 3 : w.endsWith('ed') || w.endsWith('es') ? 2 : 0;
    if (ending && w.length - ending >= 3) w = w.slice(0, w.length - ending);
  }
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** Parts of a hyphenated word that a term may have when the description writes only the rest:
 *  prefixes ("anti-cancer treatment" / "cancer treatment") and suffix words ("box-shaped" / "box",
 *  "temperature-based"). Negating prefixes (non-, un-) and "-free" are not among them. */
const AFFIX = new Set('anti pro pre post multi semi sub co bi tri self based shaped type like style'.split(' '));

/** Where a word is found: local sentence ids per part (ascending). A hyphenated word is found where
 *  its joined form is, or where all its parts are. */
function wordSentences(part: DisclosurePart, written: string): number[] {
  const joined = sentencesOf(part, 'roots', root(normWord(written))) ?? [];
  if (!written.includes('-')) return joined;
  const all = hyphenParts(written);
  const pieces = all.filter((p) => !AFFIX.has(p));
  if (all.length < 2 || pieces.length === 0) return joined;
  let acc: number[] | undefined;
  for (const p of pieces) {
    const list = sentencesOf(part, 'roots', root(p)) ?? [];
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
