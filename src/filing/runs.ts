// Inline Markdown to formatted runs: emphasis, strike, underline, sub- and superscripts, code spans
// (formulas), line breaks. HTML comments (suppression comments among them) and any other inline HTML
// tag are dropped; their text content is kept. marked's inline lexer reads the syntax.
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from '../core/index';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  sub?: boolean;
  sup?: boolean;
  /** A code span: a formula or an identifier, set in a fixed-width font. */
  code?: boolean;
  /** A line break before this run's text. */
  break?: boolean;
}

type Style = Omit<Run, 'text' | 'break'>;

/** Nesting deeper than this (emphasis in emphasis in ...) is read as plain text. */
const MAX_INLINE_DEPTH = 16;

const TAGS: Record<string, keyof Style> = {
  sub: 'sub',
  sup: 'sup',
  u: 'underline',
  ins: 'underline',
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  s: 'strike',
  del: 'strike',
  strike: 'strike',
};

/** The runs of one line or paragraph of inline Markdown. */
export function inlineRuns(src: string): Run[] {
  let tokens: Token[];
  try {
    tokens = Lexer.lexInline(src, { gfm: true });
  } catch {
    return [{ text: stripTags(src) }];
  }
  const out: Run[] = [];
  walk(tokens, {}, out, 0);
  return mergeRuns(out);
}

/** Inline tokens (from a block token of marked) to runs. */
export function tokensToRuns(tokens: Token[] | undefined, base: Style = {}): Run[] {
  const out: Run[] = [];
  walk(tokens ?? [], base, out, 0);
  return mergeRuns(out);
}

function walk(tokens: Token[], style: Style, out: Run[], depth: number): void {
  // Tags opened by inline HTML (<sub>, <u>, ...) hold until their closing tag in the same run of tokens.
  const open: Style = {};
  const cur = () => ({ ...style, ...open });
  for (const tok of tokens) {
    switch (tok.type) {
      case 'text':
      case 'escape': {
        const t = tok as Tokens.Text;
        if (t.tokens && t.tokens.length && depth < MAX_INLINE_DEPTH) walk(t.tokens, cur(), out, depth + 1);
        else push(out, decodeEntities(t.text), cur());
        break;
      }
      case 'strong':
      case 'em':
      case 'del': {
        const t = tok as Tokens.Strong;
        const key: keyof Style = tok.type === 'strong' ? 'bold' : tok.type === 'em' ? 'italic' : 'strike';
        if (depth < MAX_INLINE_DEPTH) walk(t.tokens ?? [], { ...cur(), [key]: true }, out, depth + 1);
        else push(out, t.text, cur());
        break;
      }
      case 'codespan':
        push(out, decodeEntities((tok as Tokens.Codespan).text), { ...cur(), code: true });
        break;
      case 'br':
        out.push({ text: '', break: true });
        break;
      case 'link': {
        const t = tok as Tokens.Link;
        if (depth < MAX_INLINE_DEPTH) walk(t.tokens ?? [], cur(), out, depth + 1);
        else push(out, t.text, cur());
        break;
      }
      case 'image':
        // An image inline in text: its alternative text stands in its place (the caller lists images).
        push(out, `[${(tok as Tokens.Image).text || 'Image'}]`, cur());
        break;
      case 'html': {
        const raw = tok.raw;
        if (raw.startsWith('<!--')) break;
        const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9]{0,10})\b[^>]{0,200}?(\/?)>$/.exec(raw.trim());
        if (!m) break;
        const name = m[2].toLowerCase();
        if (name === 'br') {
          out.push({ text: '', break: true });
          break;
        }
        const key = TAGS[name];
        if (!key) break;
        if (m[1]) delete open[key];
        else if (!m[3]) open[key] = true;
        break;
      }
      default: {
        const t = tok as { text?: string; tokens?: Token[] };
        if (t.tokens && depth < MAX_INLINE_DEPTH) walk(t.tokens, cur(), out, depth + 1);
        else if (typeof t.text === 'string') push(out, decodeEntities(t.text), cur());
      }
    }
  }
}

function push(out: Run[], text: string, style: Style): void {
  if (!text) return;
  const run: Run = { text };
  for (const [k, v] of Object.entries(style) as [keyof Style, boolean | undefined][]) if (v) run[k] = true;
  out.push(run);
}

function sameStyle(a: Run, b: Run): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline && !!a.strike === !!b.strike && !!a.sub === !!b.sub && !!a.sup === !!b.sup && !!a.code === !!b.code;
}

/** Joins neighbouring runs of the same style and turns soft line ends into spaces. */
export function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const text = r.code ? r.text : r.text.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
    const last = out[out.length - 1];
    if (last && !r.break && sameStyle(last, r)) last.text += text;
    else out.push({ ...r, text });
  }
  return out;
}

/** The plain text of runs (line breaks as '\n'). */
export function runsText(runs: Run[]): string {
  return runs.map((r) => (r.break ? '\n' : '') + r.text).join('');
}

/** Removes HTML tags and comments from a string with a linear scan (for text that could not be lexed). */
export function stripTags(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('<!--', i)) {
      const e = s.indexOf('-->', i + 4);
      i = e < 0 ? s.length : e + 3;
      continue;
    }
    if (s[i] === '<' && /[a-zA-Z/]/.test(s[i + 1] ?? '')) {
      const e = s.indexOf('>', i);
      if (e > 0 && e - i < 256) {
        i = e + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}
