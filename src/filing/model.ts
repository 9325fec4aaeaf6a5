// A matter laid out for filing: the title, the description's blocks in order (paragraphs numbered
// [0001]...), the claims (one per claim, its elements as lines) and the abstract. Built from the
// core's analysis of the matter; the DOCX, HTML and Markdown writers all render this one model.
import { marked, type Token, type Tokens } from 'marked';
import type { Analysis } from '../core';
import type { Claim, Jurisdiction } from '../core/index';
import { STATUS_LABEL } from './amendMarks';
import { inlineRuns, mergeRuns, runsText, stripTags, tokensToRuns, type Run } from './runs';

export type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  /** A numbered paragraph of the description ([0001] is `number` 1). */
  | { kind: 'paragraph'; number: number; runs: Run[]; code?: boolean }
  | { kind: 'table'; rows: { header: boolean; cells: Run[][] }[] };

export interface ClaimLine {
  /** 0 for the claim's first line (its preamble), 1.. for its elements by nesting. */
  level: number;
  runs: Run[];
}

export interface FilingClaim {
  number: number;
  /** The status identifier as written for the Office ("Currently amended"), where the claim has one. */
  status?: string;
  canceled: boolean;
  lines: ClaimLine[];
}

export interface FilingDocument {
  jurisdiction: Jurisdiction;
  title: string;
  body: Block[];
  claimsHeading: string;
  claims: FilingClaim[];
  abstractHeading: string;
  abstract: Run[][];
  /** EP: the figure to publish with the abstract ("Fig. 2"). */
  abstractFigure?: string;
  /** What the export could not carry and says so (images, raw HTML). Never document text. */
  notes: string[];
  paragraphs: number;
}

/** Bounds for hostile input: far above any real application. */
export const FILING_LIMITS = {
  blocks: 200_000,
  claims: 2_000,
  tableCells: 50_000,
  nesting: 12,
};

export class FilingError extends Error {}

/** Nesting bounds checked before any Markdown parser runs: marked's list and emphasis parsing grows
 *  much faster than the input on deep nesting (800 nested list levels: 17 s), and real applications
 *  never come near these. */
export const NESTING_LIMITS = { indent: 64, quotes: 16, delimiterRun: 128 };

/** Refuses Markdown nested deeper than NESTING_LIMITS, naming the line; a linear scan. */
export function checkNesting(text: string, shown: string): void {
  let line = 1;
  let lineStart = true;
  let indent = 0;
  let quotes = 0;
  let run = 0;
  let runChar = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = true;
      indent = quotes = run = 0;
      continue;
    }
    if (lineStart) {
      if (c === 0x20 || c === 0x09) indent += c === 0x09 ? 4 : 1;
      else if (c === 0x3e /* > */) quotes++;
      else if (c !== 0x0d) lineStart = false;
      if (indent > NESTING_LIMITS.indent)
        throw new FilingError(`${shown}, line ${line}: indented more than ${NESTING_LIMITS.indent} columns; lists nested this deep cannot be exported (flatten them)`);
      if (quotes > NESTING_LIMITS.quotes) throw new FilingError(`${shown}, line ${line}: quotes nested more than ${NESTING_LIMITS.quotes} deep cannot be exported`);
      if (lineStart) continue;
    }
    if (c === 0x2a || c === 0x5f || c === 0x7e || c === 0x60 || c === 0x5b) {
      run = c === runChar ? run + 1 : 1;
      runChar = c;
      if (run > NESTING_LIMITS.delimiterRun)
        throw new FilingError(`${shown}, line ${line}: more than ${NESTING_LIMITS.delimiterRun} "${String.fromCharCode(c)}" in a row; Markdown emphasis nested this deep cannot be exported`);
    } else run = 0;
  }
}

export interface LayoutOptions {
  jurisdiction: Jurisdiction;
  /** Claim-text edits to apply before layout (EP: reference signs put in parentheses), absolute offsets in the claims document. */
  claimEdits?: { start: number; end: number; newText: string }[];
}

