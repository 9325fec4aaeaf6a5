// A bounded parser for the subset of the protobuf text format that Triton's config.pbtxt files
// use: `name: value`, `name { ... }` / `name: { ... }`, lists `name: [ v ]` / `name [ { ... } ]`, strings
// (adjacent ones joined), numbers, enum identifiers, true/false, `#` comments, optional `,`/`;`
// between fields. Every field maps to the array of its values (repeated or not). Bounds: size,
// nesting depth and token count, each with a message naming the bound and the place.

export type PbValue = string | number | boolean | PbMessage;
export interface PbMessage {
  [field: string]: PbValue[];
}

export const PBTXT_LIMITS = { maxBytes: 1024 * 1024, maxDepth: 32, maxTokens: 200_000, maxString: 65_536 };

export class PbtxtError extends Error {}

type Tok = { t: 'id' | 'num' | 'str' | 'p'; v: string; line: number; col: number };

function tokenize(text: string): Tok[] {
  if (text.length > PBTXT_LIMITS.maxBytes) throw new PbtxtError(`config is ${text.length} characters; at most ${PBTXT_LIMITS.maxBytes}`);
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (out.length >= PBTXT_LIMITS.maxTokens) throw new PbtxtError(`more than ${PBTXT_LIMITS.maxTokens} tokens (line ${line})`);
    const col = i - lineStart + 1;
    if ('{}[]:,;<>'.includes(c)) {
      out.push({ t: 'p', v: c === '<' ? '{' : c === '>' ? '}' : c, line, col });
      i++;
    } else if (c === '"' || c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= n || text[i] === '\n') throw new PbtxtError(`unterminated string at line ${line}, column ${col}`);
        const d = text[i];
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = text[i + 1];
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
          if (e === undefined || map[e] === undefined) throw new PbtxtError(`unsupported escape \\${e ?? ''} at line ${line}`);
          s += map[e];
          i += 2;
        } else {
          s += d;
          i++;
        }
        if (s.length > PBTXT_LIMITS.maxString) throw new PbtxtError(`string longer than ${PBTXT_LIMITS.maxString} characters at line ${line}`);
      }
      out.push({ t: 'str', v: s, line, col });
    } else if (/[-+0-9.]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9a-zA-Z.+-]/.test(text[j]) && j - i < 64) j++;
      const v = text.slice(i, j);
      if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(v)) throw new PbtxtError(`bad number "${v}" at line ${line}, column ${col}`);
      out.push({ t: 'num', v, line, col });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(text[j]) && j - i < 256) j++;
      out.push({ t: 'id', v: text.slice(i, j), line, col });
      i = j;
    } else throw new PbtxtError(`unexpected character "${c}" at line ${line}, column ${col}`);
  }
  return out;
}

export function parsePbtxt(text: string): PbMessage {
  const toks = tokenize(text);
  let k = 0;
  const where = () => (k < toks.length ? `line ${toks[k].line}, column ${toks[k].col}` : 'the end');
  const peek = (v: string) => k < toks.length && toks[k].t === 'p' && toks[k].v === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new PbtxtError(`expected "${v}" at ${where()}`);
    k++;
  };
  const scalar = (): PbValue => {
    const tk = toks[k];
    if (!tk) throw new PbtxtError('expected a value at the end');
    if (tk.t === 'str') {
      let s = '';
      while (k < toks.length && toks[k].t === 'str') s += toks[k++].v;
      return s;
    }
    k++;
    if (tk.t === 'num') return Number(tk.v);
    if (tk.t === 'id') return tk.v === 'true' || tk.v === 'True' ? true : tk.v === 'false' || tk.v === 'False' ? false : tk.v;
    throw new PbtxtError(`expected a value at line ${tk.line}, column ${tk.col}, found "${tk.v}"`);
  };
  const message = (depth: number, closer: string | undefined): PbMessage => {
    if (depth > PBTXT_LIMITS.maxDepth) throw new PbtxtError(`nesting deeper than ${PBTXT_LIMITS.maxDepth} at ${where()}`);
    const msg: PbMessage = Object.create(null) as PbMessage;
    const add = (name: string, v: PbValue) => (msg[name] ??= []).push(v);
    for (;;) {
      if (k >= toks.length) {
        if (closer) throw new PbtxtError(`missing "${closer}" at the end`);
        return msg;
      }
      if (closer && peek(closer)) {
        k++;
        return msg;
      }
      const name = toks[k];
      if (name.t !== 'id') throw new PbtxtError(`expected a field name at line ${name.line}, column ${name.col}, found "${name.v}"`);
      k++;
      const colon = peek(':');
      if (colon) k++;
      if (peek('{')) {
        k++;
        add(name.v, message(depth + 1, '}'));
      } else if (peek('[')) {
        k++;
        while (!peek(']')) {
          if (peek('{')) {
            k++;
            add(name.v, message(depth + 1, '}'));
          } else add(name.v, scalar());
          if (peek(',')) k++;
          else if (!peek(']')) throw new PbtxtError(`expected "," or "]" at ${where()}`);
        }
        expect(']');
        msg[name.v] ??= []; // an empty list still names the field
      } else if (colon) add(name.v, scalar());
      else throw new PbtxtError(`expected ":" or "{" after "${name.v}" at ${where()}`);
      if (peek(',') || peek(';')) k++;
    }
  };
  return message(0, undefined);
}

/** The one value of a singular field (undefined when absent; an error when repeated). */
export function one(m: PbMessage, field: string): PbValue | undefined {
  const v = m[field];
  if (!v || v.length === 0) return undefined;
  if (v.length > 1) throw new PbtxtError(`field "${field}" is given ${v.length} times`);
  return v[0];
}

export function sub(m: PbMessage, field: string): PbMessage | undefined {
  const v = one(m, field);
  if (v !== undefined && (typeof v !== 'object' || v === null)) throw new PbtxtError(`field "${field}" is not a message`);
  return v as PbMessage | undefined;
}

export const msgs = (m: PbMessage, field: string): PbMessage[] => (m[field] ?? []).filter((v): v is PbMessage => typeof v === 'object');

/** The parameters map (`parameters { key: "k" value: { string_value: "v" } }`). */
export function parameters(m: PbMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of msgs(m, 'parameters')) out[String(one(p, 'key'))] = String(one(sub(p, 'value') ?? {}, 'string_value') ?? '');
  return out;
}

/** The ModelConfig object (proto-loader shape, keepCase, enums as names) that Triton returns
 *  for this config.pbtxt and that the inference client reads. */
export function toModelConfig(m: PbMessage): Record<string, unknown> {
  const tensor = (t: PbMessage) => ({ name: String(one(t, 'name')), data_type: String(one(t, 'data_type')), dims: (t.dims ?? []).map(Number), optional: one(t, 'optional') === true });
  const params: Record<string, { string_value: string }> = {};
  for (const [k, v] of Object.entries(parameters(m))) params[k] = { string_value: v };
  const policy = sub(m, 'model_transaction_policy');
  return {
    name: String(one(m, 'name') ?? ''),
    platform: String(one(m, 'platform') ?? ''),
    backend: String(one(m, 'backend') ?? ''),
    max_batch_size: Number(one(m, 'max_batch_size') ?? 0),
    input: msgs(m, 'input').map(tensor),
    output: msgs(m, 'output').map(tensor),
    parameters: params,
    model_transaction_policy: policy ? { decoupled: one(policy, 'decoupled') === true } : null,
  };
}
