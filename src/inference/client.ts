// TritonClient: talks Triton's gRPC protocol to one or more endpoints, discovers the model's
// layout, streams generations with ModelStreamInfer, cancels, fails over before the first
// token, and measures every generation. No `vscode` import: used by the extension, the CLI
// and the benchmarks alike.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { GrpcStatus, InferenceAbortError, InferenceError, classifyServerText, deadlineError, sanitizeServerText, toInferenceError } from './errors';
import { recognizeLayout, modelInfoFromConfig, describeTensors, DEFAULT_MAX_TOKENS, type GenerateRequest, type InputTensor, type Layout, type ModelInfo, type ModelMapping } from './layouts';
import { checkLocal, endpointHost, hostKind, proxyFromEnv, type LocalCheck } from './net';
import { GenerationTimer, type GenerationMetrics } from './metrics';
import { loadTritonProto, type TritonProto } from './proto';
import { decodeBytes } from './tensors';
import { decodeStreamResponse, encodeInferRequest, endsOnCharBoundary, readStreamToken, shortAscii, SHORT_TEXT, WireError, type WireInferRequest } from './wire';

const STREAM_PATH = '/inference.GRPCInferenceService/ModelStreamInfer';

export interface TlsOptions {
  /** PEM of the CA that signed the server certificate (default: the system roots). */
  ca?: string | Buffer;
  caFile?: string;
  /** Client certificate and key (PEM) for mutual TLS. */
  cert?: string | Buffer;
  certFile?: string;
  key?: string | Buffer;
  keyFile?: string;
  /** Name to verify the server certificate against, when it differs from the host. */
  serverName?: string;
}

export interface EndpointConfig {
  /** host:port, or grpc://host:port (plaintext) / grpcs://host:port (TLS). */
  address: string;
  /** true or TLS options: TLS; false: plaintext; unset: the client-wide `tls`. */
  tls?: TlsOptions | boolean;
}

export type InferenceLogEvent =
  | { type: 'generation'; metrics: GenerationMetrics }
  | { type: 'failover'; requestId: string; from: string; errorCode: string }
  | { type: 'endpoint-down'; endpoint: string; errorCode: string; reprobeInMs: number }
  | { type: 'endpoint-up'; endpoint: string }
  /** A channel to `endpoint` goes through an HTTP CONNECT proxy from the environment. */
  | { type: 'proxy'; endpoint: string; proxy: string; from: string };

export interface TritonClientOptions {
  endpoints: (string | EndpointConfig)[];
  model: string;
  modelVersion?: string;
  tls?: TlsOptions | boolean;
  /** Extra metadata on every call: authorization, triton-grpc-protocol-<key>, ... */
  headers?: Record<string, string>;
  /** Deadline of unary calls (readiness, config, ModelInfer excluded). Default 10 s. */
  callTimeoutMs?: number;
  /** Deadline of one generation, end to end (streams included). Default 300 s. */
  generationTimeoutMs?: number;
  /** A streamed generation fails when no text arrives this long after the request. Default: none. */
  firstTokenTimeoutMs?: number;
  /** A streamed generation fails when no text arrives for this long after the last. Default 60 s. */
  idleTimeoutMs?: number;
  /** Largest single response. Default 16 MiB (grpc-js's own default is 4 MiB). */
  maxReceiveMessageBytes?: number;
  /** Most response bytes one generation may receive in all. Default 32 MiB. */
  maxGenerationBytes?: number;
  /** Explicit tensor mapping for models that match no known layout. */
  mapping?: ModelMapping;
  /** Directory holding grpc_service.proto, model_config.proto, health.proto. */
  protoDir?: string;
  /** First delay before a failed endpoint is probed again. Default 2 s, doubling to 60 s. */
  reprobeMs?: number;
  log?: (event: InferenceLogEvent) => void;
  /** Counts tokens in a text delta (default: one per text response). */
  countTokens?: (delta: string) => number;
  /** Further grpc-js channel options. */
  channelOptions?: grpc.ChannelOptions;
}

export interface GenerateOptions {
  signal?: AbortSignal;
  /** Overrides generationTimeoutMs for this generation. */
  deadlineMs?: number;
  /** Override firstTokenTimeoutMs / idleTimeoutMs for this generation (0: none). */
  firstTokenTimeoutMs?: number;
  idleTimeoutMs?: number;
  requestId?: string;
}

export interface TextChunk {
  /** New text since the previous chunk (BLS-accumulated text is turned into deltas). */
  text: string;
  /** Milliseconds since the request was sent. */
  atMs: number;
  index: number;
}

export interface Generation extends AsyncIterable<TextChunk> {
  readonly requestId: string;
  /** Resolves when the generation ends, however it ends (never rejects). */
  readonly metrics: Promise<GenerationMetrics>;
  /** Reads the whole text (convenience for tests, CLI and non-streaming callers). */
  text(): Promise<string>;
}

export interface Discovery {
  endpoint: string;
  model: ModelInfo;
  layout: Layout;
}

export interface EndpointStatus {
  endpoint: string;
  tls: boolean;
  reachable: boolean;
  error?: InferenceError;
  serverName?: string;
  serverVersion?: string;
  extensions?: string[];
  live?: boolean;
  ready?: boolean;
  modelReady?: boolean;
  model?: ModelInfo;
  layout?: Layout;
  layoutError?: InferenceError;
  roundTripMs?: number;
  health?: string;
  /** The HTTP CONNECT proxy the channel goes through ("host:port", from which variable). */
  proxy?: { proxy: string; from: string };
  /** For a `*.localhost` name: whether it resolves to this machine, and if not why. */
  local?: LocalCheck;
}

/** Keepalive settings Triton's defaults accept: its server allows a ping without data at most
 * every 5 minutes (grpc-http2-min-recv-ping-interval-without-data) and answers faster pings
 * with GOAWAY "too_many_pings"; so ping rarely, and only while calls are active. */
export const KEEPALIVE_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 360_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.keepalive_permit_without_calls': 0,
  'grpc.http2.max_pings_without_data': 0,
};

const DEFAULT_MAX_RECEIVE = 16 * 1024 * 1024;
const DEFAULT_MAX_GENERATION_BYTES = 32 * 1024 * 1024;
const DEFAULT_IDLE_MS = 60_000;

type UnaryFn = (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void) => grpc.ClientUnaryCall;
type InferenceStub = grpc.Client & Record<string, UnaryFn>;
/** A call on the channel itself (grpc-js's `Channel#createCall`, the layer its Client builds its
 * streams on): serialized messages in and out, one message per startRead(). */
type ChannelCall = ReturnType<grpc.Channel['createCall']>;

