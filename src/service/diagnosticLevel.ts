// How a finding shows in the editor (no vscode here, so it is tested in Node): its severity, except
// that a low-confidence finding that is not an error is a hint, listed without a squiggle. An error
// stays an error however unsure the check is; medium and high keep their severity.
// Style findings about the description ("the present invention", "must", ...: STYLE_CODES outside a
// claim) are hints by default, so they stay out of the Problems panel and never bury the claims'
// findings; `descriptionStyle: 'info'` (the patentDraft.descriptionStyle setting) shows them as info.
import type { CheckCode, Claim, Finding } from '../core/index';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint';

/** How description style findings show: as hints (no Problems entry) or as info. */
export type DescriptionStyle = 'hint' | 'info';
export const DESCRIPTION_STYLES: readonly DescriptionStyle[] = ['hint', 'info'];

export interface LevelOptions {
  descriptionStyle?: DescriptionStyle;
  /** Whether a finding is in a claim's text (claimLocator); without it, a finding with a claim number is. */
  inClaims?: (f: Pick<Finding, 'uri' | 'range' | 'claim'>) => boolean;
}

/** The wording checks: they judge style, not the claims' validity. */
export const STYLE_CODES: ReadonlySet<CheckCode> = new Set<CheckCode>(['patent-profanity', 'relative-term', 'means-plus-function']);

type Located = Pick<Finding, 'code' | 'severity' | 'claim'> & Partial<Pick<Finding, 'uri' | 'range'>>;

/** A style finding about the description (not in a claim's text) at the check's own info level. */
export function isDescriptionStyle(f: Located, inClaims?: LevelOptions['inClaims']): boolean {
  if (f.severity !== 'info' || !STYLE_CODES.has(f.code) || f.claim !== undefined) return false;
  return !(inClaims && f.uri !== undefined && f.range !== undefined && inClaims(f as Pick<Finding, 'uri' | 'range' | 'claim'>));
}

export function diagnosticLevel(f: Pick<Finding, 'severity' | 'confidence'> & Partial<Located>, options: LevelOptions = {}): DiagnosticLevel {
  if (f.severity === 'error') return 'error';
  if (f.code !== undefined && isDescriptionStyle(f as Located, options.inClaims)) return options.descriptionStyle === 'info' ? 'information' : 'hint';
  if (f.confidence === 'low') return 'hint';
  return f.severity === 'warning' ? 'warning' : 'information';
}

/** Whether a finding counts where attention is scarce (the status bar): an error or a warning in a claim. */
export function countsInClaims(f: Pick<Finding, 'severity' | 'confidence' | 'code' | 'claim' | 'uri' | 'range'>, inClaims?: LevelOptions['inClaims']): boolean {
  if (!(f.claim !== undefined || inClaims?.(f))) return false;
  const l = diagnosticLevel(f, { inClaims });
  return l === 'error' || l === 'warning';
}

/** A test for "is this finding inside a claim's text", from an analysis's claims (binary search per document). */
export function claimLocator(analysis: { claims: readonly Pick<Claim, 'uri' | 'range'>[] }): (f: Pick<Finding, 'uri' | 'range' | 'claim'>) => boolean {
  const byUri = new Map<string, [number, number][]>();
  for (const c of analysis.claims) {
    const list = byUri.get(c.uri) ?? byUri.set(c.uri, []).get(c.uri)!;
    list.push([c.range.start.offset, c.range.end.offset]);
  }
  for (const list of byUri.values()) list.sort((a, b) => a[0] - b[0]);
  return (f) => {
    if (f.claim !== undefined) return true;
    const list = byUri.get(f.uri);
    if (!list) return false;
    const at = f.range.start.offset;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = list[mid]!;
      if (at < s) hi = mid - 1;
      else if (at >= e) lo = mid + 1;
      else return true;
    }
    return false;
  };
}
