// The matter report as Markdown: claim tree, term table, findings by check, the abstract's word
// count. Pure: no vscode import (the webview renders it with marked; export writes it as is).
import { claimTree, type Analysis } from '../core/index';
import type { Claim, Finding, Term } from '../core/index';
import { claimLabel } from './claimLabel';
import { claimLocator } from './diagnosticLevel';
import { escapeMarkdown } from './refs';

interface TreeNodeLike {
  claim: number;
  children: TreeNodeLike[];
}

const esc = escapeMarkdown;

function fileName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
  } catch {
    return clean.slice(clean.lastIndexOf('/') + 1);
  }
}

/** Escapes a table cell (pipes and line breaks too). */
function cell(text: string): string {
  return esc(text).replace(/\n/g, ' ');
}

export interface ReportOptions {
  /** Title of the matter (folder name) for the heading when the analysis has no title. */
  name: string;
  /** When the report was made (ISO string), for the exported file. */
  generated?: string;
}

export function reportMarkdown(analysis: Analysis, options: ReportOptions): string {
  const out: string[] = [];
  const title = analysis.title?.text ?? options.name;
  out.push(`# Matter report: ${esc(title)}`, '');
  const claims = analysis.claims;
  const independent = claims.filter((c: Claim) => c.parents.length === 0 && !c.canceled);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of analysis.findings) counts[f.severity]++;
  out.push(
    `- Claims: ${claims.length} (${independent.length} independent)`,
    `- Findings: ${analysis.findings.length} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info)`,
    `- Terms: ${analysis.terms.length}`,
  );
  if (analysis.abstract)
    out.push(
      `- Abstract: ${analysis.abstract.words} words in ${analysis.abstract.paragraphs} paragraph${analysis.abstract.paragraphs === 1 ? '' : 's'}${analysis.abstract.words > 150 ? ' (over the 150-word limit)' : ''}`,
    );
  else out.push('- Abstract: none found');
  if (options.generated) out.push(`- Generated: ${esc(options.generated)}`);
  out.push('');

  out.push('## Claim tree', '');
  const byNumber = new Map<number, Claim>();
  for (const c of claims) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
  const findingsPer = new Map<number, number>();
  for (const f of analysis.findings) if (f.claim !== undefined) findingsPer.set(f.claim, (findingsPer.get(f.claim) ?? 0) + 1);
  const tree = claimTree(claims) as TreeNodeLike[];
  if (tree.length === 0) out.push('No claims found.');
  const walk = (n: TreeNodeLike, depth: number) => {
    const c = byNumber.get(n.claim);
    const text = c ? esc(claimLabel(c, 80)) : '*missing*';
    const nf = findingsPer.get(n.claim);
    out.push(`${'  '.repeat(depth)}- **${n.claim}.** ${text}${c?.canceled ? ' *(canceled)*' : ''}${nf ? ` — ${nf} finding${nf === 1 ? '' : 's'}` : ''}`);
    for (const ch of n.children) walk(ch, depth + 1);
  };
  for (const n of tree) walk(n, 0);
  out.push('');

  out.push('## Terms', '');
  if (analysis.terms.length === 0) out.push('No claim terms found.');
  else {
    out.push('| Term | Introduced in | Used in claims | Disclosure | Numerals |', '| --- | --- | --- | ---: | --- |');
    const terms = [...analysis.terms].sort((a: Term, b: Term) => (a.introducedIn[0]?.claim ?? 1e9) - (b.introducedIn[0]?.claim ?? 1e9) || a.label.localeCompare(b.label));
    for (const t of terms) {
      const intro = [...new Set(t.introducedIn.map((i) => i.claim))].join(', ') || '—';
      const used = [...new Set(t.mentions.map((m) => m.claim))].sort((a, b) => a - b).join(', ');
      out.push(`| ${cell(t.label)} | ${intro} | ${used} | ${t.support.count} | ${t.numerals.map(cell).join(', ') || '—'} |`);
    }
  }
  out.push('');

  out.push('## Findings by check', '');
  if (analysis.findings.length === 0) out.push('No findings.');
  const byCode = new Map<string, Finding[]>();
  for (const f of analysis.findings) {
    const l = byCode.get(f.code) ?? [];
    l.push(f);
    byCode.set(f.code, l);
  }
  // Claim findings first: checks with findings in the claims before the others, and in each check the
  // claims' findings (by claim number) before the description's.
  const located = claimLocator(analysis);
  const key = (f: Finding) => f.claim ?? (located(f) ? 1e8 : 1e9);
  const inClaims = (l: Finding[]) => l.filter(located).length;
  for (const l of byCode.values()) l.sort((a, b) => key(a) - key(b));
  for (const [code, list] of [...byCode].sort((a, b) => Number(inClaims(b[1]) > 0) - Number(inClaims(a[1]) > 0) || b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    out.push(`### ${code} (${list.length})`, '');
    for (const f of list) {
      out.push(`- ${f.severity} · ${esc(fileName(f.uri))}:${f.range.start.line + 1}${f.claim !== undefined ? ` (claim ${f.claim})` : ''} — ${esc(f.message)}`);
    }
    out.push('');
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
