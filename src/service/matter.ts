// The claim tree and the matter report over an analysis, as plain JSON for custom requests
// (`patentDraft/claimTree`, `patentDraft/report`) and any host's views.
import { claimTree as coreClaimTree, type Analysis, type ClaimTreeNode } from '../core/index';
import type { Claim } from '../core/index';
import type { Range } from 'vscode-languageserver-types';
import { toRange } from './positions';
import { claimLabel } from './claimLabel';
import { reportMarkdown } from './reportContent';

export interface ClaimTreeItem {
  claim: number;
  /** What the claim says, on one line: an independent claim's preamble, what a dependent adds (claimLabel.ts). */
  label: string;
  uri?: string;
  /** The claim's number as written. */
  range?: Range;
  category?: string;
  findings: number;
  children: ClaimTreeItem[];
}

export interface ClaimTreeResult {
  claimsUri?: string;
  roots: ClaimTreeItem[];
  canceled: number[];
  claims: number;
}

export function claimTree(analysis: Analysis): ClaimTreeResult {
  const byNumber = new Map<number, Claim>();
  for (const c of analysis.claims) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
  const findings = new Map<number, number>();
  for (const f of analysis.findings) if (f.claim !== undefined) findings.set(f.claim, (findings.get(f.claim) ?? 0) + 1);
  const item = (n: ClaimTreeNode): ClaimTreeItem => {
    const c = byNumber.get(n.claim);
    return {
      claim: n.claim,
      label: c ? claimLabel(c, 80) : '',
      uri: c?.uri,
      range: c ? toRange(c.numberRange) : undefined,
      category: c?.category || undefined,
      findings: findings.get(n.claim) ?? 0,
      children: n.children.map(item),
    };
  };
  return { claimsUri: analysis.claimsUri, roots: coreClaimTree(analysis.claims).map(item), canceled: analysis.claims.filter((c) => c.canceled).map((c) => c.number), claims: analysis.claims.length };
}

export interface MatterReport {
  /** The report as Markdown (claim tree, terms, findings by check, abstract). */
  markdown: string;
  claims: number;
  terms: number;
  findings: { error: number; warning: number; info: number };
}

export function matterReport(analysis: Analysis, name: string, generated?: string): MatterReport {
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of analysis.findings) findings[f.severity]++;
  return { markdown: reportMarkdown(analysis, { name, generated }), claims: analysis.claims.length, terms: analysis.terms.length, findings };
}
