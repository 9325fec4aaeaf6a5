// Drafting a practitioner would keep (issue 13), on examples/bicycle-brake: the abstract comes from
// the principal independent claim and the disclosure's own field statement, recast; dependent
// claims further limit their parent, pass every check, and use the parent's own preamble.
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyzeMatter, type Analysis } from '../../src/core';
import { loadMatters } from '../../src/node/workspace';
import { BuiltinBackend, checkAbstract, checkGeneratedClaims, claimsInOutput, collectDraft, fieldSentences, principalIndependent, type DraftTask } from '../../src/drafting';

const EXAMPLE = path.resolve(__dirname, '../../examples/bicycle-brake');
const engine = new BuiltinBackend();
const run = (a: Analysis, task: DraftTask) => collectDraft(engine.generate(task, { analysis: a }));

describe('drafting: what a practitioner would keep (examples/bicycle-brake)', () => {
  let a: Analysis;
  before(async () => {
    const [m] = await loadMatters([EXAMPLE]);
    a = analyzeMatter(m);
  });

  it('the abstract starts from claim 1, not from claim 6 that incorporates it', () => {
    assert.equal(principalIndependent(a)?.number, 1);
  });

  it('the abstract has no claim reference, no "relates to", no abstract finding', async () => {
    const r = await run(a, { kind: 'abstract' });
    assert.match(r.text, /^A brake caliper for a bicycle disc brake includes a caliper body/);
    assert.doesNotMatch(r.text, /claim \d|relates to|present disclosure/i);
    assert.deepEqual(checkAbstract(a, r.text), []);
    // The field statement, recast in abstract language.
    assert.match(r.text, /The brake caliper is in the field of disc brakes for bicycles\. Its brake pad warns the rider before it is worn out\./);
  });

  it('recasts a field statement and leaves one that only restates the claimed thing', () => {
    assert.deepEqual(fieldSentences('This invention relates to computer networks and file systems, and more particularly to locating files.', 'method'), [
      'The method is in the field of computer networks and file systems.',
    ]);
    assert.deepEqual(fieldSentences('The present application relates generally to systems for conversational networking and, more particularly, to protocols.', 'system'), [
      'The system is in the field of systems for conversational networking.',
    ]);
    assert.deepEqual(fieldSentences('The present invention relates to a hybrid vehicle.', 'vehicle'), []);
    assert.deepEqual(fieldSentences('The brake caliper is light.', 'brake caliper'), []);
  });

  it('dependent claims of claim 1 further limit it, pass every check and use its preamble', async () => {
    const r = await run(a, { kind: 'dependent', claim: 1 });
    const gen = claimsInOutput(r.text);
    assert.ok(gen.length >= 1, r.text);
    const findings = checkGeneratedClaims(a, gen);
    for (const g of gen) {
      assert.match(g.text, /^\d+\. The brake caliper of claim 1, (?:wherein|further comprising) /);
      assert.deepEqual(
        findings
          .get(g.number)!
          .filter((f) => f.severity !== 'info')
          .map((f) => `${f.code}: ${f.message}`),
        [],
        g.text,
      );
    }
    // Not offered: the slot that receives the brake rotor (claim 1 recites it).
    assert.doesNotMatch(r.text, /defining a slot that receives the brake rotor/);
    for (const c of r.chunks) assert.ok(c.source?.length === 1 && c.source[0].excerpt.length > 0);
  });
});
