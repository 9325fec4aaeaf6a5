// Write tools: apply the checks' fixes, renumber, replace a term, insert claims. Each computes its
// edits with the core on the texts as read, checks the result in memory, and then writes every
// changed file once (atomically), or with dryRun only says what it would change.
import { CHECK_CODES, LineIndex, referenceEdits, renumberClaimEdits, replaceTermInMatter, stripClaimNumber, type Analysis, type CheckCode, type Finding, type TextEdit } from '../core';
import { applyToText, overlaps, sameEdit, writeDocuments } from './edits';
import { agentEdit, agentFinding, json, oneMatter, reanalyze, requireClaims, textOf } from './matter';
import { shownPath } from './paths';
import { CODES_ARG, PATH_ARG, readCodes } from './read';
import { ToolError, type AgentContext, type AgentTool, type JsonSchema, type ToolResult } from './types';

const DRY_RUN_ARG: JsonSchema = { type: 'boolean', description: 'Only report the edits; write nothing (allowed on a read-only server).' };

function refuseReadOnly(ctx: AgentContext, name: string, args: Record<string, unknown>): void {
  if (!ctx.allowWrites && args.dryRun !== true) {
    throw new ToolError(
      `Refused: ${name} changes files and this server is read-only. Start it with \`patent-draft mcp --allow-writes\`, or call ${name} with dryRun: true to see the edits it would make.`,
    );
  }
}

/** Writes the new texts (or not, for a dry run) and says what changed and what the checks find now. */
async function finish(ctx: AgentContext, name: string, before: Analysis, texts: Map<string, string>, dryRun: boolean, report: Record<string, unknown>, codes?: Set<CheckCode>): Promise<ToolResult> {
  const changes = new Map<string, { before: string; after: string }>();
  for (const [uri, after] of texts) {
    const was = textOf(before, uri);
    if (after !== was) changes.set(uri, { before: was, after });
  }
  const after = reanalyze(before, texts, ctx);
  const remaining = after.findings.filter((f) => !codes || codes.has(f.code));
  let written: string[] = [];
  if (!dryRun && changes.size) written = await writeDocuments(ctx, changes);
  ctx.log?.(`${name}: ${dryRun ? 'dry run, ' : ''}${changes.size} file(s) changed, ${written.length} written`);
  return json({
    ...report,
    dryRun,
    changedFiles: [...changes.keys()].map((u) => shownPath(ctx, u)),
    written: written.map((u) => shownPath(ctx, u)),
    findingsAfter: {
      count: remaining.length,
      ...(codes ? { codes: [...codes] } : {}),
      byCode: countBy(remaining),
    },
    next: changes.size ? 'Call patent_check to read the findings of the edited matter.' : 'Nothing changed.',
  });
}

function countBy(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1;
  return out;
}

function textsOf(a: Analysis): Map<string, string> {
  return new Map(a.matter.documents.map((d) => [d.uri, d.text]));
}

function applyEdits(texts: Map<string, string>, edits: TextEdit[]): void {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  for (const [uri, list] of byUri) texts.set(uri, applyToText(texts.get(uri)!, list));
}

// Structural fixes first (they change what the term checks see), then terms, then the rest.
const PHASE: Partial<Record<CheckCode, number>> = {
  'claim-numbering': 0,
  'claim-dependency': 0,
  'multiple-dependency': 0,
  'canceled-parent': 0,
  'term-variant': 1,
  glossary: 1,
  'numeral-conflict': 1,
};
const phaseOf = (c: CheckCode) => PHASE[c] ?? 2;

function chosenFix(f: Finding) {
  return f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0];
}

/** The edits of the fixes taken in one round. A fix is not taken when one of its edits overlaps an
 *  edit already taken, or when its finding overlaps a finding already fixed: two fixes of the same
 *  words ("the" → "an", and the term after it) need not overlap as edits but do not combine.
 *  Identical edits (the renumbering several findings share) are taken once. */
class FixSet {
  readonly edits: TextEdit[] = [];
  private readonly fixed: TextEdit[] = [];

  take(f: Finding): boolean {
    const fix = chosenFix(f);
    if (!fix) return false;
    const span: TextEdit = { uri: f.uri, range: f.range, newText: '' };
    if (f.range.end.offset > f.range.start.offset && this.fixed.some((g) => overlaps(g, span))) return false;
    const fresh = fix.edits.filter((e) => !this.edits.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => this.edits.some((t) => overlaps(t, e)))) return false;
    this.edits.push(...fresh);
    this.fixed.push(span);
    return true;
  }
}

