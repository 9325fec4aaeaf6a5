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
import { decodeStreamResponse, encodeInferRequest, endsOnCharBoundary, readStreamToken, WireError, type WireInferRequest } from './wire';

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
const passThrough = (b: Buffer) => b;

type UnaryFn = (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void) => grpc.ClientUnaryCall;
type InferenceStub = grpc.Client & Record<string, UnaryFn> & {
  ModelStreamInfer(md: grpc.Metadata, opts: grpc.CallOptions): grpc.ClientDuplexStream<unknown, Buffer>;
};

interface InferOutput { name: string; datatype: string; contents?: { bytes_contents?: Buffer[] } | null }
interface InferResponse {
  id?: string;
  parameters?: Record<string, { bool_param?: boolean; parameter_choice?: string }>;
  outputs?: InferOutput[];
  raw_output_contents?: Buffer[];
}

/** One open stream: run() takes its text, asks whether it is done (throwing its failure) and
 * waits for the next response; close() ends or cancels the call. */
interface StreamCall {
  take(): TextChunk | undefined;
  done(): boolean;
  wait(): Promise<void>;
  close(): void;
}

/** The bounds of one generation: its deadlines, its tokens and its bytes. */
interface StreamLimits {
  /** Date.now() time at which the whole generation ends. */
  deadline: number;
  deadlineMs: number;
  /** 0: none. */
  firstTokenMs: number;
  idleMs: number;
  maxTokens: number;
  maxBytes: number;
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
  private readonly generationTimeoutMs: number;
  private readonly firstTokenTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly maxGenerationBytes: number;
  private readonly reprobeMs: number;
  private discovery?: Promise<Discovery>;
  private closed = false;
  private readonly live = new Set<grpc.ClientDuplexStream<unknown, Buffer>>();
  private readonly serializeRequest: (m: unknown) => Buffer;

