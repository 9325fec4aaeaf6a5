// Issue 6: Patent Draft's language-model tools invoked inside the real VS Code through
// vscode.lm.invokeTool (by a test-only probe extension, the way an agent in VS Code calls them):
// a read tool returns the findings; a write tool asks for confirmation first and applies its edit
// as one undoable edit.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Workbench } from '../harness';

const PROBE = join(__dirname, '..', 'fixtures', 'lm-probe');

describe('e2e: language-model tools in VS Code', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('lm-tools', undefined, {}, [PROBE]);
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  async function invoke(tool: string, input: object): Promise<void> {
    await wb.runPaletteEntry('LM Probe: Invoke Patent Draft Tool');
    // The probe's own input boxes (its first run activates it): wait for each by its title.
    await wb.page.locator('.quick-input-widget', { hasText: 'tool name' }).first().waitFor({ state: 'visible', timeout: 30000 });
    await wb.page.keyboard.type(tool);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-widget', { hasText: 'tool input (JSON)' }).first().waitFor({ state: 'visible', timeout: 15000 });
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.type(JSON.stringify(input));
    await wb.page.keyboard.press('Enter');
  }

  it('patent_check returns the findings with codes and fixes', async function () {
    await wb.openFile('claims.md');
    await wb.waitForProblems('the matter to be checked', (ps) => ps.some((p) => p.message.includes('the lever')));
    await invoke('patent_check', {});
    const out = await wb.waitForEditorText('the tool result', (t) => /TOOL (RESULT|ERROR)/.test(t), 60000);
    await wb.screenshot('lm-check');
    assert.match(out, /TOOL RESULT patent_check/, out.slice(0, 400));
    assert.match(out, /our tools: .*patent_check.*patent_replace_term/);
    assert.match(out, /codes: .*antecedent-basis/);
    assert.match(out, /codes: .*term-variant/);
    assert.match(out, /the lever/);
  });

  const showClaims = async () => {
    await wb.page.locator('.tabs-container .tab', { hasText: 'claims.md' }).first().click();
    await wb.focusEditor();
  };

  it('patent_replace_term asks for confirmation, then edits the matter as one undoable edit', async function () {
    await showClaims();
    const before = await wb.editorText();
    await invoke('patent_replace_term', { from: 'hook', to: 'latch' });
    // VS Code shows the tool's confirmation before a write tool runs.
    const dialog = wb.page.locator('.monaco-dialog-box, .dialog-box');
    await dialog.first().waitFor({ state: 'visible', timeout: 30000 });
    const question = (await dialog.first().innerText()).replace(/\s+/g, ' ');
    await wb.screenshot('lm-confirm');
    assert.match(question, /Patent Draft/);
    assert.match(question, /hook/);
    await dialog
      .first()
      .locator('.monaco-button', { hasText: /^(Continue|Allow|OK|Yes|Confirm|Run)$/ })
      .first()
      .click();
    const result = await wb.waitForEditorText('the tool result', (t) => /TOOL (RESULT|ERROR) patent_replace_term/.test(t), 60000);
    assert.match(result, /TOOL RESULT patent_replace_term/, result.slice(0, 400));
    await showClaims();
    const after = await wb.waitForEditorText('the replaced term', (t) => t.includes('latch'));
    assert.doesNotMatch(after, /\bhook\b/);
    await wb.screenshot('lm-replaced');
    await wb.focusEditor();
    await wb.page.keyboard.press('Control+Z');
    const undone = await wb.waitForEditorText('the text as it was', (t) => t === before);
    assert.equal(undone, before);
  });
});
