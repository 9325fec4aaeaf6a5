// The language server in its own Node process (issue 11): the one place the extension talks to it.
// The server (src/lsp, the bundle dist/server.js) analyses every matter; the extension host only
// shows what it answers. Standard features (diagnostics, code actions, hover, code lens, rename,
// references, definition, symbols) come straight from vscode-languageclient; the views, commands,
// drafting and the language-model tools ask through `request` and refresh on `onMatterChanged`.
// Lifetimes (rust-analyzer's two kinds): this object lives as long as the extension; the connection
// inside it is restarted by the client on a crash, and `onDidRestart` tells the views.
import type { ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { CodeLensRequest, IPCMessageReader, IPCMessageWriter, LanguageClient, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { readConfig, SECTION } from './config';
import { readDraftingConfig } from './drafting/config';
import { describeError, log } from './log';
import { clientFiles } from './clientFiles';
import { serverSchemes } from './schemes';
import { forkServer, ServerProcesses, type ForkedServer } from './serverProcess';
import * as protocol from '../lsp/protocol';

/** The workspace folders' schemes. */
function folderSchemes(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme);
}
/** Settings the server never takes from workspace/configuration (user-only: sent with drafting/configure). */
const USER_ONLY_KEYS = ['backend', 'triton'];
/** The longest a view waits for the server to answer one request. */
const REQUEST_TIMEOUT_MS = 15_000;

/** The resource-independent settings the server starts with (the per-folder ones come through workspace/configuration). */
function initialSettings(): Record<string, unknown> {
  const c = readConfig();
  return {
    jurisdiction: c.jurisdiction,
    mode: c.mode,
    severity: c.severity,
    minConfidence: c.minConfidence,
    debounceMs: c.debounceMs,
    codeLens: { enabled: c.codeLens },
    descriptionStyle: c.descriptionStyle,
    files: c.files,
  };
}

/** The workspace configuration the client answers for a scope, without the user-only connection settings. */
function withoutUserOnly(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of USER_ONLY_KEYS) delete copy[k];
  return copy;
}

export class PatentClient implements vscode.Disposable {
  readonly client: LanguageClient;
  private readonly matterChanged = new vscode.EventEmitter<protocol.MatterChangedParams>();
  private readonly restarted = new vscode.EventEmitter<void>();
  private readonly published = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The last notification per matter id, so a view opened later knows whether a matter is being checked. */
  private readonly states = new Map<string, protocol.MatterChangedParams>();
  /** Resolves when the server answered `initialize` (rejects if it could not start). */
  readonly ready: Promise<void>;
  /** performance.now() when the server process was asked to start, and when it answered. */
  readonly startedAt: number;
  readyAt?: number;

  /** Fires when the server starts checking a matter (checking: true) and when its findings are published. */
  readonly onMatterChanged = this.matterChanged.event;
  /** Fires when the server published a document's diagnostics (before VS Code shows them). */
  readonly onDidPublishDiagnostics = this.published.event;
  /** Fires when the connection came back after the server restarted (every view asks again). */
  readonly onDidRestart = this.restarted.event;

  /** The server's process now and before: a restart (after a crash, or for a new scheme) ends the previous one first. */
  private readonly servers: ServerProcesses;
  /** The documents given to the server: disk, remote disks and the workspace folders' own schemes (src/extension/schemes.ts);
   *  grows (and the client restarts) when a folder of a new scheme is added. */
  private readonly selector = serverSchemes(folderSchemes()).map((scheme) => ({ language: 'markdown', scheme }));