interface InferOutput {
  name: string;
  datatype: string;
  contents?: { bytes_contents?: Buffer[] } | null;
}
interface InferResponse {
  id?: string;
  parameters?: Record<string, { bool_param?: boolean; parameter_choice?: string }>;
  outputs?: InferOutput[];
  raw_output_contents?: Buffer[];
}

/** One try of a generation on one endpoint: a stream (OpenStream) or one ModelInfer call
 * (UnaryCall). Its GenerationRun takes its text, asks how it ended, and closes it; the attempt
 * calls the run's wake() when there is something to take or it has ended. */
interface Attempt {
  /** The text gathered since the last take, if any; taking it delivers it to the consumer. */
  take(): TextChunk | undefined;
  /** Some text reached the consumer: the generation can no longer fail over. */
  readonly delivered: boolean;
  /** The final response came (text may still be waiting to be taken). */
  readonly finished: boolean;
  /** Why the attempt ended short, once it has; undefined while it runs and after success. */
  failed(): unknown;
  /** Ends the call (a finished stream) or cancels it; once. */
  close(): void;
}

class Endpoint {
  outstanding = 0;
  healthy = true;
  downUntil = 0;
  failures = 0;
  probeTimer?: NodeJS.Timeout;
  lastPicked = 0;
  private healthStub?: grpc.Client & Record<string, UnaryFn>;

  constructor(
    readonly address: string,
    readonly tls: boolean,
    readonly stub: InferenceStub,
    private readonly makeHealth: () => grpc.Client & Record<string, UnaryFn>,
    readonly proxy?: { proxy: string; from: string },
  ) {}

  health(): grpc.Client & Record<string, UnaryFn> {
    return (this.healthStub ??= this.makeHealth());
  }

  close(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.stub.close();
    this.healthStub?.close();
  }
}

function pem(v: string | Buffer | undefined, file: string | undefined): Buffer | undefined {
  if (v !== undefined) return Buffer.isBuffer(v) ? v : Buffer.from(v);
  if (file) return readFileSync(file);
  return undefined;
}

/** Parses "host:port", "grpc://host:port", "grpcs://host:port", "https://host:port". */
export function parseEndpoint(spec: string): { target: string; tls?: boolean } {
  const m = /^(grpcs?|https?):\/\/(.+?)\/?$/.exec(spec.trim());
  if (m) return { target: m[2], tls: m[1] === 'grpcs' || m[1] === 'https' };
  return { target: spec.trim() };
}

export class TritonClient {
  readonly model: string;
  private readonly proto: TritonProto;
  private readonly endpoints: Endpoint[];
  private readonly metadata: grpc.Metadata;
  private readonly callTimeoutMs: number;
  /** @internal The limits a generation starts from (its options override them). */
  readonly generationTimeoutMs: number;
  /** @internal */
  readonly firstTokenTimeoutMs: number;
  /** @internal */
  readonly idleTimeoutMs: number;
  /** @internal */
  readonly maxGenerationBytes: number;
  private readonly reprobeMs: number;
  private discovery?: Promise<Discovery>;
  /** @internal The settled discovery, so a generation after the first starts without an await. */
  discovered?: Discovery;
  /** UTF-8 bytes of the last text output name the stream reader matched against. */
  private outputName?: { name: string; bytes: Buffer };
  /** Streams to wake at the next turn: one setImmediate for all of them rather than one each.
   * Each stream queues itself at most once per turn, so this holds at most one per open stream. */
  private wakeQueue: OpenStream[] = [];
  private readonly flushWakes = (): void => {
    const q = this.wakeQueue;
    this.wakeQueue = [];
    // One clock reading for the turn: it is each woken stream's time of its latest text.
    const now = performance.now();
    for (let i = 0; i < q.length; i++) q[i].wakeSoon(now);
  };
  /** @internal The tokens of a text delta (undefined: one per response). */
  readonly countTokens: ((delta: string) => number) | undefined;
  private closed = false;
  private readonly live = new Set<ChannelCall>();