const FINDING_REF: JsonSchema = {
  type: 'object',
  properties: {
    code: { type: 'string', enum: CHECK_CODES },
    file: { type: 'string', description: "The finding's file as patent_check gave it (default: any)." },
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
  },
  required: ['code', 'line'],
  additionalProperties: false,
};

export const applyFixesTool: AgentTool = {
  name: 'patent_apply_fixes',
  title: 'Apply check fixes',
  description:
    'Applies the preferred fix of findings from patent_check and writes each changed file once. Select findings by {code, line, column} exactly as patent_check returned them, or by codes (every fixable finding of those codes), or give neither for every fixable finding. ' +
    'With codes (or neither), it works in rounds on the text in memory (numbering and dependencies first, then terms, then the rest), re-checking between rounds, so fixes that depend on each other all land. ' +
    'Returns JSON: the fixes applied, those skipped and why, the files written, and the count of findings left. Needs a server started with --allow-writes (or dryRun: true).',
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_ARG,
      findings: { type: 'array', items: FINDING_REF, minItems: 1, description: 'Findings to fix, as {code, line, column} from patent_check (1-based).' },
      codes: CODES_ARG,
      dryRun: DRY_RUN_ARG,
    },
    additionalProperties: false,
  },
  writes: true,
  async run(args, ctx) {
    refuseReadOnly(ctx, this.name, args);
    if (args.findings && args.codes) throw new ToolError('Give either findings or codes, not both.');
    const a0 = await oneMatter(ctx, args.path as string | undefined);
    const texts = textsOf(a0);
    const applied: unknown[] = [];
    const skipped: unknown[] = [];
    const codes = readCodes(args.codes);
    if (Array.isArray(args.findings)) {
      const taken = new FixSet();
      // Structural fixes win an overlap, then term fixes (a variant's fix beats the antecedent fix on the same words).
      const selected = [...(args.findings as { code: CheckCode; file?: string; line: number; column?: number }[])].sort((x, y) => phaseOf(x.code) - phaseOf(y.code));
      for (const sel of selected) {
        const f = a0.findings.find(
          (x) =>
            x.code === sel.code && x.range.start.line + 1 === sel.line && (sel.column === undefined || x.range.start.character + 1 === sel.column) && (!sel.file || shownPath(ctx, x.uri) === sel.file),
        );
        if (!f) skipped.push({ ...sel, reason: 'no such finding now (the file may have changed): call patent_check again and use its line and column' });
        else if (!chosenFix(f)) skipped.push({ ...sel, reason: 'this finding has no automatic fix: edit the text yourself' });
        else if (!taken.take(f)) skipped.push({ ...sel, reason: 'its fix overlaps another fix applied in this call: call patent_check again and retry' });
        else applied.push({ ...sel, fix: chosenFix(f)!.title, message: f.message });
      }
      applyEdits(texts, taken.edits);
      const selectedCodes = new Set((args.findings as { code: CheckCode }[]).map((s) => s.code));
      return finish(ctx, this.name, a0, texts, args.dryRun === true, { applied, skipped }, selectedCodes);
    }
    let a = a0;
    const done = new Set<string>();
    for (let round = 1; round <= 8; round++) {
      const candidates = a.findings.filter((f) => chosenFix(f) && (!codes || codes.has(f.code)) && !done.has(`${f.code}\u0000${f.message}`));
      if (!candidates.length) break;
      const phase = Math.min(...candidates.map((f) => phaseOf(f.code)));
      const taken = new FixSet();
      for (const f of candidates.filter((x) => phaseOf(x.code) === phase)) {
        if (!taken.take(f)) continue;
        done.add(`${f.code}\u0000${f.message}`);
        applied.push({ round, ...agentFinding(ctx, f), fixes: undefined, fix: chosenFix(f)!.title });
      }
      if (!taken.edits.length) break;
      applyEdits(texts, taken.edits);
      a = reanalyze(a0, texts, ctx);
    }
    for (const f of a.findings.filter((x) => !codes || codes.has(x.code))) {
      skipped.push({
        code: f.code,
        file: shownPath(ctx, f.uri),
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        message: f.message,
        reason: chosenFix(f) ? 'its fix did not settle it; edit the text yourself' : 'no automatic fix: edit the text yourself',
      });
    }
    return finish(ctx, this.name, a0, texts, args.dryRun === true, { applied, left: skipped }, codes);
  },
};

