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

// The primitives both readers use, on (buffer, position) rather than an object: the token
// reader runs once per streamed token and keeps its position in a local.

/** Where the varint read by the last varintAt() ends (a module-level result: no object per read;
 * nothing runs between a call and the read of its end). A property rather than a module `let`,
 * whose every read from a function carries a hole check. */
const cursor = { varintEnd: 0 };

/** The varint at buf[pos] (at most 10 bytes, the protobuf maximum), as a number (exact below 2^53). */
function varintAt(buf: Buffer, pos: number): number {
  const size = buf.length;
  if (pos >= size) throw new WireError('truncated varint', pos, size);
  let b = buf[pos];
  if (b < 0x80) {
    cursor.varintEnd = pos + 1;
    return b;
  }
  let result = b & 0x7f;
  let mul = 128;
  let p = pos + 1;
  for (let i = 1; i < 10; i++) {
    if (p >= size) throw new WireError('truncated varint', pos, size);
    b = buf[p++];
    result += (b & 0x7f) * mul;
    if (b < 0x80) {
      cursor.varintEnd = p;
      return result;
    }
    mul *= 128;
  }
  throw new WireError('varint longer than 10 bytes', pos, size);
}

/** The varint at buf[pos] with its one-byte case (nearly every tag and length) small enough to
 * be inlined where it is read; longer ones go to varintAt. */
function shortVarintAt(buf: Buffer, pos: number): number {
  const b = buf[pos];
  if (b < 0x80) {
    cursor.varintEnd = pos + 1;
    return b;
  }
  return varintAt(buf, pos);
}

/** The length prefix at buf[pos]: returns where the field ends (its bytes start at cursor.varintEnd). */
function fieldEndAt(buf: Buffer, pos: number, limit: number): number {
  const n = shortVarintAt(buf, pos);
  const e = cursor.varintEnd + n;
  if (e > limit) throw new WireError(`length ${n} runs past the end of its message`, pos, buf.length);
  return e;
}

/** Skips a field of `wireType` whose value starts at buf[pos]; returns where it ends. */
function skipAt(buf: Buffer, pos: number, wireType: number, limit: number): number {
  switch (wireType) {
    case 0:
      varintAt(buf, pos);
      return cursor.varintEnd;
    case 1:
      if (pos + 8 > limit) throw new WireError('truncated 64-bit field', pos, buf.length);
      return pos + 8;
    case 2:
      return fieldEndAt(buf, pos, limit);
    case 5:
      if (pos + 4 > limit) throw new WireError('truncated 32-bit field', pos, buf.length);
      return pos + 4;
    default:
      // Groups (3, 4) are not used by Triton's protocol; refusing them also bounds nesting.
      throw new WireError(`unsupported wire type ${wireType}`, pos, buf.length);
  }
}

