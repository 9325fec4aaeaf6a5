// Helpers for the MCP tests: a fresh build of the CLI when sources are newer, a temp copy of a
// fixture matter, and an MCP client (the SDK's own) connected to `node dist/cli.js mcp` over stdio.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/cli.js with the project's build when it is missing or older than src/. */
export function ensureBuilt(): void {
  const stale = !existsSync(CLI) || statSync(CLI).mtimeMs < Math.max(newestMtime(path.join(ROOT, 'src')), statSync(path.join(ROOT, 'package-lock.json')).mtimeMs);
  if (!stale) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0 || !existsSync(CLI)) throw new Error(`build failed (exit ${r.status}): ${r.stderr}`);
}

/** A temp copy of test/mcp/fixtures/<name>; returns its real path. */
export function copyFixture(name: string): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-mcp-')));
  const matter = path.join(dir, 'matter');
  cpSync(path.join(__dirname, 'fixtures', name), matter, { recursive: true });
  return matter;
}

export function removeTemp(matter: string): void {
  rmSync(path.dirname(matter), { recursive: true, force: true });
}

export interface Connection {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Starts `node dist/cli.js mcp <matter> ...extra` (or, with `matter` null, `mcp` in `cwd`). */
export async function connect(matter: string | null, extra: string[] = [], cwd?: string): Promise<Connection> {
  const args = [CLI, 'mcp', ...(matter ? [matter] : []), ...extra];
  const transport = new StdioClientTransport({ command: process.execPath, args, cwd: cwd ?? matter ?? undefined, stderr: 'pipe' });
  let log = '';
  transport.stderr?.on('data', (d: Buffer) => (log += d.toString('utf8')));
  const client = new Client({ name: 'patent-draft-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => log, close: () => client.close() };
}

export interface ToolText {
  text: string;
  isError: boolean;
}

export async function call(c: Connection, name: string, args: Record<string, unknown>): Promise<ToolText> {
  const r = await c.client.callTool({ name, arguments: args });
  const content = r.content as { type: string; text: string }[];
  return { text: content.map((x) => x.text).join(''), isError: r.isError === true };
}

/** Calls a tool that must succeed and parses its JSON. */
export async function callJson<T = any>(c: Connection, name: string, args: Record<string, unknown>): Promise<T> {
  const r = await call(c, name, args);
  if (r.isError) throw new Error(`${name} failed: ${r.text}`);
  return JSON.parse(r.text) as T;
}
