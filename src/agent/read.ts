// Read-only tools: check, claim tree, one claim with its ancestors, the term table.
import {
  analyzeMatter,
  ancestors,
  CHECK_CODES,
  claimTree,
  CONFIDENCES,
  dependencyChain,
  dependents,
  type CheckCode,
  type CheckSettings,
  type Claim,
  type ClaimTreeNode,
  type Confidence,
  type Jurisdiction,
} from '../core';
import { agentFinding, agentRange, json, mattersAt, oneMatter, requireClaims, textOf } from './matter';
import { shownPath } from './paths';
import { ToolError, type AgentContext, type AgentTool, type JsonSchema } from './types';
import { workspaceOf } from './workspace';

export const PATH_ARG: JsonSchema = {
  type: 'string',
  description: 'A document or folder of the matter, relative to the matter folder the server was started on (default: the whole matter folder).',
};

export const CODES_ARG: JsonSchema = {
  type: 'array',
  items: { type: 'string', enum: CHECK_CODES },
  description: 'Only these finding codes (default: all).',
};

export function readCodes(v: unknown): Set<CheckCode> | undefined {
  return Array.isArray(v) && v.length ? new Set(v as CheckCode[]) : undefined;
}

export const checkTool: AgentTool = {
  name: 'patent_check',
  title: 'Check patent matter',
  description:
    'Runs every Patent Draft check (claim numbering and dependencies, antecedent basis, term variants and support, reference numerals, claim form, abstract, title, ...) on the matter or one document. ' +
    "Returns JSON: the matter's documents and a list of findings, each with a stable code, severity, confidence (high: an exact miss; medium: the check had to guess a phrase boundary or a variant; low: may well be right as written), message, file, 1-based line/column range, the claim it is in, and fixes (text edits) where the check has one. " +
    'Pass minConfidence "high" to see only the findings the checks are sure of. ' +
    'Call it after every edit of claims.md or the disclosure; apply fixes with patent_apply_fixes, then call it again.',
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_ARG,
      jurisdiction: { type: 'string', enum: ['us', 'ep'], description: "Check under US or EP practice (default: the matter's setting, else US)." },
      codes: CODES_ARG,
      minConfidence: {
        type: 'string',
        enum: [...CONFIDENCES],
        description: 'Only findings at least this sure: "high", "medium" or "low" (default: the matter\'s setting, else "low", every finding).',
      },
    },
    additionalProperties: false,
  },
  writes: false,
  async run(args, ctx) {
    const overrides: Partial<CheckSettings> = {};
    if (args.jurisdiction) overrides.jurisdiction = args.jurisdiction as Jurisdiction;
    if (args.minConfidence) overrides.minConfidence = args.minConfidence as Confidence;
    const { target, matters, notices } = await mattersAt(ctx, args.path as string | undefined, overrides);
    const codes = readCodes(args.codes);
    const only = target !== ctx.root && !(await isFolder(ctx, target)) ? target : undefined;
    const out = matters.map((m) => {
      const a = analyzeMatter(m, { signal: ctx.signal });
      const findings = a.findings.filter((f) => (!codes || codes.has(f.code)) && (!only || f.uri === only));
      return {
        root: shownPath(ctx, m.root),
        jurisdiction: m.settings.jurisdiction,
        mode: m.settings.mode,
        documents: m.documents.map((d) => ({ file: shownPath(ctx, d.uri), role: d.role })),
        claims: a.claims.length,
        findings: findings.map((f) => agentFinding(ctx, f, textOf(a, f.uri))),
      };
    });
    const total = out.reduce((n, m) => n + m.findings.length, 0);
    const fixable = out.reduce((n, m) => n + m.findings.filter((f) => f.fixes.length).length, 0);
    ctx.log?.(`patent_check: ${matters.length} matter(s), ${total} finding(s)`);
    return json({ summary: `${total} finding(s), ${fixable} with a fix, in ${out.length} matter(s)`, ...(notices.length ? { notices } : {}), matters: out });
  },
};

