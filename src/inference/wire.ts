// A minimal protobuf reader for the one message on the hot path: ModelStreamInferResponse.
// It extracts only what the client uses (error text, id, parameters, output names, raw output
// bytes as views into the received buffer) and skips everything else, which makes decoding a
// streamed token several times cheaper than a full generic decode with defaults.
// Field numbers are those of grpc_service.proto.

export interface WireParam {
  bool_param?: boolean;
  int64_param?: string;
  string_param?: string;
  double_param?: number;
  uint64_param?: string;
}
export interface WireOutput {
  name: string;
  datatype: string;
  contents?: { bytes_contents?: Buffer[] } | null;
}
export interface WireInferResponse {
  model_name?: string;
  model_version?: string;
  id?: string;
  parameters?: Record<string, WireParam>;
  outputs?: WireOutput[];
  raw_output_contents?: Buffer[];
}
export interface WireStreamResponse {
  error_message?: string;
  infer_response?: WireInferResponse | null;
}

/** Bounds of one decoded response: more than this is a hostile or broken server. */
export const WIRE_LIMITS = {
  /** Outputs, raw output contents and parameters of one response. */
  maxRepeated: 1024,
  /** BYTES elements in one output's `contents`. */
  maxElements: 65_536,
} as const;

/** A response that is not a well-formed ModelStreamInferResponse; says where and why. */
export class WireError extends Error {
  override name = 'WireError';
  constructor(what: string, offset: number, size: number) {
    super(`malformed response from the server: ${what} at byte ${offset} of ${size}`);
  }
}

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  fail(what: string, at = this.pos): never {
    throw new WireError(what, at, this.buf.length);
  }
  /** A varint of at most 10 bytes (the protobuf maximum), as a number (exact below 2^53). */
  varint(): number {
    const buf = this.buf;
    const start = this.pos;
    if (start >= buf.length) this.fail('truncated varint');
    let b = buf[this.pos++];
    if (b < 0x80) return b;
    let result = b & 0x7f;
    let mul = 128;
    for (let i = 1; i < 10; i++) {
      if (this.pos >= buf.length) this.fail('truncated varint', start);
      b = buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    this.fail('varint longer than 10 bytes', start);
  }
  /** A varint as a decimal string (int64/uint64 fields); at most 10 bytes. */
  varint64(): string {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) this.fail('truncated varint', start);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asIntN(64, result).toString();
      shift += 7n;
    }
    this.fail('varint longer than 10 bytes', start);
  }
  /** Reads a length prefix and returns where the field ends. */
  end(limit: number): number {
    const at = this.pos;
    const n = this.varint();
    const e = this.pos + n;
    if (e > limit) this.fail(`length ${n} runs past the end of its message`, at);
    return e;
  }
  bytes(limit: number): Buffer {
    const e = this.end(limit);
    const b = this.buf.subarray(this.pos, e);
    this.pos = e;
    return b;
  }
  string(limit: number): string {
    const e = this.end(limit);
    const s = this.buf.toString('utf8', this.pos, e); // no intermediate view
    this.pos = e;
    return s;
  }
  fixed(n: number, limit: number): number {
    const at = this.pos;
    if (at + n > limit) this.fail(`truncated ${n * 8}-bit field`, at);
    this.pos = at + n;
    return at;
  }
  skip(wireType: number, limit: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.fixed(8, limit);
        return;
      case 2:
        this.pos = this.end(limit);
        return;
      case 5:
        this.fixed(4, limit);
        return;
      default:
        // Groups (3, 4) are not used by Triton's protocol; refusing them also bounds nesting.
        this.fail(`unsupported wire type ${wireType}`);
    }
  }
}

function countUp(r: Reader, n: number, max: number, what: string): number {
  if (n >= max) r.fail(`more than ${max} ${what}`);
  return n + 1;
}

function readParam(r: Reader, end: number): WireParam {
  const p: WireParam = {};
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case (1 << 3) | 0:
        p.bool_param = r.varint() !== 0;
        break;
      case (2 << 3) | 0:
        p.int64_param = r.varint64();
        break;
      case (3 << 3) | 2:
        p.string_param = r.string(end);
        break;
      case (4 << 3) | 1:
        p.double_param = r.buf.readDoubleLE(r.fixed(8, end));
        break;
      case (5 << 3) | 0:
        p.uint64_param = BigInt.asUintN(64, BigInt(r.varint64())).toString();
        break;
      default:
        r.skip(tag & 7, end);
    }
  }
  return p;
}

function readMapEntry(r: Reader, end: number, into: Record<string, WireParam>): void {
  let key = '';
  let value: WireParam = {};
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) key = r.string(end);
    else if (tag === ((2 << 3) | 2)) {
      const e = r.end(end);
      value = readParam(r, e);
    } else r.skip(tag & 7, end);
  }
  into[key] = value;
}

function readOutput(r: Reader, end: number): WireOutput {
  const o: WireOutput = { name: '', datatype: '' };
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) o.name = r.string(end);
    else if (tag === ((5 << 3) | 2)) {
      const ce = r.end(end);
      const items: Buffer[] = [];
      while (r.pos < ce) {
        const t = r.varint();
        if (t === ((8 << 3) | 2)) {
          if (items.length >= WIRE_LIMITS.maxElements) r.fail(`more than ${WIRE_LIMITS.maxElements} BYTES elements`);
          items.push(r.bytes(ce));
        } else r.skip(t & 7, ce);
      }
      o.contents = { bytes_contents: items };
    } else r.skip(tag & 7, end); // datatype, shape, parameters: not needed
  }
  return o;
}

