// Markdown structure with exact offsets. The document is cut into chunks at ATX headings that
// stand outside fences and comments (a cheap line scan); each chunk is lexed with marked's lexer
// and cached by its text, so an edit re-lexes only the chunk it touches. Front matter, fenced and
// indented code, HTML (comments included) and tables are "masked": replaced by spaces in a copy
// of the text of the same length, so every later scan keeps exact offsets and never reads them.
import { Lexer, type Token } from 'marked';
import { memoTable, registerCache } from './caches';
import { commonPrefix, commonSuffix } from './text';

export interface Heading {
  level: number;
  text: string;
  /** Offsets of the heading line (start of '#', end of line). */
  start: number;
  end: number;
}

export interface Suppression {
  /** 'next-line' applies to the line after the comment; 'disable'/'enable' open and close a block. */
  kind: 'next-line' | 'line' | 'disable' | 'enable';
  codes: string[];
  start: number;
  end: number;
}

export interface MarkdownStructure {
  text: string;
  masked: string;
  frontMatter?: { start: number; end: number; data: Record<string, string | string[]> };
  headings: Heading[];
  suppressions: Suppression[];
}

interface ChunkInfo {
  headings: Heading[];
  masks: [number, number][];
  suppressions: Suppression[];
}

/** Lexed chunks by text, per scope, oldest dropped first. Bounded by their characters, not their count: typing
 *  makes a new chunk at each keystroke, and 4,096 chunks of 4 KB held some 280 MB with their tokens. */
const chunkCache = memoTable(() => ({ map: new Map<string, ChunkInfo>(), chars: 0 }));
const CHUNK_CACHE_CHARS = 4 * 1024 * 1024;

// Not a memo table of a matter: the last few texts parsed, asked for again in a row (a host's
// createMatter reads roles and front matter, then the analysis lays the same texts out).
const recent: MarkdownStructure[] = [];
registerCache(() => {
  recent.length = 0;
});

/** The structure of a document. The last few results are kept by text: role detection and layout
 *  ask for the same document one after the other. */
export function parseMarkdown(text: string): MarkdownStructure {
  for (const r of recent) if (r.text === text) return r;
  const result = parseMarkdownUncached(text, CHUNK_CHARS, recent);
  recent.unshift(result);
  if (recent.length > 4) recent.pop();
  return result;
}

/** `text` with every line end a '\n' at the same offset, for reading structure: a lone CR (old Mac files),
 *  U+2028 and U+2029 become '\n' (CRLF keeps its CR, as before); invisible format characters (a BOM, a
 *  direction mark, a zero-width space or joiner) before a line's first visible character become spaces.
 *  Same length, so every offset read from it is an offset of `text`. */
