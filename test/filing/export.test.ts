// Export for filing: the DOCX read back part by part (numbered paragraphs, page breaks, fonts,
// margins, spacing, page numbers, section order, inline formatting, what must not come through),
// the EP layout, the filing office's claim checks, and the CLI's writing rules.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMatter } from '../../src/core';
import { runCli } from '../../src/cli/main';
import { exportMatter, exportTarget } from '../../src/filing/export';
import { FilingError } from '../../src/filing/model';
import { docxPart, fakeIo, MATTER, matterDir, paragraphs } from './helpers';

const matter = (text = MATTER, settings = {}) => createMatter('/m', [{ uri: '/m/ladder.md', text }], settings);

describe('export for filing: DOCX (US layout)', () => {
  let xml: string;
  let paras: { xml: string; text: string }[];
  before(async () => {
    const r = await exportMatter(matter(), { format: 'docx' });
    assert.deepEqual(r.findings, []);
    xml = await docxPart(r.bytes, 'word/document.xml');
    paras = paragraphs(xml);
  });

  it('numbers the description paragraphs [0001]... in bold, and not the headings, claims or abstract', () => {
    const numbered = paras.filter((p) => /^\[\d{4}\]/.test(p.text));
    assert.deepEqual(
      numbered.map((p) => p.text.slice(0, 6)),
      ['[0001]', '[0002]', '[0003]', '[0004]'],
    );
    assert.match(numbered[0].xml, /<w:b\/>[\s\S]*\[0001\]/);
    for (const p of paras) {
      if (/^(FIELD|BACKGROUND|DETAILED DESCRIPTION|What is claimed is:|ABSTRACT)$/.test(p.text) || /^\d+\. /.test(p.text) || p.text.startsWith('A ladder has'))
        assert.doesNotMatch(p.text, /^\[\d{4}\]/, p.text);
    }
  });

  it('keeps the sections in order: title, description, claims from a new page, abstract alone on a new page', () => {
    const idx = (pred: (t: string) => boolean) => paras.findIndex((p) => pred(p.text));
    const title = idx((t) => t === 'FOLDING LADDER WITH A LOCKING HINGE');
    const field = idx((t) => t === 'FIELD');
    const first = idx((t) => t.startsWith('[0001]'));
    const claimsHead = idx((t) => t === 'What is claimed is:');
    const claim1 = idx((t) => t.startsWith('1. A ladder comprising:'));
    const claim3 = idx((t) => t.startsWith('3. The ladder of claim 2'));
    const abstractHead = idx((t) => t === 'ABSTRACT');
    const abstract = idx((t) => t.startsWith('A ladder has a rail'));
    assert.ok(
      title === 0 && title < field && field < first && first < claimsHead && claimsHead < claim1 && claim1 < claim3 && claim3 < abstractHead && abstractHead < abstract,
      JSON.stringify({ title, field, first, claimsHead, claim1, claim3, abstractHead, abstract }),
    );
    assert.match(paras[claimsHead].xml, /<w:pageBreakBefore\/>/);
    assert.match(paras[abstractHead].xml, /<w:pageBreakBefore\/>/);
    assert.equal(paras.filter((p) => /<w:pageBreakBefore\/>/.test(p.xml)).length, 2, 'page breaks before the claims and the abstract only');
    assert.equal(abstract, paras.length - 1, 'nothing after the abstract');
    assert.equal(paras.filter((p) => /folding ladder with a locking hinge/i.test(p.text)).length, 1, 'the title once: the "# Title" under a front-matter title is not a section');
  });

  it('writes one paragraph per claim, its elements on indented lines (a line break and a tab a level)', () => {
    const c1 = paras.find((p) => p.text.startsWith('1. A ladder'))!;
    assert.equal((c1.xml.match(/<w:br\/>/g) ?? []).length, 4, 'four element lines');
    assert.equal((c1.xml.match(/<w:tab\/>/g) ?? []).length, 1 + 1 + 2 + 2, 'levels 1, 1, 2, 2');
    assert.equal(c1.text, '1. A ladder comprising:a rail 10; anda hinge 12 coupled to the rail 10, the hinge 12 having:a pin; anda lock.');
    assert.equal(paras.filter((p) => /^\d+\. (A|The) ladder/.test(p.text)).length, 3);
    const c2 = paras.find((p) => p.text.startsWith('2. The ladder'))!;
    assert.doesNotMatch(c2.xml, /<w:br\/>/, 'a dependent claim without a transition or a list of elements stays one line');
  });

  it('uses a 12 pt Times New Roman, 1.5 line spacing, A4 with margins of at least 2.5 cm left and 2 cm elsewhere, page numbers', async () => {
    const r = await exportMatter(matter(), { format: 'docx' });
    const styles = await docxPart(r.bytes, 'word/styles.xml');
    assert.match(styles, /<w:docDefaults>[\s\S]*<w:rFonts w:ascii="Times New Roman"[^>]*\/>[\s\S]*<w:sz w:val="24"\/>[\s\S]*<\/w:docDefaults>/);
    assert.match(styles, /<w:docDefaults>[\s\S]*<w:spacing [^>]*w:line="360"[^>]*w:lineRule="auto"[\s\S]*<\/w:docDefaults>/);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)![1];
    const attr = (n: string) => Number(new RegExp(`w:${n}="(\\d+)"`).exec(mar)![1]);
    const cm = (twips: number) => (twips / 1440) * 2.54;
    assert.ok(cm(attr('left')) >= 2.5, `left ${cm(attr('left'))} cm`);
    for (const side of ['top', 'right', 'bottom']) assert.ok(cm(attr(side)) >= 2.0, `${side} ${cm(attr(side))} cm`);
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
    const footerName = /Target="(footer\d*\.xml)"/.exec(await docxPart(r.bytes, 'word/_rels/document.xml.rels'))![1];
    assert.match(await docxPart(r.bytes, `word/${footerName}`), /PAGE/);
    // Headings use the body font and size (no theme font, no 14 pt blue).
    assert.match(styles, /w:styleId="Heading2"[\s\S]*?Times New Roman[\s\S]*?<w:sz w:val="24"\/>/);
  });

  it('carries emphasis, sub- and superscripts, tables and code-span formulas', () => {
    const field = paras.find((p) => p.text.startsWith('[0001]'))!;
    assert.match(field.xml, /<w:i\/>[\s\S]*?<w:t[^>]*>ladders<\/w:t>/);
    assert.match(field.xml, /<w:b\/>[\s\S]*?<w:t[^>]*>hinges<\/w:t>/);
    assert.match(field.xml, /<w:vertAlign w:val="subscript"\/>[\s\S]*?<w:t[^>]*>2<\/w:t>/);
    assert.match(field.xml, /<w:vertAlign w:val="superscript"\/>[\s\S]*?<w:t[^>]*>6<\/w:t>/);
    assert.ok(field.text.includes('H2O-resistant') && field.text.includes('106 cycles'), field.text);
    const formula = paras.find((p) => p.text.includes('F = m * g'))!;
    assert.match(formula.xml, /Courier New[\s\S]*?<w:t[^>]*>F = m \* g<\/w:t>/);
    assert.match(xml, /<w:tbl>[\s\S]*?rail[\s\S]*?10[\s\S]*?hinge[\s\S]*?12[\s\S]*?<\/w:tbl>/);
  });

  it('leaves out front matter, HTML comments and suppression comments', () => {
    for (const marker of ['FRONTMATTER-MARKER', 'COMMENT-MARKER', 'patent-draft-disable', 'secret-front-matter', '<!--']) assert.ok(!xml.includes(marker), marker);
    assert.ok(
      paras.some((p) => p.text.includes('A rail 10 is substantially straight.')),
      'the line after a suppression comment stays',
    );
  });
});

