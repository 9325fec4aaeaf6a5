// `patent-draft lsp --stdio` and dist/server.js: the language server (LSP 3.17 on
// vscode-languageserver). Every answer comes from the service layer (src/service) over the core's
// analysis of the matter the document belongs to; this file only speaks the protocol: document
// sync, debounced analysis, push and pull diagnostics, configuration, watched files, and the custom
// requests and notifications of src/lsp/protocol.ts (views, edits, drafting, tools, client files).
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  createConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/index';
import { DraftError, TASK_KINDS, type DraftTask } from '../drafting/backend';
import { markdownEntries, MAX_FILE_BYTES, readMatterTextFile } from '../node/workspace';
import * as service from '../service/index';
import { ClientWorkspace, splitUri } from './clientWorkspace';
import type { ServerDrafting } from './drafting';
import { baseName, canonicalFolder, canonicalUri, FILE_HOST, folderOf, MatterStore, type FolderHost, type OpenText, type ServerMatter } from './matters';
import * as P from './protocol';
import { readServerSettings, settingsFromClient, type ServerSettings } from './settings';

export { settingsFromClient };
export const SECTION = 'patentDraft';

/** The README shipped beside the bundle (dist/../README.md) or the source tree, for the catalogue link. */
function docsUri(): string | undefined {
  for (const p of [path.join(__dirname, '..', 'README.md'), path.join(__dirname, '..', '..', 'README.md')]) if (existsSync(p)) return pathToFileURL(p).href;
  return undefined;
}

