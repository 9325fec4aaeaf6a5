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

  it('finds the words a /u regex finds, in ASCII and beyond it (µ, ’, accents, scripts, astral letters and digits, a start inside a pair)', () => {
    // The definition the scanner keeps: a letter, digit or µ, then those, apostrophes and hyphens; trailing
    // hyphens and apostrophes, then a possessive 's, trimmed.
    const reference = (text: string, start: number, end: number) => {
      const out: { start: number; end: number; text: string }[] = [];
      const re = /[\p{L}\p{N}µ][\p{L}\p{N}µ'’-]*/gu;
      re.lastIndex = start;
      for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
        let len = Math.min(m[0].length, end - m.index);
        while (len > 1 && "'’-".includes(text[m.index + len - 1])) len--;
        if (len > 2 && /^['’][sS]$/.test(text.slice(m.index + len - 2, m.index + len))) len -= 2;
        out.push({ start: m.index, end: m.index + len, text: text.slice(m.index, m.index + len) });
      }
      return out;
    };
    const pieces = ['a', 'Z', '0', '9', ' ', '-', "'", '’', 'µ', 'é', 'Ω', 'ж', '中', '١', '𝐀', '𝟘', '😀', '.', ',', '\n', '(', '_', '\u00a0', 's', "'s", '’S', '--'];
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    for (let round = 0; round < 400; round++) {
      let text = '';
      for (let k = 0, len = 1 + rand(40); k < len; k++) text += pieces[rand(pieces.length)];
      const start = rand(text.length + 1);
      const end = start + rand(text.length - start + 1);
      const got = tokenize(text, start, end).map((t) => ({ start: t.start, end: t.end, text: t.text }));
      // A start inside a surrogate pair reads from the pair's start.
      const from = start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '') && /[\ud800-\udbff]/.test(text[start - 1]) ? start - 1 : start;
      assert.deepEqual(got, reference(text, from, end), JSON.stringify({ text, start, end }));
    }
  });

  it('reads the same after clearCaches', () => {
    const text = 'a fastening member and the fastener members';
    const before = tokenize(text);
    clearCaches();
    assert.deepEqual(tokenize(text), before);
  });
});
