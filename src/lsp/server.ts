// `patent-draft lsp --stdio`: the language server (LSP 3.17 on vscode-languageserver). Every
// answer comes from the service layer (src/service) over the core's analysis of the matter the
// document belongs to; this file only speaks the protocol: document sync, debounced analysis,
// push and pull diagnostics, configuration, watched files and the custom requests.
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  RequestType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentIdentifier,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isConfidence, type Analysis, type CheckCode, type CheckSettings, type Severity } from '../core/index';
import { MAX_FILE_BYTES, readMarkdownFile } from '../node/workspace';
import * as service from '../service/index';
import { canonicalUri, MatterStore, uriToPath, type OpenText, type ServerMatter } from './matters';

export const SECTION = 'patentDraft';
export const CLAIM_TREE_REQUEST = new RequestType<{ textDocument: TextDocumentIdentifier }, service.ClaimTreeResult | null, void>('patentDraft/claimTree');
export const REPORT_REQUEST = new RequestType<{ textDocument: TextDocumentIdentifier }, service.MatterReport | null, void>('patentDraft/report');

/** The client's `patentDraft` settings the server reads (the same names as the VS Code extension's). */
interface ClientConfig {
  jurisdiction?: string;
  mode?: string;
  severity?: Record<string, string>;
  minConfidence?: string;
  debounceMs?: number;
  codeLens?: { enabled?: boolean };
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
const DEFAULT_DEBOUNCE_MS = 150;

/** Client settings as the core's, the base the matter's own settings file goes over (src/core/settings.ts). */
export function settingsFromClient(c: ClientConfig | null | undefined): Partial<CheckSettings> {
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

/** The README shipped beside the bundle (dist/../README.md) or the source tree, for the catalogue link. */
function docsUri(): string | undefined {
  for (const p of [path.join(__dirname, '..', 'README.md'), path.join(__dirname, '..', '..', 'README.md')]) if (existsSync(p)) return pathToFileURL(p).href;
  return undefined;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const open = new Map<string, OpenText>();
  let configSupport = false;
  let watchSupport = false;
  let pullSupport = false;
  let createFiles = false;
  let initConfig: ClientConfig | undefined;
  const configs = new Map<string, Promise<ClientConfig | undefined>>();
  const clientConfig = (scopeUri: string): Promise<ClientConfig | undefined> => {
    if (!configSupport) return Promise.resolve(initConfig);
    let p = configs.get(scopeUri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri, section: SECTION }).then(
        (c) => (c && typeof c === 'object' ? (c as ClientConfig) : initConfig),
        () => initConfig,
      );
      configs.set(scopeUri, p);
    }
    return p;
  };
  const store = new MatterStore(async (folderUri) => settingsFromClient(await clientConfig(folderUri)));
  const docs = docsUri();
  const timers = new Map<ServerMatter, ReturnType<typeof setTimeout>>();
  /** Document uris each matter last pushed diagnostics to, so removed findings are cleared. */
  const published = new Map<string, Set<string>>();
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

  const publish = (m: ServerMatter): void => {
    const a = m.analysis;
    if (!a) return;
    if (pullSupport) {
      // The client asks per document; tell it the answers changed (a sibling's edit changes this one's findings).
      void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      return;
    }
    const before = published.get(m.folder + '\u0000' + m.id) ?? new Set<string>();
    const now = new Set<string>();
    for (const [uri, diagnostics] of service.matterDiagnostics(a, { docsUri: docs })) {
      const o = open.get(uri);
      void connection.sendDiagnostics({ uri, version: o?.version, diagnostics });
      now.add(uri);
    }
    for (const uri of before) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.set(m.folder + '\u0000' + m.id, now);
  };

  const schedule = (m: ServerMatter, delay: number): void => {
    const t = timers.get(m);
    if (t) clearTimeout(t);
    timers.set(
      m,
      setTimeout(() => {
        timers.delete(m);
        try {
          analysisOf(m);
          publish(m);
        } catch (err) {
          connection.console.error(`${m.id}: analysis failed: ${(err as Error).name}`);
        }
      }, delay),
    );
  };

  const debounceFor = async (uri: string): Promise<number> => {
    const file = uriToPath(uri);
    const c = file ? await clientConfig(pathToFileURL(path.dirname(file)).href) : initConfig;
    const d = c?.debounceMs;
    return typeof d === 'number' && Number.isFinite(d) ? Math.min(Math.max(d, 0), 5000) : DEFAULT_DEBOUNCE_MS;
  };

  const onTextChange = async (uri: string, immediate: boolean): Promise<void> => {
    const o = open.get(uri);
    if (o && tooLarge(uri, o.text)) return;
    const m = await store.matterOf(uri, open, onError);
    if (m) schedule(m, immediate ? 0 : await debounceFor(uri));
  };

