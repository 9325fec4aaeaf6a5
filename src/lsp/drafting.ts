// Drafting in the language server: the built-in engine, or Triton through one client that lives as
// long as its connection settings (patentDraft/drafting/configure; rebuilt only when they or the
// token change), the same choices the editor's engine made (src/extension/drafting/engine.ts):
// untrusted workspace → built-in; a plaintext remote endpoint only once the user accepted it;
// per-task models on the default client's connection; TLS and chat template files read through the
// safe file layer (regular files, bounded); the matter's own prompt templates from
// `.patentdraft/prompts/`. The user's questions are asked by the client: the server answers with an
// error kind that says which (src/lsp/protocol.ts DraftErrorKind).
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import {
  BuiltinBackend,
  buildPrompt,
  ChatTemplateError,
  DraftError,
  MAX_CHAT_TEMPLATE_BYTES,
  MODEL_TASKS,
  modelFor,
  parseChatTemplate,
  promptTemplatePath,
  TASK_KINDS,
  TritonBackend,
  type ChatTemplate,
  type DraftContext,
  type DraftingBackend,
  type DraftTask,
  type DraftTaskKind,
  type ModelTask,
  type TextGenerator,
} from '../drafting/index';
import { connectionFailure } from '../drafting/connection';
import { plaintextRemoteEndpointsResolved } from '../drafting/trust';
import type { Analysis, MatterWorkspace } from '../core/index';
import { TritonClient, type GenerateRequest, type LocalCheck, type TlsOptions } from '../inference/index';
import { readMatterTextFile } from '../node/workspace';
import { InputError, readRegularFile } from '../node/safeFs';
import type { DraftingStatus, EngineState, TestConnectionResult } from './protocol';
import { connectionKey, normalizeDraftingSettings, type DraftingSettings } from '../drafting/settings';

/** A prompt template of the matter's own: small text, sent with every request. */
const MAX_TEMPLATE_BYTES = 64 * 1024;
/** A PEM file (CA, certificate, key). */
const MAX_PEM_BYTES = 256 * 1024;

/** A drafting refusal the client acts on (asks the user, opens the settings). */
export class DraftRefusal extends Error {
  override name = 'DraftRefusal';
  constructor(
    readonly kind: 'not-configured' | 'plaintext' | 'connection',
    message: string,
    readonly extra: { endpoints?: string[]; code?: string } = {},
  ) {
    super(message);
  }
}

/** The proto files beside the bundle (dist/../proto) or in the source tree. */
function protoDir(): string | undefined {
  for (const p of [path.join(__dirname, '..', 'proto'), path.join(__dirname, '..', '..', 'proto')]) if (existsSync(path.join(p, 'grpc_service.proto'))) return p;
  return undefined;
}

export class ServerDrafting {
  private settings: DraftingSettings = normalizeDraftingSettings({});
  private trusted: boolean;
  private client?: TritonClient;
  private clientKey?: string;
  private readonly taskClients = new Map<string, TritonClient>();
  private state: EngineState = 'builtin';
  private lastTtftMs?: number;
  private streams = 0;
  private failedAt = 0;
  private chatTemplateCache?: { file: string; template: ChatTemplate };

  constructor(
    trusted: boolean,
    /** Ids, counts and timings only. */
    private readonly log: (message: string) => void,
    /** Called with the new status whenever the state changes. */
    private readonly onState: (status: DraftingStatus) => void,
  ) {
    this.trusted = trusted;
  }

  configure(raw: unknown): void {
    const next = normalizeDraftingSettings(raw);
    if ((raw as { trusted?: unknown } | undefined)?.trusted !== undefined) this.trusted = (raw as { trusted?: unknown }).trusted === true;
    if (this.clientKey !== undefined && connectionKey(next) !== this.clientKey) this.dropClient('connection settings changed');
    if (next.triton.chatTemplate !== this.settings.triton.chatTemplate) this.chatTemplateCache = undefined;
    this.settings = next;
    this.failedAt = 0;
    this.updateState();
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.updateState();
  }

  dispose(): void {
    this.dropClient('server stopped');
  }

  /** The backend the settings name, if it may be used now. */
  private effective(): 'builtin' | 'triton' {
    return this.settings.backend === 'triton' && this.trusted ? 'triton' : 'builtin';
  }

  status(): DraftingStatus {
    const s = this.settings;
    return {
      configured: s.backend,
      backend: this.effective(),
      state: this.state,
      ...(s.backend === 'triton' ? { model: s.triton.model } : {}),
      endpoints: s.backend === 'triton' && this.trusted ? [...s.triton.endpoints] : [],
      ...(this.lastTtftMs !== undefined ? { lastTtftMs: this.lastTtftMs } : {}),
      streams: this.streams,
      recentlyFailed: Date.now() - this.failedAt < 30000,
    };
  }