export const renumberTool: AgentTool = {
  name: 'patent_renumber',
  title: 'Renumber claims',
  description:
    'Renumbers the claims 1..n in document order and updates every "claim N" dependency reference to match, as one write of the claims file. Refused in amendment mode, where canceled numbers stay reserved. ' +
    'Use it after moving, deleting or inserting claims by hand. Returns JSON: the edits, the files written, the findings left. Needs --allow-writes (or dryRun: true).',
  inputSchema: { type: 'object', properties: { path: PATH_ARG, dryRun: DRY_RUN_ARG }, additionalProperties: false },
  writes: true,
  async run(args, ctx) {
    refuseReadOnly(ctx, this.name, args);
    const a = await oneMatter(ctx, args.path as string | undefined);
    const uri = requireClaims(ctx, a);
    if (a.matter.settings.mode === 'amendment') {
      throw new ToolError(
        "Refused: the matter is checked in amendment mode, where claims keep their numbers (a canceled claim's number is not reused, 37 CFR 1.126). Add new claims with the next free numbers instead.",
      );
    }
    const edits = renumberClaimEdits(a.claims, new LineIndex(textOf(a, uri)));
    const texts = textsOf(a);
    applyEdits(texts, edits);
    return finish(ctx, this.name, a, texts, args.dryRun === true, { edits: edits.map((e) => agentEdit(ctx, e)) }, new Set(['claim-numbering', 'claim-dependency']));
  },
};

export const replaceTermTool: AgentTool = {
  name: 'patent_replace_term',
  title: 'Replace a claim term',
  description:
    'Replaces every occurrence of a term (a drifted variant, say) with another, in the claims (scope "claims", default) or in every document of the matter (scope "matter"): singular and plural forms ("spring assemblies" becomes "hinge assemblies"), hyphen and space variants, whole words only, capitals kept, and "a"/"an" before it corrected by sound ("an LED", "a USB port"); one write per file. The editor\'s rename makes the same edits. ' +
    'Use it for a term-variant or glossary finding that recurs, or to rename an element throughout. Returns JSON: the count replaced per file, the edits (the first 500), the files written, the term-variant and antecedent findings left. Needs --allow-writes (or dryRun: true).',
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_ARG,
      from: { type: 'string', minLength: 1, description: 'The term as written now (singular; its plural is replaced too), e.g. "outer-wall".' },
      to: { type: 'string', minLength: 1, description: 'The term to use instead (singular), e.g. "outer wall".' },
      scope: { type: 'string', enum: ['claims', 'matter'], description: 'Only the claims (default) or every document of the matter.' },
      dryRun: DRY_RUN_ARG,
    },
    required: ['from', 'to'],
    additionalProperties: false,
  },
  writes: true,
  async run(args, ctx) {
    refuseReadOnly(ctx, this.name, args);
    const from = (args.from as string).trim();
    const to = (args.to as string).trim();
    if (from.toLowerCase() === to.toLowerCase()) throw new ToolError('"from" and "to" are the same term; nothing to replace.');
    if (from.length > 200 || to.length > 200) throw new ToolError('"from" and "to" are terms, at most 200 characters each; give the term itself, not a passage.');
    const a = await oneMatter(ctx, args.path as string | undefined);
    const scope = (args.scope as string | undefined) ?? 'claims';
    if (scope === 'claims') requireClaims(ctx, a);
    const edits = replaceTermInMatter(a, from, to, scope === 'claims' ? 'claims' : 'matter');
    const counts: Record<string, number> = {};
    for (const e of edits) counts[shownPath(ctx, e.uri)] = (counts[shownPath(ctx, e.uri)] ?? 0) + 1;
    if (!edits.length) {
      throw new ToolError(
        `"${from}" does not occur in ${scope === 'claims' ? 'the claims' : 'the matter'}; patent_terms lists the claim terms as written${scope === 'claims' ? ', and scope "matter" searches every document' : ''}.`,
      );
    }
    const texts = textsOf(a);
    applyEdits(texts, edits);
    return finish(
      ctx,
      this.name,
      a,
      texts,
      args.dryRun === true,
      { replaced: counts, edits: edits.slice(0, 500).map((e) => agentEdit(ctx, e)) },
      new Set(['term-variant', 'antecedent-basis', 'glossary']),
    );
  },
};

