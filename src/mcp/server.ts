// The Model Context Protocol server: the agent tools of src/agent as MCP tools, and the matter's
// documents as resources. It speaks JSON-RPC on stdout only; its log goes to stderr and carries
// tool names, counts and timings, never document text.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListResourcesRequestSchema, ListToolsRequestSchema, McpError, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AGENT_TOOLS, callTool, isInside, type AgentContext, type AgentTool } from '../agent/index';
import { loadMatters, readMarkdownFile } from '../node/workspace';
import type { DocumentRole } from '../core';

export interface McpServerOptions {
  /** The matter folder (resolved with realpath by the caller). */
  root: string;
  allowWrites: boolean;
  version: string;
  /** One line per call to stderr. */
  log: (message: string) => void;
  tools?: AgentTool[];
}

const INSTRUCTIONS =
  'Patent Draft checks patent claims and disclosures written in Markdown. Work in a loop: edit claims.md (or use the write tools), ' +
  'call patent_check, read the findings (each has a stable code, a 1-based line/column and, where possible, fixes), fix them with ' +
  'patent_apply_fixes or by editing, and call patent_check again until it reports no findings you can fix. Paths are relative to the matter folder.';

export function createMcpServer(opts: McpServerOptions): Server {
  const tools = opts.tools ?? AGENT_TOOLS;
  const server = new Server(
    { name: 'patent-draft', title: 'Patent Draft', version: opts.version },
    { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.writes && !opts.allowWrites ? `${t.description} (This server is read-only: only dryRun: true works.)` : t.description,
      inputSchema: t.inputSchema as { type: 'object'; [k: string]: unknown },
      annotations: { title: t.title, readOnlyHint: !t.writes, destructiveHint: false, idempotentHint: !t.writes, openWorldHint: false },
    })),
  }));

  // Write tools run one at a time, so two calls never edit the same file from the same text.
  let writing: Promise<unknown> = Promise.resolve();
  server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const ctx: AgentContext = { root: opts.root, allowWrites: opts.allowWrites, signal: extra.signal, log: opts.log };
    const run = () => callTool(req.params.name, req.params.arguments ?? {}, ctx, tools);
    let result;
    if (tools.find((t) => t.name === req.params.name)?.writes) {
      const turn = writing.then(run);
      writing = turn.catch(() => undefined);
      result = await turn;
    } else result = await run();
    return { content: [{ type: 'text', text: result.text }], ...(result.isError ? { isError: true } : {}) };
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => {
    const docs = await matterDocuments(opts.root);
    opts.log(`resources/list: ${docs.length} document(s)`);
    return {
      resources: docs.map((d) => ({
        uri: pathToFileURL(d.file).href,
        name: path.relative(opts.root, d.file).split(path.sep).join('/'),
        title: `${path.relative(opts.root, d.file)} (${d.role})`,
        description: `The matter's ${d.role} document.`,
        mimeType: 'text/markdown',
      })),
    };
  });

  server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
    const uri = req.params.uri;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      throw new McpError(ErrorCode.InvalidParams, `Not a file:// URI: ${uri}. resources/list gives the matter's documents.`);
    }
    const docs = await matterDocuments(opts.root);
    const real = await fs.realpath(file).catch(() => undefined);
    if (!real || !isInside(opts.root, real) || !docs.some((d) => d.file === real)) {
      throw new McpError(ErrorCode.InvalidParams, `${uri} is not a document of the matter this server works on; resources/list gives them.`);
    }
    const text = await readMarkdownFile(real);
    opts.log(`resources/read: ${text.length} characters`);
    return { contents: [{ uri, mimeType: 'text/markdown', text }] };
  });

  return server;
}

/** The documents of every matter under the root (real paths), in a stable order. */
async function matterDocuments(root: string): Promise<{ file: string; role: DocumentRole }[]> {
  const matters = await loadMatters([root]).catch(() => []);
  const out: { file: string; role: DocumentRole }[] = [];
  for (const m of matters) {
    for (const d of m.documents) {
      const real = await fs.realpath(d.uri).catch(() => undefined);
      if (real && isInside(root, real) && !out.some((o) => o.file === real)) out.push({ file: real, role: d.role });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** Serves on stdin/stdout until the client closes the connection. */
export async function serveStdio(opts: McpServerOptions): Promise<void> {
  const server = createMcpServer(opts);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => void server.close().then(resolve, resolve));
  });
  server.onerror = (err) => opts.log(`protocol error: ${err.message}`);
  await server.connect(transport);
  opts.log(`serving ${opts.root} (${opts.allowWrites ? 'writes allowed' : 'read-only'}), ${(opts.tools ?? AGENT_TOOLS).length} tools`);
  await closed;
  opts.log('connection closed');
}
