import assert from 'node:assert/strict';
import { claimNumberAt, stripClaimNumber, formatClaimReference, readClaimNumbers, readDependency, readReferences, renumberReference } from '../../src/core';
import { analyze, claimsOnly } from '../support/matter';

function dep(text: string, self = 5) {
  const d = readDependency(text, self);
  return d && { targets: d.ref.targets, cumulative: d.ref.cumulative, any: d.ref.anyPreceding, inBody: !!d.ref.inBody };
}

describe('claims: dependency wording', () => {
  const cases: [string, number[], boolean?][] = [
    ['The method of claim 3, wherein the step', [3]],
    ['The device according to claim 3, wherein', [3]],
    ['A device as claimed in claim 3, wherein', [3]],
    ['The device as recited in claim 3 wherein', [3]],
    ['The device as defined in claim 3, wherein', [3]],
    ['The device as in claim 3, wherein', [3]],
    ['The device of claim 1 or 2, wherein', [1, 2]],
    ['The device of any one of claims 1 to 3, wherein', [1, 2, 3]],
    ['The device of any of claims 1-3, wherein', [1, 2, 3]],
    ['The device of Claim 1, wherein', [1]],
    ['Device according to the first claim, characterised in that', [1]],
    ['Device according to the first or second claim, characterised in that', [1, 2]],
    ['The device of claims 1, 2 or 4, wherein', [1, 2, 4]],
  ];
  for (const [text, targets] of cases) {
    it(`reads "${text.slice(0, 50)}"`, () => {
      assert.deepEqual(dep(text)?.targets, targets);
      assert.equal(dep(text)?.cumulative, false);
    });
  }

  it('reads "any preceding claim" and "any one of the preceding claims" as every earlier claim', () => {
    assert.deepEqual(dep('The device of any preceding claim, wherein', 4), { targets: [1, 2, 3], cumulative: false, any: true, inBody: false });
    assert.deepEqual(dep('A device according to any one of the preceding claims, wherein', 3)?.targets, [1, 2]);
  });

  it('marks "claims 1 and 2" and a bare range as cumulative', () => {
    assert.equal(dep('The device of claims 1 and 2, wherein')?.cumulative, true);
    assert.equal(dep('The device of claims 1-3, wherein')?.cumulative, true);
  });

  it('does not read a "claim N" deep in the body as a dependency', () => {
    assert.equal(dep('A device comprising: a housing; wherein the housing is shaped as shown with respect to the frame, unlike in claim 2 of the parent'), undefined);
  });

  it('reads a claim that incorporates another claim by reference in its body', () => {
    assert.deepEqual(dep('An organic device comprising a layer containing the material, wherein the material is the material according to claim 1.', 5), {
      targets: [1],
      cumulative: false,
      any: false,
      inBody: true,
    });
  });

  it('parses numbering, status identifiers, transition and elements', () => {
    const a = claimsOnly(
      [
        '# Claims',
        '',
        '1. (Currently amended) A widget comprising:',
        '   (a) a housing;',
        '   (b) a lever coupled to the housing; and',
        '   (c) a spring.',
        '',
        '2. (Canceled)',
        '',
        '3. (Original) The widget of claim 1, wherein the spring biases the lever.',
      ].join('\n'),
      { mode: 'amendment' },
    );
    assert.deepEqual(
      a.claims.map((c) => c.number),
      [1, 2, 3],
    );
    const [c1, c2, c3] = a.claims;
    assert.equal(c1.status, 'currently amended');
    assert.equal(c1.transition, 'comprising');
    assert.equal(c1.preamble, 'A widget');
    assert.equal(c1.category, 'widget');
    assert.deepEqual(
      c1.elements.map((e) => e.label),
      ['(a)', '(b)', '(c)'],
    );
    assert.equal(c1.elements[1].text, '(b) a lever coupled to the housing');
    assert.equal(c2.canceled, true);
    assert.deepEqual(c3.parents, [1]);
    assert.equal(c3.status, 'original');
    // Exact positions: the dependency range covers the words "claim 1".
    const doc = a.matter.documents[0].text;
    assert.equal(doc.slice(c3.dependency!.range.start.offset, c3.dependency!.range.end.offset), 'claim 1');
    assert.equal(c3.numberRange.start.line, 9);
  });

  it('ignores numbered lines in front matter, fenced code, HTML comments and tables', () => {
    const a = claimsOnly(
      [
        '---',
        'patent: claims',
        '1. not a claim',
        '---',
        '```',
        '1. A code sample.',
        '```',
        '<!--',
        '2. A commented-out claim.',
        '-->',
        '| 3. cell | x |',
        '|---|---|',
        '| 4. cell | y |',
        '',
        '1. A real claim.',
      ].join('\n'),
    );
    assert.deepEqual(
      a.claims.map((c) => c.number),
      [1],
    );
    assert.equal(a.claims[0].text, 'A real claim.');
  });

  it('finds claims after "What is claimed is:" in a single-file document', () => {
    const a = claimsOnly('');
    assert.equal(a.claims.length, 0);
    const b = analyze({
      'app.md': '# Widget\n\n## Description\n\nA widget has a housing.\n\nWhat is claimed is:\n\n1. A widget comprising a housing.\n\n2. The widget of claim 1, wherein the housing is round.\n',
    });
    assert.deepEqual(
      b.claims.map((c) => c.parents),
      [[], [1]],
    );
  });
});

