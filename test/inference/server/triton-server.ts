// A Triton-faithful gRPC test server on 127.0.0.1. It keeps the rules Triton applies to
// inference requests (as its docs and source describe them): the model must exist and be
// ready; shapes and datatypes must match the model config (with a leading batch dimension when
// max_batch_size > 0); `contents` must not be mixed with `raw_input_contents`; unknown
// `triton_`-prefixed parameters are refused; decoupled models stream responses and send the
// empty final response only when `triton_enable_empty_final_response` asks for it; errors on
// the stream travel in `error_message`; requests on one stream are served concurrently and
// their responses interleave; client cancellation is noticed and recorded.
import * as grpc from '@grpc/grpc-js';
import { loadTritonProto } from '../../../src/inference/proto';
import { decodeBytes, encodeBytes, configTypeToDatatype, elementSize } from '../../../src/inference/tensors';
import { fakeText, fakeToken, type FakeModel } from './models';

export interface ServerSettings {
  /** Delay before the first token (ms). */
  firstTokenDelayMs: number;
  /** Delay between tokens (ms); 0 streams as fast as the transport allows. */
  tokenDelayMs: number;
  /** After this many tokens, report a model error on the stream. */
  failAfterTokens?: number;
  /** After this many tokens, send a response that is not a ModelStreamInferResponse (a
   * length that runs past the end), and nothing more. */
  malformedAfterTokens?: number;
  /** After this many tokens, kill the server (every connection dropped). */
  killAfterTokens?: number;
  /** End every inference call with UNAVAILABLE before any response. */
  unavailable?: boolean;
  /** Put garbage in the BYTES output: a length prefix that overruns, or invalid UTF-8. */
  garbage?: 'length' | 'utf8';
  /** Answer with one response of this many bytes of text instead of tokens. */
  bigOutputBytes?: number;
  /** Headers every call must carry (else UNAUTHENTICATED). */
  requiredHeaders?: Record<string, string>;
  // Careless or hostile servers (the client must stay bounded against each):
  /** Stream tokens forever, never the final flag (until the client cancels). */
  noFinal?: boolean;
  /** After the final response, keep sending token responses (until the client cancels). */
  afterFinal?: boolean;
  /** After this many tokens, send nothing more (the stream stays open). */
  stallAfterTokens?: number;
  /** Answer every streamed request with this error_message (raw, as given). */
  errorMessage?: string;
  /** Answer every streamed request with these bytes as its messages (not a valid response, maybe). */
  rawResponses?: Buffer[];
  /** Answer with `count` responses of `bytes` bytes of text each, without the final flag. */
  bigResponses?: { count: number; bytes: number };
}

export interface TlsConfig {
  key: Buffer;
  cert: Buffer;
  /** CA for client certificates; with requireClientCert: mutual TLS. */
  ca?: Buffer;
  requireClientCert?: boolean;
}

export interface SeenRequest {
  id: string;
  model: string;
  rpc: 'ModelInfer' | 'ModelStreamInfer';
  parameters: Record<string, unknown>;
  inputs: { name: string; datatype: string; shape: number[] }[];
  values: Map<string, unknown[]>;
}

const ALLOWED_TRITON_PARAMS = new Set(['triton_enable_empty_final_response']);

type Req = {
  model_name: string;
  model_version: string;
  id: string;
  parameters: Record<string, Record<string, unknown>>;
  inputs: { name: string; datatype: string; shape: string[]; contents: unknown }[];
  outputs: { name: string }[];
  raw_input_contents: Buffer[];
};

class RequestError extends Error {
  constructor(
    message: string,
    readonly code: grpc.status = grpc.status.INVALID_ARGUMENT,
  ) {
    super(message);
  }
}

