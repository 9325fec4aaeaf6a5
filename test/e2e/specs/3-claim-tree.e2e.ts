// The claim tree view shows the fixture's nesting: 1 > (2, 3 > 4), and 5 on its own.
import assert from 'node:assert/strict';
import { Workbench, type TreeRow } from '../harness';

const claimNumber = (r: TreeRow) => {
  const m = /^(?:claim\s+)?(\d+)\b/i.exec(r.label);
  return m ? Number(m[1]) : undefined;
};

describe('e2e: claim tree', function () {
  let wb: Workbench;
  before(async function () {
    wb = await Workbench.start('claim-tree');
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
  });

  it('shows the claims nested by dependency', async function () {
    await wb.openFile('claims.md');
    await wb.runCommand('patentDraft.showClaimTree');
    const rows = await wb.treeRows(/claim/i);
    await wb.screenshot('claim-tree');

    const levels = new Map<number, number>();
    for (const r of rows) {
      const n = claimNumber(r);
      if (n !== undefined && !levels.has(n)) levels.set(n, r.level);
    }
    assert.deepEqual([...levels.keys()], [1, 2, 3, 4, 5], `claims in order:\n${JSON.stringify(rows, null, 1)}`);
    const top = levels.get(1)!;
    assert.equal(levels.get(5), top, 'claim 5 is independent');
    assert.equal(levels.get(2), top + 1, 'claim 2 under claim 1');
    assert.equal(levels.get(3), top + 1, 'claim 3 under claim 1');
    assert.equal(levels.get(4), top + 2, 'claim 4 under claim 3');
    // Claim 4 is listed under claim 3 (after it, before claim 5).
    const order = rows.map(claimNumber).filter((n) => n !== undefined);
    assert.ok(order.indexOf(4) === order.indexOf(3) + 1, `claim 4 right after claim 3: ${order.join(', ')}`);
  });
});
