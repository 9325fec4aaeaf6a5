// Recall on planted defects (bench/planted.ts): first the planting operators themselves on a small
// in-memory document (each produces the edit it claims, and only where the defect is real), then
// recall per operator on a fixed, seeded subset of the real grants against the targets. An
// operator the checks cannot meet yet fails here, by name; nothing is skipped but the corpus.
import assert from 'node:assert/strict';
import {
  analyzeText,
  choosePlants,
  hasCorpusFolder,
  loadCorpus,
  mapRange,
  NEW_TERMS,
  OPERATORS,
  plantedText,
  recallPercent,
  respell,
  Rng,
  runRecall,
  variantsOf,
  type CorpusDoc,
  type OperatorId,
  type Plant,
} from '../../bench/planted';

const FIXTURE = `# Fastening device

## Abstract

A fastening device with a housing, a lever and a fastening member held by the housing.

## Description

The fastening device 10 has a housing 12 and a lever 14. The housing 12 holds the lever 14. The lever 14 turns on a pivot shaft 16. The housing 12 is made of steel. A fastening member 18 is held by the housing 12. The fastening member 18 engages the lever 14. The fastening member 18 forms a subassembly 20 of the device. The subassembly 20 has a retaining spring 22. The retaining spring 22 presses the lever 14. The retaining spring 22 is made of wire. The fastening member is colored; its color is red.

## Claims

1. A fastening device, comprising:
   a housing;
   a lever mounted in the housing; and
   a fastening member held by the housing, the fastening member engaging the lever.

2. The fastening device of claim 1, wherein the lever turns on a pivot shaft.

3. The fastening device of claim 2, wherein the pivot shaft is made of steel.

4. The fastening device of claim 1, wherein the fastening member is a subassembly.
`;

const doc: CorpusDoc = { corpus: 'memory', name: 'FIXTURE', uri: '/m/fixture.md', text: FIXTURE, grant: true };
const op = (id: OperatorId) => OPERATORS.find((o) => o.id === id)!;
/** Every candidate site of an operator (choosePlants then takes a seeded few, one per claim or part). */
const all = (id: OperatorId): Plant[] => op(id).candidates(doc, analyzeText(doc), new Rng(1));
const planted = (p: Plant) => plantedText(FIXTURE, p).slice(p.at.start, p.at.end);