function decodeRaw(datatype: string, buf: Buffer): unknown[] {
  const out: unknown[] = [];
  switch (datatype) {
    case 'BYTES':
      return decodeBytes(buf).map((b) => b.toString('utf8'));
    case 'BOOL':
      for (const b of buf) out.push(b !== 0);
      return out;
    case 'INT32':
      for (let i = 0; i + 4 <= buf.length; i += 4) out.push(buf.readInt32LE(i));
      return out;
    case 'FP32':
      for (let i = 0; i + 4 <= buf.length; i += 4) out.push(buf.readFloatLE(i));
      return out;
    case 'UINT64':
      for (let i = 0; i + 8 <= buf.length; i += 8) out.push(Number(buf.readBigUInt64LE(i)));
      return out;
    case 'INT64':
      for (let i = 0; i + 8 <= buf.length; i += 8) out.push(Number(buf.readBigInt64LE(i)));
      return out;
    default:
      return [];
  }
}

const shapeText = (s: number[]) => `[${s.join(',')}]`;

export class FakeTriton {
  readonly models = new Map<string, FakeModel>();
  settings: ServerSettings = { firstTokenDelayMs: 0, tokenDelayMs: 0 };
  /** Request ids whose streams the client cancelled, as the server saw it. */
  readonly cancelled: string[] = [];
  readonly requests: SeenRequest[] = [];
  readonly headersSeen: Record<string, string>[] = [];
  /** Record requests (off for benchmarks). */
  record = true;
  port = 0;
  killed = false;
  private server: grpc.Server;
  private bigMessages = new Map<number, Buffer>();

