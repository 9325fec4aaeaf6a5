// Prompt templates, one per task, overridable per matter (`.patentdraft/prompts/<task>.md`),
// and buildPrompt(): exactly the text the Triton backend sends (what "Show Prompt" shows).
// Placeholders: {{title}} {{selection}} {{claim}} {{claim_number}} {{category}} {{ancestors}}
// {{claims}} {{terms}} {{passages}} {{glossary}} {{next_number}} {{count}}.
// The filled template is the user message; the chat format (raw, llama3, chatml, mistral, or the
// model's own Jinja template) wraps it with the system message for the model that serves it.
import type { Analysis, Claim } from '../core';
import { DraftError, settingsOf, type DraftContext, type DraftTask, type DraftTaskKind } from './backend';
import { ChatTemplateError, renderChat, type ChatMessage, type PromptFormat } from './chat';
import { broadestIndependent, estimateTokens, principalIndependent, claimTermKeys, claimWithAncestors, nextClaimNumber, selectPassages, textTermKeys, type Passage } from './context';

export const PLACEHOLDERS = ['title', 'selection', 'claim', 'claim_number', 'category', 'ancestors', 'claims', 'terms', 'passages', 'glossary', 'next_number', 'count'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Where a matter's own template for a task lives, relative to the matter folder. */
export function promptTemplatePath(kind: DraftTaskKind): string {
  return `.patentdraft/prompts/${kind}.md`;
}

export const DEFAULT_TEMPLATES: Record<DraftTaskKind, string> = {
  abstract: `You draft the abstract of a US patent application titled "{{title}}".
Write one paragraph of 50 to 150 words that summarises claim {{claim_number}} in plain language.
Write "includes" where the claim says "comprising"; never write "said" or "means".
Use only what the claim and the passages below disclose.

Claim {{claim_number}}:
{{claim}}

Passages of the disclosure:
{{passages}}

Glossary (preferred terms):
{{glossary}}

Abstract:
`,
  dependent: `You draft dependent claims of a US patent application titled "{{title}}".
The claims so far (do not repeat what any of them recites):
{{claims}}

The claim to build on, with the claims it depends on:
{{ancestors}}

Terms the claims introduce (refer to these with "the"; introduce anything else with "a" or "an"):
{{terms}}

Passages of the disclosure:
{{passages}}

Glossary (preferred terms):
{{glossary}}

Write up to {{count}} dependent claims of claim {{claim_number}}, numbered from {{next_number}}, one per paragraph,
each of the form "N. The {{category}} of claim {{claim_number}}, wherein ..." or "N. The {{category}} of claim {{claim_number}}, further comprising ...".
Each must further limit claim {{claim_number}} (35 USC 112(d)): add one feature that the passages disclose and that no claim recites yet.
Use "the" only for terms the claims introduce. Write the claims only, no heading and no commentary.

Dependent claims:
`,
  continue: `You continue a claim of a US patent application titled "{{title}}".
The claims so far:
{{claims}}

Claims it builds on:
{{ancestors}}

Terms the claims introduce (refer to these with "the"; introduce anything else with "a" or "an"):
{{terms}}

Passages of the disclosure:
{{passages}}

Glossary (preferred terms):
{{glossary}}

Continue claim {{claim_number}} with its next words or next element, using only what the passages disclose
and only terms introduced so far (or introduced with "a"/"an").
Write only the continuation, not the claim so far, and stop at the end of the claim.

Claim {{claim_number}} so far:
{{selection}}`,
  claim: `You draft a claim of a US patent application titled "{{title}}".
Existing claim for reference:
{{claim}}

Passage to claim:
{{selection}}

Related passages of the disclosure:
{{passages}}

Glossary (preferred terms):
{{glossary}}

Write one independent claim, numbered {{next_number}}, that claims what the passage discloses:
a preamble, "comprising:", then one element per line ending in ";" and the last in ".".

Claim {{next_number}}:
`,
};

export interface BuiltPrompt {
  task: DraftTaskKind;
  /** The exact text sent to the model: the messages in the chat format. */
  text: string;
  /** The filled template (the user message, without the chat format around it). */
  body: string;
  format: PromptFormat;
  /** Stop sequences for the model (its end-of-turn tokens in this format). */
  stop: string[];
  /** Special tokens stripped from the output; `endTokens` among them end it. */
  specialTokens: string[];
  endTokens: string[];
  /** 'matter' when the matter's own template was used. */
  template: 'default' | 'matter';
  /** The disclosure passages put in the prompt. */
  passages: Passage[];
  /** The claim the task is about, where there is one. */
  claim?: number;
  /** The next free claim number (generated claims are numbered from it). */
  nextNumber: number;
  values: Record<Placeholder, string>;
}

/** Fills a template: known placeholders are replaced, anything else is left as written. */
export function fillTemplate(template: string, values: Partial<Record<string, string>>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => (values[name] !== undefined ? values[name]! : whole));
}

/** The system message of a chat format. */
export const SYSTEM_MESSAGE =
  'You are a US patent practitioner drafting an application. Every dependent claim you write further limits the claim it refers to (35 USC 112(d)); "the X" refers only to a term a claim already introduces; you use the glossary\'s preferred terms; you answer with the requested text only, in the requested form.';

/** The whole claim set within a budget of tokens: every claim of the chain in full, the others in
 *  order while they fit, then a line saying how many were left out. */
