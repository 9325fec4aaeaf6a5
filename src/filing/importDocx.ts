// Import from Word: a .docx draft becomes a single-file Markdown matter. The container is checked
// first (src/filing/zip.ts: size, part count, unpacked size, XML depth); mammoth then reads the
// document's structure (headings, paragraphs, lists, tables, emphasis, sub/superscripts) as HTML,
// which is turned into Markdown here: headings, numbered paragraphs without their [0001], claims as
// a numbered list with each element on its own line, the abstract. Tracked changes (w:ins, w:del,
// moves) are counted from document.xml and reported, never accepted silently; images and comments
// are listed, not dropped silently. The report goes at the top of the Markdown as a comment too.
import mammoth from 'mammoth';
import { ABSTRACT_HEADING, CLAIMS_HEADING } from '../core/index';
import { PLACEHOLDERS } from '../core/index';
import { parseXml, XmlError, type XmlElement, type XmlNode } from '../core/index';
import { runsMarkdown } from './markdown';
import { mergeRuns, runsText, type Run } from './runs';
import { checkDocxContainer, ZipError, ZIP_LIMITS } from './zip';

export class DocxImportError extends Error {}

export interface DocxImportReport {
  trackedInsertions: number;
  trackedDeletions: number;
  trackedMoves: number;
  /** Formatting changes tracked (w:rPrChange, w:pPrChange). */
  trackedFormatting: number;
  comments: number;
  images: { index: number; contentType: string; altText?: string }[];
  /** mammoth's messages (style names it did not map and the like), deduplicated. */
  warnings: string[];
}

export interface ImportedDocx {
  title: string;
  files: { name: string; text: string }[];
  claims: number;
  paragraphs: number;
  report: DocxImportReport;
}

export const DOCX_IMPORT_LIMITS = { ...ZIP_LIMITS, htmlBytes: 64 * 1024 * 1024, blocks: 200_000, listDepth: 12 };

/** Counts of an element's start tags (`<w:ins ` or `<w:ins>`), a linear scan. */
function countTag(xml: string, tag: string): number {
  let n = 0;
  const open = `<${tag}`;
  for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i + open.length)) {
    const c = xml[i + open.length];
    if (c === ' ' || c === '>' || c === '/' || c === '\t' || c === '\n' || c === '\r') n++;
  }
  return n;
}

/** A Word document by its name or its first bytes (a ZIP container): the import's .docx branch. */
export function isWordDocument(name: string, bytes: Uint8Array): boolean {
  return /\.docx$/i.test(name) || (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);
}

/** The matter's file name from the Word file's ("Draft v3.docx" → "draft-v3.md"). */
export function matterFileName(docxName: string): string {
  const stem = docxName.replace(/^.*[\\/]/, '').replace(/\.docx$/i, '');
  const clean = stem
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${clean || 'imported-draft'}.md`;
}

export async function importDocx(bytes: Buffer, docxName = 'draft.docx'): Promise<ImportedDocx> {
  let checked;
  try {
    checked = checkDocxContainer(bytes, DOCX_IMPORT_LIMITS);
  } catch (err) {
    if (err instanceof ZipError) throw new DocxImportError(err.message);
    throw err;
  }
  const documentXml = checked.xml.get('word/document.xml') ?? '';
  const images: DocxImportReport['images'] = [];
  const report: DocxImportReport = {
    trackedInsertions: countTag(documentXml, 'w:ins'),
    trackedDeletions: countTag(documentXml, 'w:del'),
    trackedMoves: countTag(documentXml, 'w:moveFrom') + countTag(documentXml, 'w:moveTo'),
    trackedFormatting: countTag(documentXml, 'w:rPrChange') + countTag(documentXml, 'w:pPrChange'),
    comments: countTag(checked.xml.get('word/comments.xml') ?? '', 'w:comment'),
    images,
    warnings: [],
  };
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        // Images are listed, not embedded: the image's bytes are never read.
        convertImage: mammoth.images.imgElement(async (image) => {
          const index = images.length + 1;
          // mammoth passes the picture's description (its types leave it out).
          const alt = (image as { altText?: unknown }).altText;
          images.push({ index, contentType: image.contentType, ...(typeof alt === 'string' && alt ? { altText: alt.slice(0, 200) } : {}) });
          return { src: `image-${index}` };
        }),
      },
    );
    html = result.value;
    report.warnings = [...new Set(result.messages.map((m) => `${m.type}: ${m.message}`.slice(0, 200)))].slice(0, 20);
  } catch (err) {
    throw new DocxImportError(`the Word document could not be read (${(err as Error).message.slice(0, 200)}); open it in Word and save it again as .docx`);
  }
  if (html.length > DOCX_IMPORT_LIMITS.htmlBytes) throw new DocxImportError('the Word document converts to more text than Patent Draft reads; split it');
  let root: XmlElement;
  try {
    root = parseXml(`<root>${html}</root>`).root;
  } catch (err) {
    throw new DocxImportError(`the Word document's structure could not be read${err instanceof XmlError ? ` (${err.message})` : ''}`);
  }
  const md = new MarkdownBuilder();
  md.blocks(root.children, 0);
  const body =
    md.lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n';
  const header = reportComment(docxName, report);
  const text = (header ? header + '\n\n' : '') + body;
  return { title: md.title, files: [{ name: matterFileName(docxName), text }], claims: md.claimCount, paragraphs: md.paragraphs, report };
}