  constructor(maxSendBytes = 64 * 1024 * 1024) {
    this.server = new grpc.Server({ 'grpc.max_send_message_length': maxSendBytes, 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  }
  private streams = new Set<grpc.ServerDuplexStream<Req, unknown>>();
  private serializeStream: (v: unknown) => Buffer = () => Buffer.alloc(0);

  static async start(opts: { models: FakeModel[]; tls?: TlsConfig; settings?: Partial<ServerSettings>; port?: number; maxSendBytes?: number }): Promise<FakeTriton> {
    const s = new FakeTriton(opts.maxSendBytes);
    for (const m of opts.models) s.models.set(m.config.name as string, m);
    Object.assign(s.settings, opts.settings);
    await s.listen(opts.tls, opts.port ?? 0);
    return s;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  private async listen(tls: TlsConfig | undefined, port: number): Promise<void> {
    const proto = loadTritonProto();
    const u =
      <Q, R>(fn: (req: Q, md: grpc.Metadata) => R | Promise<R>) =>
      (call: grpc.ServerUnaryCall<Q, R>, cb: grpc.sendUnaryData<R>) => {
        try {
          this.checkHeaders(call.metadata);
          Promise.resolve(fn(call.request, call.metadata)).then(
            (r) => cb(null, r),
            (e: RequestError) => cb({ code: e.code ?? grpc.status.INTERNAL, details: e.message }),
          );
        } catch (e) {
          const err = e as RequestError;
          cb({ code: err.code ?? grpc.status.INTERNAL, details: err.message });
        }
      };
    // Streamed responses may be handed over already serialized (the server caches the
    // repeated token messages of a request), so pass Buffers through the serializer.
    const streamDef = proto.inferenceService.ModelStreamInfer;
    const serialize = streamDef.responseSerialize as (v: unknown) => Buffer;
    this.serializeStream = serialize;
    const service = { ...proto.inferenceService, ModelStreamInfer: { ...streamDef, responseSerialize: (v: unknown) => (Buffer.isBuffer(v) ? v : serialize(v)) } };
    this.server.addService(service, {
      ServerLive: u(() => ({ live: true })),
      ServerReady: u(() => ({ ready: true })),
      ServerMetadata: u(() => ({
        name: 'triton',
        version: '2.59.0',
        extensions: ['classification', 'sequence', 'model_repository', 'schedule_policy', 'model_configuration', 'system_shared_memory', 'statistics', 'trace', 'logging'],
      })),
      ModelReady: u((r: { name: string }) => ({ ready: !!this.models.get(r.name) && this.models.get(r.name)!.ready !== false })),
      ModelConfig: u((r: { name: string }) => ({ config: this.model(r.name, false).config })),
      ModelMetadata: u((r: { name: string }) => {
        const m = this.model(r.name, true);
        const c = m.config as {
          max_batch_size: number;
          platform?: string;
          backend?: string;
          input: { name: string; data_type: string; dims: number[] }[];
          output: { name: string; data_type: string; dims: number[] }[];
        };
        const shape = (dims: number[]) => (c.max_batch_size > 0 ? [-1, ...dims] : dims);
        return {
          name: r.name,
          versions: ['1'],
          platform: c.platform || c.backend,
          inputs: c.input.map((i) => ({ name: i.name, datatype: configTypeToDatatype(i.data_type), shape: shape(i.dims) })),
          outputs: c.output.map((o) => ({ name: o.name, datatype: configTypeToDatatype(o.data_type), shape: shape(o.dims) })),
        };
      }),
      ModelStatistics: u(() => ({ model_stats: [] })),
      ModelInfer: (call: grpc.ServerUnaryCall<Req, unknown>, cb: grpc.sendUnaryData<unknown>) => this.unaryInfer(call, cb),
      ModelStreamInfer: (call: grpc.ServerDuplexStream<Req, unknown>) => this.streamInfer(call),
    });
    this.server.addService(proto.healthService, {
      Check: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { status: 'SERVING' }),
    });
    const creds = tls ? grpc.ServerCredentials.createSsl(tls.ca ?? null, [{ private_key: tls.key, cert_chain: tls.cert }], !!tls.requireClientCert) : grpc.ServerCredentials.createInsecure();
    this.port = await new Promise<number>((resolve, reject) => this.server.bindAsync(`127.0.0.1:${port}`, creds, (err, p) => (err ? reject(err) : resolve(p))));
  }

  private checkHeaders(md: grpc.Metadata): void {
    const seen: Record<string, string> = {};
    for (const [k, v] of Object.entries(md.getMap())) seen[k] = String(v);
    if (this.record) this.headersSeen.push(seen);
    for (const [k, v] of Object.entries(this.settings.requiredHeaders ?? {})) {
      if (seen[k] !== v) throw new RequestError(`missing or wrong header '${k}'`, grpc.status.UNAUTHENTICATED);
    }
  }

  private model(name: string, mustBeReady: boolean): FakeModel {
    const m = this.models.get(name);
    if (!m) throw new RequestError(`Request for unknown model: '${name}' is not found`, grpc.status.NOT_FOUND);
    if (mustBeReady && m.ready === false) throw new RequestError(`Request for unknown model: '${name}' has no available versions`, grpc.status.UNAVAILABLE);
    return m;
  }

  /** Applies Triton's request checks; returns the model and decoded input values. */
  validate(req: Req, rpc: SeenRequest['rpc']): { model: FakeModel; values: Map<string, unknown[]> } {
    const model = this.model(req.model_name, true);
    const name = req.model_name;
    const c = model.config as { max_batch_size: number; input: { name: string; data_type: string; dims: (number | string)[]; optional?: boolean }[]; output: { name: string }[] };
    for (const k of Object.keys(req.parameters ?? {})) {
      if (k.startsWith('triton_') && !ALLOWED_TRITON_PARAMS.has(k)) {
        throw new RequestError(`[request id: ${req.id}] Parameter keys starting with 'triton_' are reserved for Triton usage and should not be specified.`);
      }
    }
    const raw = req.raw_input_contents ?? [];
    if (raw.length > 0) {
      for (const inp of req.inputs) {
        if (inp.contents) throw new RequestError(`[request id: ${req.id}] contents field must not be specified when using raw_input_contents for '${inp.name}' for model '${name}'`);
      }
      if (raw.length !== req.inputs.length) throw new RequestError(`[request id: ${req.id}] expected ${req.inputs.length} raw input contents but got ${raw.length}`);
    }
    const specs = new Map(c.input.map((i) => [i.name, i]));
    for (const inp of req.inputs) {
      if (!specs.has(inp.name)) throw new RequestError(`[request id: ${req.id}] unexpected inference input '${inp.name}' for model '${name}'`);
    }
    const given = new Set(req.inputs.map((i) => i.name));
    const required = c.input.filter((i) => !i.optional);
    const missing = required.filter((i) => !given.has(i.name)).map((i) => `'${i.name}'`);
    if (missing.length) {
      throw new RequestError(
        `[request id: ${req.id}] expected ${required.length} inputs but got ${req.inputs.filter((i) => specs.get(i.name) && !specs.get(i.name)!.optional).length} inputs for model '${name}'. Got input(s) [${[...given].map((g) => `'${g}'`).join(', ')}], but missing required input(s) [${missing.join(', ')}]. Please provide all required input(s).`,
      );
    }
    for (const o of req.outputs ?? []) {
      if (!c.output.some((x) => x.name === o.name)) throw new RequestError(`[request id: ${req.id}] unexpected inference output '${o.name}' for model '${name}'`);
    }
    const values = new Map<string, unknown[]>();
    req.inputs.forEach((inp, idx) => {
      const spec = specs.get(inp.name)!;
      const want = configTypeToDatatype(spec.data_type);
      if (inp.datatype !== want) throw new RequestError(`[request id: ${req.id}] inference input '${inp.name}' data-type is '${inp.datatype}', but model '${name}' expects '${want}'`);
      const shape = inp.shape.map(Number);
      const dims = spec.dims.map(Number);
      const expected = c.max_batch_size > 0 ? [-1, ...dims] : dims;
      let ok = shape.length === expected.length && shape.every((d, i) => expected[i] === -1 || expected[i] === d);
      if (ok && c.max_batch_size > 0 && (shape[0] < 1 || shape[0] > c.max_batch_size)) ok = false;
      if (!ok) throw new RequestError(`[request id: ${req.id}] unexpected shape for input '${inp.name}' for model '${name}'. Expected ${shapeText(expected)}, got ${shapeText(shape)}`);
      const elements = shape.reduce((a, b) => a * b, 1);
      const data = raw[idx];
      if (!data) throw new RequestError(`[request id: ${req.id}] input '${inp.name}' has no data (this test server accepts raw_input_contents only)`);
      if (want === 'BYTES') {
        let items: unknown[];
        try {
          items = decodeRaw('BYTES', data);
        } catch {
          throw new RequestError(`[request id: ${req.id}] malformed BYTES data for input '${inp.name}'`);
        }
        if (items.length !== elements) throw new RequestError(`[request id: ${req.id}] expected ${elements} string elements for inference input '${inp.name}', got ${items.length}`);
        values.set(inp.name, items);
      } else {
        const size = elementSize(want)!;
        if (data.length !== elements * size)
          throw new RequestError(`[request id: ${req.id}] input byte size mismatch for input '${inp.name}' for model '${name}'. Expected ${elements * size}, got ${data.length}`);
        values.set(inp.name, decodeRaw(want, data));
      }
    });
    if (this.record) {
      this.requests.push({
        id: req.id,
        model: name,
        rpc,
        parameters: req.parameters ?? {},
        inputs: req.inputs.map((i) => ({ name: i.name, datatype: i.datatype, shape: i.shape.map(Number) })),
        values,
      });
    }
    return { model, values };
  }

  private response(req: Req, model: FakeModel, text: Buffer | undefined, final: boolean): Record<string, unknown> {
    const batch = (model.config as { max_batch_size: number }).max_batch_size > 0;
    const wanted = req.outputs?.length ? req.outputs.map((o) => o.name) : ['text_output'];
    const res: Record<string, unknown> = {
      model_name: req.model_name,
      model_version: '1',
      id: req.id,
      parameters: { triton_final_response: { bool_param: final } },
      outputs: [] as unknown[],
      raw_output_contents: [] as Buffer[],
    };
    if (text) {
      // Output the text under every requested BYTES output; an FP32 output gets one score.
      for (const name of wanted) {
        const isScore = name === 'SCORES';
        (res.outputs as unknown[]).push({ name, datatype: isScore ? 'FP32' : 'BYTES', shape: batch ? [1, 1] : [1] });
        (res.raw_output_contents as Buffer[]).push(isScore ? Buffer.alloc(4) : text);
      }
    }
    return res;
  }

  private streamed(req: Req, model: FakeModel, text: Buffer | undefined, final: boolean): Record<string, unknown> {
    return { error_message: '', infer_response: this.response(req, model, text, final) };
  }

  private encodeText(s: string): Buffer {
    if (this.settings.garbage === 'length') {
      const b = encodeBytes([s]);
      b.writeUInt32LE(b.length + 1000, 0);
      return b;
    }
    if (this.settings.garbage === 'utf8') return encodeBytes([Buffer.concat([Buffer.from(s), Buffer.from([0xff, 0xfe, 0xc3])])]);
    return encodeBytes([s]);
  }

  private unaryInfer(call: grpc.ServerUnaryCall<Req, unknown>, cb: grpc.sendUnaryData<unknown>): void {
    try {
      this.checkHeaders(call.metadata);
      if (this.settings.unavailable) throw new RequestError('Server is shutting down', grpc.status.UNAVAILABLE);
      const { model, values } = this.validate(call.request, 'ModelInfer');
      if ((model.config as { model_transaction_policy?: { decoupled?: boolean } }).model_transaction_policy?.decoupled) {
        throw new RequestError(`ModelInfer RPC doesn't support models with decoupled transaction policy`, grpc.status.UNIMPLEMENTED);
      }
      const n = model.maxTokens(values);
      const text = this.settings.bigOutputBytes ? 'x'.repeat(this.settings.bigOutputBytes) : fakeText(n);
      const delay = this.settings.firstTokenDelayMs + this.settings.tokenDelayMs * n;
      const timer = setTimeout(() => cb(null, this.response(call.request, model, this.encodeText(text), true)), delay);
      call.on('cancelled', () => {
        clearTimeout(timer);
        this.cancelled.push(call.request.id);
      });
    } catch (e) {
      const err = e as RequestError;
      cb({ code: err.code ?? grpc.status.INTERNAL, details: err.message });
    }
  }

  private streamInfer(call: grpc.ServerDuplexStream<Req, unknown>): void {
    this.streams.add(call);
    let inflight = 0;
    let clientDone = false;
    let cancelled = false;
    const ids = new Set<string>();
    const finishIfIdle = () => {
      if (clientDone && inflight === 0 && !cancelled) call.end();
    };
    try {
      this.checkHeaders(call.metadata);
    } catch (e) {
      call.emit('error', { code: (e as RequestError).code, details: (e as Error).message });
      return;
    }
    if (this.settings.unavailable) {
      call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'Server is shutting down' });
      return;
    }
    call.on('cancelled', () => {
      cancelled = true;
      for (const id of ids) this.cancelled.push(id);
    });
    call.on('close', () => this.streams.delete(call));
    call.on('end', () => {
      clientDone = true;
      finishIfIdle();
    });
    call.on('error', () => undefined);
    call.on('data', (req: Req) => {
      inflight++;
      ids.add(req.id);
      this.generate(call, req, () => cancelled).finally(() => {
        inflight--;
        ids.delete(req.id);
        finishIfIdle();
      });
    });
  }

