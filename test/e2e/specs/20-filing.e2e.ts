// Issue 12 in the editor: "Patent Draft: Export for Filing" on the example matter writes a Word file
// next to the matter (never over one without asking), and the file holds the filing layout: numbered
// paragraphs, "What is claimed is:", the claims and the abstract.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { Workbench } from '../harness';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'bicycle-brake');

async function waitForFile(file: string, timeoutMs = 30000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > end) throw new Error(`${file} was not written`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('e2e: export for filing', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('filing', EXAMPLE);
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('writes matter.docx in the filing layout, and asks before replacing it', async function () {
    await wb.openFile('claims.md');
    await wb.waitForProblems('the example matter to be checked', (ps) => ps.some((p) => p.message.includes('retracting spring')));
    const target = join(wb.workspace, 'matter.docx');
    assert.ok(!existsSync(target));
    const exportWord = async () => {
      await wb.runPaletteEntry('Patent Draft: Export for Filing');
      await wb.page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Word (.docx)"]', { timeout: 15000 });
      await wb.page.keyboard.type('Word');
      await wb.page.keyboard.press('Enter');
      // The example's claims are in order: a filing office would not object, so no dialog; if one
      // comes (a finding), the spec says which.
      const objection = wb.page.locator('.monaco-dialog-box', { hasText: 'a filing office would object to' });
      if (await objection.isVisible().catch(() => false)) throw new Error(`export refused: ${await objection.innerText()}`);
    };
    await exportWord();
    await waitForFile(target);
    await wb.page.locator('.notification-toast', { hasText: 'Exported' }).first().waitFor({ state: 'visible', timeout: 20000 });
    await wb.screenshot('filing-exported');
    const xml = await (await JSZip.loadAsync(readFileSync(target))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
    assert.match(text, /\[0001\]/, 'numbered paragraphs');
    assert.match(text, /What is claimed is:/);
    assert.match(text, /1\.\s*A brake caliper/);
    assert.match(text, /ABSTRACT/);
    assert.ok((xml.match(/<w:br w:type="page"\/>|<w:pageBreakBefore\/>/g) ?? []).length >= 2, 'claims and abstract each begin a new page');

    // Again: the file exists, so the editor asks before replacing it (and Cancel keeps it).
    const before = readFileSync(target);
    await exportWord();
    const ask = wb.page.locator('.monaco-dialog-box', { hasText: 'already exists next to the matter' });
    await ask.waitFor({ state: 'visible', timeout: 20000 });
    await wb.screenshot('filing-asks-before-replacing');
    await ask.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    assert.deepEqual(readFileSync(target), before, 'the existing export is untouched');
  });
});
