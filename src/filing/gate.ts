// What a filing office checks on the claims before it accepts them: numbering positive and
// continuous with no duplicate (claim-numbering), no self, forward, missing or canceled dependency
// (claim-dependency, canceled-parent), and status identifiers that 37 CFR 1.121(c) knows. The first
// two are the core's findings; the status identifiers are read from the core's parsed claims.
import type { Analysis } from '../core';
import type { Range, Severity } from '../core/index';

/** The core's codes whose findings stop an export (whatever severity the matter's settings give them). */
export const FILING_GATE_CODES = ['claim-numbering', 'claim-dependency', 'canceled-parent'] as const;

export interface FilingFinding {
  code: (typeof FILING_GATE_CODES)[number] | 'claim-status';
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  claim?: number;
}

/** A parenthesised word group at the start of a claim's text: where a status identifier stands. */
const STATUS_LIKE = /^\(\s*([A-Za-z][A-Za-z ,\-–—]{2,40}?)\s*\)/;

export function filingGate(analysis: Analysis): FilingFinding[] {
  const out: FilingFinding[] = [];
  const gate = new Set<string>(FILING_GATE_CODES);
  for (const f of analysis.findings) {
    if (!gate.has(f.code)) continue;
    out.push({ code: f.code as FilingFinding['code'], severity: 'error', message: f.message, uri: f.uri, range: f.range, claim: f.claim });
  }
  const amendment = analysis.matter.settings.mode === 'amendment';
  for (const c of analysis.claims) {
    if (c.status) continue;
    const m = STATUS_LIKE.exec(c.text.trimStart().slice(0, 60));
    if (m) {
      out.push({
        code: 'claim-status',
        severity: 'error',
        message: `Claim ${c.number} begins with "(${m[1]})", which is not a status identifier of 37 CFR 1.121(c): write (Original), (Currently amended), (Canceled), (Withdrawn), (Previously presented), (New) or (Not entered).`,
        uri: c.uri,
        range: c.textRange,
        claim: c.number,
      });
    } else if (amendment) {
      out.push({
        code: 'claim-status',
        severity: 'error',
        message: `Claim ${c.number} has no status identifier; in an amendment every claim carries one (37 CFR 1.121(c)), e.g. "${c.number}. (Original)".`,
        uri: c.uri,
        range: c.numberRange,
        claim: c.number,
      });
    }
  }
  if (analysis.claims.length === 0) {
    const uri = analysis.claimsUri ?? analysis.matter.documents[0]?.uri ?? analysis.matter.root;
    const zero = { line: 0, character: 0, offset: 0 };
    out.push({
      code: 'claim-numbering',
      severity: 'error',
      message: 'The matter has no claims: an application needs at least one (37 CFR 1.75(a)); add a "## Claims" section or a claims.md.',
      uri,
      range: { start: zero, end: zero },
    });
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.offset - b.range.start.offset));
}