export function layoutForFiling(analysis: Analysis, options: LayoutOptions): FilingDocument {
  const ep = options.jurisdiction === 'ep';
  const doc: FilingDocument = {
    jurisdiction: options.jurisdiction,
    title: analysis.title?.text.trim() ?? '',
    body: [],
    claimsHeading: ep ? 'Claims' : 'What is claimed is:',
    claims: [],
    abstractHeading: ep ? 'Abstract' : 'ABSTRACT',
    abstract: [],
    notes: [],
    paragraphs: 0,
  };
  if (!doc.title) doc.notes.push('the matter has no title (a "# Title" heading or "title:" in front matter); the export has none');
  const images: string[] = [];
  let html = 0;
  const ctx = { doc, images, html: () => html++, number: 0 };
  for (const layout of analysis.layouts) {
    for (const part of layout.disclosure) {
      const src = layout.md.text.slice(part.start, part.end);
      if (!src.trim()) continue;
      let tokens: Token[];
      try {
        tokens = marked.lexer(src, { gfm: true });
      } catch (err) {
        throw new FilingError(`the description could not be read as Markdown (${(err as Error).name}); check for deeply nested quotes or lists`);
      }
      addBlocks(tokens, ctx, 0);
    }
  }
  doc.paragraphs = ctx.number;
  if (images.length)
    doc.notes.push(`${images.length} image(s) in the description are not embedded (${images.slice(0, 5).join(', ')}${images.length > 5 ? ', …' : ''}): file drawings as their own PDF`);
  if (html) doc.notes.push(`${html} raw HTML block(s) in the description were reduced to their text`);

  // Claims: the text as the core parsed it (comments masked), its elements as lines.
  if (analysis.claims.length > FILING_LIMITS.claims) throw new FilingError(`${analysis.claims.length} claims; the export handles up to ${FILING_LIMITS.claims}`);
  const edits = [...(options.claimEdits ?? [])].sort((a, b) => b.start - a.start);
  for (const c of analysis.claims) {
    const status = c.status ? STATUS_LABEL[c.status] : undefined;
    if (c.canceled) {
      doc.claims.push({ number: c.number, status, canceled: true, lines: [] });
      continue;
    }
    doc.claims.push({ number: c.number, status, canceled: false, lines: claimLines(analysis, c, edits) });
  }

  if (analysis.abstract) {
    for (const para of analysis.abstract.text.split(/\n[ \t]*\n/)) {
      const runs = inlineRuns(para.trim());
      if (runs.length) doc.abstract.push(runs);
    }
  }
  if (ep) doc.abstractFigure = abstractFigure(analysis);
  return doc;
}

interface BuildContext {
  doc: FilingDocument;
  images: string[];
  html: () => number;
  number: number;
}

function addBlock(ctx: BuildContext, b: Block): void {
  if (ctx.doc.body.length >= FILING_LIMITS.blocks) throw new FilingError(`the description has more than ${FILING_LIMITS.blocks} blocks; split the matter`);
  ctx.doc.body.push(b);
}

function paragraph(ctx: BuildContext, runs: Run[], code = false): void {
  if (!runs.some((r) => r.text.trim())) return;
  addBlock(ctx, { kind: 'paragraph', number: ++ctx.number, runs, ...(code ? { code } : {}) });
}

function collectImages(tokens: Token[] | undefined, ctx: BuildContext, depth: number): void {
  if (!tokens || depth > FILING_LIMITS.nesting) return;
  for (const t of tokens) {
    if (t.type === 'image') ctx.images.push((t as Tokens.Image).href.slice(0, 80));
    else collectImages((t as { tokens?: Token[] }).tokens, ctx, depth + 1);
  }
}

