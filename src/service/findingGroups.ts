// The Findings view's groups (and any host's): findings by claim in claim order, each claim labelled
// as in the Claim Tree, then the findings outside the claims by document. Pure: no vscode import.
import type { Analysis, Finding } from '../core/index';
import { claimLabel } from './claimLabel';

export interface FindingGroup {
  id: string;
  label: string;
  claim?: number;
  findings: Finding[];
}

function fileName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1)) || clean;
}

/** Findings grouped by claim in claim order, then by document for the rest; empty groups left out. */
export function findingGroups(analysis: Pick<Analysis, 'claims' | 'findings'>): FindingGroup[] {
  const byClaim = new Map<number, Finding[]>();
  const byDoc = new Map<string, Finding[]>();
  for (const f of analysis.findings) {
    const list = f.claim !== undefined ? (byClaim.get(f.claim) ?? byClaim.set(f.claim, []).get(f.claim)!) : (byDoc.get(f.uri) ?? byDoc.set(f.uri, []).get(f.uri)!);
    list.push(f);
  }
  const claims = new Map(analysis.claims.map((c) => [c.number, c] as const));
  const out: FindingGroup[] = [];
  for (const n of [...byClaim.keys()].sort((a, b) => a - b)) {
    const c = claims.get(n);
    out.push({ id: `claim/${n}`, label: c ? `${n}. ${claimLabel(c, 60)}` : `Claim ${n}`, claim: n, findings: byClaim.get(n)! });
  }
  for (const [uri, list] of byDoc) out.push({ id: `doc/${uri}`, label: fileName(uri), findings: list.sort((a, b) => a.range.start.offset - b.range.start.offset) });
  return out;
}
