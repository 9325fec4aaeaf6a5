// Amendments in the claims (37 CFR 1.121(c)): the status identifiers as the Office writes them, and
// the marks of a currently amended claim — <u>added</u>, ~~deleted~~ and [[short]] deletions — read
// in one pass. The listing-form check and the filing layer's listings both use these.
import type { AmendmentStatus } from './types';

/** A piece of a claim's text: unchanged, added (underlined) or deleted (struck through or [[…]]). */
export interface ListingMark {
  type: 'equal' | 'insert' | 'delete';
  text: string;
}

export const STATUS_LABEL: Record<AmendmentStatus, string> = {
  original: 'Original',
  'currently amended': 'Currently amended',
  'previously presented': 'Previously presented',
  new: 'New',
  canceled: 'Canceled',
  withdrawn: 'Withdrawn',
  'withdrawn - currently amended': 'Withdrawn - currently amended',
  'not entered': 'Not entered',
};

/** Double brackets show a deletion of five or fewer consecutive characters (37 CFR 1.121(c)(2)). */
export const MAX_BRACKETED = 5;

// ---- Marks in text ----

const OPENERS = [
  { open: '<u>', close: '</u>', type: 'insert' as const },
  { open: '~~', close: '~~', type: 'delete' as const },
  { open: '[[', close: ']]', type: 'delete' as const },
];

/** Unclosed marks reported per text, at most. */
const MAX_UNCLOSED = 20;

export interface ParsedMarks {
  marks: ListingMark[];
  /** Marks as written: which opener, and where (offsets into the text). */
  spans: { kind: '<u>' | '~~' | '[['; start: number; end: number; inner: string }[];
  /** An opener without its closer (offset of the opener). */
  unclosed: { kind: string; start: number }[];
}

/** The marks of a marked-up claim text, read left to right (one pass, no regex). */
export function parseMarks(text: string): ParsedMarks {
  const marks: ListingMark[] = [];
  const spans: ParsedMarks['spans'] = [];
  const unclosed: ParsedMarks['unclosed'] = [];
  const push = (type: ListingMark['type'], t: string) => {
    if (t === '') return;
    const last = marks[marks.length - 1];
    if (last && last.type === type) last.text += t;
    else marks.push({ type, text: t });
  };
  const noCloser = new Set<string>();
  let pos = 0;
  let plainFrom = 0;
  while (pos < text.length) {
    const o = OPENERS.find((x) => text.startsWith(x.open, pos));
    if (!o) {
      pos++;
      continue;
    }
    // A closer not found once is not found later either: each opener kind searches at most once to the end.
    const close = noCloser.has(o.close) ? -1 : text.indexOf(o.close, pos + o.open.length);
    if (close < 0) {
      noCloser.add(o.close);
      if (unclosed.length < MAX_UNCLOSED) unclosed.push({ kind: o.open, start: pos });
      pos += o.open.length;
      continue;
    }
    push('equal', text.slice(plainFrom, pos));
    const inner = text.slice(pos + o.open.length, close);
    push(o.type, inner);
    spans.push({ kind: o.open as '<u>' | '~~' | '[[', start: pos, end: close + o.close.length, inner });
    pos = close + o.close.length;
    plainFrom = pos;
  }
  push('equal', text.slice(plainFrom));
  return { marks, spans, unclosed };
}

/** The text a marked-up claim reads as once amended: deletions out, insertions kept. */
export function cleanListingText(text: string): string {
  return parseMarks(text)
    .marks.filter((m) => m.type !== 'delete')
    .map((m) => m.text)
    .join('');
}
