// Which drafting failures mean the Triton server cannot be used (rather than one bad request): the
// editor's engine and the language server's drafting both key their "unreachable" state and their
// one "server cannot be used" message on it. No `vscode` import.
import { InferenceError } from '../inference/index';

/** The inference error codes that make the server unusable until something changes. */
export const CONNECTION_ERROR_CODES: readonly string[] = ['unreachable', 'tls', 'auth', 'model-missing', 'model-not-ready', 'layout', 'deadline'];

/** The connection failure in an error's cause chain (at most 4 deep), or undefined for another failure. */
export function connectionFailure(err: unknown): InferenceError | undefined {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof InferenceError && CONNECTION_ERROR_CODES.includes(e.code)) return e;
  }
  return undefined;
}
