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
    return this.bytes().toString('utf8');
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
