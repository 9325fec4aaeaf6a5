// The language server's matters: each folder's matters as the CLI reads them (the same discovery,
// settings merge, glossary and file limits: src/node/workspace.ts), from disk for `file:` folders
// and through the client (src/lsp/clientWorkspace.ts) for a virtual workspace's, with the text of
// the client's open documents over the files (unsaved edits count), one AnalysisCache per matter.
// Folders are named by their uri ("file:///home/a/matter", "memfs://x/matter").
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AnalysisCache, analyzeMatter, createMatter, DEFAULT_PATTERNS, matchGlob, type Analysis, type CheckSettings, type FilePatterns, type Matter, type MatterWorkspace } from '../core/index';
import { nodeWorkspace } from '../node/fsWorkspace';
import { encodePath, splitUri } from './clientWorkspace';
import { MAX_FILE_BYTES, mattersInFolder } from '../node/workspace';
import type { FileSelection } from './settings';

/** The canonical form of a URI (clients encode some characters differently: `(` or `%28`, `%7e` or `~`):
 *  a file URI as Node spells it; another scheme's path as VS Code spells it (encodePath), which is how the
 *  server names the files the client serves, so a document opened by any client is found in its matter. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) {
    // An escaped slash is part of a name: decoded, it would become a separator (another file).
    if (/%2f/i.test(uri)) return uri;
    const split = splitUri(uri);
    return split && uri.length > split.base.length ? split.base + encodePath(split.path) : uri;
  }
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The uri of the folder holding `uri` (its last path segment cut). */
export function folderOf(uri: string): string {
  const file = uriToPath(uri);
  if (file) return pathToFileURL(path.dirname(file)).href;
  const clean = uri.replace(/[?#].*$/, '');
  const cut = clean.lastIndexOf('/');
  return rootSlash(cut > 0 ? clean.slice(0, cut) : clean);
}

/** A folder's uri as folderOf names the folder of a document in it: canonical, no trailing slash except a root's
 *  (file:///x/m, file:///, memfs://host/), so a workspace folder sent as file:///x/m/ is the same folder. */
export function canonicalFolder(uri: string): string {
  const u = canonicalUri(uri);
  const file = uriToPath(u);
  if (file) return pathToFileURL(path.resolve(file)).href;
  return rootSlash(u.replace(/\/+$/, ''));
}

/** A uri of an authority or a scheme alone names its root folder, with the slash. */
const rootSlash = (head: string) => (/:\/\/[^/]*$/.test(head) || /:$/.test(head) ? head + '/' : head);

/** The last path segment of a uri, decoded. */
export function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
  } catch {
    return clean.slice(clean.lastIndexOf('/') + 1);
  }
}

export interface OpenText {
  text: string;
  version: number;
}

/** Where a folder's files are read: its workspace, and the mapping between the workspace's paths and uris. */
export interface FolderHost {
  workspace: MatterWorkspace;
  toPath(uri: string): string | undefined;
  toUri(p: string): string;
}

export const FILE_HOST: FolderHost = { workspace: nodeWorkspace, toPath: uriToPath, toUri: (p) => pathToFileURL(p).href };

/** What the store needs of a folder's settings (src/lsp/settings.ts ServerSettings). */
export interface FolderSettings {
  check: Partial<CheckSettings>;
  patterns: Partial<FilePatterns>;
  selection: FileSelection;
}

/** One matter: its documents as read, re-analysed with the open texts over them. */
export class ServerMatter {
  cache = new AnalysisCache();
  analysis?: Analysis;
  /** Open texts the current analysis saw, by uri (a change elsewhere makes the analysis stale). */
  private seen = new Map<string, number>();
  /** Re-analyses run (logged). */
  runs = 0;
  /** A newer text waits for its analysis to be published (patentDraft/matterChanged). */
  checking = false;
  /** Analyses published so far. */
  version = 0;

  constructor(
    readonly id: string,
    /** The folder's uri. */
    readonly folder: string,
    public base: Matter,
    readonly host: FolderHost,
  ) {}

  /** Lets go of the analysis and its memo tables (a matter read ahead that nobody opened); the next request analyses it again. */
  release(): void {
    this.analysis = undefined;
    this.seen = new Map();
    this.cache = new AnalysisCache();
  }

  uris(): string[] {
    return this.base.documents.map((d) => d.uri);
  }

  has(uri: string): boolean {
    return this.base.documents.some((d) => d.uri === uri);
  }

  /** Whether an open text differs from what the analysis saw. */
  stale(open: ReadonlyMap<string, OpenText>): boolean {
    if (!this.analysis) return true;
    for (const d of this.base.documents) {
      const o = open.get(d.uri);
      if ((o?.version ?? -1) !== (this.seen.get(d.uri) ?? -1)) return true;
    }
    return false;
  }

  /** The matter's documents with the open texts over them. */
  current(open: ReadonlyMap<string, OpenText>): Matter {
    const documents = this.base.documents.map((d) => {
      const o = open.get(d.uri);
      return !o || o.text === d.text ? d : { ...d, text: o.text };
    });
    return { ...this.base, documents };
  }

  analyze(open: ReadonlyMap<string, OpenText>, signal?: AbortSignal): Analysis {
    const seen = new Map<string, number>();
    for (const d of this.base.documents) {
      const o = open.get(d.uri);
      if (o) seen.set(d.uri, o.version);
    }
    this.analysis = analyzeMatter(this.current(open), { cache: this.cache, signal });
    this.seen = seen;
    this.runs++;
    return this.analysis;
  }
}

