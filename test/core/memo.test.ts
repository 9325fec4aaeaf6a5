// Each AnalysisCache owns the core's document memo tables (src/core/caches.ts): other matters
// analysed in between, each with its own cache, do not evict a matter's layouts, claims or parts.
import assert from 'node:assert/strict';
import { AnalysisCache, analyzeMatter, createMatter, DEFAULT_SETTINGS, type Matter } from '../../src/core';

function matter(root: string, claims: string, disclosure: string): Matter {
  // New document objects each time, as the editor builds them for every analysis.
  return createMatter(
    root,
    [
      { uri: `${root}/claims.md`, text: claims },
      { uri: `${root}/disclosure.md`, text: disclosure },
    ],
    DEFAULT_SETTINGS,
    [],
  );
}

const CLAIMS = '1. A widget comprising a lever and a base.\n\n2. The widget of claim 1, wherein the lever is red.\n';
const DISCLOSURE = 'A widget 10 has a lever 12 and a base 14. The lever 12 is red.\n';

describe('memo tables per matter', () => {
  it('a matter re-analysed after 300 other matters reuses its own parsed claims', () => {
    const mine = new AnalysisCache();
    const first = analyzeMatter(matter('/a', CLAIMS, DISCLOSURE), { cache: mine });
    const again = analyzeMatter(matter('/a', CLAIMS, DISCLOSURE), { cache: mine });
    assert.equal(again.claims, first.claims, 'unchanged text: the same parsed claims (the check can see reuse)');
    for (let i = 0; i < 300; i++) {
      const other = new AnalysisCache();
      analyzeMatter(matter(`/other${i}`, `1. A gadget ${i} comprising a frame.\n`, `A gadget ${i} has a frame ${i}.\n`), { cache: other });
    }
    const later = analyzeMatter(matter('/a', CLAIMS, DISCLOSURE), { cache: mine });
    assert.equal(later.claims, first.claims, "the other matters did not evict this matter's layout");
    assert.deepEqual(
      later.findings.map((f) => f.code),
      first.findings.map((f) => f.code),
    );
  });

  it('two matters analysed in turn give the answers each gives alone', () => {
    const a = new AnalysisCache();
    const b = new AnalysisCache();
    const aloneA = analyzeMatter(matter('/a', CLAIMS, DISCLOSURE));
    const aloneB = analyzeMatter(matter('/b', '1. A gadget comprising a frame.\n\n2. The gadget of claim 1, wherein the spring is long.\n', 'A gadget has a frame.\n'));
    for (let round = 0; round < 3; round++) {
      const ra = analyzeMatter(matter('/a', CLAIMS, DISCLOSURE), { cache: a });
      const rb = analyzeMatter(matter('/b', '1. A gadget comprising a frame.\n\n2. The gadget of claim 1, wherein the spring is long.\n', 'A gadget has a frame.\n'), { cache: b });
      assert.deepEqual(
        ra.findings.map((f) => [f.code, f.message]),
        aloneA.findings.map((f) => [f.code, f.message]),
      );
      assert.deepEqual(
        rb.findings.map((f) => [f.code, f.message]),
        aloneB.findings.map((f) => [f.code, f.message]),
      );
    }
  });
});
