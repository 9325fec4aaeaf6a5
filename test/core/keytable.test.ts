// The disclosure memo's key table is bounded: past KEY_LIMIT entries (or KEY_CHARS characters of keys) the memo
// starts a new one, and a part indexed after that answers as a cold index does.
import assert from 'node:assert/strict';
import { clearCaches } from '../../src/core/caches';
import { indexDisclosurePart, KEY_CHARS, KEY_LIMIT, type DisclosurePart, type KeyTable } from '../../src/core/disclosure';

const TEXT = [
  'The heater 10 has a housing 12 and a wire 14 that is wound around a core 16. The housing 12 is round and holds the core 16.',
  'A pyramid-type cap 18 closes the housing 12. The data base 20 stores the set points of the sub assembly 22.',
].join('\n\n');

/** Word i of a run of distinct words: i in base 26 (letters), after `prefix`. */
function word(prefix: string, i: number): string {
  let s = '';
  for (let k = 0; k < 4; k++, i = Math.floor(i / 26)) s += String.fromCharCode(97 + (i % 26));
  return prefix + s;
}
/** Paragraphs of `count` distinct words (ten to a sentence). */
function distinctWords(prefix: string, count: number): string {
  const sentences: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const words: string[] = [];
    for (let k = i; k < Math.min(count, i + 10); k++) words.push(word(prefix, k));
    sentences.push(`The ${words.join(' ')}.`);
  }
  const paras: string[] = [];
  for (let i = 0; i < sentences.length; i += 20) paras.push(sentences.slice(i, i + 20).join(' '));
  return paras.join('\n\n');
}

const tableOf = (p: DisclosurePart): KeyTable => (p as unknown as { table: KeyTable }).table;
const answers = (p: DisclosurePart) => ({ index: [...p.index], roots: [...p.roots], sentences: p.sentences, paragraphOf: [...p.paragraphOf], numerals: p.numerals, phrases: p.phrases });

function overflows(filler: string, bound: (t: KeyTable) => boolean) {
  clearCaches();
  const cold = answers(indexDisclosurePart('a.md', TEXT, 0, TEXT.length));
  clearCaches();
  const first = indexDisclosurePart('a.md', TEXT, 0, TEXT.length);
  const table = tableOf(first);
  // Another document's part fills the same table past its bound (the bound is checked as a part begins).
  indexDisclosurePart('b.md', filler, 0, filler.length);
  assert.ok(bound(table), `the filler passes the bound (${table.size} entries, ${table.chars} characters)`);
  assert.ok(table.full);
  // The next part starts a new table: emptied, holding only its own keys, and its answers are a cold index's.
  const again = indexDisclosurePart('a.md', TEXT, 0, TEXT.length);
  const fresh = tableOf(again);
  assert.notEqual(fresh, table);
  assert.ok(!fresh.full);
  assert.ok(fresh.size < 200, `a new table holds the part's keys only (${fresh.size})`);
  assert.deepEqual(answers(again), cold);
  assert.deepEqual(answers(first), cold, 'a part read with the old table keeps its answers');
}

describe('the disclosure key table bound', () => {
  it('starts a new table past KEY_LIMIT entries; the part after it answers as a cold index', function () {
    this.timeout(60000);
    // Each distinct word adds its normal form, stem and root (3 entries at most): enough words to pass the bound.
    overflows(distinctWords('q', Math.ceil(KEY_LIMIT / 2)), (t) => t.size > KEY_LIMIT && t.chars <= KEY_CHARS);
  });
  it('starts a new table past KEY_CHARS characters of keys, before KEY_LIMIT entries', function () {
    this.timeout(60000);
    const long = 'x'.repeat(80);
    overflows(distinctWords(long, Math.ceil(KEY_CHARS / 80 / 2)), (t) => t.chars > KEY_CHARS && t.size <= KEY_LIMIT);
  });
});
