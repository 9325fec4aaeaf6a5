// Confinement to the matter folder: every path a tool reads or writes is resolved with realpath
// (so a symlink cannot lead out) and must lie inside the root the server was started on.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInside } from '../node/safeFs';
import { ToolError, type AgentContext } from './types';
import { workspaceOf } from './workspace';

export { isInside };

/** The path as the agent should see it: relative to the matter root, with forward slashes. */
export function shownPath(ctx: AgentContext, p: string): string {
  const rel = path.relative(ctx.root, p);
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

/** Resolves an agent's path (relative to the root, or absolute) to a real path inside the root. */
export async function resolveInRoot(ctx: AgentContext, p: string | undefined): Promise<string> {
  const given = p === undefined || p === '' ? '.' : p;
  if (given.includes('\0')) throw new ToolError('The path contains a NUL character; give a file or folder inside the matter.');
  let local = given;
  if (given.startsWith('file://')) {
    try {
      local = fileURLToPath(given);
    } catch {
      throw new ToolError(`${given} is not a valid file:// URI; give a path relative to the matter folder (e.g. "claims.md").`);
    }
  }
  const abs = path.resolve(ctx.root, local);
  if (!isInside(ctx.root, abs)) throw outside(ctx, given);
  const real = await workspaceOf(ctx).realpath(abs);
  if (real === undefined) {
    throw new ToolError(`No such file or folder: ${given} (paths are relative to the matter folder; call patent_check without a path to see the matter's documents).`);
  }
  if (!isInside(ctx.root, real)) throw outside(ctx, given);
  return real;
}

/** A document about to be written: its real path, which must still be inside the root. */
export async function realFileInRoot(ctx: AgentContext, file: string): Promise<string> {
  const real = await workspaceOf(ctx).realpath(file);
  if (real === undefined) throw new ToolError(`${shownPath(ctx, file)} no longer exists; nothing was written. Call patent_check again.`);
  if (!isInside(ctx.root, real)) throw outside(ctx, file);
  return real;
}

function outside(ctx: AgentContext, given: string): ToolError {
  return new ToolError(`Refused: ${given} is outside the matter folder this server works on (${ctx.root}). Give a path inside it, relative to it (e.g. "claims.md").`);
}