  private async write(call: grpc.ServerDuplexStream<Req, unknown>, msg: unknown): Promise<void> {
    if (!call.write(msg)) await new Promise<void>((r) => call.once('drain', r));
  }

  private async generate(call: grpc.ServerDuplexStream<Req, unknown>, req: Req, isCancelled: () => boolean): Promise<void> {
    let model: FakeModel;
    let values: Map<string, unknown[]>;
    try {
      ({ model, values } = this.validate(req, 'ModelStreamInfer'));
    } catch (e) {
      // Triton reports a failed request on the stream, not as the call's status.
      await this.write(call, { error_message: (e as Error).message, infer_response: { id: req.id, model_name: req.model_name } });
      return;
    }
    const s = this.settings;
    const decoupled = !!(model.config as { model_transaction_policy?: { decoupled?: boolean } }).model_transaction_policy?.decoupled;
    const wantFinal = req.parameters?.triton_enable_empty_final_response?.bool_param === true;
    const streaming = model.streamFlag ? values.get(model.streamFlag)?.[0] === true : false;
    const script = model.script?.(String(values.get(model.promptInput)?.[0] ?? ''));
    const n = script ? script.length : model.maxTokens(values);
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    if (s.firstTokenDelayMs) await sleep(s.firstTokenDelayMs);
    if (isCancelled()) return;
    if (s.rawResponses) {
      for (const b of s.rawResponses) if (!isCancelled()) await this.write(call, b);
      return;
    }
    if (s.errorMessage !== undefined) {
      await this.write(call, { error_message: s.errorMessage, infer_response: null });
      return;
    }
    if (s.bigResponses) {
      // Built once per size and handed over serialized (a 200 MB message is not re-encoded).
      let msg = this.bigMessages.get(s.bigResponses.bytes);
      if (!msg) this.bigMessages.set(s.bigResponses.bytes, (msg = this.serializeStream(this.streamed(req, model, encodeBytes([Buffer.alloc(s.bigResponses.bytes, 0x78)]), false))));
      for (let i = 0; i < s.bigResponses.count && !isCancelled() && !this.killed; i++) await this.write(call, msg);
      return;
    }
    if (s.bigOutputBytes) {
      await this.write(call, this.streamed(req, model, this.encodeText('x'.repeat(s.bigOutputBytes)), !decoupled));
      if (decoupled && wantFinal) await this.write(call, this.streamed(req, model, undefined, true));
      return;
    }
    if (!decoupled || !streaming) {
      // One response holding the whole text (non-decoupled models, or stream=false).
      if (s.tokenDelayMs) await sleep(s.tokenDelayMs * n);
      if (isCancelled()) return;
      const single = !decoupled || !wantFinal;
      await this.write(call, this.streamed(req, model, this.encodeText(script ? script.join('') : fakeText(n)), single));
      if (!single) await this.write(call, this.streamed(req, model, undefined, true));
      return;
    }
    let sofar = '';
    const cache = new Map<string, Buffer>();
    const count = s.noFinal ? Number.MAX_SAFE_INTEGER : n;
    for (let i = 0; i < count; i++) {
      if (isCancelled() || this.killed) return;
      if (s.stallAfterTokens !== undefined && i >= s.stallAfterTokens) {
        while (!isCancelled() && !this.killed) await sleep(10);
        return;
      }
      if (i > 0) {
        if (s.tokenDelayMs) await sleep(s.tokenDelayMs);
        else if (i % 32 === 0) await new Promise<void>((r) => setImmediate(r)); // let other requests interleave
      }
      if (isCancelled() || this.killed) return;
      if (s.killAfterTokens !== undefined && i >= s.killAfterTokens) {
        this.kill();
        return;
      }
      if (s.malformedAfterTokens !== undefined && i >= s.malformedAfterTokens) {
        await this.write(call, Buffer.from([0x12, 0x50, 0x01]));
        return;
      }
      if (s.failAfterTokens !== undefined && i >= s.failAfterTokens) {
        await this.write(call, { error_message: `[request id: ${req.id}] Encountered error for requestId ${req.id}: simulated executor failure`, infer_response: null });
        return;
      }
      const tok = script ? script[i] : fakeToken(i);
      sofar += tok;
      // The backend sends tokens without the final flag, then the flag on its own (as the
      // vLLM and Python backends do); Triton turns that into an empty response only on request.
      if (model.behaviour === 'accumulate' || s.garbage) {
        await this.write(call, this.streamed(req, model, this.encodeText(model.behaviour === 'accumulate' ? sofar : tok), false));
      } else {
        let msg = cache.get(tok);
        if (!msg) cache.set(tok, (msg = this.serializeStream(this.streamed(req, model, this.encodeText(tok), false))));
        await this.write(call, msg);
      }
    }
    if (wantFinal && !isCancelled() && !s.noFinal) await this.write(call, this.streamed(req, model, undefined, true));
    for (let i = 0; s.afterFinal && i < 100_000 && !isCancelled() && !this.killed; i++) {
      await sleep(2);
      await this.write(call, this.streamed(req, model, this.encodeText(fakeToken(i)), false));
    }
  }

  /** Drops every connection at once, like a crashed server. */
  kill(): void {
    this.killed = true;
    this.server.forceShutdown();
  }

  async close(): Promise<void> {
    this.killed = true;
    this.server.forceShutdown();
  }
}
