// Generated and mutated matters for the fuzz test: a seeded PRNG of our own (mulberry32), generators of
// claim sets, references, ranges, huge numbers, line-end mixes, unicode and nesting, and mutations
// (truncation, duplication, code-unit flips) of a small application of our own and, where the shared
// corpus is present, of real US patents read from it (never copied into the project).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same sequence on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const LINE_ENDS = ['\n', '\r\n', '\r', '\u2028', '\u2029'];
const MARKS = ['', '', '', '\u200f', '\u200e', '\ufeff', '\u200b', '\u2066', '\u202b'];
const UNICODE = ['😀', 'é', 'e\u0301', 'ß', 'İ', '\u05d0\u05d1', '中文', '\u0000', '\ud83d', '\ude00', '\u00a0', 'ﬁ', '𝒜'];
const NOUNS = ['widget', 'rod', 'lever', 'housing', 'spring', 'valve', 'seat', 'fastener member', 'controller', 'sensor'];
const HUGE = ['10000000000000000', '9007199254740993', '1'.repeat(40), '99999', '100000', '0', '00001'];

function word(r: Rng): string {
  return r.chance(0.1) ? r.pick(UNICODE) : r.pick(NOUNS);
}

/** A reference as a drafter (or a hostile file) may write it. */
function reference(r: Rng, self: number, count: number): string {
  const n = () => (r.chance(0.15) ? r.pick(HUGE) : String(r.int(0, Math.max(1, count + 2))));
  switch (r.int(0, 9)) {
    case 0:
      return 'of any preceding claim';
    case 1:
      return `of any one of claims 1 to ${r.chance(0.5) ? r.pick(HUGE) : String(r.int(1, 2000))}`;
    case 2:
      return `of claims ${n()}, ${n()} or ${n()}`;
    case 3:
      return `of claims ${n()} and ${n()}`;
    case 4:
      return `according to ${n()}`;
    case 5:
      return `of claim ${self}`;
    case 6:
      return `of claims ${n()}-${n()}`;
    case 7:
      return `as claimed in any one of claims ${Array.from({ length: r.int(1, 30) }, n).join(', ')}`;
    default:
      return `of claim ${n()}`;
  }
}

/** A claims document: numbering of every kind, references, line ends mixed, marks and unicode. */
export function claimSet(r: Rng): string {
  const count = r.int(1, 40);
  const nl = () => (r.chance(0.8) ? LINE_ENDS[0] : r.pick(LINE_ENDS));
  const numbering = r.int(0, 4);
  const parts: string[] = [r.chance(0.8) ? '# Claims' : r.pick(['## What is claimed is:', 'Claims', '# CLAIMS', ''])];
  for (let i = 1; i <= count; i++) {
    const num = numbering === 0 ? i : numbering === 1 ? 1 : numbering === 2 ? i * r.int(1, 3) : numbering === 3 ? 99000 + i : r.int(1, count);
    const mark = r.pick(MARKS);
    const lead = r.chance(0.1) ? r.pick(['- ', '* ', '**', '   ', '    ']) : '';
    const body =
      i === 1 || r.chance(0.2)
        ? `A ${word(r)} comprising a ${word(r)}${r.chance(0.5) ? `; and a ${word(r)}` : ''}`
        : `The ${word(r)} ${reference(r, num, count)}, wherein the ${word(r)} is ${word(r)}`;
    parts.push(`${mark}${lead}${num}${r.pick(['.', ')', '. ', '.**'])} ${r.chance(0.1) ? '(Currently amended) ' : ''}${body}${r.chance(0.9) ? '.' : r.pick(UNICODE)}`);
    if (r.chance(0.05)) parts.push('<!-- patent-draft-disable-next-line claim-dependency -->');
  }
  return parts.map((p) => p + nl()).join(nl());
}

/** Deep nesting: lists, block quotes, parentheses, emphasis. */
export function nesting(r: Rng): string {
  const depth = r.int(10, 400);
  const kind = r.int(0, 3);
  const lines: string[] = ['# Claims', '', '1. A widget comprising a rod.'];
  for (let i = 0; i < depth; i++) {
    if (kind === 0) lines.push(`${'  '.repeat(i)}- item ${i} of claim 1`);
    else if (kind === 1) lines.push(`${'> '.repeat(i)}2. The widget of claim 1.`);
    else if (kind === 2) lines.push(`2. The widget ${'('.repeat(i)}of claim 1${')'.repeat(r.int(0, i))}.`);
    else lines.push(`${'*'.repeat(i % 7)}3. The widget of claim ${i}, ${'**_'.repeat(i)}.`);
  }
  return lines.join(r.pick(LINE_ENDS));
}

/** Our own small application (title, description, claims, abstract) for mutation. */
export const FIXTURE = [
  '---',
  'title: Door hinge',
  'glossary:',
  '  - hinge pin: avoid: pivot pin',
  '---',
  '# Door hinge',
  '',
  '## Description',
  '',
  'The door hinge 20 has a first leaf 22 and a second leaf 24 turning on a hinge pin 26. A detent spring 28 holds the second leaf 24 open. 😀 A cap 30 closes the knuckle.',
  '',
  '```',
  '1. not a claim',
  '```',
  '',
  '## Claims',
  '',
  '1. A door hinge comprising: a first leaf; a second leaf turning on a hinge pin; and a detent spring.',
  '',
  '2. The door hinge of claim 1, wherein the detent spring holds the second leaf open.',
  '',
  '3. The door hinge of claim 1 or 2, wherein the cap closes the knuckle.',
  '',
  '4. The door hinge of any preceding claim, wherein the hinge pin is steel.',
  '',
  '## Abstract',
  '',
  'A door hinge has two leaves turning on a hinge pin and a detent spring that holds one leaf open.',
  '',
].join('\n');

/** Up to `max` real US patents from the shared corpus, when it is present (CI may not have it). */
export function corpusDocs(max: number): string[] {
  const dir = path.resolve(__dirname, '../../../shared/corpus/uspto-dev');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .slice(0, max)
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** A mutation of `text`: truncated (maybe inside a surrogate pair), a slice duplicated, code units flipped,
 *  junk inserted, line ends converted. */
export function mutate(r: Rng, text: string): string {
  let t = text;
  const rounds = r.int(1, 4);
  for (let k = 0; k < rounds; k++) {
    const at = r.int(0, t.length);
    switch (r.int(0, 5)) {
      case 0:
        t = t.slice(0, at);
        break;
      case 1: {
        const len = r.int(1, Math.min(4000, Math.max(1, t.length - at)));
        t = t.slice(0, at) + t.slice(at, at + len).repeat(r.int(2, 6)) + t.slice(at);
        break;
      }
      case 2: {
        const chars = t.split('');
        for (let i = 0; i < r.int(1, 50) && chars.length; i++) chars[r.int(0, chars.length - 1)] = String.fromCharCode(r.pick([0, 13, 10, 0x2028, 0xd800, 0xdc00, 0xfeff, 0x200f, r.int(0, 0xffff)]));
        t = chars.join('');
        break;
      }
      case 3:
        t = t.slice(0, at) + r.pick(['\n## Claims\n', '\n1. ', 'claim 10000000000000000', '<!--', '```', '\n---\n', '\r', ' of any preceding claim', '(((', '[[']) + t.slice(at);
        break;
      case 4:
        t = t.replace(/\n/g, r.pick(LINE_ENDS));
        break;
      default:
        t = t.slice(at) + t.slice(0, at);
    }
  }
  return t;
}