  constructor(private readonly opts: TritonClientOptions) {
    if (!opts.endpoints.length) throw new InferenceError('bad-input', 'no Triton endpoint configured', "Set at least one endpoint (host:port of Triton's gRPC port, default 8001).");
    if (!opts.model) throw new InferenceError('bad-input', 'no model name configured', 'Set the Triton model name (e.g. "ensemble", "tensorrt_llm_bls" or "vllm_model").');
    this.model = opts.model;
    this.countTokens = opts.countTokens;
    this.proto = loadTritonProto(opts.protoDir);
    this.callTimeoutMs = opts.callTimeoutMs ?? 10_000;
    this.generationTimeoutMs = opts.generationTimeoutMs ?? 300_000;
    this.firstTokenTimeoutMs = opts.firstTokenTimeoutMs ?? 0;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_MS;
    this.maxGenerationBytes = opts.maxGenerationBytes ?? DEFAULT_MAX_GENERATION_BYTES;
    this.reprobeMs = opts.reprobeMs ?? 2_000;
    this.metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(opts.headers ?? {})) this.metadata.set(k.toLowerCase(), v);
    this.endpoints = opts.endpoints.map((e) => this.makeEndpoint(typeof e === 'string' ? { address: e } : e));
  }

  private makeEndpoint(cfg: EndpointConfig): Endpoint {
    const parsed = parseEndpoint(cfg.address);
    const tlsSetting = cfg.tls ?? parsed.tls ?? this.opts.tls ?? false;
    const tlsOpts: TlsOptions | undefined = tlsSetting === true ? (typeof this.opts.tls === 'object' ? this.opts.tls : {}) : tlsSetting === false ? undefined : tlsSetting;
    const channelOptions: grpc.ChannelOptions = {
      'grpc.max_receive_message_length': this.opts.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE,
      'grpc.max_send_message_length': 64 * 1024 * 1024,
      'grpc.initial_reconnect_backoff_ms': 500,
      'grpc.max_reconnect_backoff_ms': 5_000,
      ...KEEPALIVE_OPTIONS,
      ...this.opts.channelOptions,
    };
    // grpc-js takes a proxy from http_proxy/https_proxy/grpc_proxy; this machine's own server
    // is never reached through one (the prompt would leave the machine).
    const host = endpointHost(parsed.target);
    let proxy: { proxy: string; from: string } | undefined;
    if (hostKind(host) !== 'remote') channelOptions['grpc.enable_http_proxy'] = 0;
    else if (channelOptions['grpc.enable_http_proxy'] !== 0) {
      proxy = proxyFromEnv(host);
      if (proxy) this.opts.log?.({ type: 'proxy', endpoint: parsed.target, ...proxy });
    }
    let creds: grpc.ChannelCredentials;
    if (tlsOpts) {
      creds = grpc.credentials.createSsl(pem(tlsOpts.ca, tlsOpts.caFile) ?? null, pem(tlsOpts.key, tlsOpts.keyFile) ?? null, pem(tlsOpts.cert, tlsOpts.certFile) ?? null);
      if (tlsOpts.serverName) {
        channelOptions['grpc.ssl_target_name_override'] = tlsOpts.serverName;
        channelOptions['grpc.default_authority'] = tlsOpts.serverName;
      }
    } else creds = grpc.credentials.createInsecure();
    const stub = new this.proto.GRPCInferenceService(parsed.target, creds, channelOptions) as unknown as InferenceStub;
    // The health client shares the inference client's channel.
    const health = () => new this.proto.Health(parsed.target, creds, { ...channelOptions, channelOverride: stub.getChannel() }) as unknown as grpc.Client & Record<string, UnaryFn>;
    return new Endpoint(parsed.target, !!tlsOpts, stub, health, proxy);
  }

  /** Endpoint addresses and their current state (for status displays). */
  endpointStates(): { endpoint: string; tls: boolean; healthy: boolean; outstanding: number; proxy?: string }[] {
    return this.endpoints.map((e) => ({ endpoint: e.address, tls: e.tls, healthy: e.healthy, outstanding: e.outstanding, ...(e.proxy ? { proxy: e.proxy.proxy } : {}) }));
  }

  /** The call metadata. grpc-js copies it when a call starts (ResolvingCall.start), so one
   * shared instance serves every call; a clone per call was pure garbage. */
  private md(): grpc.Metadata {
    return this.metadata;
  }

  private unary<T>(ep: Endpoint, method: string, req: unknown, timeoutMs = this.callTimeoutMs, stub: grpc.Client & Record<string, UnaryFn> = ep.stub): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      stub[method](req, this.md(), { deadline: Date.now() + timeoutMs }, (err, res) => {
        if (err) reject(toInferenceError(err, { endpoint: ep.address, model: this.model, tls: ep.tls, deadlineMs: timeoutMs }));
        else resolve(res as T);
      });
    });
  }

  // ---- endpoint choice and health ---------------------------------------------------------

  /** @internal Healthy endpoints first, fewest outstanding requests first; failed ones as a last
   * resort; none of `exclude` (the endpoints a generation already failed on). */
  pick(exclude?: Set<Endpoint>): Endpoint | undefined {
    const now = Date.now();
    let best: Endpoint | undefined;
    let bestScore = Infinity;
    for (const e of this.endpoints) {
      if (exclude?.has(e)) continue;
      const usable = e.healthy || e.downUntil <= now;
      const score = (usable ? 0 : 1e9) + e.outstanding * 1e3 + (e.lastPicked % 1e3) / 1e3;
      if (score < bestScore) {
        best = e;
        bestScore = score;
      }
    }
    if (best) best.lastPicked = (best.lastPicked + 1) % 1e3;
    return best;
  }

  /** @internal */
  markDown(ep: Endpoint, err: InferenceError): void {
    ep.failures++;
    const delay = Math.min(60_000, this.reprobeMs * 2 ** Math.min(5, ep.failures - 1));
    const wasHealthy = ep.healthy;
    ep.healthy = false;
    ep.downUntil = Date.now() + delay;
    if (wasHealthy || !ep.probeTimer) this.opts.log?.({ type: 'endpoint-down', endpoint: ep.address, errorCode: err.code, reprobeInMs: delay });
    if (ep.probeTimer) clearTimeout(ep.probeTimer);
    if (this.closed) return;
    ep.probeTimer = setTimeout(() => {
      ep.probeTimer = undefined;
      this.unary<{ ready: boolean }>(ep, 'ServerReady', {}, Math.min(this.callTimeoutMs, 5_000)).then(
        (r) => (r.ready ? this.markUp(ep) : this.markDown(ep, new InferenceError('model-not-ready', 'server not ready', undefined, ep.address))),
        (e: InferenceError) => this.markDown(ep, e),
      );
    }, delay);
    ep.probeTimer.unref?.();
  }

  /** @internal */
  markUp(ep: Endpoint): void {
    if (!ep.healthy) this.opts.log?.({ type: 'endpoint-up', endpoint: ep.address });
    ep.healthy = true;
    ep.failures = 0;
    ep.downUntil = 0;
    if (ep.probeTimer) clearTimeout(ep.probeTimer);
    ep.probeTimer = undefined;
  }

  // ---- discovery ----------------------------------------------------------------------------

  /** Checks the server and model and recognises the layout; cached after the first success. */
  discover(): Promise<Discovery> {
    if (!this.discovery) {
      this.discovery = this.discoverFresh();
      this.discovery.then(
        (d) => (this.discovered = d),
        () => (this.discovery = undefined),
      );
    }
    return this.discovery;
  }

  private async discoverFresh(): Promise<Discovery> {
    const tried = new Set<Endpoint>();
    let last: InferenceError | undefined;
    for (let ep = this.pick(tried); ep; ep = this.pick(tried)) {
      tried.add(ep);
      try {
        const d = await this.discoverOn(ep);
        this.markUp(ep);
        return d;
      } catch (e) {
        const err = toInferenceError(e, { endpoint: ep.address, model: this.model, tls: ep.tls });
        if (!err.retryable) throw err;
        this.markDown(ep, err);
        last = err;
      }
    }
    throw last ?? new InferenceError('unreachable', 'no endpoint available');
  }

  private async discoverOn(ep: Endpoint): Promise<Discovery> {
    const version = this.opts.modelVersion ?? '';
    const server = await this.unary<{ ready: boolean }>(ep, 'ServerReady', {});
    if (!server.ready)
      throw new InferenceError(
        'model-not-ready',
        `Triton at ${ep.address} is live but not ready`,
        'It is still loading models or shutting down; wait, or check the tritonserver log.',
        ep.address,
        GrpcStatus.UNAVAILABLE,
      );
    const model = await this.readModel(ep, version);
    const layout = recognizeLayout(model, this.opts.mapping);
    return { endpoint: ep.address, model, layout };
  }

  private async readModel(ep: Endpoint, version: string): Promise<ModelInfo> {
    const ready = await this.unary<{ ready: boolean }>(ep, 'ModelReady', { name: this.model, version });
    if (!ready.ready) {
      // Distinguish "not in the repository" from "present but not (yet) loaded".
      let known = true;
      try {
        await this.unary(ep, 'ModelConfig', { name: this.model, version });
      } catch (e) {
        if (e instanceof InferenceError && e.code === 'model-missing') known = false;
      }
      if (!known)
        throw new InferenceError(
          'model-missing',
          `model '${this.model}' is not in the model repository of ${ep.address}`,
          'Check the model name setting, or list the repository with `curl <host>:8000/v2/repository/index -X POST`.',
          ep.address,
        );
      throw new InferenceError(
        'model-not-ready',
        `model '${this.model}'${version ? ` version ${version}` : ''} is not ready on ${ep.address}`,
        'It may still be loading or have failed to load; check the tritonserver log.',
        ep.address,
      );
    }
    const [cfg, meta] = await Promise.all([
      this.unary<{ config: Record<string, unknown> }>(ep, 'ModelConfig', { name: this.model, version }),
      this.unary<{ versions?: string[]; platform?: string; inputs?: { name: string; datatype: string; shape: string[] }[] }>(ep, 'ModelMetadata', { name: this.model, version }).catch(() => undefined),
    ]);
    const info = modelInfoFromConfig(cfg.config ?? {}, version || meta?.versions?.[meta.versions.length - 1] || '');
    if (!info.name) info.name = this.model;
    if (!info.platform && meta?.platform) info.platform = meta.platform;
    if (info.inputs.length === 0 && meta?.inputs?.length) {
      // Config without inputs (auto-completed): take them from the metadata, minus the batch dim.
      info.inputs = meta.inputs.map((i) => {
        const shape = i.shape.map(Number);
        return { name: i.name, datatype: i.datatype as ModelInfo['inputs'][number]['datatype'], dims: info.maxBatchSize > 0 ? shape.slice(1) : shape, optional: false };
      });
    }
    return info;
  }

  /** What `patent-draft triton status` shows: server, model, layout, round trip; never throws. */
  async status(index = 0): Promise<EndpointStatus> {
    const ep = this.endpoints[index];
    const st: EndpointStatus = { endpoint: ep.address, tls: ep.tls, reachable: false, ...(ep.proxy ? { proxy: ep.proxy } : {}) };
    if (hostKind(endpointHost(ep.address)) === 'localhost-name') st.local = await checkLocal(ep.address);
    try {
      const t0 = performance.now();
      const live = await this.unary<{ live: boolean }>(ep, 'ServerLive', {});
      const rtts: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const r = await this.unary<{ ready: boolean }>(ep, 'ServerReady', {});
        rtts.push(performance.now() - t);
        st.ready = r.ready;
      }
      void t0;
      rtts.sort((a, b) => a - b);
      st.roundTripMs = rtts[2];
      st.reachable = true;
      st.live = live.live;
      const meta = await this.unary<{ name: string; version: string; extensions: string[] }>(ep, 'ServerMetadata', {});
      st.serverName = sanitizeServerText(meta.name, 100);
      st.serverVersion = sanitizeServerText(meta.version, 100);
      st.extensions = (meta.extensions ?? []).slice(0, 64).map((x) => sanitizeServerText(x, 100));
      try {
        const h = await this.unary<{ status: string }>(ep, 'Check', { service: '' }, this.callTimeoutMs, ep.health());
        st.health = h.status;
      } catch {
        st.health = 'unavailable';
      }
      const ready = await this.unary<{ ready: boolean }>(ep, 'ModelReady', { name: this.model, version: this.opts.modelVersion ?? '' });
      st.modelReady = ready.ready;
      st.model = await this.readModel(ep, this.opts.modelVersion ?? '');
      try {
        st.layout = recognizeLayout(st.model, this.opts.mapping);
      } catch (e) {
        st.layoutError = toInferenceError(e, { endpoint: ep.address, model: this.model, tls: ep.tls });
      }
    } catch (e) {
      st.error = toInferenceError(e, { endpoint: ep.address, model: this.model, tls: ep.tls });
    }
    return st;
  }

  // ---- generation --------------------------------------------------------------------------

  /**
   * Starts a generation. Iterate the result for text deltas; `metrics` resolves at the end.
   * Aborting `signal` cancels the call on the server at once.
   */
  generate(request: GenerateRequest, options: GenerateOptions = {}): Generation {
    return new StartedGeneration(this, request, options, options.requestId ?? randomUUID());
  }

  /** @internal The `log` option (undefined: no event object is made). */
  get log(): ((event: InferenceLogEvent) => void) | undefined {
    return this.opts.log;
  }

  /** The request of one generation, in the form the hot-path encoder takes. */
  buildRequest(id: string, inputs: InputTensor[], layout: Layout): WireInferRequest {
    return {
      model_name: this.model,
      model_version: this.opts.modelVersion ?? '',
      id,
      parameters: layout.streaming ? { triton_enable_empty_final_response: true } : undefined,
      inputs: inputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: t.shape })),
      outputs: [layout.textOutput],
      raw_input_contents: inputs.map((t) => t.data),
    };
  }

  /** @internal Opens the stream of one generation on `ep` for `run`, which pulls its chunks. */
  openStream(ep: Endpoint, run: GenerationRun, layout: Layout): OpenStream {
    let names = this.outputName;
    if (names?.name !== layout.textOutput) names = this.outputName = { name: layout.textOutput, bytes: Buffer.from(layout.textOutput, 'utf8') };
    // Responses arrive as bytes and are decoded by a reader that extracts only the fields the
    // client reads and refuses malformed input at once (see wire.ts), so a hostile response is
    // a clear 'bad-output' error, never a long loop inside grpc-js.
    // The call is made on the channel, the layer under grpc-js's Client: the same channel,
    // credentials, deadline, metadata, message size limits, keepalive and status handling, but
    // without the interceptor chain and the object-mode Duplex stream between the network and
    // the reader, whose per-message steps (push, emit, the read-ahead ticks) and the stack trace
    // the Client captures at every call start were most of the client's own cost at 64 streams.
    const call = ep.stub.getChannel().createCall(STREAM_PATH, run.deadline, undefined, null, undefined);
    this.live.add(call);
    const sc = new OpenStream(this, ep, call, run, layout, names.bytes);
    try {
      call.start(this.md(), sc);
      call.sendMessageWithContext(NO_CONTEXT, encodeInferRequest(run.message));
      call.startRead();
      sc.arm();
    } catch (e) {
      sc.close();
      throw e;
    }
    return sc;
  }

  /** @internal Sends the one ModelInfer call of a generation on a model that does not stream. */
  infer(ep: Endpoint, run: GenerationRun, layout: Layout): Attempt {
    return new UnaryCall(this, ep, run, layout);
  }

  /** @internal The unary stub call behind UnaryCall (the stub's methods are typed loosely). */
  modelInfer(ep: Endpoint, req: unknown, deadline: number, cb: (err: grpc.ServiceError | null, res: unknown) => void): grpc.ClientUnaryCall {
    return ep.stub.ModelInfer(req, this.md(), { deadline }, cb);
  }

  /** @internal Wakes `sc` at the next turn, with every other stream that asks in this one. */
  queueWake(sc: OpenStream): void {
    if (this.wakeQueue.push(sc) === 1) setImmediate(this.flushWakes);
  }

  /** @internal */
  forget(call: ChannelCall): void {
    this.live.delete(call);
  }

  /** @internal A CANCELLED status we did not ask for: the server or the connection went away. */
  droppedError(ep: Endpoint, afterText: boolean, e: { details: string }): InferenceError {
    if (afterText)
      return new InferenceError(
        'connection-lost',
        `connection to ${ep.address} was lost during generation (${e.details})`,
        'The text so far was kept; retry the request. Check the server log if this repeats.',
        ep.address,
        GrpcStatus.UNAVAILABLE,
      );
    return new InferenceError(
      'unreachable',
      `${ep.address} dropped the request before answering (${e.details})`,
      'Check that tritonserver is running and healthy.',
      ep.address,
      GrpcStatus.UNAVAILABLE,
    );
  }

  /** Cancels open generations and closes every channel. */
  close(): void {
    this.closed = true;
    for (const c of this.live) c.cancelWithStatus(GrpcStatus.CANCELLED, CANCELLED_ON_CLIENT);
    this.live.clear();
    for (const e of this.endpoints) e.close();
  }
}