function addBlocks(tokens: Token[], ctx: BuildContext, depth: number): void {
  for (const tok of tokens) {
    switch (tok.type) {
      case 'heading': {
        const t = tok as Tokens.Heading;
        const runs = tokensToRuns(t.tokens);
        // The title stands once, at the top: a "# Title" under a front-matter title is not a section.
        if (t.depth === 1 && runsText(runs).trim().toLowerCase() === ctx.doc.title.toLowerCase()) break;
        if (ctx.doc.jurisdiction === 'us') for (const r of runs) r.text = r.text.toUpperCase();
        addBlock(ctx, { kind: 'heading', level: Math.min(6, Math.max(2, t.depth)), runs });
        break;
      }
      case 'paragraph':
      case 'text': {
        const t = tok as Tokens.Paragraph;
        collectImages(t.tokens, ctx, 0);
        paragraph(ctx, t.tokens ? tokensToRuns(t.tokens) : inlineRuns(t.text));
        break;
      }
      case 'list': {
        const t = tok as Tokens.List;
        const start = typeof t.start === 'number' ? t.start : 1;
        t.items.forEach((item, i) => {
          const marker = t.ordered ? `${start + i}. ` : '• ';
          const inner = item.tokens ?? [];
          // The item's own text is one paragraph; nested blocks (sub-lists) follow as their own.
          const first = inner.findIndex((x) => x.type === 'text' || x.type === 'paragraph');
          if (first >= 0) {
            const ft = inner[first] as Tokens.Text;
            collectImages(ft.tokens, ctx, 0);
            paragraph(ctx, mergeRuns([{ text: marker }, ...(ft.tokens ? tokensToRuns(ft.tokens) : inlineRuns(ft.text))]));
          }
          if (depth < FILING_LIMITS.nesting)
            addBlocks(
              inner.filter((_, k) => k !== first),
              ctx,
              depth + 1,
            );
        });
        break;
      }
      case 'blockquote':
        if (depth < FILING_LIMITS.nesting) addBlocks((tok as Tokens.Blockquote).tokens, ctx, depth + 1);
        else paragraph(ctx, inlineRuns((tok as Tokens.Blockquote).text));
        break;
      case 'code': {
        const lines = (tok as Tokens.Code).text.split('\n');
        paragraph(
          ctx,
          lines.map((l, i) => ({ text: l, code: true, ...(i ? { break: true } : {}) })),
          true,
        );
        break;
      }
      case 'table': {
        const t = tok as Tokens.Table;
        const cells = (t.header.length || 1) * (t.rows.length + 1);
        if (cells > FILING_LIMITS.tableCells) throw new FilingError(`a table has ${cells} cells; the export handles up to ${FILING_LIMITS.tableCells}`);
        const rows = [{ header: true, cells: t.header.map((c) => tokensToRuns(c.tokens)) }, ...t.rows.map((r) => ({ header: false, cells: r.map((c) => tokensToRuns(c.tokens)) }))];
        addBlock(ctx, { kind: 'table', rows });
        break;
      }
      case 'html': {
        const raw = tok.raw.trim();
        if (raw.startsWith('<!--') && raw.endsWith('-->')) break;
        if (/<img\b/i.test(raw.slice(0, 2000))) ctx.images.push('<img>');
        const text = stripTags(tok.raw).trim();
        if (text) {
          ctx.html();
          paragraph(ctx, inlineRuns(text));
        }
        break;
      }
      default:
        break; // space, hr, def: nothing to file
    }
  }
}

/** One claim as lines: its preamble, then each element the core found on a line of its own, at the
 *  nesting its source indentation gives (3 spaces a level, as the importer writes them). */
function claimLines(analysis: Analysis, c: Claim, edits: { start: number; end: number; newText: string }[]): ClaimLine[] {
  const layout = analysis.layoutOf(c.uri)!;
  const masked = layout.md.masked;
  const start = c.textRange.start.offset;
  const end = c.textRange.end.offset;
  const cuts = [start];
  // A claim without a transition and with one element ("The ladder of claim 1, wherein ...") stays one line.
  const elements = c.transition || c.elements.length > 1 ? c.elements : [];
  for (const e of elements) {
    const s = e.range.start.offset;
    if (s > cuts[cuts.length - 1] && s < end && masked.slice(cuts[cuts.length - 1], s).trim()) cuts.push(s);
  }
  const lineIndent = (offset: number): number | undefined => {
    const ls = masked.lastIndexOf('\n', offset - 1) + 1;
    const before = masked.slice(ls, offset);
    return /^[ \t]*$/.test(before) ? before.replace(/\t/g, '    ').length : undefined;
  };
  const indents = cuts.slice(1).map(lineIndent);
  const known = indents.filter((x): x is number => x !== undefined);
  const base = known.length ? Math.min(...known) : 0;
  const lines: ClaimLine[] = [];
  cuts.forEach((s, i) => {
    const e = i + 1 < cuts.length ? cuts[i + 1] : end;
    let text = masked.slice(s, e);
    for (const ed of edits) if (ed.start >= s && ed.end <= e) text = text.slice(0, ed.start - s) + ed.newText + text.slice(ed.end - s);
    const runs = inlineRuns(text.replace(/\s+/g, ' ').trim());
    if (!runs.length) return;
    const ind = i === 0 ? undefined : indents[i - 1];
    const level = i === 0 ? 0 : Math.min(4, 1 + Math.max(0, Math.round(((ind ?? base) - base) / 3)));
    lines.push({ level, runs });
  });
  return lines;
}

const FIG = /\bfig(?:ure|s?\.?)\s*(\d{1,3}[A-Za-z]?)/i;

/** EP (Rule 47(4) EPC): the figure to publish with the abstract: the one the abstract names, else
 *  the first the description names. */
function abstractFigure(analysis: Analysis): string | undefined {
  const inAbstract = analysis.abstract ? FIG.exec(analysis.abstract.text) : null;
  if (inAbstract) return `Fig. ${inAbstract[1]}`;
  for (const layout of analysis.layouts) {
    for (const part of layout.disclosure) {
      const m = FIG.exec(layout.md.masked.slice(part.start, Math.min(part.end, part.start + 500_000)));
      if (m) return `Fig. ${m[1]}`;
    }
  }
  return undefined;
}
