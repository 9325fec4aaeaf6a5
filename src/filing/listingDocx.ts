// A claim listing as a Word document, built with the `docx` library: added text in real underline
// runs, deleted text in real strike-through runs (or "[[…]]" for five or fewer characters, as
// 37 CFR 1.121(c)(2) allows), one paragraph per claim, its further lines on indented lines. Page and
// type are the filing export's (DOCX_LAYOUT in ./docx).
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, Tab, TextRun, type ParagraphChild } from 'docx';
import type { ClaimListing, ListingClaim } from './amend';
import { MAX_BRACKETED, STATUS_LABEL, type ListingMark } from './amendMarks';
import { DOCX_LAYOUT } from './docx';
import { LISTING_HEADING, LISTING_LEAD } from './listing';

function run(text: string, style: { underline?: boolean; strike?: boolean } = {}): TextRun {
  return new TextRun({ text, underline: style.underline ? {} : undefined, strike: style.strike || undefined });
}

/** The runs of one mark, a line break (and a tab) where its text has one. */
function markRuns(m: ListingMark): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  m.text.split('\n').forEach((line, i) => {
    if (i > 0) out.push(new TextRun({ break: 1 }), new TextRun({ children: [new Tab()] }));
    if (line === '') return;
    if (m.type === 'equal') return void out.push(run(line));
    const lead = line.slice(0, line.length - line.trimStart().length);
    const core = line.trim();
    const trail = core ? line.slice(lead.length + core.length) : '';
    if (lead) out.push(run(lead));
    if (core) {
      if (m.type === 'insert') out.push(run(core, { underline: true }));
      else if ([...core].length <= MAX_BRACKETED && !core.includes('[') && !core.includes(']')) out.push(run(`[[${core}]]`));
      else out.push(run(core, { strike: true }));
    }
    if (trail) out.push(run(trail));
  });
  return out;
}

function claimParagraph(c: ListingClaim): Paragraph {
  const children: ParagraphChild[] = [run(`${c.number}. (${STATUS_LABEL[c.status]})`)];
  if (c.status !== 'canceled' && c.status !== 'not entered') {
    children.push(run(' '));
    const marks: ListingMark[] = c.marks.length ? c.marks : [{ type: 'equal', text: c.text }];
    marks.forEach((m, k) => {
      const prev = marks[k - 1];
      if (prev?.type === 'delete' && m.type === 'insert' && /\S$/.test(prev.text) && /^\S/.test(m.text)) children.push(run(' '));
      children.push(...markRuns(m));
    });
  }
  return new Paragraph({ children, spacing: { line: DOCX_LAYOUT.lineSpacing, after: 240 } });
}

/** The listing as DOCX bytes. */
export async function listingDocx(listing: ClaimListing, options: { title?: string } = {}): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: DOCX_LAYOUT.font, size: DOCX_LAYOUT.sizeHalfPoints } } } },
    sections: [
      {
        properties: { page: { size: { width: DOCX_LAYOUT.pageWidth, height: DOCX_LAYOUT.pageHeight }, margin: DOCX_LAYOUT.margin } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
        children: [
          new Paragraph({ children: [new TextRun({ text: options.title ?? LISTING_HEADING, bold: true })], spacing: { line: DOCX_LAYOUT.lineSpacing, after: 240 } }),
          new Paragraph({ children: [run(LISTING_LEAD)], spacing: { line: DOCX_LAYOUT.lineSpacing, after: 240 } }),
          ...listing.claims.map(claimParagraph),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
