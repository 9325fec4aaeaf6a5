// A matter's own settings (`.patentdraft/settings.json`) and how every host merges them with its
// own: one function, so the CLI, the MCP server, the language server and the VS Code Problems panel
// see the same severities for the same matter. Pure: the hosts read the file, this reads the text.
import { CONFIDENCES, DEFAULT_SEVERITY, isConfidence } from './checks/context';
import { globProblem } from './glob';
import type { FilePatterns } from './matter';
import type { CheckCode, CheckSettings, Severity } from './types';

/** The largest settings file read (it holds a few dozen keys). */
export const MAX_SETTINGS_CHARS = 256 * 1024;

export interface MatterSettingsFile extends Partial<CheckSettings> {
  files?: Partial<FilePatterns>;
}

const SEVERITY_VALUES = ['error', 'warning', 'info', 'off'] as const;
const FILE_KEYS = ['claims', 'disclosure', 'abstract'] as const;
const KNOWN_KEYS = ['jurisdiction', 'mode', 'severity', 'minConfidence', 'files'];

/** One thing wrong in a settings object: the key (dotted, e.g. "files.claims") and what to write instead. */
export interface SettingsProblem {
  key: string;
  message: string;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

function oneOf(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/**
 * Checks the types and values of a parsed settings object. Returns the settings that are valid and
 * one problem per key that is not (the key left out, so its default applies); never throws.
 */
export function validateSettings(raw: unknown): { settings: MatterSettingsFile; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const settings: MatterSettingsFile = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ key: '', message: `the settings must be a JSON object ({"jurisdiction": "us", ...}), not ${typeName(raw)}` });
    return { settings, problems };
  }
  const o = raw as Record<string, unknown>;
  const choice = <T extends string>(key: string, values: readonly T[]): T | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    problems.push({ key, message: `"${key}" must be one of ${oneOf(values)}, not ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeName(v)}; the default is used` });
    return undefined;
  };
  const jurisdiction = choice('jurisdiction', ['us', 'ep'] as const);
  if (jurisdiction) settings.jurisdiction = jurisdiction;
  const mode = choice('mode', ['drafting', 'amendment'] as const);
  if (mode) settings.mode = mode;
  const minConfidence = choice('minConfidence', CONFIDENCES);
  if (minConfidence && isConfidence(minConfidence)) settings.minConfidence = minConfidence;
  if (o.severity !== undefined) {
    if (typeof o.severity !== 'object' || o.severity === null || Array.isArray(o.severity)) {
      problems.push({
        key: 'severity',
        message: `"severity" must be an object from check code to one of ${oneOf(SEVERITY_VALUES)} (e.g. {"antecedent-basis": "error"}), not ${typeName(o.severity)}; ignored`,
      });
    } else {
      const severity: Partial<Record<CheckCode, Severity | 'off'>> = {};
      const codes = new Set<string>(Object.keys(DEFAULT_SEVERITY));
      for (const [code, v] of Object.entries(o.severity as Record<string, unknown>)) {
        const key = `severity.${code.slice(0, 60)}`;
        if (!codes.has(code)) problems.push({ key, message: `"${code.slice(0, 60)}" is not a check code (patent-draft check --format json shows the codes); ignored` });
        else if (typeof v !== 'string' || !(SEVERITY_VALUES as readonly string[]).includes(v))
          problems.push({ key, message: `"${key}" must be one of ${oneOf(SEVERITY_VALUES)}, not ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeName(v)}; ignored` });
        else severity[code as CheckCode] = v as Severity | 'off';
      }
      settings.severity = severity;
    }
  }
  if (o.files !== undefined) {
    if (typeof o.files !== 'object' || o.files === null || Array.isArray(o.files)) {
      problems.push({ key: 'files', message: `"files" must be an object with lists of globs ({"claims": ["claims.md"]}), not ${typeName(o.files)}; the default file names are used` });
    } else {
      const files: Partial<FilePatterns> = {};
      const f = o.files as Record<string, unknown>;
      for (const k of Object.keys(f)) {
        if (!(FILE_KEYS as readonly string[]).includes(k))
          problems.push({ key: `files.${k.slice(0, 60)}`, message: `"files.${k.slice(0, 60)}" is not a setting; the file settings are ${oneOf(FILE_KEYS)}; ignored` });
      }
      for (const k of FILE_KEYS) {
        const v = f[k];
        if (v === undefined) continue;
        if (!Array.isArray(v) || !v.every((g) => typeof g === 'string')) {
          const example = typeof v === 'string' ? `["${v.slice(0, 40)}"]` : '["claims.md"]';
          problems.push({ key: `files.${k}`, message: `"files.${k}" must be a list of glob strings (e.g. ${example}), not ${typeName(v)}; the default is used` });
        } else {
          // A pattern over the matcher's bounds (length, number of "**") is named and left out, not run.
          const kept: string[] = [];
          for (const g of v as string[]) {
            const why = globProblem(g);
            if (why) problems.push({ key: `files.${k}`, message: `"files.${k}": ${why}; this pattern is ignored` });
            else kept.push(g);
          }
          files[k] = kept;
        }
      }
      settings.files = files;
    }
  }
  for (const k of Object.keys(o)) {
    if (!KNOWN_KEYS.includes(k)) problems.push({ key: k.slice(0, 60), message: `"${k.slice(0, 60)}" is not a Patent Draft setting (the settings are ${oneOf(KNOWN_KEYS)}); ignored` });
  }
  return { settings, problems };
}

/**
 * Reads the text of `.patentdraft/settings.json`: the valid settings, with one sentence per wrong
 * key pushed to `problems` (that key is left at its default; the rest apply). Throws an Error whose
 * message names `name` only when the text is not JSON at all (its message quotes none of the text).
 */
export function parseMatterSettings(raw: string, name: string, problems?: string[]): MatterSettingsFile {
  if (raw.length > MAX_SETTINGS_CHARS) throw new Error(`${name} is ${raw.length} characters; a settings file is read up to ${MAX_SETTINGS_CHARS} (is it the right file?)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new Error(`${name} is not valid JSON${at ? ` (near character ${at})` : ''}; fix it or remove it`);
  }
  const checked = validateSettings(parsed);
  for (const p of checked.problems) problems?.push(`${name}: ${p.message}`);
  return checked.settings;
}

/**
 * The settings a matter is checked with: the host's own (`base`: the editor's or language client's
 * `patentDraft.*`), then the matter's file over them (it is the more specific), then what this one
 * run asks for (`overrides`: CLI flags, a tool's arguments) over both. Severities merge per code.
 */
export function mergeSettings(base: Partial<CheckSettings>, file: MatterSettingsFile, overrides: Partial<CheckSettings> = {}): Partial<CheckSettings> {
  const out: Partial<CheckSettings> = {
    jurisdiction: overrides.jurisdiction ?? file.jurisdiction ?? base.jurisdiction,
    mode: overrides.mode ?? file.mode ?? base.mode,
    severity: { ...(base.severity ?? {}), ...(file.severity && typeof file.severity === 'object' ? file.severity : {}), ...(overrides.severity ?? {}) },
    minConfidence: overrides.minConfidence ?? file.minConfidence ?? base.minConfidence,
  };
  for (const k of ['jurisdiction', 'mode', 'minConfidence'] as const) if (out[k] === undefined) delete out[k];
  return out;
}
