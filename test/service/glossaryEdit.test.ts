import assert from 'node:assert/strict';
import { appendGlossaryText, glossaryHas, glossaryLine, suppressLineEdit } from '../../src/service/glossaryEdit.js';

describe('extension glossary and suppression edits', () => {
  it('writes a glossary line in the core format', () => {
    assert.equal(glossaryLine('member', ['element', 'Member', 'part']), '- **member**: Avoid: element, part.');
    assert.equal(glossaryLine('housing', []), '- **housing**');
  });
  it('appends on its own line', () => {
    assert.equal(appendGlossaryText('# G\n', '- **a**'), '- **a**\n');
    assert.equal(appendGlossaryText('# G', '- **a**'), '\n- **a**\n');
  });
  it('finds an existing preferred term', () => {
    const text = '# Glossary\n\n- **support member**: Avoid: element.\n- housing — the casing\n';
    assert.ok(glossaryHas(text, 'Support Member'));
    assert.ok(glossaryHas(text, 'housing'));
    assert.ok(!glossaryHas(text, 'element'));
  });
  it('adds or merges a disable-line comment', () => {
    assert.deepEqual(suppressLineEdit('1. A widget.  ', 'claim-form'), { start: 12, end: 14, newText: ' <!-- patent-draft-disable-line claim-form -->' });
    const merged = suppressLineEdit('x <!-- patent-draft-disable-line a -->', 'b');
    assert.equal(merged.newText, '<!-- patent-draft-disable-line a b -->');
    assert.equal(merged.start, 2);
  });
});
