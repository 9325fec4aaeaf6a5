import assert from 'node:assert/strict';
import { claimNumberAt as claimRefAt } from '../../src/core/index.js';
import { escapeMarkdown, shorten } from '../../src/service/refs.js';

describe('extension claim references on a line', () => {
  const line = 'The widget of any of claims 1, 2 or 14, wherein, as in claim 3, a lever';
  it('finds the number under the cursor', () => {
    assert.equal(claimRefAt(line, line.indexOf('14') + 1)?.claim, 14);
    assert.equal(claimRefAt(line, line.indexOf('2 or'))?.claim, 2);
    assert.equal(claimRefAt(line, line.indexOf('claim 3') + 2)?.claim, 3);
  });
  it('takes the first number on the word "claims"', () => {
    assert.equal(claimRefAt(line, line.indexOf('claims') + 1)?.claim, 1);
  });
  it('is undefined elsewhere', () => {
    assert.equal(claimRefAt(line, 2), undefined);
  });
  it('shortens on a word boundary', () => {
    assert.equal(shorten('a b c', 10), 'a b c');
    assert.equal(shorten('A widget comprising a housing and a lever', 20), 'A widget comprising…');
  });
  it('escapes markdown and html', () => {
    assert.equal(escapeMarkdown('a *b* <i> & [c](d)'), 'a \\*b\\* &lt;i&gt; &amp; \\[c\\]\\(d\\)');
  });
});
