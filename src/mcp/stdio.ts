// The MCP server's stdio transport: newline-delimited JSON-RPC on stdin/stdout, with a bound on
// each message. A message over the bound is answered with a JSON-RPC error (with its id when the
// id can be read from its first bytes) and dropped as it streams in, so memory stays bounded and
// the session goes on; a line that is not JSON gets a parse error. Errors passed to `onerror`
// carry a class and sizes only, never the client's bytes.
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** The largest JSON-RPC message read (bytes, without the newline). */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of an oversized message is kept to find its id. */
const HEAD_BYTES = 64 * 1024;

/** A protocol problem described without the client's content. */
export class ProtocolInputError extends Error {
  constructor(
    readonly kind: 'too-large' | 'not-json' | 'not-jsonrpc',
    readonly bytes: number,
  ) {
    super(
      kind === 'too-large'
        ? `message of ${bytes} bytes refused (limit ${MAX_MESSAGE_BYTES})`
        : kind === 'not-json'
          ? `a message of ${bytes} bytes is not JSON`
          : `a message of ${bytes} bytes is not JSON-RPC`,
    );
    this.name = 'ProtocolInputError';
  }
}

type Id = string | number;

/**
 * The top-level "id" of a JSON object whose first bytes are `head`, if it appears there: a small
 * scanner that tracks strings and nesting (an "id" inside params is not taken). Linear, bounded.
 */
export function readTopLevelId(head: string): Id | undefined {
  let depth = 0;
  let i = 0;
  const n = head.length;
  const readString = (): string | undefined => {
    // head[i] === '"'
    let out = '';
    i++;
    while (i < n) {
      const c = head[i];
      if (c === '\\') {
        if (i + 1 >= n) return undefined;
        out += head[i + 1] === '"' ? '"' : head[i + 1] === '\\' ? '\\' : '?';
        i += 2;
        continue;
      }
      if (c === '"') {
        i++;
        return out;
      }
      if (out.length < 256) out += c;
      i++;
    }
    return undefined;
  };
  const skipWs = () => {
    while (i < n && (head[i] === ' ' || head[i] === '\t' || head[i] === '\r' || head[i] === '\n')) i++;
  };
  while (i < n) {
    const c = head[i];
    if (c === '"') {
      const s = readString();
      if (s === undefined) return undefined;
      skipWs();
      if (depth === 1 && head[i] === ':' && s === 'id') {
        i++;
        skipWs();
        if (head[i] === '"') {
          const v = readString();
          return v;
        }
        const m = /^-?\d{1,15}/.exec(head.slice(i, i + 16));
        return m ? Number(m[0]) : undefined;
      }
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return undefined;
}

export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private length = 0;
  /** Set while an oversized message streams in: its first bytes and its size so far. */
  private oversized?: { head: Buffer; bytes: number };
  private started = false;
  private closed = false;

  constructor(
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      const nl = chunk.indexOf(0x0a, at);
      const end = nl < 0 ? chunk.length : nl;
      this.take(chunk.subarray(at, end));
      if (nl < 0) break;
      this.endOfLine();
      at = nl + 1;
    }
  };

  private readonly onError = (err: Error) => this.onerror?.(Object.assign(new Error(`stdin failed (${err.name})`), { name: err.name }));

  private take(part: Buffer): void {
    if (!part.length) return;
    if (this.oversized) {
      this.oversized.bytes += part.length;
      return;
    }
    if (this.length + part.length > this.maxBytes) {
      const all = Buffer.concat([...this.chunks, part.subarray(0, Math.max(0, HEAD_BYTES - this.length))]);
      this.oversized = { head: all.subarray(0, HEAD_BYTES), bytes: this.length + part.length };
      this.chunks = [];
      this.length = 0;
      return;
    }
    this.chunks.push(part);
    this.length += part.length;
  }

  private endOfLine(): void {
    if (this.oversized) {
      const { head, bytes } = this.oversized;
      this.oversized = undefined;
      const id = readTopLevelId(head.toString('utf8'));
      this.onerror?.(new ProtocolInputError('too-large', bytes));
      this.reply(
        id ?? null,
        -32600,
        `Request refused: the message is ${bytes} bytes; this server reads messages up to ${this.maxBytes} bytes (${this.maxBytes / 1048576} MB). Send less text per call.`,
      );
      return;
    }
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
    this.chunks = [];
    this.length = 0;
    if (buf.length && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    if (!buf.length) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(buf.toString('utf8'));
    } catch {
      this.onerror?.(new ProtocolInputError('not-json', buf.length));
      this.reply(null, -32700, 'Parse error: the message is not JSON.');
      return;
    }
    const checked = JSONRPCMessageSchema.safeParse(parsed);
    if (!checked.success) {
      this.onerror?.(new ProtocolInputError('not-jsonrpc', buf.length));
      const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
      this.reply(typeof id === 'string' || typeof id === 'number' ? id : null, -32600, 'Invalid Request: the message is not a JSON-RPC 2.0 request, response or notification.');
      return;
    }
    this.onmessage?.(checked.data);
  }

  private reply(id: Id | null, code: number, message: string): void {
    void this.write(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }) + '\n');
  }

  private write(text: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      if (this.output.write(text)) resolve();
      else this.output.once('drain', () => resolve());
    });
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('BoundedStdioTransport already started');
    this.started = true;
    this.input.on('data', this.onData);
    this.input.on('error', this.onError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(JSON.stringify(message) + '\n');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('error', this.onError);
    if (this.input.listenerCount('data') === 0) this.input.pause();
    this.chunks = [];
    this.oversized = undefined;
    this.onclose?.();
  }
}
