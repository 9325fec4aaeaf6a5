// The drafting engine as the editor sees it: drafting runs in the language server (patentDraft/draft,
// the built-in engine or Triton through src/drafting and src/inference, over the server's analysis);
// this side streams its chunks (patentDraft/draftChunk, cancelled with $/cancelRequest), keeps the
// user-only settings and secrets (the Triton token in SecretStorage, the plaintext endpoints the user
// accepted) and sends them (patentDraft/drafting/configure), shows the backend's state in the status
// bar (patentDraft/drafting/state), the one "server unreachable" message, Test Connection and Set
// Triton Token.
import * as vscode from 'vscode';
import type { PatentClient } from '../client';
import { describeError, log } from '../log';
import { SECTION } from './config';
import { DRAFTING_COMMANDS, PLAINTEXT_OK_STATE, TOKEN_SECRET } from './ids';
import {
  DRAFT,
  DRAFT_CHUNK,
  DRAFTING_STATE,
  DRAFTING_STATUS,
  DRAFTING_TEST,
  MAX_DRAFT_BYTES,
  MAX_DRAFT_CHUNKS,
  type DraftChunk,
  type DraftChunkParams,
  type DraftErrorKind,
  type DraftingStatus,
  type DraftParams,
  type DraftResult,
  type DraftTask,
  type TestConnectionResult,
} from '../../lsp/protocol';

/** A generation that ended without its last chunk: why, in the server's terms. */
export class DraftFailure extends Error {
  constructor(
    readonly kind: DraftErrorKind,
    message: string,
    readonly code?: string,
    readonly endpoints?: string[],
  ) {
    super(message);
    this.name = 'DraftFailure';
  }
}

/** How long a chunk may take to arrive before the stream counts as stalled (the server has its own deadlines). */
const CHUNK_STALL_MS = 120_000;