  private updateState(next?: EngineState): void {
    const before = this.state;
    const s = this.settings;
    if (s.backend === 'builtin') this.state = 'builtin';
    else if (!this.trusted) this.state = 'untrusted';
    else if (!s.triton.endpoints.length) this.state = 'not-configured';
    else if (next) this.state = next;
    else if (this.state === 'builtin' || this.state === 'untrusted' || this.state === 'not-configured') this.state = 'idle';
    if (this.state !== before || next) this.onState(this.status());
  }

  private dropClient(reason: string): void {
    for (const [model, c] of this.taskClients) {
      this.log(`triton client for model ${model} closed (${reason})`);
      c.close();
    }
    this.taskClients.clear();
    if (this.client) {
      this.log(`triton client closed (${reason})`);
      this.client.close();
    }
    this.client = undefined;
    this.clientKey = undefined;
  }

  private async pem(file: string | undefined, what: string): Promise<Buffer | undefined> {
    if (!file) return undefined;
    try {
      return (await readRegularFile(file, { maxBytes: MAX_PEM_BYTES, shown: path.basename(file), what })).bytes;
    } catch (e) {
      if (e instanceof InputError) throw new DraftError('bad-task', `patentDraft.triton.tls: ${e.message}`, { cause: e });
      throw e;
    }
  }

  private async newClient(model: string): Promise<TritonClient> {
    const s = this.settings;
    const files = s.triton.tls ?? {};
    const wantTls = !!(files.caFile || files.certFile || files.keyFile);
    const tls: TlsOptions | false = wantTls
      ? { ca: await this.pem(files.caFile, 'CA certificates'), cert: await this.pem(files.certFile, 'client certificates'), key: await this.pem(files.keyFile, 'client keys') }
      : false;
    return new TritonClient({
      endpoints: s.triton.endpoints,
      model,
      tls,
      headers: s.token ? { authorization: `Bearer ${s.token}` } : undefined,
      callTimeoutMs: s.triton.timeoutMs,
      generationTimeoutMs: s.triton.timeoutMs,
      firstTokenTimeoutMs: s.triton.firstTokenTimeoutMs,
      idleTimeoutMs: s.triton.idleTimeoutMs,
      protoDir: protoDir(),
      log: (e) => {
        if (e.type === 'endpoint-down') this.log(`triton endpoint ${e.endpoint} down (${e.errorCode}); re-probe in ${e.reprobeInMs} ms`);
        else if (e.type === 'endpoint-up') this.log(`triton endpoint ${e.endpoint} up`);
        else if (e.type === 'failover') this.log(`triton failover from ${e.from} (${e.errorCode})`);
      },
    });
  }

  private async tritonClient(): Promise<TritonClient> {
    const key = connectionKey(this.settings);
    if (this.client && this.clientKey === key) return this.client;
    if (this.client) this.dropClient('connection settings changed');
    this.client = await this.newClient(this.settings.triton.model);
    this.clientKey = key;
    this.log(`triton client created: ${this.settings.triton.endpoints.length} endpoint(s), model ${this.settings.triton.model}, token=${this.settings.token ? 'set' : 'none'}`);
    return this.client;
  }

  private async taskClient(model: string): Promise<TritonClient> {
    await this.tritonClient();
    let c = this.taskClients.get(model);
    if (!c) {
      c = await this.newClient(model);
      this.taskClients.set(model, c);
    }
    return c;
  }

  /** The backend to draft with now. Throws DraftRefusal when the client must ask or configure first. */
  async backend(automatic: boolean): Promise<DraftingBackend> {
    if (this.effective() === 'builtin') return new BuiltinBackend();
    const s = this.settings;
    if (!s.triton.endpoints.length) {
      this.updateState();
      throw new DraftRefusal('not-configured', 'The Triton backend has no endpoint: set patentDraft.triton.endpoints (host:port of the gRPC port).');
    }
    if (automatic && Date.now() - this.failedAt < 30000) throw new DraftRefusal('connection', 'The Triton server failed in the last 30 s; automatic suggestions wait.', { code: 'recent-failure' });
    const notLocal: LocalCheck[] = [];
    const plain = await plaintextRemoteEndpointsResolved(s.triton.endpoints, !!(s.triton.tls?.caFile || s.triton.tls?.certFile), notLocal);
    const accepted = new Set(s.plaintextAccepted ?? []);
    const pending = plain.filter((e) => !accepted.has(e));
    if (pending.length) {
      const why = notLocal
        .filter((n) => pending.includes(n.endpoint))
        .map((n) => ` (${n.reason})`)
        .join('');
      throw new DraftRefusal('plaintext', `Patent Draft would send claim and disclosure text to ${pending.join(', ')}${why} without TLS, readable on the network.`, { endpoints: pending });
    }
    const client = await this.tritonClient();
    const perTask = new Map<ModelTask, TextGenerator>();
    for (const t of MODEL_TASKS) {
      const m = modelFor(s.triton.models ?? {}, t === 'claims' ? 'dependent' : t, s.triton.model);
      if (m !== s.triton.model) perTask.set(t, this.measured(await this.taskClient(m)));
    }
    return new TritonBackend(this.measured(client), { clientFor: (t) => perTask.get(t) });
  }

