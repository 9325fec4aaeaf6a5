// Hostile input in the core: huge claim numbers and ranges, "any preceding claim" at scale, output that
// would grow as n², line ends and invisible marks, surrogate pairs, globs. Each case failed (hung, crashed,
// grew without bound or read nothing) on the code before these bounds.
import assert from 'node:assert/strict';
import { analyzeMatter, claimTree, clearCaches, createMatter, detectRole, LineIndex, type Analysis } from '../../src/core';
import { codePointRange, MAX_FINDINGS_PER_CODE } from '../../src/core/analyze';
import { globProblem, matchGlob as coreMatchGlob, matchesAnyGlob } from '../../src/core/glob';

function analyse(text: string, name = 'claims.md'): Analysis {
  clearCaches();
  return analyzeMatter(createMatter('/m', [{ uri: `/m/${name}`, text }]));
}
const claimsDoc = (lines: string[]) => `# Claims\n\n${lines.join('\n\n')}\n`;
const byCode = (a: Analysis, code: string) => a.findings.filter((f) => f.code === code);

describe('bounds: claim numbers a reference can name', () => {
  it('a number over 2^53 is an out-of-range reference, reported with its digits', () => {
    const a = analyse(claimsDoc(['1. A widget comprising a rod.', '2. The widget of claim 10000000000000000, wherein the rod is red.']));
    const c2 = a.claims[1];
    assert.deepEqual(c2.parents, []);
    const f = byCode(a, 'claim-dependency');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /claim 10000000000000000, which does not exist/);
  });

  it('a huge range names the claims that exist and is one finding for the rest', () => {
    const a = analyse(claimsDoc(['1. A widget comprising a rod.', '2. A widget comprising a lever.', '3. The widget of any one of claims 1 to 1000000000, wherein the rod is red.']));
    const c3 = a.claims[2];
    assert.ok(c3.parents.length <= 4, `parents: ${c3.parents.length}`);
    assert.ok(c3.parents.includes(1) && c3.parents.includes(2));
    const f = byCode(a, 'claim-dependency').filter((x) => x.claim === 3);
    assert.ok(
      f.some((x) => /claims 4 to 1000000000, which do not exist/.test(x.message)),
      f.map((x) => x.message).join('\n'),
    );
    assert.ok(f.length <= 3);
  });

  it('"of any preceding claim" with claims numbered from 99000 names only the claims that exist (a 248-byte file)', () => {
    const lines: string[] = [];
    for (let n = 99000; n < 99006; n++) lines.push(`${n}. A widget of any preceding claim.`);
    const text = claimsDoc(lines);
    assert.ok(text.length < 300);
    const a = analyse(text);
    assert.equal(a.claims.length, 6);
    assert.deepEqual(a.claims[1].parents, [99000]);
    assert.deepEqual(a.claims[5].parents, [99000, 99001, 99002, 99003, 99004]);
    const total = a.claims.reduce((s, c) => s + c.parents.length + (c.dependency?.targets.length ?? 0), 0);
    assert.ok(total < 40, `targets named: ${total}`);
  });

  it('a reference to a missing claim in a small range still names it', () => {
    const a = analyse(claimsDoc(['1. A widget comprising a rod.', '2. The widget of claim 1, wherein the rod is red.', '4. The widget of claims 1 to 3, wherein the rod is long.']));
    const f = byCode(a, 'claim-dependency').filter((x) => x.claim === 4);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /claim 3, which does not exist/);
  });
});

