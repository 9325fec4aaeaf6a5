// dependent-scope: a dependent claim that adds nothing to its parent chain, or only restates a term.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { analyzeMatter } from '../../src/core';
import { loadMatters } from '../../src/node/workspace';
import { at, claimsOnly, codes } from '../support/matter';

const CLAIM_1 = `1. A brake caliper for a bicycle disc brake, comprising:
   a caliper body defining a slot for receiving a brake rotor;
   a piston slidably received in a bore of the caliper body; and
   a brake pad carried by the piston and facing the slot.
`;

const scope = (claims: string) => codes(claimsOnly(claims), 'dependent-scope');

describe('dependent-scope', () => {
  it('fires on a dependent claim that repeats an element of its parent', () => {
    const a = claimsOnly(`${CLAIM_1}\n2. The brake caliper of claim 1, wherein the brake caliper has a caliper body defining a slot that receives the brake rotor.\n`);
    const [f, ...rest] = codes(a, 'dependent-scope');
    assert.equal(rest.length, 0);
    assert.equal(f.claim, 2);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /adds nothing to claim 1/);
    assert.match(at(a, f), /^, wherein the brake caliper has a caliper body .* brake rotor$/);
  });

  it('fires through the chain: what a grandparent recites', () => {
    const f = scope(`${CLAIM_1}\n2. The brake caliper of claim 1, wherein the piston is made of steel.\n\n3. The brake caliper of claim 2, wherein the brake pad is carried by the piston.\n`);
    assert.deepEqual(
      f.map((x) => x.claim),
      [3],
    );
  });

  it('fires on a claim that only restates a term', () => {
    const f = scope(`${CLAIM_1}\n2. The brake caliper of claim 1, wherein the brake pad is a pad.\n\n3. The brake caliper of claim 1, further comprising the piston.\n`);
    assert.deepEqual(
      f.map((x) => x.claim),
      [2, 3],
    );
    assert.match(f[0].message, /only restates a term/);
  });

  it('does not fire on a claim that adds a feature, a relation or a negation', () => {
    const ok = [
      '2. The brake caliper of claim 1, wherein the piston is made of steel.',
      '2. The brake caliper of claim 1, wherein the brake pad is bonded to the piston.',
      '2. The brake caliper of claim 1, further comprising a retraction spring.',
      '2. The brake caliper of claim 1, wherein the slot receives the brake rotor with a clearance of 0.3 mm.',
      '2. The brake caliper of claim 1, wherein the brake pad is not carried by the piston.',
      // A pick among lettered alternatives, or a formula the text does not show.
      '2. The brake caliper of claim 1, wherein the brake pad is (a).',
      '2. The brake caliper of claim 1, wherein the brake pad is:',
    ];
    for (const c of ok)
      assert.deepEqual(
        scope(`${CLAIM_1}\n${c}\n`).map((f) => f.message),
        [],
        c,
      );
  });

  it('does not fire on independent claims, incorporations or canceled claims', () => {
    assert.deepEqual(scope(`${CLAIM_1}\n2. A bicycle comprising a frame and the brake caliper of claim 1.\n\n3. (Canceled)\n`), []);
  });

  it('is bounded: a long chain of "any preceding claim" claims stays quick and quiet', () => {
    const lines = [CLAIM_1];
    for (let n = 2; n <= 400; n++) lines.push(`${n}. The brake caliper of any preceding claim, wherein the piston has a seal ${n}.`);
    assert.deepEqual(scope(lines.join('\n')), []);
  });

  it('almost never fires on granted claims (the regression corpus)', async function () {
    this.timeout(60000);
    const dir = path.resolve(__dirname, '../../../shared/corpus/uspto');
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    } catch {
      this.skip();
    }
    let fired = 0;
    let claims = 0;
    for (const f of files) {
      const [m] = await loadMatters([path.join(dir, f)]);
      const a = analyzeMatter(m);
      claims += a.claims.length;
      fired += a.findings.filter((x) => x.code === 'dependent-scope').length;
    }
    assert.ok(claims > 100);
    // One true repeat: US07272630B2 claim 17 restates the last clause of claim 14 word for word.
    assert.ok(fired <= 1, `${fired} dependent-scope findings on ${claims} granted claims`);
  });
});

describe('dependent-scope: bounds', () => {
  it('3,000 claims "of any preceding claim" and a 1,000-claim chain complete (the chain walk is bounded)', function () {
    this.timeout(60000);
    const any = ['1. A widget comprising a rod.'];
    for (let i = 2; i <= 3000; i++) any.push(`${i}. The widget of any preceding claim, wherein the rod is bent.`);
    // A multiple dependent claim is not read: it limits each alternative.
    assert.equal(scope2(any.join('\n')).length, 0);
    const chain = ['1. A widget comprising a rod.'];
    for (let i = 2; i <= 1000; i++) chain.push(`${i}. The widget of claim ${i - 1}, wherein the rod is bent.`);
    // Claim 3 onwards repeat their parent word for word.
    assert.ok(scope2(chain.join('\n')).length > 0);
  });
});

function scope2(claims: string) {
  return codes(claimsOnly(claims), 'dependent-scope');
}
