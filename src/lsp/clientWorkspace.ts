// The workspace (src/core/workspace.ts) of a folder the server cannot read itself (a virtual
// workspace: a scheme other than `file:`), over the client's `patentDraft/readFile` and
// `patentDraft/listFiles` (src/lsp/protocol.ts), with the open documents laid over it. Paths are the
// uris' paths (POSIX, decoded); `uriOf` turns one back into the client's uri. Bounded: an answer
// larger than asked, a listing longer than asked, or an answer later than CLIENT_FILES_TIMEOUT_MS
// is refused with a message that says so. Read only: nothing is written through it.
import * as path from 'node:path';
import type { MatterWorkspace, WorkspaceEntry, WorkspaceReadRequest, WorkspaceReplaceRequest, WorkspaceStat } from '../core/index';
import { InputError, isInside } from '../node/safeFs';
import { MAX_FILE_BYTES } from '../node/limits';
import { CLIENT_FILES_TIMEOUT_MS, LIST_FILES, MAX_LISTED_FILES, READ_FILE, type ListFilesParams, type ListFilesResult, type ListedFile, type ReadFileParams, type ReadFileResult } from './protocol';

/** Sends a request to the client (the connection's sendRequest), cancelled through the signal on time-out. */
export type ClientRequest = <R>(method: string, params: unknown, signal: AbortSignal) => Promise<R>;

