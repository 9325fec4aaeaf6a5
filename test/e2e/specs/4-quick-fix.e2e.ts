// The term-variant quick fix replaces "fastener member" with "fastening member" and the finding
// goes away; Undo brings back both the text and the finding.
import assert from 'node:assert/strict';
import { positionOf, Workbench, type Problem } from '../harness';

const isVariant = (p: Problem) => p.detail.includes('term-variant') && p.message.includes('fastener member');

describe('e2e: term-variant quick fix', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('quick-fix');
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('applies the fix, clears the finding, and Undo restores both', async function () {
    await wb.openFile('disclosure.md');
    await wb.waitForProblems('the term-variant finding', (ps) => ps.some(isVariant));
    const before = await wb.editorText();
    assert.match(before, /A lever 30 is provided on the fastener member;/);

    const at = positionOf('disclosure.md', 'fastener member');
    const titles = await wb.openQuickFixes(at.line, at.column + 3);
    assert.ok(
      titles.some((t) => t.includes('Replace with "fastening member"')),
      `offered fixes: ${titles.join(' | ')}`,
    );
    await wb.screenshot('quick-fix-offered');
    await wb.chooseQuickFix('Replace with "fastening member"');

    const fixed = await wb.waitForEditorText('the fix in the text', (t) => t.includes('provided on the fastening member;'));
    assert.match(fixed, /A lever 30 is provided on the fastening member;/);
    assert.doesNotMatch(fixed, /fastener member/);
    await wb.waitForProblems('the term-variant finding to disappear', (ps) => !ps.some(isVariant) && ps.some((p) => p.message.includes('the lever')));
    await wb.screenshot('quick-fix-applied');

    await wb.focusEditor();
    await wb.page.keyboard.press('Control+Z');
    const undone = await wb.waitForEditorText('the undone text', (t) => t.includes('provided on the fastener member;'));
    assert.equal(undone, before, 'Undo restores the text exactly');
    await wb.waitForProblems('the term-variant finding to come back', (ps) => ps.some(isVariant));
    await wb.screenshot('quick-fix-undone');
  });
});