/** Extracts the text output of one response; undefined when the response carries none. */
function textBytes(res: InferResponse, name: string, id: string): Buffer | undefined {
  const outs = res.outputs ?? [];
  let idx = -1;
  for (let i = 0; i < outs.length; i++) if (outs[i].name === name) idx = i;
  if (idx < 0) return undefined;
  const raw = res.raw_output_contents?.[idx];
  let elems: Buffer[];
  if (raw) elems = decodeBytes(raw, `output '${name}' of request ${id}`);
  else elems = outs[idx].contents?.bytes_contents ?? [];
  if (elems.length === 0) return undefined;
  return elems.length === 1 ? elems[0] : Buffer.concat(elems);
}

/** What generate() returns: a class rather than an object of closures made per generation. */
class StartedGeneration implements Generation {
  readonly metrics: Promise<GenerationMetrics>;
  private resolveMetrics!: (m: GenerationMetrics) => void;

  constructor(
    private readonly client: TritonClient,
    private readonly request: GenerateRequest,
    private readonly options: GenerateOptions,
    readonly requestId: string,
  ) {
    this.metrics = new Promise<GenerationMetrics>((r) => (this.resolveMetrics = r));
  }

  [Symbol.asyncIterator](): AsyncIterator<TextChunk> {
    return new GenerationRun(this.client, this.request, this.options, this.requestId, this.resolveMetrics);
  }

