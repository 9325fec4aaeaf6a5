// Loading matters from a workspace (src/core/workspace.ts): matter discovery, per-matter settings,
// the glossary and the size and file-type limits, once for every host. By default the workspace is
// Node's file system through src/node/safeFs.ts (CLI, MCP server, tests, benchmarks): regular files
// only, inside the matter, up to a size cap; the editor's language-model tools pass its documents.
import * as path from 'node:path';
import {
  createMatter,
  detectRole,
  DEFAULT_PATTERNS,
  mergeSettings,
  parseGlossary,
  parseMatterSettings,
  type CheckSettings,
  type FilePatterns,
  type GlossaryEntry,
  type Matter,
  type MatterSettingsFile,
  type MatterWorkspace,
  type SourceDocument,
  type WorkspaceEntry,
} from '../core';
import { nodeWorkspace } from './fsWorkspace';
import { MAX_ENTRIES_PER_FOLDER, MAX_FILES_PER_FOLDER } from './limits';
import { decodeUtf8, InputError, isInside, MAX_FILE_BYTES, MAX_SMALL_FILE_BYTES, notUtf8Message } from './safeFs';

export { InputError, MAX_FILE_BYTES };
export type { MatterSettingsFile };

/** The most Markdown files read from one folder, and folders walked below a folder given. */
export { MAX_FILES_PER_FOLDER };
export const MAX_FOLDERS = 2000;
/** Bytes looked at to see whether a file declares its role in front matter. */
const PEEK_BYTES = 4096;

export interface LoadOptions {
  /** The folder every file read must lie in (a real path). Default: each folder given (a file's own folder). */
  root?: string;
  /** One line per file skipped or read with a problem (a settings key, a file that is not UTF-8, ...). No document text. */
  notice?: (message: string) => void;
  /** The host's own settings, under the matter's file (see mergeSettings). */
  base?: Partial<CheckSettings>;
  /** The host's own file patterns (the editor's patentDraft.files.*), under the matter's file. */
  patterns?: Partial<FilePatterns>;
  /** Where the files are read from (default: Node's file system). */
  workspace?: MatterWorkspace;
}

export interface ReadTextOptions {
  root?: string;
  notice?: (message: string) => void;
  shown?: string;
  workspace?: MatterWorkspace;
}

/** Reads one Markdown file, refusing what is not one: too large, binary, not a regular file, outside
 *  the root. Text that is not UTF-8 is decoded with replacement characters and said so in a notice. */