/** The import report as lines for people (CLI, editor). Counts and content types only. */
export function describeImportReport(r: DocxImportReport): string[] {
  const out: string[] = [];
  const tracked = r.trackedInsertions + r.trackedDeletions + r.trackedMoves + r.trackedFormatting;
  if (tracked) {
    out.push(
      `tracked changes: ${r.trackedInsertions} insertion(s), ${r.trackedDeletions} deletion(s), ${r.trackedMoves} move(s), ${r.trackedFormatting} formatting change(s); the Markdown shows the text with them accepted (insertions kept, deletions left out): review them in Word (Review > Accept/Reject) before relying on it`,
    );
  }
  if (r.comments) out.push(`${r.comments} Word comment(s) not imported`);
  if (r.images.length)
    out.push(
      `${r.images.length} image(s) not imported, marked ${PLACEHOLDERS.image} in the text: ${r.images
        .map((i) => `#${i.index} ${i.contentType}`)
        .slice(0, 10)
        .join(', ')}${r.images.length > 10 ? ', …' : ''}`,
    );
  return out;
}

function reportComment(docxName: string, r: DocxImportReport): string {
  const lines = describeImportReport(r);
  if (!lines.length) return '';
  const name = docxName
    .replace(/^.*[\\/]/, '')
    .replace(/--+/g, '-')
    .slice(0, 120);
  return `<!-- Imported from ${name}:\n${lines.map((l) => `  - ${l.replace(/--+/g, '-')}`).join('\n')}\n-->`;
}

const INLINE_STYLE: Record<string, keyof Run> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  s: 'strike',
  del: 'strike',
  strike: 'strike',
  sub: 'sub',
  sup: 'sup',
  code: 'code',
};
const PARA_NUMBER = /^\s*\[\d{3,5}\][ \t]*/;
const CLAIM_NUMBER = /^\s*(\d{1,4})\s*[.)][ \t]*/;

class MarkdownBuilder {
  lines: string[] = [];
  title = '';
  claimCount = 0;
  paragraphs = 0;
  private section: 'body' | 'claims' | 'abstract' = 'body';
  /** In the claims section, after a claim's first paragraph: a paragraph without a number continues it. */
  private inClaim = false;
  private started = false;
  private count = 0;

  private add(...ls: string[]): void {
    if (++this.count > DOCX_IMPORT_LIMITS.blocks) throw new DocxImportError(`the Word document has more than ${DOCX_IMPORT_LIMITS.blocks} paragraphs; split it`);
    this.lines.push(...ls);
  }

  blocks(nodes: XmlNode[], depth: number): void {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      const name = n.name.toLowerCase();
      if (/^h[1-6]$/.test(name)) this.heading(Number(name[1]), inlineRuns(n.children));
      else if (name === 'p') this.paragraph(inlineRuns(n.children));
      else if (name === 'ol' || name === 'ul') this.list(n, depth);
      else if (name === 'table') this.table(n);
      else this.blocks(n.children, depth + 1);
    }
  }

  private heading(level: number, runs: Run[]): void {
    const text = runsText(runs).replace(/\s+/g, ' ').trim();
    if (!text) return;
    if (level === 1 && !this.started && !this.title && !CLAIMS_HEADING.test(text) && !ABSTRACT_HEADING.test(text)) {
      this.title = text;
      this.started = true;
      this.add(`# ${text}`, '');
      return;
    }
    this.started = true;
    this.inClaim = false;
    if (CLAIMS_HEADING.test(text)) {
      this.section = 'claims';
      this.add(`## ${text}`, '');
    } else if (ABSTRACT_HEADING.test(text)) {
      this.section = 'abstract';
      this.add('## Abstract', '');
    } else {
      this.section = 'body';
      this.add(`${'#'.repeat(Math.max(2, level))} ${runsMarkdown(runs).replace(/\s+/g, ' ').trim()}`, '');
    }
  }

  private paragraph(runs: Run[]): void {
    const text = runsText(runs).trim();
    if (!text) return;
    // A short paragraph that is a section heading by its words ("What is claimed is:", "ABSTRACT").
    const flat = text.replace(/\s+/g, ' ');
    if (flat.length <= 60 && (CLAIMS_HEADING.test(flat) || ABSTRACT_HEADING.test(flat))) return this.heading(2, runs);
    // A section heading typed as a paragraph: short, all bold or all capitals, no closing punctuation.
    const allBold = runs.every((r) => r.bold || !r.text.trim());
    const caps = /[A-Z]/.test(flat) && flat === flat.toUpperCase() && !/^\[\d/.test(flat);
    if (flat.length <= 80 && (allBold || caps) && !/[.;,:]$/.test(flat) && !CLAIM_NUMBER.test(flat))
      return this.heading(
        2,
        runs.map((r) => ({ ...r, bold: undefined })),
      );
    this.started = true;
    let body = runs;
    if (PARA_NUMBER.test(runsText(body))) {
      body = dropPrefix(body, PARA_NUMBER);
      this.paragraphs++;
    }
    if (this.section === 'claims' && CLAIM_NUMBER.test(runsText(body))) {
      const n = Number(CLAIM_NUMBER.exec(runsText(body))![1]);
      this.claimCount++;
      this.add(...this.claimLines(`${n}. `, dropPrefix(body, CLAIM_NUMBER)), '');
      this.inClaim = true;
      return;
    }
    if (this.section === 'claims' && this.inClaim) {
      // An element typed as a paragraph of its own under its claim: a line of that claim.
      if (this.lines[this.lines.length - 1] === '') this.lines.pop();
      this.add(...this.claimLines('', body).map((l, i) => (i === 0 ? `   ${l.trim()}` : l)), '');
      return;
    }
    this.add(...this.lineBlock(body), '');
  }

  /** A claim's lines: its first line after the number, each later line (a line break in Word) an
   *  element, indented 3 spaces a level (a level per leading tab, at least one). */
  private claimLines(head: string, runs: Run[], extra: string[] = []): string[] {
    const lines = splitLines(runs);
    const out = [head + runsMarkdown(trimRuns(lines[0] ?? [])).trim()];
    for (const l of lines.slice(1)) {
      const tabs = /^\t*/.exec(runsText(l))![0].length;
      const t = runsMarkdown(trimRuns(l)).trim();
      if (t) out.push(`${'   '.repeat(Math.max(1, tabs))}${t}`);
    }
    return [...out, ...extra];
  }

  /** Lines of a paragraph with line breaks: continuation lines indented so they stay in the paragraph. */
  private lineBlock(runs: Run[]): string[] {
    const lines = splitLines(runs)
      .map((l) => runsMarkdown(trimRuns(l)).trim())
      .filter(Boolean);
    return lines.map((l, i) => (i === 0 ? l : `   ${l}`));
  }

  private list(el: XmlElement, depth: number): void {
    const ordered = el.name.toLowerCase() === 'ol';
    let i = 0;
    for (const li of el.children) {
      if (li.type !== 'element' || li.name.toLowerCase() !== 'li') continue;
      i++;
      const own = li.children.filter((c) => !(c.type === 'element' && /^(ol|ul)$/i.test(c.name)));
      const nested = li.children.filter((c): c is XmlElement => c.type === 'element' && /^(ol|ul)$/i.test(c.name));
      const runs = inlineRuns(own);
      if (this.section === 'claims' && ordered && depth === 0) {
        // A claim in a numbered Word list: its number is its place among the claims.
        const n = ++this.claimCount;
        const elements = nested.flatMap((x) => this.elementLines(x, 1));
        this.add(...this.claimLines(`${n}. `, dropPrefix(runs, CLAIM_NUMBER), elements), '');
        this.inClaim = true;
        continue;
      }
      const marker = ordered ? `${i}. ` : '- ';
      const pad = '   '.repeat(depth);
      this.add(...this.lineBlock(runs).map((l, k) => (k === 0 ? pad + marker + l : pad + l)));
      if (depth < DOCX_IMPORT_LIMITS.listDepth) for (const x of nested) this.list(x, depth + 1);
      if (depth === 0) this.add('');
    }
  }

  /** A claim's elements given as a nested Word list: one line each, 3 spaces a level. */
  private elementLines(el: XmlElement, level: number): string[] {
    const out: string[] = [];
    if (level > DOCX_IMPORT_LIMITS.listDepth) return out;
    for (const li of el.children) {
      if (li.type !== 'element' || li.name.toLowerCase() !== 'li') continue;
      const own = li.children.filter((c) => !(c.type === 'element' && /^(ol|ul)$/i.test(c.name)));
      const t = runsMarkdown(trimRuns(inlineRuns(own)))
        .replace(/\s+/g, ' ')
        .trim();
      if (t) out.push(`${'   '.repeat(level)}${t}`);
      for (const x of li.children) if (x.type === 'element' && /^(ol|ul)$/i.test(x.name)) out.push(...this.elementLines(x, level + 1));
    }
    return out;
  }

  private table(el: XmlElement): void {
    const rows: string[][] = [];
    const walk = (n: XmlElement, d: number) => {
      if (d > 8) return;
      for (const c of n.children) {
        if (c.type !== 'element') continue;
        const name = c.name.toLowerCase();
        if (name === 'tr')
          rows.push(
            c.children
              .filter((x): x is XmlElement => x.type === 'element' && /^t[dh]$/i.test(x.name))
              .map((cell) =>
                runsMarkdown(trimRuns(inlineRuns(cell.children)))
                  .replace(/\s+/g, ' ')
                  .replace(/\|/g, '\\|')
                  .trim(),
              ),
          );
        else if (name !== 'table') walk(c, d + 1);
      }
    };
    walk(el, 0);
    if (!rows.length) return;
    const cols = Math.max(1, ...rows.map((r) => r.length));
    const line = (r: string[]) => `| ${Array.from({ length: cols }, (_, i) => r[i] ?? '').join(' | ')} |`;
    this.add(line(rows[0]), `|${' --- |'.repeat(cols)}`, ...rows.slice(1).map(line), '');
  }
}

