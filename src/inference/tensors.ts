// Raw tensor encoding for Triton's `raw_input_contents` / `raw_output_contents`: flattened,
// row-major, little-endian; BYTES elements are each a uint32 little-endian length + bytes.
import { InferenceError } from './errors';

export type TritonDatatype = 'BOOL' | 'UINT8' | 'UINT16' | 'UINT32' | 'UINT64' | 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FP16' | 'FP32' | 'FP64' | 'BYTES' | 'BF16';

/** Model-config enum name (TYPE_STRING) → inference-protocol datatype (BYTES). */
export function configTypeToDatatype(t: string | number): TritonDatatype {
  const name = String(t).replace(/^TYPE_/, '');
  if (name === 'STRING') return 'BYTES';
  const known: TritonDatatype[] = ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BF16'];
  return (known as string[]).includes(name) ? (name as TritonDatatype) : 'BYTES';
}

const ELEMENT_SIZE: Record<string, number> = {
  BOOL: 1,
  UINT8: 1,
  INT8: 1,
  UINT16: 2,
  INT16: 2,
  FP16: 2,
  BF16: 2,
  UINT32: 4,
  INT32: 4,
  FP32: 4,
  UINT64: 8,
  INT64: 8,
  FP64: 8,
};

export function elementSize(dt: string): number | undefined {
  return ELEMENT_SIZE[dt];
}

/** Encodes strings (or byte arrays) as one BYTES tensor. */
export function encodeBytes(items: readonly (string | Uint8Array)[]): Buffer {
  if (items.length === 1 && typeof items[0] === 'string') {
    const s = items[0];
    const n = Buffer.byteLength(s, 'utf8');
    const out = Buffer.allocUnsafe(4 + n);
    out.writeUInt32LE(n, 0);
    out.write(s, 4, 'utf8');
    return out;
  }
  const parts = items.map((s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s.buffer, s.byteOffset, s.byteLength)));
  let total = 0;
  for (const p of parts) total += 4 + p.length;
  const out = Buffer.allocUnsafe(total);
  let off = 0;
  for (const p of parts) {
    out.writeUInt32LE(p.length, off);
    off += 4;
    p.copy(out, off);
    off += p.length;
  }
  return out;
}

/**
 * Splits a BYTES tensor into its elements (views into `buf`, no copy). Throws a clear error
 * when a length prefix runs past the end or bytes are left over: the data is not a BYTES
 * tensor (wrong output, wrong datatype or corrupted transport).
 */
export function decodeBytes(buf: Uint8Array, what = 'BYTES tensor'): Buffer[] {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Buffer[] = [];
  let off = 0;
  while (off < b.length) {
    if (off + 4 > b.length) {
      throw new InferenceError(
        'bad-output',
        `${what} is malformed: ${b.length - off} trailing byte(s) where a 4-byte length was expected`,
        'The model returned data that is not a BYTES tensor; check the output name and datatype in the model configuration.',
      );
    }
    const n = b.readUInt32LE(off);
    off += 4;
    if (off + n > b.length) {
      throw new InferenceError(
        'bad-output',
        `${what} is malformed: element of ${n} bytes overruns the ${b.length}-byte buffer`,
        'The model returned data that is not a BYTES tensor; check the output name and datatype in the model configuration.',
      );
    }
    out.push(b.subarray(off, off + n));
    off += n;
  }
  return out;
}

export function encodeInt32(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(4 * values.length);
  values.forEach((v, i) => out.writeInt32LE(v, 4 * i));
  return out;
}

export function encodeInt64(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(8 * values.length);
  values.forEach((v, i) => out.writeBigInt64LE(BigInt(Math.trunc(v)), 8 * i));
  return out;
}

export function encodeUint64(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(8 * values.length);
  values.forEach((v, i) => out.writeBigUInt64LE(BigInt(Math.trunc(v)), 8 * i));
  return out;
}

export function encodeFp32(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(4 * values.length);
  values.forEach((v, i) => out.writeFloatLE(v, 4 * i));
  return out;
}

export function encodeFp64(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(8 * values.length);
  values.forEach((v, i) => out.writeDoubleLE(v, 8 * i));
  return out;
}

export function encodeBool(values: readonly boolean[]): Buffer {
  return Buffer.from(values.map((v) => (v ? 1 : 0)));
}

const INT_RANGE: Partial<Record<TritonDatatype, [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
  UINT32: [0, 4294967295],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UINT64: [0, Number.MAX_SAFE_INTEGER],
};

/** The values as numbers for a numeric tensor: finite, and whole and in range for integer types
 * (a NaN or a string written as 0 would let a wrong tensor "succeed"). */
function numbers(dt: TritonDatatype, values: readonly (string | number | boolean)[], what: string): number[] {
  const range = INT_RANGE[dt];
  return values.map((v) => {
    const n = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number.NaN;
    const bad = !Number.isFinite(n) ? 'not a finite number' : range && !Number.isInteger(n) ? 'not a whole number' : range && (n < range[0] || n > range[1]) ? `outside ${dt}'s range` : '';
    if (bad)
      throw new InferenceError(
        'bad-input',
        `cannot put ${typeof v === 'string' ? 'text' : String(v)} into ${what} (${dt}): ${bad}`,
        'Map a tensor of the right datatype in the model mapping settings, or fix the value.',
      );
    return n;
  });
}

/** Encodes scalar values for a datatype; strings only for BYTES. */
export function encodeValues(dt: TritonDatatype, values: readonly (string | number | boolean)[], what = 'a tensor'): Buffer {
  if (dt !== 'BYTES' && dt !== 'BOOL') values = numbers(dt, values, what);
  switch (dt) {
    case 'BYTES':
      return encodeBytes(values.map((v) => String(v)));
    case 'BOOL':
      return encodeBool(values.map((v) => v === true || v === 1 || v === 'true'));
    case 'INT32':
    case 'INT16':
    case 'INT8': {
      const nums = values.map(Number);
      if (dt === 'INT32') return encodeInt32(nums);
      const size = dt === 'INT16' ? 2 : 1;
      const out = Buffer.allocUnsafe(size * nums.length);
      nums.forEach((v, i) => (size === 2 ? out.writeInt16LE(v, 2 * i) : out.writeInt8(v, i)));
      return out;
    }
    case 'UINT32': {
      const out = Buffer.allocUnsafe(4 * values.length);
      values.forEach((v, i) => out.writeUInt32LE(Number(v), 4 * i));
      return out;
    }
    case 'INT64':
      return encodeInt64(values.map(Number));
    case 'UINT64':
      return encodeUint64(values.map(Number));
    case 'FP32':
      return encodeFp32(values.map(Number));
    case 'FP64':
      return encodeFp64(values.map(Number));
    default:
      throw new InferenceError('bad-input', `cannot encode values for datatype ${dt}`, 'Map this input to a BYTES, BOOL, INT32, INT64, UINT64, FP32 or FP64 tensor in the model mapping settings.');
  }
}
