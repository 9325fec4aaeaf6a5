import assert from 'node:assert/strict';
import { lcsLength, rougeL } from '../../src/drafting';

describe('drafting: ROUGE-L', () => {
  it('is the longest common subsequence of words', () => {
    assert.equal(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'b']), 3);
    assert.equal(lcsLength([], ['a']), 0);
    const r = rougeL('the police killed the gunman', 'police kill the gunman');
    // LCS "police the gunman": 3 of 5 candidate words, 3 of 4 reference words.
    assert.equal(r.lcs, 3);
    assert.equal(r.precision, 3 / 5);
    assert.equal(r.recall, 3 / 4);
    assert.ok(Math.abs(r.f1 - (2 * 0.6 * 0.75) / 1.35) < 1e-12);
  });
  it('is 1 for the same text and 0 for disjoint texts, case-insensitively', () => {
    assert.equal(rougeL('A brake caliper.', 'a BRAKE caliper').f1, 1);
    assert.equal(rougeL('rotor', 'piston').f1, 0);
    assert.equal(rougeL('', '').f1, 0);
  });
});
