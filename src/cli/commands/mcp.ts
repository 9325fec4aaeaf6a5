// `patent-draft mcp`: a Model Context Protocol server over stdio for AI agents, confined to one
// matter folder, read-only unless --allow-writes. stdout is the protocol; the log goes to stderr.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { serveStdio } from '../../mcp/server';
import { parseArgs, UsageError, type CliCommand } from '../command';

export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'serve the matter to AI agents over MCP (stdio); read-only unless --allow-writes',
  usage: 'patent-draft mcp [PATH] [--allow-writes]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { booleans: ['allow-writes'] });
    if (positional.length > 1) throw new UsageError('give one matter folder');
    const given = path.resolve(io.cwd, positional[0] ?? '.');
    let root: string;
    try {
      root = await fs.realpath(given);
    } catch {
      throw new UsageError(`cannot read ${given}: no such folder`);
    }
    if (!(await fs.stat(root)).isDirectory()) throw new UsageError(`${given} is a file; give the matter folder that holds it`);
    await serveStdio({
      root,
      allowWrites: options['allow-writes'] === true,
      version: '0.1.0',
      log: (m) => io.stderr(`[patent-draft mcp] ${m}\n`),
    });
    return 0;
  },
};
