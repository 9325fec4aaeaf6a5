// patent_generate: drafting through the configured backend (the built-in offline engine unless the
// host injects another). Read-only: it returns the text; the agent inserts it with the write tools.
import * as path from 'node:path';
import { BuiltinBackend, claimsInOutput, collectDraft, DraftError, promptTemplatePath, TASK_KINDS, type DraftingBackend, type DraftSource, type DraftTask, type DraftTaskKind } from '../drafting';
import { readMatterTextFile } from '../node/workspace';
import { json, oneMatter, requireClaims } from './matter';
import { shownPath } from './paths';
import { PATH_ARG } from './read';
import { ToolError, type AgentContext, type AgentTool } from './types';
import { workspaceOf } from './workspace';

/** A host's drafting backend (the editor injects the configured one); MCP uses the built-in engine. */
export type AgentContextWithDrafting = AgentContext & { drafting?: DraftingBackend };

/** The matter's own prompt templates, read only as regular files inside the matter root (a link out
 *  of it, a FIFO or an oversized file is not used). */
async function templatesOf(ctx: AgentContext, folder: string): Promise<Partial<Record<DraftTaskKind, string>>> {
  const out: Partial<Record<DraftTaskKind, string>> = {};
  for (const kind of TASK_KINDS) {
    const text = await readMatterTextFile(path.join(folder, promptTemplatePath(kind)), ctx.root, { workspace: workspaceOf(ctx) }).catch(() => undefined);
    if (text !== undefined) out[kind] = text;
  }
  return out;
}

export const generateTool: AgentTool = {
  name: 'patent_generate',
  title: 'Draft text for the matter',
  description:
    'Drafts text from the matter through the configured drafting backend (the built-in offline engine by default): task "abstract" (an abstract from the broadest independent claim), ' +
    '"dependent" (dependent claims for `claim`, at most `count`), "continue" (the next words or element of `claim`, from `text` if given), or "claim" (a new independent claim from `passage`). ' +
    'Returns JSON: the text, generated claims as an array ready for patent_insert_claims, the disclosure passages it drew on, and check findings inside the generated claims. It writes nothing.',
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_ARG,
      task: { type: 'string', enum: TASK_KINDS },
      claim: { type: 'integer', minimum: 1, description: 'The claim to draft for (tasks "dependent" and "continue").' },
      count: { type: 'integer', minimum: 1, description: 'At most this many dependent claims (task "dependent").' },
      text: { type: 'string', description: 'The partial claim as typed (task "continue"; default: the claim\'s text).' },
      passage: { type: 'string', minLength: 1, description: 'The disclosure passage to claim (task "claim").' },
    },
    required: ['task'],
    additionalProperties: false,
  },
  writes: false,
  async run(args, ctx: AgentContextWithDrafting) {
    const kind = args.task as DraftTaskKind;
    const needClaim = kind === 'dependent' || kind === 'continue';
    if (needClaim && args.claim === undefined) throw new ToolError(`Task "${kind}" needs claim: the number of the claim to draft for.`);
    if (kind === 'claim' && args.passage === undefined) throw new ToolError('Task "claim" needs passage: the disclosure text to claim.');
    const a = await oneMatter(ctx, args.path as string | undefined);
    if (kind !== 'claim') requireClaims(ctx, a);
    if (needClaim && !a.claims.some((c) => c.number === args.claim)) {
      throw new ToolError(`There is no claim ${args.claim}; the claims are numbered ${a.claims.map((c) => c.number).join(', ')}.`);
    }
    const task: DraftTask =
      kind === 'abstract'
        ? { kind }
        : kind === 'dependent'
          ? { kind, claim: args.claim as number, ...(args.count !== undefined ? { count: args.count as number } : {}) }
          : kind === 'continue'
            ? { kind, claim: args.claim as number, ...(args.text !== undefined ? { text: args.text as string } : {}) }
            : { kind, passage: args.passage as string };
    const backend = ctx.drafting ?? new BuiltinBackend();
    const started = Date.now();
    let result;
    try {
      result = await collectDraft(backend.generate(task, { analysis: a, templates: await templatesOf(ctx, a.matter.root) }, { signal: ctx.signal }));
    } catch (err) {
      if (err instanceof DraftError) throw new ToolError(`Drafting failed (${err.code}): ${err.message}.`);
      throw err;
    }
    ctx.log?.(`patent_generate: ${kind} by ${backend.id}, ${result.text.length} characters in ${Date.now() - started} ms`);
    const sources = new Map<string, { file: string; line: number; excerpt: string }>();
    const add = (s: DraftSource) => sources.set(`${s.uri}:${s.range.start.line}`, { file: shownPath(ctx, s.uri), line: s.range.start.line + 1, excerpt: s.excerpt });
    for (const c of result.chunks) c.source?.forEach(add);
    const generated = kind === 'abstract' || kind === 'continue' ? [] : claimsInOutput(result.text);
    return json({
      task: kind,
      backend: backend.id,
      complete: result.complete,
      text: result.text,
      ...(generated.length
        ? {
            claims: generated.map((g) => g.text.replace(/^\d+\.\s*/, '')),
            next: `Insert them with patent_insert_claims {after: ${a.claims.length ? a.claims[a.claims.length - 1].number : 0}, claims: [...]}, then call patent_check.`,
          }
        : {}),
      sources: [...sources.values()],
      findings: result.chunks.flatMap((c) => c.findings ?? []).map((f) => ({ code: f.code, severity: f.severity, message: f.message, claim: f.claim })),
    });
  },
};
