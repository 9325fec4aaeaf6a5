// term-unsupported and term-variant: the classes of false alarm they must not raise, and the
// findings they must keep. Small fixtures of our own; no corpus text.
import assert from 'node:assert/strict';
import { analyze, at, codes } from '../support/matter';
import { root, termSupport, indexDisclosurePart } from '../../src/core/disclosure';

const doc = (...paragraphs: string[]) => ['# Heater', '', '## Detailed Description', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
const BASE = 'The heater 10 has a housing 12 and a wire 14 that is wound around a core 16. The housing 12 is round and holds the core 16.';

function unsupported(claims: string, ...paragraphs: string[]) {
  const a = analyze({ 'claims.md': claims, 'disclosure.md': doc(BASE, ...paragraphs) });
  return codes(a, 'term-unsupported').map((f) => ({ term: at(a, f), severity: f.severity, confidence: f.confidence }));
}

describe('term-unsupported', () => {
  it('is high (info by default) when a word of the term is nowhere in the disclosure; low when its words are there, not together', () => {
    const f = unsupported('1. A heater comprising a housing, a thermistor and a ceramic wire.\n');
    assert.deepEqual(f, [
      { term: 'thermistor', severity: 'info', confidence: 'high' },
      { term: 'ceramic wire', severity: 'info', confidence: 'low' },
    ]);
    // A drafter who wants the check louder sets its severity: the lexical miss becomes a warning.
    const loud = analyze({ 'claims.md': '1. A heater comprising a housing and a thermistor.\n', 'disclosure.md': doc(BASE) }, { severity: { 'term-unsupported': 'warning' } });
    assert.deepEqual(
      codes(loud, 'term-unsupported').map((x) => [x.data?.term, x.severity]),
      [['thermistor', 'warning']],
    );
  });
  it('finds support through derived forms and the parts of hyphenated words', () => {
    const f = unsupported(
      '1. A heater comprising a resistively heated wire, a conical core and a pyramid.\n',
      'The wire 14 is resistive heating wire. The core 16 is conically shaped. A pyramid-type cap 18 closes the housing 12.',
    );
    assert.deepEqual(f, []);
  });
  it('finds support for words spread over one paragraph, not over the whole description', () => {
    const spread = 'The cap 18 is made of glass. It is known to the skilled person as a lid, and here it is tempered.';
    assert.deepEqual(unsupported('1. A heater comprising a tempered lid.\n', spread), []);
    const apart = ['The cap 18 is made of glass and is tempered.', 'A lid 20 closes the core 16.'];
    assert.deepEqual(
      unsupported('1. A heater comprising a tempered lid.\n', ...apart).map((x) => x.term),
      ['tempered lid'],
    );
  });
  it('needs only the distinctive words of a term with a generic head or generic modifiers', () => {
    const f = unsupported('1. A heater comprising a wire member, a housing portion, a front core and an amorphous state.\n', 'The core 16 may become amorphous when hot.');
    assert.deepEqual(f, []);
  });
  it('gives only a hint for a term of generic words the disclosure does not use', () => {
    const f = unsupported('1. A heater comprising a housing having a fore side and an aft side.\n');
    assert.deepEqual(f, [
      { term: 'fore side', severity: 'info', confidence: 'low' },
      { term: 'aft side', severity: 'info', confidence: 'low' },
    ]);
  });
  it('does not take a trailing comparative for part of the term', () => {
    const f = unsupported('1. A heater comprising a wire having a friction coefficient lower than 0.3.\n', 'The wire 14 has a low friction coefficient.');
    assert.deepEqual(f, []);
  });
  it('keeps a shared modifier before "and" apart from real terms', () => {
    const f = unsupported('1. A method comprising administering a safe and effective amount of the heater.\n');
    assert.deepEqual(
      f.map((x) => [x.term, x.severity]),
      [['safe', 'info']],
    );
  });
});

describe('termSupport', () => {
  it('answers sentence, paragraph, scattered or nothing', () => {
    const text = doc('The wire is hot. The coil is cold.', 'A lid is glass.');
    const part = indexDisclosurePart('/m/d.md', text, 0, text.length);
    assert.equal(termSupport([part], ['wire', 'hot']), 'sentence');
    assert.equal(termSupport([part], ['wire', 'cold']), 'paragraph');
    assert.equal(termSupport([part], ['wire', 'glass']), 'scattered');
    assert.equal(termSupport([part], ['wire', 'copper']), undefined);
  });
  it('folds derived forms to one root', () => {
    for (const [a, b] of [
      ['resistively', 'resistive'],
      ['heated', 'heating'],
      ['conically', 'conical'],
      ['polymeric', 'polymer'],
      ['diuretics', 'diuretic'],
      ['shaped', 'shape'],
    ]) {
      assert.equal(root(a), root(b), `${a} / ${b}`);
    }
    assert.notEqual(root('wire'), root('wireless'));
  });
});

describe('term-variant', () => {
  function variants(claims: string, ...paragraphs: string[]) {
    const a = analyze({ 'claims.md': claims, 'disclosure.md': doc(...paragraphs) });
    return codes(a, 'term-variant').map((f) => ({ term: at(a, f), severity: f.severity, confidence: f.confidence }));
  }
  it('keeps spelling drift in the description as a warning', () => {
    const f = variants(
      '1. A radio comprising a housing.\n',
      'A narrowband transmitter 10 sends. The narrowband transmitter 10 is small. The narrowband transmitter 10 is light. The narrow band transmitter 10 is cheap.',
    );
    assert.deepEqual(f, [{ term: 'narrow band transmitter', severity: 'warning', confidence: 'medium' }]);
  });
  it('does not take a comparative for a variant of its adjective', () => {
    const f = variants('1. A tool comprising a hard material.\n', 'The hard material 10 is steel. The hard material 10 is coated. A harder material 12 is diamond.');
    assert.deepEqual(f, []);
  });
  it('gives a derived word in the description only a hint, and keeps it in the claims', () => {
    const desc = 'The electric field 10 is strong. The electric field 10 is even. The electrical field 10 is measured.';
    assert.deepEqual(variants('1. A probe comprising a housing.\n', desc), [{ term: 'electrical field', severity: 'info', confidence: 'low' }]);
    // In the claims, the claimed form wins a tie and the description's other form is a warning.
    const claimed = variants('1. A probe comprising a housing and an electrical field.\n', desc);
    // One drift is one finding: the first place, the other place related, one fix for both.
    assert.deepEqual(
      claimed.map((x) => [x.term, x.severity]),
      [['electric field', 'warning']],
    );
  });
  it('meets a hyphenated one-word form with the spaced form of a long modifier, not a compound modifier before a plural', () => {
    const desc = 'The container terminal 10 is big. The container terminal 10 is busy. The container terminal 10 is old.';
    assert.deepEqual(
      variants('1. A crane comprising a boom.\n2. The crane of claim 1 at a container-terminal.\n', desc).map((x) => x.term),
      ['container-terminal'],
    );
    const mixed = 'The aqueous phase 10 is water. The aqueous phase 10 is clear. The aqueous phase 10 is warm. Combine the aqueous-phase ingredients.';
    assert.deepEqual(variants('1. A cream comprising an oil.\n', mixed), []);
  });
  it('reports a UK respelling among US spellings of a term, and is quiet where one spelling is kept', () => {
    const us = 'The linearization 10 is fast. The linearization 10 is exact. The linearization 10 is stored.';
    assert.deepEqual(
      variants('1. A tool comprising a model.\n', us, 'Modifying the linearisation is easy.').map((x) => x.term),
      ['linearisation'],
    );
    assert.deepEqual(variants('1. A tool comprising a model.\n', us), []);
    assert.deepEqual(variants('1. A tool comprising an organisation.\n', 'The organisation 10 is big. The realisation 12 is late.'), []);
  });
  it('reports one finding where a longer and a shorter form of the same words drift', () => {
    const f = variants('1. A truck comprising a frame.\n', 'The ICC bumper deflector 10 is steel. The ICC bumper deflector 10 is bolted. The ICC bump deflector 10 is black.');
    assert.deepEqual(
      f.map((x) => x.term),
      ['bump deflector'],
    );
  });
  it('offers fixes that agree where a longer and a shorter class of the same words disagree', () => {
    // "electrical field" is the document's form; "highest electrical field" is the minority of its
    // longer class. The shorter class decides: "electric field" inside "highest electric field".
    const desc =
      'The electrical field 10 is strong. The electrical field 10 is even. The electrical field 10 is high. The highest electrical field 10 is here. The highest electric field 10 is there. The highest electric field 10 is near.';
    const a = analyze({ 'claims.md': '1. A probe comprising a housing.\n', 'disclosure.md': doc(desc) });
    const found = codes(a, 'term-variant');
    assert.deepEqual(
      found.map((f) => [at(a, f), f.fixes?.[0]?.edits.map((e) => e.newText)]),
      [['electric field', ['electrical field', 'electrical field']]],
    );
    assert.equal(found[0].related?.filter((r) => r.message === 'the same variant written here too').length, 1);
  });
  it('finds a hyphenated word used as a noun outside a phrase, not a hyphenated modifier', () => {
    const desc = 'The carbon atom 10 is here. The carbon atom 10 is there. The carbon atom 10 is bound. It has 13 carbon-atoms, or more.';
    assert.deepEqual(
      variants('1. A compound comprising a carbon atom.\n', desc).map((x) => x.term),
      ['carbon-atoms'],
    );
    const modifier = 'The carbon atom 10 is here. The carbon atom 10 is there. The carbon atom 10 is bound. It has 13 carbon-atom chains.';
    assert.deepEqual(variants('1. A compound comprising a carbon atom.\n', modifier), []);
  });
  it('reads a plural last word as a noun after a plural determiner, and keeps the verb after a singular one', () => {
    const claims = '1. A pan comprising a plurality of side walls.\n2. The pan of claim 1, wherein the side walls are flat.\n3. The pan of claim 1, wherein one side-wall is bent.\n';
    assert.deepEqual(
      variants(claims, 'The pan 10 is steel.').map((x) => x.term),
      ['side-wall'],
    );
    const verb = '1. A valve comprising a body, wherein a valve provides a seal.\n2. The valve of claim 1, wherein the valve-provide is open.\n';
    assert.deepEqual(variants(verb, 'The valve 10 is steel.'), []);
  });
  it('does not take a passive participle for a variant of the active one', () => {
    assert.deepEqual(
      variants(
        '1. A device comprising a processed directory and a processing directory.\n',
        'The processed directory 10 holds files. The processed directory 10 is full. The processing directory 12 is empty.',
      ),
      [],
    );
  });
});