  async text(): Promise<string> {
    let s = '';
    for await (const c of this) s += c.text;
    return s;
  }
}

const DONE: IteratorResult<TextChunk> = Object.freeze({ value: undefined, done: true });

/**
 * The iterator of one generation. Setup (discovery, building the request, the first endpoint)
 * and failover are plain code around one Attempt at a time. While text flows, next() takes the
 * text gathered so far or parks the consumer's promise, and the attempt's wake resolves that
 * promise directly: no async generator between the network and the consumer (its steps were the
 * larger part of a chunk's cost at 64 streams).
 *
 * Failover happens only before any text reached the consumer, on a retryable error, within the
 * generation's deadline, and at most once per endpoint (the endpoints failed on are excluded).
 * Leaving early (return(), throw(), a `break` out of `for await`) cancels the call.
 */
class GenerationRun implements AsyncIterator<TextChunk> {
  readonly timer = new GenerationTimer();
  // The bounds of the generation.
  /** Date.now() time at which the whole generation ends. */
  readonly deadline: number;
  readonly deadlineMs: number;
  /** 0: none. */
  readonly firstTokenMs: number;
  readonly idleMs: number;
  readonly maxTokens: number;
  /** Most response bytes in all. */
  readonly maxBytes: number;
  readonly signal: AbortSignal | undefined;
  /** The request, built once by begin() and sent to every endpoint tried. */
  message!: WireInferRequest;
  private layout: Layout | undefined;
  private attempt: Attempt | undefined;
  private ep: Endpoint | undefined;
  /** Made on the first failover only. */
  private failedOn: Set<Endpoint> | undefined;
  private last: InferenceError | undefined;
  private attempts = 0;
  private endpoint = '';
  private streamed = false;
  /** Discovery is in flight (the first generations of a client). */
  private settingUp = false;
  private over = false;
  private resolveNext: ((r: IteratorResult<TextChunk>) => void) | undefined;
  private rejectNext: ((e: unknown) => void) | undefined;
  /** The unanswered next(), which another next() waits for (the protocol allows overlapping
   * calls; `for await` never makes them). */
  private inFlight: Promise<IteratorResult<TextChunk>> | undefined;
  /** The executor of a parked next(): one per generation, made on its first wait, not one per wait. */
  private park: ((resolve: (r: IteratorResult<TextChunk>) => void, reject: (e: unknown) => void) => void) | undefined;

  constructor(
    private readonly client: TritonClient,
    private readonly request: GenerateRequest,
    options: GenerateOptions,
    readonly requestId: string,
    private readonly done: (m: GenerationMetrics) => void,
  ) {
    this.deadlineMs = options.deadlineMs ?? client.generationTimeoutMs;
    this.deadline = Date.now() + this.deadlineMs;
    this.firstTokenMs = options.firstTokenTimeoutMs ?? client.firstTokenTimeoutMs;
    this.idleMs = options.idleTimeoutMs ?? client.idleTimeoutMs;
    this.maxTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
    this.maxBytes = client.maxGenerationBytes;
    this.signal = options.signal;
  }

  [Symbol.asyncIterator](): AsyncIterator<TextChunk> {
    return this;
  }

  next(): Promise<IteratorResult<TextChunk>> {
    const a = this.attempt;
    if (a !== undefined && this.resolveNext === undefined) {
      const chunk = a.take();
      if (chunk) return Promise.resolve({ value: chunk, done: false });
      return this.settle();
    }
    if (this.resolveNext !== undefined || this.settingUp) {
      const after = (): Promise<IteratorResult<TextChunk>> => this.next();
      return this.inFlight!.then(after, after);
    }
    if (this.over) return Promise.resolve(DONE);
    return this.start();
  }

  return(): Promise<IteratorResult<TextChunk>> {
    this.stop();
    return Promise.resolve(DONE);
  }

  throw(e?: unknown): Promise<IteratorResult<TextChunk>> {
    this.stop();
    return Promise.reject(e);
  }

