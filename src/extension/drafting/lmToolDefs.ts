// The agent tools as VS Code language-model tools: the descriptions and confirmation texts the
// editor shows, and the package.json contribution derived from AGENT_TOOLS (test/extension keeps
// them in step). No `vscode` import.
import { AGENT_TOOLS, type AgentTool } from '../../agent/index';
import { WRITE_ICON } from './toolText';

export { describeArgs } from './toolText';

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
    icon: t.writes ? WRITE_ICON : '$(law)',
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
