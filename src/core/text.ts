import type { Position, Range } from './types';

/** Maps UTF-16 offsets to line/character positions and back, in O(log lines). Lines end at LF, CRLF or a
 *  lone CR (as in LSP and VS Code); U+2028 and U+2029 are characters of a line here. */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      // LF only (the usual case): the native search finds each line end.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    // Before the line end: "\n", "\r" or "\r\n".
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 && next - 2 >= this.starts[Math.max(0, line)] ? next - 2 : next - 1;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line], offset: o };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[Math.max(0, line)] + Math.max(0, character), this.lineEnd(line));
  }
}

export function offsetToPosition(text: string, offset: number): Position {
  return new LineIndex(text).position(offset);
}

/** A short, single-line excerpt of `text` around [start, end). */
export function excerpt(text: string, start: number, end: number, width = 120): string {
  const pad = Math.max(0, Math.floor((width - (end - start)) / 2));
  let s = Math.max(0, start - pad);
  let e = Math.min(text.length, end + pad);
  while (s > 0 && s < start && /\S/.test(text[s - 1])) s++;
  while (e < text.length && e > end && /\S/.test(text[e])) e--;
  const body = text.slice(s, e).replace(/\s+/g, ' ').trim();
  return (s > 0 ? '…' : '') + body + (e < text.length ? '…' : '');
}

/** The length of the text `a` and `b` begin with (compared in native slices, then a character at a time). */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 4096; step >= 1; step >>= 4) while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  return i;
}

/** The length of the text `a` and `b` end with, leaving their first `prefix` characters out. */
export function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  for (let step = 4096; step >= 1; step >>= 4) while (i + step <= n && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
  return i;
}

/** FNV-1a hash of a string, for cache keys. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The items of `list` grouped by `key`, in first-seen order. */
export function groupBy<T, K>(list: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}