  /** @internal `from` has text, has finished or has failed: answers a parked next(). */
  wake(from: Attempt): void {
    const resolve = this.resolveNext;
    if (resolve === undefined || from !== this.attempt) return;
    let r: IteratorResult<TextChunk> | undefined;
    try {
      r = this.poll();
    } catch (e) {
      const reject = this.rejectNext!;
      this.resolveNext = this.rejectNext = undefined;
      reject(e);
      return;
    }
    if (r !== undefined) {
      this.resolveNext = this.rejectNext = undefined;
      resolve(r);
    }
  }

  private start(): Promise<IteratorResult<TextChunk>> {
    if (this.signal?.aborted) return Promise.reject(this.fail(new InferenceAbortError()));
    const disc = this.client.discovered;
    if (disc) return this.begin(disc);
    this.settingUp = true;
    return (this.inFlight = this.client.discover().then(
      (d) => this.begin(d),
      (e: unknown) => {
        this.settingUp = false;
        return this.over ? DONE : Promise.reject(this.fail(e));
      },
    ));
  }

  private begin(disc: Discovery): Promise<IteratorResult<TextChunk>> {
    this.settingUp = false;
    if (this.over) return Promise.resolve(DONE); // the consumer left during discovery
    try {
      const layout = (this.layout = disc.layout);
      this.streamed = layout.streaming;
      const inputs = layout.buildInputs(this.request, layout.streaming);
      this.message = this.client.buildRequest(this.requestId, inputs, layout);
      this.open();
    } catch (e) {
      return Promise.reject(this.fail(e));
    }
    return this.settle();
  }

  /** Answers next() from the attempt as it is, or parks the consumer until the attempt wakes it. */
  private settle(): Promise<IteratorResult<TextChunk>> {
    let r: IteratorResult<TextChunk> | undefined;
    try {
      r = this.poll();
    } catch (e) {
      return Promise.reject(e);
    }
    if (r !== undefined) return Promise.resolve(r);
    return (this.inFlight = new Promise(
      (this.park ??= (resolve, reject) => {
        this.resolveNext = resolve;
        this.rejectNext = reject;
      }),
    ));
  }

  /** A chunk, the end, or (thrown) the failure, if the attempt has one now; undefined: wait. A
   * failure that allows failover opens the next attempt here. */
  private poll(): IteratorResult<TextChunk> | undefined {
    const a = this.attempt;
    if (a === undefined) return DONE;
    const chunk = a.take();
    if (chunk) return { value: chunk, done: false };
    if (a.finished) {
      const ep = this.ep!;
      this.release();
      if (!ep.healthy) this.client.markUp(ep);
      this.end('ok');
      return DONE;
    }
    const e = a.failed();
    if (e === undefined) return undefined;
    const ep = this.ep!;
    const delivered = a.delivered;
    this.release();
    this.retry(ep, delivered, e);
    return undefined;
  }

  /** After a failed attempt on `ep`: the next endpoint, or (thrown) the generation's failure. */
  private retry(ep: Endpoint, delivered: boolean, e: unknown): void {
    const err = toInferenceError(e, { endpoint: ep.address, model: this.client.model, tls: ep.tls, deadlineMs: this.deadlineMs, afterText: delivered, deadline: 'generation' });
    if (err.retryable) this.client.markDown(ep, err);
    if (delivered || !err.retryable || this.signal?.aborted || Date.now() >= this.deadline) throw this.fail(err);
    this.client.log?.({ type: 'failover', requestId: this.requestId, from: ep.address, errorCode: err.code });
    this.last = err;
    (this.failedOn ??= new Set()).add(ep);
    this.open();
  }

  /** Opens an attempt on the best endpoint not failed on yet; throws when there is none. Each
   * endpoint is tried at most once, so failover is bounded by the number of endpoints. */
  private open(): void {
    if (this.signal?.aborted) throw this.fail(new InferenceAbortError(this.endpoint));
    const ep = this.client.pick(this.failedOn);
    if (!ep) throw this.fail(this.last ?? new InferenceError('unreachable', 'no Triton endpoint available'));
    this.attempts++;
    this.endpoint = ep.address;
    this.ep = ep;
    ep.outstanding++;
    const layout = this.layout!;
    let a: Attempt;
    try {
      a = layout.streaming ? this.client.openStream(ep, this, layout) : this.client.infer(ep, this, layout);
    } catch (e) {
      ep.outstanding--;
      this.retry(ep, false, e);
      return;
    }
    this.attempt = a;
  }

  /** Closes the current attempt (ends or cancels its call). */
  private release(): void {
    const a = this.attempt;
    if (a === undefined) return;
    this.attempt = undefined;
    a.close();
    this.ep!.outstanding--;
  }

  /** The consumer stopped early: a cancellation, and the call is cancelled on the server. */
  private stop(): void {
    if (!this.over) this.end('cancelled', 'cancelled');
    const resolve = this.resolveNext;
    if (resolve !== undefined) {
      this.resolveNext = this.rejectNext = undefined;
      resolve(DONE);
    }
  }

  /** Ends the generation with `e` and returns the error to throw. */
  private fail(e: unknown): InferenceError {
    const err = e instanceof InferenceError ? e : toInferenceError(e, { endpoint: this.endpoint, model: this.client.model, tls: false, deadlineMs: this.deadlineMs, deadline: 'generation' });
    this.end(err.code === 'cancelled' ? 'cancelled' : 'error', err.code);
    return err;
  }

  private end(status: GenerationMetrics['status'], errorCode?: string): void {
    if (this.over) return;
    this.over = true;
    this.release();
    const m = this.timer.finish({ requestId: this.requestId, endpoint: this.endpoint, model: this.client.model, status, errorCode, attempts: this.attempts, streamed: this.streamed });
    this.client.log?.({ type: 'generation', metrics: m });
    this.done(m);
  }
}

