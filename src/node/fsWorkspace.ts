// The workspace (src/core/workspace.ts) on Node's file system, through the safe file layer
// (src/node/safeFs.ts): regular files only, inside the root, bounded; writes by atomic
// compare-and-replace. An optional overlay (unsaved editor text) wins over the stored file.
import { constants as C, promises as fs, watch as fsWatch, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { MatterWorkspace, TextOverlay, WorkspaceChange, WorkspaceDisposable, WorkspaceEntry, WorkspaceEntryKind, WorkspaceReadRequest, WorkspaceReplaceRequest, WorkspaceStat } from '../core';
import { InputError, isInside, readRegularFile, replaceFileText, tooLargeError, type WriteHooks } from './safeFs';

function kindOf(e: Dirent | { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): WorkspaceEntryKind {
  if (e.isSymbolicLink()) return 'link';
  if (e.isFile()) return 'file';
  if (e.isDirectory()) return 'folder';
  return 'other';
}

export interface FsWorkspaceOptions {
  overlay?: TextOverlay;
  /** Test hooks for the moments of a write (see WriteHooks), read at each write. */
  hooks?: () => WriteHooks | undefined;
}

export class FsWorkspace implements MatterWorkspace {
  readonly kind = 'node';
  constructor(private readonly opts: FsWorkspaceOptions = {}) {}

  async realpath(p: string): Promise<string | undefined> {
    return fs.realpath(p).catch(() => undefined);
  }

  async stat(p: string): Promise<WorkspaceStat | undefined> {
    const st = await fs.stat(p).catch(() => undefined);
    if (!st) return undefined;
    const open = this.opts.overlay?.get(p);
    if (open && st.isFile()) return { kind: 'file', size: Buffer.byteLength(open.text), version: `v${open.version}` };
    return { kind: kindOf(st), size: st.size, version: `${st.size}:${st.mtimeMs}` };
  }

  async list(folder: string, max: number): Promise<WorkspaceEntry[]> {
    const out: WorkspaceEntry[] = [];
    const dir = await fs.opendir(folder);
    try {
      for await (const e of dir) {
        out.push({ name: e.name, kind: kindOf(e) });
        if (out.length >= max) break;
      }
    } finally {
      await dir.close().catch(() => undefined);
    }
    return out;
  }

  async read(file: string, req: WorkspaceReadRequest): Promise<Uint8Array> {
    const open = this.opts.overlay?.get(file);
    if (open) {
      if (req.root !== undefined && !isInside(req.root, file)) throw new InputError(`${req.shown} is outside the matter folder; not read`, 'EOUTSIDE');
      const bytes = Buffer.from(open.text, 'utf8');
      if (bytes.length > req.maxBytes) throw tooLargeError(req.shown, bytes.length, req.maxBytes, req.what);
      return bytes;
    }
    return (await readRegularFile(file, { root: req.root, maxBytes: req.maxBytes, shown: req.shown, what: req.what })).bytes;
  }

  async peek(file: string, root: string, bytes: number): Promise<Uint8Array | undefined> {
    const open = this.opts.overlay?.get(file);
    if (open) return Buffer.from(open.text.slice(0, bytes), 'utf8').subarray(0, bytes);
    let h: fs.FileHandle | undefined;
    try {
      const real = await fs.realpath(file);
      if (!isInside(root, real)) return undefined;
      h = await fs.open(real, C.O_RDONLY | (C.O_NONBLOCK ?? 0) | (C.O_NOFOLLOW ?? 0)).catch(() => undefined);
      if (!h) return undefined;
      const st = await h.stat();
      if (!st.isFile()) return undefined;
      const buf = Buffer.alloc(Math.min(bytes, st.size));
      const { bytesRead } = await h.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead);
    } catch {
      return undefined;
    } finally {
      await h?.close();
    }
  }

  async replaceText(file: string, after: string, req: WorkspaceReplaceRequest): Promise<void> {
    await replaceFileText(file, after, { root: req.root, expected: req.expected, shown: req.shown, hooks: this.opts.hooks?.() });
  }

  watch(folder: string, listener: (change: WorkspaceChange) => void): WorkspaceDisposable {
    let w: ReturnType<typeof fsWatch> | undefined;
    try {
      w = fsWatch(folder, { persistent: false }, (event, name) => {
        if (name) listener({ path: path.join(folder, name.toString()), kind: event === 'rename' ? 'create' : 'change' });
      });
      w.on('error', () => w?.close());
    } catch {
      w = undefined; // a folder that cannot be watched is read again on the next call
    }
    return { dispose: () => w?.close() };
  }
}

/** The file system as the CLI, the MCP server, tests and benchmarks see it (no overlay). */
export const nodeWorkspace: MatterWorkspace = new FsWorkspace();
