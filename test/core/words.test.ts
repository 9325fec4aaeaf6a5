// The tokenizer's table of words as written (src/core/words.ts): tokens of one word share its string and
// normal form, and the table gives the same tokens while it grows, after it is emptied at its bound, and
// after clearCaches.
import assert from 'node:assert/strict';
import { clearCaches, normWord, tokenize } from '../../src/core';

/** The i-th of many distinct made-up words ("wa", "wb", … "wzz…"). */
function word(i: number): string {
  let s = 'w';
  for (let n = i + 1; n > 0; n = Math.floor(n / 26)) s += String.fromCharCode(97 + (n % 26));
  return s;
}

describe('words: the table of words as written', () => {
  afterEach(() => clearCaches());

  it('gives tokens of one word the same string and normal form, equal to slicing and normalising', () => {
    const text = 'The Housings of the housing, the colour and the Colour; x-ray’s housings.';
    const tokens = tokenize(text);
    for (const t of tokens) {
      assert.equal(t.text, text.slice(t.start, t.end));
      assert.equal(t.norm, normWord(t.text));
    }
    const housing = tokens.filter((t) => t.text === 'housing');
    assert.equal(housing.length, 1);
    assert.deepEqual(
      tokens.filter((t) => t.norm === 'housing').map((t) => t.text),
      ['Housings', 'housing', 'housings'],
    );
  });

  it('gives the same tokens while the table grows and after it is emptied at its bound', () => {
    // 210,000 distinct words pass the bound (200,000) once; the first ones, read again after it, are read afresh.
    const words = Array.from({ length: 210000 }, (_, i) => word(i));
    const many = words.join(' ');
    const first = tokenize(many);
    assert.equal(first.length, 210000);
    const again = tokenize(words.slice(0, 300).join(' '));
    assert.equal(again.length, 300);
    for (let i = 0; i < again.length; i++) {
      assert.equal(again[i].text, first[i].text);
      assert.equal(again[i].norm, first[i].norm);
      assert.equal(again[i].start, first[i].start);
    }
    for (const t of first) assert.equal(t.text, many.slice(t.start, t.end));
  });

  it('reads the same after clearCaches', () => {
    const text = 'a fastening member and the fastener members';
    const before = tokenize(text);
    clearCaches();
    assert.deepEqual(tokenize(text), before);
  });
});
