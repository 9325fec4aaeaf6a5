// Issue 5: an inline claim suggestion from the built-in engine appears as ghost text at the end of
// an element, Tab accepts it, and Undo takes it back in one step.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Workbench } from '../harness';

const SENSOR = join(__dirname, '..', '..', 'drafting', 'fixtures', 'sensor');

describe('e2e: inline claim suggestion (built-in engine)', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('ghost', SENSOR);
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('shows the next element as ghost text after "a housing;", Tab accepts it, Undo removes it', async function () {
    await wb.openFile('claims.md');
    const before = await wb.editorText();
    const seen = await wb.ghostTextAfter('claims.md', 'a housing;', SENSOR, /display/);
    await wb.screenshot('ghost-text-shown');
    assert.match(seen, /a display configured to show readings/);
    await wb.page.keyboard.press('Tab');
    const accepted = await wb.waitForEditorText('the accepted suggestion', (t) => t.includes('a display configured to show readings;'));
    assert.ok(accepted.indexOf('a housing;') < accepted.indexOf('a display configured to show readings;'), 'inserted after the element');
    await wb.screenshot('ghost-text-accepted');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+Z');
    const undone = await wb.waitForEditorText('the text without the suggestion', (t) => !t.includes('a display configured to show readings;'));
    assert.equal(undone, before, 'one Undo restores the text exactly');
  });

  it('on a new claim line suggests a dependent claim grounded in the disclosure; Tab accepts it', async function () {
    await wb.openFile('claims.md');
    await wb.focusEditor();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type('\n3. ');
    const { text: seen } = await wb.waitForGhostText(/of claim 1/, { timeoutMs: 60000 });
    await wb.screenshot('ghost-new-claim');
    assert.match(seen, /^The monitoring system of claim 1/);
    await wb.page.keyboard.press('Tab');
    const accepted = await wb.waitForEditorText('the accepted dependent claim', (t) => /\n3\. The monitoring system of claim 1/.test(t));
    assert.match(accepted, /\n3\. The monitoring system of claim 1/);
  });
});
