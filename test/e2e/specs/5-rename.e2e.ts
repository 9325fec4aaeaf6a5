// Renaming a term (F2 on "hook" in claim 2) renames it in the claims and in the disclosure.
import assert from 'node:assert/strict';
import { positionOf, Workbench } from '../harness';

describe('e2e: rename a term', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('rename');
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('renames "hook" to "latch" across claims and disclosure', async function () {
    await wb.openFile('claims.md');
    // Wait until the matter has been checked (its findings are listed), as a user would see it.
    await wb.waitForProblems('the matter to be checked', (ps) => ps.some((p) => p.message.includes('the lever')));
    const at = positionOf('claims.md', 'a hook that engages');
    await wb.rename(at.line, at.column + 3, 'latch');

    const claims = await wb.waitForEditorText('the renamed claim', (t) => t.includes('a latch that'));
    assert.match(claims, /comprises a latch that engages a catch/);
    assert.doesNotMatch(claims, /\bhook\b/);
    await wb.screenshot('rename-claims');

    await wb.openFile('disclosure.md');
    const disclosure = await wb.waitForEditorText('the renamed disclosure', (t) => t.includes('latch 24'));
    assert.doesNotMatch(disclosure, /\bhook\b/, 'no "hook" left in the disclosure');
    assert.match(disclosure, /comprises a latch 24 that engages a catch 26/);
    assert.match(disclosure, /While the latch 24 engages the catch 26/);
    assert.match(disclosure, /until the latch 24 engages the catch 26/);
    // Other terms are untouched.
    assert.match(disclosure, /the catch 26/);
    assert.match(disclosure, /fastening member 22/);
    await wb.screenshot('rename-disclosure');
  });
});
