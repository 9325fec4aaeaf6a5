// The matter manager: maps open documents and workspace files to the core's matters, keeps each
// matter's documents current (the open documents' text, so unsaved edits count) and re-analyses
// a matter, debounced, with one AnalysisCache per matter. All analysis is the core's.
import * as vscode from 'vscode';
import { AnalysisCache, analyzeMatter, createMatter, detectRole, mergeSettings, parseMatterSettings, type Analysis, type MatterSettingsFile } from '../core/index';
import type { SourceDocument } from '../core/index';
import { checkSettings, readConfig, SECTION, type PatentDraftConfig } from './config';
import { matchGlob } from './glob';
import { describeError, log } from './log';
import { readMatterBytes } from './safeRead';

/** The largest file read as a matter document. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Where matter files live: disk, remote disks and virtual workspaces (not git, untitled, output, ...). */
const MATTER_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs']);
/** How long the first analysis of an opened application waits so that "checking…" is on screen first. */
const CHECKING_PAINT_MS = 40;
/** Folder with the matter's own files (glossary); its presence marks a matter root. */
export const MATTER_DIR = '.patentdraft';

interface DocEntry {
  uri: vscode.Uri;
  text: string;
  version?: number;
  /** True while the text comes from an open TextDocument rather than the file. */
  open: boolean;
}

export class MatterState {
  /** A short id for logs (never the path: folder names can name a client or an invention). */
  readonly logId: string;
  readonly docs = new Map<string, DocEntry>();
  readonly cache = new AnalysisCache();
  config: PatentDraftConfig;
  /** The matter's own `.patentdraft/settings.json` (merged over `config` as the CLI and the language server do). */
  settingsFile: MatterSettingsFile = {};
  analysis?: Analysis;
  /** Bumped on every change; `analyzedVersion` is the change the current analysis saw. */
  version = 0;
  analyzedVersion = -1;
  /** False until the matter's files were read once (no analysis of an empty matter before that). */
  loaded = false;
  /** How many analyses ran (the first is logged at info). */
  runs = 0;
  /** When the matter was found (performance.now()), for the log line of its first analysis. */
  readonly foundAt = performance.now();
  timer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly root: vscode.Uri,
    seq: number,
  ) {
    this.logId = `matter#${seq}`;
    this.config = readConfig(root);
  }

  get key(): string {
    return this.root.toString();
  }

  get stale(): boolean {
    return this.analyzedVersion !== this.version;
  }

  /** Every document uri of the matter (those the core gave a role, once analysed). */
  documentUris(): vscode.Uri[] {
    if (this.analysis) return this.analysis.matter.documents.map((d: { uri: string }) => vscode.Uri.parse(d.uri, true));
    return [...this.docs.values()].map((d) => d.uri);
  }
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function isMarkdownPath(uri: vscode.Uri): boolean {
  return /\.(md|markdown)$/i.test(uri.path);
}

/** Whether `child` is inside the folder `root` (or is it). */
export function isUnder(child: vscode.Uri, root: vscode.Uri): boolean {
  if (child.scheme !== root.scheme || child.authority !== root.authority) return false;
  const r = root.path.endsWith('/') ? root.path : root.path + '/';
  return child.path === root.path || child.path.startsWith(r);
}

export class MatterManager implements vscode.Disposable {
  private readonly matters = new Map<string, MatterState>();
  /** Folders already checked for being a matter root (true/false), so the cheap check stays cheap. */
  private readonly rootChecks = new Map<string, Promise<boolean>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<MatterState>();
  private readonly mattersChanged = new vscode.EventEmitter<void>();
  private seq = 0;
  private activeKey?: string;
  /** Opened documents whose folder is being checked for a matter right now. */
  private opening = 0;
  private readonly checkingChanged = new vscode.EventEmitter<void>();

  /** Fires after a matter was (re-)analysed. */
  readonly onDidAnalyze = this.changed.event;
  /** Fires when matters appear or disappear. */
  readonly onDidChangeMatters = this.mattersChanged.event;
  /** Fires when `checking` may have changed. */
  readonly onDidChangeChecking = this.checkingChanged.event;

