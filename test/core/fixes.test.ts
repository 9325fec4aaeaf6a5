// The fix benchmark's harness (bench/fixing.ts) on small in-memory documents, then the promise the
// checks make to agents on a fixed subset of the real corpus: every offered fix, applied alone,
// removes its finding and adds none.
import assert from 'node:assert/strict';
import type { Finding } from '../../src/core';
import { analyzeText, hasCorpusFolder, loadCorpus, type CorpusDoc } from '../../bench/planted';
import { chosenFixOf, describeFailure, summarizeFixes, tryFix, tryFixes } from '../../bench/fixing';

const TEXT = `# Clamp

## Description

The clamp 10 has a jaw 12 and a spring 14. The jaw 12 is pressed by the spring 14. The spring 14 is made of steel.

## Claims

1. A clamp, comprising:
   a jaw; and
   a spring pressing the jaw.

2. The clamp of claim 1, wherein the lever holds the jaw.
`;
const doc: CorpusDoc = { corpus: 'memory', name: 'CLAMP', uri: '/m/clamp.md', text: TEXT, grant: false };

function lever(): { f: Finding; before: ReturnType<typeof analyzeText> } {
  const before = analyzeText(doc);
  const f = before.findings.find((x) => x.code === 'antecedent-basis' && TEXT.slice(x.range.start.offset, x.range.end.offset) === 'the lever');
  assert.ok(f, 'the fixture has its antecedent slip');
  return { f, before };
}

describe('fix benchmark: the harness', () => {
  it('applies the preferred fix alone: "the lever" → "a lever" removes its finding and adds none', () => {
    const { f, before } = lever();
    assert.ok(chosenFixOf(f));
    const t = tryFix(doc, before, f);
    assert.equal(t.removed, true);
    assert.deepEqual(t.added, []);
  });

  it('says so when a fix leaves its finding in place', () => {
    const { f, before } = lever();
    const at = TEXT.indexOf('made of steel');
    const idle: Finding = {
      ...f,
      fixes: [{ title: 'idle', preferred: true, edits: [{ uri: doc.uri, range: { start: { line: 0, character: 0, offset: at }, end: { line: 0, character: 0, offset: at + 4 } }, newText: 'made' }] }],
    };
    const t = tryFix(doc, before, idle);
    assert.equal(t.removed, false);
    assert.match(describeFailure(t), /finding not removed/);
  });

  it('says so when a fix adds a finding (compared by code, claim and the text pointed at)', () => {
    const { f, before } = lever();
    const at = TEXT.indexOf('the lever');
    const jaw = TEXT.indexOf('jaw', at);
    const range = (s: number, e: number) => ({ start: { line: 0, character: 0, offset: s }, end: { line: 0, character: 0, offset: e } });
    const bad: Finding = {
      ...f,
      fixes: [
        {
          title: 'bad',
          preferred: true,
          edits: [
            { uri: doc.uri, range: range(at, at + 3), newText: 'a' },
            { uri: doc.uri, range: range(jaw, jaw + 3), newText: 'anvil' },
          ],
        },
      ],
    };
    const t = tryFix(doc, before, bad);
    assert.equal(t.removed, true);
    assert.ok(
      t.added.some((k) => k.startsWith('antecedent-basis|2|the anvil')),
      t.added.join(', '),
    );
  });

  it('counts per code and in all, and bounds the fixes tried per document', () => {
    const trials = tryFixes(doc, { maxPerDoc: 1, seed: 1 });
    assert.equal(trials.length, 1);
    const s = summarizeFixes(trials);
    assert.equal(s[s.length - 1].code, 'all');
    assert.equal(s[s.length - 1].tried, 1);
  });
});

// Documents chosen for the codes their fixes cover (abstract, antecedent-basis, claim-form,
// numeral-conflict, term-variant), not for passing.
const SUBSET = ['US06970935', 'US07640932B2', 'US07641424B1'];

describe('fix benchmark: every offered fix on a fixed subset of the corpus', function () {
  this.timeout(120000);
  if (!hasCorpusFolder('uspto') || !hasCorpusFolder('uspto-dev')) {
    it('is skipped: ../shared/corpus is absent', function () {
      this.skip();
    });
    return;
  }
  for (const name of SUBSET) {
    it(`${name}: each fix removes its finding and adds none`, () => {
      const [d] = loadCorpus({ names: [name] });
      assert.ok(d, `${name} is in the corpus`);
      const trials = tryFixes(d, { maxPerDoc: 40, seed: 7 });
      assert.ok(trials.length > 0, 'the document offers fixes');
      const failures = trials.filter((t) => !t.skipped && (!t.removed || t.added.length)).map(describeFailure);
      assert.deepEqual(failures, []);
    });
  }
});