describe('bounds: output that grew as n²', () => {
  it('1,100 claims all numbered "1." give one renumbering fix, and a JSON of reasonable size', () => {
    const lines = Array.from({ length: 1100 }, () => '1. A widget comprising a rod.');
    const a = analyse(claimsDoc(lines));
    const f = byCode(a, 'claim-numbering');
    assert.equal(f.length, 1000 + 1, 'capped at 1000 with one summary');
    assert.equal(f.filter((x) => x.fixes?.length).length, 1);
    assert.ok(f.filter((x) => x.severity === 'error').every((x, i) => i === 0 || /renumbers all claims/.test(x.message)));
    const json = JSON.stringify(a.findings);
    assert.ok(json.length < 3_000_000, `JSON of ${json.length} characters`);
  });

  it('200 claims "of any one of claims 1 to 1000" give bounded findings, no stack overflow', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${i + 1}. The widget of any one of claims 1 to 1000, wherein the rod is red.`);
    const a = analyse(claimsDoc(lines));
    const f = byCode(a, 'claim-dependency');
    assert.ok(f.length <= 3 * 200, `${f.length} claim-dependency findings`);
    assert.ok(a.findings.length < 5000, `${a.findings.length} findings`);
    assert.ok(f.some((x) => /claims 201 to 1000, which do not exist/.test(x.message)));
  });

  it('findings of one code in one document stop at the bound, with one finding that says how many were left out', () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `${i + 1}. a widget comprising a rod.`);
    const a = analyse(claimsDoc(lines));
    const f = byCode(a, 'claim-form');
    assert.equal(f.length, MAX_FINDINGS_PER_CODE + 1);
    const summary = f.find((x) => /left out/.test(x.message))!;
    assert.match(summary.message, /^500 more claim-form findings were left out/);
  });

  it('a 5,000-claim chain and 3,000 claims "of any preceding claim" complete, with the claim tree built without recursion', () => {
    const chain = ['1. A widget comprising a rod.'];
    for (let i = 2; i <= 5000; i++) chain.push(`${i}. The widget of claim ${i - 1}, wherein the rod is bent.`);
    const a = analyse(claimsDoc(chain));
    assert.equal(a.claims.length, 5000);
    assert.equal(byCode(a, 'claim-dependency').length, 0);
    const tree = claimTree(a.claims);
    assert.equal(tree.length, 1);
    const any = ['1. A widget comprising a rod.'];
    for (let i = 2; i <= 3000; i++) any.push(`${i}. The widget of any preceding claim, wherein the rod is bent.`);
    const b = analyse(claimsDoc(any));
    assert.equal(b.claims[2999].parents.length, 2999);
  });

  it('a front-matter list of 50,000 items is read in one pass', () => {
    const items = Array.from({ length: 50000 }, (_, i) => `  - item${i}`).join('\n');
    const a = analyse(`---\npatent: claims\nkeywords:\n${items}\n---\n# Claims\n\n1. A widget.\n`);
    const kw = a.layouts[0].md.frontMatter!.data.keywords as string[];
    assert.equal(kw.length, 50000);
  });
});

describe('bounds: line ends and invisible marks', () => {
  const two = (sep: string, lead = '') => `# Claims${sep}${sep}${lead}1. A widget comprising a rod.${sep}${sep}${lead}2. The widget of claim 1, wherein the rod is red.${sep}`;
  for (const [name, sep] of [
    ['CR-only', '\r'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`reads claims with ${name} line ends`, () => {
      const a = analyse(two(sep));
      assert.deepEqual(
        a.claims.map((c) => c.number),
        [1, 2],
      );
      assert.deepEqual(a.claims[1].parents, [1]);
      assert.equal(a.claims[1].text.trim(), 'The widget of claim 1, wherein the rod is red.');
    });
  }
  for (const [name, mark] of [
    ['RLM', '\u200f'],
    ['LRM', '\u200e'],
    ['BOM', '\ufeff'],
    ['zero-width space', '\u200b'],
  ] as const) {
    it(`reads a claim number after a ${name}`, () => {
      const a = analyse(two('\n', mark));
      assert.deepEqual(
        a.claims.map((c) => c.number),
        [1, 2],
      );
      const t = a.layouts[0].md.text;
      assert.equal(t.slice(a.claims[0].numberRange.start.offset, a.claims[0].numberRange.end.offset), '1.');
    });
  }
  it('a BOM before the claims heading of a single-file application', () => {
    const a = analyse('\ufeff# Widget\n\n## Description\n\nA widget 10 has a rod 12.\n\n## Claims\n\n1. A widget comprising a rod.\n', 'app.md');
    assert.equal(a.claims.length, 1);
    assert.equal(a.title?.text, 'Widget');
  });
  it('positions count a lone CR as a line end, as LSP and VS Code do', () => {
    const a = analyse(two('\r'));
    assert.equal(a.claims[1].numberRange.start.line, 4);
    assert.equal(a.claims[1].numberRange.start.character, 0);
    const li = new LineIndex('a\rb\r\nc\nd');
    assert.equal(li.lineCount, 4);
    assert.deepEqual(
      [0, 1, 2, 3].map((l) => [li.lineStart(l), li.lineEnd(l)]),
      [
        [0, 1],
        [2, 3],
        [5, 6],
        [7, 8],
      ],
    );
  });
  it('a claims document where no claim can be read is a finding (an error when it is numbered), not a clean result', () => {
    const a = analyse('# Claims\n\nClaim 1 A widget comprising a rod, wherein the rod is red.\n\nClaim 2 The widget of claim 1.\n');
    assert.equal(a.claims.length, 0);
    const f = byCode(a, 'claim-numbering');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /No claim could be read/);
    const prose = byCode(analyse('# Claims\n\nNothing claimed here yet.\n'), 'claim-numbering');
    assert.equal(prose.length, 1);
    assert.equal(prose[0].severity, 'warning');
  });
});