  constructor() {
    this.disposables.push(
      this.changed,
      this.mattersChanged,
      this.checkingChanged,
      vscode.workspace.onDidOpenTextDocument((d) => void this.onOpen(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.onClose(d)),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfig(e)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discoverWorkspace()),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        const m = e && this.matterOf(e.document.uri);
        if (m) this.activeKey = m.key;
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    const settingsWatcher = vscode.workspace.createFileSystemWatcher(`**/${MATTER_DIR}/settings.json`);
    const onSettings = (u: vscode.Uri) => void this.onSettingsFile(u);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => void this.onFileEvent(u, 'create')),
      watcher.onDidChange((u) => void this.onFileEvent(u, 'change')),
      watcher.onDidDelete((u) => void this.onFileEvent(u, 'delete')),
      settingsWatcher,
      settingsWatcher.onDidCreate(onSettings),
      settingsWatcher.onDidChange(onSettings),
      settingsWatcher.onDidDelete(onSettings),
    );
  }

  dispose(): void {
    for (const m of this.matters.values()) if (m.timer) clearTimeout(m.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Finds the matters of the workspace and of the open documents. */
  async start(): Promise<void> {
    // The open documents first: a cheap check per folder, while the workspace search can take seconds.
    for (const d of vscode.workspace.textDocuments) await this.onOpen(d);
    await this.discoverWorkspace();
  }

  all(): MatterState[] {
    return [...this.matters.values()];
  }

  /** True while an opened document's folder is being checked for a matter, or a matter's first analysis has not landed. */
  get checking(): boolean {
    if (this.opening > 0) return true;
    for (const m of this.matters.values()) if (m.analyzedVersion === -1) return true;
    return false;
  }

  /** The matter a document belongs to, if it is known. */
  matterOf(uri: vscode.Uri): MatterState | undefined {
    const direct = this.matters.get(parentOf(uri).toString());
    if (direct && (direct.docs.has(uri.toString()) || isMarkdownPath(uri))) return direct;
    for (const m of this.matters.values()) if (m.docs.has(uri.toString())) return m;
    return undefined;
  }

  /** The matter of the active editor, or else the last one the user worked in, or the only one. */
  active(): MatterState | undefined {
    const ed = vscode.window.activeTextEditor;
    const m = ed && this.matterOf(ed.document.uri);
    if (m) return m;
    if (this.activeKey && this.matters.has(this.activeKey)) return this.matters.get(this.activeKey);
    return this.matters.size > 0 ? this.matters.values().next().value : undefined;
  }

  /** The analysis for a document, brought up to date now if edits are pending (providers need exact offsets). */
  analysisFor(uri: vscode.Uri): { matter: MatterState; analysis: Analysis } | undefined {
    const matter = this.matterOf(uri);
    if (!matter) return undefined;
    const analysis = this.analyzeNow(matter);
    return analysis ? { matter, analysis } : undefined;
  }

  /**
   * The analysis for a document once the pending (debounced) one has run: for providers VS Code
   * calls on its own while the user types (CodeLens, outline, light bulb), so that they never run
   * an analysis of their own between keystrokes.
   */
  analysisReady(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<{ matter: MatterState; analysis: Analysis } | undefined> {
    const matter = this.matterOf(uri);
    if (!matter) return Promise.resolve(undefined);
    if (matter.loaded && !matter.stale && matter.analysis) return Promise.resolve({ matter, analysis: matter.analysis });
    if (matter.loaded && !matter.timer) this.schedule(matter);
    return new Promise((resolve) => {
      const finish = () => {
        sub.dispose();
        cancel?.dispose();
        clearTimeout(limit);
        resolve(matter.analysis ? { matter, analysis: matter.analysis } : undefined);
      };
      const sub = this.onDidAnalyze((m) => m === matter && finish());
      const cancel = token?.onCancellationRequested(finish);
      // Never wait forever (a matter removed meanwhile, an analysis that failed).
      const limit = setTimeout(finish, 10000);
    });
  }

  /** Runs the analysis now if it is stale; returns the current one. */
  analyzeNow(matter: MatterState): Analysis | undefined {
    if (!matter.loaded) return undefined;
    if (matter.stale || !matter.analysis) this.analyze(matter);
    return matter.analysis;
  }

  /** Re-reads every document from disk (open ones from their editor) and re-analyses. */
  async refresh(matter?: MatterState): Promise<void> {
    const list = matter ? [matter] : this.all();
    for (const m of list) {
      m.config = readConfig(m.root);
      await this.loadDocuments(m);
      this.analyze(m);
    }
  }

  /** Rediscovers the workspace's matters (e.g. after files or settings change). */
  async discoverWorkspace(): Promise<void> {
    const started = Date.now();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const roots = new Map<string, vscode.Uri>();
    for (const folder of folders) {
      const cfg = readConfig(folder.uri);
      const markers = [...cfg.files.claims, `**/${MATTER_DIR}/*`];
      const pattern = new vscode.RelativePattern(folder, `{${markers.join(',')}}`);
      let found: vscode.Uri[] = [];
      try {
        found = await vscode.workspace.findFiles(pattern, cfg.files.exclude || undefined, 500);
      } catch (err) {
        log().warn(`matter discovery failed in a workspace folder: ${describeError(err)}`);
      }
      for (const f of found) {
        const dir = f.path.includes(`/${MATTER_DIR}/`) ? vscode.Uri.joinPath(f, '..', '..') : parentOf(f);
        roots.set(dir.toString(), dir);
      }
    }
    for (const [key, root] of roots) if (!this.matters.has(key)) await this.addMatter(root);
    log().info(`discovered ${roots.size} matter(s) in ${folders.length} workspace folder(s) in ${Date.now() - started} ms`);
  }

  /** Adds a matter and reads its files; `now`: a document the user just opened is in it, so it is analysed at once
   *  (not after a timer that waits behind every other extension's start-up work), while discovery schedules. */
  private async addMatter(root: vscode.Uri, now = false, whole?: vscode.TextDocument): Promise<MatterState> {
    const existing = this.matters.get(root.toString());
    if (existing) return existing;
    const m = new MatterState(root, ++this.seq);
    this.matters.set(m.key, m);
    this.rootChecks.set(m.key, Promise.resolve(true));
    this.checkingChanged.fire();
    let first: string | undefined;
    if (whole) {
      // Reading the folder waits on the extension host's event loop (seconds while other extensions start): the
      // opened application goes first, with the editor's settings (the matter's own settings file is read next).
      // A short wait first: VS Code defers a status bar change to a timer and writes its messages to the window on
      // others, and the analysis holds the thread, so without it "checking…" reaches the screen only with the findings.
      for (let tick = 0; tick < 3; tick++) await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => setTimeout(resolve, CHECKING_PAINT_MS));
      m.docs.set(whole.uri.toString(), { uri: whole.uri, text: whole.getText(), version: whole.version, open: true });
      m.loaded = true;
      m.version++;
      this.analyze(m);
      first = snapshot(m);
    }
    await this.loadDocuments(m);
    // Nothing new in the folder (same documents, same text, no settings file): the first analysis stands.
    if (first !== undefined && snapshot(m) === first) m.analyzedVersion = m.version;
    log().info(`${m.logId}: ${m.docs.size} document(s) read in ${(performance.now() - m.foundAt).toFixed(0)} ms`);
    this.mattersChanged.fire();
    if (now && m.stale) this.analyze(m);
    else this.schedule(m, 0);
    return m;
  }

  private removeMatter(m: MatterState): void {
    if (m.timer) clearTimeout(m.timer);
    this.matters.delete(m.key);
    this.rootChecks.delete(m.key);
    m.analysis = undefined;
    log().info(`${m.logId}: removed`);
    this.mattersChanged.fire();
    this.changed.fire(m);
  }

  /** Reads the matter's Markdown files (folder level, plus its glossary); open documents' text wins. */
  private async loadDocuments(m: MatterState): Promise<void> {
    const cfg = m.config;
    const next = new Map<string, DocEntry>();
    const candidates: vscode.Uri[] = [];
    const listDir = async (dir: vscode.Uri, prefix: string, depth: number): Promise<void> => {
      let entries: [string, vscode.FileType][] = [];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return;
      }
      for (const [name, type] of entries) {
        const rel = prefix + name;
        const uri = vscode.Uri.joinPath(dir, name);
        if (type & vscode.FileType.Directory) {
          if (name === MATTER_DIR) candidates.push(vscode.Uri.joinPath(uri, 'glossary.md'));
          else if (depth < 4 && !name.startsWith('.') && name !== 'node_modules' && cfg.files.include.includes('/')) {
            // Only descend when the include glob reaches into folders, and never into another matter.
            if (!this.matters.has(uri.toString())) await listDir(uri, rel + '/', depth + 1);
          }
        } else if (isMarkdownPath(uri) && matchGlob(cfg.files.include, rel) && !matchGlob(cfg.files.exclude, rel)) {
          candidates.push(uri);
        }
      }
    };
    await listDir(m.root, '', 0);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    for (const uri of candidates) {
      const doc = open.get(uri.toString());
      if (doc) {
        next.set(uri.toString(), { uri, text: doc.getText(), version: doc.version, open: true });
        continue;
      }
      const text = await readText(uri, m.root);
      if (text !== undefined) next.set(uri.toString(), { uri, text, open: false });
    }
    // Open documents of the matter that are not yet saved to disk (untitled are not matter files).
    for (const doc of open.values()) {
      if (doc.uri.scheme === 'untitled' || next.has(doc.uri.toString())) continue;
      if (this.accepts(m, doc.uri)) {
        next.set(doc.uri.toString(), { uri: doc.uri, text: doc.getText(), version: doc.version, open: true });
      }
    }
    m.docs.clear();
    for (const [k, v] of next) m.docs.set(k, v);
    m.settingsFile = await readSettingsFile(m);
    m.loaded = true;
    m.version++;
  }

  /** Cheap check whether an opened Markdown document belongs to a matter; adds the matter if so. */
  private async onOpen(doc: vscode.TextDocument): Promise<void> {
    let counted = false;
    try {
      if (doc.languageId !== 'markdown' || !MATTER_SCHEMES.has(doc.uri.scheme)) return;
      const known = this.matterOf(doc.uri);
      if (known) {
        if (known.docs.has(doc.uri.toString()) || this.accepts(known, doc.uri)) this.updateFromDocument(known, doc);
        return;
      }
      this.opening++;
      counted = true;
      this.checkingChanged.fire();
      const root = parentOf(doc.uri);
      const started = performance.now();
      if (await this.isMatterRoot(root, doc)) {
        log().info(`an opened document's folder is a matter (checked in ${(performance.now() - started).toFixed(0)} ms)`);
        // A whole application in one document (claims and description) is checked by itself at once; the folder's
        // other files (an abstract, a glossary) join when they are read.
        const m = await this.addMatter(root, true, this.documentRole(doc) === 'combined' ? doc : undefined);
        this.updateFromDocument(m, doc);
      }
    } catch (err) {
      log().error(`opening a document: ${describeError(err)}`);
    } finally {
      if (counted) {
        this.opening--;
        this.checkingChanged.fire();
      }
    }
  }

  /** Whether a Markdown file in the matter's folder is one of its documents by the include/exclude globs. */
  private accepts(m: MatterState, uri: vscode.Uri): boolean {
    if (!isUnder(uri, m.root) || !isMarkdownPath(uri)) return false;
    const rel = uri.path.slice(m.root.path.replace(/\/$/, '').length + 1);
    return matchGlob(m.config.files.include, rel) && !matchGlob(m.config.files.exclude, rel);
  }

  private isMatterRoot(dir: vscode.Uri, doc?: vscode.TextDocument): Promise<boolean> {
    const key = dir.toString();
    const cached = this.rootChecks.get(key);
    // A document with its own role (front matter "patent: ...", or a combined application) makes its folder a matter.
    if (doc && this.documentHasRole(doc)) return Promise.resolve(true);
    if (cached) return cached;
    const check = (async () => {
      const cfg = readConfig(dir);
      let entries: [string, vscode.FileType][] = [];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return false;
      }
      return entries.some(
        ([name, type]) => (name === MATTER_DIR && type & vscode.FileType.Directory) || (type & vscode.FileType.File && cfg.files.claims.some((g) => matchGlob(g, name))),
      );
    })();
    this.rootChecks.set(key, check);
    return check;
  }

  private documentHasRole(doc: vscode.TextDocument): boolean {
    return this.documentRole(doc) !== undefined;
  }

  /** The role the core gives an opened document by its own text (front matter, a claims heading, a combined application). */
  private documentRole(doc: vscode.TextDocument): ReturnType<typeof detectRole> {
    const cfg = readConfig(doc.uri);
    const name = baseName(doc.uri);
    if (matchGlob(cfg.files.exclude, name)) return undefined;
    const text = doc.getText();
    if (text.length > MAX_FILE_BYTES) return undefined;
    // A cheap test first: front matter, a claims file name, or a claims heading / lead-in anywhere.
    if (!text.startsWith('---') && !cfg.files.claims.some((g) => matchGlob(g, name)) && !/^#{1,6}[ \t]*(?:the\s+)?claims?\b|what\s+(?:is|we|i)\s+claim/im.test(text)) {
      return undefined;
    }
    try {
      return detectRole({ uri: doc.uri.toString(), text });
    } catch {
      return undefined;
    }
  }

  private updateFromDocument(m: MatterState, doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const prev = m.docs.get(key);
    if (prev && prev.open && prev.version === doc.version) return;
    m.docs.set(key, { uri: doc.uri, text: doc.getText(), version: doc.version, open: true });
    m.version++;
    this.schedule(m);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const m = this.matterOf(e.document.uri);
    if (!m || !m.docs.has(e.document.uri.toString())) return;
    this.updateFromDocument(m, e.document);
  }

  /** A closed document's text is the file's again (unsaved edits were discarded or saved). */
  private async onClose(doc: vscode.TextDocument): Promise<void> {
    const m = this.matterOf(doc.uri);
    const entry = m?.docs.get(doc.uri.toString());
    if (!m || !entry) return;
    const text = await readText(doc.uri, m.root);
    if (text === undefined) m.docs.delete(doc.uri.toString());
    else m.docs.set(doc.uri.toString(), { uri: doc.uri, text, open: false });
    m.version++;
    this.schedule(m);
  }

  private async onFileEvent(uri: vscode.Uri, kind: 'create' | 'change' | 'delete'): Promise<void> {
    try {
      const dir = parentOf(uri);
      const inMatterDir = dir.path.endsWith(`/${MATTER_DIR}`);
      const root = inMatterDir ? parentOf(dir) : dir;
      const m = this.matters.get(root.toString());
      if (!m) {
        if (kind === 'create' && (inMatterDir || readConfig(root).files.claims.some((g) => matchGlob(g, baseName(uri))))) {
          this.rootChecks.delete(root.toString());
          await this.addMatter(root);
        }
        return;
      }
      const key = uri.toString();
      const entry = m.docs.get(key);
      if (entry?.open) return; // the editor's text wins until the document is closed
      if (kind === 'delete') {
        if (!entry) return;
        m.docs.delete(key);
        if (m.docs.size === 0) return this.removeMatter(m);
      } else {
        const rel = inMatterDir ? `${MATTER_DIR}/${baseName(uri)}` : baseName(uri);
        if (!entry && !(inMatterDir && baseName(uri).toLowerCase() === 'glossary.md') && (!matchGlob(m.config.files.include, rel) || matchGlob(m.config.files.exclude, rel))) return;
        const text = await readText(uri, m.root);
        if (text === undefined) return;
        if (entry && entry.text === text) return;
        m.docs.set(key, { uri, text, open: false });
      }
      m.version++;
      this.schedule(m);
    } catch (err) {
      log().error(`file event: ${describeError(err)}`);
    }
  }

  /** The matter's settings file was created, changed or deleted: read it again and re-analyse. */
  private async onSettingsFile(uri: vscode.Uri): Promise<void> {
    try {
      const m = this.matters.get(parentOf(parentOf(uri)).toString());
      if (!m) return;
      m.settingsFile = await readSettingsFile(m);
      m.version++;
      this.schedule(m, 0);
    } catch (err) {
      log().error(`settings file event: ${describeError(err)}`);
    }
  }

  private onConfig(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration(SECTION)) return;
    if (e.affectsConfiguration(`${SECTION}.files`)) this.rootChecks.clear();
    for (const m of this.matters.values()) {
      if (!e.affectsConfiguration(SECTION, m.root)) continue;
      const before = JSON.stringify(m.config.files);
      m.config = readConfig(m.root);
      m.version++;
      if (JSON.stringify(m.config.files) !== before) void this.refresh(m);
      else this.schedule(m, 0);
    }
    if (e.affectsConfiguration(`${SECTION}.files`)) void this.discoverWorkspace();
  }

  /** Re-analyses after the matter's debounce (the last keystroke wins). */
  schedule(m: MatterState, delay = m.config.debounceMs): void {
    if (m.timer) clearTimeout(m.timer);
    m.timer = setTimeout(() => {
      m.timer = undefined;
      if (m.stale && m.loaded) this.analyze(m);
    }, delay);
  }

  private analyze(m: MatterState): void {
    if (m.timer) {
      clearTimeout(m.timer);
      m.timer = undefined;
    }
    const version = m.version;
    const started = performance.now();
    try {
      const docs: SourceDocument[] = [...m.docs.values()].map((d) => ({ uri: d.uri.toString(), text: d.text, version: d.version }));
      // The one settings merge of every host (src/core/settings.ts): the editor's settings, then the matter's file.
      const matter = createMatter(m.key, docs, mergeSettings(checkSettings(m.config), m.settingsFile), [], { ...filePatterns(m.config), ...(m.settingsFile.files ?? {}) });
      m.analysis = analyzeMatter(matter, { cache: m.cache });
      m.analyzedVersion = version;
      const chars = docs.reduce((n, d) => n + d.text.length, 0);
      const ms = performance.now() - started;
      // The first analysis of a matter and slow ones at info, the rest at debug ("Set Log Level" shows them).
      const first = m.runs++ === 0;
      const level = first || ms > 200 ? 'info' : 'debug';
      log()[level](
        `${m.logId}: analysed ${matter.documents.length}/${docs.length} document(s), ${chars} chars: ` +
          `${m.analysis.claims.length} claims, ${m.analysis.findings.length} findings in ${ms.toFixed(1)} ms` +
          (first ? ` (first findings ${(performance.now() - m.foundAt).toFixed(0)} ms after the matter was found)` : ''),
      );
    } catch (err) {
      m.analyzedVersion = version; // do not retry the same text in a loop
      log().error(`${m.logId}: analysis failed after ${(performance.now() - started).toFixed(1)} ms: ${describeError(err)}`);
    }
    this.changed.fire(m);
    this.checkingChanged.fire();
  }
}

