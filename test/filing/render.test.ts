// The exported DOCX as a filing office's renderer sees it: LibreOffice (headless, a private profile)
// turns it into PDF, poppler reads the PDF back: page count, page size, the page where the claims
// start, the abstract alone on the last page, page numbers, the fonts. The PDFs and one page image
// each are kept in test/filing/artifacts/ (gitignored). Needs the suite's setup (test/filing/setup.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMatter } from '../../src/core';
import { exportMatter } from '../../src/filing/export';
import { CORPUS_DIRS, MATTER, tempDir } from './helpers';

const ARTIFACTS = path.join(__dirname, 'artifacts');

function run(cmd: string, args: string[], timeoutMs = 120_000): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); run test/filing/setup.mjs (installs libreoffice-writer-nogui and poppler-utils)`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(0, 500)}`);
  return r.stdout;
}

interface Rendered {
  pdf: string;
  pages: number;
  pageSize: string;
  /** Text of each page (1-based: texts[0] is page 1). */
  texts: string[];
  fonts: string;
}

function read(pdf: string): Rendered {
  const info = run('pdfinfo', [pdf]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const pageSize = /^Page size:\s+(.*)$/m.exec(info)![1];
  const texts = run('pdftotext', ['-layout', pdf, '-']).split('\f').slice(0, pages);
  return { pdf, pages, pageSize, texts, fonts: run('pdffonts', [pdf]) };
}

const pageOf = (r: Rendered, re: RegExp) => r.texts.findIndex((t) => re.test(t)) + 1;

describe('export for filing: rendered by LibreOffice', function () {
  this.timeout(300_000);
  const rendered = new Map<string, Rendered>();
  const corpusDoc = CORPUS_DIRS.map((d) => path.join(d, 'US06859910.md')).find((f) => existsSync(f));

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const work = tempDir('pd-render-');
    const jobs: [string, string, 'us' | 'ep'][] = [
      ['ladder-us', MATTER, 'us'],
      ['ladder-ep', MATTER, 'ep'],
    ];
    if (corpusDoc) jobs.push(['US06859910', readFileSync(corpusDoc, 'utf8'), 'us']);
    const files: string[] = [];
    for (const [name, text, jurisdiction] of jobs) {
      const r = await exportMatter(createMatter('/m', [{ uri: '/m/doc.md', text }]), { format: 'docx', jurisdiction });
      assert.deepEqual(r.findings, []);
      const file = path.join(work, `${name}.docx`);
      writeFileSync(file, r.bytes);
      files.push(file);
    }
    const profile = path.join(work, 'lo-profile');
    // One LibreOffice start for all documents; a private profile so that no user's settings (or a running instance) interfere.
    run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', ARTIFACTS, ...files], 240_000);
    for (const [name] of jobs) rendered.set(name, read(path.join(ARTIFACTS, `${name}.pdf`)));
    rmSync(work, { recursive: true, force: true });
  });

  it('lays the fixture out on A4: description, claims from a new page, the abstract alone on the last', () => {
    const r = rendered.get('ladder-us')!;
    assert.match(r.pageSize, /^595\.\d* x 841\.\d* pts \(A4\)/);
    assert.equal(r.pages, 3, 'description, claims, abstract');
    assert.equal(pageOf(r, /\[0001\]/), 1);
    assert.equal(pageOf(r, /What is claimed is:/), 2);
    assert.doesNotMatch(r.texts[0], /What is claimed|ABSTRACT/);
    assert.match(r.texts[1], /1\. A ladder comprising:\s+a rail 10; and/);
    assert.equal(pageOf(r, /^\s*ABSTRACT\s*$/m), 3);
    assert.doesNotMatch(r.texts[2], /What is claimed|\[000\d\]|1\. A ladder/);
    // Page numbers, centred at the foot of each page.
    r.texts.forEach((t, i) => assert.match(t.trimEnd(), new RegExp(`\\s${i + 1}$`), `page ${i + 1} shows its number`));
    run('pdftoppm', ['-png', '-r', '50', '-f', '2', '-l', '2', r.pdf, path.join(ARTIFACTS, 'ladder-us-claims')]);
  });

  it('uses a serif, non-script font (Times New Roman or its metric twin)', () => {
    const fonts = rendered.get('ladder-us')!.fonts;
    assert.match(fonts, /Times|LiberationSerif|Liberation Serif/);
    assert.doesNotMatch(fonts, /Script|Comic|Brush/i);
  });

  it('renders the EP layout: "Claims" page with reference signs in parentheses, the abstract with its figure', () => {
    const r = rendered.get('ladder-ep')!;
    const claimsPage = pageOf(r, /^\s*Claims\s*$/m);
    assert.equal(claimsPage, 2);
    assert.match(r.texts[1], /a rail \(10\); and/);
    assert.match(r.texts[r.pages - 1], /Abstract[\s\S]*A ladder has a rail[\s\S]*\(Fig\. 2\)/);
  });

  it('renders a real patent: the claims start on a page of their own after the description, the abstract last', function () {
    if (!corpusDoc) this.skip();
    const r = rendered.get('US06859910')!;
    const claims = pageOf(r, /What is claimed is:/);
    const lastPara = pageOf(r, /\[0063\]/);
    assert.ok(r.pages >= 10, `${r.pages} pages`);
    assert.ok(claims > lastPara, `claims on page ${claims}, last paragraph on page ${lastPara}`);
    assert.match(r.texts[claims - 1], /^\s*What is claimed is:/, 'the claims page starts with the claims heading');
    assert.equal(pageOf(r, /^\s*ABSTRACT\s*$/m), r.pages);
    run('pdftoppm', ['-png', '-r', '50', '-f', String(claims), '-l', String(claims), r.pdf, path.join(ARTIFACTS, 'US06859910-claims')]);
  });
});