export class DraftingEngine implements vscode.Disposable {
  private status?: DraftingStatus;
  /** The unreachable message was shown; cleared when the settings change or a request succeeds. */
  private failureShown = false;
  private readonly askedPlaintext = new Set<string>();
  private seq = 0;
  /** Chunk listeners by generation id. */
  private readonly streams = new Map<string, (p: DraftChunkParams) => void>();
  /** Whether the status bar item shows (the extension sets it: only where there is a matter). */
  visible: () => boolean = () => true;
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: PatentClient,
  ) {
    this.item = vscode.window.createStatusBarItem('patentDraft.drafting', vscode.StatusBarAlignment.Left, 49);
    this.item.name = 'Patent Draft: Drafting Engine';
    this.item.command = DRAFTING_COMMANDS.testConnection;
    client.draftingSecrets = async () => ({
      token: (await context.secrets.get(TOKEN_SECRET)) ?? undefined,
      plaintextAccepted: context.globalState.get<string[]>(PLAINTEXT_OK_STATE, []),
    });
    this.disposables.push(
      this.item,
      client.client.onNotification(DRAFT_CHUNK, (p: DraftChunkParams) => this.streams.get(p.id)?.(p)),
      client.client.onNotification(DRAFTING_STATE, (s: DraftingStatus) => this.setStatus(s)),
      // A restarted server has its own state (the settings are sent to it again): show what it says, not what the last one did.
      client.onDidRestart(() => void this.refreshStatus()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.backend`) || e.affectsConfiguration(`${SECTION}.triton`)) {
          this.failureShown = false;
          void this.refreshStatus();
        }
      }),
      context.secrets.onDidChange((e) => {
        if (e.key === TOKEN_SECRET) client.sendDraftingSettings();
      }),
    );
    void client.ready.then(() => this.refreshStatus()).catch(() => undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.streams.clear();
  }

  private setStatus(s: DraftingStatus): void {
    this.status = s;
    this.render();
  }

  private async refreshStatus(): Promise<void> {
    const s = await this.client.request<DraftingStatus | null>(DRAFTING_STATUS, {}, null);
    if (s) this.setStatus(s);
  }

  /** Shows or hides the status bar item after `visible` may have changed. */
  refresh(): void {
    this.render();
  }

  private render(): void {
    const s = this.status;
    if (!s) {
      this.item.hide();
      return;
    }
    const ttft = s.lastTtftMs !== undefined ? ` · ${Math.round(s.lastTtftMs)} ms` : '';
    const icon = s.state === 'streaming' ? '$(loading~spin)' : s.state === 'unreachable' ? '$(debug-disconnect)' : '$(sparkle)';
    if (s.configured === 'builtin') {
      this.item.text = `${icon} Built-in`;
      this.item.tooltip = 'Patent Draft drafts with the built-in offline engine. Click to test the connection; set patentDraft.backend to "triton" to use your Triton server.';
    } else {
      const label: Record<DraftingStatus['state'], string> = {
        builtin: 'built-in',
        idle: 'not connected yet',
        connecting: 'connecting',
        ready: 'ready',
        streaming: 'generating',
        unreachable: 'unreachable',
        untrusted: 'built-in (untrusted workspace)',
        'not-configured': 'no endpoint set',
      };
      this.item.text = `${icon} Triton: ${s.model ?? 'ensemble'} · ${label[s.state]}${ttft}`;
      this.item.tooltip = `Patent Draft drafting backend: Triton, model ${s.model ?? 'ensemble'} on ${s.endpoints.join(', ') || '(no endpoint)'}. State: ${label[s.state]}.${s.lastTtftMs !== undefined ? ` Last time to first token: ${Math.round(s.lastTtftMs)} ms.` : ''} Click to test the connection.`;
    }
    this.item.accessibilityInformation = { label: String(this.item.tooltip), role: 'button' };
    if (this.visible()) this.item.show();
    else this.item.hide();
  }

  /** Whether the server failed in the last 30 s (automatic inline requests wait meanwhile). */
  recentlyFailed(): boolean {
    return this.status?.recentlyFailed === true;
  }

  /** The backend the drafting runs on now (for messages). */
  get backendId(): 'builtin' | 'triton' {
    return this.status?.backend ?? 'builtin';
  }

  /**
   * Runs a task in the server: its chunks in order, until the last (`done`) or an error
   * (DraftFailure). Aborting `signal` cancels the request, which stops the generation there.
   * Bounded: MAX_DRAFT_CHUNKS chunks and MAX_DRAFT_BYTES characters, a stalled stream ends.
   * `interactive`: the user asked (a command): a plaintext endpoint may be accepted now, and the request retried once.
   */
  async *generate(uri: string, task: DraftTask, options: { signal?: AbortSignal; partial?: string; interactive: boolean }): AsyncGenerator<DraftChunk> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        yield* this.once(uri, task, options);
        this.failureShown = false;
        return;
      } catch (err) {
        if (attempt === 0 && err instanceof DraftFailure && err.kind === 'plaintext' && err.endpoints?.length && (await this.askPlaintext(err.endpoints, options.interactive))) continue;
        throw err;
      }
    }
  }

  private async *once(uri: string, task: DraftTask, options: { signal?: AbortSignal; partial?: string; interactive: boolean }): AsyncGenerator<DraftChunk> {
    const id = `d${++this.seq}`;
    const queue: DraftChunk[] = [];
    let wake: (() => void) | undefined;
    let finished: DraftResult | undefined;
    let failed: unknown;
    let chunks = 0;
    let bytes = 0;
    let next = 0;
    const early = new Map<number, DraftChunk>();
    const push = (c: DraftChunk) => {
      chunks++;
      bytes += c.text.length;
      if (chunks > MAX_DRAFT_CHUNKS || bytes > MAX_DRAFT_BYTES) {
        failed ??= new DraftFailure('limit', `the drafting stopped: more than ${MAX_DRAFT_CHUNKS} chunks or ${MAX_DRAFT_BYTES} characters`);
        cts.cancel();
      } else queue.push(c);
    };
    this.streams.set(id, (p) => {
      // In order by seq (notifications arrive in order; a reordered one waits for its turn).
      early.set(p.seq, p.chunk);
      while (early.has(next)) {
        push(early.get(next)!);
        early.delete(next++);
      }
      wake?.();
    });
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    options.signal?.addEventListener('abort', onAbort);
    const params: DraftParams = { textDocument: { uri }, id, task, ...(options.partial !== undefined ? { partial: options.partial } : {}), automatic: !options.interactive };
    const started = performance.now();
    this.client
      .requestOrThrow<DraftResult>(DRAFT, params, cts.token)
      .then(
        (r) => (finished = r),
        (err) => (failed ??= options.signal?.aborted ? new DraftFailure('cancelled', 'cancelled') : err),
      )
      .finally(() => wake?.());
    try {
      for (;;) {
        if (queue.length) {
          yield queue.shift()!;
          continue;
        }
        if (failed) throw failed;
        if (finished) {
          if ('error' in finished) throw new DraftFailure(finished.error.kind, finished.error.message, finished.error.code, finished.error.endpoints);
          log().debug(`drafting ${task.kind}: ${chunks} chunk(s), ${bytes} characters in ${(performance.now() - started).toFixed(0)} ms (${finished.backend})`);
          return;
        }
        if (options.signal?.aborted) throw new DraftFailure('cancelled', 'cancelled');
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            failed ??= new DraftFailure('connection', `no text from the language server in ${CHUNK_STALL_MS / 1000} s`);
            resolve();
          }, CHUNK_STALL_MS);
          wake = () => {
            clearTimeout(t);
            wake = undefined;
            resolve();
          };
        });
      }
    } finally {
      this.streams.delete(id);
      options.signal?.removeEventListener('abort', onAbort);
      if (!finished) cts.cancel();
      cts.dispose();
    }
  }

  private async askPlaintext(endpoints: string[], interactive: boolean): Promise<boolean> {
    if (!interactive) {
      // Asked once per session from a typing trigger, without a modal; no suggestion meanwhile.
      const fresh = endpoints.filter((e) => !this.askedPlaintext.has(e));
      if (!fresh.length) return false;
      fresh.forEach((e) => this.askedPlaintext.add(e));
    }
    const send = 'Send Without TLS';
    const msg = `Patent Draft would send claim and disclosure text to ${endpoints.join(', ')} without TLS, readable on the network. Send anyway (remembered for ${endpoints.length === 1 ? 'this endpoint' : 'these endpoints'})?`;
    const asked = vscode.window.showWarningMessage(
      msg,
      { modal: interactive, detail: interactive ? 'Set patentDraft.triton.tls.caFile to use TLS, or use the built-in engine.' : undefined },
      send,
      'Open Settings',
      'Use Built-in Engine',
    );
    const decide = async (picked: string | undefined): Promise<boolean> => {
      if (picked === send) {
        const list = new Set(this.context.globalState.get<string[]>(PLAINTEXT_OK_STATE, []));
        endpoints.forEach((e) => list.add(e));
        await this.context.globalState.update(PLAINTEXT_OK_STATE, [...list]);
        log().info(`plaintext sending accepted for ${endpoints.length} endpoint(s)`);
        this.client.sendDraftingSettings();
        return true;
      }
      if (picked === 'Open Settings') await openTritonSettings();
      if (picked === 'Use Built-in Engine') await useBuiltin();
      return false;
    };
    if (!interactive) {
      void asked.then(decide);
      return false;
    }
    return decide(await asked);
  }

  /**
   * Reports a drafting failure. A connection failure is shown once (with Open Settings / Use
   * Built-in Engine) until the settings change or a request succeeds; other failures are shown
   * when `interactive`. Returns whether it was a connection failure.
   */
  async reportFailure(err: unknown, interactive = true): Promise<boolean> {
    const f = err instanceof DraftFailure ? err : undefined;
    if (f?.kind === 'cancelled') return false;
    if (f && (f.kind === 'connection' || f.kind === 'not-configured')) {
      log().warn(`drafting backend unavailable: ${f.kind}${f.code ? ` (${f.code})` : ''}`);
      void this.refreshStatus();
      if (this.failureShown) return true;
      this.failureShown = true;
      const text =
        f.kind === 'not-configured' ? 'The Triton backend has no endpoint: set patentDraft.triton.endpoints (host:port of the gRPC port).' : `The Triton server cannot be used: ${f.message}`;
      const picked = await vscode.window.showErrorMessage(`Patent Draft: ${text}`, 'Open Settings', 'Use Built-in Engine', 'Test Connection');
      if (picked === 'Open Settings') await openTritonSettings();
      else if (picked === 'Use Built-in Engine') await useBuiltin();
      else if (picked === 'Test Connection') await vscode.commands.executeCommand(DRAFTING_COMMANDS.testConnection);
      return true;
    }
    if (f && f.kind === 'plaintext') return false;
    if (f && f.kind !== 'backend' && f.kind !== 'limit' && f.kind !== 'no-matter') {
      // Nothing to draft here (no claims, no passage to build on): information, not an error.
      log().info(`drafting: nothing to draft (${f.kind})`);
      this.nothingToSuggest(f.message, interactive);
      return false;
    }
    log().warn(`drafting failed: ${f ? f.kind : err instanceof Error ? err.name : typeof err}`);
    if (interactive) {
      const m = f?.kind === 'no-matter' ? 'this document is not part of a patent matter' : err instanceof Error ? err.message : String(err);
      const picked = await vscode.window.showErrorMessage(`Patent Draft: drafting failed: ${m}`, 'Open Log');
      if (picked === 'Open Log') log().show(true);
    }
    return false;
  }

  /** "Nothing grounded to suggest here": a status-bar line while typing; asked for (Ctrl+Alt+\\), a
   *  message offering Suggest Dependent Claims and, on the built-in engine, a model on Triton. */
  nothingToSuggest(reason: string, interactive: boolean): void {
    vscode.window.setStatusBarMessage('$(lightbulb) Patent Draft: nothing grounded to suggest here — try Suggest Dependent Claims', 8000);
    if (!interactive) return;
    const builtin = this.backendId === 'builtin';
    const actions = builtin ? ['Suggest Dependent Claims', 'Use a Model on Triton…'] : ['Suggest Dependent Claims'];
    void vscode.window.showInformationMessage(`Patent Draft: nothing to suggest here: ${reason}.`, ...actions).then((picked) => {
      if (picked === 'Suggest Dependent Claims') void vscode.commands.executeCommand(DRAFTING_COMMANDS.suggestDependentClaims);
      else if (picked) void openTritonSettings();
    });
  }

  async testConnection(): Promise<void> {
    const s = this.status ?? (await this.client.request<DraftingStatus | null>(DRAFTING_STATUS, {}, null));
    if (!s || s.configured === 'builtin') {
      const picked = await vscode.window.showInformationMessage(
        'Patent Draft drafts with the built-in offline engine: there is no server to connect to. To use a model on Triton, set patentDraft.backend to "triton" and its endpoints.',
        'Open Settings',
      );
      if (picked) await openTritonSettings();
      return;
    }
    if (!vscode.workspace.isTrusted) {
      await vscode.window.showWarningMessage('Patent Draft uses the built-in engine in an untrusted workspace: Triton settings are not read until you trust the workspace.', 'OK');
      return;
    }
    if (!s.endpoints.length) {
      await this.reportFailure(new DraftFailure('not-configured', 'no endpoint'));
      return;
    }
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Patent Draft: testing the Triton connection…' }, () =>
      this.client.requestOrThrow<TestConnectionResult>(DRAFTING_TEST, {}),
    );
    this.setStatus(r.status);
    log().info(`test connection: usable=${r.ok}`);
    if (r.ok) {
      this.failureShown = false;
      await vscode.window.showInformationMessage(`Patent Draft: Triton is ready. ${r.lines.join(' · ')}`);
    } else {
      const picked = await vscode.window.showErrorMessage(`Patent Draft: Triton cannot be used. ${r.lines.join(' · ')}`, 'Open Settings', 'Use Built-in Engine');
      if (picked === 'Open Settings') await openTritonSettings();
      else if (picked === 'Use Built-in Engine') await useBuiltin();
    }
  }

  async setToken(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: 'Patent Draft: Triton Token',
      prompt: 'The token sent as "authorization: Bearer …" to your Triton gateway. Stored in the OS keychain (SecretStorage), never in settings. Leave empty to remove it.',
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    try {
      if (value.trim() === '') {
        await this.context.secrets.delete(TOKEN_SECRET);
        void vscode.window.showInformationMessage('Patent Draft: the Triton token was removed.');
      } else {
        await this.context.secrets.store(TOKEN_SECRET, value.trim());
        void vscode.window.showInformationMessage('Patent Draft: the Triton token was stored in the OS keychain.');
      }
    } catch (err) {
      log().error(`the Triton token could not be stored: ${describeError(err)}`);
    }
    this.client.sendDraftingSettings();
  }
}

export async function openTritonSettings(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.triton`);
}

export async function useBuiltin(): Promise<void> {
  // The backend is a user setting (machine scope): a workspace cannot hold it.
  await vscode.workspace.getConfiguration(SECTION).update('backend', 'builtin', vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage('Patent Draft now drafts with the built-in offline engine.');
}