/** The matter's documents and settings, as a key that changes when any of them does (versions and lengths, not text). */
function snapshot(m: MatterState): string {
  const docs = [...m.docs.values()].map((d) => `${d.uri.toString()}@${d.open ? `v${d.version}` : 'disk'}:${d.text.length}`).sort();
  return `${docs.join('|')}#${JSON.stringify(m.settingsFile)}`;
}

function filePatterns(cfg: PatentDraftConfig): { claims: string[]; disclosure: string[]; abstract: string[] } {
  return { claims: cfg.files.claims, disclosure: cfg.files.disclosure, abstract: cfg.files.abstract };
}

async function readText(uri: vscode.Uri, root: vscode.Uri): Promise<string | undefined> {
  const bytes = await readMatterBytes(uri, root, MAX_FILE_BYTES);
  return bytes ? new TextDecoder('utf-8').decode(bytes) : undefined;
}

/** The matter's `.patentdraft/settings.json` ({} when there is none; a broken one is logged and ignored). */
async function readSettingsFile(m: MatterState): Promise<MatterSettingsFile> {
  const uri = vscode.Uri.joinPath(m.root, MATTER_DIR, 'settings.json');
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readMatterBytes(uri, m.root, 256 * 1024);
  } catch {
    return {};
  }
  if (!bytes) return {};
  try {
    const problems: string[] = [];
    const file = parseMatterSettings(new TextDecoder('utf-8').decode(bytes), `${MATTER_DIR}/settings.json`, problems);
    for (const p of problems.slice(0, 20)) log().warn(`${m.logId}: ${p}`);
    return file;
  } catch (err) {
    log().warn(`${m.logId}: ${MATTER_DIR}/settings.json ignored: ${describeError(err)}`);
    return {};
  }
}
