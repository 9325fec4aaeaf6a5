// Errors the inference client raises: one code per cause, a message naming the cause and a
// hint naming the next step. Messages never contain prompt or generated text.
import type { ServiceError } from '@grpc/grpc-js';

export type InferenceErrorCode =
  | 'unreachable' // connection refused, DNS, no route
  | 'tls' // handshake or certificate failure
  | 'auth' // UNAUTHENTICATED / PERMISSION_DENIED from a gateway or restricted endpoint
  | 'model-missing'
  | 'model-not-ready'
  | 'layout' // the model's inputs match no known layout and no mapping is set
  | 'input-unknown' // a request input the model does not have
  | 'shape' // wrong shape or datatype
  | 'deadline'
  | 'cancelled'
  | 'model-error' // error text from the model (error_message on the stream)
  | 'connection-lost' // the connection dropped after text had arrived
  | 'too-large' // message larger than the receive limit
  | 'bad-output' // response not decodable
  | 'bad-input'
  | 'protocol'; // anything else from the server

const STATUS = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export const GrpcStatus = STATUS;

export class InferenceError extends Error {
  override name = 'InferenceError';
  constructor(
    readonly code: InferenceErrorCode,
    message: string,
    readonly hint?: string,
    readonly endpoint?: string,
    /** The gRPC status code, when the error came from a gRPC call. */
    readonly grpcCode?: number,
  ) {
    super(hint ? `${message}. ${hint}` : message);
  }
  /** Whether a different endpoint may succeed (only used before the first token). */
  get retryable(): boolean {
    return this.code === 'unreachable' || (this.grpcCode === STATUS.UNAVAILABLE && this.code !== 'tls' && this.code !== 'connection-lost');
  }
}

/** An abort (AbortSignal or close): name "AbortError" like fetch's, code "cancelled". */
export class InferenceAbortError extends InferenceError {
  override name = 'AbortError';
  constructor(endpoint?: string) {
    super('cancelled', 'generation cancelled', undefined, endpoint, STATUS.CANCELLED);
  }
}

/** Longest server-supplied text (error_message, status details, names) an error message quotes. */
export const MAX_SERVER_TEXT = 300;

/**
 * Makes text that came from a server safe to show in a terminal, a log or a notification:
 * control characters (newlines, ESC and the rest of C0/C1, DEL), bidirectional overrides and
 * lone surrogates become one space each run, and the result is cut to `max` characters with an
 * ellipsis and the original length. One linear pass; the only sanitiser every host uses (the
 * client applies it to every server text it puts in an InferenceError).
 */
export function sanitizeServerText(text: unknown, max = MAX_SERVER_TEXT): string {
  const s = typeof text === 'string' ? text : String(text ?? '');
  // Look at no more than needed: a 50 KB message costs as much as a 1 KB one.
  const scanTo = Math.min(s.length, max * 4 + 16);
  let out = '';
  let space = false;
  let kept = 0;
  for (let i = 0; i < scanTo && kept < max; i++) {
    const c = s.charCodeAt(i);
    let bad = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x2028 || c === 0x2029 || c === 0xfeff;
    if (!bad && c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair && kept + 2 <= max) {
        out += s[i] + s[i + 1];
        i++;
        kept += 2;
        space = false;
        continue;
      }
      bad = true;
    }
    if (bad) {
      if (!space && out.length) {
        out += ' ';
        kept++;
      }
      space = true;
      continue;
    }
    out += s[i];
    kept++;
    space = false;
  }
  out = out.trim();
  const consumedAll = kept < max && scanTo === s.length;
  return consumedAll ? out : `${out}… (${s.length} characters in all)`;
}

/** The settings that bound a generation, named in deadline errors (the editor's and the CLI's). */
export const DEADLINE_SETTINGS = {
  generation: 'patentDraft.triton.timeoutMs (CLI: --timeout)',
  firstToken: 'patentDraft.triton.firstOutputTimeoutMs (CLI: --first-token-timeout)',
  idle: 'patentDraft.triton.idleTimeoutMs (CLI: --idle-timeout)',
  call: 'patentDraft.triton.timeoutMs (CLI: --timeout)',
} as const;
export type DeadlineKind = keyof typeof DEADLINE_SETTINGS;

/** A generation (or call) that ran out of one of its deadlines; names the setting to raise. */
export function deadlineError(kind: DeadlineKind, ms: number, endpoint?: string, detail = ''): InferenceError {
  const what =
    kind === 'firstToken'
      ? `no first token from ${endpoint ?? 'the server'} within ${ms} ms`
      : kind === 'idle'
        ? `no token from ${endpoint ?? 'the server'} for ${ms} ms (the stream stalled)`
        : kind === 'generation'
          ? `the generation on ${endpoint ?? 'the server'} exceeded its ${ms} ms deadline`
          : `request to ${endpoint ?? 'the server'} exceeded its ${ms} ms deadline`;
  return new InferenceError(
    'deadline',
    `${what}${detail}`,
    `Raise ${DEADLINE_SETTINGS[kind]}, lower max tokens, or check the server queue time (nv_inference_queue_duration_us).`,
    endpoint,
    STATUS.DEADLINE_EXCEEDED,
  );
}

function isServiceError(e: unknown): e is ServiceError {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'number' && 'details' in e;
}

const TLS_RE = /ssl|tls|certificate|handshake|self.signed|unable to verify|alpn|wrong version number|CERT_/i;
const REFUSED_RE = /ECONNREFUSED|No connection established|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|getaddrinfo|Connection dropped|ECONNRESET|failed to connect/i;

