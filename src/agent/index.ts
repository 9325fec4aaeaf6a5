// The agent tool layer: tool definitions and one entry point to call them with plain JSON.
// Shared by the MCP server (src/mcp) and the editor's language-model tools. No `vscode` import.
import { generateTool } from './generate';
import { checkTool, claimTool, claimTreeTool, termsTool } from './read';
import { ToolError, type AgentContext, type AgentTool, type ToolResult } from './types';
import { validateArgs } from './validate';
import { applyFixesTool, insertClaimsTool, renumberTool, replaceTermTool } from './write';

export * from './types';
export { validateArgs } from './validate';
export { resolveInRoot, isInside } from './paths';
export type { AgentContextWithDrafting } from './generate';

export const AGENT_TOOLS: AgentTool[] = [checkTool, claimTreeTool, claimTool, termsTool, generateTool, applyFixesTool, renumberTool, replaceTermTool, insertClaimsTool];

/** Runs a tool by name. Never throws: every failure comes back as an error result whose text says
 *  what went wrong and what to do next. */
export async function callTool(name: string, args: unknown, ctx: AgentContext, tools: AgentTool[] = AGENT_TOOLS): Promise<ToolResult> {
  const started = Date.now();
  const tool = tools.find((t) => t.name === name);
  if (!tool) return { text: `Unknown tool "${name}"; the tools are ${tools.map((t) => t.name).join(', ')}.`, isError: true };
  try {
    const valid = validateArgs(name, tool.inputSchema, args);
    const result = await tool.run(valid, ctx);
    ctx.log?.(`${name}: ok in ${Date.now() - started} ms`);
    return result;
  } catch (err) {
    if (err instanceof ToolError) {
      ctx.log?.(`${name}: refused in ${Date.now() - started} ms`);
      return { text: err.message, isError: true };
    }
    if ((err as Error)?.name === 'AbortError') return { text: `${name} was cancelled.`, isError: true };
    // Unexpected: say so without document text (messages from the core carry none).
    // The stack's frames only: an error's message may quote the document.
    const frames =
      err instanceof Error
        ? (err.stack ?? '')
            .split('\n')
            .filter((l) => /^\s+at /.test(l))
            .slice(0, 8)
            .join('\n')
        : '';
    ctx.log?.(`${name}: failed in ${Date.now() - started} ms (${err instanceof Error ? err.name : typeof err})\n${frames}`);
    return { text: `${name} failed: ${err instanceof Error ? err.message : String(err)}. This is a bug in Patent Draft; the server log has details.`, isError: true };
  }
}
