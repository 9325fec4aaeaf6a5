import assert from 'node:assert/strict';
import { agreeArticle, indefiniteArticle, matchCase, pluralizePhrase } from '../../src/extension/articles.js';

// The editor re-exports the core's one copy of the rules (test/core/english.test.ts has the tables).
describe('extension article agreement', () => {
  it('chooses a/an by sound', () => {
    assert.equal(indefiniteArticle('element'), 'an');
    assert.equal(indefiniteArticle('member'), 'a');
    assert.equal(indefiniteArticle('unit'), 'a');
    assert.equal(indefiniteArticle('upper housing'), 'an');
    assert.equal(indefiniteArticle('hour'), 'an');
    assert.equal(indefiniteArticle('one-way valve'), 'a');
    assert.equal(indefiniteArticle('LED array'), 'an');
    assert.equal(indefiniteArticle('USB port'), 'a');
    assert.equal(indefiniteArticle('European patent'), 'a');
    assert.equal(indefiniteArticle('8-bit register'), 'an');
  });
  it('keeps the written case', () => {
    assert.equal(matchCase('a', 'An'), 'A');
    assert.equal(matchCase('an', 'the'), 'an');
    assert.equal(agreeArticle('An', 'member'), 'A');
    assert.equal(agreeArticle('a', 'element'), 'an');
    assert.equal(agreeArticle('the', 'element'), 'the');
    assert.equal(agreeArticle('said', 'element'), 'said');
  });
  it('pluralises the head noun of a phrase', () => {
    assert.equal(pluralizePhrase('member'), 'members');
    assert.equal(pluralizePhrase('outer surface of the housing'), 'outer surfaces of the housing');
    assert.equal(pluralizePhrase('battery'), 'batteries');
    assert.equal(pluralizePhrase('box'), 'boxes');
    assert.equal(pluralizePhrase('key'), 'keys');
    assert.equal(pluralizePhrase('cross-member'), 'cross-members');
    assert.equal(pluralizePhrase('means'), 'means');
  });
});
