// The Markdown structure is lexed in chunks: at headings, and past CHUNK_CHARS at a paragraph that starts
// after a blank line, so an edit re-lexes a few thousand characters. The chunks must give the structure a
// pass that splits only at headings gives (masks, headings, suppressions), whatever blocks stand around a
// cut: lists, quotes, indented and fenced code, tables, HTML blocks and comments across blank lines.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chunkBounds, lexStructure, parseMarkdown } from '../../src/core/markdown';
import { CORPUS, hasCorpus } from '../support/matter';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `The housing ${i} holds a spring that presses the lever against the frame in every position of the lever.`).join(' ');

/** Blocks that could be misread if a chunk were cut at the wrong place; each follows enough text to be cut at. */
const BLOCKS = [
  '- a list item\n\n  continued in the item\n\nText after the list.',
  '1. first\n2. second\n\n   more of the second\n\nParagraph after.\n\n    indented code\n    more code\n\nText again.',
  '> a quote\n> more\n\nText after the quote.',
  '```\ncode\n\nText inside the fence\n\n```\n\nText after the fence.',
  '~~~python\n\nLetters in code\n~~~\n\nAfter.',
  '<pre>\n\nText inside pre\n\n</pre>\n\nText after pre.',
  '<div>\nblock\n</div>\n\nText after the div.',
  '<!-- a comment\n\nText inside the comment\n\n-->\n\nText after the comment.',
  '<!-- patent-draft-disable-next-line antecedent-basis -->\nThe lever.\n\nText.',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\nText after the table.',
  'Setext heading\n==============\n\nText under it.\n\nAnother\n-------\n\nMore.',
  '    indented code\n\n    still code\n\nText after code.',
  '* item\n\n      code in the item\n\nText after.',
  '1. A widget comprising a rod.\n\n2. The widget of claim 1, wherein\n\n       code-like indent\n\n   ```\n   fenced in the item\n\n3. not an item here\n   ```\n\n3. The widget of claim 2.\n\n```\n\n4. inside a fence\n\n```\n\n4. The widget.',
  'Text with <b>inline</b> HTML.\n\n<table>\n\n<tr><td>x</td></tr>\n\n</table>\n\nAfter the table.',
];

function doc(blocks: string[], eol = '\n'): string {
  const body = blocks.map((b) => `${filler(40)}\n\n${b}\n\n${filler(3)}`).join('\n\n');
  return `# Title\n\n## Description\n\n${body}\n\n## Claims\n\n1. A widget.\n`.replace(/\n/g, eol);
}

function same(text: string, label: string): void {
  const chunked = parseMarkdown(text);
  const whole = lexStructure(text, Infinity);
  assert.equal(chunked.masked, whole.masked, `${label}: masked text`);
  assert.deepEqual(chunked.headings, whole.headings, `${label}: headings`);
  assert.deepEqual(chunked.suppressions, whole.suppressions, `${label}: suppressions`);
}

describe('Markdown structure in chunks', () => {
  it('is cut into more chunks than its headings, never inside a fence, a comment or an HTML block', () => {
    const text = doc(BLOCKS);
    const cuts = chunkBounds(text).map(([s]) => s);
    const headings = parseMarkdown(text).headings.length;
    assert.ok(cuts.length > headings + 5, `${cuts.length} chunks, ${headings} headings`);
    for (const [open, close] of [
      ['```\ncode', 'Text after the fence'],
      ['<pre>', 'Text after pre'],
      ['<!-- a comment', 'Text after the comment'],
      ['<table>', 'After the table'],
    ]) {
      const a = text.indexOf(open);
      const b = text.indexOf(close, a);
      assert.ok(!cuts.some((c) => c > a && c < b), `a cut between "${open}" and "${close}"`);
    }
    // Each chunk holds at least CHUNK_CHARS unless a heading ends it.
    assert.ok(cuts.length < text.length / 4096 + headings + 2);
    // Lexed with a small chunk size, every block boundary is a candidate cut.
    for (const size of [1, 200, 4096]) assert.equal(lexStructure(text, size).masked, lexStructure(text, Infinity).masked, `chunks of ${size}`);
  });

  it('gives the structure a pass cut only at headings gives, for every block around a cut (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      same(doc(BLOCKS, eol), `all blocks, ${JSON.stringify(eol)}`);
      for (let i = 0; i < BLOCKS.length; i++) {
        same(doc([BLOCKS[i]], eol), `block ${i}, ${JSON.stringify(eol)}`);
        // Small chunks: a cut at every paragraph that may be cut at.
        const text = doc([BLOCKS[i], BLOCKS[(i + 1) % BLOCKS.length]], eol);
        const small = lexStructure(text, 1);
        const whole = lexStructure(text, Infinity);
        assert.equal(small.masked, whole.masked, `block ${i} in chunks of 1, ${JSON.stringify(eol)}`);
        assert.deepEqual(small.headings, whole.headings);
        assert.deepEqual(small.suppressions, whole.suppressions);
      }
    }
  });

  it('masks what a pass over the whole masks (a fence, a comment and <pre> across blank lines)', () => {
    const text = doc(BLOCKS);
    const m = parseMarkdown(text).masked;
    for (const inside of ['Text inside the fence', 'Text inside pre', 'Text inside the comment', 'Letters in code']) {
      const at = text.indexOf(inside);
      assert.ok(at > 0);
      assert.equal(m.slice(at, at + inside.length).trim(), '', `"${inside}" is masked`);
    }
    const after = text.indexOf('Text after the comment.');
    assert.equal(m.slice(after, after + 4), 'Text');
  });

  it('an edited text parsed after the text it was edited from (chunks taken over) has the structure of a fresh parse', () => {
    let text = doc(BLOCKS);
    parseMarkdown(text);
    const edits = ['x', '\n\n', '```\n', '<pre>\n', '<!-- open\n', '\n# Heading\n', '-->', '</pre>', '```'];
    for (let i = 0; i < 40; i++) {
      const at = Math.floor((((i * 7919) % 97) / 97) * text.length);
      // Inserted, or written over as many characters (the text keeps its length: only its content says what changed).
      const e = edits[i % edits.length];
      text = text.slice(0, at) + e + text.slice(i % 2 ? at + e.length : at);
      const warm = parseMarkdown(text);
      const fresh = lexStructure(text);
      assert.equal(warm.masked, fresh.masked, `edit ${i + 1}: masked text`);
      assert.deepEqual(warm.headings, fresh.headings, `edit ${i + 1}: headings`);
      assert.deepEqual(warm.suppressions, fresh.suppressions, `edit ${i + 1}: suppressions`);
    }
  });

  it('gives every corpus document the structure a pass cut only at headings gives', function () {
    if (!hasCorpus) this.skip();
    this.timeout(60000);
    for (const dir of [CORPUS, path.resolve(CORPUS, '../uspto-dev')]) {
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
        const text = readFileSync(path.join(dir, f), 'utf8');
        const chunked = lexStructure(text, 1);
        const whole = lexStructure(text, Infinity);
        assert.equal(chunked.masked, whole.masked, f);
        assert.deepEqual(chunked.headings, whole.headings, f);
      }
    }
  });
});
