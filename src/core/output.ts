// Finding output: compiler-style text and SARIF 2.1.0.
import type * as Sarif from 'sarif';
import { DEFAULT_CONFIDENCE, DEFAULT_SEVERITY } from './checks/context';
import { groupBy } from './text';
import type { CheckCode, Confidence, Finding } from './types';

export function displayPath(uri: string, cwd?: string): string {
  let p = uri.startsWith('file://') ? decodeURIComponent(uri.slice(7)) : uri;
  if (cwd && p.startsWith(cwd.endsWith('/') ? cwd : cwd + '/')) p = p.slice(cwd.length + (cwd.endsWith('/') ? 0 : 1));
  return p;
}

/** `file:line:col: severity code message` (1-based line and column), then `[confidence: medium]` or
 * `[confidence: low]` where the check is less than sure (nothing for high, the usual case). */
export function formatFindingText(f: Finding, cwd?: string): string {
  const confidence = f.confidence && f.confidence !== 'high' ? ` [confidence: ${f.confidence}]` : '';
  return `${displayPath(f.uri, cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}${confidence}`;
}

export const CHECK_DESCRIPTIONS: Record<CheckCode, { summary: string; rule: string }> = {
  'claim-numbering': { summary: 'Claims numbered consecutively, no gaps or duplicates; canceled numbers stay reserved in amendments.', rule: '37 CFR 1.126' },
  'claim-dependency': { summary: 'A dependent claim refers to an existing, preceding claim, never itself, never in a circle.', rule: '37 CFR 1.75(c); MPEP 608.01(n)' },
  'multiple-dependency': { summary: 'US: multiple dependencies in the alternative only, never on another multiple dependent claim.', rule: '35 USC 112(e); 37 CFR 1.75(c); MPEP 608.01(n)' },
  'canceled-parent': { summary: 'A claim depends on a canceled claim.', rule: '37 CFR 1.75(c); MPEP 714' },
  'claim-form': { summary: 'A claim starts with a capital letter and is one sentence ending in one period; EP reference signs in parentheses.', rule: 'MPEP 608.01(m); Rule 43(7) EPC' },
  'antecedent-basis': { summary: '"the/said X" needs an earlier "a/an X" on every dependency path; the same "a X" twice makes "the X" ambiguous.', rule: '35 USC 112(b); MPEP 2173.05(e)' },
  'term-unsupported': { summary: 'A claim term does not appear in the disclosure in any form.', rule: '37 CFR 1.75(d)(1); MPEP 608.01(o), 2163' },
  'term-variant': { summary: 'One thing named two ways across the matter; the minority form is flagged.', rule: 'MPEP 608.01(o), 2173.05(a)' },
  'numeral-conflict': { summary: 'One reference numeral with two names, or one name with two numerals.', rule: '37 CFR 1.84(p)(4); MPEP 608.02' },
  glossary: { summary: "A term the matter's glossary says to avoid.", rule: "the matter's glossary" },
  'relative-term': { summary: 'Terms of degree, exemplary language ("such as") and "type" in claims.', rule: 'MPEP 2173.05(b), 2173.05(d)' },
  'means-plus-function': { summary: '"means for" or a nonce word with functional language: read under 112(f).', rule: '35 USC 112(f); MPEP 2181' },
  'patent-profanity': { summary: '"the present invention", "critical", "essential", "must", "always", "never"... limit scope.', rule: 'practice (MPEP 2111.01 on claim construction)' },
  abstract: { summary: 'Abstract: one paragraph, 50 to 150 words, no legal phraseology, no implied openings.', rule: '37 CFR 1.72(b); MPEP 608.01(b)' },
  title: { summary: 'Title: at most 500 characters; not starting with "new", "improved" or an article.', rule: '37 CFR 1.72(a); MPEP 606' },
  'dependent-scope': { summary: 'A dependent claim adds nothing its parent chain does not already recite, or only restates a term.', rule: '35 USC 112(d); MPEP 608.01(n)' },
  'listing-form': {
    summary: 'Amendment mode: a claim listing gives every claim a valid status identifier, no text for canceled claims, marks only in currently amended claims, [[…]] for at most five characters.',
    rule: '37 CFR 1.121(c); MPEP 714',
  },
};

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF `rank` (0 to 100, higher: more likely a real problem) of each confidence. */
export const SARIF_RANK: Record<Confidence, number> = { high: 90, medium: 60, low: 30 };

export function toSarif(findings: Finding[], options: { toolVersion?: string; cwd?: string } = {}): Sarif.Log {
  const codes = Object.keys(CHECK_DESCRIPTIONS) as CheckCode[];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'patent-draft',
            version: options.toolVersion ?? '0.1.0',
            rules: codes.map((id) => ({
              id,
              shortDescription: { text: CHECK_DESCRIPTIONS[id].summary },
              help: { text: `${CHECK_DESCRIPTIONS[id].summary} (${CHECK_DESCRIPTIONS[id].rule})` },
              defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[id]], rank: SARIF_RANK[DEFAULT_CONFIDENCE[id]] },
            })),
          },
        },
        results: findings.map((f): Sarif.Result => ({
          ruleId: f.code,
          ruleIndex: codes.indexOf(f.code),
          level: SARIF_LEVEL[f.severity],
          ...(f.confidence ? { rank: SARIF_RANK[f.confidence], properties: { confidence: f.confidence } } : {}),
          message: { text: f.message },
          locations: [location(f.uri, f.range, options.cwd)],
          relatedLocations: f.related?.map((r, i) => ({ id: i, ...location(r.uri, r.range, options.cwd), message: { text: r.message } })),
          fixes: f.fixes?.map((x) => ({
            description: { text: x.title },
            artifactChanges: groupEdits(x.edits, options.cwd),
          })),
        })),
      },
    ],
  };
}

function location(uri: string, range: Finding['range'], cwd?: string): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: displayPath(uri, cwd) },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
        charOffset: range.start.offset,
        charLength: range.end.offset - range.start.offset,
      },
    },
  };
}

function groupEdits(edits: { uri: string; range: Finding['range']; newText: string }[], cwd?: string): Sarif.ArtifactChange[] {
  const by = groupBy(edits, (e) => e.uri);
  return [...by.entries()].map(([uri, es]) => ({
    artifactLocation: { uri: displayPath(uri, cwd) },
    replacements: es.map((e) => ({
      deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
      insertedContent: { text: e.newText },
    })),
  }));
}
