// Hovering "claim 1" where claim 3 refers to it shows claim 1's own text and the dependency chain.
import assert from 'node:assert/strict';
import { positionOf, Workbench } from '../harness';

describe('e2e: claim reference hover', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('hover');
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('shows claim 1 and the chain when hovering "claim 1" in claim 3', async function () {
    await wb.openFile('claims.md');
    // Hovers answer from the matter's analysis: wait until the matter has been checked once (on a
    // cold start code-server's workspace scan can take several seconds).
    await wb.waitForProblems('the matter to be checked', (ps) => ps.some((p) => p.message.includes('the lever')));
    await wb.focusEditor();
    const ref = positionOf('claims.md', '3. The lid assembly of claim 1');
    const col = ref.column + '3. The lid assembly of '.length + 2; // inside "claim 1"
    const text = await wb.hoverAt(ref.line, col, /lid assembly for a storage bin/i, 40000);
    await wb.screenshot('hover-claim-1');

    // Claim 1's text, as written in the fixture.
    assert.match(text, /A lid assembly for a storage bin, comprising/);
    assert.match(text, /fastening member mounted on the rim/);
    // The chain from claim 3 up to its independent claim: both claims named, 3 before 1.
    const chain = /\b3\b[^\n]*?\b1\b/.exec(text.replace(/claim\s+/gi, ''));
    assert.ok(chain, `a chain from claim 3 to claim 1 in the hover:\n${text}`);
    // Claim 1 is the claim shown, not claim 2 or 4.
    assert.doesNotMatch(text, /hook that engages a catch/);
  });
});
