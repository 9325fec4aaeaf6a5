// The prompts a load run sends: exactly what Patent Draft's Triton backend sends for a task
// (buildPrompt), built from every matter under a folder. Only counts and sizes describe them
// outside this module; the text goes to the server and nowhere else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeMatter, type Matter } from '../core';
import { buildPrompt, promptTemplatePath, type DraftContext, type DraftTask } from '../drafting';
import { loadMatters } from '../node/workspace';

export type BenchTask = 'abstract' | 'dependent' | 'continue';
export const BENCH_TASKS: BenchTask[] = ['abstract', 'dependent', 'continue'];

/** Bounds on what a matter folder may contribute. */
export const MAX_MATTERS = 500;
export const MAX_PROMPTS = 5_000;
export const MAX_PROMPT_CHARS = 200_000;

export interface PromptSet {
  task: BenchTask;
  prompts: string[];
  matters: number;
  /** Prompts left out for exceeding MAX_PROMPT_CHARS. */
  skippedLong: number;
  meanChars: number;
  maxChars: number;
}

export class PromptError extends Error {}

function ownTemplate(matter: Matter, task: BenchTask): string | undefined {
  try {
    return readFileSync(join(matter.root, promptTemplatePath(task)), 'utf8');
  } catch {
    return undefined;
  }
}

/** The tasks of one matter: one abstract; dependents of each independent claim; the second half
 *  of every claim continued from its first half. */
function tasksOf(analysis: ReturnType<typeof analyzeMatter>, task: BenchTask): DraftTask[] {
  const live = analysis.claims.filter((c) => !c.canceled && c.text.trim());
  if (task === 'abstract') return live.some((c) => c.parents.length === 0) ? [{ kind: 'abstract' }] : [];
  if (task === 'dependent') return live.filter((c) => c.parents.length === 0).map((c) => ({ kind: 'dependent', claim: c.number }));
  return live.map((c) => {
    const words = c.text.trim().split(/\s+/);
    return { kind: 'continue', claim: c.number, text: words.slice(0, Math.max(1, Math.ceil(words.length / 2))).join(' ') };
  });
}

/** Builds the prompts of `task` for every matter under `paths`; throws PromptError naming the bound hit. */
export async function loadPrompts(paths: string[], task: BenchTask, opts: { maxTokens?: number; signal?: AbortSignal } = {}): Promise<PromptSet> {
  let matters: Matter[];
  try {
    matters = await loadMatters(paths);
  } catch (e) {
    throw new PromptError((e as Error).message);
  }
  if (matters.length === 0) throw new PromptError(`no matter found in ${paths.join(', ')} (no claims or disclosure Markdown)`);
  if (matters.length > MAX_MATTERS) throw new PromptError(`${paths.join(', ')} holds ${matters.length} matters; the load tool reads at most ${MAX_MATTERS} (name a smaller folder)`);
  const prompts: string[] = [];
  let skippedLong = 0;
  let total = 0;
  let maxChars = 0;
  for (const matter of matters) {
    if (opts.signal?.aborted) throw new PromptError('cancelled while building prompts');
    const analysis = analyzeMatter(matter);
    const own = ownTemplate(matter, task);
    const ctx: DraftContext = { analysis, templates: own !== undefined ? { [task]: own } : {}, settings: opts.maxTokens ? { maxTokens: opts.maxTokens } : {} };
    for (const t of tasksOf(analysis, task)) {
      const text = buildPrompt(t, ctx).text;
      if (text.length > MAX_PROMPT_CHARS) {
        skippedLong++;
        continue;
      }
      prompts.push(text);
      total += text.length;
      if (text.length > maxChars) maxChars = text.length;
      if (prompts.length >= MAX_PROMPTS) break;
    }
    if (prompts.length >= MAX_PROMPTS) break;
  }
  if (prompts.length === 0) {
    const why = skippedLong ? `every prompt is longer than ${MAX_PROMPT_CHARS} characters` : task === 'abstract' ? 'no matter has an independent claim' : 'no matter has a claim to draft from';
    throw new PromptError(`no ${task} prompt could be built from ${paths.join(', ')}: ${why}`);
  }
  return { task, prompts, matters: matters.length, skippedLong, meanChars: total / prompts.length, maxChars };
}
