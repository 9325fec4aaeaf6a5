// The form of a claim listing (37 CFR 1.121(c)), checked on a listing as written: each fault
// below gets exactly one `listing-form` finding on the claim that has it; a correct listing none.
import assert from 'node:assert/strict';
import { analyzeMatter } from '../../src/core/analyze';
import { createMatter } from '../../src/core/matter';
import { listingBetween } from '../../src/filing/amend';
import { checkListingForm, cleanListingText, listingHtml, parseListing, parseMarks } from '../../src/filing/listing';

const GOOD = `## Listing of Claims

1. (Currently amended) A valve comprising a [[red]] housing and a <u>brass</u> stem.

2. (Canceled)

3. (Original) The valve of claim 1, wherein the housing has an inlet port.

4. (Previously presented) The valve of claim 3, wherein the port is round.

5. (Withdrawn) A method of making a valve.

6. (Not entered)

7. (New) The valve of claim 1, further comprising a seal.
`;

function faults(text: string): [number | undefined, string][] {
  return checkListingForm(text).map((f) => [f.claim, f.message]);
}

function only(text: string, claim: number, pattern: RegExp): void {
  const f = faults(text);
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.equal(f[0][0], claim);
  assert.match(f[0][1], pattern);
}

describe('claim listing form (37 CFR 1.121(c))', () => {
  it('a correct listing has no finding', () => {
    assert.deepEqual(faults(GOOD), []);
  });

  it('a canceled claim with text', () => {
    only(GOOD.replace('2. (Canceled)', '2. (Canceled) The valve of claim 1.'), 2, /canceled but has text/);
  });

  it('a not entered claim with text', () => {
    only(GOOD.replace('6. (Not entered)', '6. (Not entered) A valve.'), 6, /not entered but has text/);
  });

  it('a status that does not exist', () => {
    only(GOOD.replace('3. (Original)', '3. (Amended)'), 3, /"\(Amended\)" is not a status identifier/);
  });

  it('a claim without a status identifier', () => {
    only(GOOD.replace('4. (Previously presented) ', '4. '), 4, /has no status identifier/);
  });

  it('currently amended without marks', () => {
    only(GOOD.replace('[[red]] housing and a <u>brass</u> stem', 'housing and a brass stem'), 1, /shows no change/);
  });

  it('marks in a claim that is not currently amended (a new claim is not underlined)', () => {
    only(GOOD.replace('comprising a seal', 'comprising a <u>seal</u>'), 7, /new claim is presented without underlining/);
    only(GOOD.replace('an inlet port', 'an ~~inlet~~ port'), 3, /clean text/);
  });

  it('double brackets around more than five characters', () => {
    only(GOOD.replace('[[red]]', '[[reddish]]'), 1, /at most 5 characters/);
  });

  it('a mark left open', () => {
    only(GOOD.replace('<u>brass</u>', '<u>brass'), 1, /"<u>" is not closed/);
  });

  it('a number left out: the core’s numbering check in amendment mode, which asks for "(Canceled)"', () => {
    only(GOOD.replace('2. (Canceled)\n\n', ''), 3, /claim 2 is missing.*\(Canceled\)/);
  });

  it('marks read back: insertions kept, deletions out, in one pass', () => {
    assert.equal(cleanListingText('a [[red]] housing <u>and a stem</u> ~~made of steel~~.'), 'a  housing and a stem .');
    const p = parseMarks('x <u>a ~~b~~ c</u> [[d');
    assert.deepEqual(p.marks, [
      { type: 'equal', text: 'x ' },
      { type: 'insert', text: 'a ~~b~~ c' },
      { type: 'equal', text: ' [[d' },
    ]);
    assert.deepEqual(p.unclosed, [{ kind: '[[', start: 19 }]);
    // Long hostile input: linear, bounded by the text.
    const big = '<u>'.repeat(50000) + '[['.repeat(50000);
    assert.equal(parseMarks(big).unclosed.length > 0, true);
  });

  it('parseListing: numbers, statuses and clean text as the amendment-mode parser reads them', () => {
    const back = parseListing(GOOD);
    assert.deepEqual(
      back.map((c) => [c.number, c.status]),
      [
        [1, 'currently amended'],
        [2, 'canceled'],
        [3, 'original'],
        [4, 'previously presented'],
        [5, 'withdrawn'],
        [6, 'not entered'],
        [7, 'new'],
      ],
    );
    assert.equal(back[0].clean, 'A valve comprising a housing and a brass stem.');
  });

  it('the preview page: marks as <u> and <s>, short deletions in brackets, document text escaped, no script', () => {
    const l = listingBetween(
      { uri: 'o/claims.md', text: '# Claims\n\n1. A valve <b> with a red housing and a stainless stem.\n\n2. A pump.\n' },
      { uri: 'w/claims.md', text: '# Claims\n\n1. A valve <b> with a housing and a brass stem.\n' },
    );
    const html = listingHtml(l, { title: 'Claim Listing', since: 'v1 <tag>', csp: "default-src 'none'; style-src 'unsafe-inline';" });
    assert.match(html, /1\. \(Currently amended\) A valve &lt;b&gt; with a \[\[red\]\] housing and a <s>stainless<\/s> <u>brass<\/u> stem\./);
    assert.match(html, /<p class="claim">2\. \(Canceled\)<\/p>/);
    assert.match(html, /Compared with v1 &lt;tag&gt;/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Content-Security-Policy/);
  });

  it("is the core's listing-form check: on in amendment mode for a listing, silent in drafting mode and on claims without any status", () => {
    const bad = GOOD.replace('3. (Original)', '3. (Amended)');
    const run = (text: string, mode: 'amendment' | 'drafting') => analyzeMatter(createMatter('/m', [{ uri: '/m/claims.md', text }], { mode })).findings.filter((f) => f.code === 'listing-form');
    assert.deepEqual(
      run(bad, 'amendment').map((f) => [f.claim, f.severity]),
      [[3, 'error']],
    );
    assert.deepEqual(run(bad, 'drafting'), []);
    assert.deepEqual(run('# Claims\n\n1. A valve.\n\n2. The valve of claim 1, made of steel.\n', 'amendment'), []);
  });
});
