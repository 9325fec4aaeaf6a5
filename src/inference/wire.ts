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

class Reader {
  pos: number;
  constructor(readonly buf: Buffer, start: number, readonly end: number) {
    this.pos = start;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new Error('varint too long');
    }
  }
  /** A varint as a decimal string (int64/uint64 fields). */
  varint64(): string {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asIntN(64, result).toString();
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const n = this.varint();
    const start = this.pos;
    this.pos += n;
    if (this.pos > this.end) throw new Error('truncated length-delimited field');
    return this.buf.subarray(start, this.pos);
  }
  sub(): Reader {
    const n = this.varint();
    const r = new Reader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    if (this.pos > this.end) throw new Error('truncated message');
    return r;
  }
  string(): string {
    const n = this.varint();
    const start = this.pos;
    this.pos += n;
    if (this.pos > this.end) throw new Error('truncated string');
    return this.buf.toString('utf8', start, this.pos); // no intermediate view
  }
  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint64();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.bytes();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new Error('truncated field');
  }
  get more(): boolean {
    return this.pos < this.end;
  }
}

function readParam(r: Reader): WireParam {
  const p: WireParam = {};
  while (r.more) {
    const tag = r.varint();
    switch (tag) {
      case (1 << 3) | 0:
        p.bool_param = r.varint() !== 0;
        break;
      case (2 << 3) | 0:
        p.int64_param = r.varint64();
        break;
      case (3 << 3) | 2:
        p.string_param = r.string();
        break;
      case (4 << 3) | 1:
        p.double_param = r.buf.readDoubleLE(r.pos);
        r.pos += 8;
        break;
      case (5 << 3) | 0:
        p.uint64_param = BigInt.asUintN(64, BigInt(r.varint64())).toString();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return p;
}

function readMapEntry(r: Reader, into: Record<string, WireParam>): void {
  let key = '';
  let value: WireParam = {};
  while (r.more) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) key = r.string();
    else if (tag === ((2 << 3) | 2)) value = readParam(r.sub());
    else r.skip(tag & 7);
  }
  into[key] = value;
}

function readOutput(r: Reader): WireOutput {
  const o: WireOutput = { name: '', datatype: '' };
  while (r.more) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) o.name = r.string();
    else if (tag === ((2 << 3) | 2)) o.datatype = r.string();
    else if (tag === ((5 << 3) | 2)) {
      const c = r.sub();
      const items: Buffer[] = [];
      while (c.more) {
        const t = c.varint();
        if (t === ((8 << 3) | 2)) items.push(c.bytes());
        else c.skip(t & 7);
      }
      o.contents = { bytes_contents: items };
    } else r.skip(tag & 7);
  }
  return o;
}

function readInferResponse(r: Reader): WireInferResponse {
  const res: WireInferResponse = { parameters: {}, outputs: [], raw_output_contents: [] };
  while (r.more) {
    const tag = r.varint();
    switch (tag) {
      case (1 << 3) | 2:
        res.model_name = r.string();
        break;
      case (2 << 3) | 2:
        res.model_version = r.string();
        break;
      case (3 << 3) | 2:
        res.id = r.string();
        break;
      case (4 << 3) | 2:
        readMapEntry(r.sub(), res.parameters!);
        break;
      case (5 << 3) | 2:
        res.outputs!.push(readOutput(r.sub()));
        break;
      case (6 << 3) | 2:
        res.raw_output_contents!.push(r.bytes());
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return res;
}

/** Decodes a serialized ModelStreamInferResponse (throws on malformed input). */
export function decodeStreamResponse(buf: Buffer): WireStreamResponse {
  const r = new Reader(buf, 0, buf.length);
  const out: WireStreamResponse = { error_message: '', infer_response: null };
  while (r.more) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) out.error_message = r.string();
    else if (tag === ((2 << 3) | 2)) out.infer_response = readInferResponse(r.sub());
    else r.skip(tag & 7);
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