/** A workspace that lists only the files `selection` picks (patentDraft.files.include/exclude, matched by name in the matter folder). */
export function selectedWorkspace(ws: MatterWorkspace, selection: FileSelection): MatterWorkspace {
  const { include, exclude } = selection;
  if (!include && !exclude) return ws;
  const keep = (name: string) => (!include || matchGlob(include, name)) && !(exclude && matchGlob(exclude, name));
  return {
    kind: ws.kind,
    realpath: (p) => ws.realpath(p),
    stat: (p) => ws.stat(p),
    list: async (folder, max) => (await ws.list(folder, max)).filter((e) => e.kind === 'folder' || keep(e.name)),
    read: (f, r) => ws.read(f, r),
    peek: (f, root, n) => ws.peek(f, root, n),
    replaceText: (f, a, r) => ws.replaceText(f, a, r),
  };
}

/** Matters by folder uri, read on first use and again when a file of the folder changes or the settings do. */
export class MatterStore {
  private readonly folders = new Map<string, Promise<ServerMatter[]>>();
  /** A folder's matters before it was invalidated: one read again unchanged (same documents, texts,
   *  glossary and settings) is the same matter, analysis kept, so a reload that changed nothing
   *  (VS Code's client sends didChangeConfiguration once it registers) analyses nothing again. */
  private readonly previous = new Map<string, Promise<ServerMatter[]>>();
  /** Single-document matters of open documents no folder matter takes in (new, unsaved files). */
  private readonly loose = new Map<string, ServerMatter>();
  private seq = 0;

  constructor(
    private readonly settingsFor: (folderUri: string) => Promise<FolderSettings>,
    /** The host of a uri, or undefined when the server cannot read it. */
    private readonly hostOf: (uri: string) => FolderHost | undefined = (u) => (u.startsWith('file:') ? FILE_HOST : undefined),
  ) {}

  /** The matters of a folder (errors: none; `onError` hears why). */
  folder(folderUri: string, onError?: (message: string) => void): Promise<ServerMatter[]> {
    let p = this.folders.get(folderUri);
    if (!p) {
      // The read before this one, taken now, before any await: a read invalidated while it runs becomes the
      // next read's previous one, never its own (it would wait on itself, and every later read on it).
      const prior = this.previous.get(folderUri);
      this.previous.delete(folderUri);
      p = (async () => {
        const host = this.hostOf(folderUri);
        const dir = host?.toPath(folderUri);
        if (!host || dir === undefined) return [];
        try {
          const s = await this.settingsFor(folderUri);
          const matters = await mattersInFolder(dir, {}, undefined, s.check, { patterns: s.patterns, workspace: selectedWorkspace(host.workspace, s.selection) });
          const before = await (prior ?? Promise.resolve([])).catch(() => []);
          return matters.map((m) => {
            const base = toUris(m, host);
            return before.find((old) => old.host === host && isDeepStrictEqual(old.base, base)) ?? new ServerMatter(`matter#${++this.seq}`, folderUri, base, host);
          });
        } catch (err) {
          onError?.((err as Error).message);
          return [];
        }
      })();
      this.folders.set(folderUri, p);
    }
    return p;
  }

  /** The matter a document belongs to; an open document that no folder matter holds becomes a matter of its own. */
  async matterOf(uri: string, open: ReadonlyMap<string, OpenText>, onError?: (message: string) => void): Promise<ServerMatter | undefined> {
    const host = this.hostOf(uri);
    if (!host) return undefined;
    const dirUri = folderOf(uri);
    const matters = await this.folder(dirUri, onError);
    const hit = matters.find((m) => m.has(uri));
    if (hit) return hit;
    const o = open.get(uri);
    const name = baseName(uri);
    if (!o || !/\.(md|markdown)$/i.test(name) || o.text.length > MAX_FILE_BYTES) return undefined;
    let m = this.loose.get(uri);
    if (!m) {
      const s = await this.settingsFor(dirUri);
      const matter = createMatter(dirUri, [{ uri, text: o.text }], s.check, [], { ...DEFAULT_PATTERNS, ...s.patterns, claims: [name] });
      if (matter.documents.length === 0) return undefined;
      m = new ServerMatter(`matter#${++this.seq}`, dirUri, matter, host);
      this.loose.set(uri, m);
    }
    return m;
  }

  /** Every matter read so far. */
  async all(): Promise<ServerMatter[]> {
    const lists = await Promise.all([...this.folders.values()]);
    return [...lists.flat(), ...this.loose.values()];
  }

  /** Forgets what was read from a folder (a file in it changed); its matters are read again on next use. */
  invalidate(folderUri: string): void {
    this.keepPrevious(folderUri);
    this.folders.delete(folderUri);
    for (const [uri, m] of this.loose) if (m.folder === folderUri) this.loose.delete(uri);
  }

  invalidateAll(): void {
    for (const folderUri of this.folders.keys()) this.keepPrevious(folderUri);
    this.folders.clear();
    this.loose.clear();
  }

  private keepPrevious(folderUri: string): void {
    const p = this.folders.get(folderUri);
    // Only the last read is kept (one list per folder: bounded by the folders read).
    if (p) this.previous.set(folderUri, p);
  }

  /** Folders read so far. */
  knownFolders(): string[] {
    return [...this.folders.keys()];
  }
}

/** The matter with uris for its documents and root (the loader names them by the workspace's paths). */
function toUris(m: Matter, host: FolderHost): Matter {
  return { ...m, root: host.toUri(m.root), documents: m.documents.map((d) => ({ ...d, uri: host.toUri(d.uri) })) };
}