  /** Re-reads every folder read so far and re-analyses its matters (settings or files changed). */
  const reloadAll = async (dirs?: string[]): Promise<void> => {
    const before = await store.all();
    if (dirs) for (const d of dirs) store.invalidate(d);
    else store.invalidateAll();
    const folders = new Set([...before.map((m) => m.folder), ...[...open.keys()].map((u) => uriToPath(u)).filter((p): p is string => !!p).map((p) => path.dirname(p))]);
    for (const dir of folders) {
      if (dirs && !dirs.includes(dir)) continue;
      for (const m of await store.folder(dir, onError)) schedule(m, 0);
    }
    // Documents no matter holds any more (their files deleted) lose their diagnostics; the others
    // keep theirs until their matter publishes again (no flicker while folders are re-read).
    const matters = await store.all();
    const live = new Set(matters.map((m) => m.folder + '\u0000' + m.id));
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

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    configSupport = caps.workspace?.configuration === true;
    watchSupport = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    pullSupport = caps.textDocument?.diagnostic !== undefined;
    createFiles = (caps.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create');
    const init = params.initializationOptions as { patentDraft?: ClientConfig } | ClientConfig | undefined;
    initConfig = (init && typeof init === 'object' && 'patentDraft' in init ? init.patentDraft : (init as ClientConfig | undefined)) ?? undefined;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        renameProvider: { prepareProvider: true },
        referencesProvider: true,
        definitionProvider: true,
        documentSymbolProvider: { label: 'Patent Draft' },
        diagnosticProvider: { identifier: 'patent-draft', interFileDependencies: true, workspaceDiagnostics: false },
      },
      serverInfo: { name: 'patent-draft', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configSupport) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
    if (watchSupport) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/.patentdraft/*' }] }).catch(() => undefined);
    }
    log(`started (pull diagnostics: ${pullSupport}, configuration: ${configSupport}, watched files: ${watchSupport})`);
  });

  documents.onDidOpen((e) => {
    const uri = canonicalUri(e.document.uri);
    open.set(uri, { text: e.document.getText(), version: e.document.version });
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
    // The file's text counts again (unsaved edits were dropped or saved): read the folder again.
    const file = uriToPath(uri);
    if (file) void reloadAll([path.dirname(file)]);
  });
  documents.onDidSave((e) => {
    const file = uriToPath(canonicalUri(e.document.uri));
    if (file && !watchSupport) void reloadAll([path.dirname(file)]);
  });

  connection.onDidChangeConfiguration(() => {
    configs.clear();
    void reloadAll();
  });

  connection.onDidChangeWatchedFiles((e) => {
    const dirs = new Set<string>();
    for (const c of e.changes.slice(0, 10000)) {
      const file = uriToPath(canonicalUri(c.uri));
      if (!file) continue;
      const dir = path.dirname(file);
      dirs.add(path.basename(dir) === '.patentdraft' ? path.dirname(dir) : dir);
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
    const items = hit ? guard('diagnostics', [], () => service.documentDiagnostics(hit.analysis, canonicalUri(params.textDocument.uri), { docsUri: docs })) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onHover(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    return hit ? guard('hover', null, () => service.hover(hit.analysis, canonicalUri(p.textDocument.uri), p.position)) : null;
  });

  connection.onCodeAction(async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    if (!hit) return [];
    const root = uriToPath(hit.matter.base.root);
    const glossaryUri = root ? pathToFileURL(path.join(root, service.GLOSSARY_PATH)).href : undefined;
    const glossaryOpen = glossaryUri ? open.get(glossaryUri) : undefined;
    let glossaryText = glossaryOpen?.text;
    if (glossaryUri && glossaryText === undefined && root) {
      try {
        glossaryText = await readMarkdownFile(path.join(root, service.GLOSSARY_PATH));
      } catch {
        glossaryText = undefined;
      }
    }
    return guard('code actions', [], () =>
      service.codeActions(hit.analysis, canonicalUri(p.textDocument.uri), p.range, p.context.diagnostics, {
        glossary: glossaryUri ? { uri: glossaryUri, text: glossaryText } : undefined,
        canCreateFiles: createFiles,
      }),
    );
  });

  connection.onCodeLens(async (p, token) => {
    const file = uriToPath(canonicalUri(p.textDocument.uri));
    const c = file ? await clientConfig(pathToFileURL(path.dirname(file)).href) : initConfig;
    if (c?.codeLens?.enabled === false) return [];
    const hit = await analysisFor(p.textDocument.uri, token);
    return hit ? guard('code lens', [], () => service.codeLenses(hit.analysis, canonicalUri(p.textDocument.uri))) : [];
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

  connection.onRequest(CLAIM_TREE_REQUEST, async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    return hit ? guard('claim tree', null, () => service.claimTree(hit.analysis)) : null;
  });

  connection.onRequest(REPORT_REQUEST, async (p, token) => {
    const hit = await analysisFor(p.textDocument.uri, token);
    if (!hit) return null;
    const root = uriToPath(hit.matter.base.root);
    return guard('report', null, () => service.matterReport(hit.analysis, root ? path.basename(root) : 'matter'));
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
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