  /** A connection failure sets 'unreachable' (and the 30 s pause of automatic requests). */
  failed(err: unknown): DraftRefusal | undefined {
    const conn = connectionFailure(err);
    if (!conn) return undefined;
    this.failedAt = Date.now();
    this.updateState('unreachable');
    this.log(`drafting backend unavailable: ${conn.code}`);
    return new DraftRefusal('connection', `The Triton server cannot be used: ${conn.message}`, { code: conn.code });
  }

  /** Wraps a client: the state goes to 'streaming' and the time to first token is kept. */
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
            self.failedAt = 0;
          } catch (err) {
            failed = err;
            throw err;
          } finally {
            self.streams = Math.max(0, self.streams - 1);
            gen.metrics.then(
              (m) => {
                if (m.timeToFirstTokenMs !== undefined) self.lastTtftMs = m.timeToFirstTokenMs;
              },
              () => undefined,
            );
            self.updateState(failed !== undefined && connectionFailure(failed) ? 'unreachable' : self.streams > 0 ? 'streaming' : 'ready');
          }
        })();
      },
    };
  }

  private async chatTemplate(): Promise<ChatTemplate> {
    const file = this.settings.triton.chatTemplate;
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

  /** The drafting context of a matter: its analysis, the token budget, its own prompt templates
   *  (regular files inside the matter only) and, on Triton, the chat format. */
  async context(analysis: Analysis, root: string, workspace: MatterWorkspace): Promise<DraftContext> {
    const templates: Partial<Record<DraftTaskKind, string>> = {};
    for (const kind of TASK_KINDS) {
      const text = await readMatterTextFile(path.join(root, promptTemplatePath(kind)), root, { maxBytes: MAX_TEMPLATE_BYTES, workspace }).catch(() => undefined);
      if (text !== undefined) templates[kind] = text;
    }
    const s = this.settings;
    const chat = this.effective() === 'triton' ? { format: s.triton.promptFormat, template: s.triton.promptFormat === 'template' ? await this.chatTemplate() : undefined } : undefined;
    return { analysis, settings: { contextTokens: s.tokenBudget }, templates, ...(chat ? { chat } : {}) };
  }

  /** The prompt a task would send (Show Prompt), in the configured chat format. */
  prompt(task: DraftTask, ctx: DraftContext): { prompt: string; format: string } {
    const built = buildPrompt(task, ctx);
    return { prompt: built.text, format: built.format };
  }

  /** Probes every endpoint (Test Connection). */
  async testConnection(): Promise<TestConnectionResult> {
    const s = this.settings;
    if (this.effective() === 'builtin') {
      return {
        ok: true,
        lines: [
          this.trusted || s.backend === 'builtin'
            ? 'The built-in offline engine drafts: there is no server to connect to.'
            : 'The built-in engine drafts in an untrusted workspace: Triton settings are not used until the workspace is trusted.',
        ],
        status: this.status(),
      };
    }
    if (!s.triton.endpoints.length) return { ok: false, lines: ['The Triton backend has no endpoint: set patentDraft.triton.endpoints (host:port of the gRPC port).'], status: this.status() };
    this.updateState('connecting');
    const client = await this.tritonClient();
    const lines: string[] = [];
    let ok = false;
    for (let i = 0; i < s.triton.endpoints.length; i++) {
      const st = await client.status(i);
      if (st.reachable && st.modelReady && st.layout) ok = true;
      if (!st.reachable) lines.push(`${st.endpoint}: unreachable (${st.error?.message ?? 'no answer'})`);
      else
        lines.push(
          `${st.endpoint} (${st.tls ? 'TLS' : 'plaintext'}): ${st.serverName ?? 'server'} ${st.serverVersion ?? ''}, model ${s.triton.model} ${st.modelReady ? 'ready' : 'NOT ready'}, ${st.layout ? `layout ${st.layout.kind}` : 'layout not recognised'}, round trip ${st.roundTripMs?.toFixed(1)} ms`,
        );
    }
    this.log(`test connection: usable=${ok}`);
    if (!ok) this.failedAt = Date.now();
    this.updateState(ok ? 'ready' : 'unreachable');
    return { ok, lines, status: this.status() };
  }
}
