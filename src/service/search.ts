// Plain-text search for a term in the disclosure and Markdown headings for the outline.
// Pure: no vscode import.
import { findTerms } from '../core/index';

/** Offsets [start, end) of every occurrence of any of the phrases in `text` (singular, plural,
 *  spaced or hyphenated: the core's `findTerms`), sorted, without overlaps. */
export function phraseOccurrences(text: string, phrases: readonly string[], limit = 2000): [number, number][] {
  return findTerms(text, phrases, { limit }).map((m) => [m.start, m.end]);
}

/** The article right before `offset` in `text` ("a", "an", "the", "said"), with its start offset. */
export function articleBefore(text: string, offset: number): { word: string; start: number } | undefined {
  const before = text.slice(Math.max(0, offset - 12), offset);
  const m = /(?<!\p{L})(an?|the|said)\s+$/iu.exec(before);
  if (!m) return undefined;
  return { word: m[1]!, start: offset - before.length + m.index };
}

export interface HeadingLine {
  level: number;
  text: string;
  line: number;
}

/** ATX headings outside fenced code and front matter. */
export function markdownHeadings(text: string): HeadingLine[] {
  const out: HeadingLine[] = [];
  const lines = text.split('\n');
  let fence: string | undefined;
  let i = 0;
  if (/^---\s*$/.test(lines[0] ?? '')) {
    const close = lines.findIndex((l, k) => k > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
    if (close > 0) i = close + 1;
  }
  for (; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (!fence) fence = f[1]![0]!.repeat(f[1]!.length);
      else if (l.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence) continue;
    const h = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (h && h[2]) out.push({ level: h[1]!.length, text: h[2], line: i });
  }
  return out;
}
