// The workspace (src/core/workspace.ts) as the editor holds it: the matter's documents with their
// unsaved text laid over the files, the files read on disk through the safe file layer (the CLI's
// and MCP server's read: inside the matter, regular files, bounded, never blocking on a FIFO), or
// through workspace.fs in a virtual workspace (a symbolic link is not followed there). Writes are
// not made: each is checked against the editor's text and recorded, and the caller applies them
// all as one WorkspaceEdit after the user confirmed (undoable, not saved).
import * as vscode from 'vscode';
import type { MatterWorkspace, TextOverlay, WorkspaceEntry, WorkspaceReadRequest, WorkspaceReplaceRequest, WorkspaceStat } from '../core/index';
import { FsWorkspace } from '../node/fsWorkspace';
import { InputError, isInside, tooLargeError, WriteConflict } from '../node/safeFs';

export interface PendingWrite {
  uri: vscode.Uri;
  before: string;
  after: string;
}

/** The host path of a uri: the OS path of a local file, the uri's path elsewhere. */
export function hostPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

export class EditorWorkspace implements MatterWorkspace {
  readonly kind = 'vscode';
  /** Host path → the document's uri and its text as the editor holds it (recorded writes included). */
  private readonly open = new Map<string, { uri: vscode.Uri; text: string; version: number }>();
  /** Host path → the write a tool asked for, in order. */
  readonly pending = new Map<string, PendingWrite>();
  private readonly disk?: FsWorkspace;

  constructor(
    readonly root: vscode.Uri,
    documents: Iterable<{ uri: vscode.Uri; text: string; version?: number }>,
    /** The root's real path when it differs from its uri's (a folder reached through a link). */
    realRoot?: string,
  ) {
    const given = hostPath(root);
    for (const d of documents) {
      let p = hostPath(d.uri);
      if (realRoot !== undefined && realRoot !== given && isInside(given, p)) p = realRoot + p.slice(given.length);
      this.open.set(p, { uri: d.uri, text: d.text, version: d.version ?? 0 });
    }
    const overlay: TextOverlay = { get: (p) => this.open.get(p) };
    if (root.scheme === 'file') this.disk = new FsWorkspace({ overlay });
  }

  private uriOf(p: string): vscode.Uri {
    return this.root.scheme === 'file' ? vscode.Uri.file(p) : this.root.with({ path: p });
  }

  async realpath(p: string): Promise<string | undefined> {
    if (this.disk) return this.disk.realpath(p);
    if (this.open.has(p)) return p;
    return (await this.stat(p)) ? p : undefined;
  }

  async stat(p: string): Promise<WorkspaceStat | undefined> {
    if (this.disk) return this.disk.stat(p);
    const doc = this.open.get(p);
    if (doc) return { kind: 'file', size: doc.text.length, version: `v${doc.version}` };
    try {
      const st = await vscode.workspace.fs.stat(this.uriOf(p));
      const kind = st.type & vscode.FileType.SymbolicLink ? 'link' : st.type & vscode.FileType.Directory ? 'folder' : st.type & vscode.FileType.File ? 'file' : 'other';
      return { kind, size: st.size, version: `${st.size}:${st.mtime}` };
    } catch {
      return undefined;
    }
  }

  async list(folder: string, max: number): Promise<WorkspaceEntry[]> {
    if (this.disk) return this.disk.list(folder, max);
    const entries = await vscode.workspace.fs.readDirectory(this.uriOf(folder));
    return entries.slice(0, max).map(([name, type]) => ({
      name,
      kind: type & vscode.FileType.SymbolicLink ? 'link' : type & vscode.FileType.Directory ? 'folder' : type & vscode.FileType.File ? 'file' : 'other',
    }));
  }

  async read(file: string, req: WorkspaceReadRequest): Promise<Uint8Array> {
    if (this.disk) return this.disk.read(file, req);
    if (req.root !== undefined && !isInside(req.root, file)) throw new InputError(`${req.shown} is outside the matter folder; not read`, 'EOUTSIDE');
    const doc = this.open.get(file);
    if (doc) {
      const bytes = new TextEncoder().encode(doc.text);
      if (bytes.byteLength > req.maxBytes) throw tooLargeError(req.shown, bytes.byteLength, req.maxBytes, req.what);
      return bytes;
    }
    const st = await this.stat(file);
    if (!st) throw new InputError(`cannot read ${req.shown}: no such file or folder`, 'ENOENT');
    if (st.kind !== 'file') throw new InputError(`${req.shown} is ${st.kind === 'folder' ? 'a folder' : 'a symbolic link (not followed)'}, not a regular file; not read`, 'ENOTREG');
    if (st.size > req.maxBytes) throw tooLargeError(req.shown, st.size, req.maxBytes, req.what);
    const bytes = await vscode.workspace.fs.readFile(this.uriOf(file));
    if (bytes.byteLength > req.maxBytes) throw tooLargeError(req.shown, bytes.byteLength, req.maxBytes, req.what);
    return bytes;
  }

  async peek(file: string, root: string, bytes: number): Promise<Uint8Array | undefined> {
    if (this.disk) return this.disk.peek(file, root, bytes);
    try {
      return (await this.read(file, { root, maxBytes: 8 * 1024 * 1024, shown: file, what: 'documents' })).subarray(0, bytes);
    } catch {
      return undefined;
    }
  }

  /** Records the write (nothing is written): the editor applies every recorded write as one edit. */
  async replaceText(file: string, after: string, req: WorkspaceReplaceRequest): Promise<void> {
    if (!isInside(req.root, file)) throw new InputError(`Refused: ${req.shown} is outside the matter folder; nothing was written`, 'EOUTSIDE');
    const doc = this.open.get(file);
    if (!doc) throw new InputError(`${req.shown} is not a document of the matter the editor holds; nothing was changed`, 'ENOENT');
    if (doc.text.replace(/^\uFEFF/, '') !== req.expected) throw new WriteConflict(`${req.shown} changed in the editor while the tool ran; nothing was changed. Call the tool again.`, 'ECONFLICT');
    const first = this.pending.get(file);
    this.pending.set(file, { uri: doc.uri, before: first?.before ?? doc.text, after });
    this.open.set(file, { ...doc, text: after, version: doc.version + 1 });
  }
}