export function normalizeLineEnds(text: string): string {
  if (!/[\r\u2028\u2029\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/.test(text)) return text;
  return text
    .replace(/\r(?!\n)|[\u2028\u2029]/g, '\n')
    .replace(/(^|\n)([ \t]*)([\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]+)/g, (_m, nl: string, sp: string, marks: string) => nl + sp + ' '.repeat(marks.length));
}

/** The structure of a document lexed in chunks of at least `chunkChars` (Infinity: only at headings, as a
 *  whole pass reads it); `parseMarkdown` is this with CHUNK_CHARS, memoised. */
export function lexStructure(original: string, chunkChars = CHUNK_CHARS): MarkdownStructure {
  return parseMarkdownUncached(original, chunkChars);
}

/** Where `parseMarkdown` cuts a document into chunks (offsets of the text). */
export function chunkBounds(original: string, chunkChars = CHUNK_CHARS): [number, number][] {
  const text = normalizeLineEnds(original);
  return splitChunks(text, readFrontMatter(text)?.end ?? 0, chunkChars);
}

/** How a structure was lexed: its text as read and its chunks, for the next parse of an edited text. */
const lexedChunks = new WeakMap<MarkdownStructure, { text: string; chunks: { start: number; end: number; info: ChunkInfo }[] }>();

/** The chunks of the earlier parse that shares the most text with `text` in front and behind (an edit of it). */
function priorChunks(text: string, earlier: readonly MarkdownStructure[]): ((start: number, end: number) => ChunkInfo | undefined) | undefined {
  let best: { shared: number; prefix: number; tail: number; delta: number; chunks: { start: number; end: number; info: ChunkInfo }[] } | undefined;
  for (const r of earlier) {
    const l = lexedChunks.get(r);
    if (!l) continue;
    const prefix = commonPrefix(l.text, text);
    const suffix = commonSuffix(l.text, text, prefix);
    if (!best || prefix + suffix > best.shared) best = { shared: prefix + suffix, prefix, tail: l.text.length - suffix, delta: text.length - l.text.length, chunks: l.chunks };
    if (prefix + suffix >= text.length - 64) break;
  }
  if (!best || best.chunks.length === 0) return undefined;
  const { prefix, tail, delta, chunks } = best;
  let j = 0;
  // Asked for in ascending order: a chunk wholly in the shared text in front, or behind (moved by delta).
  return (start, end) => {
    const inFront = end <= prefix;
    if (!inFront && start - delta < tail) return undefined;
    const s0 = inFront ? start : start - delta;
    while (j < chunks.length && chunks[j].start < s0) j++;
    const c = chunks[j];
    return c && c.start === s0 && c.end === (inFront ? end : end - delta) ? c.info : undefined;
  };
}

function parseMarkdownUncached(original: string, chunkChars = CHUNK_CHARS, earlier: readonly MarkdownStructure[] = []): MarkdownStructure {
  const text = normalizeLineEnds(original);
  const prior = priorChunks(text, earlier);
  const lexed: { start: number; end: number; info: ChunkInfo }[] = [];
  const masks: [number, number][] = [];
  const headings: Heading[] = [];
  const suppressions: Suppression[] = [];
  let bodyStart = 0;
  let frontMatter: MarkdownStructure['frontMatter'];
  const fm = readFrontMatter(text);
  if (fm) {
    frontMatter = fm;
    masks.push([fm.start, fm.end]);
    bodyStart = fm.end;
  }
  for (const [start, end] of splitChunks(text, bodyStart, chunkChars)) {
    // A chunk the earlier parse read with the same text is taken without slicing or hashing it.
    let info = prior?.(start, end);
    if (!info) {
      const chunk = text.slice(start, end);
      const cache = chunkCache();
      info = cache.map.get(chunk);
      if (!info) {
        info = lexChunk(chunk);
        for (let k = cache.map.keys().next(); !k.done && cache.chars + chunk.length > CHUNK_CACHE_CHARS; k = cache.map.keys().next()) {
          cache.chars -= k.value.length;
          cache.map.delete(k.value);
        }
        cache.map.set(chunk, info);
        cache.chars += chunk.length;
      }
    }
    lexed.push({ start, end, info });
    for (const h of info.headings) headings.push({ ...h, start: h.start + start, end: h.end + start });
    for (const [s, e] of info.masks) masks.push([s + start, e + start]);
    for (const s of info.suppressions) suppressions.push({ ...s, start: s.start + start, end: s.end + start });
  }
  const result: MarkdownStructure = { text: original, masked: applyMasks(text, masks), frontMatter, headings, suppressions };
  lexedChunks.set(result, { text, chunks: lexed });
  return result;
}

function applyMasks(text: string, masks: [number, number][]): string {
  if (masks.length === 0) return text;
  const parts: string[] = [];
  let pos = 0;
  for (const [s, e] of masks) {
    if (s < pos) continue;
    parts.push(text.slice(pos, s));
    parts.push(text.slice(s, e).replace(/[^\n]/g, ' '));
    pos = e;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** `---` YAML front matter at the very start: simple `key: value` and `key: [a, b]` / `- item` lists. */
function readFrontMatter(text: string): MarkdownStructure['frontMatter'] {
  if (!text.startsWith('---')) return undefined;
  const firstEnd = text.indexOf('\n');
  if (firstEnd === -1 || text.slice(0, firstEnd).trim() !== '---') return undefined;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(firstEnd + 1);
  const m = close.exec(rest);
  if (!m) return undefined;
  const body = rest.slice(0, m.index);
  let end = firstEnd + 1 + m.index + m[0].length;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  const data: Record<string, string | string[]> = {};
  let listKey: string | undefined;
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const prev = data[listKey];
      if (Array.isArray(prev)) prev.push(unquote(item[1]));
      else data[listKey] = [unquote(item[1])];
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key, value] = kv;
    listKey = undefined;
    if (value === '') {
      listKey = key;
      data[key] = [];
    } else if (value.startsWith('[') && value.endsWith(']')) {
      data[key] = value
        .slice(1, -1)
        .split(',')
        .map((v) => unquote(v.trim()))
        .filter(Boolean);
    } else data[key] = unquote(value.trim());
  }
  return { start: 0, end, data };
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

/** A chunk runs on to a heading, or past this many characters to a paragraph that starts after a blank line. */
const CHUNK_CHARS = 4096;

/** Chunk boundaries: before each ATX heading line outside fences and HTML comments, and, once a chunk holds
 *  `chunkChars`, before a line that starts with a letter or an item number ("12. ", a claim) in its first
 *  column after a blank line: a paragraph there starts a block at the top level (a list item, a quote,
 *  indented code, a table and most HTML blocks end at a blank line followed by such a line), and an item
 *  there starts an item of a list at the top level, whose blocks the structure does not read (it masks top-
 *  level code, tables and HTML only), so lexing the chunks apart gives the structure lexing the whole
 *  gives. Not inside an HTML block that runs past blank lines (<pre>, <script>, <style>, <textarea>, "<?",
 *  "<!X", CDATA) until the line that closes it. An edit then re-lexes a few thousand characters, not the
 *  section it is in. */
const RAW_HTML_OPEN = /^ {0,3}(?:<(pre|script|style|textarea)(?=[\s>]|$)|(<\?)|(<![A-Za-z])|(<!\[CDATA\[))/i;
const RAW_HTML_CLOSE: Record<string, RegExp> = { '?': /\?>/, '!': />/, cdata: /\]\]>/ };
function splitChunks(text: string, from: number, chunkChars: number): [number, number][] {
  const chunks: [number, number][] = [];
  let chunkStart = from;
  let fence: string | undefined;
  let inComment = false;
  let blankBefore = false;
  // An open HTML block that blank lines do not end: what closes it.
  let rawHtml: RegExp | undefined;
  // The next "<" at or after the line (a line without one needs no HTML or comment test).
  let nextLt = text.indexOf('<', from);
  let pos = from;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    if (nextLt !== -1 && nextLt < pos) nextLt = text.indexOf('<', pos);
    const hasLt = nextLt !== -1 && nextLt < nl;
    // The first character after up to three spaces, and whether the line is blank.
    let k = pos;
    while (k < nl && k - pos < 4 && text.charCodeAt(k) === 32) k++;
    const c = k < nl && k - pos < 4 ? text.charCodeAt(k) : -1;
    let q = k;
    while (q < nl && q - pos <= 200) {
      const ch = text.charCodeAt(q);
      if (ch !== 32 && ch !== 9 && ch !== 13) break;
      q++;
    }
    const blankLine = q === nl && nl - pos <= 200;
    let blank = false;
    if (inComment) {
      const close = text.indexOf('-->', pos);
      if (close !== -1 && close + 3 <= nl) inComment = false;
    } else if (fence) {
      const t = text.slice(pos, Math.min(nl, pos + 200)).trimStart();
      if (t.startsWith(fence) && t.slice(fence.length).trim() === '') fence = undefined;
    } else if (rawHtml) {
      if (rawHtml.test(text.slice(pos, nl))) rawHtml = undefined;
    } else {
      const f = c === 96 || c === 126 ? /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(pos, Math.min(nl, pos + 200))) : null;
      if (f) fence = f[1];
      else if (c === 35 && /^ {0,3}#{1,6}(?:[ \t]|$)/.test(text.slice(pos, Math.min(nl, pos + 200)))) {
        if (pos > chunkStart) chunks.push([chunkStart, pos]);
        chunkStart = pos;
      } else {
        if (blankBefore && k === pos && pos - chunkStart >= chunkChars && /^(?:[A-Za-z]|\d{1,9}[.)][ \t])/.test(text.slice(pos, Math.min(nl, pos + 16)))) {
          chunks.push([chunkStart, pos]);
          chunkStart = pos;
        }
        blank = blankLine;
        if (hasLt) {
          const lineText = text.slice(pos, nl);
          const raw = c === 60 ? RAW_HTML_OPEN.exec(lineText.slice(0, 200)) : null;
          if (raw) {
            const close = raw[1] ? new RegExp(`</${raw[1]}>`, 'i') : RAW_HTML_CLOSE[raw[2] ? '?' : raw[3] ? '!' : 'cdata'];
            if (!close.test(lineText.slice(raw[0].length))) rawHtml = close;
          }
          const open = lineText.lastIndexOf('<!--');
          if (open !== -1 && lineText.indexOf('-->', open + 4) === -1) inComment = true;
        }
      }
    }
    blankBefore = blank;
    pos = nl + 1;
  }
  if (text.length > chunkStart) chunks.push([chunkStart, text.length]);
  return chunks;
}

