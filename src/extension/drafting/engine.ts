// The drafting engine the editor uses: the built-in engine, or Triton through one client that
// lives as long as its connection settings (rebuilt only when `patentDraft.triton.*` or the token
// changes). It owns the trust rules (untrusted workspace → built-in; one warning per plaintext
// remote endpoint), the status bar item (backend, model, state, last time to first token), the
// one "server unreachable" message, Test Connection and Set Triton Token.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BuiltinBackend, ChatTemplateError, DraftError, MAX_CHAT_TEMPLATE_BYTES, MODEL_TASKS, TritonBackend, modelFor, parseChatTemplate, promptTemplatePath, TASK_KINDS, type ChatTemplate, type DraftContext, type DraftingBackend, type DraftTaskKind, type ModelTask, type TextGenerator } from '../../drafting/index';
import type { Analysis } from '../../core/index';
import { InferenceError, TritonClient, type GenerateRequest, type LocalCheck, type TlsOptions } from '../../inference/index';
import { describeError, log } from '../log';
import { readMatterBytes } from '../safeRead';
import { InputError, readRegularFile } from '../../node/safeFs';
import type { MatterState } from '../matters';
import { connectionKey, readDraftingConfig, SECTION, type DraftingConfig } from './config';
import { DRAFTING_COMMANDS, PLAINTEXT_OK_STATE, TOKEN_SECRET } from './ids';
import { plaintextRemoteEndpointsResolved } from './trust';

/** A prompt template of the matter's own (.patentdraft/prompts/…): small text, sent with every request. */
const MAX_TEMPLATE_BYTES = 64 * 1024;

export type EngineState = 'builtin' | 'idle' | 'connecting' | 'ready' | 'streaming' | 'unreachable' | 'untrusted' | 'not-configured';

/** Whether a drafting failure means the server cannot be used (rather than one bad request). */
export function connectionFailure(err: unknown): InferenceError | undefined {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof InferenceError && ['unreachable', 'tls', 'auth', 'model-missing', 'model-not-ready', 'layout', 'deadline'].includes(e.code)) return e;
  }
  return undefined;
}

