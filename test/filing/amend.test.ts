// Claim listings (37 CFR 1.121(c)) between versions made by known edits: each edit gives exactly
// the expected status identifiers and marks; the Markdown listing reads back through the core's
// amendment-mode parser; previous listings carry their statuses forward.
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { analyzeMatter } from '../../src/core/analyze';
import { createMatter } from '../../src/core/matter';
import { buildListing, diffMarks, listingBetween, ListingError, readClaimVersions, type ClaimListing } from '../../src/filing/amend';
import { prepareListing, roundTripProblems } from '../../src/filing/amendPrepare';
import { listingJson, listingMarkdown, markedText, parseListing } from '../../src/filing/listing';
import { listingDocx } from '../../src/filing/listingDocx';

const FILED = `# Claims

1. A valve comprising a red housing and a stem.

2. The valve of claim 1, wherein the stem is made of stainless steel.

3. The valve of claim 1, wherein the housing has an inlet port.

4. The valve of claim 3, wherein the port is round.
`;

function claims(...texts: string[]): string {
  return `# Claims\n\n${texts.map((t, i) => `${i + 1}. ${t}`).join('\n\n')}\n`;
}

function listing(previous: string, working: string): ClaimListing {
  return listingBetween({ uri: 'old/claims.md', text: previous }, { uri: 'matter/claims.md', text: working });
}

function line(l: ClaimListing, n: number): string {
  const c = l.claims.find((x) => x.number === n);
  assert.ok(c, `claim ${n} is listed`);
  return listingMarkdown({ claims: [c], notes: [] })
    .split('\n')
    .find((x) => x.startsWith(`${n}. `))!;
}

const KEEP = ['The valve of claim 1, wherein the stem is made of stainless steel.', 'The valve of claim 1, wherein the housing has an inlet port.', 'The valve of claim 3, wherein the port is round.'];