const SUPPRESS = /<!--\s*patent-draft-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

function lexChunk(chunk: string): ChunkInfo {
  const headings: Heading[] = [];
  const masks: [number, number][] = [];
  const suppressions: Suppression[] = [];
  let tokens: Token[];
  // The lexer reads CRLF's CR as a space, and a line indented past MAX_INDENT as blank (a list nested that deep
  // makes marked's lexer super-linear); tokens are found in that same text (same length, same offsets).
  const lexed = flattenDeepLines(chunk.replace(/\r/g, ' '));
  try {
    // Block structure only: inline tokens (emphasis, links) are never read, so they are not built.
    tokens = new Lexer({ gfm: true }).blockTokens(lexed, []);
  } catch {
    tokens = [];
  }
  let pos = 0;
  for (const tok of tokens) {
    const raw = tok.raw ?? '';
    let start = pos;
    if (lexed.startsWith(raw, pos) === false) {
      const found = lexed.indexOf(raw, pos);
      if (found === -1) continue;
      start = found;
    }
    const end = start + raw.length;
    pos = end;
    switch (tok.type) {
      case 'heading': {
        const lineEnd = chunk.indexOf('\n', start);
        headings.push({ level: tok.depth, text: tok.text.trim(), start, end: lineEnd === -1 || lineEnd > end ? end : lineEnd });
        break;
      }
      case 'code':
      case 'table':
        masks.push([start, end]);
        break;
      case 'html':
        masks.push([start, end]);
        break;
      default:
        break;
    }
  }
  // HTML comments anywhere (inline ones included) are masked and read for suppressions.
  let c = chunk.indexOf('<!--');
  while (c !== -1) {
    const close = chunk.indexOf('-->', c + 4);
    const end = close === -1 ? chunk.length : close + 3;
    masks.push([c, end]);
    c = chunk.indexOf('<!--', end);
  }
  SUPPRESS.lastIndex = 0;
  for (let m = SUPPRESS.exec(chunk); m; m = SUPPRESS.exec(chunk)) {
    const kind = m[1] === 'disable-next-line' ? 'next-line' : m[1] === 'disable-line' ? 'line' : (m[1] as 'disable' | 'enable');
    const codes = m[2].split(/[\s,]+/).filter(Boolean);
    suppressions.push({ kind, codes, start: m.index, end: m.index + m[0].length });
  }
  masks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  return { headings, masks: mergeRanges(masks), suppressions };
}

/** Lines indented more than this many spaces or tabs are structure no document needs: read as blank lines. */
const MAX_INDENT = 64;
const DEEP_LINE = new RegExp(`(?:^|\\n)[ \\t]{${MAX_INDENT + 1}}`);

function flattenDeepLines(text: string): string {
  if (!DEEP_LINE.test(text)) return text;
  const parts: string[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    let i = pos;
    while (i < nl && i - pos <= MAX_INDENT && (text[i] === ' ' || text[i] === '\t')) i++;
    parts.push(i - pos > MAX_INDENT ? ' '.repeat(nl - pos) : text.slice(pos, nl));
    if (nl < text.length) parts.push('\n');
    pos = nl + 1;
  }
  return parts.join('');
}

function mergeRanges(r: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const x of r) {
    const last = out[out.length - 1];
    if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]);
    else out.push([x[0], x[1]]);
  }
  return out;
}
