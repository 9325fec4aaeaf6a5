// Planted defects: real granted patents copied in memory, one known defect planted per copy at a
// seeded place, and whether the right check fires at the right place. Shared by the recall bench
// (bench/recall.bench.ts), the fix bench (bench/fixes.bench.ts, through bench/fixing.ts) and their
// tests. Nothing here is written to disk; the corpus is only read.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isOrdinal } from '../src/core/terms';
import { isComparative } from '../src/core/checks/terms';
import { singular, tokenize } from '../src/core/words';
import { groupBy } from '../src/core/text';
import { analyzeMatter, createMatter, type Analysis, type CheckCode, type Claim, type Finding, type Matter, type TermMention } from '../src/core';

export const CORPUS_ROOT = path.resolve(__dirname, '../../shared/corpus');
export const CORPORA = ['uspto-dev', 'uspto'];

export interface CorpusDoc {
  corpus: string;
  /** Document number with its kind code where the file has one ("US06837358B1"). */
  name: string;
  uri: string;
  text: string;
  grant: boolean;
}

/** A published application has an 11-digit number or an A kind code; the rest are grants. */
export function isGrant(name: string): boolean {
  return !/^US\d{11}/.test(name) && !/A\d$/.test(name);
}

export function hasCorpusFolder(corpus = 'uspto-dev'): boolean {
  return existsSync(path.join(CORPUS_ROOT, corpus));
}

/** The corpus documents, in name order; `names` limits them, `grantsOnly` drops applications. */
export function loadCorpus(options: { grantsOnly?: boolean; names?: string[]; corpora?: string[] } = {}): CorpusDoc[] {
  const out: CorpusDoc[] = [];
  for (const corpus of options.corpora ?? CORPORA) {
    const dir = path.join(CORPUS_ROOT, corpus);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => /^US.*\.md$/.test(f))
      .sort()) {
      const name = file.slice(0, -3);
      if (options.names && !options.names.includes(name)) continue;
      if (options.grantsOnly && !isGrant(name)) continue;
      const uri = path.join(dir, file);
      out.push({ corpus, name, uri, text: readFileSync(uri, 'utf8').replace(/^\uFEFF/, ''), grant: isGrant(name) });
    }
  }
  return out;
}

export function matterOf(doc: { uri: string; text: string }, text = doc.text): Matter {
  return createMatter(path.dirname(doc.uri), [{ uri: doc.uri, text }]);
}

export function analyzeText(doc: { uri: string; text: string }, text = doc.text): Analysis {
  return analyzeMatter(matterOf(doc, text));
}

// ---------------------------------------------------------------------------------------------
// Determinism: a small seeded generator (xorshift32 over an FNV-1a hash of the seed and a label).