describe('claim listing: known edits give exactly the expected marks', () => {
  it('nothing changed: every claim (Original), clean text', () => {
    const l = listing(FILED, FILED);
    assert.deepEqual(
      l.claims.map((c) => c.status),
      ['original', 'original', 'original', 'original'],
    );
    assert.equal(line(l, 1), '1. (Original) A valve comprising a red housing and a stem.');
    assert.deepEqual(l.claims[0].marks, []);
  });

  it('a word added: underlined, (Currently amended)', () => {
    const l = listing(FILED, claims('A valve comprising a red housing and a brass stem.', ...KEEP));
    assert.equal(line(l, 1), '1. (Currently amended) A valve comprising a red housing and a <u>brass</u> stem.');
    assert.deepEqual(l.claims[0].marks, [
      { type: 'equal', text: 'A valve comprising a red housing and a ' },
      { type: 'insert', text: 'brass ' },
      { type: 'equal', text: 'stem.' },
    ]);
    assert.equal(l.claims[0].text, 'A valve comprising a red housing and a brass stem.');
    assert.deepEqual(
      l.claims.slice(1).map((c) => c.status),
      ['original', 'original', 'original'],
    );
  });

  it('a word removed: struck through when longer than five characters', () => {
    const l = listing(FILED, claims('A valve comprising a red housing and a stem.', 'The valve of claim 1, wherein the stem is made of steel.', ...KEEP.slice(1)));
    assert.equal(line(l, 2), '2. (Currently amended) The valve of claim 1, wherein the stem is made of ~~stainless~~ steel.');
  });

  it('a deletion of five or fewer characters: in double brackets', () => {
    const l = listing(FILED, claims('A valve comprising a housing and a stem.', ...KEEP));
    assert.equal(line(l, 1), '1. (Currently amended) A valve comprising a [[red]] housing and a stem.');
    // A typo replaced: the short deletion in brackets, then the insertion.
    const typo = listing(claims('A valve having an eroor port.'), claims('A valve having an error port.'));
    assert.equal(line(typo, 1), '1. (Currently amended) A valve having an [[eroor]] <u>error</u> port.');
    // Six characters are struck through, not bracketed.
    const six = listing(claims('A valve having an inlet1 port.'), claims('A valve having a port.'));
    assert.match(line(six, 1), /~~an inlet1~~|~~inlet1~~/);
    assert.doesNotMatch(line(six, 1), /\[\[inlet1\]\]/);
  });

  it('a claim canceled: (Canceled) with no text, its number kept', () => {
    const l = listing(
      FILED,
      claims('A valve comprising a red housing and a stem.', 'The valve of claim 1, wherein the housing has an inlet port.', 'The valve of claim 2, wherein the port is round.'),
    );
    // The working copy deleted claim 2 and renumbered 3 and 4: they are matched by content.
    assert.deepEqual(
      l.claims.map((c) => [c.number, c.status]),
      [
        [1, 'original'],
        [2, 'canceled'],
        [3, 'original'],
        [4, 'original'],
      ],
    );
    assert.equal(line(l, 2), '2. (Canceled)');
    assert.equal(l.claims[1].text, '');
    // The renumbered claim 3 (now 2 in the working copy) keeps 3; claim 4's "claim 2" is mapped back to "claim 3".
    assert.equal(l.claims[2].workingNumber, 2);
    assert.equal(line(l, 4), '4. (Original) The valve of claim 3, wherein the port is round.');
    // Canceled in place ("2. (Canceled)") gives the same.
    const inPlace = listing(FILED, claims('A valve comprising a red housing and a stem.', '(Canceled)', ...KEEP.slice(1)));
    assert.deepEqual(
      inPlace.claims.map((c) => c.status),
      ['original', 'canceled', 'original', 'original'],
    );
  });

  it('a claim added: (New), numbered after the highest number, not underlined', () => {
    const l = listing(FILED, claims('A valve comprising a red housing and a stem.', ...KEEP, 'The valve of claim 1, further comprising a seal.'));
    assert.equal(line(l, 5), '5. (New) The valve of claim 1, further comprising a seal.');
    assert.doesNotMatch(listingMarkdown(l), /<u>/);
  });

  it('a claim renumbered and amended in the working copy: listed under its number as filed, marks against its own old text', () => {
    // Working copy: old claim 3 moved to the front as claim 1 and amended; old claim 1 is now 2.
    const working = claims(
      'A valve comprising a housing and a stem.',
      ...KEEP.slice(0, 1),
      'The valve of claim 1, wherein the housing has a large inlet port.',
      'The valve of claim 3, wherein the port is round.',
    );
    const l = listing(FILED, working);
    assert.equal(line(l, 3), '3. (Currently amended) The valve of claim 1, wherein the housing has [[an]] <u>a large</u> inlet port.');
    const moved = listing(
      FILED,
      claims(
        'The valve of claim 2, wherein the housing has an inlet port.',
        'A valve comprising a red housing and a stem.',
        'The valve of claim 2, wherein the stem is made of stainless steel.',
        'The valve of claim 1, wherein the port is round.',
      ),
    );
    assert.deepEqual(
      moved.claims.map((c) => [c.number, c.status, c.workingNumber]),
      [
        [1, 'original', 2],
        [2, 'original', 3],
        [3, 'original', 1],
        [4, 'original', undefined],
      ],
    );
    assert.equal(moved.claims[2].text, 'The valve of claim 1, wherein the housing has an inlet port.');
    assert.equal(moved.claims[3].text, 'The valve of claim 3, wherein the port is round.');
    assert.ok(moved.notes.some((n) => /never renumbered/.test(n)));
  });

  it('element lines stay on their own lines, marks never span a line break', () => {
    const prev = '# Claims\n\n1. A valve comprising:\n   a housing; and\n   a stem.\n';
    const work = '# Claims\n\n1. A valve comprising:\n   a cast housing; and\n   a stem sliding in the housing.\n';
    const l = listing(prev, work);
    assert.equal(markedText(l.claims[0]), 'A valve comprising:\na <u>cast</u> housing; and\na stem <u>sliding in the housing</u>.');
    assert.equal(
      listingMarkdown(l)
        .split('\n')
        .filter((x) => x.startsWith('    ')).length,
      2,
    );
  });
});

