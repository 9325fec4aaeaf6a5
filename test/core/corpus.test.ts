// The shared corpus of real US patents: dependencies against the XML's <claim-ref> markup (uspto and uspto-dev),
// the abstract check on the two documents known to break its limits, and no crash anywhere.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeMatter } from '../../src/core';
import { readClaimRefs } from '../../src/core/importer';
import { loadMatters } from '../../src/node/workspace';
import { CORPUS, hasCorpus } from '../support/matter';

const names = hasCorpus
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort()
  : [];

const DEV = path.resolve(CORPUS, '../uspto-dev');
const hasDev = existsSync(DEV);
const devNames = hasDev
  ? readdirSync(DEV)
      .filter((f) => /^US.*\.md$/.test(f))
      .map((f) => f.slice(0, -3))
      .sort()
  : [];
/** Claims whose XML marks only the first claim of a range as a <claim-ref> (named in uspto-dev's README):
 *  the text's whole range is right there. */
const MARKUP_MARKS_ONLY_RANGE_START: Record<string, number[]> = { US07158266B2: [47] };

/** Every claim's parents equal the XML's <claim-ref> markup. */
async function dependenciesEqualMarkup(dir: string, name: string): Promise<void> {
  const [matter] = await loadMatters([path.join(dir, `${name}.md`)]);
  const analysis = analyzeMatter(matter);
  const refs = readClaimRefs(readFileSync(path.join(dir, `${name}.xml`), 'utf8'));
  assert.ok(analysis.claims.length > 0, 'claims found');
  assert.equal(analysis.claims.length, refs.size, 'same number of claims as the XML');
  for (const c of analysis.claims) {
    const expected = [...new Set(refs.get(c.number) ?? [])].sort((a, b) => a - b);
    const got = [...c.parents].sort((a, b) => a - b);
    if (MARKUP_MARKS_ONLY_RANGE_START[name]?.includes(c.number)) {
      const range = /claims?\s+(\d+)\s*(?:-|–|to|through)\s*(\d+)/i.exec(c.text);
      assert.ok(range && expected.length === 1 && expected[0] === +range[1], `claim ${c.number}: the documented range case`);
      assert.deepEqual(
        got,
        Array.from({ length: +range[2] - +range[1] + 1 }, (_, i) => +range[1] + i),
        `claim ${c.number}: the whole range`,
      );
      continue;
    }
    assert.deepEqual(got, expected, `claim ${c.number}`);
  }
}

describe('corpus: dependencies against the XML markup (uspto-dev)', function () {
  if (!hasDev)
    it('is skipped: ../shared/corpus/uspto-dev is absent', function () {
      this.skip();
    });
  for (const name of devNames) {
    it(`${name}: every claim's dependencies equal the XML's <claim-ref> markup`, () => dependenciesEqualMarkup(DEV, name));
  }
});

describe('corpus: real US patents', function () {
  before(function () {
    if (!hasCorpus) this.skip();
  });
  if (!hasCorpus)
    it('is skipped: ../shared/corpus/uspto is absent', function () {
      this.skip();
    });

  for (const name of names) {
    it(`${name}: every claim's dependencies equal the XML's <claim-ref> markup`, () => dependenciesEqualMarkup(CORPUS, name));
  }

  it('flags the abstract of US06970935 (174 words, over 150) as an error', async () => {
    const [m] = await loadMatters([path.join(CORPUS, 'US06970935.md')]);
    const a = analyzeMatter(m);
    assert.equal(a.abstract?.words, 174);
    const f = a.findings.find((x) => x.code === 'abstract' && /174 words/.test(x.message));
    assert.ok(f, 'abstract finding');
    assert.equal(f.severity, 'error');
  });

  it('flags the abstract of US20050004437A1 (24 words, under 50) as a warning', async () => {
    const [m] = await loadMatters([path.join(CORPUS, 'US20050004437A1.md')]);
    const a = analyzeMatter(m);
    assert.equal(a.abstract?.words, 24);
    const f = a.findings.find((x) => x.code === 'abstract' && /24 words/.test(x.message));
    assert.ok(f);
    assert.equal(f.severity, 'warning');
  });

  it('does not flag the abstracts of the six documents within 50–150 words for length', async () => {
    for (const name of names.filter((n) => n !== 'US06970935' && n !== 'US20050004437A1')) {
      const [m] = await loadMatters([path.join(CORPUS, `${name}.md`)]);
      const a = analyzeMatter(m);
      assert.ok(!a.findings.some((x) => x.code === 'abstract' && /\d+ words/.test(x.message)), name);
    }
  });

  it('finds the real antecedent slip of US08926509 claim 2 ("the μ-Base")', async () => {
    const [m] = await loadMatters([path.join(CORPUS, 'US08926509.md')]);
    const a = analyzeMatter(m);
    const f = a.findings.filter((x) => x.code === 'antecedent-basis' && x.claim === 2);
    assert.ok(
      f.some((x) => /μ-Base/.test(x.message)),
      JSON.stringify(f.map((x) => x.message)),
    );
  });

  it('analyses every corpus file in both jurisdictions without crashing; every finding points inside its document', async () => {
    for (const name of names) {
      for (const jurisdiction of ['us', 'ep'] as const) {
        const [m] = await loadMatters([path.join(CORPUS, `${name}.md`)], { jurisdiction });
        const a = analyzeMatter(m);
        assert.ok(!a.findings.some((f) => /check failed/.test(f.message)), `${name}: a check threw`);
        for (const f of a.findings) {
          const doc = m.documents.find((d) => d.uri === f.uri)!;
          assert.ok(f.range.end.offset <= doc.text.length && f.range.start.offset <= f.range.end.offset, `${name}: ${f.code} range`);
        }
        assert.ok(a.terms.length > 0);
      }
    }
  });
});
