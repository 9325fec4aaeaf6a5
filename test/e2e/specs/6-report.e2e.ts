// The matter report opens in a webview and summarises the fixture: its title, its claims and findings.
import assert from 'node:assert/strict';
import { Workbench } from '../harness';

describe('e2e: matter report', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('report');
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('opens the matter report with the matter title and its findings', async function () {
    await wb.openFile('claims.md');
    await wb.runCommand('patentDraft.openReport');
    const { text } = await wb.webviewText(/the lever/);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('matter-report');

    assert.match(text, /Lid Assembly for a Storage Bin/i, 'the matter title');
    assert.match(text, /the lever/, 'the antecedent-basis finding');
    assert.match(text, /fastener member/, 'the term-variant finding');
    assert.match(text, /\b5\b/, 'the claim count');
    // The report is a webview tab in the editor area (VS Code may open it beside the claims).
    const tabs = await wb.page.locator('.tabs-container .tab').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(
      tabs.some((t) => /report/i.test(t)),
      `an editor tab for the report: ${tabs.join(' | ')}`,
    );
  });
});