export const insertClaimsTool: AgentTool = {
  name: 'patent_insert_claims',
  title: 'Insert claims',
  description:
    'Inserts new claims after claim `after` (0 = before claim 1), numbers them, and renumbers the claims that follow with every dependency reference updated (all claims end up numbered 1..n in order), as one write of the claims file. ' +
    'Give each claim\'s text without its number; a dependent claim\'s reference ("The method of claim 2, ...") uses the numbering after the insertion. ' +
    'Returns JSON: the numbers given to the new claims, the files written, and the findings in the new claims. Needs --allow-writes (or dryRun: true).',
  inputSchema: {
    type: 'object',
    properties: {
      path: PATH_ARG,
      after: { type: 'integer', minimum: 0, description: 'Insert after this claim number (0 = at the start).' },
      claims: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, maxItems: 50, description: "The new claims' texts, without numbers." },
      dryRun: DRY_RUN_ARG,
    },
    required: ['after', 'claims'],
    additionalProperties: false,
  },
  writes: true,
  async run(args, ctx) {
    refuseReadOnly(ctx, this.name, args);
    const a = await oneMatter(ctx, args.path as string | undefined);
    const uri = requireClaims(ctx, a);
    const claims = a.claims.filter((c) => c.uri === uri);
    const after = args.after as number;
    const idx = after === 0 ? 0 : claims.findIndex((c) => c.number === after) + 1;
    if (idx === 0 && after !== 0) throw new ToolError(`There is no claim ${after} to insert after; the claims are ${claims.map((c) => c.number).join(', ')} (use after: 0 to insert before claim 1).`);
    const newTexts = (args.claims as string[]).map((t, i) => {
      const body = stripClaimNumber(t);
      if (/\n[ \t]*\n/.test(body)) throw new ToolError(`claims[${i}] contains a blank line, which would end the claim there; give each claim as one block of text (single line breaks are fine).`);
      return body;
    });
    const text = textOf(a, uri);
    const lines = new LineIndex(text);
    const k = newTexts.length;
    const between = claims.length > 1 ? text.slice(claims[0].range.end.offset, claims[1].range.start.offset) : '\n\n';
    const sep = /^\s+$/.test(between) && between.includes('\n') ? between : '\n\n';
    const ref = claims[Math.max(0, idx - 1)];
    const suffix = text.slice(ref.numberRange.start.offset + String(ref.number).length).match(/^\s*([.)])/)?.[1] ?? '.';
    // Old number -> new number, by position (first occurrence wins, as renumbering does).
    const mapping = new Map<number, number>();
    claims.forEach((c, p) => {
      if (!mapping.has(c.number)) mapping.set(c.number, p < idx ? p + 1 : p + 1 + k);
    });
    const edits: TextEdit[] = [];
    claims.forEach((c, p) => {
      const n = p < idx ? p + 1 : p + 1 + k;
      if (c.number !== n) {
        const s = c.numberRange.start.offset;
        edits.push({ uri, range: lines.range(s, s + String(c.number).length), newText: String(n) });
      }
      for (const { ref, newText } of referenceEdits(c, mapping)) edits.push({ uri, range: ref.range, newText });
    });
    const numbers = newTexts.map((_, j) => idx + 1 + j);
    const block = newTexts.map((t, j) => `${numbers[j]}${suffix} ${t}`);
    if (idx === 0) {
      const at = claims[0].range.start.offset;
      edits.push({ uri, range: lines.range(at, at), newText: block.join(sep) + sep });
    } else {
      const at = claims[idx - 1].range.end.offset;
      edits.push({ uri, range: lines.range(at, at), newText: block.map((b) => sep + b).join('') });
    }
    const texts = textsOf(a);
    applyEdits(texts, edits);
    const result = reanalyze(a, texts, ctx);
    const got = result.claims.filter((c) => c.uri === uri);
    const parsed = numbers.every((n) => got.some((c) => c.number === n));
    if (got.length !== claims.length + k || !parsed) {
      throw new ToolError(
        `The inserted text did not read back as ${k} new claim(s) (the claims file would have ${got.length} claims instead of ${claims.length + k}); nothing was written. Check that each text is one claim, without headings.`,
      );
    }
    const newFindings = result.findings.filter((f) => f.claim !== undefined && numbers.includes(f.claim));
    const out = await finish(ctx, this.name, a, texts, args.dryRun === true, { inserted: numbers, renumbered: [...mapping].filter(([o, n]) => o !== n).map(([o, n]) => ({ from: o, to: n })) });
    const data = out.data as Record<string, unknown>;
    data.findingsInNewClaims = newFindings.map((f) => agentFinding(ctx, f, texts.get(f.uri)));
    return json(data);
  },
};
