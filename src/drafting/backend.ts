// The drafting interface: a task plus the matter's context in, a stream of text chunks out,
// cancellable with an AbortSignal. The built-in engine and the Triton backend both implement it,
// so the editor, the CLI and the MCP server consume one streaming path. No `vscode` import.
import type { Analysis, CheckCode, Range, Severity } from '../core';
import type { ChatTemplate, PromptFormat } from './chat';

/** What to draft. Claim numbers are the claims as numbered in the matter. */
export type DraftTask =
  /** An abstract from the broadest independent claim and the disclosure's field/summary. */
  | { kind: 'abstract' }
  /** Dependent claims for claim `claim` (at most `count`, default 5). */
  | { kind: 'dependent'; claim: number; count?: number }
  /** The next words or element of claim `claim`; `text` is the partial claim as typed (default: the claim's text). */
  | { kind: 'continue'; claim: number; text?: string }
  /** A new independent claim from a passage of the disclosure. */
  | { kind: 'claim'; passage: string; passageSource?: DraftSource };

export type DraftTaskKind = DraftTask['kind'];
export const TASK_KINDS: DraftTaskKind[] = ['abstract', 'dependent', 'continue', 'claim'];

/** A passage of the matter a suggestion came from. */
export interface DraftSource {
  uri: string;
  range: Range;
  /** A short single-line excerpt (for a hover or a peek; never logged). */
  excerpt: string;
}

/** A check finding that lands in generated text, with offsets into the whole output so far. */
export interface DraftFinding {
  code: CheckCode;
  severity: Severity;
  message: string;
  /** The generated claim it is in. */
  claim?: number;
  /** Offsets into the concatenated output text. */
  start: number;
  end: number;
}

export interface DraftChunk {
  /** Text to append to the output. */
  text: string;
  /** The passages this segment came from (the built-in engine always sets it). */
  source?: DraftSource[];
  /** Findings of the core's checks on the generated claim(s) this chunk completes. */
  findings?: DraftFinding[];
  /** Set on the last chunk only, once the output is complete and cleaned. A stream that ends
   * with an error never carries it: what was delivered before is incomplete. */
  done?: boolean;
}

/** Settings that shape the context (both backends) and the output. */
export interface DraftSettings {
  /** Token budget of the disclosure passages put in a prompt (about 4 characters a token). */
  contextTokens: number;
  /** Candidates offered for the dependent-claims task. */
  dependentCount: number;
  /** Maximum tokens the model may generate (Triton). */
  maxTokens: number;
}

export const DEFAULT_DRAFT_SETTINGS: DraftSettings = { contextTokens: 1500, dependentCount: 5, maxTokens: 400 };

/** The matter as the drafting backends see it. */
export interface DraftContext {
  analysis: Analysis;
  settings?: Partial<DraftSettings>;
  /** Per-matter prompt templates (e.g. the text of `.patentdraft/prompts/abstract.md`), by task. */
  templates?: Partial<Record<DraftTaskKind, string>>;
  /** How the prompt is wrapped for the model (default raw); `template` needs the model's own. */
  chat?: { format: PromptFormat; template?: ChatTemplate };
}

export interface DraftOptions {
  signal?: AbortSignal;
}

export interface DraftingBackend {
  readonly id: 'builtin' | 'triton';
  generate(task: DraftTask, ctx: DraftContext, opts?: DraftOptions): AsyncIterable<DraftChunk>;
}

export type DraftErrorCode = 'bad-task' | 'no-claims' | 'no-claim' | 'nothing-to-draft' | 'cancelled' | 'backend';

/** A drafting failure the user can act on; `cause` keeps the backend's own error. */
export class DraftError extends Error {
  override name = 'DraftError';
  constructor(
    readonly code: DraftErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function settingsOf(ctx: DraftContext): DraftSettings {
  return { ...DEFAULT_DRAFT_SETTINGS, ...(ctx.settings ?? {}) };
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DraftError('cancelled', 'drafting cancelled');
}

/** Reads a whole stream into one text (CLI, tests). Throws what the stream throws. */
export async function collectDraft(stream: AsyncIterable<DraftChunk>): Promise<{ text: string; chunks: DraftChunk[]; complete: boolean }> {
  let text = '';
  const chunks: DraftChunk[] = [];
  let complete = false;
  for await (const c of stream) {
    chunks.push(c);
    text += c.text;
    if (c.done) complete = true;
  }
  return { text, chunks, complete };
}