describe('planted defects: the operators', () => {
  it('mapRange moves ranges after an edit and maps a range inside it onto the new text', () => {
    const e = [{ start: 10, end: 12, newText: 'abcd' }];
    assert.deepEqual(mapRange(0, 5, e), { start: 0, end: 5 });
    assert.deepEqual(mapRange(20, 25, e), { start: 22, end: 27 });
    assert.deepEqual(mapRange(10, 12, e), { start: 10, end: 14 });
    assert.deepEqual(mapRange(11, 20, e), { start: 10, end: 22 });
    assert.deepEqual(mapRange(5, 10, [{ start: 10, end: 10, newText: 'xy' }]), { start: 5, end: 10 });
  });

  it('(a) turns a claim\'s first "a X" that a later "the X" relies on into "the X", and nothing else', () => {
    const ps = all('lost-antecedent');
    const housing = ps.find((p) => p.claim === 1 && planted(p) === 'the housing');
    assert.ok(housing, 'claim 1 "a housing" → "the housing"');
    assert.equal(FIXTURE.slice(housing.edit.start, housing.edit.end), 'a ');
    const shaft = ps.find((p) => p.claim === 2 && planted(p) === 'the pivot shaft');
    assert.ok(shaft, 'claim 2 "a pivot shaft", relied on by claim 3');
    assert.equal(shaft.kind, 'dependent');
    assert.ok(!ps.some((p) => /subassembly/.test(planted(p))), '"a subassembly" has no later "the subassembly"');
    for (const p of ps) assert.match(planted(p), /^the [a-z]/);
  });

  it('(b) adds "the <new noun phrase>" as a wherein clause at the end of dependent claims only', () => {
    const ps = all('unknown-term');
    assert.deepEqual(ps.map((p) => p.claim).sort(), [2, 3, 4]);
    for (const p of ps) {
      const t = planted(p);
      assert.ok(NEW_TERMS.includes(t.slice(4)), t);
      const text = plantedText(FIXTURE, p);
      assert.equal(text.slice(p.at.start - ', wherein '.length, p.at.start), ', wherein ');
      assert.match(text.slice(p.at.end, p.at.end + 60), /^ [a-z ]+\./);
      assert.ok(!FIXTURE.toLowerCase().includes(t.slice(4)));
    }
  });

  it('(c) points a dependency at a claim that does not exist or comes later', () => {
    const ps = all('bad-dependency');
    assert.deepEqual(ps.map((p) => p.claim).sort(), [2, 3, 4]);
    for (const p of ps) {
      const to = Number(planted(p));
      assert.ok(to > 4 || to > p.claim!, `claim ${p.claim} → ${to}`);
      assert.match(plantedText(FIXTURE, p).slice(p.at.start - 6, p.at.end), new RegExp(`^claim ${to}$`));
    }
  });

  it('(d) numbers a claim as the claim before it', () => {
    const ps = all('duplicate-number');
    assert.deepEqual(ps.map((p) => p.claim).sort(), [2, 3, 4]);
    for (const p of ps) assert.equal(planted(p), String(p.claim! - 1));
  });

  it('(e) gives a numeral used several times for one part to a different part that has a numeral of its own', () => {
    const ps = all('numeral-reused');
    assert.ok(ps.length >= 1);
    for (const p of ps) {
      const m = /^([a-z ]+) (\d+)$/.exec(planted(p));
      assert.ok(m, planted(p));
      assert.ok(['lever', 'fastening member', 'retaining spring', 'subassembly', 'housing'].includes(m[1]), m[1]);
      const owner = m[2] === '12' ? 'housing' : m[2] === '14' ? 'lever' : m[2] === '18' ? 'fastening member' : m[2] === '22' ? 'retaining spring' : '?';
      assert.notEqual(owner, '?', `numeral ${m[2]} names one part at least three times`);
      assert.notEqual(m[1], owner);
    }
  });

  it('(f) gives a part of two or more words a second numeral the document never uses, not at its first mention', () => {
    const ps = all('second-numeral');
    assert.ok(ps.length >= 1);
    for (const p of ps) {
      const m = /^(fastening member|retaining spring) (\d+)$/.exec(planted(p));
      assert.ok(m, planted(p));
      assert.ok(!new RegExp(`\\b${m[2]}\\b`).test(FIXTURE), `${m[2]} is new`);
      const first = FIXTURE.indexOf(`${m[1]} ${m[1] === 'fastening member' ? 18 : 22}`);
      assert.ok(p.edit.start > first);
    }
  });

  it('(g) variants: hyphenated, inflected, prefixed compound, US/UK spelling', () => {
    assert.deepEqual(variantsOf('fastening member'), [
      ['hyphen', 'fastening member', 'fastening-member'],
      ['inflection', 'fastening member', 'fastener member'],
    ]);
    assert.deepEqual(
      variantsOf('subassembly', (w) => w === 'assembly'),
      [['compound', 'subassembly', 'sub-assembly']],
    );
    assert.deepEqual(
      variantsOf('subject', () => false),
      [],
    );
    assert.equal(respell('color'), 'colour');
    assert.equal(respell('colours'), 'colors');
    assert.equal(respell('linearization'), 'linearisation');
    assert.equal(respell('size'), undefined);
    assert.equal(respell('resize'), undefined);
  });

  it('(g) puts the variant once in place of a term written the same way at least four times, not at its first use', () => {
    const ps = all('term-variant');
    const p = ps.find((x) => x.kind === 'hyphen' && /fastening-member/i.test(planted(x)));
    assert.ok(p, 'fastening member → fastening-member');
    assert.ok(p.edit.start > FIXTURE.toLowerCase().indexOf('fastening member'));
    assert.equal(FIXTURE.slice(p.edit.start, p.edit.end).toLowerCase(), 'fastening member');
    assert.ok(ps.some((x) => x.kind === 'inflection' && /fastener member/i.test(planted(x))));
  });

  it('(h) takes the word "claim" out of a dependency', () => {
    const ps = all('no-claim-word');
    assert.deepEqual(ps.map((p) => p.claim).sort(), [2, 3, 4]);
    const p = ps.find((x) => x.claim === 3)!;
    assert.match(plantedText(FIXTURE, p), /3\. The fastening device of 2, wherein/);
    assert.equal(planted(p), '2');
  });

  it('chooses the same plants for the same seed, at most one per claim', () => {
    const a = analyzeText(doc);
    for (const o of OPERATORS) {
      const ps = choosePlants(doc, a, o, 5, 3);
      assert.deepEqual(ps, choosePlants(doc, a, o, 5, 3), o.id);
      const claims = ps.filter((p) => p.claim !== undefined).map((p) => p.claim);
      assert.equal(new Set(claims).size, claims.length, o.id);
    }
  });
});

// A fixed subset of the grants: mechanical and electrical documents with reference numerals, claim
// trees and repeated terms, seeded.
const SUBSET = ['US06837358B1', 'US06981484B2', 'US07472944B2', 'US08421271B2'];
const SEED = 11;
const hasCorpus = hasCorpusFolder('uspto-dev');

describe('planted defects: recall on a fixed subset of real grants', function () {
  this.timeout(120000);
  if (!hasCorpus) {
    it('is skipped: ../shared/corpus/uspto-dev is absent', function () {
      this.skip();
    });
    return;
  }
  let stats: ReturnType<typeof runRecall> = [];
  before(() => {
    stats = runRecall(loadCorpus({ names: SUBSET }), { seed: SEED, perDoc: 5 });
  });
  for (const o of OPERATORS) {
    const pending = o.id === 'no-claim-word' ? ' (detection of (h) is being added to claim-dependency)' : '';
    it(`(${o.letter}) ${o.label} → ${o.expect}: recall >= ${o.target}%${pending}`, () => {
      const s = stats.find((x) => x.op.id === o.id)!;
      assert.ok(s.planted >= 5, `planted ${s.planted}`);
      const misses = s.misses.map((m) => `${m.plant.doc} ${m.plant.claim ?? ''} ${m.plant.what}${m.infoOnly ? ' (info only)' : ''}`).join('\n');
      assert.ok(recallPercent(s) >= o.target, `${s.caught}/${s.planted} = ${recallPercent(s).toFixed(1)}%; missed:\n${misses}`);
    });
  }
});