class Reader {
  pos = 0;
  constructor(public buf: Buffer) {}
  fail(what: string, at = this.pos): never {
    throw new WireError(what, at, this.buf.length);
  }
  /** A varint of at most 10 bytes (the protobuf maximum), as a number (exact below 2^53). */
  varint(): number {
    const v = varintAt(this.buf, this.pos);
    this.pos = cursor.varintEnd;
    return v;
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
    const e = fieldEndAt(this.buf, this.pos, limit);
    this.pos = cursor.varintEnd;
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
    this.pos = skipAt(this.buf, this.pos, wireType, limit);
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

// ---- the token hot path ------------------------------------------------------------------------

/**
 * What one streamed response says, for the client's hot path: read in one pass without
 * building objects (no output or parameter objects, no string for names, no views), with the
 * same bounds as decodeStreamResponse. The result object is reused: read it before the next call.
 */
export interface StreamToken {
  /** The server's error_message, if any (raw: sanitise before showing it). */
  error: string;
  /** triton_final_response was true. */
  final: boolean;
  /** The text output's one BYTES element is buf[start, end); start < 0: no text output. */
  start: number;
  end: number;
  /** The text output is present but not as one raw BYTES element: use decodeStreamResponse. */
  complex: boolean;
}

const FINAL_KEY = Buffer.from('triton_final_response');
const hot: StreamToken = { error: '', final: false, start: -1, end: -1, complex: false };
const rawStarts = new Int32Array(WIRE_LIMITS.maxRepeated);
const rawEnds = new Int32Array(WIRE_LIMITS.maxRepeated);
function sameBytes(buf: Buffer, start: number, end: number, want: Buffer): boolean {
  if (end - start !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (buf[start + i] !== want[i]) return false;
  return true;
}

/** Reads a ModelStreamInferResponse for the output named by `outputName` (its UTF-8 bytes).
 * One pass with the position in a local; same bounds and errors as decodeStreamResponse. */
export function readStreamToken(buf: Buffer, outputName: Buffer): StreamToken {
  const t = hot;
  t.error = '';
  t.final = false;
  t.start = t.end = -1;
  t.complex = false;
  const size = buf.length;
  const max = WIRE_LIMITS.maxRepeated;
  let pos = 0;
  let tag = 0;
  while (pos < size) {
    tag = shortVarintAt(buf, pos);
    pos = cursor.varintEnd;
    if (tag === ((1 << 3) | 2)) {
      const e = fieldEndAt(buf, pos, size);
      // An empty error_message (a generic encoder writes the field anyway) costs no decode.
      if (e > cursor.varintEnd) t.error = buf.toString('utf8', cursor.varintEnd, e);
      pos = e;
    } else if (tag === ((2 << 3) | 2)) {
      const end = fieldEndAt(buf, pos, size);
      pos = cursor.varintEnd;
      let outputs = 0;
      let raws = 0;
      let params = 0;
      let match = -1;
      let matchHasContents = false;
      while (pos < end) {
        const ftag = shortVarintAt(buf, pos);
        pos = cursor.varintEnd;
        if (ftag === ((4 << 3) | 2)) {
          if (params >= max) throw new WireError(`more than ${max} parameters`, pos, size);
          params++;
          const pe = fieldEndAt(buf, pos, end);
          pos = cursor.varintEnd;
          let keyStart = -1;
          let keyEnd = -1;
          let value = false;
          while (pos < pe) {
            const et = shortVarintAt(buf, pos);
            pos = cursor.varintEnd;
            if (et === ((1 << 3) | 2)) {
              keyEnd = fieldEndAt(buf, pos, pe);
              keyStart = cursor.varintEnd;
              pos = keyEnd;
            } else if (et === ((2 << 3) | 2)) {
              const ve = fieldEndAt(buf, pos, pe);
              pos = cursor.varintEnd;
              while (pos < ve) {
                const vt = shortVarintAt(buf, pos);
                pos = cursor.varintEnd;
                if (vt === ((1 << 3) | 0)) {
                  value = shortVarintAt(buf, pos) !== 0;
                  pos = cursor.varintEnd;
                } else pos = skipAt(buf, pos, vt & 7, ve);
              }
            } else pos = skipAt(buf, pos, et & 7, pe);
          }
          // The key is compared only when the entry could change `final` (almost every
          // response says false, and final is false until then): 21 bytes fewer per token.
          if (keyStart >= 0 && (value || t.final) && sameBytes(buf, keyStart, keyEnd, FINAL_KEY)) t.final = value;
        } else if (ftag === ((5 << 3) | 2)) {
          if (outputs >= max) throw new WireError(`more than ${max} outputs`, pos, size);
          const oe = fieldEndAt(buf, pos, end);
          pos = cursor.varintEnd;
          let named = false;
          let contents = false;
          while (pos < oe) {
            const ot = shortVarintAt(buf, pos);
            pos = cursor.varintEnd;
            if (ot === ((1 << 3) | 2)) {
              const ne = fieldEndAt(buf, pos, oe);
              named = sameBytes(buf, cursor.varintEnd, ne, outputName);
              pos = ne;
            } else {
              if (ot === ((5 << 3) | 2)) contents = true;
              pos = skipAt(buf, pos, ot & 7, oe);
            }
          }
          if (named) {
            match = outputs;
            matchHasContents = contents;
          }
          outputs++;
        } else if (ftag === ((6 << 3) | 2)) {
          if (raws >= max) throw new WireError(`more than ${max} raw output contents`, pos, size);
          const be = fieldEndAt(buf, pos, end);
          rawStarts[raws] = cursor.varintEnd;
          rawEnds[raws] = be;
          raws++;
          pos = be;
        } else pos = skipAt(buf, pos, ftag & 7, end);
      }
      if (match >= 0) {
        if (match < raws) {
          const s0 = rawStarts[match];
          const e0 = rawEnds[match];
          // One BYTES element: a 4-byte little-endian length that covers the rest exactly.
          if (e0 - s0 >= 4 && buf.readUInt32LE(s0) === e0 - s0 - 4) {
            t.start = s0 + 4;
            t.end = e0;
          } else if (e0 > s0) t.complex = true;
        } else if (matchHasContents || raws > 0) t.complex = true;
      }
    } else pos = skipAt(buf, pos, tag & 7, size);
  }
  return t;
}

/** Token texts up to this many bytes are read in JS when they are ASCII (see shortAscii). */
export const SHORT_TEXT = 16;

/** buf[start, end) as a string if every byte is ASCII (where UTF-8 and Latin-1 agree), else
 * undefined. For the few bytes of one streamed token, where the call into C++ that
 * Buffer#toString makes cost more than the text itself. Up to 8 bytes the string is made in one
 * String.fromCharCode call (one string, where adding a character at a time made one each). */
export function shortAscii(buf: Buffer, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) if (buf[i] >= 0x80) return undefined;
  const f = String.fromCharCode;
  const b = start;
  switch (end - start) {
    case 0:
      return '';
    case 1:
      return f(buf[b]);
    case 2:
      return f(buf[b], buf[b + 1]);
    case 3:
      return f(buf[b], buf[b + 1], buf[b + 2]);
    case 4:
      return f(buf[b], buf[b + 1], buf[b + 2], buf[b + 3]);
    case 5:
      return f(buf[b], buf[b + 1], buf[b + 2], buf[b + 3], buf[b + 4]);
    case 6:
      return f(buf[b], buf[b + 1], buf[b + 2], buf[b + 3], buf[b + 4], buf[b + 5]);
    case 7:
      return f(buf[b], buf[b + 1], buf[b + 2], buf[b + 3], buf[b + 4], buf[b + 5], buf[b + 6]);
    default: {
      let s = f(buf[b], buf[b + 1], buf[b + 2], buf[b + 3], buf[b + 4], buf[b + 5], buf[b + 6], buf[b + 7]);
      for (let i = b + 8; i < end; i++) s += f(buf[i]);
      return s;
    }
  }
}

/** Whether buf[start, end) does not end inside a UTF-8 sequence (so it decodes on its own). */
export function endsOnCharBoundary(buf: Buffer, start: number, end: number): boolean {
  let i = end - 1;
  if (i < start || buf[i] < 0x80) return true;
  let cont = 0;
  while (i >= start && (buf[i] & 0xc0) === 0x80 && cont < 3) {
    i--;
    cont++;
  }
  if (i < start) return false;
  const lead = buf[i];
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return cont >= need;
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

/** Size of an int64 varint: negative numbers take 10 bytes (two's complement). */
function int64Size(v: number): number {
  return v < 0 ? 10 : varintSize(v);
}

/** Strings up to this length are measured and written in JS when they are ASCII (model, tensor
 * and datatype names, the request id): a call into C++ per string cost more than the string. */
const SHORT_ASCII = 64;
function isShortAscii(s: string): boolean {
  const n = s.length;
  if (n > SHORT_ASCII) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}
function strSize(s: string): number {
  if (s.length === 0) return 0;
  return isShortAscii(s) ? s.length : Buffer.byteLength(s, 'utf8');
}
/** Size of a length-delimited field (1-byte tag: fields 1-15) holding `n` bytes. */
const fieldSize = (n: number) => 1 + varintSize(n) + n;

function shapeBytes(shape: number[]): number {
  let n = 0;
  for (const d of shape) n += int64Size(d);
  return n;
}

/** Measures `s`, records its byte length in `sizes` (in the order the writer takes them) and
 * returns the size of the field that holds it (0 for an empty string, which is not written). */
function measured(s: string, sizes: number[]): number {
  const n = strSize(s);
  sizes.push(n);
  return n ? fieldSize(n) : 0;
}

/** Buffers up to this many bytes are copied in JS (Buffer#copy is a call into C++). */
const SHORT_COPY = 64;

/** Writes into one buffer of the exact size, computed first: no intermediate parts. Takes the
 * lengths of strings and nested messages from `sizes`, in order, as the size pass recorded them. */
class Out {
  pos = 0;
  private k = 0;
  constructor(
    readonly buf: Buffer,
    private readonly sizes: number[],
  ) {}
  /** The next recorded length. */
  next(): number {
    return this.sizes[this.k++];
  }
  varint(v: number): void {
    const b = this.buf;
    while (v >= 0x80) {
      b[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    b[this.pos++] = v;
  }
  int64(v: number): void {
    if (v >= 0) return this.varint(v);
    let x = BigInt.asUintN(64, BigInt(v));
    while (x >= 0x80n) {
      this.buf[this.pos++] = Number(x & 0x7fn) | 0x80;
      x >>= 7n;
    }
    this.buf[this.pos++] = Number(x);
  }
  /** Tag and length of a length-delimited field. */
  head(field: number, n: number): void {
    this.buf[this.pos++] = (field << 3) | 2;
    this.varint(n);
  }
  string(field: number, s: string): void {
    const n = this.next();
    if (!n) return;
    this.head(field, n);
    if (n === s.length && n <= SHORT_ASCII) {
      // ASCII (a byte length equal to the length means one byte per UTF-16 unit).
      const b = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
      this.pos = p;
    } else this.pos += this.buf.write(s, this.pos, 'utf8');
  }
  bytes(field: number, b: Buffer): void {
    const n = b.length;
    this.head(field, n);
    if (n <= SHORT_COPY) {
      const out = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) out[p++] = b[i];
    } else b.copy(this.buf, this.pos);
    this.pos += n;
  }
}

/** Serializes a ModelInferRequest with the fields the client sends (wire-identical to a
 * generic encoder's output for the same values, up to field order). Two passes: the exact size,
 * measuring every string and nested message once, then the bytes straight into one buffer. */
export function encodeInferRequest(r: WireInferRequest): Buffer {
  const params = r.parameters ? Object.entries(r.parameters) : [];
  // Pass 1. Recorded per parameter: entry, value, key (, string value); per input: input, name,
  // datatype, shape bytes; per output: output, name.
  const sizes: number[] = [];
  let size = measured(r.model_name, sizes) + measured(r.model_version, sizes) + measured(r.id, sizes);
  for (const [k, v] of params) {
    const at = sizes.push(0, 0) - 2;
    const key = measured(k, sizes);
    const value = typeof v === 'boolean' ? 2 : typeof v === 'number' ? 1 + int64Size(Math.trunc(v)) : measured(v, sizes);
    sizes[at + 1] = value;
    size += fieldSize((sizes[at] = key + fieldSize(value)));
  }
  for (const t of r.inputs) {
    const at = sizes.push(0) - 1;
    const names = measured(t.name, sizes) + measured(t.datatype, sizes);
    const shape = shapeBytes(t.shape);
    sizes.push(shape);
    size += fieldSize((sizes[at] = names + (t.shape.length ? fieldSize(shape) : 0)));
  }
  for (const o of r.outputs) {
    const at = sizes.push(0) - 1;
    size += fieldSize((sizes[at] = measured(o, sizes)));
  }
  for (const b of r.raw_input_contents) size += fieldSize(b.length);
  // Pass 2.
  const w = new Out(Buffer.allocUnsafe(size), sizes);
  w.string(1, r.model_name);
  w.string(2, r.model_version);
  w.string(3, r.id);
  for (const [k, v] of params) {
    w.head(4, w.next());
    const value = w.next();
    w.string(1, k);
    w.head(2, value);
    if (typeof v === 'boolean') {
      w.buf[w.pos++] = (1 << 3) | 0;
      w.buf[w.pos++] = v ? 1 : 0;
    } else if (typeof v === 'number') {
      w.buf[w.pos++] = (2 << 3) | 0;
      w.int64(Math.trunc(v));
    } else w.string(3, v);
  }
  for (const t of r.inputs) {
    w.head(5, w.next());
    w.string(1, t.name);
    w.string(2, t.datatype);
    const shape = w.next();
    if (t.shape.length) {
      w.head(3, shape); // packed repeated int64
      for (const d of t.shape) w.int64(d);
    }
  }
  for (const o of r.outputs) {
    w.head(6, w.next());
    w.string(1, o);
  }
  for (const b of r.raw_input_contents) w.bytes(7, b);
  if (w.pos !== size) throw new Error(`request encoder wrote ${w.pos} of ${size} bytes`);
  return w.buf;
}
