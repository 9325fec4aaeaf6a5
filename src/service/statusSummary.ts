// The status bar's summary of a matter (text and tooltip, in VS Code's codicon syntax): its claims,
// independent claims, and the errors and warnings in the claims, which need the drafter now; the
// description's findings, infos and hints are counted apart and listed in the report.
import type { Analysis, Claim, Finding } from '../core/index';
import { claimLocator, countsInClaims, diagnosticLevel } from './diagnosticLevel';

export interface StatusSummary {
  text: string;
  tooltip: string;
  /** Live (not canceled) claims, and the independent ones among them. */
  claims: number;
  independent: number;
  /** Errors and warnings in the claims (the number shown), and the errors among them. */
  findings: number;
  errors: number;
}

/** The status bar's text, tooltip and counts for an analysis (no vscode types: tested in Node). */
export function statusSummary(a: Pick<Analysis, 'claims' | 'findings'>): StatusSummary {
  const claims = a.claims.filter((c: Claim) => !c.canceled);
  const independent = claims.filter((c: Claim) => c.parents.length === 0).length;
  const inClaims = claimLocator(a);
  const counted = a.findings.filter((f: Finding) => countsInClaims(f, inClaims));
  const errors = counted.filter((f) => diagnosticLevel(f) === 'error').length;
  const findings = counted.length;
  const elsewhere = a.findings.length - findings;
  const s = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return {
    text: `$(law) ${s(claims.length, 'claim')} · ${independent} indep. · $(${errors ? 'error' : findings ? 'warning' : 'check'}) ${findings}`,
    tooltip:
      `Patent Draft: ${s(claims.length, 'claim')} (${independent} independent). ` +
      `${s(findings, 'error or warning', 'errors and warnings')} in the claims (${s(errors, 'error')}); ` +
      `${s(elsewhere, 'other finding')} (description, abstract, info and hints) in the report. Click to open the matter report.`,
    claims: claims.length,
    independent,
    findings,
    errors,
  };
}