export class Rng {
  private s: number;
  constructor(seed: number, label = '') {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    this.s = h >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

// ---------------------------------------------------------------------------------------------
/** A replacement of text[start, end) by newText. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

// Offsets through edits.

/** Where a range of the old text lies after the edits: a range inside an edit becomes the edit's new text. */
export function mapRange(start: number, end: number, edits: readonly OffsetEdit[]): { start: number; end: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const map = (o: number, isEnd: boolean) => {
    let delta = 0;
    for (const e of sorted) {
      if (o <= e.start) break;
      if (o >= e.end) {
        delta += e.newText.length - (e.end - e.start);
        continue;
      }
      return e.start + delta + (isEnd ? e.newText.length : 0);
    }
    return o + delta;
  };
  const s = map(start, false);
  return { start: s, end: Math.max(s, map(end, true)) };
}

export function overlapsRange(f: { start: number; end: number }, at: { start: number; end: number }): boolean {
  if (f.start === f.end || at.start === at.end) return f.start <= at.end && at.start <= f.end;
  return f.start < at.end && at.start < f.end;
}

export function counted(f: Finding): boolean {
  return f.severity !== 'info';
}

// ---------------------------------------------------------------------------------------------
// Operators.

export type OperatorId = 'lost-antecedent' | 'unknown-term' | 'bad-dependency' | 'duplicate-number' | 'numeral-reused' | 'second-numeral' | 'term-variant' | 'no-claim-word';

export interface Plant {
  op: OperatorId;
  /** A finer kind where the operator has several ("later" / "missing", "hyphen" / "spelling" ...). */
  kind: string;
  doc: string;
  /** The claim planted in, where the plant is in the claims. */
  claim?: number;
  edit: OffsetEdit;
  /** The planted text's range in the planted copy. */
  at: { start: number; end: number };
  expect: CheckCode;
  /** A short description: the words before and after. */
  what: string;
}

export interface OperatorInfo {
  id: OperatorId;
  letter: string;
  label: string;
  expect: CheckCode;
  /** Recall target, percent. */
  target: number;
  candidates: (doc: CorpusDoc, a: Analysis, rng: Rng) => Plant[];
}

function plantOf(op: OperatorId, kind: string, doc: CorpusDoc, expect: CheckCode, edit: OffsetEdit, atLength: number, what: string, claim?: number, atOffset = 0): Plant {
  const start = edit.start + atOffset;
  return { op, kind, doc: doc.name, claim, edit, at: { start, end: start + atLength }, expect, what };
}

/** Every claim mention of a term, by claim, in text order. */
function mentionsByClaim(a: Analysis): Map<number, TermMention[]> {
  const out = new Map<number, TermMention[]>();
  for (const t of a.terms)
    for (const m of t.mentions) {
      const l = out.get(m.claim);
      if (l) l.push(m);
      else out.set(m.claim, [m]);
    }
  for (const l of out.values()) l.sort((x, y) => x.range.start.offset - y.range.start.offset);
  return out;
}

/** A claim's ancestors (transitively, bounded by the claim count). */
function ancestorsOf(a: Analysis, n: number): Set<number> {
  const byNumber = new Map(a.claims.map((c) => [c.number, c] as const));
  const out = new Set<number>();
  const todo = [...(byNumber.get(n)?.parents ?? [])];
  for (let guard = 0; todo.length && guard < 10 * a.claims.length + 10; guard++) {
    const p = todo.pop()!;
    if (out.has(p) || p === n) continue;
    out.add(p);
    todo.push(...(byNumber.get(p)?.parents ?? []));
  }
  return out;
}

/** Whether the words `seq` (normalised as the core does: lower case, singular) occur in [start, end). */
export function occursIn(text: string, start: number, end: number, seq: string[]): boolean {
  const toks = tokenize(text, start, end);
  for (let i = 0; i + seq.length <= toks.length; i++) if (seq.every((w, k) => toks[i + k].norm === w)) return true;
  return false;
}

/** (a) A claim's first "a/an X", on which a later "the X" of the claim or of a dependent claim
 *  relies (no other introduction on the way), made "the X". */
function lostAntecedent(doc: CorpusDoc, a: Analysis): Plant[] {
  const byClaim = mentionsByClaim(a);
  const anc = new Map(a.claims.map((c) => [c.number, ancestorsOf(a, c.number)] as const));
  const byNumber = new Map(a.claims.map((c) => [c.number, c] as const));
  const out: Plant[] = [];
  for (const c of a.claims) {
    if (c.canceled) continue;
    const own = byClaim.get(c.number) ?? [];
    const seen = new Set<string>();
    for (const m of own) {
      if (seen.has(m.key)) continue;
      seen.add(m.key);
      if (m.determiner !== 'a' && m.determiner !== 'an') continue;
      if (!/^[a-z]/.test(m.phrase)) continue; // "an Internet" → "the Internet" is a name, not a slip
      const seq = m.key.split(' ');
      if (isOrdinal(seq[seq.length - 1]) || seq[seq.length - 1].length < 3) continue;
      // The words must not be there before in any form ("transverse tracks" before "a transverse track").
      if (occursIn(doc.text, c.textRange.start.offset, m.range.start.offset, seq)) continue;
      if (
        [...anc.get(c.number)!].some((p) => {
          const pc = byNumber.get(p);
          return !!pc && occursIn(doc.text, pc.textRange.start.offset, pc.textRange.end.offset, seq);
        })
      )
        continue;
      const laterHere = own.some((x) => x.key === m.key && x.kind === 'definite' && x.range.start.offset > m.range.start.offset);
      const laterBelow = a.claims.some((d) => {
        const dAnc = anc.get(d.number)!;
        if (!dAnc.has(c.number)) return false;
        const first = (byClaim.get(d.number) ?? []).find((x) => x.key === m.key);
        if (!first || first.kind !== 'definite') return false;
        // No other claim between c and d introduces X itself.
        return ![...dAnc].some((p) => p !== c.number && !anc.get(c.number)!.has(p) && (byClaim.get(p) ?? []).some((x) => x.key === m.key && x.kind === 'indefinite'));
      });
      if (!laterHere && !laterBelow) continue;
      const s = m.range.start.offset;
      const detEnd = m.phraseRange.start.offset;
      if (!/^an?\s+$/.test(doc.text.slice(s, detEnd))) continue;
      // "a lower face of said flaps" → "the lower face of said flaps" is no defect: the of-phrase names the
      // whole it is inherent in (MPEP 2173.05(e)); an ordinal still names one of several ("the second set of bits").
      if (!isOrdinal(seq[0]) && /^\s*(?:\(?\d+[a-z]?\)?\s*)?of\b/i.test(doc.text.slice(m.phraseRange.end.offset, m.phraseRange.end.offset + 12))) continue;
      const phraseLen = m.phraseRange.end.offset - detEnd;
      out.push(
        plantOf(
          'lost-antecedent',
          laterHere ? 'same claim' : 'dependent',
          doc,
          'antecedent-basis',
          { start: s, end: detEnd, newText: 'the ' },
          4 + phraseLen,
          `"${doc.text.slice(s, m.phraseRange.end.offset)}" → "the ${m.phrase}"`,
          c.number,
        ),
      );
    }
  }
  return out;
}

/** Noun phrases for (b): ordinary parts, none of whose words the claims may use. */
export const NEW_TERMS = [
  'damping collar',
  'retention flange',
  'calibration wafer',
  'auxiliary reservoir',
  'indicator lamp',
  'sealing gasket',
  'bypass conduit',
  'locking pawl',
  'cooling fin',
  'guide rail',
  'spacer ring',
  'drive pulley',
  'tension spring',
  'mounting bracket',
  'viewing window',
  'drain valve',
  'handle grip',
  'pivot pin',
  'counterweight',
  'ratchet wheel',
  'heat sink',
  'dust cover',
  'thumb screw',
  'latch hook',
  'filter cartridge',
  'buffer pad',
  'baffle plate',
  'detent ball',
];
const PREDICATES = ['is removable', 'is made of metal', 'extends in a longitudinal direction', 'is detachable', 'is formed in one piece'];

/** (b) "the <noun phrase the matter never uses>" in a dependent claim, as a new wherein clause at its end. */
function unknownTerm(doc: CorpusDoc, a: Analysis, rng: Rng): Plant[] {
  const claimsText = a.claims
    .map((c) => c.text)
    .join('\n')
    .toLowerCase();
  const docText = doc.text.toLowerCase();
  const fresh = NEW_TERMS.filter((t) => !docText.includes(t) && t.split(' ').every((w) => !new RegExp(`\\b${w}`).test(claimsText)));
  if (fresh.length === 0) return [];
  const out: Plant[] = [];
  for (const c of a.claims) {
    if (c.canceled || c.parents.length === 0) continue;
    const end = c.textRange.start.offset + c.text.trimEnd().length;
    if (doc.text[end - 1] !== '.') continue;
    const term = rng.pick(fresh);
    const text = `, wherein the ${term} ${rng.pick(PREDICATES)}`;
    out.push(
      plantOf('unknown-term', 'wherein clause', doc, 'antecedent-basis', { start: end - 1, end: end - 1, newText: text }, 4 + term.length, `+ "${text.slice(2)}"`, c.number, ', wherein '.length),
    );
  }
  return out;
}

/** A dependent claim's "claim N" in its opening words, with the number's offsets. */
function openingReference(doc: CorpusDoc, c: Claim): { start: number; end: number; numStart: number; number: number } | undefined {
  const dep = c.dependency;
  if (!dep || c.canceled || dep.inBody || dep.anyPreceding || dep.cumulative || dep.targets.length !== 1) return undefined;
  const s = dep.range.start.offset;
  const written = doc.text.slice(s, dep.range.end.offset);
  const m = /^claim\s+(\d+)$/i.exec(written);
  if (!m || Number(m[1]) !== dep.targets[0]) return undefined;
  return { start: s, end: dep.range.end.offset, numStart: s + written.length - m[1].length, number: dep.targets[0] };
}

/** (c) A dependency on a claim that does not exist, or on a later claim. */
function badDependency(doc: CorpusDoc, a: Analysis, rng: Rng): Plant[] {
  const max = Math.max(...a.claims.map((c) => c.number));
  const out: Plant[] = [];
  for (const c of a.claims) {
    const ref = openingReference(doc, c);
    if (!ref) continue;
    const later = c.number < max && rng.next() < 0.5;
    const to = later ? rng.int(c.number + 1, max) : max + rng.int(1, 20);
    const text = String(to);
    out.push(
      plantOf(
        'bad-dependency',
        later ? 'later claim' : 'missing claim',
        doc,
        'claim-dependency',
        { start: ref.numStart, end: ref.end, newText: text },
        text.length,
        `claim ${ref.number} → claim ${to}`,
        c.number,
      ),
    );
  }
  return out;
}

/** (d) A claim numbered as the claim before it. */
function duplicateNumber(doc: CorpusDoc, a: Analysis): Plant[] {
  const out: Plant[] = [];
  for (let i = 1; i < a.claims.length; i++) {
    const c = a.claims[i];
    const prev = a.claims[i - 1];
    const s = c.numberRange.start.offset;
    const m = /^\d+/.exec(doc.text.slice(s, c.numberRange.end.offset));
    if (!m || Number(m[0]) !== c.number || prev.number !== c.number - 1) continue;
    const text = String(prev.number);
    out.push(
      plantOf('duplicate-number', 'previous number', doc, 'claim-numbering', { start: s, end: s + m[0].length, newText: text }, text.length, `claim ${c.number} numbered ${prev.number}`, c.number),
    );
  }
  return out;
}

/** A part's name as written: lower-case words (no acronym, no formula), none of them a verb that
 *  shows the name was read out of a sentence ("o represent 1", "acetate gave 2"). */
const PART_NAME = /^[a-z][a-z -]*[a-z]$/;
const NOT_PART = new Set('is are was were be been has have had gave give gives represent represents denote denotes show shows shown see wo'.split(' '));

const lastWord = (k: string) => k.slice(k.lastIndexOf(' ') + 1);
const wordsOf = (k: string) => k.split(/[ -]/);

interface NumeralSite {
  numeral: string;
  key: string;
  start: number;
  end: number;
  numStart: number;
}

function numeralSites(doc: CorpusDoc, a: Analysis): NumeralSite[] {
  const out: NumeralSite[] = [];
  for (const n of a.numerals) {
    if (n.uri !== doc.uri || !/^\d+$/.test(n.numeral) || !PART_NAME.test(n.name) || !PART_NAME.test(n.key)) continue;
    const words = wordsOf(n.key);
    if (words[0].length < 2 || words.some((w) => NOT_PART.has(w))) continue;
    const s = n.range.start.offset;
    const e = n.range.end.offset;
    if (doc.text.slice(e - n.numeral.length, e) !== n.numeral || /\d/.test(doc.text[e - n.numeral.length - 1] ?? '')) continue;
    out.push({ numeral: n.numeral, key: n.key, start: s, end: e, numStart: e - n.numeral.length });
  }
  return out;
}

/** (e) A numeral that names one part several times given, once, to a different part (one with a
 *  numeral of its own, used at least twice, whose head noun differs and neither name holds the other). */
function numeralReused(doc: CorpusDoc, a: Analysis, rng: Rng): Plant[] {
  const sites = numeralSites(doc, a);
  const byNumeral = groupBy(sites, (s) => s.numeral);
  const byKey = groupBy(sites, (s) => s.key);
  const out: Plant[] = [];
  for (const [numeral, list] of byNumeral) {
    const names = groupBy(list, (s) => s.key);
    if (names.size !== 1) continue;
    const [dom, domSites] = [...names.entries()][0];
    if (domSites.length < 3) continue;
    const others = sites.filter((s) => {
      if (s.numeral === numeral || s.key === dom || lastWord(s.key) === lastWord(dom)) return false;
      const w = wordsOf(s.key);
      const wd = wordsOf(dom);
      if (w.every((x) => wd.includes(x)) || wd.every((x) => w.includes(x))) return false;
      return (byKey.get(s.key) ?? []).filter((x) => x.numeral === s.numeral).length >= 2;
    });
    if (others.length === 0) continue;
    const o = rng.pick(others);
    out.push(
      plantOf(
        'numeral-reused',
        'other part',
        doc,
        'numeral-conflict',
        { start: o.numStart, end: o.end, newText: numeral },
        o.numStart - o.start + numeral.length,
        `"${o.key} ${o.numeral}" → "${o.key} ${numeral}" (${numeral} is "${dom}" ${domSites.length}×)`,
        undefined,
        o.start - o.numStart,
      ),
    );
  }
  return out;
}

/** (f) A part named with two or more words and one numeral, at least three times, given a second
 *  numeral (one the document never uses: a one-keystroke slip or any other) once, not at its first mention. */
function secondNumeral(doc: CorpusDoc, a: Analysis, rng: Rng): Plant[] {
  const sites = numeralSites(doc, a);
  const out: Plant[] = [];
  const used = (n: number) => new RegExp(`(?<![\\d.,])${n}(?![\\d.,]?\\d)`).test(doc.text);
  for (const [key, list] of groupBy(sites, (s) => s.key)) {
    if (wordsOf(key).length < 2 || list.length < 3 || new Set(list.map((s) => s.numeral)).size !== 1) continue;
    const n = Number(list[0].numeral);
    // Half the plants a slip of one keystroke (last digit one off, last two digits swapped), half any
    // numeral of the same size; either way one the document never uses.
    const typo = rng.next() < 0.5;
    const d = String(n);
    const slips = [n + 1, n - 1, Number(d.slice(0, -2) + d.slice(-1) + d.slice(-2, -1))].filter((c) => c > 0 && c !== n && String(c).length === d.length);
    let to = 0;
    if (typo) to = rng.shuffle(slips).find((c) => !used(c)) ?? 0;
    for (let tries = 0; tries < 40 && !to && !typo; tries++) {
      const c = n + rng.int(2, 90);
      if (!used(c)) to = c;
    }
    if (!to) continue;
    const s = list[rng.int(1, list.length - 1)];
    const text = String(to);
    out.push(
      plantOf(
        'second-numeral',
        typo ? 'one-keystroke slip' : 'other unused numeral',
        doc,
        'numeral-conflict',
        { start: s.numStart, end: s.end, newText: text },
        s.numStart - s.start + text.length,
        `"${key} ${s.numeral}" → "${key} ${to}" (${list.length}×)`,
        undefined,
        s.start - s.numStart,
      ),
    );
  }
  return out;
}

/** US and UK spellings of one word (both directions are planted); suffixes that keep both right. */
const SPELLINGS: [string, string, string[]][] = [
  ['color', 'colour', ['', 's', 'ed', 'ing', 'less']],
  ['behavior', 'behaviour', ['', 's', 'al']],
  ['vapor', 'vapour', ['', 's']],
  ['odor', 'odour', ['', 's', 'less']],
  ['favor', 'favour', ['', 's', 'ed', 'able']],
  ['labor', 'labour', ['']],
  ['armor', 'armour', ['', 'ed']],
  ['center', 'centre', ['', 's']],
  ['fiber', 'fibre', ['', 's']],
  ['liter', 'litre', ['', 's']],
  ['caliber', 'calibre', ['']],
  ['aluminum', 'aluminium', ['']],
  ['gray', 'grey', ['']],
  ['sulfur', 'sulphur', ['']],
  ['sulfate', 'sulphate', ['', 's']],
  ['analog', 'analogue', ['']],
  ['catalog', 'catalogue', ['', 's']],
  ['mold', 'mould', ['', 's', 'ed', 'ing']],
  ['plow', 'plough', ['', 's']],
  ['modeling', 'modelling', ['']],
  ['labeled', 'labelled', ['']],
  ['labeling', 'labelling', ['']],
  ['signaling', 'signalling', ['']],
  ['traveling', 'travelling', ['']],
  ['canceled', 'cancelled', ['']],
  ['fueled', 'fuelled', ['']],
  ['channeling', 'channelling', ['']],
  ['esophagus', 'oesophagus', ['']],
  ['hemoglobin', 'haemoglobin', ['']],
  ['defense', 'defence', ['']],
];
const PREFIXES = ['sub', 'pre', 'multi', 'inter', 'micro', 'non', 'over', 'under', 'semi', 'super', 'counter'];

/** The spelling variant of one word, or undefined. "-ize" becomes "-ise" (UK); the table both ways. */
export function respell(word: string): string | undefined {
  const w = word.toLowerCase();
  for (const [us, uk, suffixes] of SPELLINGS) {
    for (const sfx of suffixes) {
      if (w === us + sfx) return uk + sfx;
      if (w === uk + sfx) return us + sfx;
    }
  }
  const m = /^([a-z]{3,})(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$/.exec(w);
  if (m && !/siz$|s$/.test(m[1] + m[2]) && !w.includes('size')) return `${m[1]}${m[2] === 'iz' ? 'is' : 'ys'}${m[3]}`;
  return undefined;
}

/** The variants of a claim term's written form: [kind, from, to]. */
export function variantsOf(label: string, isWord: (w: string) => boolean = () => true): [string, string, string][] {
  const words = label.toLowerCase().split(' ');
  words[words.length - 1] = singular(words[words.length - 1]);
  const out: [string, string, string][] = [];
  if (words.length >= 2) {
    const [w1, w2] = words.slice(-2);
    if (/^[a-z]{3,}$/.test(w1) && /^[a-z]{3,}$/.test(w2) && !STOP.has(w1)) {
      out.push(['hyphen', `${w1} ${w2}`, `${w1}-${w2}`]);
      const ing = /^([a-z]{4,})ing$/.exec(w1);
      // "closing direction" → "closer direction" is a comparative, not another form of the term.
      if (ing && !/[aeiou]$/.test(ing[1]) && !isComparative(`${ing[1]}er`)) out.push(['inflection', `${w1} ${w2}`, `${ing[1]}er ${w2}`]);
    }
  }
  for (const w of words) {
    // "subassembly" → "sub-assembly" where "assembly" is a word of the document ("subject" is no "sub-ject").
    const p = PREFIXES.find((x) => w.startsWith(x) && /^[a-z]{4,}$/.test(w.slice(x.length)) && isWord(w.slice(x.length)));
    if (p) out.push(['compound', w, `${p}-${w.slice(p.length)}`]);
    const r = respell(w);
    if (r) out.push(['spelling', w, r]);
  }
  return out;
}
const STOP = new Set('of the and or for with to from in on at by each said any all one two first second third'.split(' '));

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the words of a two-word term written in the plural ("valve provides", "code words") are a
 *  noun phrase, not a noun and the verb after it that a chunker took in ("said valve provides a"):
 *  the singular or the plural is followed somewhere by punctuation, a verb that agrees or a word
 *  that follows a noun. */
export function pluralIsNoun(lower: string, label: string, from: string): boolean {
  const last = label.toLowerCase().split(' ').pop()!;
  if (singular(last) === last) return true;
  const head = escapeRe(from.slice(0, from.lastIndexOf(' ') + 1));
  const after = (w: string, verbs: string) => new RegExp(`(?<![\\w-])${head}${escapeRe(w)}(?:\\s*[,.;:)]|\\s+(?:${verbs}|of|and|or|that|which|wherein|being)\\b)`).test(lower);
  return after(singular(last), 'is|was|has') || after(last, 'are|were|have');
}

/** What follows a noun used as a noun, not as a modifier of the next word: punctuation, a numeral or
 *  a function word. A hyphen is planted only there: "a gray-scale masking process" hyphenates a
 *  compound modifier, which is grammar, not another name. */
const HEAD_AFTER = /^(?:\s*(?:[,.;:)]|\(?\d|$)|\s+(?:of|and|or|is|are|was|were|being|has|have|to|in|on|at|for|with|from|by|that|which|wherein|whereby|as|into|onto)\b)/i;

/** (g) A hyphenated, respelled or inflected variant of a claim term put once in place of the term
 *  (not its first use), where the term is written the same way at least four times and the variant
 *  never (nor its spaced or closed forms); a hyphen only where the words are used as a noun. */
function termVariant(doc: CorpusDoc, a: Analysis, rng: Rng): Plant[] {
  const out: Plant[] = [];
  const seen = new Set<string>();
  const lower = doc.text.toLowerCase();
  for (const t of a.terms) {
    for (const [kind, from, to] of variantsOf(t.label, (w) => new RegExp(`(?<![\\w-])${w}(?![\\w-])`).test(lower))) {
      if (seen.has(`${kind}|${from}`)) continue;
      seen.add(`${kind}|${from}`);
      if (from.includes(' ') && !pluralIsNoun(lower, t.label, from)) continue;
      const forms = [to, to.replace(/-/g, ' '), to.replace(/-/g, '')].filter((f) => f !== from);
      if (forms.some((f) => new RegExp(`(?<![\\w-])${escapeRe(f)}`).test(lower))) continue;
      const re = new RegExp(`(?<![\\w-])${escapeRe(from)}(?:s|es)?(?![\\w-])`, 'gi');
      const hits: number[] = [];
      const sites: number[] = [];
      for (let m = re.exec(doc.text); m && hits.length < 5000; m = re.exec(doc.text)) {
        hits.push(m.index);
        if (hits.length > 1 && (kind !== 'hyphen' || HEAD_AFTER.test(doc.text.slice(m.index + m[0].length, m.index + m[0].length + 20)))) sites.push(m.index);
      }
      if (hits.length < 4 || sites.length === 0) continue;
      const at = sites[rng.int(0, sites.length - 1)];
      const written = doc.text.slice(at, at + from.length);
      // The words keep their case as written ("UWB transmitter" → "UWB-transmitter").
      const text = kind === 'hyphen' ? written.replace(' ', '-') : /^[A-Z]/.test(written) ? to[0].toUpperCase() + to.slice(1) : to;
      const claim = a.claims.find((c) => c.range.start.offset <= at && at < c.range.end.offset)?.number;
      out.push(plantOf('term-variant', kind, doc, 'term-variant', { start: at, end: at + from.length, newText: text }, text.length, `"${written}" → "${text}" (${hits.length}×)`, claim));
    }
  }
  return out;
}

/** (h) A dependent claim that leaves out the word "claim": "The valve of 3, wherein ...". */
function noClaimWord(doc: CorpusDoc, a: Analysis): Plant[] {
  const out: Plant[] = [];
  for (const c of a.claims) {
    const ref = openingReference(doc, c);
    if (!ref) continue;
    const num = doc.text.slice(ref.numStart, ref.end);
    out.push(plantOf('no-claim-word', 'bare number', doc, 'claim-dependency', { start: ref.start, end: ref.numStart, newText: '' }, num.length, `"claim ${num}" → "${num}"`, c.number));
  }
  return out;
}

export const OPERATORS: OperatorInfo[] = [
  { id: 'lost-antecedent', letter: 'a', label: 'introduction made "the X"', expect: 'antecedent-basis', target: 95, candidates: lostAntecedent },
  { id: 'unknown-term', letter: 'b', label: 'term never introduced', expect: 'antecedent-basis', target: 95, candidates: unknownTerm },
  { id: 'bad-dependency', letter: 'c', label: 'dependency on a missing or later claim', expect: 'claim-dependency', target: 95, candidates: badDependency },
  { id: 'duplicate-number', letter: 'd', label: 'duplicated claim number', expect: 'claim-numbering', target: 95, candidates: duplicateNumber },
  { id: 'numeral-reused', letter: 'e', label: 'numeral given to a second part', expect: 'numeral-conflict', target: 85, candidates: numeralReused },
  { id: 'second-numeral', letter: 'f', label: 'part given a second numeral', expect: 'numeral-conflict', target: 85, candidates: secondNumeral },
  { id: 'term-variant', letter: 'g', label: 'variant of a claim term', expect: 'term-variant', target: 85, candidates: termVariant },
  { id: 'no-claim-word', letter: 'h', label: 'dependency without the word "claim"', expect: 'claim-dependency', target: 95, candidates: noClaimWord },
];

/** Up to `perDoc` plants of one operator in one document, at seeded places (at most one per claim
 *  or per part, so the plants spread over the document). */
export function choosePlants(doc: CorpusDoc, a: Analysis, op: OperatorInfo, seed: number, perDoc: number): Plant[] {
  const rng = new Rng(seed, `${doc.name}|${op.id}`);
  // Shuffled, then taken kind by kind in turn, so a rare kind ("spelling") is planted too.
  const shuffled = rng.shuffle(op.candidates(doc, a, rng));
  const kinds = [...new Set(shuffled.map((p) => p.kind))].map((k) => shuffled.filter((p) => p.kind === k));
  const all: Plant[] = [];
  for (let i = 0; all.length < shuffled.length; i++) for (const k of kinds) if (i < k.length) all.push(k[i]);
  const out: Plant[] = [];
  const places = new Set<string>();
  for (const p of all) {
    if (out.length >= perDoc) break;
    const place = p.claim !== undefined ? `c${p.claim}` : `o${p.edit.start}`;
    if (places.has(place)) continue;
    places.add(place);
    out.push(p);
  }
  return out;
}

export function plantedText(text: string, p: Plant): string {
  return text.slice(0, p.edit.start) + p.edit.newText + text.slice(p.edit.end);
}

export interface PlantResult {
  plant: Plant;
  /** A new warning or error of the expected code at the planted text. */
  caught: boolean;
  /** Only an info finding of the expected code was there (not counted as caught). */
  infoOnly: boolean;
}

/** Plants one defect in a copy of the document and looks for a new finding of the expected code on it. */
export function evaluatePlant(doc: CorpusDoc, before: Analysis, p: Plant): PlantResult {
  const after = analyzeText(doc, plantedText(doc.text, p));
  const old = new Set(
    before.findings
      .filter((f) => f.code === p.expect)
      .map((f) => {
        const r = mapRange(f.range.start.offset, f.range.end.offset, [p.edit]);
        return `${r.start}:${r.end}:${f.severity}`;
      }),
  );
  const hits = after.findings.filter(
    (f) => f.code === p.expect && overlapsRange({ start: f.range.start.offset, end: f.range.end.offset }, p.at) && !old.has(`${f.range.start.offset}:${f.range.end.offset}:${f.severity}`),
  );
  const caught = hits.some(counted);
  return { plant: p, caught, infoOnly: !caught && hits.length > 0 };
}

export interface RecallStats {
  op: OperatorInfo;
  planted: number;
  caught: number;
  infoOnly: number;
  misses: PlantResult[];
  byKind: Map<string, { planted: number; caught: number }>;
}

/** Plants every operator (or the ones given) in every document and counts the catches. */
export function runRecall(docs: CorpusDoc[], options: { seed: number; perDoc: number; ops?: OperatorId[] }): RecallStats[] {
  const ops = OPERATORS.filter((o) => !options.ops || options.ops.includes(o.id));
  const stats = ops.map((op) => ({ op, planted: 0, caught: 0, infoOnly: 0, misses: [] as PlantResult[], byKind: new Map<string, { planted: number; caught: number }>() }));
  for (const doc of docs) {
    const before = analyzeText(doc);
    for (const s of stats) {
      for (const p of choosePlants(doc, before, s.op, options.seed, options.perDoc)) {
        const r = evaluatePlant(doc, before, p);
        s.planted++;
        const k = s.byKind.get(p.kind) ?? { planted: 0, caught: 0 };
        k.planted++;
        s.byKind.set(p.kind, k);
        if (r.caught) {
          s.caught++;
          k.caught++;
        } else {
          if (r.infoOnly) s.infoOnly++;
          s.misses.push(r);
        }
      }
    }
  }
  return stats;
}

export const recallPercent = (s: { planted: number; caught: number }) => (s.planted ? (100 * s.caught) / s.planted : 0);

/** One line per miss: document, claim (or line), operator, what was planted. */
export function describeMiss(r: PlantResult, docs: CorpusDoc[]): string {
  const p = r.plant;
  const doc = docs.find((d) => d.name === p.doc);
  const line = doc ? doc.text.slice(0, p.edit.start).split('\n').length : 0;
  return `  miss ${p.doc} ${p.claim !== undefined ? `claim ${p.claim}` : `line ${line}`} (${p.op}, ${p.kind}${r.infoOnly ? ', info only' : ''}): ${p.what}`;
}