describe('claims: one "claim N" reader', () => {
  it('reads each reference with its numbers, positions, targets and form', () => {
    const text = 'the device of claim 3 and the kit of any one of claims 1, 2 or 4 to 6, per claims 7 and 8.';
    const refs = readClaimNumbers(text);
    assert.deepEqual(
      refs.map((r) => r.text),
      ['claim 3', 'any one of claims 1, 2 or 4 to 6', 'claims 7 and 8'],
    );
    assert.deepEqual(
      refs.map((r) => r.targets),
      [[3], [1, 2, 4, 5, 6], [7, 8]],
    );
    assert.deepEqual(
      refs.map((r) => [r.alternative, r.cumulative]),
      [
        [false, false],
        [true, false],
        [false, true],
      ],
    );
    assert.equal(refs[1].quantifier, 'any');
    assert.deepEqual(
      refs[1].numbers.map((n) => text.slice(n.start, n.end)),
      ['1', '2', '4', '6'],
    );
  });

  it('stops a list at a quantity ("claim 1 and 2 mm", "claims 1 and 2.5", "claim 1 and 2-step")', () => {
    for (const t of ['the valve of claim 1 and 2 mm of rubber', 'the valve of claim 1 and 2.5 g of salt', 'the method of claim 1 and 2-step heating']) {
      assert.deepEqual(
        readClaimNumbers(t).map((r) => r.targets),
        [[1]],
        t,
      );
    }
  });

  it('finds the number under an offset, renumbers and formats references', () => {
    const line = 'The device of claim 14 or claims 2 or 3, wherein';
    assert.equal(claimNumberAt(line, line.indexOf('14') + 1)?.claim, 14);
    assert.equal(claimNumberAt(line, line.indexOf('3,'))?.claim, 3);
    assert.equal(claimNumberAt(line, line.indexOf('claim') + 1)?.claim, 14);
    assert.equal(claimNumberAt(line, 2), undefined);
    assert.equal(renumberReference('claims 2 or 3', new Map([[3, 4]])), 'claims 2 or 4');
    assert.equal(
      renumberReference('claim 12', (n) => (n === 1 ? 9 : undefined)),
      'claim 12',
    );
    assert.deepEqual([formatClaimReference([3]), formatClaimReference([1, 2]), formatClaimReference([1, 2, 4])], ['claim 3', 'claims 1 or 2', 'claims 1, 2 or 4']);
  });
});