const DOC_PARAMS = (p: unknown): string | undefined => {
  const uri = (p as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri ?? (p as { uri?: unknown } | undefined)?.uri;
  return typeof uri === 'string' && uri.length < 8192 ? canonicalUri(uri) : undefined;
};

/** Read ahead (readAhead): at most this many workspace folders, matters and characters. */
const READ_AHEAD_FOLDERS = 16;
const READ_AHEAD_MATTERS = 3;
const READ_AHEAD_CHARS = 2 * 1048576;
/** A workspace folder is read ahead only if it lists at most this many entries and Markdown files. */
const READ_AHEAD_ENTRIES = 256;
const READ_AHEAD_MARKDOWN = 32;
/** The longest the read ahead of one matter waits for the openings and edits under way. */
const READ_AHEAD_WAIT_MS = 5000;
/** Subfolders of a workspace folder read ahead, this deep (matters/<case>/claims.md), at most this many folders listed. */
const READ_AHEAD_DEPTH = 2;
const READ_AHEAD_LISTINGS = 64;
/** A matter read ahead and never opened keeps its analysis this long. */
const READ_AHEAD_KEEP_MS = 10 * 60_000;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const open = new Map<string, OpenText>();
  let configSupport = false;
  let watchSupport = false;
  let pullSupport = false;
  let createFiles = false;
  let trusted = true;
  let clientFiles = false;
  /** The client's workspace folders (initialize), whose matters are read and analysed ahead of any opening. */
  let workspaceFolders: string[] = [];
  let lensCommands = false;
  let initConfig: P.ClientSettings | undefined;
  const configs = new Map<string, Promise<P.ClientSettings | undefined>>();
  const clientConfig = (scopeUri: string): Promise<P.ClientSettings | undefined> => {
    if (!configSupport) return Promise.resolve(initConfig);
    let p = configs.get(scopeUri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri, section: SECTION }).then(
        (c) => (c && typeof c === 'object' ? (c as P.ClientSettings) : initConfig),
        () => initConfig,
      );
      configs.set(scopeUri, p);
    }
    return p;
  };
  const warned = new Set<string>();
  const log = (msg: string) => connection.console.info(msg);
  /** A warning the user sees (a notification: no answer is awaited). */
  const warn = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Patent Draft: ${message}` });
  const onError = (message: string) => {
    // A folder the server cannot read (a broken settings file): say so once, in the client's words.
    if (warned.has(message)) return;
    warned.add(message);
    warn(message);
  };
  const folderSettings = new Map<string, Promise<ServerSettings>>();
  const settingsFor = (folderUri: string): Promise<ServerSettings> => {
    let p = folderSettings.get(folderUri);
    if (!p) {
      p = clientConfig(folderUri).then((c) => {
        const s = readServerSettings(c, trusted);
        s.problems.forEach(onError);
        return s;
      });
      folderSettings.set(folderUri, p);
    }
    return p;
  };

  // Folders the server reads itself (file:) and, when the client serves them, the others.
  const clientHosts = new Map<string, FolderHost>();
  const clientRequest = <R>(method: string, params: unknown, signal: AbortSignal): Promise<R> => {
    const source = new CancellationTokenSource();
    signal.addEventListener('abort', () => source.cancel(), { once: true });
    return connection.sendRequest(method, params, source.token).finally(() => source.dispose()) as Promise<R>;
  };
  const hostOf = (uri: string): FolderHost | undefined => {
    if (uri.startsWith('file:')) return FILE_HOST;
    if (!clientFiles) return undefined;
    const split = splitUri(uri);
    if (!split) return undefined;
    let host = clientHosts.get(split.base);
    if (!host) {
      const ws = new ClientWorkspace(split.base, clientRequest, (u) => open.get(u), onError);
      host = { workspace: ws, toPath: (u) => (u.startsWith(split.base) ? splitUri(u)?.path : undefined), toUri: (p) => ws.uriOf(p) };
      clientHosts.set(split.base, host);
    }
    return host;
  };
  const invalidateClientFiles = () => {
    for (const h of clientHosts.values()) (h.workspace as ClientWorkspace).invalidate();
  };

  const store = new MatterStore(settingsFor, hostOf);
  const docs = docsUri();
  // Drafting and the agent tools bring the Triton client (gRPC, protobuf) and the chat-template engine,
  // about 40% of the bundle. They are evaluated 500 ms after the first findings are published (5 s after
  // the start at the latest), or at once by a request that needs them, so opening a document does not
  // wait for them (issue 15, item 6). Settings, trust and the drafting status wait for that load
  // without causing it; everything queues on the one promise, in order.
  interface Lazy {
    drafting: ServerDrafting;
    DraftRefusal: typeof import('./drafting').DraftRefusal;
    tools: typeof import('./tools');
  }
  let lazyLoad: Promise<Lazy> | undefined;
  let lazySettled!: (l: Promise<Lazy>) => void;
  const whenLoaded = new Promise<Lazy>((resolve) => (lazySettled = resolve));
  whenLoaded.catch(() => undefined);
  let lazyTimer: ReturnType<typeof setTimeout> | undefined;
  let lazyAt = Infinity;
  const loadLazy = (reason: string): Promise<Lazy> => {
    if (lazyTimer) clearTimeout(lazyTimer);
    lazyTimer = undefined;
    if (!lazyLoad) {
      lazyLoad = (async () => {
        const started = performance.now();
        const [d, tools] = await Promise.all([import('./drafting'), import('./tools')]).catch((err: unknown) => {
          log(`drafting and agent tools could not load (${reason}): ${(err as Error).message}`);
          throw err;
        });
        const l: Lazy = {
          drafting: new d.ServerDrafting(trusted, log, (status) => void connection.sendNotification(P.DRAFTING_STATE, status).catch(() => undefined)),
          DraftRefusal: d.DraftRefusal,
          tools,
        };
        log(`drafting and agent tools loaded in ${(performance.now() - started).toFixed(0)} ms (${reason}), ${performance.now().toFixed(0)} ms after the server process started`);
        return l;
      })();
      lazySettled(lazyLoad);
    }
    // Through whenLoaded, so what waited for the load (the client's settings) runs first.
    return whenLoaded;
  };
  /** Loads drafting and the tools `ms` from now, unless they load sooner. */
  const loadLazyIn = (ms: number, reason: string) => {
    if (lazyLoad || performance.now() + ms >= lazyAt) return;
    if (lazyTimer) clearTimeout(lazyTimer);
    lazyAt = performance.now() + ms;
    lazyTimer = setTimeout(() => void loadLazy(reason), ms);
  };
  const withDrafting = async (method: string) => (await loadLazy(method)).drafting;
  const tools = async (method: string) => (await loadLazy(method)).tools;
  const timers = new Map<ServerMatter, ReturnType<typeof setTimeout>>();
  /** Document uris each matter last pushed diagnostics to (by matterKey), so removed findings are cleared. */
  const published = new Map<string, Set<string>>();
  const matterKey = (m: ServerMatter) => m.folder + '\u0000' + m.id;
  /** Whether one of the matter's documents is open. */
  const hasOpen = (m: ServerMatter) => m.uris().some((u) => open.has(u));
  /** Whether the matter is on screen or in Problems: a document of it open, or its findings published. */
  const shown = (m: ServerMatter) => hasOpen(m) || published.has(matterKey(m));

  const tooLarge = (uri: string, text: string): boolean => {
    if (text.length <= MAX_FILE_BYTES) return false;
    if (!warned.has(uri)) {
      warned.add(uri);
      warn(`this document is ${(text.length / 1048576).toFixed(1)} M characters; documents up to ${MAX_FILE_BYTES / 1048576} MB are checked (split the matter).`);
    }
    return true;
  };

  const analysisOf = (m: ServerMatter, token?: CancellationToken): Analysis => {
    if (!m.stale(open) && m.analysis) return m.analysis;
    const controller = new AbortController();
    const sub = token?.onCancellationRequested(() => controller.abort());
    try {
      const started = performance.now();
      const a = m.analyze(open, controller.signal);
      const ms = performance.now() - started;
      const chars = a.matter.documents.reduce((n, d) => n + d.text.length, 0);
      if (m.runs === 1 || ms > 200) log(`${m.id}: analysed ${a.matter.documents.length} document(s), ${chars} chars: ${a.claims.length} claims, ${a.findings.length} findings in ${ms.toFixed(1)} ms`);
      return a;
    } finally {
      sub?.dispose();
    }
  };

  /** The analysis for a request on `uri`, up to date with the open texts (requests need exact offsets).
   *  A request the client cancelled before its analysis ran is answered with RequestCancelled. */
  const analysisFor = async (uri: string, token?: CancellationToken): Promise<{ matter: ServerMatter; analysis: Analysis } | undefined> => {
    const u = canonicalUri(uri);
    const o = open.get(u);
    if (o && tooLarge(u, o.text)) return undefined;
    const matter = await store.matterOf(u, open, onError);
    if (!matter) return undefined;
    if (matter.stale(open)) {
      // Let the messages already received run first (a cancellation, a newer edit) before analysing.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    try {
      return { matter, analysis: analysisOf(matter, token) };
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      throw err;
    }
  };

  const matterChanged = (m: ServerMatter, checking: boolean): void => {
    m.checking = checking;
    const p: P.MatterChangedParams = { matter: m.id, root: m.base.root, uris: m.uris(), checking, version: m.version };
    void connection.sendNotification(P.MATTER_CHANGED, p).catch(() => undefined);
  };

  const publish = async (m: ServerMatter): Promise<void> => {
    const a = m.analysis;
    if (!a) return;
    if (pullSupport) {
      // The client asks per document; tell it the answers changed (a sibling's edit changes this one's findings).
      void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      return;
    }
    const { descriptionStyle } = await settingsFor(m.folder);
    const key = matterKey(m);
    const before = published.get(key) ?? new Set<string>();
    const now = new Set<string>();
    for (const [uri, diagnostics] of service.matterDiagnostics(a, { docsUri: docs, descriptionStyle })) {
      const o = open.get(uri);
      void connection.sendDiagnostics({ uri, version: o?.version, diagnostics });
      now.add(uri);
    }
    for (const uri of before) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.set(key, now);
  };

  /** performance.now() when each document was opened, until its matter's findings are first published (the log's timings). */
  const openedAt = new Map<string, number>();
  const logFirstFindings = (m: ServerMatter): void => {
    for (const uri of m.uris()) {
      const at = openedAt.get(uri);
      if (at === undefined) continue;
      openedAt.delete(uri);
      log(`${m.id}: first findings published ${(performance.now() - at).toFixed(0)} ms after its document was opened, ${performance.now().toFixed(0)} ms after the server process started`);
    }
  };

  /** Openings and edits between their arrival and their schedule, and analyses being published. */
  let changing = 0;
  let publishing = 0;
  /** Analyses `m` after `delay` and publishes; the client hears checking: true now, false once published. */
  const schedule = (m: ServerMatter, delay: number): void => {
    const t = timers.get(m);
    if (t) clearTimeout(t);
    // "Checking" only when it takes a while: not for an opening whose matter is analysed already (read ahead), which is
    // published within milliseconds (the status bar would flash "checking…" over the summary it already shows).
    if (!m.checking && !(delay === 0 && m.analysis)) matterChanged(m, true);
    timers.set(
      m,
      setTimeout(() => {
        timers.delete(m);
        void (async () => {
          publishing++;
          try {
            analysisOf(m);
            await publish(m);
            logFirstFindings(m);
          } catch (err) {
            connection.console.error(`${m.id}: analysis failed: ${(err as Error).name}`);
          } finally {
            publishing--;
          }
          if (timers.has(m)) return; // a newer change is pending: still checking
          m.version++;
          matterChanged(m, false);
          loadLazyIn(500, 'after the first findings');
        })();
      }, delay),
    );
  };

  const onTextChange = async (uri: string, immediate: boolean): Promise<void> => {
    const o = open.get(uri);
    if (o && tooLarge(uri, o.text)) return;
    changing++;
    try {
      const m = await store.matterOf(uri, open, onError);
      if (m) schedule(m, immediate ? 0 : (await settingsFor(folderOf(uri))).debounceMs);
    } finally {
      changing--;
    }
  };
  /** Whether an opening or an edit is on its way to being published (the read ahead waits for it). */
  const busy = () => changing > 0 || timers.size > 0 || publishing > 0;

  /** Re-reads every folder read so far (or the ones given) and re-analyses its matters (settings or files changed). */
  const reloadAll = async (dirs?: string[]): Promise<void> => {
    const before = await store.all();
    if (dirs) for (const d of dirs) store.invalidate(d);
    else store.invalidateAll();
    const folders = new Set([...before.map((m) => m.folder), ...[...open.keys()].filter((u) => hostOf(u)).map(folderOf)]);
    for (const dir of folders) {
      if (dirs && !dirs.includes(dir)) continue;
      // Only what is on screen or in Problems: a matter read ahead and never opened is not published by a reload.
      for (const m of await store.folder(dir, onError)) if (shown(m)) schedule(m, 0);
    }
    // Documents no matter holds any more (their files deleted) lose their diagnostics; the others
    // keep theirs until their matter publishes again (no flicker while folders are re-read).
    const matters = await store.all();
    const live = new Set(matters.map(matterKey));
    const held = new Set(matters.flatMap((m) => m.uris()));
    for (const [key, uris] of published) {
      if (live.has(key)) continue;
      if (dirs && !dirs.includes(key.split('\u0000')[0]!)) continue;
      for (const uri of uris) if (!held.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      published.delete(key);
    }
    for (const uri of open.keys()) {
      const m = await store.matterOf(uri, open, onError);
      if (m) schedule(m, 0);
    }
  };

  /** Reads the matters of the workspace folders and of their subfolders two deep, and analyses them before any of
   *  their documents is opened, so the first opening finds its analysis made (and the code compiled): the open
   *  publishes in milliseconds, where a cold first analysis takes 0.3-0.7 s (issue 15, item 6). Nothing is published
   *  until a document is opened; a matter never opened is let go after READ_AHEAD_KEEP_MS.
   *  Bounded: READ_AHEAD_LISTINGS folders listed, the first READ_AHEAD_MATTERS matters, READ_AHEAD_CHARS characters,
   *  folders of at most READ_AHEAD_ENTRIES entries and READ_AHEAD_MARKDOWN Markdown files whose sizes fit what is left
   *  (listed and sized first, nothing else read); a matter with an open document is left to its opening, and each
   *  analysis waits for the openings and edits under way to be published. */
  const readAhead = async (): Promise<void> => {
    const started = performance.now();
    const done: ServerMatter[] = [];
    let chars = 0;
    let skipped = 0;
    // The workspace folders, then their subfolders and theirs (matters/<case>/claims.md), breadth first.
    const queue = workspaceFolders.map((uri) => ({ uri, depth: 0 }));
    for (let listed = 0; queue.length > 0 && listed < READ_AHEAD_LISTINGS && done.length < READ_AHEAD_MATTERS && chars < READ_AHEAD_CHARS; listed++) {
      const { uri: folder, depth } = queue.shift()!;
      const host = hostOf(folder);
      const dir = host?.toPath(folder);
      if (!host || dir === undefined) continue;
      const entries = await host.workspace.list(dir, READ_AHEAD_ENTRIES + 1).catch(() => undefined);
      if (!entries) continue;
      if (depth < READ_AHEAD_DEPTH && entries.length <= READ_AHEAD_ENTRIES)
        for (const e of entries) if (e.kind === 'folder' && !e.name.startsWith('.') && e.name !== 'node_modules') queue.push({ uri: host.toUri(path.join(dir, e.name)), depth: depth + 1 });
      const markdown = markdownEntries(entries);
      if (markdown.length === 0) continue;
      // A folder of many entries or Markdown files (a repository's docs, an archive), or more text than is left of
      // the bound (each file's size asked first), is read when one of its documents is opened.
      let bytes = 0;
      for (const name of markdown.length <= READ_AHEAD_MARKDOWN ? markdown : []) bytes += (await host.workspace.stat(path.join(dir, name)).catch(() => undefined))?.size ?? 0;
      if (entries.length > READ_AHEAD_ENTRIES || markdown.length > READ_AHEAD_MARKDOWN || bytes > READ_AHEAD_CHARS - chars) {
        skipped++;
        continue;
      }
      for (const m of await store.folder(folder, onError)) {
        if (done.length >= READ_AHEAD_MATTERS) break;
        const size = m.base.documents.reduce((n, d) => n + d.text.length, 0);
        if (chars + size > READ_AHEAD_CHARS) continue;
        // An opening or an edit received meanwhile goes first, until it is published (a timer, not setImmediate: its
        // analysis is scheduled on a timer too); waited for at most READ_AHEAD_WAIT_MS per matter.
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
        for (let waited = 0; busy() && waited < READ_AHEAD_WAIT_MS; waited += 10) await new Promise<void>((resolve) => setTimeout(resolve, 10));
        // A matter with an open document is analysed (and published) by its opening.
        if (m.analysis || hasOpen(m)) continue;
        try {
          analysisOf(m);
        } catch (err) {
          connection.console.error(`${m.id}: analysis failed: ${(err as Error).name}`);
        }
        done.push(m);
        chars += size;
      }
    }
    if (done.length > 0 || skipped > 0)
      log(
        `read ahead: ${done.length} matter(s) of the workspace, ${chars} chars, analysed in ${(performance.now() - started).toFixed(0)} ms` +
          (skipped ? `; ${skipped} folder(s) of over ${READ_AHEAD_ENTRIES} entries, ${READ_AHEAD_MARKDOWN} Markdown files or the characters left, to their first opening` : ''),
      );
    if (done.length === 0) return;
    // Drafting and the tools are loaded for a workspace that holds a matter (the first findings load them otherwise).
    loadLazyIn(5000, '5 s after the start');
    // What nobody opened is let go after a while (its analysis and memo tables; the matter is analysed again when opened).
    const release = setTimeout(() => {
      for (const m of done) if (!shown(m)) m.release();
    }, READ_AHEAD_KEEP_MS);
    release.unref?.();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const init = params.initializationOptions as P.InitializationOptions | P.ClientSettings | undefined;
    const options: P.InitializationOptions =
      init && typeof init === 'object' && ('patentDraft' in init || 'pushDiagnostics' in init || 'trusted' in init || 'clientFiles' in init) ? (init as P.InitializationOptions) : {};
    configSupport = caps.workspace?.configuration === true;
    watchSupport = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    pullSupport = caps.textDocument?.diagnostic !== undefined && options.pushDiagnostics !== true;
    createFiles = (caps.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create');
    trusted = options.trusted !== false;
    clientFiles = options.clientFiles === true;
    lensCommands = options.lensCommands === true;
    workspaceFolders = (params.workspaceFolders ?? []).slice(0, READ_AHEAD_FOLDERS).map((f) => canonicalFolder(f.uri));
    void whenLoaded.then(
      (l) => l.drafting.setTrusted(trusted),
      () => undefined,
    );
    // The settings: `initializationOptions.patentDraft`, or (older clients) the options themselves.
    initConfig = options.patentDraft ?? (init && typeof init === 'object' && !('pushDiagnostics' in init) ? (init as P.ClientSettings) : undefined);
    const capabilities: ServerCapabilities = {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
      renameProvider: { prepareProvider: true },
      referencesProvider: true,
      definitionProvider: true,
      documentSymbolProvider: { label: 'Patent Draft' },
    };
    // Push only when asked: a pull capability would make vscode-languageclient pull as well (findings twice).
    if (options.pushDiagnostics !== true) capabilities.diagnosticProvider = { identifier: 'patent-draft', interFileDependencies: true, workspaceDiagnostics: false };
    return { capabilities, serverInfo: { name: 'patent-draft', version: '0.1.0' } };
  });

  connection.onInitialized(() => {
    if (configSupport) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
    if (watchSupport) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/.patentdraft/*' }] }).catch(() => undefined);
    }
    setTimeout(() => void readAhead(), 0);
    log(
      `started (process up ${performance.now().toFixed(0)} ms; pull diagnostics: ${pullSupport}, configuration: ${configSupport}, watched files: ${watchSupport}, trusted: ${trusted}, client files: ${clientFiles})`,
    );
  });

  documents.onDidOpen((e) => {
    const uri = canonicalUri(e.document.uri);
    open.set(uri, { text: e.document.getText(), version: e.document.version });
    if (!openedAt.has(uri) && openedAt.size < 1000) openedAt.set(uri, performance.now());
    void onTextChange(uri, true);
  });
  documents.onDidChangeContent((e) => {
    const uri = canonicalUri(e.document.uri);
    const prev = open.get(uri);
    if (prev && prev.version === e.document.version) return;
    open.set(uri, { text: e.document.getText(), version: e.document.version });
    void onTextChange(uri, false);
  });
  documents.onDidClose((e) => {
    const uri = canonicalUri(e.document.uri);
    open.delete(uri);
    openedAt.delete(uri);
    // The file's text counts again (unsaved edits were dropped or saved): read the folder again.
    if (!hostOf(uri)) return;
    if (!uri.startsWith('file:')) invalidateClientFiles();
    void reloadAll([folderOf(uri)]);
  });
  documents.onDidSave((e) => {
    const uri = canonicalUri(e.document.uri);
    if (!hostOf(uri)) return;
    if (!uri.startsWith('file:')) invalidateClientFiles();
    if (!watchSupport || !uri.startsWith('file:')) void reloadAll([folderOf(uri)]);
  });

  connection.onDidChangeConfiguration(() => {
    configs.clear();
    folderSettings.clear();
    void reloadAll();
  });

  connection.onNotification(P.TRUST_CHANGED, (p: P.TrustChangedParams) => setTrust(p?.trusted === true));
  const setTrust = (next: boolean) => {
    void whenLoaded.then(
      (l) => l.drafting.setTrusted(next),
      () => undefined,
    );
    if (next === trusted) return;
    trusted = next;
    folderSettings.clear();
    void reloadAll();
  };

  connection.onDidChangeWatchedFiles((e) => {
    const dirs = new Set<string>();
    for (const c of e.changes.slice(0, 10000)) {
      const uri = canonicalUri(c.uri);
      if (!hostOf(uri)) continue;
      if (!uri.startsWith('file:')) invalidateClientFiles();
      const dir = folderOf(uri);
      dirs.add(baseName(dir) === '.patentdraft' ? folderOf(dir) : dir);
    }
    if (dirs.size) void reloadAll([...dirs]);
  });

  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if ((err as Error).name === 'AbortError') return fallback;
      connection.console.error(`${what} failed: ${(err as Error).name}: ${(err as Error).stack?.split('\n')[1]?.trim() ?? ''}`);
      return fallback;
    }
  };

  connection.languages.diagnostics.on(async (params, token) => {
    const hit = await analysisFor(params.textDocument.uri, token);
    const style = hit ? (await settingsFor(hit.matter.folder)).descriptionStyle : undefined;
    const items = hit ? guard('diagnostics', [], () => service.documentDiagnostics(hit.analysis, canonicalUri(params.textDocument.uri), { docsUri: docs, descriptionStyle: style })) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onHover(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    return hit ? guard('hover', null, () => service.hover(hit.analysis, canonicalUri(p.textDocument.uri), p.position)) : null;
  });

  /** The matter's glossary file (uri) and its text as open or stored (undefined: none yet). */
  const glossaryOf = async (m: ServerMatter): Promise<{ uri: string; text?: string } | undefined> => {
    const root = m.host.toPath(m.base.root);
    if (root === undefined) return undefined;
    const file = path.join(root, service.GLOSSARY_PATH);
    const uri = m.host.toUri(file);
    const o = open.get(uri);
    if (o) return { uri, text: o.text };
    const text = await readMatterTextFile(file, root, { workspace: m.host.workspace }).catch(() => undefined);
    return { uri, text };
  };

  connection.onCodeAction(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    if (!hit) return [];
    const glossary = await glossaryOf(hit.matter);
    return guard('code actions', [], () => service.codeActions(hit.analysis, canonicalUri(p.textDocument.uri), p.range, p.context.diagnostics, { glossary, canCreateFiles: createFiles }));
  });

  connection.onCodeLens(async (p, token) => {
    const uri = canonicalUri(p.textDocument.uri);
    if (!(await settingsFor(folderOf(uri))).codeLens) return [];
    const hit = await analysisFor(uri, token);
    return hit ? guard('code lens', [], () => service.codeLenses(hit.analysis, uri, lensCommands ? P.LENS_COMMANDS : {})) : [];
  });

  connection.onPrepareRename(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    const r = hit ? guard('prepare rename', null, () => service.prepareRename(hit.analysis, canonicalUri(p.textDocument.uri), p.position)) : null;
    if (!r) throw new ResponseError(-32803, service.RENAME_HINT);
    return r;
  });

  connection.onRenameRequest(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    if (!hit) return null;
    const edit = guard('rename', null, () => service.rename(hit.analysis, canonicalUri(p.textDocument.uri), p.position, p.newName));
    if (!edit) throw new ResponseError(-32803, service.RENAME_HINT);
    return edit;
  });

  connection.onReferences(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    return hit ? guard('references', [], () => service.references(hit.analysis, canonicalUri(p.textDocument.uri), p.position, p.context.includeDeclaration)) : [];
  });

  connection.onDefinition(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    return hit ? guard('definition', [], () => service.definition(hit.analysis, canonicalUri(p.textDocument.uri), p.position)) : [];
  });

  connection.onDocumentSymbol(async (p, token) => {
    const uri = canonicalUri(p.textDocument.uri);
    const hit = await analysisFor(uri, token);
    const text = open.get(uri)?.text ?? (hit ? service.documentOf(hit.analysis, uri)?.text : undefined);
    if (text === undefined || text.length > MAX_FILE_BYTES) return [];
    return guard('document symbols', [], () => service.documentSymbols(hit?.analysis, uri, text));
  });

  /** A custom request on a document of a matter: null when it is in none. */
  const onDocRequest = <T, R>(method: string, what: string, fn: (hit: { matter: ServerMatter; analysis: Analysis }, params: T, uri: string, token: CancellationToken) => R | Promise<R>) =>
    connection.onRequest(method, async (params: T, token: CancellationToken) => {
      const uri = DOC_PARAMS(params);
      if (!uri) throw new ResponseError(-32602, `${method} takes { textDocument: { uri } }`);
      const hit = await analysisFor(uri, token);
      if (!hit) return null;
      try {
        return await fn(hit, params, uri, token);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        connection.console.error(`${what} failed: ${(err as Error).name}`);
        throw new ResponseError(-32603, `${what} failed: ${(err as Error).message}`);
      }
    });

  onDocRequest(P.CLAIM_TREE, 'claim tree', (hit) => service.claimTree(hit.analysis));
  onDocRequest(P.REPORT, 'report', (hit) => service.matterReport(hit.analysis, baseName(hit.matter.base.root) || 'matter'));

  onDocRequest(P.STATUS, 'status', (hit): P.StatusResult => {
    const s = service.statusSummary(hit.analysis);
    return { matter: hit.matter.id, ...s, checking: hit.matter.checking, version: hit.matter.version };
  });

  onDocRequest(P.TERMS, 'terms', (hit): P.TermsResult => ({ matter: hit.matter.id, ...service.termRows(hit.analysis, P.MAX_VIEW_ROWS) }));

  onDocRequest(P.FINDINGS_BY_CLAIM, 'findings', async (hit): Promise<P.FindingsResult> => {
    const { descriptionStyle } = await settingsFor(hit.matter.folder);
    return { matter: hit.matter.id, ...service.findingRows(hit.analysis, descriptionStyle, P.MAX_VIEW_ROWS) };
  });

  onDocRequest(P.CLAIM_AT, 'claim at', (hit, p: P.ClaimAtParams, uri) => {
    const pos = p.position;
    if (!pos || typeof pos.line !== 'number' || typeof pos.character !== 'number') throw new ResponseError(-32602, `${P.CLAIM_AT} takes a position { line, character }`);
    return service.claimFamilyAt(hit.analysis, uri, pos) ?? null;
  });

  onDocRequest(P.ABSTRACT, 'abstract', (hit): P.AbstractResult => {
    const a = hit.analysis;
    return {
      ...(a.abstract ? { abstract: { uri: a.abstract.uri, range: service.toRange(a.abstract.range) } } : {}),
      root: hit.matter.base.root,
      documents: a.matter.documents.map((d) => ({ uri: d.uri, role: d.role })),
      claims: a.claims.length,
    };
  });

  connection.onRequest(P.MATTERS, async (): Promise<P.MattersResult> => {
    const matters = await store.all();
    return {
      matters: matters.slice(0, 1000).map((m) => ({
        matter: m.id,
        root: m.base.root,
        name: baseName(m.base.root),
        documents: m.base.documents.map((d) => ({ uri: d.uri, role: d.role })),
        ...(m.analysis?.claimsUri ? { claimsUri: m.analysis.claimsUri } : {}),
        checking: m.checking,
        version: m.version,
        ...(m.analysis ? { claims: m.analysis.claims.length, findings: m.analysis.findings.length } : {}),
      })),
    };
  });

  // Edits: the agent tools' own edits on the server's view of the matter, as a WorkspaceEdit.
  const editBy = async (hit: { matter: ServerMatter; analysis: Analysis }, uri: string, tool: string, input: Record<string, unknown>, token: CancellationToken): Promise<P.EditResult> => {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const { relativeIn, runTool } = await tools(tool);
      const target = relativeIn(hit.matter, hit.analysis.claimsUri ?? uri) ?? relativeIn(hit.matter, uri);
      const r = await runTool(tool, { ...(target ? { path: target } : {}), ...input }, { matter: hit.matter, open, settings: await settingsFor(hit.matter.folder), signal: controller.signal, log });
      if (r.isError) return { edit: null, message: r.text, edits: 0 };
      if (!r.edit) return { edit: null, message: 'Nothing to change.', edits: 0 };
      const edits = Object.values(r.edit.changes ?? {}).reduce((n, l) => n + l.length, 0);
      return { edit: r.edit, edits, message: `${edits} edit(s) in ${r.changed?.length ?? 0} document(s).` };
    } finally {
      sub.dispose();
    }
  };

  onDocRequest(P.RENUMBER, 'renumber', (hit, _p, uri, token) => editBy(hit, uri, 'patent_renumber', {}, token));
  onDocRequest(P.REPLACE_TERM, 'replace term', (hit, p: P.ReplaceTermParams, uri, token) =>
    editBy(hit, uri, 'patent_replace_term', { from: p.from, to: p.to, ...(p.scope ? { scope: p.scope } : {}) }, token),
  );
  onDocRequest(P.INSERT_CLAIMS, 'insert claims', (hit, p: P.InsertClaimsParams, uri, token) => editBy(hit, uri, 'patent_insert_claims', { after: p.after, claims: p.claims }, token));
  onDocRequest(P.APPLY_FIXES, 'apply fixes', (hit, p: P.ApplyFixesParams, uri, token) =>
    editBy(hit, uri, 'patent_apply_fixes', { ...(p.findings ? { findings: p.findings } : {}), ...(p.codes ? { codes: p.codes } : {}) }, token),
  );
  onDocRequest(P.GLOSSARY_EDIT, 'glossary edit', async (hit, p: P.GlossaryEditParams): Promise<P.EditResult> => {
    const preferred = typeof p.preferred === 'string' ? p.preferred.trim() : '';
    if (!preferred || preferred.length > 200) return { edit: null, message: 'Give the preferred term (at most 200 characters).', edits: 0 };
    const avoid = Array.isArray(p.avoid) ? p.avoid.filter((a): a is string => typeof a === 'string' && a.length <= 200).slice(0, 32) : [];
    const g = await glossaryOf(hit.matter);
    if (!g) return { edit: null, message: 'The matter has no folder the glossary could be kept in.', edits: 0 };
    const edit = service.glossaryEntryEdit(g.uri, g.text, preferred, avoid, createFiles);
    if (!edit) return { edit: null, message: g.text !== undefined ? `"${preferred}" is in the glossary already.` : 'The glossary does not exist and the client cannot create files.', edits: 0 };
    return { edit, edits: 1, message: `Adds "${preferred}" to ${service.GLOSSARY_PATH}.` };
  });

  // Drafting.
  connection.onNotification(P.DRAFTING_CONFIGURE, (p: P.DraftingConfigureParams) => {
    void whenLoaded.then(
      (l) => l.drafting.configure(p),
      () => undefined,
    );
    if (typeof p?.trusted === 'boolean') setTrust(p.trusted);
  });
  connection.onRequest(P.DRAFTING_STATUS, async () => (await whenLoaded).drafting.status());
  connection.onRequest(P.DRAFTING_TEST, async () => (await withDrafting(P.DRAFTING_TEST)).testConnection());

  const draftContext = async (hit: { matter: ServerMatter; analysis: Analysis }) => {
    const root = hit.matter.host.toPath(hit.matter.base.root) ?? '';
    return (await withDrafting('draft context')).context(hit.analysis, root, hit.matter.host.workspace);
  };
  const readTask = (t: unknown): DraftTask => {
    const task = t as DraftTask | undefined;
    if (!task || typeof task !== 'object' || !TASK_KINDS.includes(task.kind)) throw new DraftError('bad-task', `task.kind must be one of ${TASK_KINDS.join(', ')}`);
    return task;
  };

  onDocRequest(P.DRAFTING_PROMPT, 'prompt', async (hit, p: P.DraftPromptParams): Promise<P.DraftPromptResult> =>
    (await withDrafting(P.DRAFTING_PROMPT)).prompt(readTask(p.task), await draftContext(hit)),
  );

  connection.onRequest(P.DRAFT, async (p: P.DraftParams, token: CancellationToken): Promise<P.DraftResult> => {
    const id = typeof p?.id === 'string' ? p.id.slice(0, 200) : '';
    const fail = (kind: P.DraftErrorKind, message: string, extra: { code?: string; endpoints?: string[] } = {}): P.DraftResult => ({ id, error: { kind, message, ...extra } });
    const uri = DOC_PARAMS(p);
    if (!uri) return fail('bad-task', `${P.DRAFT} takes { id, textDocument: { uri }, task }`);
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    let chunks = 0;
    let chars = 0;
    const started = performance.now();
    let lazy: Lazy;
    try {
      lazy = await loadLazy(P.DRAFT);
    } catch (err) {
      sub.dispose();
      return fail('backend', `drafting could not load: ${(err as Error).message}`);
    }
    const { drafting, DraftRefusal } = lazy;
    try {
      const hit = await analysisFor(uri, token);
      if (!hit) return fail('no-matter', 'This document is in no patent matter: open a claims.md or a document with a "## Claims" section.');
      let task = readTask(p.task);
      if (typeof p.partial === 'string' && task.kind === 'continue') task = { ...task, text: p.partial.slice(0, P.MAX_DRAFT_BYTES) };
      const backend = await drafting.backend(p.automatic === true);
      const ctx = await draftContext(hit);
      for await (const chunk of backend.generate(task, ctx, { signal: controller.signal })) {
        if (token.isCancellationRequested) return fail('cancelled', 'drafting cancelled');
        chunks++;
        chars += chunk.text.length;
        if (chunks > P.MAX_DRAFT_CHUNKS || chars > P.MAX_DRAFT_BYTES) {
          controller.abort();
          return fail(
            'limit',
            `the generation went over ${chunks > P.MAX_DRAFT_CHUNKS ? `${P.MAX_DRAFT_CHUNKS} chunks` : `${P.MAX_DRAFT_BYTES} characters`} and was stopped; what arrived is incomplete (lower patentDraft.triton max tokens or ask for less)`,
          );
        }
        const note: P.DraftChunkParams = { id, seq: chunks - 1, chunk };
        await connection.sendNotification(P.DRAFT_CHUNK, note);
      }
      log(`draft ${task.kind} by ${backend.id}: ${chunks} chunk(s), ${chars} chars in ${(performance.now() - started).toFixed(0)} ms`);
      return { id, done: true, chunks, backend: backend.id };
    } catch (err) {
      if (token.isCancellationRequested || controller.signal.aborted) return fail('cancelled', 'drafting cancelled');
      if (err instanceof DraftRefusal) return fail(err.kind, err.message, err.extra);
      const conn = drafting.failed(err);
      if (conn) return fail('connection', conn.message, conn.extra);
      if (err instanceof DraftError) return fail(err.code, err.message);
      if (err instanceof ResponseError) throw err;
      connection.console.error(`draft failed: ${(err as Error).name}`);
      return fail('backend', `drafting failed: ${(err as Error).message}`);
    } finally {
      sub.dispose();
    }
  });

  // Language-model tools.
  connection.onRequest(P.TOOL, async (p: P.ToolCallParams, token: CancellationToken): Promise<P.ToolCallResult> => {
    if (!p || typeof p.name !== 'string') return { text: `${P.TOOL} takes { name, input, textDocument? }`, isError: true };
    const { runTool, unknownTool } = await tools(P.TOOL);
    const unknown = unknownTool(p.name);
    if (unknown) return unknown;
    const uri = DOC_PARAMS(p);
    let matter: ServerMatter | undefined;
    if (uri) matter = (await analysisFor(uri, token))?.matter;
    else {
      const all = await store.all();
      matter = all.length === 1 ? all[0] : undefined;
    }
    if (!matter) return { text: 'No patent matter is open: open a claims.md (or a document with a "## Claims" section) and call the tool again.', isError: true };
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const input = p.input && typeof p.input === 'object' && !Array.isArray(p.input) ? p.input : {};
      return await runTool(p.name, input, {
        matter,
        open,
        settings: await settingsFor(matter.folder),
        drafting: async () => (await withDrafting(P.TOOL)).backend(false),
        signal: controller.signal,
        log,
      });
    } finally {
      sub.dispose();
    }
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    if (lazyTimer) clearTimeout(lazyTimer);
    void lazyLoad?.then(
      (l) => l.drafting.dispose(),
      () => undefined,
    );
  });

  documents.listen(connection);
  connection.listen();
}

/** Starts the server on stdin/stdout (all logging goes to the client's log, never to stdout). */
export function runStdioServer(): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    process.stdin.on('end', () => resolve());
  });
}
