// Agents at work through the MCP server started with --allow-writes: the check → fix → check loop
// on a claims file with planted errors, and the claim-editing tools, each on a fresh copy.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { call, callJson, connect, copyFixture, ensureBuilt, removeTemp, type Connection } from './helpers';

const PLANTED = ['claim-numbering', 'claim-dependency', 'term-variant', 'antecedent-basis'];

describe('MCP server (agent loop, --allow-writes)', function () {
  this.timeout(60000);
  let matter: string;
  let conn: Connection;
  const claims = () => readFileSync(path.join(matter, 'claims.md'), 'utf8');

  before(() => ensureBuilt());
  beforeEach(async () => {
    matter = copyFixture('planted');
    conn = await connect(matter, ['--allow-writes']);
  });
  afterEach(async () => {
    await conn?.close();
    removeTemp(matter);
  });

  it('check, apply the returned fixes, check again: no findings of those codes', async () => {
    const first = await callJson(conn, 'patent_check', { codes: PLANTED });
    const found = first.matters[0].findings;
    assert.deepEqual([...new Set(found.map((f: any) => f.code))].sort(), [...PLANTED].sort());
    // As an agent would: fix errors first (a wrong dependency causes antecedent findings), check,
    // then fix what is left, until nothing fixable remains.
    let rounds = 0;
    for (; rounds < 5; rounds++) {
      const now = (await callJson(conn, 'patent_check', { codes: PLANTED })).matters[0].findings.filter((f: any) => f.fixes.length);
      if (!now.length) break;
      const errors = now.filter((f: any) => f.severity === 'error');
      const pick = (errors.length ? errors : now).map((f: any) => ({ code: f.code, file: f.file, line: f.line, column: f.column }));
      const r = await callJson(conn, 'patent_apply_fixes', { findings: pick });
      assert.ok(r.applied.length > 0, `round ${rounds + 1} applied nothing: ${JSON.stringify(r.skipped)}`);
      assert.deepEqual(r.written, ['claims.md']);
    }
    assert.ok(rounds >= 2 && rounds < 5, `took ${rounds} rounds`);
    const last = await callJson(conn, 'patent_check', { codes: PLANTED });
    assert.deepEqual(last.matters[0].findings, []);
    const text = claims();
    assert.match(text, /^3\. The beverage container of claim 1, wherein the seal is pressed against a locking ring\.$/m);
    assert.match(text, /^4\. The beverage container of claim 1, wherein the lid is removable from the housing\.$/m);
    assert.match(text, /wherein the outer wall comprises/);
    // Written atomically: no temporary files left beside it.
    assert.deepEqual(readdirSync(matter).sort(), ['claims.md', 'disclosure.md']);
  });

  it('applies every fix of the given codes in one call, in rounds, with one write', async () => {
    const r = await callJson(conn, 'patent_apply_fixes', { codes: PLANTED });
    assert.deepEqual(r.written, ['claims.md']);
    assert.equal(r.findingsAfter.count, 0);
    assert.deepEqual(r.left, []);
    const order = r.applied.map((a: any) => a.code);
    assert.ok(order.indexOf('claim-dependency') < order.indexOf('antecedent-basis'), 'dependencies before antecedents');
    const last = await callJson(conn, 'patent_check', { codes: PLANTED });
    assert.equal(last.matters[0].findings.length, 0);
  });

  it('says why a selected finding was not fixed', async () => {
    const r = await callJson(conn, 'patent_apply_fixes', {
      findings: [
        { code: 'claim-numbering', line: 3, column: 1 },
        { code: 'abstract', line: 15 },
      ],
    });
    assert.deepEqual(r.applied, []);
    assert.match(r.skipped[0].reason, /no such finding now/);
    assert.match(r.skipped[1].reason, /no automatic fix/);
    assert.deepEqual(r.written, []);
  });

  it('renumbers the claims and their references', async () => {
    const r = await callJson(conn, 'patent_renumber', {});
    assert.deepEqual(r.written, ['claims.md']);
    assert.deepEqual(
      r.edits.map((e: any) => [e.line, e.newText]),
      [
        [10, '3'],
        [12, '4'],
      ],
    );
    const tree = await callJson(conn, 'patent_claim_tree', {});
    assert.equal(tree.claims, 4);
    const check = await callJson(conn, 'patent_check', { codes: ['claim-numbering'] });
    assert.equal(check.matters[0].findings.length, 0);
  });

  it('replaces a drifted term in the claims, articles kept right', async () => {
    const r = await callJson(conn, 'patent_replace_term', { from: 'outer-wall', to: 'outer wall' });
    assert.deepEqual(r.replaced, { 'claims.md': 1 });
    assert.match(claims(), /wherein the outer wall comprises a thermal layer/);
    assert.doesNotMatch(claims(), /outer-wall/);
    const again = await callJson(conn, 'patent_check', { codes: ['term-variant'] });
    assert.equal(again.matters[0].findings.length, 0);
    const swap = await callJson(conn, 'patent_replace_term', { from: 'lid', to: 'end cap' });
    assert.equal(swap.replaced['claims.md'], 3);
    assert.match(claims(), /an end cap attached to the housing/);
    assert.match(claims(), /between the end cap and the housing/);
    const none = await call(conn, 'patent_replace_term', { from: 'propeller', to: 'rotor' });
    assert.equal(none.isError, true);
    assert.match(none.text, /"propeller" does not occur in the claims/);
  });

  it('runs concurrent write calls one after the other, each on the text the other left', async () => {
    const [a, b] = await Promise.all([call(conn, 'patent_replace_term', { from: 'outer-wall', to: 'outer wall' }), call(conn, 'patent_renumber', {})]);
    assert.equal(a.isError, false, a.text);
    assert.equal(b.isError, false, b.text);
    const text = claims();
    assert.match(text, /wherein the outer wall comprises/);
    assert.match(text, /^3\. The beverage container of claim 1, wherein the seal/m);
  });

  it('inserts claims, numbered, and renumbers what follows with its references', async () => {
    await callJson(conn, 'patent_renumber', {});
    const r = await callJson(conn, 'patent_insert_claims', {
      after: 2,
      claims: ['The beverage container of claim 2, wherein the thermal layer is a foam.', 'The beverage container of claim 3, wherein the foam is closed-cell.'],
    });
    assert.deepEqual(r.inserted, [3, 4]);
    assert.deepEqual(r.renumbered, [
      { from: 3, to: 5 },
      { from: 4, to: 6 },
    ]);
    const text = claims();
    assert.match(
      text,
      /\n\n3\. The beverage container of claim 2, wherein the thermal layer is a foam\.\n\n4\. The beverage container of claim 3, wherein the foam is closed-cell\.\n\n5\. The beverage container of claim 1, wherein the seal/,
    );
    const tree = await callJson(conn, 'patent_claim_tree', {});
    assert.equal(tree.claims, 6);
    // Claim 6 still depends on the planted missing claim 9.
    assert.deepEqual(
      tree.tree[0].dependents.map((n: any) => n.claim),
      [2, 5],
    );
    assert.deepEqual(
      tree.tree[0].dependents[0].dependents[0].dependents.map((n: any) => n.claim),
      [4],
    );
    const numbering = await callJson(conn, 'patent_check', { codes: ['claim-numbering', 'claim-dependency'] });
    assert.deepEqual(
      numbering.matters[0].findings.map((f: any) => f.code),
      ['claim-dependency'],
    ); // the planted "claim 9"
    const bad = await call(conn, 'patent_insert_claims', { after: 17, claims: ['A lid.'] });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /There is no claim 17 to insert after/);
    const blank = await call(conn, 'patent_insert_claims', { after: 1, claims: ['A lid.\n\nA cap.'] });
    assert.match(blank.text, /contains a blank line/);
  });
});