async function isFolder(ctx: AgentContext, p: string): Promise<boolean> {
  return (await workspaceOf(ctx).stat(p))?.kind === 'folder';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export const claimTreeTool: AgentTool = {
  name: 'patent_claim_tree',
  title: 'Claim tree',
  description:
    "Returns the claim dependency tree as JSON: independent claims as roots, each dependent claim under each claim it depends on, with each claim's category and first words; canceled claims listed apart. " +
    'Use it to see the claim structure before adding, moving or renumbering claims.',
  inputSchema: { type: 'object', properties: { path: PATH_ARG }, additionalProperties: false },
  writes: false,
  async run(args, ctx) {
    const a = await oneMatter(ctx, args.path as string | undefined);
    requireClaims(ctx, a);
    const byNumber = new Map(a.claims.map((c) => [c.number, c]));
    type Node = { claim: number; category: string; text: string; dependents: Node[] };
    const map = (n: ClaimTreeNode): Node => {
      const c = byNumber.get(n.claim)!;
      const t = oneLine(c.text);
      return { claim: n.claim, category: c.category, text: t.length > 100 ? t.slice(0, 99) + '…' : t, dependents: n.children.map(map) };
    };
    return json({
      file: shownPath(ctx, a.claimsUri!),
      claims: a.claims.length,
      independent: a.claims.filter((c) => !c.canceled && c.parents.length === 0).map((c) => c.number),
      tree: claimTree(a.claims).map(map),
      canceled: a.claims.filter((c) => c.canceled).map((c) => c.number),
    });
  },
};

function claimJson(c: Claim) {
  return {
    claim: c.number,
    ...agentRange(c.range),
    text: c.text.trim(),
    ...(c.status ? { status: c.status } : {}),
    canceled: c.canceled,
    category: c.category,
    preamble: c.preamble,
    ...(c.transition ? { transition: c.transition } : {}),
    elements: c.elements.map((e) => ({ ...(e.label ? { label: e.label } : {}), text: oneLine(e.text) })),
    dependsOn: c.parents,
  };
}

export const claimTool: AgentTool = {
  name: 'patent_claim',
  title: 'One claim with its ancestors',
  description:
    'Returns one claim as JSON: its full text, preamble, transition, elements, the claims it depends on, its ancestors (nearest first) with their full texts, the chain up to its independent claim, its direct dependents, and the findings in it. ' +
    'Use it to read a dependent claim together with everything it incorporates before editing it.',
  inputSchema: {
    type: 'object',
    properties: { path: PATH_ARG, claim: { type: 'integer', minimum: 1, description: 'The claim number.' } },
    required: ['claim'],
    additionalProperties: false,
  },
  writes: false,
  async run(args, ctx) {
    const a = await oneMatter(ctx, args.path as string | undefined);
    requireClaims(ctx, a);
    const n = args.claim as number;
    const c = a.claims.find((x) => x.number === n);
    if (!c) {
      const numbers = a.claims.map((x) => x.number);
      throw new ToolError(`There is no claim ${n}; the claims are numbered ${numbers.length > 12 ? `${numbers.slice(0, 12).join(', ')}, …` : numbers.join(', ')}.`);
    }
    const byNumber = new Map(a.claims.map((x) => [x.number, x]));
    const text = textOf(a, c.uri);
    return json({
      file: shownPath(ctx, c.uri),
      ...claimJson(c),
      chain: dependencyChain(a.claims, n),
      ancestors: ancestors(a.claims, n)
        .map((p) => byNumber.get(p))
        .filter((x): x is Claim => !!x)
        .map((p) => ({ claim: p.number, text: p.text.trim() })),
      dependents: dependents(a.claims, n),
      findings: a.findings.filter((f) => f.claim === n).map((f) => agentFinding(ctx, f, text)),
    });
  },
};

export const termsTool: AgentTool = {
  name: 'patent_terms',
  title: 'Claim term table',
  description:
    'Returns the claim terms as JSON: each term\'s label, the claims and lines that introduce it ("a ..."), every use with its determiner, how often the disclosure supports it (with the first supporting sentence) and its reference numerals. ' +
    'Use it before writing or amending claims to reuse the exact terms the matter already uses and to find terms without support.',
  inputSchema: { type: 'object', properties: { path: PATH_ARG }, additionalProperties: false },
  writes: false,
  async run(args, ctx) {
    const a = await oneMatter(ctx, args.path as string | undefined);
    return json({
      file: a.claimsUri ? shownPath(ctx, a.claimsUri) : undefined,
      terms: a.terms.map((t) => ({
        term: t.label,
        key: t.key,
        introducedIn: t.introducedIn.map((i) => ({ claim: i.claim, line: i.range.start.line + 1 })),
        uses: t.mentions.map((m) => ({ claim: m.claim, determiner: m.determiner, written: m.phrase, line: m.range.start.line + 1 })),
        support: t.support.count,
        ...(t.support.first ? { firstSupport: { file: shownPath(ctx, t.support.first.uri), line: t.support.first.range.start.line + 1, excerpt: t.support.first.excerpt } } : {}),
        numerals: t.numerals,
      })),
    });
  },
};
