// The language server's matters: each folder's matters as the CLI reads them from disk (the same
// discovery, settings merge, glossary and file limits: src/node/workspace.ts), with the text of
// the client's open documents over the files (unsaved edits count), one AnalysisCache per matter.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AnalysisCache, analyzeMatter, createMatter, DEFAULT_PATTERNS, type Analysis, type CheckSettings, type Matter } from '../core/index';
import { MAX_FILE_BYTES, mattersInFolder } from '../node/workspace';

/** The canonical form of a file URI (clients encode some characters differently). */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
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

export interface OpenText {
  text: string;
  version: number;
}

/** One matter: its documents as read from disk, re-analysed with the open texts over them. */
export class ServerMatter {
  readonly cache = new AnalysisCache();
  analysis?: Analysis;
  /** Open texts the current analysis saw, by uri (a change elsewhere makes the analysis stale). */
  private seen = new Map<string, number>();
  /** Re-analyses run (logged). */
  runs = 0;

  constructor(
    readonly id: string,
    readonly folder: string,
    public base: Matter,
  ) {}

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

  analyze(open: ReadonlyMap<string, OpenText>, signal?: AbortSignal): Analysis {
    const seen = new Map<string, number>();
    const documents = this.base.documents.map((d) => {
      const o = open.get(d.uri);
      if (!o) return d;
      seen.set(d.uri, o.version);
      return o.text === d.text ? d : { ...d, text: o.text };
    });
    this.analysis = analyzeMatter({ ...this.base, documents }, { cache: this.cache, signal });
    this.seen = seen;
    this.runs++;
    return this.analysis;
  }
}

/** Matters by folder, read on first use and again when a file of the folder changes or the settings do. */
export class MatterStore {
  private readonly folders = new Map<string, Promise<ServerMatter[]>>();
  /** Single-document matters of open documents no folder matter takes in (new, unsaved files). */
  private readonly loose = new Map<string, ServerMatter>();
  private seq = 0;

  constructor(private readonly settingsFor: (folderUri: string) => Promise<Partial<CheckSettings>>) {}

  /** The matters of a folder, read from disk (errors: none; `onError` hears why). */
  folder(dir: string, onError?: (message: string) => void): Promise<ServerMatter[]> {
    let p = this.folders.get(dir);
    if (!p) {
      p = (async () => {
        try {
          const base = await this.settingsFor(pathToFileURL(dir).href);
          const matters = await mattersInFolder(dir, {}, undefined, base);
          return matters.map((m) => new ServerMatter(`matter#${++this.seq}`, dir, toUris(m)));
        } catch (err) {
          onError?.((err as Error).message);
          return [];
        }
      })();
      this.folders.set(dir, p);
    }
    return p;
  }

  /** The matter a document belongs to; an open document that no folder matter holds becomes a matter of its own. */
  async matterOf(uri: string, open: ReadonlyMap<string, OpenText>, onError?: (message: string) => void): Promise<ServerMatter | undefined> {
    const file = uriToPath(uri);
    if (!file) return undefined;
    const matters = await this.folder(path.dirname(file), onError);
    const hit = matters.find((m) => m.has(uri));
    if (hit) return hit;
    const o = open.get(uri);
    if (!o || !/\.(md|markdown)$/i.test(file) || o.text.length > MAX_FILE_BYTES) return undefined;
    let m = this.loose.get(uri);
    if (!m) {
      const base = await this.settingsFor(pathToFileURL(path.dirname(file)).href);
      const matter = createMatter(path.dirname(file), [{ uri, text: o.text }], base, [], { ...DEFAULT_PATTERNS, claims: [path.basename(file)] });
      if (matter.documents.length === 0) return undefined;
      m = new ServerMatter(`matter#${++this.seq}`, path.dirname(file), matter);
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
  invalidate(dir: string): void {
    this.folders.delete(dir);
    for (const [uri, m] of this.loose) if (m.folder === dir) this.loose.delete(uri);
  }

  invalidateAll(): void {
    this.folders.clear();
    this.loose.clear();
  }

  /** Folders read so far. */
  knownFolders(): string[] {
    return [...this.folders.keys()];
  }
}

/** The matter with file URIs for its documents (the node loader names them by path). */
function toUris(m: Matter): Matter {
  return { ...m, root: pathToFileURL(m.root).href, documents: m.documents.map((d) => ({ ...d, uri: pathToFileURL(d.uri).href })) };
}
