// How a finding shows in the editor (no vscode here, so it is tested in Node): its severity, except
// that a low-confidence finding that is not an error is a hint, listed without a squiggle. An error
// stays an error however unsure the check is; medium and high keep their severity.
import type { Finding } from '../core/index';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint';

export function diagnosticLevel(f: Pick<Finding, 'severity' | 'confidence'>): DiagnosticLevel {
  if (f.severity === 'error') return 'error';
  if (f.confidence === 'low') return 'hint';
  return f.severity === 'warning' ? 'warning' : 'information';
}