describe('claim listing: statuses carried from a previous listing', () => {
  const PREVIOUS_LISTING = `## Listing of Claims

1. (Currently amended) A valve comprising a [[red]] housing and a <u>brass</u> stem.

2. (Canceled)

3. (Original) The valve of claim 1, wherein the housing has an inlet port.

4. (New) The valve of claim 3, wherein the port is round.

5. (Withdrawn) A method of making a valve.
`;

  it('amended before and unchanged now: (Previously presented); new before and unchanged: (Previously presented); canceled stays canceled', () => {
    const working = claims(
      'A valve comprising a housing and a brass stem.',
      '(Canceled)',
      'The valve of claim 1, wherein the housing has an inlet port.',
      'The valve of claim 3, wherein the port is round.',
      'A method of making a valve.',
    );
    const l = listing(PREVIOUS_LISTING, working);
    assert.deepEqual(
      l.claims.map((c) => c.status),
      ['previously presented', 'canceled', 'original', 'previously presented', 'withdrawn'],
    );
  });

  it('amended again: marks against the previous listing’s clean text, not its marked text', () => {
    const working = claims(
      'A valve comprising a housing and a bronze stem.',
      '(Canceled)',
      'The valve of claim 1, wherein the housing has an inlet port.',
      'The valve of claim 3, wherein the port is round.',
      'A method of making a valve.',
    );
    const l = listing(PREVIOUS_LISTING, working);
    assert.equal(line(l, 1), '1. (Currently amended) A valve comprising a housing and a [[brass]] <u>bronze</u> stem.');
  });

  it('a withdrawn claim amended: (Withdrawn - currently amended); a canceled claim deleted from the working copy stays listed', () => {
    const working = claims(
      'A valve comprising a housing and a brass stem.',
      'The valve of claim 1, wherein the housing has an inlet port.',
      'The valve of claim 2, wherein the port is round.',
      'A method of casting a valve.',
    );
    const l = listing(PREVIOUS_LISTING, working);
    assert.deepEqual(
      l.claims.map((c) => [c.number, c.status]),
      [
        [1, 'previously presented'],
        [2, 'canceled'],
        [3, 'original'],
        [4, 'previously presented'],
        [5, 'withdrawn - currently amended'],
      ],
    );
    assert.equal(line(l, 5), '5. (Withdrawn - currently amended) A method of ~~making~~ <u>casting</u> a valve.');
  });
});

describe('claim listing: reads back through the amendment-mode parser', () => {
  const working = claims(
    'A valve comprising a housing and a brass stem.',
    'The valve of claim 1, wherein the housing has an error port.',
    'The valve of claim 2, wherein the port is round.',
    'The valve of claim 1, further comprising a seal.',
  );

  it('same numbers, statuses and clean text', () => {
    const l = listing(FILED, working);
    const md = listingMarkdown(l);
    const back = parseListing(md);
    assert.deepEqual(
      back.map((c) => c.number),
      l.claims.map((c) => c.number),
    );
    assert.deepEqual(
      back.map((c) => c.status),
      l.claims.map((c) => c.status),
    );
    assert.deepEqual(
      back.map((c) => c.clean),
      l.claims.map((c) => c.text),
    );
    assert.deepEqual(roundTripProblems(l, md), []);
  });

  it('the core, in amendment mode, finds no numbering or form fault in the listing', () => {
    const md = listingMarkdown(listing(FILED, working));
    const a = analyzeMatter(createMatter('listing', [{ uri: 'listing/claims.md', text: md }], { mode: 'amendment' }));
    assert.deepEqual(
      a.claims.map((c) => c.status),
      ['currently amended', 'canceled', 'currently amended', 'original', 'new'],
    );
    assert.deepEqual(
      a.findings.filter((f) => f.code === 'claim-numbering' || f.code === 'canceled-parent'),
      [],
    );
  });

  it('prepareListing hands out only a listing that reads back, with no form finding', () => {
    const p = prepareListing({ previous: { label: 'v1', uri: 'matter/claims.md', text: FILED }, working: { uri: 'matter/claims.md', text: working } });
    assert.deepEqual(p.findings, []);
    const j = p.json();
    assert.equal(j.since, 'v1');
    assert.deepEqual(j.claims[1], { number: 2, status: 'canceled', statusIdentifier: '(Canceled)', text: '', marks: [] });
    assert.equal(j.claims[0].marks.find((m) => m.type === 'insert')?.text.trim(), 'brass');
  });

  it('a round-trip fault is caught: a listing whose text does not read back is reported', () => {
    const l = listing(FILED, working);
    const broken = listingMarkdown(l).replace('3. (Currently amended)', '3. (Original)');
    assert.ok(roundTripProblems(l, broken).some((p) => /claim 3: status/.test(p)));
  });
});