export class DraftingEngine implements vscode.Disposable {
  private client?: TritonClient;
  private clientKey?: string;
  /** Clients of the models `patentDraft.triton.models` maps tasks to, by model name (same connection). */
  private readonly taskClients = new Map<string, TritonClient>();
  private state: EngineState = 'builtin';
  private lastTtftMs?: number;
  private streams = 0;
  /** The unreachable message was shown; cleared when the settings change or a request succeeds. */
  private failureShown = false;
  private askedPlaintext = new Set<string>();
  private failedAt = 0;
  /** Whether the status bar item shows (the extension sets it: only where there is a matter). */
  visible: () => boolean = () => true;
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.item = vscode.window.createStatusBarItem('patentDraft.drafting', vscode.StatusBarAlignment.Left, 49);
    this.item.name = 'Patent Draft: Drafting Engine';
    this.item.command = DRAFTING_COMMANDS.testConnection;
    this.disposables.push(
      this.item,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('patentDraft.triton')) this.dropClient('connection settings changed');
        if (e.affectsConfiguration('patentDraft.backend') || e.affectsConfiguration('patentDraft.triton')) {
          this.failureShown = false;
          this.updateState();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.updateState()),
      context.secrets.onDidChange((e) => {
        if (e.key === TOKEN_SECRET) this.dropClient('token changed');
      }),
    );
    this.updateState();
  }

  dispose(): void {
    this.dropClient('extension stopped');
    for (const d of this.disposables) d.dispose();
  }

  private config(scope?: vscode.Uri): DraftingConfig {
    return readDraftingConfig(scope);
  }

  /** The backend the settings name, if it may be used now. */
  private effectiveBackend(c: DraftingConfig): 'builtin' | 'triton' {
    if (c.backend === 'triton' && !vscode.workspace.isTrusted) return 'builtin';
    return c.backend;
  }

  private dropClient(reason: string): void {
    // The per-task models' clients (patentDraft.triton.models) go with the default one.
    for (const [model, client] of this.taskClients) {
      log().info(`triton client for model ${model} closed (${reason})`);
      try {
        client.close();
      } catch (err) {
        log().warn(`closing the triton client failed: ${describeError(err)}`);
      }
    }
    this.taskClients.clear();
    this.chatTemplateCache = undefined;
    if (!this.client) return;
    log().info(`triton client closed (${reason})`);
    try {
      this.client.close();
    } catch (err) {
      log().warn(`closing the triton client failed: ${describeError(err)}`);
    }
    this.client = undefined;
    this.clientKey = undefined;
    this.updateState();
  }

  /** Shows or hides the status bar item after `visible` may have changed. */
  refresh(): void {
    this.render(this.config());
  }

  private updateState(next?: EngineState): void {
    const c = this.config();
    if (c.backend === 'builtin') {
      this.state = 'builtin';
      this.failedAt = 0;
    }
    else if (!vscode.workspace.isTrusted) this.state = 'untrusted';
    else if (!c.triton.endpoints.length) this.state = 'not-configured';
    else if (next) this.state = next;
    else if (this.state === 'builtin' || this.state === 'untrusted' || this.state === 'not-configured') this.state = 'idle';
    this.render(c);
  }

  private render(c: DraftingConfig): void {
    const ttft = this.lastTtftMs !== undefined ? ` · ${Math.round(this.lastTtftMs)} ms` : '';
    const icon = this.state === 'streaming' ? '$(loading~spin)' : this.state === 'unreachable' ? '$(debug-disconnect)' : '$(sparkle)';
    if (this.state === 'builtin') {
      this.item.text = `${icon} Built-in`;
      this.item.tooltip = 'Patent Draft drafts with the built-in offline engine. Click to test the connection; set patentDraft.backend to "triton" to use your Triton server.';
    } else {
      const label: Record<EngineState, string> = { builtin: '', idle: 'not connected yet', connecting: 'connecting', ready: 'ready', streaming: 'generating', unreachable: 'unreachable', untrusted: 'built-in (untrusted workspace)', 'not-configured': 'no endpoint set' };
      this.item.text = `${icon} Triton: ${c.triton.model} · ${label[this.state]}${ttft}`;
      this.item.tooltip = `Patent Draft drafting backend: Triton, model ${c.triton.model} on ${c.triton.endpoints.join(', ') || '(no endpoint)'}. State: ${label[this.state]}.${this.lastTtftMs !== undefined ? ` Last time to first token: ${Math.round(this.lastTtftMs)} ms.` : ''} Click to test the connection.`;
    }
    this.item.accessibilityInformation = { label: String(this.item.tooltip), role: 'button' };
    if (this.visible()) this.item.show();
    else this.item.hide();
  }

  private async tritonClient(c: DraftingConfig): Promise<TritonClient> {
    const token = await this.context.secrets.get(TOKEN_SECRET);
    const key = connectionKey(c, token);
    if (this.client && this.clientKey === key) return this.client;
    if (this.client) this.dropClient('connection settings changed');
    this.client = this.newClient(c, c.triton.model, token);
    this.clientKey = key;
    log().info(`triton client created: ${c.triton.endpoints.length} endpoint(s), model ${c.triton.model}, tls=${!!(c.triton.tls.caFile || c.triton.tls.certFile || c.triton.tls.keyFile)}, token=${token ? 'set' : 'none'}`);
    return this.client;
  }

  /** The client of a task's own model (`patentDraft.triton.models`), on the default client's connection. */
  private async taskClient(c: DraftingConfig, model: string): Promise<TritonClient> {
    await this.tritonClient(c);
    let client = this.taskClients.get(model);
    if (!client) {
      client = this.newClient(c, model, await this.context.secrets.get(TOKEN_SECRET));
      this.taskClients.set(model, client);
      log().info(`triton client created for model ${model}`);
    }
    return client;
  }

  private newClient(c: DraftingConfig, model: string, token: string | undefined): TritonClient {
    const tlsFiles = c.triton.tls;
    const wantTls = !!(tlsFiles.caFile || tlsFiles.certFile || tlsFiles.keyFile);
    const tls: TlsOptions | false = wantTls ? { caFile: tlsFiles.caFile, certFile: tlsFiles.certFile, keyFile: tlsFiles.keyFile } : false;
    return new TritonClient({
      endpoints: c.triton.endpoints,
      model,
      tls,
      headers: token ? { authorization: `Bearer ${token}` } : undefined,
      callTimeoutMs: c.triton.timeoutMs,
      generationTimeoutMs: c.triton.timeoutMs,
      firstTokenTimeoutMs: c.triton.firstTokenTimeoutMs,
      idleTimeoutMs: c.triton.idleTimeoutMs,
      protoDir: path.join(this.context.extensionUri.fsPath, 'proto'),
      log: (e) => {
        if (e.type === 'generation') log().debug(`triton generation ${e.metrics.requestId}: ttft ${e.metrics.timeToFirstTokenMs?.toFixed(0)} ms, ${e.metrics.outputTokens} tokens`);
        else if (e.type === 'endpoint-down') log().warn(`triton endpoint ${e.endpoint} down (${e.errorCode}); re-probe in ${e.reprobeInMs} ms`);
        else if (e.type === 'endpoint-up') log().info(`triton endpoint ${e.endpoint} up`);
        else if (e.type === 'proxy') log().info(`triton endpoint ${e.endpoint} goes through proxy ${e.proxy} (${e.from})`);
        else log().warn(`triton failover from ${e.from} (${e.errorCode})`);
      },
    });
  }

  /**
   * The backend to draft with for `scope`, or undefined when the user must decide something first
   * (a plaintext endpoint not yet accepted during automatic inline suggestions).
   * `interactive`: the user asked (a command) — a question may be asked now.
   */
  async backend(scope: vscode.Uri | undefined, interactive: boolean): Promise<DraftingBackend | undefined> {
    const c = this.config(scope);
    if (this.effectiveBackend(c) === 'builtin') {
      if (c.backend === 'triton') this.updateState();
      return new BuiltinBackend();
    }
    if (!c.triton.endpoints.length) {
      this.updateState();
      void this.reportFailure('The Triton backend has no endpoint: set patentDraft.triton.endpoints (host:port of the gRPC port).');
      return undefined;
    }
    const notLocal: LocalCheck[] = [];
    const plain = await plaintextRemoteEndpointsResolved(c.triton.endpoints, !!(c.triton.tls.caFile || c.triton.tls.certFile), notLocal);
    for (const n of notLocal) log().warn(`triton endpoint ${n.endpoint}: ${n.reason}`);
    const accepted = new Set(this.context.globalState.get<string[]>(PLAINTEXT_OK_STATE, []));
    const pending = plain.filter((e) => !accepted.has(e));
    if (pending.length) {
      if (!interactive) {
        // Ask once per session from a typing trigger, without a modal; no suggestion meanwhile.
        const fresh = pending.filter((e) => !this.askedPlaintext.has(e));
        if (fresh.length) {
          fresh.forEach((e) => this.askedPlaintext.add(e));
          void this.askPlaintext(pending, false, notLocal);
        }
        return undefined;
      }
      if (!(await this.askPlaintext(pending, true, notLocal))) return undefined;
    }
    const client = await this.tritonClient(c);
    const perTask = new Map<ModelTask, TextGenerator>();
    for (const t of MODEL_TASKS) {
      const m = modelFor(c.triton.models, t === 'claims' ? 'dependent' : t, c.triton.model);
      if (m !== c.triton.model) perTask.set(t, this.measured(await this.taskClient(c, m)));
    }
    return new TritonBackend(this.measured(client), { clientFor: (t) => perTask.get(t) });
  }

  private async askPlaintext(endpoints: string[], modal: boolean, notLocal: LocalCheck[] = []): Promise<boolean> {
    const send = 'Send Without TLS';
    const why = notLocal.filter((n) => endpoints.includes(n.endpoint)).map((n) => ` (${n.reason})`).join('');
    const msg = `Patent Draft would send claim and disclosure text to ${endpoints.join(', ')}${why} without TLS, readable on the network. Send anyway (remembered for ${endpoints.length === 1 ? 'this endpoint' : 'these endpoints'})?`;
    const picked = await vscode.window.showWarningMessage(msg, { modal, detail: modal ? 'Set patentDraft.triton.tls.caFile to use TLS, or use the built-in engine.' : undefined }, send, 'Open Settings', 'Use Built-in Engine');
    if (picked === send) {
      const list = new Set(this.context.globalState.get<string[]>(PLAINTEXT_OK_STATE, []));
      endpoints.forEach((e) => list.add(e));
      await this.context.globalState.update(PLAINTEXT_OK_STATE, [...list]);
      log().info(`plaintext sending accepted for ${endpoints.length} endpoint(s)`);
      return true;
    }
    if (picked === 'Open Settings') await openTritonSettings();
    if (picked === 'Use Built-in Engine') await useBuiltin();
    return false;
  }

  /** Wraps the client: the state goes to "generating" and the time to first token is kept. */
  private measured(client: TritonClient): TextGenerator {
    return {
      generate: (request: GenerateRequest, options: { signal?: AbortSignal }) => {
        const gen = client.generate(request, options);
        this.streams++;
        this.updateState('streaming');
        const self = this;
        return (async function* () {
          let failed: unknown;
          try {
            for await (const chunk of gen) yield chunk;
            self.failureShown = false;
            self.failedAt = 0;
          } catch (err) {
            failed = err;
            throw err;
          } finally {
            // Also when the consumer stops early (the backend ends the stream once the output is complete).
            self.streams = Math.max(0, self.streams - 1);
            self.updateState(failed !== undefined && connectionFailure(failed) ? 'unreachable' : self.streams > 0 ? 'streaming' : 'ready');
            gen.metrics.then(
              (m) => {
                if (m.timeToFirstTokenMs !== undefined) {
                  self.lastTtftMs = m.timeToFirstTokenMs;
                  self.render(self.config());
                }
              },
              () => undefined,
            );
          }
        })();
      },
    };
  }

  /**
   * Reports a drafting failure. A connection failure is shown once (with Open Settings / Use
   * Built-in Engine) until the settings change or a request succeeds; other failures are shown
   * when `interactive`. Returns whether it was a connection failure.
   */
  async reportFailure(err: unknown, interactive = true): Promise<boolean> {
    const conn = typeof err === 'string' ? undefined : connectionFailure(err);
    const isConn = typeof err === 'string' || !!conn;
    if (isConn) {
      this.failedAt = Date.now();
      this.updateState(typeof err === 'string' ? undefined : 'unreachable');
      log().warn(`drafting backend unavailable: ${typeof err === 'string' ? 'not configured' : `${conn!.code}`}`);
      if (this.failureShown) return true;
      this.failureShown = true;
      const text = typeof err === 'string' ? err : `The Triton server cannot be used: ${conn!.message}`;
      const picked = await vscode.window.showErrorMessage(`Patent Draft: ${text}`, 'Open Settings', 'Use Built-in Engine', 'Test Connection');
      if (picked === 'Open Settings') await openTritonSettings();
      else if (picked === 'Use Built-in Engine') await useBuiltin();
      else if (picked === 'Test Connection') await vscode.commands.executeCommand(DRAFTING_COMMANDS.testConnection);
      return true;
    }
    if (err instanceof DraftError && err.code !== 'backend' && err.code !== 'cancelled') {
      // Nothing to draft here (no claims, no passage to build on): information, not an error.
      log().info(`drafting: nothing to draft (${err.code})`);
      // Said where the drafter looks, with the next step: never only in the log.
      this.nothingToSuggest(err.message, interactive);
      return false;
    }
    log().warn(`drafting failed: ${err instanceof Error ? err.name : typeof err}`);
    if (interactive) {
      const m = err instanceof Error ? err.message : String(err);
      const picked = await vscode.window.showErrorMessage(`Patent Draft: drafting failed: ${m}`, 'Open Log');
      if (picked === 'Open Log') log().show(true);
    }
    return false;
  }

  /** Whether the server failed in the last 30 s (automatic inline requests wait meanwhile). */
  recentlyFailed(): boolean {
    return Date.now() - this.failedAt < 30000;
  }

  /** The drafting context of a matter: its analysis, the token budget and its own prompt templates. */
  async draftContext(matter: MatterState, analysis: Analysis): Promise<DraftContext> {
    const c = this.config(matter.root);
    const templates: Partial<Record<DraftTaskKind, string>> = {};
    for (const kind of TASK_KINDS) {
      try {
        // Sent to the server with every request: a regular file inside the matter only, never a link out of it.
        const bytes = await readMatterBytes(vscode.Uri.joinPath(matter.root, promptTemplatePath(kind)), matter.root, MAX_TEMPLATE_BYTES);
        if (bytes) templates[kind] = new TextDecoder().decode(bytes);
      } catch {
        // No template of the matter's own for this task.
      }
    }
    // The chat format around the prompt (what Show Prompt shows and the model gets); the Triton backend only.
    const chat = this.effectiveBackend(c) === 'triton' ? { format: c.triton.promptFormat, template: c.triton.promptFormat === 'template' ? await this.chatTemplate(c) : undefined } : undefined;
    return { analysis, settings: { contextTokens: c.tokenBudget }, templates, ...(chat ? { chat } : {}) };
  }

  private chatTemplateCache?: { file: string; template: ChatTemplate };

  /** The model's own chat template (patentDraft.triton.chatTemplate): a regular file, at most 1 MB, read once per path. */
  private async chatTemplate(c: DraftingConfig): Promise<ChatTemplate> {
    const file = c.triton.chatTemplate;
    if (!file) throw new DraftError('bad-task', 'patentDraft.triton.promptFormat is "template" but patentDraft.triton.chatTemplate names no file: set it to the model\'s tokenizer_config.json');
    if (this.chatTemplateCache?.file === file) return this.chatTemplateCache.template;
    try {
      const { bytes } = await readRegularFile(file, { maxBytes: MAX_CHAT_TEMPLATE_BYTES, shown: file, what: 'chat templates' });
      const template = parseChatTemplate(bytes.toString('utf8'), file);
      this.chatTemplateCache = { file, template };
      return template;
    } catch (e) {
      if (e instanceof InputError || e instanceof ChatTemplateError) throw new DraftError('bad-task', `patentDraft.triton.chatTemplate: ${e.message}`, { cause: e });
      throw e;
    }
  }

  /** "Nothing grounded to suggest here": a status-bar line while typing; asked for (Ctrl+Alt+\\), a
   *  message offering Suggest Dependent Claims and, on the built-in engine, a model on Triton. */
  private nothingToSuggest(reason: string, interactive: boolean): void {
    vscode.window.setStatusBarMessage('$(lightbulb) Patent Draft: nothing grounded to suggest here — try Suggest Dependent Claims', 8000);
    if (!interactive) return;
    const builtin = this.config(vscode.window.activeTextEditor?.document.uri).backend === 'builtin';
    const actions = builtin ? ['Suggest Dependent Claims', 'Use a Model on Triton…'] : ['Suggest Dependent Claims'];
    void vscode.window.showInformationMessage(`Patent Draft: nothing to suggest here: ${reason}.`, ...actions).then((picked) => {
      if (picked === 'Suggest Dependent Claims') void vscode.commands.executeCommand(DRAFTING_COMMANDS.suggestDependentClaims);
      else if (picked) void openTritonSettings();
    });
  }

  async testConnection(): Promise<void> {
    const c = this.config(vscode.window.activeTextEditor?.document.uri);
    if (c.backend === 'builtin') {
      const picked = await vscode.window.showInformationMessage('Patent Draft drafts with the built-in offline engine: there is no server to connect to. To use a model on Triton, set patentDraft.backend to "triton" and its endpoints.', 'Open Settings');
      if (picked) await openTritonSettings();
      return;
    }
    if (!vscode.workspace.isTrusted) {
      await vscode.window.showWarningMessage('Patent Draft uses the built-in engine in an untrusted workspace: Triton settings are not read until you trust the workspace.', 'OK');
      return;
    }
    if (!c.triton.endpoints.length) {
      await this.reportFailure('The Triton backend has no endpoint: set patentDraft.triton.endpoints (host:port of the gRPC port).');
      return;
    }
    this.updateState('connecting');
    const client = await this.tritonClient(c);
    const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Patent Draft: testing the Triton connection…' }, async () => {
      const out = [];
      for (let i = 0; i < c.triton.endpoints.length; i++) out.push(await client.status(i));
      return out;
    });
    const lines = results.map((st) => {
      if (!st.reachable) return `${st.endpoint}${st.proxy ? ` (via proxy ${st.proxy.proxy})` : ''}: unreachable (${st.error?.message ?? 'no answer'})`;
      const model = st.modelReady ? `model ${c.triton.model} ready` : `model ${c.triton.model} NOT ready`;
      const layout = st.layout ? `layout ${st.layout.kind}` : `layout not recognised${st.layoutError ? ` (${st.layoutError.message})` : ''}`;
      const via = `${st.proxy ? `, via proxy ${st.proxy.proxy} (${st.proxy.from})` : ''}${st.local && !st.local.local ? `; ${st.local.reason}` : ''}`;
      return `${st.endpoint} (${st.tls ? 'TLS' : 'plaintext'}${via}): ${st.serverName ?? 'server'} ${st.serverVersion ?? ''}, ${model}, ${layout}, round trip ${st.roundTripMs?.toFixed(1)} ms`;
    });
    const ok = results.some((st) => st.reachable && st.modelReady && st.layout);
    log().info(`test connection: ${results.filter((r) => r.reachable).length}/${results.length} endpoint(s) reachable, usable=${ok}`);
    this.updateState(ok ? 'ready' : 'unreachable');
    if (ok) {
      this.failureShown = false;
      await vscode.window.showInformationMessage(`Patent Draft: Triton is ready. ${lines.join(' · ')}`);
    } else {
      const picked = await vscode.window.showErrorMessage(`Patent Draft: Triton cannot be used. ${lines.join(' · ')}`, 'Open Settings', 'Use Built-in Engine');
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
    if (value.trim() === '') {
      await this.context.secrets.delete(TOKEN_SECRET);
      void vscode.window.showInformationMessage('Patent Draft: the Triton token was removed.');
    } else {
      await this.context.secrets.store(TOKEN_SECRET, value.trim());
      void vscode.window.showInformationMessage('Patent Draft: the Triton token was stored in the OS keychain.');
    }
    this.dropClient('token changed');
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
