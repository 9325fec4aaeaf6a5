// The inline suggestion streams: one stream runs into a cache while the ghost text shows its first
// segment; later requests (after an accept, or while the user types along the suggestion) are
// served from it. A stream whose text the document no longer matches is stopped. No `vscode` import.
import { nextSegment } from './segments';

/** A running (or finished) suggestion for one place in a document. */
export class SuggestionStream {
  text = '';
  done = false;
  error?: unknown;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  private readonly listeners: ((s: SuggestionStream) => void)[] = [];

  /**
   * @param key the document and the place (e.g. `uri#claimStart`)
   * @param base the text before the cursor (from the claim's start) when the stream began
   */
  constructor(
    readonly key: string,
    readonly base: string,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Reads `source` into the cache; never throws (a failure is kept in `error`). */
  async run(source: (signal: AbortSignal) => AsyncIterable<string>): Promise<void> {
    try {
      for await (const chunk of source(this.signal)) {
        if (this.aborted) break;
        if (chunk) {
          this.text += chunk;
          this.wake();
        }
      }
    } catch (err) {
      if (!this.aborted) this.error = err;
    } finally {
      this.done = true;
      this.wake();
    }
  }

  /** Stops the stream (the model stops generating); what arrived stays readable. */
  abort(): void {
    if (!this.aborted) this.controller.abort();
    this.wake();
  }

  onProgress(listener: (s: SuggestionStream) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1) };
  }

  /**
   * How far along the suggestion the text before the cursor is: the number of suggested
   * characters already in the document, or undefined if the document left the suggestion.
   */
  consumed(prefix: string): number | undefined {
    if (!prefix.startsWith(this.base)) return undefined;
    const typed = prefix.slice(this.base.length);
    if (typed.length > this.text.length) return undefined;
    return this.text.startsWith(typed) ? typed.length : undefined;
  }

  /** Whether the stream could still supply text past `prefix`. */
  matches(prefix: string): boolean {
    const at = this.consumed(prefix);
    if (at === undefined) return false;
    return at < this.text.length || (!this.done && !this.aborted);
  }

  /** The segment after `prefix` if it has fully arrived (or the stream ended), else undefined. */
  segmentAfter(prefix: string): string | undefined {
    const at = this.consumed(prefix);
    if (at === undefined) return undefined;
    return nextSegment(this.text, at, this.done || this.aborted);
  }

  /** The text arrived so far after `prefix` (for a partial ghost text), or undefined. */
  partialAfter(prefix: string): string | undefined {
    const at = this.consumed(prefix);
    return at === undefined ? undefined : this.text.slice(at);
  }

  /**
   * Waits for the segment after `prefix`: resolves with it once it is complete, with the partial
   * text (or undefined) when the stream ends or `cancelled` fires first.
   */
  async waitForSegment(prefix: string, cancelled?: { readonly isCancellationRequested: boolean; onCancellationRequested?: (cb: () => void) => { dispose(): void } }): Promise<string | undefined> {
    let sub: { dispose(): void } | undefined;
    try {
      for (;;) {
        if (this.consumed(prefix) === undefined) return undefined;
        const seg = this.segmentAfter(prefix);
        if (seg !== undefined) return seg;
        if (this.done || this.aborted || cancelled?.isCancellationRequested) {
          const rest = this.partialAfter(prefix);
          return rest ? rest : undefined;
        }
        await new Promise<void>((resolve) => {
          this.waiters.push(resolve);
          sub ??= cancelled?.onCancellationRequested?.(() => this.wake());
        });
      }
    } finally {
      sub?.dispose();
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
    for (const l of [...this.listeners]) {
      try {
        l(this);
      } catch {
        // A listener's failure is not the stream's.
      }
    }
  }
}

/** The streams of the open documents, at most `limit`, newest first. */
export class StreamCache {
  private streams: SuggestionStream[] = [];

  constructor(private readonly limit = 4) {}

  /** A stream for `key` that still matches `prefix`; the key's other streams are stopped and dropped. */
  find(key: string, prefix: string): SuggestionStream | undefined {
    let found: SuggestionStream | undefined;
    this.streams = this.streams.filter((s) => {
      if (s.key !== key) return true;
      if (!found && s.matches(prefix) && !s.error) {
        found = s;
        return true;
      }
      s.abort();
      return false;
    });
    return found;
  }

  /** Starts a stream for `key` at `base`, stopping the key's others. */
  start(key: string, base: string, source: (signal: AbortSignal) => AsyncIterable<string>): SuggestionStream {
    for (const s of this.streams) if (s.key === key) s.abort();
    const stream = new SuggestionStream(key, base);
    this.streams = [stream, ...this.streams.filter((s) => s.key !== key)];
    while (this.streams.length > this.limit) this.streams.pop()!.abort();
    void stream.run(source);
    return stream;
  }

  /** Stops the streams of documents whose key starts with `prefix` (a closed document), or all. */
  clear(keyPrefix?: string): void {
    this.streams = this.streams.filter((s) => {
      if (keyPrefix !== undefined && !s.key.startsWith(keyPrefix)) return true;
      s.abort();
      return false;
    });
  }

  get size(): number {
    return this.streams.length;
  }
}