  constructor(private readonly opts: TritonClientOptions) {
    if (!opts.endpoints.length) throw new InferenceError('bad-input', 'no Triton endpoint configured', 'Set at least one endpoint (host:port of Triton\'s gRPC port, default 8001).');
    if (!opts.model) throw new InferenceError('bad-input', 'no model name configured', 'Set the Triton model name (e.g. "ensemble", "tensorrt_llm_bls" or "vllm_model").');
    this.model = opts.model;
    this.proto = loadTritonProto(opts.protoDir);
    this.serializeRequest = encodeInferRequest as (m: unknown) => Buffer;
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

  /** Healthy endpoints first, fewest outstanding requests first; failed ones as a last resort. */
  private pick(exclude: Set<Endpoint>): Endpoint | undefined {
    const now = Date.now();
    let best: Endpoint | undefined;
    let bestScore = Infinity;
    for (const e of this.endpoints) {
      if (exclude.has(e)) continue;
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

  private markDown(ep: Endpoint, err: InferenceError): void {
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

  private markUp(ep: Endpoint): void {
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
      this.discovery.catch(() => (this.discovery = undefined));
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
    if (!server.ready) throw new InferenceError('model-not-ready', `Triton at ${ep.address} is live but not ready`, 'It is still loading models or shutting down; wait, or check the tritonserver log.', ep.address, GrpcStatus.UNAVAILABLE);
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
      if (!known) throw new InferenceError('model-missing', `model '${this.model}' is not in the model repository of ${ep.address}`, 'Check the model name setting, or list the repository with `curl <host>:8000/v2/repository/index -X POST`.', ep.address);
      throw new InferenceError('model-not-ready', `model '${this.model}'${version ? ` version ${version}` : ''} is not ready on ${ep.address}`, 'It may still be loading or have failed to load; check the tritonserver log.', ep.address);
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
    const requestId = options.requestId ?? randomUUID();
    let resolveMetrics!: (m: GenerationMetrics) => void;
    const metrics = new Promise<GenerationMetrics>((r) => (resolveMetrics = r));
    const self = this;
    const iterable: Generation = {
      requestId,
      metrics,
      [Symbol.asyncIterator]: () => self.run(request, options, requestId, resolveMetrics)[Symbol.asyncIterator](),
      async text() {
        let s = '';
        for await (const c of iterable) s += c.text;
        return s;
      },
    };
    return iterable;
  }

  private async *run(request: GenerateRequest, options: GenerateOptions, requestId: string, done: (m: GenerationMetrics) => void): AsyncGenerator<TextChunk> {
    const timer = new GenerationTimer();
    const deadlineMs = options.deadlineMs ?? this.generationTimeoutMs;
    const deadline = Date.now() + deadlineMs;
    const limits: StreamLimits = {
      deadline,
      deadlineMs,
      firstTokenMs: options.firstTokenTimeoutMs ?? this.firstTokenTimeoutMs,
      idleMs: options.idleTimeoutMs ?? this.idleTimeoutMs,
      maxTokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
      maxBytes: this.maxGenerationBytes,
    };
    const signal = options.signal;
    let attempts = 0;
    let endpoint = '';
    let streamed = false;
    let status: GenerationMetrics['status'] = 'error';
    let errorCode: string | undefined;
    try {
      if (signal?.aborted) throw new InferenceAbortError();
      const disc = await this.discover();
      const layout = disc.layout;
      streamed = layout.streaming;
      const inputs = layout.buildInputs(request, layout.streaming);
      const message = this.buildRequest(requestId, inputs, layout);
      const tried = new Set<Endpoint>();
      let last: InferenceError | undefined;
      for (;;) {
        if (signal?.aborted) throw new InferenceAbortError(endpoint);
        const ep = this.pick(tried);
        if (!ep) throw last ?? new InferenceError('unreachable', 'no Triton endpoint available');
        tried.add(ep);
        attempts++;
        endpoint = ep.address;
        const state = { gotText: false };
        ep.outstanding++;
        try {
          // yield* hands chunks straight through (cheaper per token than re-yielding).
          if (layout.streaming) {
            // The stream's chunks are yielded here, not through a nested generator: one
            // async-generator step per chunk instead of two (the cost of a token at 64 streams).
            const sc = this.openStream(ep, message, layout, timer, limits, state, signal);
            try {
              for (;;) {
                const chunk = sc.take();
                if (chunk) {
                  yield chunk;
                  continue;
                }
                if (sc.done()) break;
                await sc.wait();
              }
            } finally {
              sc.close();
            }
          } else yield* this.inferOn(ep, message, layout, timer, deadline, deadlineMs, state, signal);
          if (!ep.healthy) this.markUp(ep);
          status = 'ok';
          return;
        } catch (e) {
          const err = toInferenceError(e, { endpoint: ep.address, model: this.model, tls: ep.tls, deadlineMs, afterText: state.gotText, deadline: 'generation' });
          if (err.retryable) this.markDown(ep, err);
          if (!state.gotText && err.retryable && !signal?.aborted && Date.now() < deadline) {
            this.opts.log?.({ type: 'failover', requestId, from: ep.address, errorCode: err.code });
            last = err;
            continue;
          }
          throw err;
        } finally {
          ep.outstanding--;
        }
      }
    } catch (e) {
      const err = e instanceof InferenceError ? e : toInferenceError(e, { endpoint, model: this.model, tls: false, deadlineMs, deadline: 'generation' });
      errorCode = err.code;
      status = err.code === 'cancelled' ? 'cancelled' : 'error';
      throw err;
    } finally {
      if (status === 'ok' || errorCode) {
        // finished or failed
      } else {
        // The consumer stopped iterating early (break/return): that is a cancellation.
        status = 'cancelled';
        errorCode = 'cancelled';
      }
      const m = timer.finish({ requestId, endpoint, model: this.model, status, errorCode, attempts, streamed });
      this.opts.log?.({ type: 'generation', metrics: m });
      done(m);
    }
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

  /** Extracts the text output of one response; undefined when the response carries none. */
  private textBytes(res: InferResponse, name: string, id: string): Buffer | undefined {
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

  /** Opens the stream of one generation on `ep`; run() pulls its chunks (see StreamCall). */
  private openStream(ep: Endpoint, message: WireInferRequest, layout: Layout, timer: GenerationTimer, limits: StreamLimits, state: { gotText: boolean }, signal?: AbortSignal): StreamCall {
    const id = message.id;
    // Responses arrive as bytes and are decoded here by a reader that extracts only the fields
    // the client reads and refuses malformed input at once (see wire.ts), so a hostile
    // response is a clear 'bad-output' error, never a long loop inside grpc-js.
    const call = ep.stub.makeBidiStreamRequest(STREAM_PATH, this.serializeRequest, passThrough, this.md(), { deadline: limits.deadline }) as grpc.ClientDuplexStream<unknown, Buffer>;
    this.live.add(call);
    // Responses are decoded as they arrive (in the 'data' handler); the loop below only hands
    // out the text gathered so far, so a consumer slower than the stream gets larger chunks
    // instead of a backlog. Every response still counts as its own token in the metrics.
    let pending = '';
    let textSeen = false;
    let finished = false;
    let failure: unknown;
    let ended = false;
    let index = 0;
    let received = 0;
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    let wakeScheduled = false;
    const wakeSoon = () => {
      wakeScheduled = false;
      notify();
    };
    const fail = (e: unknown) => {
      if (failure || finished) return;
      failure = e;
      call.cancel();
      notify();
    };
    // One timer for the first-token and idle deadlines: it is re-armed when it fires rather
    // than on every token, so a token costs no timer work.
    let watch: NodeJS.Timeout | undefined;
    const { firstTokenMs, idleMs } = limits;
    // Before the first token only the first-token deadline (and the whole generation's) applies:
    // a queue on the server is not a stall. The idle deadline starts with the first token.
    const arm = () => {
      const due = textSeen ? (idleMs > 0 ? timer.lastAt! + idleMs : 0) : firstTokenMs > 0 ? timer.start + firstTokenMs : 0;
      watch = due ? setTimeout(check, Math.max(1, due - performance.now())) : undefined;
    };
    const check = () => {
      watch = undefined;
      if (failure || finished) return;
      const now = performance.now();
      if (!textSeen) {
        if (now - timer.start >= firstTokenMs) return fail(deadlineError('firstToken', firstTokenMs, ep.address, ` (request ${id})`));
      } else if (idleMs > 0 && now - timer.lastAt! >= idleMs) {
        // The model said all it was asked for and then stalled without its final flag: done.
        if (timer.outputTokens >= limits.maxTokens) return finish(true);
        return fail(deadlineError('idle', idleMs, ep.address, ` (request ${id}, after ${timer.outputTokens} token(s))`));
      }
      arm();
    };
    // Text is decoded straight from the response buffer while every response ends on a
    // character boundary (the usual case); a TextDecoder is made only for a character split
    // across responses, and used until the text is back on a boundary.
    let decoder: TextDecoder | undefined;
    let split = false;
    const decode = (buf: Buffer, start: number, end: number): string => {
      if (!split && endsOnCharBoundary(buf, start, end)) return buf.toString('utf8', start, end);
      decoder ??= new TextDecoder('utf-8');
      split = !endsOnCharBoundary(buf, start, end);
      return decoder.decode(buf.subarray(start, end), { stream: true });
    };
    // cut: the client ended it (max_tokens reached, no final flag): the server call is cancelled.
    let cut = false;
    const finish = (cutShort = false) => {
      cut = cutShort;
      finished = true;
      if (decoder && split) pending += decoder.decode();
      notify();
    };
    const accumulated = layout.textMode === 'accumulated';
    const countTokens = this.opts.countTokens;
    const outputName = Buffer.from(layout.textOutput, 'utf8');
    let prev: Buffer | undefined;
    const onData = (buf: Buffer) => {
      if (failure || finished) return;
      try {
        received += buf.length;
        if (received > limits.maxBytes) {
          return fail(new InferenceError('too-large', `the stream of request ${id} from ${ep.address} passed ${limits.maxBytes} bytes in all (${timer.responses} responses) without finishing`, `The text so far was kept. Lower max tokens, or check the model: a generation of ${limits.maxTokens} tokens should be far smaller.`, ep.address));
        }
        const tok = readStreamToken(buf, outputName);
        if (tok.error) return fail(classifyServerText(tok.error, this.model, ep.address));
        const isFinal = tok.final;
        let src = buf;
        let start = tok.start;
        let end = tok.end;
        if (tok.complex) {
          // Several BYTES elements, `contents` instead of raw bytes, or a malformed tensor.
          const res = decodeStreamResponse(buf).infer_response;
          const bytes = res ? this.textBytes(res, layout.textOutput, id) : undefined;
          if (bytes) {
            src = bytes;
            start = 0;
            end = bytes.length;
          } else start = end = -1;
        }
        const size = start >= 0 ? end - start : 0;
        let delta = '';
        if (size > 0) {
          if (!accumulated) delta = decode(src, start, end);
          else {
            const bytes = src.subarray(start, end);
            if (!prev) delta = decode(src, start, end);
            else if (bytes.length >= prev.length && bytes.compare(prev, 0, prev.length, 0, prev.length) === 0) {
              delta = decode(src, start + prev.length, end);
            } else {
              // The model rewrote earlier text (not a pure extension): emit only what lies
              // beyond what was already delivered, so no text is duplicated.
              const full = new TextDecoder().decode(bytes);
              const before = new TextDecoder().decode(prev);
              delta = full.length > before.length ? full.slice(before.length) : '';
            }
            prev = bytes; // a view of this response's own buffer: no copy
          }
        }
        if (delta && timer.outputTokens >= limits.maxTokens) {
          // More text than max_tokens asked for and no final flag: stop here, keep what came.
          return finish(true);
        }
        timer.onResponse(size, delta ? (countTokens ? countTokens(delta) : 1) : 0);
        if (delta) {
          pending += delta;
          if (!textSeen) {
            textSeen = true;
            if (watch) clearTimeout(watch); // the first-token watch gives way to the idle one
            arm();
          }
        }
        if (isFinal) return finish();
        if (!state.gotText) notify();
        else if (pending && !wakeScheduled) {
          // After the first token, wake the consumer once per event-loop turn rather than
          // per response: grpc-js hands over one message per tick, so the responses of one
          // network read are gathered into one chunk instead of one await chain each.
          wakeScheduled = true;
          setImmediate(wakeSoon);
        }
      } catch (e) {
        fail(e instanceof WireError ? new InferenceError('bad-output', `${e.message} (stream of request ${id})`, 'The server sent bytes that are not a Triton ModelStreamInferResponse; is the endpoint Triton\'s gRPC port, and is nothing in between rewriting the stream?', ep.address) : e);
      }
    };
    const onAbort = () => {
      failure = new InferenceAbortError(ep.address);
      call.cancel();
      notify();
    };
    call.on('data', onData);
    call.on('error', (e: grpc.ServiceError) => {
      failure ??= signal?.aborted ? new InferenceAbortError(ep.address) : e.code === GrpcStatus.CANCELLED ? this.droppedError(ep, textSeen, e) : e;
      notify();
    });
    call.on('end', () => {
      ended = true;
      notify();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    let closed = false;
    const sc: StreamCall = {
      take: () => {
        if (!pending) return undefined;
        const text = pending;
        pending = '';
        state.gotText = true;
        return { text, atMs: performance.now() - timer.start, index: index++ };
      },
      done: () => {
        if (finished) return true;
        const e = failure ?? (ended ? new InferenceError('protocol', `${ep.address} closed the stream of request ${id} before its final response`, 'Is the model decoupled, and does the server support triton_enable_empty_final_response (Triton 23.10 or later)?', ep.address) : undefined);
        if (e) throw e instanceof InferenceError ? e : toInferenceError(e, { endpoint: ep.address, model: this.model, tls: ep.tls, deadlineMs: limits.deadlineMs, afterText: textSeen, deadline: 'generation' });
        return false;
      },
      wait: () => new Promise<void>((r) => (wake = r)),
      close: () => {
        if (closed) return;
        closed = true;
        if (watch) clearTimeout(watch);
        signal?.removeEventListener('abort', onAbort);
        this.live.delete(call);
        if (finished && !cut) call.end();
        else call.cancel();
        call.off('data', onData);
        call.on('error', () => undefined);
      },
    };
    try {
      call.write(message);
      arm();
    } catch (e) {
      sc.close();
      throw e;
    }
    return sc;
  }

  private async *inferOn(ep: Endpoint, message: WireInferRequest, layout: Layout, timer: GenerationTimer, deadline: number, deadlineMs: number, state: { gotText: boolean }, signal?: AbortSignal): AsyncGenerator<TextChunk> {
    const res = await new Promise<InferResponse>((resolve, reject) => {
      const generic = {
        model_name: message.model_name,
        model_version: message.model_version,
        id: message.id,
        inputs: message.inputs,
        outputs: message.outputs.map((name) => ({ name })),
        raw_input_contents: message.raw_input_contents,
      };
      const call = ep.stub.ModelInfer(generic, this.md(), { deadline }, (err, r) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(signal?.aborted ? new InferenceAbortError(ep.address) : err.code === GrpcStatus.CANCELLED ? this.droppedError(ep, false, err) : toInferenceError(err, { endpoint: ep.address, model: this.model, tls: ep.tls, deadlineMs }));
        else resolve(r as InferResponse);
      });
      const onAbort = () => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    const bytes = this.textBytes(res, layout.textOutput, message.id);
    const text = bytes ? new TextDecoder().decode(bytes) : '';
    timer.onResponse(bytes?.length ?? 0, text ? (this.opts.countTokens ? this.opts.countTokens(text) : 1) : 0);
    if (text) {
      state.gotText = true;
      yield { text, atMs: performance.now() - timer.start, index: 0 };
    }
  }

  /** A CANCELLED status we did not ask for: the server or the connection went away. */
  private droppedError(ep: Endpoint, afterText: boolean, e: grpc.ServiceError): InferenceError {
    if (afterText) return new InferenceError('connection-lost', `connection to ${ep.address} was lost during generation (${e.details})`, 'The text so far was kept; retry the request. Check the server log if this repeats.', ep.address, GrpcStatus.UNAVAILABLE);
    return new InferenceError('unreachable', `${ep.address} dropped the request before answering (${e.details})`, 'Check that tritonserver is running and healthy.', ep.address, GrpcStatus.UNAVAILABLE);
  }

  /** Cancels open generations and closes every channel. */
  close(): void {
    this.closed = true;
    for (const c of this.live) c.cancel();
    this.live.clear();
    for (const e of this.endpoints) e.close();
  }
}

export { describeTensors };
