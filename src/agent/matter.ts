// Loading the matter a tool works on, re-analysing edited texts in memory, and the JSON shapes
// agents read (paths relative to the matter root, 1-based lines and columns as editors show them).
import { analyzeMatter, type Analysis, type CheckSettings, type Finding, type Matter, type Range, type TextEdit } from '../core';
import { InputError, loadMatters } from '../node/workspace';
import { resolveInRoot, shownPath } from './paths';
import { ToolError, type AgentContext } from './types';
import { workspaceOf } from './workspace';

/** The matters at an agent's path, read inside the matter root only; `notices` are the files
 *  skipped and the settings problems, one sentence each (paths relative to the root). */
export async function mattersAt(ctx: AgentContext, p: string | undefined, overrides: Partial<CheckSettings> = {}): Promise<{ target: string; matters: Matter[]; notices: string[] }> {
  const target = await resolveInRoot(ctx, p);
  let matters: Matter[];
  const notices: string[] = [];
  try {
    matters = await loadMatters([target], overrides, {
      root: ctx.root,
      notice: (m) => notices.length < 100 && notices.push(m.split(ctx.root + '/').join('')),
      workspace: workspaceOf(ctx),
      base: ctx.settings,
      patterns: ctx.patterns,
    });
  } catch (err) {
    if (err instanceof InputError) throw new ToolError(err.message.split(ctx.root + '/').join(''));
    throw err;
  }
  if (matters.length === 0) {
    const isDir = (await workspaceOf(ctx).stat(target))?.kind === 'folder';
    throw new ToolError(
      `No matter found at ${shownPath(ctx, target)}: ${isDir ? 'the folder has no claims.md, disclosure.md or single-file patent document with a "## Claims" section' : 'the file is not a patent document'}.`,
    );
  }
  if (notices.length) ctx.log?.(`${notices.length} file notice(s) while loading the matter`);
  return { target, matters, notices };
}

/** The one matter a claim-level tool works on: the only one at the path, or the one with claims. */
export async function oneMatter(ctx: AgentContext, p: string | undefined, overrides: Partial<CheckSettings> = {}): Promise<Analysis> {
  const { target, matters } = await mattersAt(ctx, p, overrides);
  const analyses = matters.map((m) => analyzeMatter(m, { signal: ctx.signal }));
  const withClaims = analyses.filter((a) => a.claims.length > 0);
  if (withClaims.length === 1 || (withClaims.length === 0 && analyses.length === 1)) return withClaims[0] ?? analyses[0];
  if (withClaims.length === 0) throw new ToolError(`No claims found under ${shownPath(ctx, target)}: is there a claims.md or a "## Claims" section?`);
  const list = withClaims.map((a) => shownPath(ctx, a.claimsUri!)).join(', ');
  throw new ToolError(`${shownPath(ctx, target)} holds ${withClaims.length} matters (${list}); give the path of one claims file.`);
}

export function requireClaims(ctx: AgentContext, a: Analysis): string {
  if (!a.claimsUri || a.claims.length === 0) {
    throw new ToolError(`The matter at ${shownPath(ctx, a.matter.root)} has no claims (no claims.md and no "## Claims" section); add claims first.`);
  }
  return a.claimsUri;
}

/** The matter with some documents' texts replaced, analysed again (nothing is read or written). */
export function reanalyze(a: Analysis, texts: Map<string, string>, ctx: AgentContext): Analysis {
  const matter: Matter = { ...a.matter, documents: a.matter.documents.map((d) => (texts.has(d.uri) ? { ...d, text: texts.get(d.uri)! } : d)) };
  return analyzeMatter(matter, { signal: ctx.signal });
}

export function textOf(a: Analysis, uri: string): string {
  const d = a.matter.documents.find((x) => x.uri === uri);
  if (!d) throw new ToolError(`Internal: ${uri} is not a document of the matter.`);
  return d.text;
}

export interface AgentRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function agentRange(r: Range): AgentRange {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function agentEdit(ctx: AgentContext, e: TextEdit) {
  return { file: shownPath(ctx, e.uri), ...agentRange(e.range), newText: e.newText };
}

export function agentFinding(ctx: AgentContext, f: Finding, docText?: string) {
  return {
    code: f.code,
    severity: f.severity,
    ...(f.confidence ? { confidence: f.confidence } : {}),
    message: f.message,
    file: shownPath(ctx, f.uri),
    ...agentRange(f.range),
    ...(docText !== undefined ? { text: docText.slice(f.range.start.offset, f.range.end.offset) } : {}),
    ...(f.claim !== undefined ? { claim: f.claim } : {}),
    ...(f.data ? { data: f.data } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ file: shownPath(ctx, r.uri), ...agentRange(r.range), message: r.message })) } : {}),
    fixes: (f.fixes ?? []).map((x) => ({ title: x.title, preferred: !!x.preferred, edits: x.edits.map((e) => agentEdit(ctx, e)) })),
  };
}

export function json(data: unknown): { text: string; data: unknown } {
  return { text: JSON.stringify(data, null, 2), data };
}