/** The one ModelInfer call of a generation on a model that does not stream. */
class UnaryCall implements Attempt {
  delivered = false;
  finished = false;
  private text = '';
  private failure: unknown;
  private closed = false;
  private readonly call: grpc.ClientUnaryCall;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly client: TritonClient,
    private readonly ep: Endpoint,
    private readonly run: GenerationRun,
    private readonly layout: Layout,
  ) {
    const message = run.message;
    const generic = {
      model_name: message.model_name,
      model_version: message.model_version,
      id: message.id,
      inputs: message.inputs,
      outputs: message.outputs.map((name) => ({ name })),
      raw_input_contents: message.raw_input_contents,
    };
    this.call = client.modelInfer(ep, generic, run.deadline, (err, r) => this.settle(err, r as InferResponse));
    const signal = run.signal;
    if (signal) {
      this.onAbort = () => this.call.cancel();
      signal.addEventListener('abort', this.onAbort, { once: true });
    } else this.onAbort = undefined;
  }

  private settle(err: grpc.ServiceError | null, res: InferResponse): void {
    if (this.onAbort) this.run.signal!.removeEventListener('abort', this.onAbort);
    if (this.closed) return;
    const { ep, run } = this;
    if (err)
      this.failure = run.signal?.aborted
        ? new InferenceAbortError(ep.address)
        : err.code === GrpcStatus.CANCELLED
          ? this.client.droppedError(ep, false, err)
          : toInferenceError(err, { endpoint: ep.address, model: this.client.model, tls: ep.tls, deadlineMs: run.deadlineMs });
    else {
      try {
        const bytes = textBytes(res, this.layout.textOutput, run.message.id);
        const text = bytes ? new TextDecoder().decode(bytes) : '';
        const countTokens = this.client.countTokens;
        run.timer.onResponse(bytes?.length ?? 0, text ? (countTokens ? countTokens(text) : 1) : 0);
        this.text = text;
        this.finished = true;
      } catch (e) {
        this.failure = e;
      }
    }
    run.wake(this);
  }

  take(): TextChunk | undefined {
    if (!this.text) return undefined;
    const text = this.text;
    this.text = '';
    this.delivered = true;
    return { text, atMs: performance.now() - this.run.timer.start, index: 0 };
  }

  failed(): unknown {
    return this.failure;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.onAbort) this.run.signal!.removeEventListener('abort', this.onAbort);
    if (!this.finished && this.failure === undefined) this.call.cancel();
  }
}

/** A message sent without a write callback (errors end the call with its status). */
const NO_CONTEXT: Readonly<{ callback?: (error?: Error | null) => void }> = Object.freeze({});
/** The details grpc-js's own streams give a call the client cancels. */
const CANCELLED_ON_CLIENT = 'Cancelled on client';

function checkStream(sc: OpenStream): void {
  sc.check();
}

/**
 * One open stream: its state is fields and its steps are methods rather than closures made per
 * generation (a dozen closures, each named by the bundler's keepNames, were a measurable part of
 * a short generation's cost at 64 streams).
 *
 * Responses are decoded as they arrive (data); the run only takes the text gathered so far, so a
 * consumer slower than the stream gets larger chunks instead of a backlog. Every response still
 * counts as its own token in the metrics.
 */
