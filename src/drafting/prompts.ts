// Prompt templates, one per task, overridable per matter (`.patentdraft/prompts/<task>.md`),
// and buildPrompt(): exactly the text the Triton backend sends (what "Show Prompt" shows).
// Placeholders: {{title}} {{selection}} {{claim}} {{claim_number}} {{category}} {{ancestors}}
// {{passages}} {{glossary}} {{next_number}} {{count}}.
import type { Analysis, Claim } from '../core';
import { DraftError, settingsOf, type DraftContext, type DraftTask, type DraftTaskKind } from './backend';
import { broadestIndependent, principalIndependent, claimTermKeys, claimWithAncestors, nextClaimNumber, selectPassages, textTermKeys, type Passage } from './context';

export const PLACEHOLDERS = ['title', 'selection', 'claim', 'claim_number', 'category', 'ancestors', 'passages', 'glossary', 'next_number', 'count'] as const;
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
Claims they build on:
{{ancestors}}

Passages of the disclosure:
{{passages}}

Glossary (preferred terms):
{{glossary}}

Write up to {{count}} dependent claims of claim {{claim_number}}, numbered from {{next_number}}, one per paragraph,
each of the form "N. The {{category}} of claim {{claim_number}}, wherein ...". Each adds one feature that
the passages disclose and that no claim recites yet, and refers with "the" only to terms the claims introduce.

Dependent claims:
`,
  continue: `You continue a claim of a US patent application titled "{{title}}".
Claims it builds on:
{{ancestors}}

Passages of the disclosure:
{{passages}}

Glossary (preferred terms):
{{glossary}}

Continue claim {{claim_number}} with its next words or next element, using only what the passages disclose.
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
  /** The exact text sent to the model. */
  text: string;
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

export function claimText(c: Claim): string {
  return `${c.number}. ${c.text.replace(/\s+/g, ' ').trim()}`;
}

/** The claim the task is about (validated). */
export function taskClaim(analysis: Analysis, task: DraftTask): Claim | undefined {
  if (task.kind === 'dependent' || task.kind === 'continue') {
    const c = analysis.context.byNumber.get(task.claim);
    if (!c) throw new DraftError('no-claim', `claim ${task.claim} is not in the matter (it has ${analysis.claims.length ? `claims ${analysis.claims[0].number} to ${analysis.claims[analysis.claims.length - 1].number}` : 'no claims'})`);
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
    keys = [...new Set([...claimTermKeys(analysis, chain.map((c) => c.number)), ...textTermKeys(selection)])];
  } else if (task.kind === 'claim') {
    selection = task.passage.trim();
    keys = textTermKeys(selection);
  } else keys = claimTermKeys(analysis, chain.map((c) => c.number));
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
    passages: passages.map((p) => `- ${p.text}`).join('\n') || '(none)',
    glossary: glossary || '(none)',
    next_number: String(nextNumber),
    count: String(task.kind === 'dependent' ? (task.count ?? settings.dependentCount) : 1),
  };
  const own = ctx.templates?.[task.kind];
  const template = own ?? DEFAULT_TEMPLATES[task.kind];
  return { task: task.kind, text: fillTemplate(template, values), template: own !== undefined ? 'matter' : 'default', passages, claim: claim?.number, nextNumber, values };
}