/** Classifies an error text the server returned for a request (Triton's wording). */
export function classifyServerText(text: string, model: string, endpoint?: string, grpcCode?: number): InferenceError {
  const t = sanitizeServerText(text);
  if (/unknown model|is not found|no model/i.test(t)) {
    return new InferenceError(
      'model-missing',
      `model '${model}' is not on the server at ${endpoint ?? 'the endpoint'}: ${t}`,
      'Check the model name (Patent Draft setting "model") against the model repository, or load it with `tritonserver --model-control-mode`.',
      endpoint,
      grpcCode,
    );
  }
  if (/not ready|unavailable model|is not loaded|loading/i.test(t) && /model/i.test(t)) {
    return new InferenceError('model-not-ready', `model '${model}' is not ready: ${t}`, 'Wait for the model to finish loading, and check the tritonserver log for load errors.', endpoint, grpcCode);
  }
  if (/unexpected inference input|unexpected input/i.test(t)) {
    return new InferenceError(
      'input-unknown',
      `the model rejected an input: ${t}`,
      "Fix the input names in the model mapping settings; `patent-draft triton status` lists the model's inputs.",
      endpoint,
      grpcCode,
    );
  }
  if (/shape|data-?type|expects|byte size|number of .*elements|expected \d+ inputs/i.test(t)) {
    return new InferenceError(
      'shape',
      `the model rejected the request's tensors: ${t}`,
      'The request does not match the model configuration; run `patent-draft triton status` and check max_batch_size and the input dims/types in the mapping settings.',
      endpoint,
      grpcCode,
    );
  }
  return new InferenceError('model-error', `the model reported an error: ${t}`, "See the tritonserver log for the model's backend error.", endpoint, grpcCode);
}

/** Turns a grpc-js error (or anything thrown) into an InferenceError. */
export function toInferenceError(err: unknown, ctx: { endpoint: string; model: string; tls: boolean; deadlineMs?: number; afterText?: boolean; deadline?: DeadlineKind }): InferenceError {
  if (err instanceof InferenceError) return err;
  if (!isServiceError(err)) {
    const msg = sanitizeServerText(err instanceof Error ? err.message : String(err));
    return new InferenceError('protocol', `request to ${ctx.endpoint} failed: ${msg}`, undefined, ctx.endpoint);
  }
  // Status details come from the server (grpc-message): never shown raw.
  const d = sanitizeServerText(err.details || err.message || '');
  const ep = ctx.endpoint;
  switch (err.code) {
    case STATUS.UNAVAILABLE:
      if (ctx.tls && TLS_RE.test(d)) {
        return new InferenceError(
          'tls',
          `TLS connection to ${ep} failed (${d})`,
          'Check the CA certificate (and client key/certificate for mutual TLS) in the Triton settings, and that the server name matches the certificate.',
          ep,
          err.code,
        );
      }
      if (ctx.afterText) {
        return new InferenceError(
          'connection-lost',
          `connection to ${ep} was lost during generation (${d})`,
          'The text so far was kept; retry the request. Check the server log if this repeats.',
          ep,
          err.code,
        );
      }
      if (REFUSED_RE.test(d) || !ctx.tls) {
        return new InferenceError(
          'unreachable',
          `cannot reach Triton at ${ep} (${d})`,
          'Check that tritonserver is running and that the host and --grpc-port match the endpoint setting; if Triton uses TLS, enable TLS in the settings.',
          ep,
          err.code,
        );
      }
      return new InferenceError('unreachable', `cannot reach Triton at ${ep} (${d})`, 'Check the endpoint and TLS settings.', ep, err.code);
    case STATUS.DEADLINE_EXCEEDED:
      return deadlineError(ctx.deadline ?? 'call', ctx.deadlineMs ?? 0, ep);
    case STATUS.CANCELLED:
      return new InferenceAbortError(ep);
    case STATUS.UNAUTHENTICATED:
    case STATUS.PERMISSION_DENIED:
      return new InferenceError('auth', `${ep} refused the request: ${d}`, 'Check the extra headers (e.g. authorization, triton-grpc-protocol-<key>) in the Triton settings.', ep, err.code);
    case STATUS.RESOURCE_EXHAUSTED:
      if (/message larger than max|received message larger/i.test(d)) {
        return new InferenceError(
          'too-large',
          `a response from ${ep} exceeded the client's receive limit (${d})`,
          'Raise the max receive message size in the Triton settings or lower max tokens.',
          ep,
          err.code,
        );
      }
      return classifyServerText(d, ctx.model, ep, err.code);
    case STATUS.NOT_FOUND:
      return new InferenceError('model-missing', `model '${ctx.model}' is not on the server at ${ep}: ${d}`, 'Check the model name against the model repository.', ep, err.code);
    case STATUS.UNIMPLEMENTED:
      return new InferenceError('protocol', `${ep} does not implement this call (${d})`, "Is the endpoint Triton's gRPC port (default 8001) and not its HTTP port (8000)?", ep, err.code);
    case STATUS.INTERNAL:
      if (TLS_RE.test(d) || /protocol error|Received RST_STREAM|http2/i.test(d)) {
        return new InferenceError(
          ctx.tls ? 'tls' : 'protocol',
          `the connection to ${ep} failed (${d})`,
          ctx.tls ? 'Check the TLS settings.' : 'Does the endpoint expect TLS? Is it a gRPC port?',
          ep,
          err.code,
        );
      }
      return classifyServerText(d, ctx.model, ep, err.code);
    default:
      return classifyServerText(d, ctx.model, ep, err.code);
  }
}
