// The Model Context Protocol server: the agent tools of src/agent as MCP tools, and the matter's
// documents as resources. It speaks JSON-RPC on stdout only; its log goes to stderr and carries
// tool names, counts and timings, never document text.
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListResourcesRequestSchema, ListToolsRequestSchema, McpError, ReadResourceRequestSchema, type LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { AGENT_TOOLS, callTool, isInside, type AgentContext, type AgentTool } from '../agent/index';
import { InputError, lstatOrUndefined } from '../node/safeFs';
import { loadMatters, readMarkdownFile } from '../node/workspace';
import { BoundedStdioTransport, ProtocolInputError } from './stdio';
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
  const server = new Server({ name: 'patent-draft', title: 'Patent Draft', version: opts.version }, { capabilities: { tools: {}, resources: {}, logging: {} }, instructions: INSTRUCTIONS });
  // Each log line goes to stderr and, at the level the client chose with logging/setLevel (the SDK
  // keeps it per session and drops what is below it), to the client as a notification.
  const log = (message: string, level: LoggingLevel = 'info') => {
    opts.log(message);
    server.sendLoggingMessage({ level, logger: 'patent-draft', data: message }).catch(() => undefined);
  };

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
    const ctx: AgentContext = { root: opts.root, allowWrites: opts.allowWrites, signal: extra.signal, log };
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
    const docs = await matterDocuments(opts.root, log);
    log(`resources/list: ${docs.length} document(s)`);
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
    const docs = await matterDocuments(opts.root, log);
    const shown = path.relative(opts.root, file).split(path.sep).join('/');
    if (!isInside(opts.root, file) || !docs.some((d) => d.file === file)) {
      throw new McpError(ErrorCode.InvalidParams, `${uri.length > 300 ? uri.slice(0, 300) + '…' : uri} is not a document of the matter this server works on; resources/list gives them.`);
    }
    let text: string;
    try {
      text = await readMarkdownFile(file, { root: opts.root, shown });
    } catch (err) {
      if (err instanceof InputError) throw new McpError(ErrorCode.InvalidParams, err.message);
      throw err;
    }
    log(`resources/read: ${text.length} characters`);
    return { contents: [{ uri, mimeType: 'text/markdown', text }] };
  });

  return server;
}

/** The documents of every matter under the root (their paths in the root: a document that is a
 *  link inside the matter is listed by its own name), in a stable order. Files that cannot be read
 *  are left out with one log line each; a matter that cannot be read at all gives no documents. */
async function matterDocuments(root: string, log: (m: string, level?: LoggingLevel) => void): Promise<{ file: string; role: DocumentRole }[]> {
  let skipped = 0;
  const matters = await loadMatters([root], {}, { root, notice: () => skipped++ }).catch((err) => {
    log(`resources: the matter could not be read (${err instanceof InputError ? (err.code ?? 'refused') : (err as Error)?.name})`, 'warning');
    return [];
  });
  if (skipped) log(`resources: ${skipped} file notice(s) (patent_check lists them)`, 'notice');
  const seen = new Set<string>();
  const out: { file: string; role: DocumentRole }[] = [];
  for (const m of matters) {
    for (const d of m.documents) {
      if (!isInside(root, d.uri) || seen.has(d.uri) || !(await lstatOrUndefined(d.uri))) continue;
      seen.add(d.uri);
      out.push({ file: d.uri, role: d.role });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** A protocol error as a log line: its class and sizes, never the client's content (V8's JSON
 *  errors quote the input; the SDK's unknown-id error quotes the whole response). */
export function describeProtocolError(err: Error): string {
  if (err instanceof ProtocolInputError) return `protocol error: ${err.message}`;
  const m = err?.message ?? '';
  const known =
    /^(Received a response for an unknown message ID|Unknown message type|Uncaught error in notification handler|Failed to send an error response|Server does not support|Client does not support)/.exec(
      m,
    );
  return `protocol error: ${err?.name ?? 'Error'}${known ? ` (${known[1].toLowerCase()})` : ''}, ${m.length} characters of detail not logged`;
}

/** Serves on stdin/stdout until the client closes the connection. */
export async function serveStdio(opts: McpServerOptions): Promise<void> {
  const server = createMcpServer(opts);
  const transport = new BoundedStdioTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => void server.close().then(resolve, resolve));
  });
  server.onerror = (err) => opts.log(describeProtocolError(err));
  await server.connect(transport);
  opts.log(`serving ${opts.root} (${opts.allowWrites ? 'writes allowed' : 'read-only'}), ${(opts.tools ?? AGENT_TOOLS).length} tools`);
  await closed;
  opts.log('connection closed');
}
