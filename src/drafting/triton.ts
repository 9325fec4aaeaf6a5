// The Triton backend: the task's prompt (buildPrompt) sent through the inference client, the
// streamed text cleaned as it arrives (StreamCleaner), the generation stopped once the output
// is complete, and the generated claims checked before the last chunk. A failure mid-stream
// surfaces as a DraftError; the chunks before it never carry `done`.
import { InferenceError, TritonClient, type GenerateRequest } from '../inference/index';
import { DraftError, settingsOf, throwIfAborted, type DraftChunk, type DraftContext, type DraftingBackend, type DraftOptions, type DraftTask } from './backend';
import { checkAbstract, checkContinuation, checkOutput, StreamCleaner } from './clean';
import { claimSubject } from './builtin';
import { buildPrompt } from './prompts';
import { MODEL_TASKS, type ModelTask } from './settings';

/** What the backend needs of a client (a TritonClient, or a stand-in in tests). */
export interface TextGenerator {
  generate(request: GenerateRequest, options: { signal?: AbortSignal }): AsyncIterable<{ text: string }>;
}

export interface TritonBackendOptions {
  /** Sampling temperature (default 0: the same prompt gives the same text where the model allows). */
  temperature?: number;
  /** Stop strings passed to the model, where its layout takes them (added to the prompt format's own). */
  stop?: string[];
  /** A client per model task (claims, abstract, continue), where the settings map tasks to models;
   *  tasks it returns nothing for use the backend's own client. */
  clientFor?: (task: ModelTask) => TextGenerator | TritonClient | undefined;
}

/** The tasks a deployment can serve with different models (`patentDraft.triton.models`). */
export { MODEL_TASKS, type ModelTask };

/** Which model task a drafting task is: dependent claims and a claim from a passage are claims. */
export function modelTask(kind: DraftTask['kind']): ModelTask {
  return kind === 'abstract' ? 'abstract' : kind === 'continue' ? 'continue' : 'claims';
}

/** The model for a task: its own entry in `models`, else the default model. */
export function modelFor(models: Partial<Record<string, string>> | undefined, kind: DraftTask['kind'], fallback: string): string {
  const m = models?.[modelTask(kind)];
  return typeof m === 'string' && m.trim() ? m.trim() : fallback;
}

export class TritonBackend implements DraftingBackend {
  readonly id = 'triton' as const;

  constructor(
    private readonly client: TextGenerator | TritonClient,
    private readonly options: TritonBackendOptions = {},
  ) {}

  async *generate(task: DraftTask, ctx: DraftContext, opts: DraftOptions = {}): AsyncIterable<DraftChunk> {
    throwIfAborted(opts.signal);
    const prompt = buildPrompt(task, ctx);
    const a = ctx.analysis;
    const claim = prompt.claim !== undefined ? a.claimByNumber.get(prompt.claim) : undefined;
    const cleaner = new StreamCleaner({
      kind: task.kind,
      prompt: prompt.text,
      nextNumber: prompt.nextNumber,
      claim: prompt.claim,
      category: claim ? claimSubject(a, claim) : undefined,
      partial: task.kind === 'continue' ? prompt.values.selection : undefined,
      count: task.kind === 'dependent' ? (task.count ?? settingsOf(ctx).dependentCount) : 1,
      specialTokens: prompt.specialTokens,
      endTokens: prompt.endTokens,
    });
    const client = this.options.clientFor?.(modelTask(task.kind)) ?? this.client;
    const stops = [...new Set([...prompt.stop, ...(this.options.stop ?? [])])];
    // Our own controller: the caller's abort, or ours once the cleaned output is complete.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const request: GenerateRequest = { prompt: prompt.text, maxTokens: settingsOf(ctx).maxTokens, temperature: this.options.temperature ?? 0, ...(stops.length ? { stop: stops } : {}) };
    try {
      try {
        for await (const chunk of client.generate(request, { signal: stop.signal })) {
          const text = cleaner.push(chunk.text);
          if (text) yield { text };
          if (cleaner.stopped) {
            stop.abort();
            break;
          }
        }
      } catch (err) {
        if (opts.signal?.aborted) throw new DraftError('cancelled', 'drafting cancelled', { cause: err });
        if (stop.signal.aborted && cleaner.stopped) {
          // We stopped it ourselves once the output was complete.
        } else throw backendError(err, cleaner.text.length);
      }
      throwIfAborted(opts.signal);
      const rest = cleaner.finish();
      const output = cleaner.text;
      if (!output.trim())
        throw new DraftError('backend', 'the model returned no usable text for this task (empty, or only an echo of the prompt); try again or check the model with `patent-draft triton status`');
      const findings =
        task.kind === 'dependent' || task.kind === 'claim'
          ? checkOutput(a, output, opts.signal)
          : task.kind === 'continue'
            ? checkContinuation(a, task.claim, prompt.values.selection, output, prompt.nextNumber, opts.signal)
            : checkAbstract(a, output, opts.signal);
      yield { text: rest, ...(findings.length ? { findings } : {}), done: true };
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      if (!stop.signal.aborted) stop.abort();
    }
  }
}

function backendError(err: unknown, delivered: number): DraftError {
  const where = delivered > 0 ? ` after ${delivered} characters; the text shown so far is incomplete` : '';
  if (err instanceof DraftError) return err;
  if (err instanceof InferenceError) {
    if (err.code === 'cancelled') return new DraftError('cancelled', 'drafting cancelled', { cause: err });
    return new DraftError('backend', `Triton generation failed${where}: ${err.message}`, { cause: err });
  }
  return new DraftError('backend', `Triton generation failed${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}
