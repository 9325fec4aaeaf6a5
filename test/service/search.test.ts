import assert from 'node:assert/strict';
import { articleBefore, markdownHeadings, phraseOccurrences } from '../../src/service/search.js';

describe('extension text search', () => {
  it('finds a phrase in singular, plural and hyphenated forms', () => {
    const text = 'The support member 12 and two support-members; a battery, the batteries; supportmember.';
    const hits = phraseOccurrences(text, ['support member']).map(([s, e]) => text.slice(s, e));
    assert.deepEqual(hits, ['support member', 'support-members']);
    const b = phraseOccurrences(text, ['battery']).map(([s, e]) => text.slice(s, e));
    assert.deepEqual(b, ['battery', 'batteries']);
  });
  it('reads the article before a phrase', () => {
    const t = 'Then an element and the element';
    assert.deepEqual(articleBefore(t, t.indexOf('element')), { word: 'an', start: 5 });
    assert.equal(articleBefore(t, t.lastIndexOf('element'))?.word, 'the');
    assert.equal(articleBefore('Then element', 5), undefined);
  });
  it('lists headings outside code and front matter', () => {
    const t = '---\ntitle: x\n---\n# Title\n```\n# not\n```\n## Claims\ntext\n';
    assert.deepEqual(markdownHeadings(t), [
      { level: 1, text: 'Title', line: 3 },
      { level: 2, text: 'Claims', line: 7 },
    ]);
  });
});
