// The workspace (src/core/workspace.ts) in memory: a map of paths to texts, for tests and for hosts
// that hold the matter's documents themselves. Nothing touches the disk. Writes replace the text in
// the map (compare-and-replace as on disk) and are recorded in `writes`.
import * as path from 'node:path';
import type { MatterWorkspace, WorkspaceChange, WorkspaceDisposable, WorkspaceEntry, WorkspaceReadRequest, WorkspaceReplaceRequest, WorkspaceStat } from '../core';
import { InputError, isInside, tooLargeError, WriteConflict } from './safeFs';

export class MemoryWorkspace implements MatterWorkspace {
  readonly kind = 'memory';
  private readonly files = new Map<string, { text: string; version: number }>();
  private readonly listeners = new Set<{ folder: string; listener: (c: WorkspaceChange) => void }>();
  /** Every write, in order: the file and its new text. */
  readonly writes: { file: string; text: string }[] = [];

  /** `files`: absolute paths (or paths under `base`) to their texts. */
  constructor(files: Record<string, string> = {}, base = '/') {
    for (const [p, text] of Object.entries(files)) this.set(path.resolve(base, p), text);
  }

  set(file: string, text: string): void {
    const had = this.files.get(file);
    this.files.set(file, { text, version: (had?.version ?? 0) + 1 });
    for (const l of this.listeners) if (isInside(l.folder, file)) l.listener({ path: file, kind: had ? 'change' : 'create' });
  }

  text(file: string): string | undefined {
    return this.files.get(file)?.text;
  }

  private isFolder(p: string): boolean {
    const prefix = p.endsWith(path.sep) ? p : p + path.sep;
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    return false;
  }

  async realpath(p: string): Promise<string | undefined> {
    const abs = path.resolve(p);
    return this.files.has(abs) || this.isFolder(abs) ? abs : undefined;
  }

  async stat(p: string): Promise<WorkspaceStat | undefined> {
    const f = this.files.get(p);
    if (f) return { kind: 'file', size: Buffer.byteLength(f.text), version: `v${f.version}` };
    return this.isFolder(p) ? { kind: 'folder', size: 0, version: '' } : undefined;
  }

  async list(folder: string, max: number): Promise<WorkspaceEntry[]> {
    if (!this.isFolder(folder)) throw Object.assign(new Error(`no such folder`), { code: 'ENOENT' });
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    const seen = new Map<string, WorkspaceEntry>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const cut = rest.indexOf(path.sep);
      const name = cut < 0 ? rest : rest.slice(0, cut);
      if (!seen.has(name)) seen.set(name, { name, kind: cut < 0 ? 'file' : 'folder' });
      if (seen.size >= max) break;
    }
    return [...seen.values()];
  }

  async read(file: string, req: WorkspaceReadRequest): Promise<Uint8Array> {
    if (req.root !== undefined && !isInside(req.root, file)) throw new InputError(`${req.shown} is outside the matter folder; not read`, 'EOUTSIDE');
    const f = this.files.get(file);
    if (!f) {
      if (this.isFolder(file)) throw new InputError(`${req.shown} is a folder, not a regular file; not read`, 'ENOTREG');
      throw new InputError(`cannot read ${req.shown}: no such file or folder`, 'ENOENT');
    }
    const bytes = Buffer.from(f.text, 'utf8');
    if (bytes.length > req.maxBytes) throw tooLargeError(req.shown, bytes.length, req.maxBytes, req.what);
    return bytes;
  }

  async peek(file: string, root: string, bytes: number): Promise<Uint8Array | undefined> {
    const f = isInside(root, file) ? this.files.get(file) : undefined;
    return f ? Buffer.from(f.text.slice(0, bytes), 'utf8').subarray(0, bytes) : undefined;
  }

  async replaceText(file: string, after: string, req: WorkspaceReplaceRequest): Promise<void> {
    if (!isInside(req.root, file)) throw new InputError(`Refused: ${req.shown} is outside the matter folder; nothing was written`, 'EOUTSIDE');
    const f = this.files.get(file);
    if (!f) throw new InputError(`cannot write ${req.shown}: no such file or folder; nothing was written`, 'ENOENT');
    if (f.text.replace(/^\uFEFF/, '') !== req.expected) throw new WriteConflict(`${req.shown} changed since it was read; nothing was written. Call patent_check again.`, 'ECONFLICT');
    this.set(file, after);
    this.writes.push({ file, text: after });
  }

  watch(folder: string, listener: (change: WorkspaceChange) => void): WorkspaceDisposable {
    const entry = { folder, listener };
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  }
}
