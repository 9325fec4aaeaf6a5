// The agent tools as VS Code language-model tools: the descriptions and confirmation texts the
// editor shows, and the package.json contribution derived from AGENT_TOOLS (test/extension keeps
// them in step). Applying an edit in the editor: the smallest replacement that turns one text into
// another. No `vscode` import.
import { AGENT_TOOLS, type AgentTool } from '../../agent/index';

/** What differs from the MCP server's wording: writes go through the editor after a confirmation. */
export function editorDescription(tool: AgentTool): string {
  let d = tool.description
    .replace(/\s*Needs a server started with --allow-writes \(or dryRun: true\)\./, '')
    .replace(/\s*Needs --allow-writes \(or dryRun: true\)\./, '')
    .replace(/\bwrites each changed file once\b/, 'changes each document once')
    .replace(/\bas one write of the claims file\b/, 'as one edit of the claims document')
    .replace(/; one write per file\b/, '');
  d += ' Works on the matter of the active editor (or the matter `path` names, relative to the workspace folder or the matter folder), including unsaved changes.';
  if (tool.writes) d += ' In VS Code the user confirms first; the change is applied in the editor as one undoable edit (not saved). dryRun: true only reports the edits.';
  return d;
}

export function toolReferenceName(tool: AgentTool): string {
  return tool.name;
}

/** The `contributes.languageModelTools` entries. */
export function languageModelToolContributions(tools: AgentTool[] = AGENT_TOOLS): Record<string, unknown>[] {
  return tools.map((t) => ({
    name: t.name,
    displayName: `Patent Draft: ${t.title}`,
    toolReferenceName: toolReferenceName(t),
    canBeReferencedInPrompt: true,
    userDescription: t.title + (t.writes ? ' (changes the document after you confirm)' : ''),
    modelDescription: editorDescription(t),
    icon: t.writes ? '$(edit)' : '$(law)',
    tags: ['patent', 'claims', 'patent-draft'],
    inputSchema: editorSchema(t),
  }));
}

/** The tool's input schema, with `path` described as the editor reads it. */
export function editorSchema(tool: AgentTool): AgentTool['inputSchema'] {
  const schema = JSON.parse(JSON.stringify(tool.inputSchema)) as AgentTool['inputSchema'];
  if (schema.properties?.path) schema.properties.path.description = 'A document or folder of a patent matter, relative to the workspace folder (default: the matter of the active editor).';
  return schema;
}

/** A short sentence of the arguments for a confirmation (no document text beyond what the agent sent). */
export function describeArgs(tool: AgentTool, args: Record<string, unknown>): string {
  switch (tool.name) {
    case 'patent_apply_fixes':
      if (Array.isArray(args.findings)) return `Apply the fixes of ${args.findings.length} finding(s): ${(args.findings as { code: string; line: number }[]).map((f) => `${f.code} at line ${f.line}`).join(', ')}.`;
      if (Array.isArray(args.codes)) return `Apply every automatic fix for ${(args.codes as string[]).join(', ')}.`;
      return 'Apply every automatic fix the checks offer.';
    case 'patent_renumber':
      return 'Renumber the claims 1..n and update every "claim N" reference.';
    case 'patent_replace_term':
      return `Replace "${String(args.from)}" with "${String(args.to)}" in ${args.scope === 'matter' ? 'every document of the matter' : 'the claims'}.`;
    case 'patent_insert_claims': {
      const claims = Array.isArray(args.claims) ? (args.claims as string[]) : [];
      return `Insert ${claims.length} claim(s) after claim ${String(args.after)}, renumbering the claims that follow:\n\n${claims.map((c, i) => `${i + 1}. ${String(c).slice(0, 300)}`).join('\n\n')}`;
    }
    default:
      return `Run ${tool.name}.`;
  }
}

export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

/** The one replacement that turns `before` into `after` (common prefix and suffix kept). */
export function minimalChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e)) e++;
  return { start: s, end: before.length - e, newText: after.slice(s, after.length - e) };
}
