// The filing model as a Word document, built with the `docx` library. Layout after 37 CFR 1.52 and
// the USPTO's DOCX guidance (Rule 49 EPC is no stricter): A4, margins 2.54 cm left and 2.03 cm top,
// right and bottom, Times New Roman 12 pt, 1.5 line spacing, page numbers centred in the footer;
// description paragraphs numbered [0001] in bold; the claims from a new page under their heading,
// one paragraph per claim with its elements on indented lines; the abstract alone on a new page.
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Tab, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions, type ParagraphChild } from 'docx';
import type { FilingDocument } from './model';
import type { Run } from './runs';

/** Page geometry and type, in the units Word uses (twips: 1/1440 inch; half-points). */
export const DOCX_LAYOUT = {
  font: 'Times New Roman',
  codeFont: 'Courier New',
  sizeHalfPoints: 24,
  /** 1.5 lines: 360 of 240ths of a line. */
  lineSpacing: 360,
  pageWidth: 11906,
  pageHeight: 16838,
  margin: { left: 1440, top: 1152, right: 1152, bottom: 1152 },
} as const;

function textRun(r: Run, extra: IRunOptions = {}): TextRun {
  return new TextRun({
    text: r.text,
    bold: r.bold || undefined,
    italics: r.italic || undefined,
    underline: r.underline ? {} : undefined,
    strike: r.strike || undefined,
    subScript: r.sub || undefined,
    superScript: r.sup || undefined,
    font: r.code ? DOCX_LAYOUT.codeFont : undefined,
    break: r.break ? 1 : undefined,
    ...extra,
  });
}

function runs(list: Run[]): ParagraphChild[] {
  return list.map((r) => textRun(r));
}

/** Tabs for an element line's nesting level, after a line break. */
function lineStart(level: number): ParagraphChild[] {
  const out: ParagraphChild[] = [new TextRun({ break: 1 })];
  for (let i = 0; i < level; i++) out.push(new TextRun({ children: [new Tab()] }));
  return out;
}

export function filingDocx(doc: FilingDocument): Document {
  const ep = doc.jurisdiction === 'ep';
  const children: (Paragraph | Table)[] = [];
  if (doc.title) children.push(new Paragraph({ heading: 'Heading1', alignment: AlignmentType.CENTER, children: [new TextRun({ text: ep ? doc.title : doc.title.toUpperCase() })] }));
  for (const b of doc.body) {
    if (b.kind === 'heading') {
      children.push(new Paragraph({ heading: `Heading${b.level}` as 'Heading2', keepNext: true, children: runs(b.runs) }));
    } else if (b.kind === 'paragraph') {
      const label = new TextRun({ text: `[${String(b.number).padStart(4, '0')}]`, bold: true });
      children.push(new Paragraph({ children: [label, new TextRun({ children: [new Tab()] }), ...runs(b.runs)] }));
    } else {
      const cols = Math.max(1, ...b.rows.map((r) => r.cells.length));
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(
            (r) =>
              new TableRow({
                tableHeader: r.header || undefined,
                children: Array.from(
                  { length: cols },
                  (_, i) =>
                    new TableCell({
                      children: [new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.AUTO }, children: runs((r.cells[i] ?? []).map((x) => (r.header ? { ...x, bold: true } : x))) })],
                    }),
                ),
              }),
          ),
        }),
      );
    }
  }
  children.push(new Paragraph({ heading: 'Heading2', pageBreakBefore: true, keepNext: true, children: [new TextRun({ text: doc.claimsHeading })] }));
  for (const c of doc.claims) {
    const parts: ParagraphChild[] = [new TextRun({ text: `${c.number}. ` })];
    if (c.status) parts.push(new TextRun({ text: `(${c.status})${c.canceled ? '' : ' '}` }));
    c.lines.forEach((line, i) => {
      if (i > 0) parts.push(...lineStart(Math.max(1, line.level)));
      parts.push(...runs(line.runs));
    });
    children.push(new Paragraph({ spacing: { after: 240 }, children: parts }));
  }
  children.push(new Paragraph({ heading: 'Heading2', pageBreakBefore: true, keepNext: true, children: [new TextRun({ text: doc.abstractHeading })] }));
  for (const p of doc.abstract) children.push(new Paragraph({ children: runs(p) }));
  if (ep && doc.abstractFigure) children.push(new Paragraph({ children: [new TextRun({ text: `(${doc.abstractFigure})` })] }));

  const heading = {
    run: { font: DOCX_LAYOUT.font, size: DOCX_LAYOUT.sizeHalfPoints, bold: false, italics: false, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120, line: DOCX_LAYOUT.lineSpacing, lineRule: LineRuleType.AUTO } },
  };
  return new Document({
    creator: 'Patent Draft',
    title: doc.title || undefined,
    styles: {
      default: {
        document: { run: { font: DOCX_LAYOUT.font, size: DOCX_LAYOUT.sizeHalfPoints }, paragraph: { spacing: { line: DOCX_LAYOUT.lineSpacing, lineRule: LineRuleType.AUTO, after: 120 } } },
        heading1: heading,
        heading2: heading,
        heading3: heading,
        heading4: heading,
        heading5: heading,
        heading6: heading,
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: DOCX_LAYOUT.pageWidth, height: DOCX_LAYOUT.pageHeight },
            margin: { ...DOCX_LAYOUT.margin, header: 567, footer: 567 },
          },
        },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
        children,
      },
    ],
  });
}

export async function filingDocxBytes(doc: FilingDocument): Promise<Buffer> {
  return Packer.toBuffer(filingDocx(doc));
}