function claimSet(analysis: Analysis, keep: Set<number>, budgetTokens: number): string {
  const lines: string[] = [];
  let used = 0;
  let left = 0;
  for (const c of analysis.claims) {
    if (c.canceled) continue;
    const t = claimText(c);
    const cost = estimateTokens(t) + 1;
    if (!keep.has(c.number) && used + cost > budgetTokens) {
      left++;
      continue;
    }
    used += cost;
    lines.push(t);
  }
  if (left) lines.push(`(${left} more claim${left === 1 ? '' : 's'} not shown)`);
  return lines.join('\n');
}

/** The terms the chain introduces, as written, one a line. */
function introducedTerms(analysis: Analysis, numbers: number[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of numbers) {
    for (const m of analysis.claimTokens.get(n)?.mentions ?? []) {
      if (m.kind !== 'indefinite' || seen.has(m.key) || out.length >= 200) continue;
      seen.add(m.key);
      out.push(`- ${m.phrase.replace(/\s+/g, ' ')}`);
    }
  }
  return out.join('\n');
}

export function claimText(c: Claim): string {
  return `${c.number}. ${c.text.replace(/\s+/g, ' ').trim()}`;
}

/** The claim the task is about (validated). */
export function taskClaim(analysis: Analysis, task: DraftTask): Claim | undefined {
  if (task.kind === 'dependent' || task.kind === 'continue') {
    const c = analysis.claimByNumber.get(task.claim);
    if (!c)
      throw new DraftError(
        'no-claim',
        `claim ${task.claim} is not in the matter (it has ${analysis.claims.length ? `claims ${analysis.claims[0].number} to ${analysis.claims[analysis.claims.length - 1].number}` : 'no claims'})`,
      );
    if (c.canceled) throw new DraftError('no-claim', `claim ${task.claim} is canceled`);
    return c;
  }
  if (task.kind === 'abstract') {
    const c = principalIndependent(analysis);
    if (!c) throw new DraftError('no-claims', 'the matter has no independent claim to draft an abstract from');
    return c;
  }
  return broadestIndependent(analysis);
}

export function buildPrompt(task: DraftTask, ctx: DraftContext): BuiltPrompt {
  const analysis = ctx.analysis;
  const settings = settingsOf(ctx);
  const claim = taskClaim(analysis, task);
  const chain = claim ? claimWithAncestors(analysis, claim.number) : [];
  const nextNumber = nextClaimNumber(analysis);
  let selection = '';
  let keys: string[];
  if (task.kind === 'continue') {
    selection = (task.text ?? claim!.text).replace(/\s+$/, '');
    keys = [
      ...new Set([
        ...claimTermKeys(
          analysis,
          chain.map((c) => c.number),
        ),
        ...textTermKeys(selection),
      ]),
    ];
  } else if (task.kind === 'claim') {
    selection = task.passage.trim();
    keys = textTermKeys(selection);
  } else
    keys = claimTermKeys(
      analysis,
      chain.map((c) => c.number),
    );
  const exclude = task.kind === 'claim' && task.passageSource ? { uri: task.passageSource.uri, start: task.passageSource.range.start.offset, end: task.passageSource.range.end.offset } : undefined;
  const passages = selectPassages(analysis, keys, settings.contextTokens, exclude);
  const glossary = analysis.matter.glossary.map((g) => `- ${g.preferred}${g.avoid.length ? ` (not: ${g.avoid.join(', ')})` : ''}${g.definition ? `: ${g.definition}` : ''}`).join('\n');
  const values: Record<Placeholder, string> = {
    title: analysis.title?.text ?? '',
    selection,
    claim: claim ? claimText(claim) : '',
    claim_number: claim ? String(claim.number) : '',
    category: claim?.category || 'invention',
    ancestors: chain.map(claimText).join('\n'),
    claims: claimSet(analysis, new Set(chain.map((c) => c.number)), settings.contextTokens),
    terms:
      introducedTerms(
        analysis,
        chain.map((c) => c.number),
      ) || '(none)',
    passages: passages.map((p) => `- ${p.text}`).join('\n') || '(none)',
    glossary: glossary || '(none)',
    next_number: String(nextNumber),
    count: String(task.kind === 'dependent' ? (task.count ?? settings.dependentCount) : 1),
  };
  const own = ctx.templates?.[task.kind];
  const template = own ?? DEFAULT_TEMPLATES[task.kind];
  const body = fillTemplate(template, values);
  const format = ctx.chat?.format ?? 'raw';
  // Raw: the filled template alone (it holds its own instructions), as a completion model reads it.
  const messages: ChatMessage[] =
    format === 'raw'
      ? [{ role: 'user', content: body }]
      : [
          { role: 'system', content: SYSTEM_MESSAGE },
          { role: 'user', content: body },
        ];
  let rendered;
  try {
    rendered = renderChat(format, messages, ctx.chat?.template);
  } catch (e) {
    if (e instanceof ChatTemplateError) throw new DraftError('bad-task', e.message, { cause: e });
    throw e;
  }
  return {
    task: task.kind,
    text: rendered.text,
    body,
    format,
    stop: rendered.stop,
    specialTokens: rendered.specialTokens,
    endTokens: rendered.endTokens,
    template: own !== undefined ? 'matter' : 'default',
    passages,
    claim: claim?.number,
    nextNumber,
    values,
  };
}
