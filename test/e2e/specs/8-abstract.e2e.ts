// Issue 5: Generate Abstract streams into a preview beside the document; Accept writes it into the
// matter's abstract as one edit, and one Undo restores the abstract as it was.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Workbench } from '../harness';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'bicycle-brake');

describe('e2e: generate abstract (built-in engine)', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('abstract', EXAMPLE);
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('previews the abstract with its word count, Accept writes it, Undo restores the old one', async function () {
    await wb.openFile('abstract.md');
    // The command drafts from the matter's analysis: wait until the matter has been checked.
    await wb.waitForProblems('the example matter to be checked', (ps) => ps.some((p) => p.message.includes('retracting spring')));
    await wb.focusEditor();
    const before = await wb.editorText();
    await wb.runPaletteEntry('Patent Draft: Generate Abstract');
    const { text, frame } = await wb.webviewText(/Done\. Accept writes it/, 60000);
    await wb.screenshot('abstract-preview');
    const words = /(\d+) words/.exec(text);
    assert.ok(words, `the preview shows a word count:\n${text}`);
    assert.ok(Number(words[1]) >= 50 && Number(words[1]) <= 150, `50–150 words: ${words[1]}`);
    await frame.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { click(): void } } }).document.getElementById('accept').click());
    // Issue 15, item 4: the matter has a hand-written abstract, so Accept shows the difference and asks.
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: "Replace the matter's abstract" });
    await dialog.waitFor({ state: 'visible', timeout: 20000 });
    await wb.page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 20000 });
    await wb.screenshot('abstract-confirm-replace');
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /\(\d+ words\) with the generated one \(\d+ words\)/);
    await dialog.locator('.monaco-button', { hasText: /^Replace$/ }).click();
    const after = await wb.waitForEditorText('the accepted abstract', (t) => t !== before && t.includes('# Abstract'));
    assert.notEqual(after, before);
    await wb.screenshot('abstract-accepted');
    await wb.focusEditor();
    await wb.page.keyboard.press('Control+Z');
    const undone = await wb.waitForEditorText('the abstract as it was', (t) => t === before);
    assert.equal(undone, before, 'one Undo restores the abstract exactly');
  });
});
