// `patent-draft check`: every check on the matters under the given paths.
import { analyzeMatter } from '../../core/index';
import { formatFindingText, toSarif } from '../../core/index';
import { CONFIDENCES, isConfidence } from '../../core/index';
import type { CheckMode, Confidence, Finding, Severity } from '../../core/index';
import { parseArgs, UsageError, type CliCommand } from '../command';
import { mattersFor, readFormat, readJurisdiction } from './shared';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check claims, terms and documents; text, JSON or SARIF',
  usage: 'patent-draft check PATH... [--format text|json|sarif] [--jurisdiction us|ep] [--mode drafting|amendment] [--fail-on error|warning|never] [--min-confidence high|medium|low]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { strings: ['format', 'jurisdiction', 'mode', 'fail-on', 'min-confidence'] });
    const format = readFormat(options.format, ['text', 'json', 'sarif'], 'text');
    const failOn = readFormat(options['fail-on'], ['error', 'warning', 'never'], 'error');
    const mode = options.mode as CheckMode | undefined;
    if (mode !== undefined && mode !== 'drafting' && mode !== 'amendment') throw new UsageError(`--mode must be "drafting" or "amendment", not "${mode}"`);
    const minConfidence = readMinConfidence(options['min-confidence']);
    const matters = await mattersFor(positional, io.cwd, { jurisdiction: readJurisdiction(options.jurisdiction), mode, ...(minConfidence ? { minConfidence } : {}) }, (m) =>
      io.stderr(`patent-draft check: ${m}\n`),
    );
    const findings: Finding[] = [];
    let claims = 0;
    for (const m of matters) {
      const a = analyzeMatter(m);
      claims += a.claims.length;
      findings.push(...a.findings);
    }
    if (format === 'json') {
      io.stdout(JSON.stringify({ matters: matters.map((m) => ({ root: m.root, documents: m.documents.map((d) => ({ uri: d.uri, role: d.role })) })), findings }, null, 2) + '\n');
    } else if (format === 'sarif') {
      io.stdout(JSON.stringify(toSarif(findings, { cwd: io.cwd }), null, 2) + '\n');
    } else {
      for (const f of findings) io.stdout(formatFindingText(f, io.cwd) + '\n');
      const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
      const noClaims = claims === 0 ? ' (no claims found: is there a "## Claims" section or a claims.md?)' : '';
      io.stdout(
        `${findings.length} finding(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info, in ${matters.length} matter(s) with ${claims} claim(s)${noClaims}\n`,
      );
    }
    if (matters.length === 0) {
      io.stderr('patent-draft check: no matter found (no claims.md, disclosure.md or single-file patent document with a Claims section)\n');
      return 2;
    }
    if (failOn === 'never') return 0;
    return findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
  },
};

function readMinConfidence(v: unknown): Confidence | undefined {
  if (v === undefined) return undefined;
  if (isConfidence(v)) return v;
  throw new UsageError(`--min-confidence must be one of ${CONFIDENCES.join(', ')} (findings at least that sure are shown), not "${String(v)}"`);
}