describe('claims: incorporation by reference in the body', () => {
  const targets = (text: string, self = 9) => readReferences(text, self).map((r) => r.ref.targets);
  it("reads a product that takes in another claim's subject, wherever the reference stands", () => {
    assert.deepEqual(targets('A pharmaceutical composition comprising the compound of claim 1 and a carrier.'), [[1]]);
    assert.deepEqual(targets('A cleanser comprising water, a surfactant, and at least 0.1% by weight of at least one derivative of claim 1.'), [[1]]);
    assert.deepEqual(targets('A composition comprising a salt, solvate or prodrug thereof of claim 2 and a diluent.'), [[2]]);
    assert.deepEqual(targets('A kit comprising a buffer, a vial, the polypeptide of any of claims 1, 3, 5 to 8 and 12 and a carrier.', 13), [[1, 3, 5, 6, 7, 8, 12]]);
    assert.deepEqual(targets('A method comprising the steps of: a) determining itch using the method in claim 6; b) administering a drug.'), [[6]]);
    assert.deepEqual(targets('An isolated polypeptide produced by a method comprising: (a) culturing a cell encoding the polypeptide of claim 1; and (b) recovering it.'), [[1]]);
  });

  it('joins the opening dependency and the body references in the parents', () => {
    const a = claimsOnly('1. A compound X.\n\n2. A device Y.\n\n3. The device of claim 2, wherein the device holds the compound of claim 1.\n');
    assert.deepEqual(a.claims[2].parents, [2, 1]);
    assert.deepEqual(
      a.claims[2].references!.map((r) => [r.text, !!r.inBody]),
      [
        ['claim 2', false],
        ['claim 1', true],
      ],
    );
    assert.equal(a.claims[2].dependency!.text, 'claim 2');
  });

  it('does not read a bare "claim N" that takes nothing in', () => {
    assert.deepEqual(targets('A device comprising: a housing, unlike in claim 2 of the parent, and a lever.'), []);
    assert.deepEqual(targets('A device comprising: a housing different from claim 2; and a lever.'), []);
    assert.deepEqual(targets('A device comprising: a housing as opposed to claim 2; and a lever.'), []);
  });
});

describe('claims: a dependency that omits the word "claim"', () => {
  const bare = (text: string, self = 5) => {
    const d = readDependency(text, self);
    return d && { targets: d.ref.targets, missing: !!d.ref.missingWord, text: text.slice(d.start, d.end) };
  };
  it('reads "The valve of 3, wherein", "according to 2," and "as claimed in 1 or 2"', () => {
    assert.deepEqual(bare('The valve of 3, wherein the seat is round.'), { targets: [3], missing: true, text: '3' });
    assert.deepEqual(bare('The method according to 2, further comprising heating.'), { targets: [2], missing: true, text: '2' });
    assert.deepEqual(bare('A device as claimed in 1 or 2, wherein the lever is long.'), { targets: [1, 2], missing: true, text: '1 or 2' });
    assert.deepEqual(bare('The brake pad of 4 wherein the pad is rubber.'), { targets: [4], missing: true, text: '4' });
    assert.deepEqual(bare('Device according to 3, in which the code is on a holder.'), { targets: [3], missing: true, text: '3' });
    assert.deepEqual(bare('The method of any one of 1 to 3, wherein'), { targets: [1, 2, 3], missing: true, text: '1 to 3' });
  });
  it('does not read quantities, compounds or steps', () => {
    for (const t of [
      'A valve of 3 mm, wherein the seat is round.',
      'The method of 2-step heating, wherein the oven is hot.',
      'The method of 2 step heating, wherein the oven is hot.',
      'A method of aligning sequences with a gap opening penalty of 10, wherein',
      'The yield of 1,6-diisocyanatohexane, wherein',
      'The composition of 2.5, wherein',
      'The valve of 7, wherein the seat is round.',
      'The valve with a diameter of 3, wherein the seat is round.',
      'Heating according to 2 hours, wherein',
      'Mixture of 2, wherein the salt is dry.',
    ])
      assert.equal(bare(t), undefined, t);
  });
});

describe('claims: renumbering every reference', () => {
  it('renumbers the opening dependency and the body incorporations alike', async () => {
    const { renumberClaimEdits, LineIndex } = await import('../../src/core');
    const text = '1. A compound X.\n\n3. A device Y.\n\n4. The device of claim 3, wherein the device holds the compound of claim 1 and a part of claims 3 or 4.\n';
    const a = claimsOnly(text);
    const edits = renumberClaimEdits(a.claims, new LineIndex(a.matter.documents[0].text));
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['2', '3', 'claim 2', 'claims 2 or 3'],
    );
  });
});

describe('claims: a new claim given with or without its number', () => {
  it('takes off a leading number with its period or parenthesis, and nothing else', () => {
    assert.equal(stripClaimNumber(' 12. The brake of claim 1.'), 'The brake of claim 1.');
    assert.equal(stripClaimNumber('3) A method.'), 'A method.');
    assert.equal(stripClaimNumber('The brake of claim 1.'), 'The brake of claim 1.');
    assert.equal(stripClaimNumber('10 rotors, each of claim 1.'), '10 rotors, each of claim 1.');
  });
});
