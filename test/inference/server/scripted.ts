// A scripted model for the Triton test server: it plays back what instruction-tuned models are
// seen to do with a drafting prompt (echo the prompt, open with a "Claims:" header, number the
// claims their own way, leak chat tokens such as <|eot_id|>, repeat the parent claim, use a term
// no claim introduces), streamed in small tokens, so the drafting tests can check what reaches
// the editor.
import { ensembleModel, type FakeModel } from './models';

/** Splits a reply into tokens of about the size a tokenizer gives (1 to 4 characters). */
export function tokensOf(reply: string): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < reply.length; k++) {
    const n = 1 + ((k * 7) % 4);
    out.push(reply.slice(i, i + n));
    i += n;
  }
  return out;
}

/** A model (the TensorRT-LLM ensemble layout) that answers each prompt with `reply(prompt)`. */
export function scriptedModel(name: string, reply: (prompt: string) => string): FakeModel {
  const m = ensembleModel(name);
  return { ...m, script: (prompt) => tokensOf(reply(prompt)) };
}
