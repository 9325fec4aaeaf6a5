// What the editor's views show of an analysis, as plain JSON (src/lsp/protocol.ts's shapes): the
// Terms view's rows, the Findings view's groups with each finding's level, the status bar's
// counts, and "the claim under the cursor" with its family. One copy for every host: the language
// server answers the view requests with these, and the VS Code views render what it sends.
import { allDependents, ancestors, dependents, type Analysis } from '../core/index';
import type { Claim, Finding, Term } from '../core/index';
import type { Position, Range } from 'vscode-languageserver-types';
import { claimLocator, diagnosticLevel, type DescriptionStyle, type DiagnosticLevel, type LevelOptions } from './diagnosticLevel';
import { findingGroups } from './findingGroups';
import { claimAt } from './features';
import { documentOf, lineIndexOf, toRange } from './positions';

/** Rows a view lists at most per list (the report lists everything). */
export const MAX_VIEW_ROWS = 500;

export interface TermRow {
  key: string;
  label: string;
  description: string;
  tooltip: string;
  introducedIn: number[];
  uses: number;
  claims: number;
  support: number;
  numerals: string[];
  reveal?: { uri: string; range: Range };
}

/** Terms in the order the Terms view lists them: by the first claim introducing them, then by label. */
export function sortedTerms(terms: readonly Term[]): Term[] {
  return [...terms].sort((a, b) => (a.introducedIn[0]?.claim ?? 1e9) - (b.introducedIn[0]?.claim ?? 1e9) || a.label.localeCompare(b.label));
}

export function termRow(t: Term): TermRow {
  const intro = [...new Set(t.introducedIn.map((i) => i.claim))];
  const claims = new Set(t.mentions.map((m) => m.claim)).size;
  const uses = t.mentions.length;
  const where = intro.length ? `claim ${intro.join(', ')}` : 'not introduced';
  const first = t.introducedIn[0] ?? t.mentions[0];
  return {
    key: t.key,
    label: t.label,
    description: `${where} · ${uses} use${uses === 1 ? '' : 's'} in ${claims} claim${claims === 1 ? '' : 's'} · ${t.support.count} in the description`,
    tooltip: `${t.label}: introduced in ${intro.length ? `claim ${intro.join(', ')}` : 'no claim'}; ${uses} uses in the claims; ${t.support.count} occurrences in the description${t.numerals.length ? `; numerals ${t.numerals.join(', ')}` : ''}.`,
    introducedIn: intro,
    uses,
    claims,
    support: t.support.count,
    numerals: [...t.numerals],
    ...(first ? { reveal: { uri: first.uri, range: toRange(first.range) } } : {}),
  };
}

export function termRows(analysis: Pick<Analysis, 'terms'>, max = MAX_VIEW_ROWS): { total: number; rows: TermRow[] } {
  return { total: analysis.terms.length, rows: sortedTerms(analysis.terms).slice(0, max).map(termRow) };
}

export interface FindingRow {
  code: string;
  severity: Finding['severity'];
  confidence?: Finding['confidence'];
  level: DiagnosticLevel;
  message: string;
  uri: string;
  range: Range;
  claim?: number;
}

export interface FindingGroupRow {
  id: string;
  label: string;
  claim?: number;
  total: number;
  level: DiagnosticLevel;
  shown: number;
  findings: FindingRow[];
}

const RANK: Record<DiagnosticLevel, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The Findings view: groups by claim then by document (findingGroups), each finding with the level it shows at. */
export function findingRows(analysis: Pick<Analysis, 'claims' | 'findings'>, descriptionStyle?: DescriptionStyle, max = MAX_VIEW_ROWS): { total: number; groups: FindingGroupRow[] } {
  const options: LevelOptions = { descriptionStyle, inClaims: claimLocator(analysis) };
  const groups = findingGroups(analysis).map((g): FindingGroupRow => {
    const levels = g.findings.map((f) => diagnosticLevel(f, options));
    const level = levels.reduce<DiagnosticLevel>((w, l) => (RANK[l] < RANK[w] ? l : w), 'hint');
    return {
      id: g.id,
      label: g.label,
      ...(g.claim !== undefined ? { claim: g.claim } : {}),
      total: g.findings.length,
      level,
      shown: levels.filter((l) => l !== 'hint').length,
      findings: g.findings.slice(0, max).map((f, i) => ({
        code: f.code,
        severity: f.severity,
        ...(f.confidence ? { confidence: f.confidence } : {}),
        level: levels[i]!,
        message: f.message,
        uri: f.uri,
        range: toRange(f.range),
        ...(f.claim !== undefined ? { claim: f.claim } : {}),
      })),
    };
  });
  return { total: analysis.findings.length, groups };
}

export interface ClaimFamily {
  claim: number;
  uri: string;
  range: Range;
  numberRange: Range;
  independent: boolean;
  canceled: boolean;
  parents: number[];
  ancestors: number[];
  dependents: number[];
  descendants: number[];
  root?: number;
  names?: { claim: number; range: Range };
}

/** The claim under the cursor of a document: the claim holding the offset, else the last live claim
 *  starting before it in that document (the cursor on the blank line after a claim). */
export function claimUnder(analysis: Pick<Analysis, 'claims'>, uri: string, offset: number): Claim | undefined {
  const inDoc = analysis.claims.filter((c) => c.uri === uri && !c.canceled);
  return inDoc.find((c) => c.range.start.offset <= offset && offset <= c.range.end.offset) ?? [...inDoc].reverse().find((c) => c.range.start.offset <= offset);
}

/** The independent claim at the root of claim n's first-parent chain (n itself when independent). */
export function rootClaim(claims: readonly Claim[], n: number): number | undefined {
  const byNumber = new Map(claims.map((c) => [c.number, c] as const));
  let cur = byNumber.get(n);
  const seen = new Set<number>();
  while (cur && cur.parents.length && !seen.has(cur.number)) {
    seen.add(cur.number);
    cur = byNumber.get(cur.parents[0]!);
  }
  return cur && !cur.canceled ? cur.number : undefined;
}

/** The claim under a position with its family, and the claim a number or reference there names. */
export function claimFamilyAt(analysis: Analysis, uri: string, pos: Position): ClaimFamily | undefined {
  const doc = documentOf(analysis, uri);
  if (!doc) return undefined;
  const offset = lineIndexOf(doc).offset(pos.line, pos.character);
  const c = claimUnder(analysis, uri, offset);
  if (!c) return undefined;
  const named = claimAt(analysis, uri, pos);
  const root = rootClaim(analysis.claims, c.number);
  return {
    claim: c.number,
    uri: c.uri,
    range: toRange(c.range),
    numberRange: toRange(c.numberRange),
    independent: c.parents.length === 0,
    canceled: c.canceled === true,
    parents: [...c.parents],
    ancestors: ancestors(analysis.claims, c.number),
    dependents: dependents(analysis.claims, c.number),
    descendants: allDependents(analysis.claims, c.number),
    ...(root !== undefined ? { root } : {}),
    ...(named ? { names: { claim: named.claim, range: named.range } } : {}),
  };
}
