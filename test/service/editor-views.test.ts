// Issue 15, items 5, 7 and 8: what the editor shows first. Style findings about the description are
// hints unless patentDraft.descriptionStyle is "info"; the claims' findings are published and reported
// first; the status bar counts the errors and warnings in the claims; each dependent claim is labelled
// by what it adds (one function for the Claim Tree, the Findings view, the report and the LSP tree); a
// CodeLens never reads "depends on" without a claim number.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMatter, createMatter, type Analysis } from '../../src/core/index.js';
import type { Finding } from '../../src/core/types.js';
import * as service from '../../src/service/index.js';
import { claimAddition, claimLabel } from '../../src/service/claimLabel.js';
import { diagnosticLevel, isDescriptionStyle } from '../../src/service/diagnosticLevel.js';
import { findingGroups } from '../../src/service/findingGroups.js';
import { claimLensTitle } from '../../src/service/hoverContent.js';
import { reportMarkdown } from '../../src/service/reportContent.js';
import { statusSummary } from '../../src/service/statusSummary.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const example = join(root, 'examples', 'bicycle-brake');
const C = 'file:///m/claims.md';
const D = 'file:///m/disclosure.md';

/** The bicycle-brake example with the disclosure listed first, and "the present invention" in it. */
function brake(extraClaims = ''): Analysis {
  const disclosure = readFileSync(join(example, 'disclosure.md'), 'utf8') + '\nThe present invention is essential to every embodiment.\n';
  const claims = readFileSync(join(example, 'claims.md'), 'utf8').replace(/\s*$/, '\n') + extraClaims;
  return analyzeMatter(
    createMatter('file:///m', [
      { uri: D, text: disclosure },
      { uri: C, text: claims },
    ]),
  );
}

const finding = (over: Partial<Finding>): Finding => ({
  code: 'patent-profanity',
  severity: 'info',
  message: 'm',
  uri: D,
  range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 1, offset: 1 } },
  ...over,
});

describe('service: description style findings are hints unless asked for', () => {
  it('shows a description style finding as a hint whatever its confidence, and as info with descriptionStyle "info"', () => {
    for (const confidence of ['low', 'medium', 'high', undefined] as const) {
      const f = finding({ confidence });
      assert.ok(isDescriptionStyle(f));
      assert.equal(diagnosticLevel(f), 'hint', String(confidence));
      assert.equal(diagnosticLevel(f, { descriptionStyle: 'info' }), 'information', String(confidence));
    }
  });

  it('keeps findings in the claims, and other checks, as they were', () => {
    assert.equal(diagnosticLevel(finding({ code: 'relative-term', claim: 2, confidence: 'medium' })), 'information');
    assert.equal(diagnosticLevel(finding({ code: 'numeral-conflict', severity: 'warning', confidence: 'high' })), 'warning');
    // A severity the user raised (patentDraft.severity) is theirs: a warning stays a warning.
    assert.equal(diagnosticLevel(finding({ severity: 'warning', confidence: 'high' })), 'warning');
  });

  it("tells a style finding in a claim's text (no claim number on it) from one in the description", () => {
    const a = brake('\n7. The brake caliper of claim 1, wherein the present invention is essential.\n');
    const inClaims = service.claimLocator(a);
    const inClaim = a.findings.find((f) => f.code === 'patent-profanity' && f.uri === C)!;
    const inDescription = a.findings.find((f) => f.code === 'patent-profanity' && f.uri === D)!;
    assert.ok(inClaims(inClaim) && !inClaims(inDescription));
    assert.equal(diagnosticLevel({ ...inClaim, confidence: 'high' }, { inClaims }), 'information');
    assert.equal(diagnosticLevel({ ...inDescription, confidence: 'high' }, { inClaims }), 'hint');
    const byUri = service.matterDiagnostics(a);
    assert.ok(byUri.get(D)!.some((d) => d.code === 'patent-profanity' && d.severity === 4));
  });

  it('passes the setting through the LSP diagnostics', () => {
    const a = brake();
    const profanity = a.findings.find((f) => f.code === 'patent-profanity' && f.uri === D);
    assert.ok(profanity, 'the disclosure has a "present invention" finding');
    const hint = service.toDiagnostic({ ...profanity, confidence: 'high' });
    const info = service.toDiagnostic({ ...profanity, confidence: 'high' }, { descriptionStyle: 'info' });
    assert.equal(hint.severity, 4);
    assert.equal(info.severity, 3);
  });
});