  /** `started`: the server's process, forked by dist/extension.js before this bundle loaded (start.ts); used once. */
  constructor(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel, started?: ForkedServer) {
    this.startedAt = started?.forkedAt ?? performance.now();
    // The process forked before this bundle loaded is taken only if it still runs (ServerProcesses.next).
    this.servers = new ServerProcesses(
      () => forkServer(context.extensionUri.fsPath, context.globalStorageUri.fsPath).process,
      started?.process,
      (message) => log().warn(message),
    );
    // IPC as vscode-languageclient's TransportKind.ipc, its stdout and stderr into the log as it does.
    const serverOptions: ServerOptions = async () => {
      const proc: ChildProcess = await this.servers.next();
      proc.once('exit', (code, signal) => log().info(`the language server's process exited (code ${code}, signal ${signal})`));
      for (const s of [proc.stdout, proc.stderr]) s?.on('data', (d: Buffer | string) => channel.append(d.toString()));
      return { reader: new IPCMessageReader(proc), writer: new IPCMessageWriter(proc) };
    };
    const watchers = [vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}'), vscode.workspace.createFileSystemWatcher('**/.patentdraft/*')];
    this.disposables.push(...watchers);
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.selector,
      synchronize: { fileEvents: watchers },
      outputChannel: channel,
      // The server's own messages say what failed; the log is one click away, never forced open.
      revealOutputChannelOn: 4,
      initializationOptions: () =>
        ({
          patentDraft: initialSettings(),
          pushDiagnostics: true,
          trusted: vscode.workspace.isTrusted,
          clientFiles: true,
          lensCommands: true,
        }) satisfies protocol.InitializationOptions,
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        handleDiagnostics: (uri, diagnostics, next) => {
          next(uri, diagnostics);
          this.published.fire(uri);
        },
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return result.map((r, i) => (params.items[i]?.section === SECTION ? withoutUserOnly(r) : r));
          },
        },
      },
    };
    this.client = new LanguageClient('patentDraft', 'Patent Draft', serverOptions, clientOptions);
    this.disposables.push(
      this.matterChanged,
      this.restarted,
      this.published,
      this.client.onNotification(protocol.MATTER_CHANGED, (p: protocol.MatterChangedParams) => {
        this.states.set(p.matter, p);
        if (!p.checking) this.refreshCodeLenses(p.uris);
        this.matterChanged.fire(p);
      }),
      this.client.onDidChangeState((e) => {
        if (e.oldState === State.Starting && e.newState === State.Running && this.readyAt !== undefined) {
          this.states.clear();
          // A new server starts with the default drafting settings: send the user's again (backend, endpoints, token).
          this.sendDraftingSettings();
          this.restarted.fire();
        }
      }),
      // Virtual workspaces: the server reads what it cannot reach itself through workspace.fs (bounded: clientFiles.ts).
      this.client.onRequest(protocol.READ_FILE, (p: protocol.ReadFileParams) => clientFiles.read(p)),
      this.client.onRequest(protocol.LIST_FILES, (p: protocol.ListFilesParams) => clientFiles.list(p)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.backend`) || e.affectsConfiguration(`${SECTION}.triton`) || e.affectsConfiguration(`${SECTION}.drafting`)) this.sendDraftingSettings();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        // Bounded as the first list: the schemes held first, then the new folders' (at most 16 in all).
        const added = serverSchemes([...this.selector.map((d) => d.scheme), ...folderSchemes()]).filter((scheme) => !this.handles(scheme));
        if (!added.length) return;
        this.selector.push(...added.map((scheme) => ({ language: 'markdown', scheme })));
        log().info(`a workspace folder of scheme ${added.join(', ')} was added: the language server restarts to take its documents`);
        if (this.client.state === State.Running) void this.servers.restart(this.client).catch((err) => log().error(`the language server could not restart: ${describeError(err)}`));
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.client.state !== State.Running) return;
        void this.client.sendNotification(protocol.TRUST_CHANGED, { trusted: true } satisfies protocol.TrustChangedParams).catch(() => undefined);
        this.sendDraftingSettings();
      }),
    );
    this.ready = this.client.start().then(() => {
      this.readyAt = performance.now();
      log().info(`language server ready in ${(this.readyAt - this.startedAt).toFixed(0)} ms`);
      this.sendDraftingSettings();
    });
    this.ready.catch((err) => log().error(`the language server could not start: ${describeError(err)}`));
  }

  /** The secrets the drafting settings carry (the Triton token, the plaintext endpoints the user accepted): the drafting engine sets it. */
  draftingSecrets: () => Promise<Pick<protocol.DraftingSettings, 'token' | 'plaintextAccepted'>> = async () => ({});

  /** The user-only drafting settings (backend, Triton connection), never a workspace's (src/extension/drafting/config.ts userOnly()). */
  sendDraftingSettings(): void {
    if (this.client.state !== State.Running) return;
    void (async () => {
      const c = readDraftingConfig();
      const params: protocol.DraftingConfigureParams = { backend: c.backend, trusted: vscode.workspace.isTrusted, triton: c.triton, tokenBudget: c.tokenBudget, ...(await this.draftingSecrets()) };
      await this.client.sendNotification(protocol.DRAFTING_CONFIGURE, params);
    })().catch((err) => log().warn(`drafting settings not sent: ${describeError(err)}`));
  }

  /** New findings were published: the visible documents' code lenses are asked for again at once (VS Code
   *  would otherwise wait its own delay after an edit, and a lens of an accepted claim read stale meanwhile). */
  private refreshCodeLenses(uris: readonly string[]): void {
    try {
      const feature = this.client.getFeature(CodeLensRequest.method);
      const wanted = new Set(uris);
      for (const ed of vscode.window.visibleTextEditors) {
        if (wanted.has(ed.document.uri.toString())) feature.getProvider(ed.document)?.onDidChangeCodeLensEmitter.fire();
      }
    } catch (err) {
      log().debug(`code lens refresh skipped: ${describeError(err)}`);
    }
  }

  /** Whether the server is given documents of this scheme (its document selector). */
  handles(scheme: string): boolean {
    return this.selector.some((d) => d.scheme === scheme);
  }

  /** Whether any matter is being checked for the first time or again (the status bar's "checking…"). */
  checking(uri?: string): boolean {
    for (const s of this.states.values()) if (s.checking && (!uri || s.uris.includes(uri))) return true;
    return false;
  }

  /** Sends a request once the server runs; a failure is logged by method and answered with `fallback`. */
  async request<R>(method: string, params: unknown, fallback: R, token?: vscode.CancellationToken): Promise<R> {
    const started = performance.now();
    try {
      await this.ready;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
      });
      try {
        const result = await Promise.race([token ? this.client.sendRequest<R>(method, params, token) : this.client.sendRequest<R>(method, params), limit]);
        log().trace(`${method} answered in ${(performance.now() - started).toFixed(1)} ms`);
        return result ?? fallback;
      } finally {
        clearTimeout(timer);
      }
    } catch (err) {
      if (token?.isCancellationRequested) return fallback;
      log().warn(`${method} failed after ${(performance.now() - started).toFixed(0)} ms: ${describeError(err)}`);
      return fallback;
    }
  }

  /** Like `request`, but a failure is thrown (commands that must tell the user). */
  async requestOrThrow<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R> {
    await this.ready;
    return token ? this.client.sendRequest<R>(method, params, token) : this.client.sendRequest<R>(method, params);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    // The server exits on the protocol's exit; one that does not is ended (a bounded wait, then killed).
    void this.servers.stop(this.client);
  }
}