function readInferResponse(r: Reader, end: number): WireInferResponse {
  // Keys come from the server: a prototype-less object, so "__proto__" is just a key.
  const res: WireInferResponse = { parameters: Object.create(null) as Record<string, WireParam>, outputs: [], raw_output_contents: [] };
  let params = 0;
  const max = WIRE_LIMITS.maxRepeated;
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case (4 << 3) | 2: {
        params = countUp(r, params, max, 'parameters');
        const e = r.end(end);
        readMapEntry(r, e, res.parameters!);
        break;
      }
      case (5 << 3) | 2: {
        if (res.outputs!.length >= max) r.fail(`more than ${max} outputs`);
        const e = r.end(end);
        res.outputs!.push(readOutput(r, e));
        break;
      }
      case (6 << 3) | 2:
        if (res.raw_output_contents!.length >= max) r.fail(`more than ${max} raw output contents`);
        res.raw_output_contents!.push(r.bytes(end));
        break;
      default:
        r.skip(tag & 7, end); // model_name, model_version, id: not needed on the hot path
    }
  }
  return res;
}

/** Decodes a serialized ModelStreamInferResponse (throws on malformed input). Reads the error
 * text, the response parameters, output names and raw output contents; skips the rest. */
export function decodeStreamResponse(buf: Buffer): WireStreamResponse {
  const r = new Reader(buf);
  const out: WireStreamResponse = { error_message: '', infer_response: null };
  const end = buf.length;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) out.error_message = r.string(end);
    else if (tag === ((2 << 3) | 2)) {
      const e = r.end(end);
      out.infer_response = readInferResponse(r, e);
    } else r.skip(tag & 7, end);
  }
  return out;
}

// ---- writing ModelInferRequest --------------------------------------------------------------

export interface WireInputTensor {
  name: string;
  datatype: string;
  shape: number[];
}
export interface WireInferRequest {
  model_name: string;
  model_version: string;
  id: string;
  /** Request parameters; only bool/int64/string values are written. */
  parameters?: Record<string, boolean | number | string>;
  inputs: WireInputTensor[];
  outputs: string[];
  raw_input_contents: Buffer[];
}

function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

class Writer {
  private parts: (Buffer | string | number[])[] = [];
  size = 0;
  private scratch: number[] = [];
  private flushScratch(): void {
    if (this.scratch.length) {
      this.parts.push(this.scratch);
      this.scratch = [];
    }
  }
  varint(v: number): void {
    this.size += varintSize(v);
    while (v >= 0x80) {
      this.scratch.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.scratch.push(v);
  }
  /** int64 varint of a possibly negative number (two's complement, 10 bytes). */
  int64(v: number): void {
    if (v >= 0) return this.varint(v);
    let b = BigInt.asUintN(64, BigInt(v));
    while (b >= 0x80n) {
      this.scratch.push(Number(b & 0x7fn) | 0x80);
      b >>= 7n;
      this.size++;
    }
    this.scratch.push(Number(b));
    this.size++;
  }
  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }
  bytes(field: number, b: Buffer): void {
    this.tag(field, 2);
    this.varint(b.length);
    this.flushScratch();
    this.parts.push(b);
    this.size += b.length;
  }
  string(field: number, s: string): void {
    if (s === '') return;
    this.bytes(field, Buffer.from(s, 'utf8'));
  }
  message(field: number, w: Writer): void {
    this.tag(field, 2);
    this.varint(w.size);
    this.flushScratch();
    this.parts.push(...w.parts, w.scratch);
    this.size += w.size;
  }
  finish(): Buffer {
    this.flushScratch();
    const out = Buffer.allocUnsafe(this.size);
    let off = 0;
    for (const p of this.parts) {
      if (Buffer.isBuffer(p)) {
        p.copy(out, off);
        off += p.length;
      } else {
        for (const x of p as number[]) out[off++] = x;
      }
    }
    return out;
  }
}

function writeParamEntry(w: Writer, field: number, key: string, value: boolean | number | string): void {
  const p = new Writer();
  if (typeof value === 'boolean') {
    p.tag(1, 0);
    p.varint(value ? 1 : 0);
  } else if (typeof value === 'number') {
    p.tag(2, 0);
    p.int64(Math.trunc(value));
  } else p.string(3, value);
  const e = new Writer();
  e.string(1, key);
  e.message(2, p);
  w.message(field, e);
}

/** Serializes a ModelInferRequest with the fields the client sends (wire-identical to a
 * generic encoder's output for the same values, up to field order). */
export function encodeInferRequest(r: WireInferRequest): Buffer {
  const w = new Writer();
  w.string(1, r.model_name);
  w.string(2, r.model_version);
  w.string(3, r.id);
  for (const [k, v] of Object.entries(r.parameters ?? {})) writeParamEntry(w, 4, k, v);
  for (const t of r.inputs) {
    const iw = new Writer();
    iw.string(1, t.name);
    iw.string(2, t.datatype);
    if (t.shape.length) {
      const sw = new Writer();
      for (const d of t.shape) sw.int64(d);
      iw.message(3, sw); // packed repeated int64
    }
    w.message(5, iw);
  }
  for (const o of r.outputs) {
    const ow = new Writer();
    ow.string(1, o);
    w.message(6, ow);
  }
  for (const b of r.raw_input_contents) w.bytes(7, b);
  return w.finish();
}
