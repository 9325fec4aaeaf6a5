// Plain-text search for a term in the disclosure and Markdown headings for the outline.
// Pure: no vscode import.

/** A regex for a noun phrase: words separated by spaces or hyphens, the last word singular or plural. */
export function phraseRegExp(phrase: string): RegExp | undefined {
  const words = phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return undefined;
  const last = words.pop()!;
  const stem = last.endsWith('y') ? `${last.slice(0, -1)}(?:y|ies)` : `${last}(?:s|es)?`;
  return new RegExp(`(?<![\\p{L}\\p{N}-])${[...words, stem].join('[\\s-]+')}(?![\\p{L}\\p{N}-])`, 'giu');
}

/** Offsets [start, end) of every occurrence of any of the phrases in `text`, sorted, without overlaps. */
export function phraseOccurrences(text: string, phrases: readonly string[], limit = 2000): [number, number][] {
  const found: [number, number][] = [];
  for (const p of new Set(phrases.map((x) => x.toLowerCase()))) {
    const re = phraseRegExp(p);
    if (!re) continue;
    for (let m = re.exec(text); m && found.length < limit; m = re.exec(text)) found.push([m.index, m.index + m[0].length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const f of found) if (out.length === 0 || f[0] >= out[out.length - 1]![1]) out.push(f);
  return out;
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
