// Loading matters from the file system (CLI, MCP server, tests, benchmarks). The editor builds
// matters from its own open documents instead.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIDENCES, isConfidence } from '../core/checks/context';
import { createMatter, detectRole, DEFAULT_PATTERNS, parseGlossary, type FilePatterns } from '../core/matter';
import type { CheckSettings, GlossaryEntry, Matter, SourceDocument } from '../core/types';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export class InputError extends Error {}

export interface MatterSettingsFile extends Partial<CheckSettings> {
  files?: Partial<FilePatterns>;
}

/** Reads one Markdown file, refusing what is not one: too large, binary, unreadable. */
export async function readMarkdownFile(file: string): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`);
  }
  if (stat.isDirectory()) throw new InputError(`${file} is a folder, not a file`);
  if (stat.size > MAX_FILE_BYTES) {
    throw new InputError(`${file} is ${(stat.size / 1048576).toFixed(1)} MB; Patent Draft reads documents up to ${MAX_FILE_BYTES / 1048576} MB (split the matter or check that this is the right file)`);
  }
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (buf.subarray(0, 8192).includes(0)) throw new InputError(`${file} is a binary file, not Markdown text`);
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

async function readSettings(folder: string): Promise<MatterSettingsFile> {
  const file = path.join(folder, '.patentdraft', 'settings.json');
  let parsed: MatterSettingsFile;
  try {
    const raw = await fs.readFile(file, 'utf8');
    parsed = JSON.parse(raw) as MatterSettingsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new InputError(`${file}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || !parsed) return {};
  if (parsed.minConfidence !== undefined && !isConfidence(parsed.minConfidence)) {
    throw new InputError(`${file}: "minConfidence" must be one of ${CONFIDENCES.join(', ')}, not ${JSON.stringify(parsed.minConfidence)}`);
  }
  return parsed;
}

async function readGlossary(folder: string): Promise<GlossaryEntry[]> {
  try {
    return parseGlossary(await fs.readFile(path.join(folder, '.patentdraft', 'glossary.md'), 'utf8'));
  } catch {
    return [];
  }
}

/** Matters in one folder: the split documents together form one matter; each single-file
 *  (combined) document is a matter of its own. `only` limits it to the named files. */
export async function mattersInFolder(folder: string, overrides: Partial<CheckSettings> = {}, only?: Set<string>): Promise<Matter[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const settingsFile = await readSettings(folder);
  const patterns: FilePatterns = { ...DEFAULT_PATTERNS, ...(settingsFile.files ?? {}) };
  const settings: Partial<CheckSettings> = {
    jurisdiction: overrides.jurisdiction ?? settingsFile.jurisdiction,
    mode: overrides.mode ?? settingsFile.mode,
    severity: { ...(settingsFile.severity ?? {}), ...(overrides.severity ?? {}) },
    minConfidence: overrides.minConfidence ?? settingsFile.minConfidence,
  };
  for (const k of ['jurisdiction', 'mode', 'minConfidence'] as const) if (settings[k] === undefined) delete settings[k];
  const glossary = await readGlossary(folder);
  const split: SourceDocument[] = [];
  const matters: Matter[] = [];
  const names = entries.filter((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name)).map((e) => e.name).sort();
  for (const name of names) {
    const file = path.join(folder, name);
    const text = await readMarkdownFile(file);
    const doc: SourceDocument = { uri: file, text };
    const role = detectRole(doc, patterns);
    if (!role) continue;
    if (role === 'combined') {
      if (!only || only.has(file)) matters.push(createMatter(folder, [doc], settings, glossary, patterns));
    } else split.push(doc);
  }
  if (split.length && (!only || split.some((d) => only.has(d.uri)))) matters.unshift(createMatter(folder, split, settings, glossary, patterns));
  return matters;
}

/** Matters for CLI paths: a file gives the matter it belongs to; a folder, every matter below it. */
export async function loadMatters(paths: string[], overrides: Partial<CheckSettings> = {}): Promise<Matter[]> {
  const out: Matter[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      throw new InputError(`cannot read ${p}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      for (const folder of await foldersWithMarkdown(abs)) {
        if (seen.has(folder)) continue;
        seen.add(folder);
        out.push(...(await mattersInFolder(folder, overrides)));
      }
    } else {
      if (!/\.(md|markdown)$/i.test(abs)) {
        await readMarkdownFile(abs); // binary / size messages first
        throw new InputError(`${p} is not a Markdown file (.md); to start from a published patent XML, use "patent-draft import"`);
      }
      await readMarkdownFile(abs);
      const matters = await mattersInFolder(path.dirname(abs), overrides, new Set([abs]));
      const mine = matters.filter((m) => m.documents.some((d) => d.uri === abs));
      if (mine.length === 0) {
        // Not recognised as part of a matter: take it as a claims document on its own.
        const text = await readMarkdownFile(abs);
        out.push(createMatter(path.dirname(abs), [{ uri: abs, text: text }], overrides, [], { ...DEFAULT_PATTERNS, claims: [path.basename(abs)] }));
      } else out.push(...mine);
    }
  }
  return out;
}

async function foldersWithMarkdown(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number) => {
    if (depth > 8) return;
    const entries = await fs.readdir(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name))) out.push(dir);
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(path.join(dir, e.name), depth + 1);
    }
  };
  await walk(root, 0);
  return out;
}
