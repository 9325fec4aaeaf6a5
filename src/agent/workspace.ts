// The workspace the agent tools read and write through (src/core/workspace.ts): the host's
// (`ctx.workspace`: the editor's documents in memory, say), else Node's file system.
import type { MatterWorkspace } from '../core';
import { FsWorkspace } from '../node/fsWorkspace';
import type { WriteHooks } from '../node/safeFs';
import type { AgentContext } from './types';

/** Test hooks for the moments of a write on disk (see WriteHooks); unset in normal use. */
export const writeHooks: { current?: WriteHooks } = {};

const onDisk = new FsWorkspace({ hooks: () => writeHooks.current });

export function workspaceOf(ctx: AgentContext): MatterWorkspace {
  return ctx.workspace ?? onDisk;
}
