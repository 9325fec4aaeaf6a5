// One typed reader for the `patentDraft.*` settings, always read for a resource (the matter's
// root or a document), so folder settings in a multi-root workspace apply to their own matters.
import * as vscode from 'vscode';
import { CHECK_CODES as CORE_CHECK_CODES, isConfidence } from '../core/index';
import type { DescriptionStyle } from '../service/diagnosticLevel';
import type { CheckCode, CheckMode, CheckSettings, Confidence, Jurisdiction, Severity } from '../core/index';

export const SECTION = 'patentDraft';

/** Every check code the settings accept a severity for: the core's own list. */
export const CHECK_CODES: readonly CheckCode[] = CORE_CHECK_CODES;

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

export function readConfig(scope?: vscode.Uri): PatentDraftConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const jurisdiction = c.get<string>('jurisdiction', 'us') === 'ep' ? 'ep' : 'us';
  const mode = c.get<string>('mode', 'drafting') === 'amendment' ? 'amendment' : 'drafting';
  const rawSeverity = c.get<Record<string, string>>('severity', {}) ?? {};
  const severity: Partial<Record<CheckCode, Severity | 'off'>> = {};
  for (const code of CHECK_CODES) {
    const v = rawSeverity[code];
    if (typeof v === 'string' && SEVERITIES.has(v)) severity[code] = v as Severity | 'off';
  }
  const debounce = c.get<number>('debounceMs', 100);
  const minConfidence = c.get<string>('minConfidence', 'low');
  return {
    jurisdiction,
    mode,
    severity,
    minConfidence: isConfidence(minConfidence) ? minConfidence : 'low',
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

export function checkSettings(config: PatentDraftConfig): CheckSettings {
  return { jurisdiction: config.jurisdiction, mode: config.mode, severity: { ...config.severity }, minConfidence: config.minConfidence };
}