class OpenStream implements Attempt, grpc.InterceptingListener {
  delivered = false;
  finished = false;
  private pending = '';
  private textSeen = false;
  private failure: unknown;
  private ended = false;
  private index = 0;
  private received = 0;
  private wakeScheduled = false;
  /** One timer for the first-token and idle deadlines: re-armed when it fires rather than on
   * every token, so a token costs no timer work. */
  private watch: NodeJS.Timeout | undefined;
  /** Set only while a character is split across responses (see decode). */
  private decoder: TextDecoder | undefined;
  private split = false;
  /** The client ended it (max_tokens reached, no final flag): the server call is cancelled. */
  private cut = false;
  /** endCall() has run. */
  private callEnded = false;
  /** A message came after the final response; the call was cancelled. */
  private overrun = false;
  private prev: Buffer | undefined;
  private closed = false;
  private readonly accumulated: boolean;
  private readonly countTokens: ((delta: string) => number) | undefined;
  private readonly textOutput: string;
  private readonly timer: GenerationTimer;
  private readonly id: string;
  // Assigned in the constructor, not as a field initialiser: those the bundler's keepNames names
  // with a defineProperty per instance.
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly client: TritonClient,
    private readonly ep: Endpoint,
    private readonly call: ChannelCall,
    private readonly run: GenerationRun,
    layout: Layout,
    private readonly outputName: Buffer,
  ) {
    this.accumulated = layout.textMode === 'accumulated';
    this.countTokens = client.countTokens;
    this.textOutput = layout.textOutput;
    this.timer = run.timer;
    this.id = run.message.id;
    const signal = run.signal;
    if (signal) {
      this.onAbort = () => this.abort();
      signal.addEventListener('abort', this.onAbort, { once: true });
    } else this.onAbort = undefined;
  }

  // The call's listener (start() was given this stream). It hears the call until its status,
  // after close() too: the messages then find `closed` and are dropped, but are still read, so
  // the call runs to its status as a stream with a 'data' listener did.

  onReceiveMetadata(): void {}

  onReceiveMessage(buf: Buffer): void {
    // A message after the final response (the call half-closed): the server should have ended the
    // stream. It is cancelled, so a server that goes on sending is not read until the deadline.
    if (this.callEnded && this.finished && !this.cut && !this.overrun) {
      this.overrun = true;
      this.call.cancelWithStatus(GrpcStatus.CANCELLED, CANCELLED_ON_CLIENT);
    }
    this.data(buf);
    this.call.startRead();
  }

  onReceiveStatus(status: grpc.StatusObject): void {
    // The call is over: nothing left to cancel at client.close(), even if the consumer walked
    // away from the generation without return() and close() never comes.
    this.client.forget(this.call);
    if (status.code === GrpcStatus.OK) this.ended = true;
    else this.error(status);
    this.notify();
  }

  private notify(): void {
    if (!this.closed) this.run.wake(this);
  }

  /** The wake of a turn (see TritonClient.queueWake); `now` is the turn's clock, the time of
   * the stream's latest text for its idle watch. */
  wakeSoon(now: number): void {
    this.wakeScheduled = false;
    this.timer.lastAt = now;
    this.notify();
  }

  private error(e: grpc.StatusObject): void {
    this.failure ??= this.run.signal?.aborted ? new InferenceAbortError(this.ep.address) : e.code === GrpcStatus.CANCELLED ? this.client.droppedError(this.ep, this.textSeen, e) : e;
  }

  private fail(e: unknown): void {
    if (this.failure || this.finished) return;
    this.failure = e;
    this.endCall();
    this.notify();
  }

  /** Ends the call once: half-closed after the final response (the server then ends it, as
   * Triton ends a stream only when the client has closed its side), cancelled otherwise. Done
   * as soon as the outcome is known rather than when the consumer takes the last text, so a
   * generation whose consumer walks away without return() holds no stream open on the server. */
  private endCall(): void {
    if (this.callEnded) return;
    this.callEnded = true;
    if (this.finished && !this.cut && this.failure === undefined) this.call.halfClose();
    else this.call.cancelWithStatus(GrpcStatus.CANCELLED, CANCELLED_ON_CLIENT);
  }

  /** Before the first token only the first-token deadline (and the whole generation's) applies:
   * a queue on the server is not a stall. The idle deadline starts with the first token. */
  arm(): void {
    const { firstTokenMs, idleMs } = this.run;
    const timer = this.timer;
    const due = this.textSeen ? (idleMs > 0 ? timer.lastAt! + idleMs : 0) : firstTokenMs > 0 ? timer.start + firstTokenMs : 0;
    // Whole milliseconds: Node keeps one timer list per distinct duration, so a fractional
    // delay gave every stream a list of its own; whole ones share the list of their duration.
    this.watch = due ? setTimeout(checkStream, Math.max(1, Math.ceil(due - performance.now())), this) : undefined;
  }

  check(): void {
    this.watch = undefined;
    if (this.failure || this.finished || this.closed) return;
    const now = performance.now();
    const { firstTokenMs, idleMs, maxTokens } = this.run;
    const timer = this.timer;
    if (!this.textSeen) {
      if (now - timer.start >= firstTokenMs) return this.fail(deadlineError('firstToken', firstTokenMs, this.ep.address, ` (request ${this.id})`));
    } else if (idleMs > 0 && now - timer.lastAt! >= idleMs) {
      // The model said all it was asked for and then stalled without its final flag: done.
      if (timer.outputTokens >= maxTokens) return this.finish(true);
      return this.fail(deadlineError('idle', idleMs, this.ep.address, ` (request ${this.id}, after ${timer.outputTokens} token(s))`));
    }
    this.arm();
  }

  /** Text is decoded straight from the response buffer while every response ends on a character
   * boundary (the usual case); a TextDecoder is made only for a character split across
   * responses, and used until the text is back on a boundary. */
  private decode(buf: Buffer, start: number, end: number): string {
    if (!this.split) {
      if (end - start <= SHORT_TEXT) {
        const ascii = shortAscii(buf, start, end);
        if (ascii !== undefined) return ascii;
      }
      if (endsOnCharBoundary(buf, start, end)) return buf.toString('utf8', start, end);
    }
    this.decoder ??= new TextDecoder('utf-8');
    this.split = !endsOnCharBoundary(buf, start, end);
    return this.decoder.decode(buf.subarray(start, end), { stream: true });
  }

  private finish(cutShort = false): void {
    this.cut = cutShort;
    this.finished = true;
    if (this.decoder && this.split) this.pending += this.decoder.decode();
    this.endCall();
    this.notify();
  }

  private data(buf: Buffer): void {
    if (this.failure || this.finished || this.closed) return;
    const { run, timer, ep, id } = this;
    try {
      this.received += buf.length;
      if (this.received > run.maxBytes) {
        return this.fail(
          new InferenceError(
            'too-large',
            `the stream of request ${id} from ${ep.address} passed ${run.maxBytes} bytes in all (${timer.responses} responses) without finishing`,
            `The text so far was kept. Lower max tokens, or check the model: a generation of ${run.maxTokens} tokens should be far smaller.`,
            ep.address,
          ),
        );
      }
      const tok = readStreamToken(buf, this.outputName);
      if (tok.error) return this.fail(classifyServerText(tok.error, this.client.model, ep.address));
      const isFinal = tok.final;
      let src = buf;
      let start = tok.start;
      let end = tok.end;
      if (tok.complex) {
        // Several BYTES elements, `contents` instead of raw bytes, or a malformed tensor.
        const res = decodeStreamResponse(buf).infer_response;
        const bytes = res ? textBytes(res, this.textOutput, id) : undefined;
        if (bytes) {
          src = bytes;
          start = 0;
          end = bytes.length;
        } else start = end = -1;
      }
      const size = start >= 0 ? end - start : 0;
      let delta = '';
      if (size > 0) {
        if (!this.accumulated) delta = this.decode(src, start, end);
        else {
          const bytes = src.subarray(start, end);
          const prev = this.prev;
          if (!prev) delta = this.decode(src, start, end);
          else if (bytes.length >= prev.length && bytes.compare(prev, 0, prev.length, 0, prev.length) === 0) {
            delta = this.decode(src, start + prev.length, end);
          } else {
            // The model rewrote earlier text (not a pure extension): emit only what lies
            // beyond what was already delivered, so no text is duplicated.
            const full = new TextDecoder().decode(bytes);
            const before = new TextDecoder().decode(prev);
            delta = full.length > before.length ? full.slice(before.length) : '';
          }
          this.prev = bytes; // a view of this response's own buffer: no copy
        }
      }
      if (delta && timer.outputTokens >= run.maxTokens) {
        // More text than max_tokens asked for and no final flag: stop here, keep what came.
        return this.finish(true);
      }
      const tokens = delta ? (this.countTokens ? this.countTokens(delta) : 1) : 0;
      // Once text is flowing to the consumer, the turn's wake records the time (wakeSoon).
      if (this.delivered) timer.countResponse(size, tokens);
      else timer.onResponse(size, tokens);
      if (delta) {
        this.pending += delta;
        if (!this.textSeen) {
          this.textSeen = true;
          if (this.watch) clearTimeout(this.watch); // the first-token watch gives way to the idle one
          this.arm();
        }
      }
      if (isFinal) return this.finish();
      if (!this.delivered) this.notify();
      else if (this.pending && !this.wakeScheduled) {
        // After the first chunk, wake the consumer once per event-loop turn rather than per
        // response: grpc-js hands over one message per tick, so the responses of one network
        // read are gathered into one chunk instead of one promise each.
        this.wakeScheduled = true;
        this.client.queueWake(this);
      }
    } catch (e) {
      this.fail(
        e instanceof WireError
          ? new InferenceError(
              'bad-output',
              `${e.message} (stream of request ${id})`,
              "The server sent bytes that are not a Triton ModelStreamInferResponse; is the endpoint Triton's gRPC port, and is nothing in between rewriting the stream?",
              ep.address,
            )
          : e,
      );
    }
  }

  private abort(): void {
    this.failure = new InferenceAbortError(this.ep.address);
    this.endCall();
    this.notify();
  }

  take(): TextChunk | undefined {
    if (!this.pending) return undefined;
    const text = this.pending;
    this.pending = '';
    this.delivered = true;
    return { text, atMs: performance.now() - this.timer.start, index: this.index++ };
  }

  failed(): unknown {
    const ep = this.ep;
    const e =
      this.failure ??
      (this.ended
        ? new InferenceError(
            'protocol',
            `${ep.address} closed the stream of request ${this.id} before its final response`,
            'Is the model decoupled, and does the server support triton_enable_empty_final_response (Triton 23.10 or later)?',
            ep.address,
          )
        : undefined);
    if (e === undefined) return undefined;
    return e instanceof InferenceError
      ? e
      : toInferenceError(e, { endpoint: ep.address, model: this.client.model, tls: ep.tls, deadlineMs: this.run.deadlineMs, afterText: this.textSeen, deadline: 'generation' });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.watch) clearTimeout(this.watch);
    if (this.onAbort) this.run.signal!.removeEventListener('abort', this.onAbort);
    this.client.forget(this.call);
    this.endCall();
  }
}

export { describeTensors };