describe('export for filing: EP layout', () => {
  it('puts reference signs in claims in parentheses, heads the claims "Claims" and gives the abstract its figure', async () => {
    const r = await exportMatter(matter(), { format: 'docx', jurisdiction: 'ep' });
    const paras = paragraphs(await docxPart(r.bytes, 'word/document.xml'));
    const c1 = paras.find((p) => p.text.startsWith('1. A ladder'))!;
    assert.equal(c1.text, '1. A ladder comprising:a rail (10); anda hinge (12) coupled to the rail (10), the hinge (12) having:a pin; anda lock.');
    assert.ok(paras.find((p) => p.text.startsWith('2. '))!.text.includes('the hinge (12) locks'));
    // Claim numbers ("claim 1") are not reference signs.
    assert.ok(paras.find((p) => p.text.startsWith('2. '))!.text.includes('of claim 1,'));
    const head = paras.find((p) => p.text === 'Claims')!;
    assert.match(head.xml, /<w:pageBreakBefore\/>/);
    assert.equal(paras[paras.length - 1].text, '(Fig. 2)');
    assert.ok(paras.some((p) => p.text === 'Abstract' && /<w:pageBreakBefore\/>/.test(p.xml)));
    // The description keeps its numerals as written.
    assert.ok(paras.some((p) => p.text.includes('The rail 10 carries the hinge 12.')));
  });
});