describe('claim listing: JSON and DOCX', () => {
  it('JSON: one object per claim with number, status, text and marks', () => {
    const j = listingJson(listing(FILED, claims('A valve comprising a housing and a stem.', ...KEEP)));
    assert.equal(j.claims.length, 4);
    assert.deepEqual(Object.keys(j.claims[0]).sort(), ['marks', 'number', 'status', 'statusIdentifier', 'text']);
    assert.deepEqual(
      j.claims[0].marks.map((m) => m.type),
      ['equal', 'delete', 'equal'],
    );
  });

  it('DOCX: real underline and strike runs, short deletions in brackets', async () => {
    const l = listing(FILED, claims('A valve comprising a housing and a brass stem.', 'The valve of claim 1, wherein the stem is made of steel.', ...KEEP.slice(1)));
    const zip = await JSZip.loadAsync(await listingDocx(l));
    const xml = await zip.file('word/document.xml')!.async('string');
    assert.match(xml, /<w:r><w:rPr><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">brass<\/w:t><\/w:r>/);
    assert.match(xml, /<w:r><w:rPr><w:strike\/><\/w:rPr><w:t xml:space="preserve">stainless<\/w:t><\/w:r>/);
    assert.match(xml, />\[\[red\]\]</);
    assert.match(xml, />2\. \(Currently amended\)</);
    assert.doesNotMatch(xml, /~~|&lt;u&gt;/);
  });
});

describe('claim listing: bounds', () => {
  it('a previous version without claims is refused with a clear message', () => {
    assert.throws(
      () => listing('# Notes\n\nNothing here.\n', FILED),
      (e: Error) => e instanceof ListingError && /no claims/.test(e.message),
    );
  });

  it('too many claims are refused, not compared', () => {
    const many = claims(...Array.from({ length: 2001 }, (_, i) => `A valve number ${i}.`));
    assert.throws(
      () => readClaimVersions('m/claims.md', many),
      (e: Error) => e instanceof ListingError && /at most 2000/.test(e.message),
    );
  });

  it('a rewrite too large to diff word by word is shown as one deletion and one insertion', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`).join(' ');
    const marks = diffMarks(a, b);
    assert.deepEqual(
      marks.map((m) => m.type),
      ['delete', 'insert'],
    );
    assert.equal(marks[1].text, b);
  });

  it('a claim matched by number is never matched twice', () => {
    const prev = readClaimVersions('o/claims.md', claims('A valve.', 'A valve.'));
    const work = readClaimVersions('w/claims.md', claims('A valve.'));
    const l = buildListing(prev, work);
    assert.deepEqual(
      l.claims.map((c) => c.status),
      ['original', 'canceled'],
    );
  });
});

describe('claim listing: a claim canceled in place keeps its number', () => {
  it('"3. (Canceled)" in the working copy reserves claim 3, even when a new claim reads much like it', () => {
    const prev = claims('A valve comprising a housing.', 'The valve of claim 1, further comprising a brass seal.', 'The valve of claim 1, further comprising a steel seal.');
    const work = claims('A valve comprising a housing.', 'The valve of claim 1, further comprising a brass seal.', '(Canceled)', 'The valve of claim 1, further comprising a steel seal ring.');
    const l = listing(prev, work);
    assert.deepEqual(
      l.claims.map((c) => [c.number, c.status]),
      [
        [1, 'original'],
        [2, 'original'],
        [3, 'canceled'],
        [4, 'new'],
      ],
    );
  });
});