describe('service: the claims first', () => {
  it('publishes the claims document first, whatever the order of the documents', () => {
    const a = brake();
    assert.equal(a.matter.documents[0]!.uri, D, 'the fixture lists the disclosure first');
    assert.deepEqual(service.documentsClaimsFirst(a).slice(0, 2), [C, D]);
    assert.equal([...service.matterDiagnostics(a).keys()][0], C);
  });

  it("lists, in the report, the checks with claim findings first and the claims' findings first in each check", () => {
    const a = brake('\n7. The brake caliper of claim 1, wherein the present invention is essential.\n');
    const md = reportMarkdown(a, { name: 'brake' });
    const section = md.slice(md.indexOf('### patent-profanity'));
    const items = section
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .slice(0, 3);
    assert.match(items[0]!, /claims\.md:/, `claim findings first:\n${items.join('\n')}`);
    assert.match(items[2]!, /disclosure\.md:/, `then the description's:\n${items.join('\n')}`);
    const order = [...md.matchAll(/^### ([\w-]+)/gm)].map((m) => m[1]!);
    const inClaims = service.claimLocator(a);
    const hasClaimFindings = (code: string) => a.findings.some((f) => f.code === code && inClaims(f));
    const firstWithoutClaims = order.findIndex((code) => !hasClaimFindings(code));
    const lastWithClaims = order.map(hasClaimFindings).lastIndexOf(true);
    assert.ok(firstWithoutClaims === -1 || lastWithClaims < firstWithoutClaims, `checks with claim findings first: ${order.join(', ')}`);
  });

  it('counts in the status bar the errors and warnings in the claims only, and says so', () => {
    const a = brake();
    const s = statusSummary({
      claims: a.claims,
      findings: [
        finding({ code: 'claim-numbering', severity: 'error', claim: 2, uri: C }),
        finding({ code: 'antecedent-basis', severity: 'warning', confidence: 'high', claim: 3, uri: C }),
        finding({ code: 'numeral-conflict', severity: 'warning', confidence: 'high' }),
        finding({ confidence: 'high' }),
      ],
    });
    assert.match(s.text, /\$\(error\) 2$/);
    assert.match(s.tooltip, /2 errors and warnings in the claims \(1 error\)/);
    assert.match(s.tooltip, /2 other findings/);
  });
});

describe('service: each claim labelled by what it adds', () => {
  const a = brake();
  const claim = (n: number) => a.claims.find((c) => c.number === n)!;

  it('reads the text after "wherein" and after "further comprising"; an independent claim by its preamble', () => {
    assert.equal(claimAddition(claim(2))?.kind, 'wherein');
    assert.match(claimLabel(claim(2)), /^the brake pad comprises a backing plate/);
    assert.equal(claimAddition(claim(3))?.kind, 'further');
    assert.match(claimLabel(claim(3)), /^\+ a wear indicator projecting from the backing plate/);
    assert.equal(claimLabel(claim(1)), 'A brake caliper for a bicycle disc brake');
    // Claim 6 takes claim 1 in through its body: it reads by its own preamble.
    assert.equal(claimLabel(claim(6)), 'A bicycle');
    assert.equal(claimAddition(claim(1)), undefined);
  });

  it("is the label of the report's tree, the LSP claim tree and the Findings groups", () => {
    const md = reportMarkdown(a, { name: 'brake' });
    assert.match(md, /- \*\*2\.\*\* the brake pad comprises a backing plate/);
    assert.doesNotMatch(md, /\*\*2\.\*\* The brake caliper of claim 1/);
    const tree = service.claimTree(a);
    const two = tree.roots[0]!.children.find((c) => c.claim === 2)!;
    assert.match(two.label, /^the brake pad comprises/);
    const groups = findingGroups(brake('\n7. The brake caliper of claim 1, wherein the lever is rigid.\n'));
    assert.ok(groups.length > 0);
    const claimGroups = groups.filter((g) => g.claim !== undefined).map((g) => g.claim!);
    assert.deepEqual(
      claimGroups,
      [...claimGroups].sort((x, y) => x - y),
      'claims in order',
    );
    assert.ok(groups.findIndex((g) => g.claim === undefined) === -1 || groups.findIndex((g) => g.claim === undefined) >= claimGroups.length, 'claims before documents');
  });

  it('bounds the label of a very long claim and never scans it all', () => {
    const long = brake(`\n7. The brake caliper of claim 1, wherein ${'the lever is rigid and '.repeat(20000)}done.\n`);
    const c = long.claims.find((x) => x.number === 7)!;
    assert.ok(claimLabel(c, 80).length <= 81);
  });
});

describe('service: a CodeLens always names the claim a dependent depends on', () => {
  it('says "depends on 7 (itself)" for a claim that names itself (was: "depends on " and nothing)', () => {
    const a = brake('\n7. The brake caliper of claim 7, wherein the lever is rigid.\n');
    const c = a.claims.find((x) => x.number === 7)!;
    assert.equal(claimLensTitle(a, c), 'depends on 7 (itself)');
    for (const l of service.codeLenses(a, C)) assert.match(l.command!.title, /^(?:independent|canceled|depends on \d)/, l.command!.title);
  });

  it('names the parent of a claim that shares its number with another (an accepted claim before renumbering; was: "depends on ")', () => {
    const text = '# Claims\n\n1. A lever, comprising a pivot.\n\n2. A brake, comprising a pad.\n\n2. The lever of claim 1, wherein the pivot is a pin.\n';
    const a = analyzeMatter(createMatter('file:///d', [{ uri: 'file:///d/claims.md', text }]));
    assert.deepEqual(
      service.codeLenses(a, 'file:///d/claims.md').map((l) => l.command!.title),
      ['independent · 1 dependent', 'independent', 'depends on 1'],
    );
  });
});
