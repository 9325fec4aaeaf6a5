// Import from Word: every corpus document exported and read back gives the same claims (numbers,
// dependencies, text), title and abstract; Word's own structures (heading styles, numbered lists,
// plain bold headings) become the matter's; tracked changes, comments and images are reported; the
// container is bounded (size, part count, unpacked size, lying sizes, XML depth).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { AlignmentType, DeletedTextRun, Document, HeadingLevel, ImageRun, InsertedTextRun, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { analyzeMatter, createMatter, type Analysis } from '../../src/core';
import { runCli } from '../../src/cli/main';
import { exportMatter } from '../../src/filing/export';
import { DocxImportError, importDocx } from '../../src/filing/importDocx';
import { checkDocxContainer, ZipError, ZIP_LIMITS } from '../../src/filing/zip';
import { CORPUS_DIRS, fakeIo, MATTER, tempDir } from './helpers';

const analyzeText = (text: string): Analysis => analyzeMatter(createMatter('/m', [{ uri: '/m/doc.md', text }]));
/** A claim's text as words: line breaks, indentation and Markdown escapes aside. */
const words = (s: string) =>
  s
    .replace(/\\(?=[\\`*_~<])/g, '')
    .replace(/\s+/g, ' ')
    .trim();

async function roundTrip(text: string): Promise<{ before: Analysis; after: Analysis; imported: Awaited<ReturnType<typeof importDocx>>; exported: Awaited<ReturnType<typeof exportMatter>> }> {
  const before = analyzeText(text);
  const exported = await exportMatter(before.matter, { format: 'docx' });
  const imported = await importDocx(exported.bytes, 'doc.docx');
  return { before, after: analyzeText(imported.files[0].text), imported, exported };
}

function sameClaims(before: Analysis, after: Analysis, name: string): void {
  assert.equal(after.claims.length, before.claims.length, `${name}: claim count`);
  before.claims.forEach((c, i) => {
    const d = after.claims[i];
    assert.equal(d.number, c.number, `${name}: claim ${c.number} number`);
    assert.deepEqual(d.parents, c.parents, `${name}: claim ${c.number} dependencies`);
    assert.equal(words(d.text), words(c.text), `${name}: claim ${c.number} text`);
  });
}

describe('import from Word: export and re-import', () => {
  it('gives back the fixture matter: claims, dependencies, element lines, title, numbered paragraphs without [0001]', async () => {
    const { before, after, imported } = await roundTrip(MATTER);
    sameClaims(before, after, 'fixture');
    const md = imported.files[0].text;
    assert.match(md, /^# FOLDING LADDER WITH A LOCKING HINGE$/m);
    assert.match(md, /^1\. A ladder comprising:\n {3}a rail 10; and\n {3}a hinge 12 coupled to the rail 10, the hinge 12 having:\n {6}a pin; and\n {6}a lock\.$/m);
    assert.doesNotMatch(md, /\[\d{4}\]/);
    assert.match(md, /^The invention relates to \*ladders\* and \*\*hinges\*\* made of steel with H<sub>2<\/sub>O-resistant paint rated to 10<sup>6<\/sup> cycles\.$/m);
    assert.match(md, /^\| rail \| 10 \|$/m);
    assert.equal(imported.paragraphs, 4);
    assert.equal(imported.claims, 3);
    assert.equal(after.abstract?.text, before.abstract?.text);
    assert.match(md, /^## Abstract$/m);
    assert.deepEqual(imported.report.images, []);
    assert.equal(imported.report.trackedInsertions + imported.report.trackedDeletions, 0);
  });

  const docs = CORPUS_DIRS.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.md') && f.startsWith('US'))
      .map((f) => path.join(d, f)),
  );
  if (docs.length === 0) it('corpus round trips (skipped: no corpus beside this checkout)');
  for (const file of docs) {
    it(`round-trips ${path.basename(path.dirname(file))}/${path.basename(file)} with the same claims and dependencies`, async () => {
      const { before, after, exported, imported } = await roundTrip(readFileSync(file, 'utf8'));
      assert.deepEqual(exported.findings, [], 'a granted patent passes the filing checks');
      assert.ok(before.claims.length > 0);
      sameClaims(before, after, path.basename(file));
      assert.equal(imported.paragraphs, exported.document.paragraphs, 'every numbered paragraph comes back');
      assert.equal(words(after.abstract?.text ?? ''), words(before.abstract?.text ?? ''), 'abstract');
    });
  }
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A Word draft as a firm would write it: a Title heading, plain bold section headings, claims in a
 *  numbered list with lettered elements, a tracked insertion and deletion, a picture. */
async function wordDraft(): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'claims',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Folding ladder')] }),
          new Paragraph({ children: [new TextRun({ text: 'BACKGROUND', bold: true })] }),
          new Paragraph({
            children: [
              new TextRun('[0001] The rail is made of '),
              new InsertedTextRun({ text: 'steel', id: 1, author: 'Reviewer', date: '2024-01-01T00:00:00Z' }),
              new DeletedTextRun({ text: 'wood', id: 2, author: 'Reviewer', date: '2024-01-01T00:00:00Z' }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 }, altText: { name: 'fig1', description: 'Figure 1', title: 'Figure 1' } })] }),
          new Paragraph({ children: [new TextRun({ text: 'What is claimed is:', bold: true })] }),
          new Paragraph({ numbering: { reference: 'claims', level: 0 }, children: [new TextRun('A ladder comprising:')] }),
          new Paragraph({ numbering: { reference: 'claims', level: 1 }, children: [new TextRun('a rail; and')] }),
          new Paragraph({ numbering: { reference: 'claims', level: 1 }, children: [new TextRun('a hinge.')] }),
          new Paragraph({ numbering: { reference: 'claims', level: 0 }, children: [new TextRun('The ladder of claim 1, wherein the hinge locks.')] }),
          new Paragraph({ children: [new TextRun({ text: 'ABSTRACT', bold: true })] }),
          new Paragraph({ children: [new TextRun('A ladder folds.')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('import from Word: a draft written in Word', () => {
  it('makes numbered-list claims a claims section with elements on their own lines', async () => {
    const imported = await importDocx(await wordDraft(), 'Ladder Draft v3.docx');
    const md = imported.files[0].text;
    assert.equal(imported.files[0].name, 'ladder-draft-v3.md');
    assert.match(md, /^# Folding ladder$/m);
    assert.match(md, /^## BACKGROUND$/m);
    assert.match(md, /^## What is claimed is:\n\n1\. A ladder comprising:\n {3}a rail; and\n {3}a hinge\.\n\n2\. The ladder of claim 1, wherein the hinge locks\.$/m);
    assert.match(md, /^## Abstract\n\nA ladder folds\.$/m);
    const a = analyzeText(md);
    assert.deepEqual(
      a.claims.map((c) => [c.number, c.parents]),
      [
        [1, []],
        [2, [1]],
      ],
    );
    assert.equal(a.claims[0].elements.length, 2);
    assert.equal(a.title?.text, 'Folding ladder');
    assert.equal(a.abstract?.text, 'A ladder folds.');
  });

  it('reads claims typed as paragraphs, each element a paragraph of its own under its claim', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Hinge')] }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Background')] }),
            new Paragraph({ children: [new TextRun('Hinges turn.')] }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Claims')] }),
            new Paragraph({ children: [new TextRun('1. A hinge comprising:')] }),
            new Paragraph({ indent: { left: 720 }, children: [new TextRun('a pin; and')] }),
            new Paragraph({ indent: { left: 720 }, children: [new TextRun('a leaf turning on the pin.')] }),
            new Paragraph({ children: [new TextRun('2. The hinge of claim 1, wherein the pin is steel.')] }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Abstract')] }),
            new Paragraph({ children: [new TextRun('A hinge turns.')] }),
          ],
        },
      ],
    });
    const imported = await importDocx(await Packer.toBuffer(doc), 'hinge.docx');
    const md = imported.files[0].text;
    assert.match(md, /^## Claims\n\n1\. A hinge comprising:\n {3}a pin; and\n {3}a leaf turning on the pin\.\n\n2\. The hinge of claim 1, wherein the pin is steel\.\n\n## Abstract$/m);
    const a = analyzeText(md);
    assert.deepEqual(
      a.claims.map((c) => [c.number, c.parents, c.elements.length]),
      [
        [1, [], 2],
        [2, [1], 1],
      ],
    );
    assert.equal(a.abstract?.text, 'A hinge turns.');
  });

  it('reports tracked changes (not accepted silently), and lists images', async () => {
    const imported = await importDocx(await wordDraft(), 'draft.docx');
    assert.equal(imported.report.trackedInsertions, 1);
    assert.equal(imported.report.trackedDeletions, 1);
    assert.deepEqual(imported.report.images, [{ index: 1, contentType: 'image/png', altText: 'Figure 1' }]);
    const md = imported.files[0].text;
    assert.match(md, /^<!-- Imported from draft\.docx:\n {2}- tracked changes: 1 insertion\(s\), 1 deletion\(s\)/);
    assert.match(md, /1 image\(s\) not imported, marked \[Image\] in the text: #1 image\/png/);
    assert.match(md, /^\[Image\] Figure 1$/m);
    // The comment is masked for the checks: the matter reads the same.
    assert.equal(analyzeText(md).claims.length, 2);
  });

  it('imports through the CLI: writes DIR/<name>.md, reports on stderr, never overwrites without --force', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'Draft.docx'), await wordDraft());
    const io = fakeIo(dir);
    assert.equal(await runCli(['import', 'Draft.docx'], io), 0, io.err);
    assert.match(io.out, /wrote draft\/draft\.md/);
    assert.match(io.out, /Folding ladder \(Word document, 1 numbered paragraph\(s\), 2 claim\(s\)/);
    assert.match(io.err, /tracked changes: 1 insertion\(s\), 1 deletion\(s\)/);
    assert.match(io.err, /1 image\(s\) not imported/);
    const md = path.join(dir, 'draft', 'draft.md');
    assert.ok(existsSync(md));
    writeFileSync(md, 'MINE');
    const io2 = fakeIo(dir);
    assert.equal(await runCli(['import', 'Draft.docx'], io2), 1);
    assert.match(io2.err, /exists; not overwritten/);
    assert.equal(readFileSync(md, 'utf8'), 'MINE');
    assert.equal(await runCli(['import', 'Draft.docx', '--out', 'x', '--force'], fakeIo(dir)), 0);
    assert.ok(existsSync(path.join(dir, 'x', 'draft.md')));
  });

  it('gives a clear message for a file that is not a Word document (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.docx'), 'plain text, not a zip');
    const io = fakeIo(dir);
    assert.equal(await runCli(['import', 'notes.docx'], io), 2);
    assert.match(io.err, /notes\.docx: not a Word document \(\.docx\): the file is not a ZIP container/);
  });
});

/** A ZIP made by hand, so each entry can declare whatever size a hostile file would. */
function zip(entries: { name: string; data: Buffer; declared?: number; flags?: number; method?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const packed = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(e.flags ?? 0, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(packed.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(e.flags ?? 0, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(packed.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, packed);
    central.push(ch, name);
    offset += lh.length + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const DOC = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>');

describe('import from Word: the container is bounded', () => {
  const refuses = (buf: Buffer, re: RegExp, limits = ZIP_LIMITS) =>
    assert.throws(
      () => checkDocxContainer(buf, limits),
      (e: unknown) => e instanceof ZipError && re.test((e as Error).message),
    );

  it('reads a well-formed container', () => {
    const r = checkDocxContainer(zip([{ name: 'word/document.xml', data: DOC }]));
    assert.equal(r.xml.get('word/document.xml'), DOC.toString());
  });

  it('stops an entry that unpacks to more than it declares (a zip bomb) without unpacking it all', () => {
    refuses(
      zip([
        { name: 'word/document.xml', data: DOC },
        { name: 'word/media/bomb.bin', data: Buffer.alloc(20 * 1024 * 1024), declared: 1000 },
      ]),
      /unpacks to more than the 1000 bytes it declares/,
    );
  });

  it('refuses entries that declare a bomb ratio, too many entries, too much unpacked in all, or too large a file', () => {
    refuses(
      zip([
        { name: 'word/document.xml', data: DOC },
        { name: 'word/x.bin', data: Buffer.alloc(1000), declared: 150 * 1024 * 1024 },
      ]),
      /unpacks \d+ times its packed size/,
    );
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `word/p${i}.xml`, data: DOC }));
    refuses(zip(many), /holds 30 parts; Patent Draft reads up to 20/, { ...ZIP_LIMITS, entries: 20 });
    refuses(zip(many), /unpacks to more than/, { ...ZIP_LIMITS, totalBytes: 2000 });
    refuses(zip(many), /the file is .* MB; Patent Draft reads Word documents up to/, { ...ZIP_LIMITS, fileBytes: 1000 });
  });

  it('refuses XML nested deeper than the bound, encryption, other methods, and damaged or foreign containers', () => {
    const deep = Buffer.from(`<w:document>${'<w:x>'.repeat(300)}${'</w:x>'.repeat(300)}</w:document>`);
    refuses(zip([{ name: 'word/document.xml', data: deep }]), /nests elements more than 256 deep/);
    refuses(zip([{ name: 'word/document.xml', data: DOC, flags: 1 }]), /encrypted/);
    refuses(zip([{ name: 'word/document.xml', data: DOC, method: 12 }]), /uses ZIP method 12/);
    refuses(zip([{ name: 'xl/workbook.xml', data: DOC }]), /no word\/document\.xml/);
    const good = zip([{ name: 'word/document.xml', data: DOC }]);
    refuses(good.subarray(0, good.length - 30), /ZIP directory is missing/);
    refuses(Buffer.from('{"not": "a zip"}'), /not a ZIP container/);
  });

  it("turns a container error into the import's error", async () => {
    const deep = Buffer.from(`<w:document>${'<w:x>'.repeat(300)}${'</w:x>'.repeat(300)}</w:document>`);
    await assert.rejects(importDocx(zip([{ name: 'word/document.xml', data: deep }])), (e: unknown) => e instanceof DocxImportError && /nests elements/.test((e as Error).message));
  });
});
