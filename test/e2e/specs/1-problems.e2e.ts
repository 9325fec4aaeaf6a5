// A user opens the fixture matter: the Problems panel lists the planted antecedent-basis error
// ("the lever" in claim 4, never introduced) and the term variant ("fastener member" in the
// disclosure, against "fastening member" everywhere else), each on the line where it is written.
import assert from 'node:assert/strict';
import { positionOf, Workbench, type Problem } from '../harness';

const isLever = (p: Problem) => p.detail.includes('antecedent-basis') && p.message.includes('the lever');
const isVariant = (p: Problem) => p.detail.includes('term-variant') && p.message.includes('fastener member');

describe('e2e: Problems panel', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('problems');
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('shows the antecedent-basis and term-variant findings on their lines', async function () {
    await wb.openFile('claims.md');
    const rows = await wb.waitForProblems('the antecedent-basis and term-variant findings', (ps) => ps.some(isLever) && ps.some(isVariant));
    await wb.screenshot('problems-panel');

    const lever = rows.filter(isLever);
    assert.equal(lever.length, 1, 'one antecedent-basis finding for "the lever"');
    const at = positionOf('claims.md', 'the lever');
    assert.equal(lever[0].file, 'claims.md');
    assert.deepEqual([lever[0].line, lever[0].column], [at.line, at.column], 'on "the lever" in claim 4');
    assert.match(lever[0].message, /claim 4/);
    assert.match(lever[0].detail, /patent-draft|Patent Draft/i, 'the source is the extension');

    const variant = rows.filter(isVariant);
    assert.equal(variant.length, 1, 'one term-variant finding, on the minority form');
    const v = positionOf('disclosure.md', 'fastener member');
    assert.equal(variant[0].file, 'disclosure.md');
    assert.deepEqual([variant[0].line, variant[0].column], [v.line, v.column], 'on "fastener member" in the disclosure');
    assert.match(variant[0].message, /fastening member/);

    // The well-formed claims raise no antecedent-basis finding of their own.
    assert.deepEqual(
      rows.filter((p) => p.detail.includes('antecedent-basis')).map((p) => p.line),
      [at.line],
    );
  });
});
