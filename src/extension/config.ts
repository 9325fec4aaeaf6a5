// One typed reader for the `patentDraft.*` settings, always read for a resource (the matter's
// root or a document), so folder settings in a multi-root workspace apply to their own matters.
// The language server reads the same settings per folder through workspace/configuration and
// validates them (src/lsp/settings.ts); the extension reads them for its own views and for the
// server's start (initializationOptions). Types only from the core: no check code is bundled here.
import * as vscode from 'vscode';
import type { DescriptionStyle } from '../service/diagnosticLevel';
import type { CheckCode, CheckMode, Confidence, Jurisdiction, Severity } from '../core/index';

export const SECTION = 'patentDraft';

export interface FileSettings {
  /** Globs of claims files; a folder holding one is a matter. */
  claims: string[];
  /** Globs of disclosure (description) files. */
  disclosure: string[];
  /** Globs of abstract files. */
  abstract: string[];
  /** Glob (relative to the matter folder) of the files read as the matter's documents. */
  include: string;
  /** Glob (relative to the matter folder) of files never read as matter documents. */
  exclude: string;
}

export const DEFAULT_FILES: FileSettings = {
  claims: ['**/claims.md', '**/*claims*.md'],
  disclosure: ['**/disclosure*.md', '**/spec*.md', '**/description*.md', '**/invention-disclosure*.md'],
  abstract: ['**/abstract*.md'],
  include: '*.md',
  exclude: '{**/node_modules/**,**/README.md,**/CHANGELOG.md}',
};

function globList(value: unknown, fallback: string[]): string[] {
  if (!Array.isArray(value)) return fallback;
  const list = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return list.length ? list : fallback;
}

export interface PatentDraftConfig {
  jurisdiction: Jurisdiction;
  mode: CheckMode;
  severity: Partial<Record<CheckCode, Severity | 'off'>>;
  /** Findings less sure than this are not shown ('low': every finding). */
  minConfidence: Confidence;
  debounceMs: number;
  files: FileSettings;
  codeLens: boolean;
  statusBar: boolean;
  /** How style findings about the description show: hints (default, no Problems entry) or info. */
  descriptionStyle: DescriptionStyle;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
const CONFIDENCES = new Set(['low', 'medium', 'high']);

export function readConfig(scope?: vscode.Uri): PatentDraftConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const jurisdiction = c.get<string>('jurisdiction', 'us') === 'ep' ? 'ep' : 'us';
  const mode = c.get<string>('mode', 'drafting') === 'amendment' ? 'amendment' : 'drafting';
  const rawSeverity = c.get<Record<string, string>>('severity', {}) ?? {};
  const severity: Partial<Record<CheckCode, Severity | 'off'>> = {};
  // Which codes exist is the server's to know (an unknown code is ignored there).
  for (const [code, v] of Object.entries(rawSeverity).slice(0, 128)) if (typeof v === 'string' && SEVERITIES.has(v)) severity[code as CheckCode] = v as Severity | 'off';
  const debounce = c.get<number>('debounceMs', 100);
  const minConfidence = c.get<string>('minConfidence', 'low');
  return {
    jurisdiction,
    mode,
    severity,
    minConfidence: CONFIDENCES.has(minConfidence) ? (minConfidence as Confidence) : 'low',
    debounceMs: Number.isFinite(debounce) ? Math.min(Math.max(debounce, 0), 5000) : 100,
    files: {
      claims: globList(c.get('files.claims'), DEFAULT_FILES.claims),
      disclosure: globList(c.get('files.disclosure'), DEFAULT_FILES.disclosure),
      abstract: globList(c.get('files.abstract'), DEFAULT_FILES.abstract),
      include: c.get<string>('files.include', DEFAULT_FILES.include) || DEFAULT_FILES.include,
      exclude: c.get<string>('files.exclude', DEFAULT_FILES.exclude) ?? '',
    },
    codeLens: c.get<boolean>('codeLens.enabled', true),
    statusBar: c.get<boolean>('statusBar.enabled', true),
    descriptionStyle: c.get<string>('descriptionStyle', 'hint') === 'info' ? 'info' : 'hint',
  };
}