describe('export for filing: the claims checks a filing office runs', () => {
  const bad = (claims: string) => MATTER.replace(/## Claims[\s\S]*?## Abstract/, `## Claims\n\n${claims}\n\n## Abstract`);
  const codesOf = async (claims: string, settings = {}) => (await exportMatter(matter(bad(claims), settings), { format: 'docx' })).findings.map((f) => `${f.code}:${f.claim ?? ''}`);

  it('finds a gap, a duplicate, a non-positive number, self, forward, missing and canceled dependencies', async () => {
    assert.deepEqual(await codesOf('1. A ladder.\n\n3. The ladder of claim 1.'), ['claim-numbering:3']);
    assert.deepEqual(await codesOf('1. A ladder.\n\n1. A hinge.'), ['claim-numbering:1']);
    assert.deepEqual(await codesOf('0. A ladder.\n\n1. A hinge.'), ['claim-numbering:0']);
    assert.deepEqual(await codesOf('1. A ladder.\n\n2. The ladder of claim 2.'), ['claim-dependency:2', 'claim-dependency:2'], 'itself, and the circle it makes');
    assert.deepEqual(await codesOf('1. The ladder of claim 2.\n\n2. A ladder.'), ['claim-dependency:1']);
    assert.deepEqual(await codesOf('1. A ladder.\n\n2. The ladder of claim 7.'), ['claim-dependency:2']);
    assert.deepEqual(await codesOf('1. (Canceled)\n\n2. The ladder of claim 1.', { mode: 'amendment' }), ['claim-status:2', 'canceled-parent:2']);
  });

  it('finds status identifiers 37 CFR 1.121(c) does not know, and missing ones in an amendment', async () => {
    assert.deepEqual(await codesOf('1. (Amended) A ladder.\n\n2. The ladder of claim 1.'), ['claim-status:1']);
    assert.deepEqual(await codesOf('1. (Original) A ladder.\n\n2. The ladder of claim 1.', { mode: 'amendment' }), ['claim-status:2']);
    assert.deepEqual(await codesOf('1. (Original) A ladder.\n\n2. (New) The ladder of claim 1.', { mode: 'amendment' }), []);
  });

  it('checks even when the matter turns those checks off', async () => {
    assert.deepEqual(await codesOf('1. A ladder.\n\n3. The ladder of claim 1.', { severity: { 'claim-numbering': 'off' } }), ['claim-numbering:3']);
  });

  it('refuses to write with the findings (exit 1), and writes with --force', async () => {
    const dir = matterDir(bad('1. A ladder.\n\n2. The ladder of claim 2.'));
    const io = fakeIo(dir);
    assert.equal(await runCli(['export', 'ladder.md'], io), 1);
    assert.match(io.err, /ladder\.md:\d+:\d+: error claim-dependency Claim 2 depends on itself/);
    assert.match(io.err, /not written: 2 finding/);
    assert.ok(!existsSync(path.join(dir, 'ladder.docx')));
    const io2 = fakeIo(dir);
    assert.equal(await runCli(['export', 'ladder.md', '--force'], io2), 0, io2.err);
    assert.ok(existsSync(path.join(dir, 'ladder.docx')));
  });
});

describe('patent-draft export: writing', () => {
  it('writes next to the matter, then never over the file without --force', async () => {
    const dir = matterDir();
    const io = fakeIo(dir);
    assert.equal(await runCli(['export', 'ladder.md'], io), 0, io.err);
    assert.match(io.out, /wrote ladder\.docx \(docx, US layout\): 4 numbered paragraph\(s\), 3 claim\(s\)/);
    const file = path.join(dir, 'ladder.docx');
    writeFileSync(file, 'KEEP');
    const io2 = fakeIo(dir);
    assert.equal(await runCli(['export', 'ladder.md'], io2), 1);
    assert.match(io2.err, /ladder\.docx exists; not overwritten \(use --force/);
    assert.equal(readFileSync(file, 'utf8'), 'KEEP');
    assert.equal(await runCli(['export', 'ladder.md', '--force'], fakeIo(dir)), 0);
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
  });

  it('never writes through a symbolic link, even with --force', async () => {
    const dir = matterDir();
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'VICTIM');
    symlinkSync(victim, path.join(dir, 'ladder.docx'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.docx'));
    for (const args of [
      ['export', 'ladder.md', '--force'],
      ['export', 'ladder.md', '--out', 'dangling.docx', '--force'],
      ['export', 'ladder.md', '--out', 'dangling.docx'],
    ]) {
      const io = fakeIo(dir);
      assert.notEqual(await runCli(args, io), 0, args.join(' '));
      assert.match(io.err, /symbolic link/);
    }
    assert.equal(readFileSync(victim, 'utf8'), 'VICTIM');
    assert.ok(lstatSync(path.join(dir, 'ladder.docx')).isSymbolicLink());
    assert.ok(!existsSync(path.join(dir, 'nowhere')));
  });

  it('writes HTML and clean Markdown too, escaped and without comments or front matter', async () => {
    const dir = matterDir(MATTER.replace('Ladders are tall.', 'Ladders are <script>alert(1)</script> tall & light.'));
    assert.equal(await runCli(['export', 'ladder.md', '--format', 'html'], fakeIo(dir)), 0);
    const html = readFileSync(path.join(dir, 'ladder.html'), 'utf8');
    assert.ok(!html.includes('<script>') && html.includes('tall &amp; light'));
    assert.match(html, /<span class="num">\[0001\]<\/span>/);
    assert.match(html, /H<sub>2<\/sub>O/);
    assert.equal(await runCli(['export', 'ladder.md', '--format', 'md'], fakeIo(dir)), 0);
    const md = readFileSync(path.join(dir, 'ladder-filing.md'), 'utf8');
    for (const marker of ['FRONTMATTER-MARKER', 'COMMENT-MARKER', 'patent-draft-disable']) assert.ok(!md.includes(marker), marker);
    assert.match(md, /^\[0001\] The invention relates to \*ladders\* and \*\*hinges\*\*/m);
    assert.match(md, /^## What is claimed is:\n\n1\. A ladder comprising:\n {3}a rail 10; and\n {3}a hinge 12 coupled to the rail 10, the hinge 12 having:\n {6}a pin; and\n {6}a lock\.$/m);
  });

  it('says what to change for bad usage (exit 2)', async () => {
    const dir = matterDir();
    const io = fakeIo(dir);
    assert.equal(await runCli(['export', 'ladder.md', '--format', 'pdf'], io), 2);
    assert.match(io.err, /--format must be one of docx, md, html/);
    assert.equal(await runCli(['export'], fakeIo(dir)), 2);
    assert.equal(await runCli(['export', 'ladder.md', '--jurisdiction', 'jp'], fakeIo(dir)), 2);
  });
});

describe('export for filing: hostile input', () => {
  const literal = (text: string) => ({
    root: '/m',
    documents: [{ uri: '/m/ladder.md', text, role: 'combined' as const }],
    glossary: [],
    settings: { jurisdiction: 'us' as const, mode: 'drafting' as const, severity: {} },
  });
  const refuses = async (text: string, re: RegExp) => assert.rejects(exportMatter(literal(text), { format: 'docx' }), (e: unknown) => e instanceof FilingError && re.test((e as Error).message));

  it('refuses Markdown nested deeper than any application before a parser sees it, naming the line', async () => {
    const lists = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n');
    await refuses(`# T\n\n${lists}\n\n## Claims\n\n1. A thing.\n`, /ladder\.md, line 36: indented more than 64 columns/);
    await refuses(`# T\n\n${'>'.repeat(5000)} deep\n\n## Claims\n\n1. A thing.\n`, /line 3: quotes nested more than 16 deep/);
    await refuses(`# T\n\n${'*'.repeat(20000)}x${'*'.repeat(20000)}\n\n## Claims\n\n1. A thing.\n`, /line 3: more than 128 "\*" in a row/);
  });

  it('refuses more claims than the bound with a specific message, and reads CRLF line ends', async () => {
    const many = Array.from({ length: 2001 }, (_, i) => `${i + 1}. A thing.`).join('\n\n');
    await refuses(`# T\n\n## Background\n\nText.\n\n## Claims\n\n${many}\n`, /2001 claims; the export handles up to 2000/);
    const crlf = MATTER.replace(/\n/g, '\r\n');
    const r = await exportMatter(matter(crlf), { format: 'md' });
    assert.match(r.bytes.toString(), /^1\. A ladder comprising:\n {3}a rail 10; and\n/m);
    assert.ok(!r.bytes.toString().includes('\r'));
  });

  it('says so on the CLI with exit 2 and writes nothing', async () => {
    const dir = matterDir(`# T\n\n## Background\n\n${'>'.repeat(40)} deep\n\n## Claims\n\n1. A thing.\n`);
    const io = fakeIo(dir);
    assert.equal(await runCli(['export', 'ladder.md'], io), 2);
    assert.match(io.err, /quotes nested more than 16 deep/);
    assert.ok(!existsSync(path.join(dir, 'ladder.docx')));
  });
});

describe('export for filing: where the file goes', () => {
  it("goes next to a single-file matter, named after it, and into a split matter's folder, named after the folder", () => {
    const single = createMatter('/w/m', [{ uri: '/w/m/ladder.md', text: MATTER }]);
    assert.deepEqual(exportTarget(single, 'docx'), { folder: '/w/m', name: 'ladder.docx' });
    assert.deepEqual(exportTarget(single, 'md'), { folder: '/w/m', name: 'ladder-filing.md' }, "a Markdown export never takes the source's name");
    const uri = createMatter('file:///w/m', [{ uri: 'file:///w/m/ladder.md', text: MATTER }]);
    assert.deepEqual(exportTarget(uri, 'html'), { folder: 'file:///w/m', name: 'ladder.html' });
    const split = createMatter('/w/case-12/', [
      { uri: '/w/case-12/claims.md', text: '1. A ladder.\n' },
      { uri: '/w/case-12/disclosure.md', text: '# Ladder\n\nA ladder.\n' },
    ]);
    assert.deepEqual(exportTarget(split, 'docx'), { folder: '/w/case-12', name: 'case-12.docx' });
  });
});
