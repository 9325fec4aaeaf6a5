// Findings as LSP diagnostics: stable string codes, the catalogue linked as the code's
// description, related places, and the severity the editor shows (a low-confidence finding that is
// not an error is a hint: diagnosticLevel.ts).
import type { Analysis } from '../core/index';
import type { Finding } from '../core/index';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { claimLocator, diagnosticLevel, type DescriptionStyle, type LevelOptions } from './diagnosticLevel';
import { toRange } from './positions';

export const DIAGNOSTIC_SOURCE = 'patent-draft';

/** What the service needs from its host to link the catalogue (the README's "Check catalogue"). */
export interface DiagnosticOptions {
  /** URI of the documentation the code description links to; `#check-catalogue` is appended when it has no fragment. */
  docsUri?: string;
  /** How style findings about the description show (default: hints, no Problems entry). */
  descriptionStyle?: DescriptionStyle;
  /** Whether a finding is in a claim's text (the matter functions below fill it in from the analysis). */
  inClaims?: LevelOptions['inClaims'];
}

export const CATALOGUE_ANCHOR = 'check-catalogue';

/** What a diagnostic carries back to the server in `data`, so a code action finds its finding again. */
export interface DiagnosticData {
  code: string;
  confidence?: string;
  claim?: number;
}

const LEVEL: Record<ReturnType<typeof diagnosticLevel>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function catalogueLink(docsUri: string | undefined): string | undefined {
  if (!docsUri) return undefined;
  return docsUri.includes('#') ? docsUri : `${docsUri}#${CATALOGUE_ANCHOR}`;
}

export function toDiagnostic(f: Finding, options: DiagnosticOptions = {}): Diagnostic {
  const d: Diagnostic = {
    range: toRange(f.range),
    severity: LEVEL[diagnosticLevel(f, options)],
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  const href = catalogueLink(options.docsUri);
  if (href) d.codeDescription = { href };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: toRange(r.range) }, message: r.message }));
  const data: DiagnosticData = { code: f.code };
  if (f.confidence) data.confidence = f.confidence;
  if (f.claim !== undefined) data.claim = f.claim;
  d.data = data;
  return d;
}

/** The matter's document uris, claims documents first (their findings are published, and listed, first). */
export function documentsClaimsFirst(analysis: Analysis): string[] {
  const rank = (role: string | undefined) => (role === 'claims' ? 0 : role === 'combined' ? 1 : 2);
  return analysis.matter.documents
    .map((d, i) => ({ uri: d.uri, rank: rank(d.role), i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((d) => d.uri);
}

/** Every document of the matter with its diagnostics (an empty list clears a document's old ones), claims documents first. */
export function matterDiagnostics(analysis: Analysis, options: DiagnosticOptions = {}): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const uri of documentsClaimsFirst(analysis)) byUri.set(uri, []);
  options = { ...options, inClaims: options.inClaims ?? claimLocator(analysis) };
  for (const f of analysis.findings) {
    const list = byUri.get(f.uri) ?? [];
    list.push(toDiagnostic(f, options));
    byUri.set(f.uri, list);
  }
  return byUri;
}

/** One document's diagnostics. */
export function documentDiagnostics(analysis: Analysis, uri: string, options: DiagnosticOptions = {}): Diagnostic[] {
  options = { ...options, inClaims: options.inClaims ?? claimLocator(analysis) };
  return analysis.findings.filter((f) => f.uri === uri).map((f) => toDiagnostic(f, options));
}

/** The finding a diagnostic shows (clients send copies back in a code action request): same document, code and range. */
export function findingFor(analysis: Analysis, uri: string, d: Pick<Diagnostic, 'code' | 'range'>): Finding | undefined {
  const code = String(d.code ?? '');
  return analysis.findings.find(
    (f) =>
      f.uri === uri &&
      f.code === code &&
      f.range.start.line === d.range.start.line &&
      f.range.start.character === d.range.start.character &&
      f.range.end.line === d.range.end.line &&
      f.range.end.character === d.range.end.character,
  );
}