/** Inline HTML (mammoth's) to runs; paragraphs inside (table cells, list items) are joined by breaks. */
function inlineRuns(nodes: XmlNode[]): Run[] {
  const out: Run[] = [];
  const walk = (ns: XmlNode[], style: Partial<Run>, depth: number) => {
    for (const n of ns) {
      if (n.type === 'text') {
        if (n.text) out.push({ ...style, text: n.text });
        continue;
      }
      const name = n.name.toLowerCase();
      if (name === 'br') out.push({ text: '', break: true });
      else if (name === 'img') out.push({ ...style, text: `${PLACEHOLDERS.image}${n.attrs.alt ? ` ${n.attrs.alt.slice(0, 100)}` : ''}` });
      else if (depth > 32) continue;
      else if (name === 'p' && out.length) {
        out.push({ text: '', break: true });
        walk(n.children, style, depth + 1);
      } else {
        const key = INLINE_STYLE[name];
        walk(n.children, key ? { ...style, [key]: true } : style, depth + 1);
      }
    }
  };
  walk(nodes, {}, 0);
  // Neighbours of the same style joined; a line's leading tabs (a claim element's nesting) kept.
  return mergeRuns(out);
}

function splitLines(runs: Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const r of runs) {
    if (r.break) lines.push([]);
    if (r.text) lines[lines.length - 1].push({ ...r, break: undefined });
  }
  return lines;
}

/** Tabs (Word's indentation) as spaces. */
function trimRuns(runs: Run[]): Run[] {
  return runs.map((r) => ({ ...r, text: r.text.replace(/\t/g, ' ') }));
}

/** Removes a prefix (a [0001] or a claim number) matched on the runs' joined text. */
function dropPrefix(runs: Run[], re: RegExp): Run[] {
  const m = re.exec(runsText(runs));
  if (!m) return runs;
  let left = m[0].length;
  const out: Run[] = [];
  for (const r of runs) {
    if (left <= 0) {
      out.push(r);
      continue;
    }
    const len = (r.break ? 1 : 0) + r.text.length;
    if (len <= left) {
      left -= len;
      continue;
    }
    out.push({ ...r, break: undefined, text: r.text.slice(left - (r.break ? 1 : 0)) });
    left = 0;
  }
  return out;
}