describe('bounds: ranges', () => {
  it('a finding range never splits a surrogate pair', () => {
    const a = analyse(claimsDoc(['1. A widget comprising a rod 😀']));
    const text = a.layouts[0].md.text;
    const f = byCode(a, 'claim-form').find((x) => /period/.test(x.message))!;
    assert.ok(f, 'the claim-form finding');
    const low = (o: number) => o > 0 && o < text.length && /[\udc00-\udfff]/.test(text[o]) && /[\ud800-\udbff]/.test(text[o - 1]);
    assert.ok(!low(f.range.start.offset) && !low(f.range.end.offset), `${f.range.start.offset}-${f.range.end.offset}`);
    assert.equal(text.slice(f.range.start.offset, f.range.end.offset), '😀');
  });
  it('codePointRange clamps to the text and widens over a pair', () => {
    const t = 'a😀b';
    assert.deepEqual(codePointRange(t, 2, 2), [1, 1]);
    assert.deepEqual(codePointRange(t, 1, 2), [1, 3]);
    assert.deepEqual(codePointRange(t, 2, 3), [1, 3]);
    assert.deepEqual(codePointRange(t, -5, 99), [0, 4]);
    assert.deepEqual(codePointRange(t, NaN, NaN), [0, 0]);
    assert.deepEqual(codePointRange(t, 3, 1), [3, 3]);
  });
});

describe('bounds: one glob matcher', () => {
  it('24 "**" fail fast with a message; a run of whole-segment "**" is one', () => {
    const hostile = Array(24).fill('**').join('a') + 'b';
    const t = Date.now();
    assert.match(globProblem(hostile)!, /24 "\*\*"; at most 8/);
    assert.equal(coreMatchGlob(hostile, 'a'.repeat(200)), false);
    assert.ok(Date.now() - t < 5000);
    const stacked = Array(24).fill('**').join('/') + '/claims.md';
    assert.equal(globProblem(stacked), undefined);
    assert.ok(coreMatchGlob(stacked, 'a/b/claims.md'));
    assert.ok(coreMatchGlob(stacked, 'claims.md'));
  });
  it('bounds pattern length and wildcards per segment', () => {
    assert.match(globProblem('a'.repeat(300))!, /300 characters/);
    assert.match(globProblem('**/*a*a*a*b')!, /"\*" in one folder or file name/);
    assert.match(globProblem('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}')!, /more than 64 patterns/);
  });
  it('{a,b} with globstars inside works in the core (it threw), which every host applies', () => {
    const patterns = { claims: ['{**/claims.md,**/mine.md}'], disclosure: ['**/spec*.md'], abstract: ['**/abstract*.md'] };
    assert.equal(detectRole({ uri: '/m/sub/mine.md', text: '1. A widget.\n' }, patterns), 'claims');
    assert.ok(coreMatchGlob('{**/node_modules/**,**/README.md}', 'README.md'));
  });
  it('matchesAnyGlob (document uris) and matchGlob (relative paths) agree on **, *, ?, {a,b} and classes', () => {
    const globs = ['**/claims.md', '**/*claims*.{md,markdown}', '**/claim?.md', '**/claim[s0-9].md', '**/[!x]*.md', '**/{a,b}/**/c.md', '**/Claims.MD'];
    const paths = ['claims.md', 'x/claims.md', 'x/y/amended-claims.markdown', 'claim1.md', 'q/claimz.md', 'x.md', 'y.md', 'a/c.md', 'a/q/r/c.md', 'c/c.md', 'x/.patentdraft/claims.md'];
    for (const g of globs)
      for (const p of paths) {
        assert.equal(matchesAnyGlob(`file:///root/${p}`, [g]), coreMatchGlob(g, `root/${p}`), `${g} on ${p}`);
      }
    assert.ok(coreMatchGlob('**/*claims*.{md,markdown}', 'x/y/amended-claims.markdown'));
    assert.ok(!coreMatchGlob('**/claim[s0-9].md', 'q/claimz.md'));
    assert.ok(coreMatchGlob('**/{a,b}/**/c.md', 'a/q/r/c.md'));
  });
  it('paths with a segment over 255 characters or over 4096 in all match nothing', () => {
    assert.equal(coreMatchGlob('**', 'a'.repeat(300)), false);
    assert.equal(coreMatchGlob('**', 'a/'.repeat(3000)), false);
  });
});
