import assert from 'node:assert/strict';
import { readDependency } from '../../src/core';
import { claimsOnly } from '../support/matter';

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
      targets: [1], cumulative: false, any: false, inBody: true,
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
    assert.deepEqual(a.claims.map((c) => c.number), [1, 2, 3]);
    const [c1, c2, c3] = a.claims;
    assert.equal(c1.status, 'currently amended');
    assert.equal(c1.transition, 'comprising');
    assert.equal(c1.preamble, 'A widget');
    assert.equal(c1.category, 'widget');
    assert.deepEqual(c1.elements.map((e) => e.label), ['(a)', '(b)', '(c)']);
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
    assert.deepEqual(a.claims.map((c) => c.number), [1]);
    assert.equal(a.claims[0].text, 'A real claim.');
  });

  it('finds claims after "What is claimed is:" in a single-file document', () => {
    const a = claimsOnly('');
    assert.equal(a.claims.length, 0);
    const b = (require('../support/matter') as typeof import('../support/matter')).analyze({
      'app.md': '# Widget\n\n## Description\n\nA widget has a housing.\n\nWhat is claimed is:\n\n1. A widget comprising a housing.\n\n2. The widget of claim 1, wherein the housing is round.\n',
    });
    assert.deepEqual(b.claims.map((c) => c.parents), [[], [1]]);
  });
});
