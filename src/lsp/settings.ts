// The client's `patentDraft` settings as the server reads them (initializationOptions and
// workspace/configuration, src/lsp/protocol.ts ClientSettings): the check settings the matter's own
// settings file goes over, the file patterns (only in a trusted workspace: a cloned repository must
// not choose which files are read as the matter), how description style findings show, the
// debounce and whether code lenses show. Every value is checked; a bad one falls back to the default.
import { globProblem, isConfidence, type CheckCode, type CheckSettings, type FilePatterns, type Severity } from '../core/index';
import type { DescriptionStyle } from '../service/index';
import type { ClientSettings } from './protocol';

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
export const DEFAULT_DEBOUNCE_MS = 150;
/** Globs read per list at most (a settings file is small; a hostile one is cut here). */
const MAX_GLOBS = 32;

/** The file selection inside a matter folder (the extension's `files.include`/`files.exclude`). */
export interface FileSelection {
  include?: string;
  exclude?: string;
}

export interface ServerSettings {
  check: Partial<CheckSettings>;
  patterns: Partial<FilePatterns>;
  selection: FileSelection;
  descriptionStyle: DescriptionStyle;
  debounceMs: number;
  codeLens: boolean;
  /** Settings that were refused, by key, with why (said once to the user). */
  problems: string[];
}

/** Client settings as the core's, the base the matter's own settings file goes over (src/core/settings.ts). */
export function settingsFromClient(c: ClientSettings | null | undefined): Partial<CheckSettings> {
  const out: Partial<CheckSettings> = {};
  if (!c || typeof c !== 'object') return out;
  if (c.jurisdiction === 'us' || c.jurisdiction === 'ep') out.jurisdiction = c.jurisdiction;
  if (c.mode === 'drafting' || c.mode === 'amendment') out.mode = c.mode;
  if (isConfidence(c.minConfidence)) out.minConfidence = c.minConfidence;
  if (c.severity && typeof c.severity === 'object') {
    const sev: Partial<Record<CheckCode, Severity | 'off'>> = {};
    for (const [k, v] of Object.entries(c.severity).slice(0, 64)) if (typeof v === 'string' && SEVERITIES.has(v)) sev[k as CheckCode] = v as Severity | 'off';
    out.severity = sev;
  }
  return out;
}

function globList(key: string, v: unknown, problems: string[]): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const g of v.slice(0, MAX_GLOBS)) {
    if (typeof g !== 'string' || !g.trim()) continue;
    const p = globProblem(g);
    if (p) problems.push(`patentDraft.${key}: ${p}; the pattern is left out`);
    else out.push(g);
  }
  return out.length ? out : undefined;
}

function glob(key: string, v: unknown, problems: string[]): string | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const p = globProblem(v);
  if (p) {
    problems.push(`patentDraft.${key}: ${p}; the default is used`);
    return undefined;
  }
  return v;
}

/** Everything the server takes from the client's settings for one folder. */
export function readServerSettings(c: ClientSettings | null | undefined, trusted: boolean): ServerSettings {
  const problems: string[] = [];
  const patterns: Partial<FilePatterns> = {};
  const selection: FileSelection = {};
  const files = c && typeof c === 'object' && c.files && typeof c.files === 'object' ? c.files : undefined;
  if (files && trusted) {
    for (const k of ['claims', 'disclosure', 'abstract'] as const) {
      const l = globList(`files.${k}`, files[k], problems);
      if (l) patterns[k] = l;
    }
    const include = glob('files.include', files.include, problems);
    const exclude = glob('files.exclude', files.exclude, problems);
    if (include) selection.include = include;
    if (exclude) selection.exclude = exclude;
  }
  const d = c?.debounceMs;
  return {
    check: settingsFromClient(c),
    patterns,
    selection,
    descriptionStyle: c?.descriptionStyle === 'info' ? 'info' : 'hint',
    debounceMs: typeof d === 'number' && Number.isFinite(d) ? Math.min(Math.max(d, 0), 5000) : DEFAULT_DEBOUNCE_MS,
    codeLens: c?.codeLens?.enabled !== false,
    problems,
  };
}