export async function readMarkdownFile(file: string, opts: ReadTextOptions = {}): Promise<string> {
  const shown = opts.shown ?? file;
  let bytes: Uint8Array;
  try {
    bytes = await (opts.workspace ?? nodeWorkspace).read(file, { root: opts.root, maxBytes: MAX_FILE_BYTES, shown, what: 'documents' });
  } catch (err) {
    if (err instanceof InputError && err.code === 'ENOTREG' && /a folder/.test(err.message)) throw new InputError(`${shown} is a folder, not a file`, err.code);
    throw err;
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError(`${shown} is a binary file, not Markdown text`, 'EBINARY');
  const decoded = decodeUtf8(bytes);
  if (!decoded.utf8) opts.notice?.(notUtf8Message(shown, decoded.badOffset));
  return decoded.text;
}

/** A small text file of the matter (settings, glossary, prompt template), or undefined when it does
 *  not exist. Refused (InputError) when it is a link out of the matter, a FIFO, too large, ... */
export async function readMatterTextFile(
  file: string,
  root: string,
  opts: { shown?: string; maxBytes?: number; notice?: (m: string) => void; workspace?: MatterWorkspace } = {},
): Promise<string | undefined> {
  const shown = opts.shown ?? file;
  let bytes: Uint8Array;
  try {
    bytes = await (opts.workspace ?? nodeWorkspace).read(file, { root, maxBytes: opts.maxBytes ?? MAX_SMALL_FILE_BYTES, shown, what: 'settings, glossary and template files' });
  } catch (err) {
    if (err instanceof InputError && err.code === 'ENOENT') return undefined;
    throw err;
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.utf8) opts.notice?.(notUtf8Message(shown, decoded.badOffset));
  return decoded.text;
}

function rel(root: string, file: string): string {
  const r = path.relative(root, file);
  return r && !r.startsWith('..') ? r.split(path.sep).join('/') : file;
}

async function readSettings(ws: MatterWorkspace, folder: string, root: string, notice?: (m: string) => void): Promise<MatterSettingsFile> {
  const file = path.join(folder, '.patentdraft', 'settings.json');
  const shown = rel(root, file);
  let raw: string | undefined;
  try {
    raw = await readMatterTextFile(file, root, { shown, notice, workspace: ws });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    notice?.(`${err.message}; the default settings are used`);
    return {};
  }
  if (raw === undefined) return {};
  const problems: string[] = [];
  let settings: MatterSettingsFile;
  try {
    settings = parseMatterSettings(raw, shown, problems);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  for (const p of problems) notice?.(p);
  return settings;
}

async function readGlossary(ws: MatterWorkspace, folder: string, root: string, notice?: (m: string) => void): Promise<GlossaryEntry[]> {
  const file = path.join(folder, '.patentdraft', 'glossary.md');
  try {
    const text = await readMatterTextFile(file, root, { shown: rel(root, file), notice, workspace: ws });
    return text === undefined ? [] : parseGlossary(text);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    notice?.(`${err.message}; the glossary is not used`);
    return [];
  }
}

const isMarkdownName = (name: string) => /\.(md|markdown)$/i.test(name);

/** Markdown entries of a folder that may be documents: regular files and links (checked when read), by name, sorted. */
export function markdownEntries(entries: WorkspaceEntry[]): string[] {
  return entries
    .filter((e) => e.kind !== 'folder' && isMarkdownName(e.name))
    .map((e) => e.name)
    .sort();
}

async function listFolder(ws: MatterWorkspace, folder: string, notice?: (m: string) => void, root = folder): Promise<WorkspaceEntry[]> {
  try {
    const entries = await ws.list(folder, MAX_ENTRIES_PER_FOLDER);
    if (entries.length >= MAX_ENTRIES_PER_FOLDER) notice?.(`${rel(root, folder) || '.'} holds more than ${MAX_ENTRIES_PER_FOLDER} entries; only the first ${MAX_ENTRIES_PER_FOLDER} are looked at`);
    return entries;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${folder}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable')}`);
  }
}

/** Whether the first bytes of a file open with front matter (which may declare its role). */
async function opensWithFrontMatter(ws: MatterWorkspace, file: string, root: string): Promise<boolean> {
  const head = await ws.peek(file, root, PEEK_BYTES).catch(() => undefined);
  return head !== undefined && /^(\uFEFF)?---[ \t]*\r?\n/.test(Buffer.from(head).toString('utf8'));
}

/** Matters in one folder: the split documents together form one matter; each single-file
 *  (combined) document is a matter of its own. `only` limits it to the named files: then a file
 *  that is neither named nor, by its name or front matter, part of a split matter is not read. A
 *  file that cannot be read is skipped with one notice, unless it is named in `only` or its name
 *  makes it a document of the matter (a claims.md too large to read is an error, not a clean check). */
export async function mattersInFolder(folder: string, overrides: Partial<CheckSettings> = {}, only?: Set<string>, base: Partial<CheckSettings> = {}, opts: LoadOptions = {}): Promise<Matter[]> {
  const root = opts.root ?? folder;
  const notice = opts.notice;
  const ws = opts.workspace ?? nodeWorkspace;
  const entries = await listFolder(ws, folder, notice, root);
  const settingsFile = await readSettings(ws, folder, root, notice);
  const patterns: FilePatterns = { ...DEFAULT_PATTERNS, ...(opts.patterns ?? {}), ...(settingsFile.files ?? {}) };
  // The one merge every host uses (src/core/settings.ts): the host's own settings, the matter's file, this run's overrides.
  const settings = mergeSettings(base, settingsFile, overrides);
  const glossary = await readGlossary(ws, folder, root, notice);
  const split: SourceDocument[] = [];
  const matters: Matter[] = [];
  let names = markdownEntries(entries);
  if (names.length > MAX_FILES_PER_FOLDER) {
    notice?.(`${rel(root, folder) || '.'} holds ${names.length} Markdown files; only the first ${MAX_FILES_PER_FOLDER} are read`);
    names = names.slice(0, MAX_FILES_PER_FOLDER);
  }
  const files = names.map((n) => path.join(folder, n));
  // The files asked for first: when each of them is a document on its own, no other file is needed.
  const ordered = only ? [...files.filter((f) => only.has(f)), ...files.filter((f) => !only.has(f))] : files;
  let needSplit = !only;
  for (const file of ordered) {
    const asked = only?.has(file) ?? false;
    const shown = rel(root, file);
    const byName = detectRole({ uri: file, text: '' }, patterns);
    if (only && !asked) {
      if (!needSplit) continue;
      // Only a document of the split matter matters here: one by its name, or one whose front matter may say so.
      if (!byName && !(await opensWithFrontMatter(ws, file, root))) continue;
    }
    let text: string;
    try {
      text = await readMarkdownFile(file, { root, notice, shown, workspace: ws });
    } catch (err) {
      if (!(err instanceof InputError) || asked || byName) throw err;
      notice?.(`skipped ${err.message.replace(/^cannot read /, '')}`);
      continue;
    }
    const doc: SourceDocument = { uri: file, text };
    const role = detectRole(doc, patterns);
    if (!role) continue;
    if (role === 'combined') {
      if (!only || asked) matters.push(createMatter(folder, [doc], settings, glossary, patterns));
    } else {
      split.push(doc);
      if (asked) needSplit = true;
    }
  }
  if (split.length && (!only || split.some((d) => only.has(d.uri)))) matters.unshift(createMatter(folder, split, settings, glossary, patterns));
  return matters;
}

/** Matters for CLI paths: a file gives the matter it belongs to; a folder, every matter below it. */
export async function loadMatters(paths: string[], overrides: Partial<CheckSettings> = {}, opts: LoadOptions = {}): Promise<Matter[]> {
  const out: Matter[] = [];
  const seen = new Set<string>();
  const base = opts.base ?? {};
  const ws = opts.workspace ?? nodeWorkspace;
  for (const p of paths) {
    // A path given by the user is taken as given (also through a link); what lies below it must stay inside it.
    const abs = await ws.realpath(path.resolve(p));
    const stat = abs === undefined ? undefined : await ws.stat(abs);
    if (abs === undefined || !stat) throw new InputError(`cannot read ${p}: no such file or folder`, 'ENOENT');
    if (opts.root !== undefined && !isInside(opts.root, abs)) throw new InputError(`${p} is outside the matter folder; not read`, 'EOUTSIDE');
    if (stat.kind === 'folder') {
      const root = opts.root ?? abs;
      for (const folder of await foldersWithMarkdown(ws, abs, opts.notice)) {
        if (seen.has(folder)) continue;
        seen.add(folder);
        out.push(...(await mattersInFolder(folder, overrides, undefined, base, { ...opts, root })));
      }
    } else {
      const root = opts.root ?? path.dirname(abs);
      if (!isMarkdownName(abs)) {
        await readMarkdownFile(abs, { root, shown: p, workspace: ws }); // binary / size messages first
        throw new InputError(`${p} is not a Markdown file (.md); to start from a published patent XML, use "patent-draft import"`);
      }
      const text = await readMarkdownFile(abs, { root, shown: p, workspace: ws });
      const matters = await mattersInFolder(path.dirname(abs), overrides, new Set([abs]), base, { ...opts, root });
      const mine = matters.filter((m) => m.documents.some((d) => d.uri === abs));
      if (mine.length === 0) {
        // Not recognised as part of a matter: take it as a claims document on its own.
        out.push(createMatter(path.dirname(abs), [{ uri: abs, text }], mergeSettings(base, {}, overrides), [], { ...DEFAULT_PATTERNS, ...(opts.patterns ?? {}), claims: [path.basename(abs)] }));
      } else out.push(...mine);
    }
  }
  return out;
}

/** Folders at or below `root` that hold Markdown files; links to folders are not followed. Bounded in depth and count. */
async function foldersWithMarkdown(ws: MatterWorkspace, root: string, notice?: (m: string) => void): Promise<string[]> {
  const out: string[] = [];
  let visited = 0;
  let capped = false;
  const walk = async (dir: string, depth: number) => {
    if (depth > 8) return;
    if (++visited > MAX_FOLDERS) {
      capped = true;
      return;
    }
    let entries: WorkspaceEntry[];
    try {
      entries = await ws.list(dir, MAX_ENTRIES_PER_FOLDER);
    } catch (err) {
      if (dir === root) throw new InputError(`cannot read ${root}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      notice?.(`skipped the folder ${rel(root, dir)}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      return;
    }
    if (markdownEntries(entries).length) out.push(dir);
    for (const e of entries) {
      if (capped) return;
      if (e.kind === 'folder' && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(path.join(dir, e.name), depth + 1);
    }
  };
  await walk(root, 0);
  if (capped) notice?.(`more than ${MAX_FOLDERS} folders below ${root}; only the first ${MAX_FOLDERS} are read (give the matter's own folder)`);
  return out;
}
