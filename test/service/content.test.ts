// The pure editor helpers that read an Analysis: hover text, CodeLens titles, the report, rename edits.
import assert from 'node:assert/strict';
import { analyzeMatter, createMatter, type Analysis } from '../../src/core/index.js';
import type { Range, TextEdit } from '../../src/core/types.js';
import { claimHover, claimLensTitle, termHover } from '../../src/service/hoverContent.js';
import { reportMarkdown } from '../../src/service/reportContent.js';
import { renderReportBody } from '../../src/extension/reportHtml.js';
import { renameTermEdits, termOccurrences } from '../../src/service/termOps.js';

const claims = `# Claims

1. A lid assembly, comprising:
   a frame having a rim;
   a lid connected to the frame by a hinge; and
   an element mounted on the rim.

2. The lid assembly of claim 1, wherein the element comprises a hook.

3. The lid assembly of claim 2, wherein the hook engages the lid.

4. A method of closing a bin, comprising pivoting a lid <script>x</script> toward a frame.
`;
const disclosure = `# Lid

## Detailed Description

A lid assembly 10 has a frame 14 with a rim 16. An element 22 is mounted on the rim 16. The element 22 has a hook 24.
The elements of other embodiments differ.
`;

function analysis(): Analysis {
  return analyzeMatter(
    createMatter('file:///m', [
      { uri: 'file:///m/claims.md', text: claims },
      { uri: 'file:///m/disclosure.md', text: disclosure },
    ]),
  );
}

const link = (uri: string, r: Range) => `${uri}#L${r.start.line + 1}`;

function apply(text: string, uri: string, edits: TextEdit[]): string {
  const mine = edits.filter((e) => e.uri === uri).sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  for (const e of mine) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

describe('extension content from an analysis', () => {
  const a = analysis();

  it('reads the matter', () => {
    assert.deepEqual(
      a.claims.map((c) => [c.number, c.parents]),
      [
        [1, []],
        [2, [1]],
        [3, [2]],
        [4, []],
      ],
    );
  });

  it('titles each claim lens', () => {
    const by = (n: number) => a.claims.find((c) => c.number === n)!;
    assert.equal(claimLensTitle(a, by(1)), 'independent · 1 dependent');
    assert.equal(claimLensTitle(a, by(3)), 'depends on 1 ← 2');
    assert.equal(claimLensTitle(a, by(2)), 'depends on 1 · 1 dependent');
    assert.equal(claimLensTitle(a, by(4)), 'independent');
  });

  it('hovers a claim with its chain, parents, dependents and what it relies on', () => {
    const md = claimHover(a, 3, link)!;
    assert.match(md, /\*\*Claim 3\*\* · dependent/);
    assert.match(md, /Depends on: \*\*3\*\* → \[2\]\(file:\/\/\/m\/claims\.md#L8\) → \[1\]/);
    assert.match(md, /\[claim 1\]\(file:\/\/\/m\/claims\.md#L3\) \(independent\): A lid assembly/);
    assert.match(md, /No dependents\./);
    assert.match(md, /Relies on:\n(?:- from claim \d+: .*\n)*- from claim 1: .*\*lid\*/);
    assert.match(md, /- from claim 2: \*hook\*/);
    assert.match(claimHover(a, 9, link)!, /does not exist/);
  });

  it('hovers a term with introduction, uses, support and numeral', () => {
    const term = a.terms.find((t) => t.key === 'element')!;
    assert.ok(term, 'the core finds the term "element"');
    const md = termHover(a, term, term.mentions[0]!, link);
    assert.match(md, /\*\*element\*\*/);
    assert.match(md, /Introduced in \[claim 1\]/);
    assert.match(md, /claims 1 and 2/);
    assert.match(md, /Disclosure: \d+ occurrence/);
  });

  it('finds a term in claims and disclosure and renames it with articles kept right', () => {
    const term = a.terms.find((t) => t.key === 'element')!;
    const occ = termOccurrences(a, term);
    assert.ok(occ.some((o) => o.where === 'claim'));
    assert.ok(occ.some((o) => o.where === 'disclosure'));
    const edits = renameTermEdits(a, term, 'member');
    const c = apply(claims, 'file:///m/claims.md', edits);
    assert.match(c, /a member mounted on the rim/);
    assert.match(c, /wherein the member comprises/);
    assert.doesNotMatch(c, /\belement/);
    const d = apply(disclosure, 'file:///m/disclosure.md', edits);
    assert.match(d, /A member 22 is mounted/);
    assert.match(d, /The member 22 has/);
    assert.match(d, /The members of other embodiments/);
  });

  it('writes a report with the claim tree, terms, findings and abstract, and renders it without raw HTML', () => {
    const md = reportMarkdown(a, { name: 'm' });
    assert.match(md, /## Claim tree/);
    assert.match(md, /^- \*\*1\.\*\* /m);
    assert.match(md, /^ {2}- \*\*2\.\*\* /m);
    assert.match(md, /^ {4}- \*\*3\.\*\* /m);
    assert.match(md, /\| Term \| Introduced in/);
    assert.match(md, /## Findings by check/);
    assert.match(md, /- Abstract: /);
    const html = renderReportBody(md + '\n<img src=x onerror=alert(1)>\n');
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /<table>/);
  });
});

describe('extension hover on a reference to a claim', () => {
  it('shows the referred claim, the chain from the referring claim and what it relies on', () => {
    const a = analysis();
    const md = claimHover(a, 1, link, 3)!;
    assert.match(md, /\*\*Claim 1\*\* · independent/);
    assert.match(md, /^> A lid assembly, comprising: a frame having a rim;/m);
    assert.match(md, /Chain: \*\*3\*\* → \[2\]\([^)]*\) → \[1\]/);
    assert.match(md, /Claim 3 relies on:\n(?:- from claim \d+: .*\n)*- from claim 1: .*\*lid\*/);
    assert.doesNotMatch(md, /comprises a hook/);
  });
});
