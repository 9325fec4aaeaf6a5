// Claim listings on the regression corpus of real US patents (read from ../shared/corpus/uspto,
// never copied): each document against itself lists every claim (Original) and reads back; the
// same document with known edits (a word replaced in claim 1, the last claim canceled in place, a
// claim added) gives exactly those statuses, reads back through the amendment-mode parser, and the
// new-matter check fires on the added claim's unsupported term and nowhere else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readClaimVersions } from '../../src/filing/amend';
import { prepareListing } from '../../src/filing/amendPrepare';
import { CORPUS, hasCorpus } from '../support/matter';

const names = hasCorpus
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md'))
      .sort()
  : [];

/** The document with claim 1's first " the " made " said ", the last claim canceled in place and a claim added after it. */
function edited(uri: string, text: string): { text: string; last: number } {
  const claims = readClaimVersions(uri, text).map((v) => v.claim!);
  const first = claims[0];
  const last = claims[claims.length - 1];
  const at = text.indexOf(' the ', first.textRange.start.offset);
  assert.ok(at > 0 && at < first.textRange.end.offset, 'claim 1 has a " the "');
  const added = `\n\n${last.number + 1}. The ${first.category || 'invention'} of claim 1, further comprising a zirconium gasket.\n`;
  const out = text.slice(0, at) + ' said ' + text.slice(at + 5, last.textRange.start.offset) + '(Canceled)' + added + text.slice(last.textRange.end.offset);
  return { text: out, last: last.number };
}

describe('claim listing on the corpus (uspto)', function () {
  if (!hasCorpus)
    it('is skipped: ../shared/corpus/uspto is absent', function () {
      this.skip();
    });
  for (const name of names) {
    const file = path.join(CORPUS, name);

    it(`${name}: against itself, every claim (Original), no finding`, () => {
      const text = readFileSync(file, 'utf8');
      const p = prepareListing({ previous: { label: 'as-filed', uri: file, text }, working: { uri: file, text }, asFiled: { label: 'as-filed', documents: [{ uri: file, text }] } });
      assert.ok(p.listing.claims.length > 0);
      assert.deepEqual(new Set(p.listing.claims.map((c) => c.status)), new Set(['original']));
      assert.deepEqual(p.findings, []);
    });

    it(`${name}: known edits give exactly their statuses, read back, and new matter only where added`, () => {
      const text = readFileSync(file, 'utf8');
      const { text: now, last } = edited(file, text);
      const p = prepareListing({ previous: { label: 'as-filed', uri: file, text }, working: { uri: file, text: now }, asFiled: { label: 'as-filed', documents: [{ uri: file, text }] } });
      const byStatus = (s: string) => p.listing.claims.filter((c) => c.status === s).map((c) => c.number);
      assert.deepEqual(byStatus('currently amended'), [1]);
      assert.deepEqual(byStatus('canceled'), [last]);
      assert.deepEqual(byStatus('new'), [last + 1]);
      assert.equal(byStatus('original').length, last - 2);
      assert.deepEqual(
        p.listing.claims[0].marks.filter((m) => m.type !== 'equal').map((m) => [m.type, m.text.trim()]),
        [
          ['delete', 'the'],
          ['insert', 'said'],
        ],
      );
      assert.match(p.markdown, /\[\[the\]\] <u>said<\/u>/);
      // The form is clean: prepareListing already refused a listing that does not read back.
      assert.deepEqual(
        p.findings.filter((f) => f.code === 'listing-form'),
        [],
      );
      const nm = p.findings.filter((f) => f.code === 'new-matter');
      assert.deepEqual(
        nm.map((f) => [f.claim, f.data?.term]),
        [[last + 1, 'zirconium gasket']],
      );
    });
  }
});