/** The uri prefix of a non-file uri ("memfs://host") and its path ("/matter/claims.md"), or undefined. */
export function splitUri(uri: string): { base: string; path: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?)(\/[^?#]*)?$/i.exec(uri);
  if (!m || /^file:/i.test(uri)) return undefined;
  try {
    return { base: m[1]!, path: decodeURIComponent(m[2] ?? '/') };
  } catch {
    return undefined;
  }
}

/** A path as vscode.Uri.toString() spells it (RFC 3986: only unreserved characters stay, so `!'()*` are
 *  escaped too, which encodeURIComponent leaves): the documents' uris must be the client's very strings,
 *  or an open document is not found in its folder's matter and is checked alone, without its disclosure. */
export const encodePath = (p: string) =>
  p
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

export class ClientWorkspace implements MatterWorkspace {
  readonly kind = 'client';
  /** Folder listings by path, kept until invalidated (a watched change or a reload). */
  private readonly listings = new Map<string, Promise<ListedFile[]>>();

  constructor(
    /** The uri prefix this workspace serves ("memfs://" or "vscode-vfs://github"). */
    readonly base: string,
    private readonly request: ClientRequest,
    private readonly overlay: (uri: string) => { text: string; version: number } | undefined,
    /** Told what was cut or timed out (the server shows it once): the folder's own reader reports only an error code. */
    private readonly notice: (message: string) => void = () => undefined,
    private readonly timeoutMs = CLIENT_FILES_TIMEOUT_MS,
  ) {}

  uriOf(p: string): string {
    return this.base + encodePath(p);
  }

  /** Forgets the listings (the folder changed on the client). */
  invalidate(): void {
    this.listings.clear();
  }

  private async ask<R>(method: string, params: unknown, shown: string): Promise<R> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        const message = `the editor did not answer ${method === READ_FILE ? 'reading' : 'listing'} ${shown} within ${this.timeoutMs / 1000} s; it is left out`;
        if (method !== READ_FILE) this.notice(message);
        reject(new InputError(message, 'ETIMEDOUT'));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([this.request<R>(method, params, controller.signal), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private listing(folder: string): Promise<ListedFile[]> {
    let p = this.listings.get(folder);
    if (!p) {
      p = (async () => {
        const params: ListFilesParams = { folder: this.uriOf(folder), max: MAX_LISTED_FILES };
        const r = await this.ask<ListFilesResult | null>(LIST_FILES, params, folder);
        if (!r || typeof r !== 'object') throw Object.assign(new InputError(`cannot read ${folder}: the editor gave no listing`, 'ENOENT'), {});
        if ('error' in r) throw new InputError(`cannot read ${folder}: ${String(r.error?.message ?? 'unreadable').slice(0, 200)}`, r.error?.code ?? 'EIO');
        if (!Array.isArray(r.entries)) throw new InputError(`cannot read ${folder}: the editor's listing has no entries`, 'EIO');
        let entries = r.entries;
        if (entries.length > MAX_LISTED_FILES) {
          this.notice(`${this.uriOf(folder)} lists ${entries.length} entries; at most ${MAX_LISTED_FILES} are read (split the folder)`);
          entries = entries.slice(0, MAX_LISTED_FILES);
        }
        return entries.filter((e): e is ListedFile => !!e && typeof e.name === 'string' && e.name !== '' && !e.name.includes('/') && e.name !== '.' && e.name !== '..');
      })();
      this.listings.set(folder, p);
      p.catch(() => this.listings.delete(folder));
    }
    return p;
  }

  async realpath(p: string): Promise<string | undefined> {
    return (await this.stat(p)) ? path.posix.normalize(p) : undefined;
  }

  async stat(p: string): Promise<WorkspaceStat | undefined> {
    const o = this.overlay(this.uriOf(p));
    if (o) return { kind: 'file', size: o.text.length, version: `open:${o.version}` };
    const parent = path.posix.dirname(p);
    if (parent === p) return { kind: 'folder', size: 0, version: '' };
    const entries = await this.listing(parent).catch(() => undefined);
    const e = entries?.find((x) => x.name === path.posix.basename(p));
    if (!e) return undefined;
    return { kind: e.kind, size: typeof e.size === 'number' ? e.size : 0, version: typeof e.version === 'string' ? e.version : '' };
  }

  async list(folder: string, max: number): Promise<WorkspaceEntry[]> {
    const entries = await this.listing(folder);
    return entries.slice(0, max).map((e) => ({ name: e.name, kind: e.kind === 'folder' || e.kind === 'link' || e.kind === 'other' ? e.kind : 'file' }));
  }

  async read(file: string, req: WorkspaceReadRequest): Promise<Uint8Array> {
    if (req.root !== undefined && !isInside(req.root, file)) throw new InputError(`${req.shown} is outside the matter folder; not read`, 'EOUTSIDE');
    const o = this.overlay(this.uriOf(file));
    const text = o ? o.text : await this.readText(file, req);
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length > req.maxBytes)
      throw new InputError(`${req.shown} is ${(bytes.length / 1048576).toFixed(1)} MB; Patent Draft reads ${req.what} up to ${(req.maxBytes / 1048576).toFixed(1)} MB (split it)`, 'EFBIG');
    return bytes;
  }

  private async readText(file: string, req: WorkspaceReadRequest): Promise<string> {
    // Only what the folder's listing holds is asked for (a settings file or glossary that is not there costs no read).
    const st = await this.stat(file);
    if (!st) throw new InputError(`cannot read ${req.shown}: no such file or folder`, 'ENOENT');
    if (st.kind === 'folder') throw new InputError(`${req.shown} is a folder, not a regular file; not read`, 'ENOTREG');
    if (st.size > req.maxBytes)
      throw new InputError(`${req.shown} is ${(st.size / 1048576).toFixed(1)} MB; Patent Draft reads ${req.what} up to ${(req.maxBytes / 1048576).toFixed(1)} MB (split it)`, 'EFBIG');
    const params: ReadFileParams = { uri: this.uriOf(file), maxBytes: req.maxBytes };
    const r = await this.ask<ReadFileResult | null>(READ_FILE, params, req.shown);
    if (!r || typeof r !== 'object') throw new InputError(`cannot read ${req.shown}: no such file or folder`, 'ENOENT');
    if ('error' in r) {
      const code = r.error?.code ?? 'EIO';
      throw new InputError(code === 'ENOENT' ? `cannot read ${req.shown}: no such file or folder` : `cannot read ${req.shown}: ${String(r.error?.message ?? code).slice(0, 200)}`, code);
    }
    if (typeof r.text !== 'string') throw new InputError(`cannot read ${req.shown}: the editor sent no text`, 'EIO');
    // Characters are at least one byte: a longer string is over the bound whatever its encoding.
    if (r.text.length > req.maxBytes) throw new InputError(`${req.shown} is over ${(req.maxBytes / 1048576).toFixed(1)} MB; Patent Draft reads ${req.what} up to that size (split it)`, 'EFBIG');
    return r.text;
  }

  async peek(file: string, root: string, bytes: number): Promise<Uint8Array | undefined> {
    try {
      const all = await this.read(file, { root, maxBytes: MAX_FILE_BYTES, shown: file, what: 'documents' });
      return all.subarray(0, bytes);
    } catch {
      return undefined;
    }
  }

  async replaceText(_file: string, _after: string, req: WorkspaceReplaceRequest): Promise<void> {
    throw new InputError(`Refused: ${req.shown} is in a virtual workspace; the server does not write there (the editor applies edits)`, 'EACCES');
  }
}
