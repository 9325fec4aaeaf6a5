// The language server's reads in a virtual workspace (its patentDraft/readFile and
// patentDraft/listFiles requests), answered from workspace.fs: the client's half of
// src/core/workspace.ts for schemes the server cannot read itself. Bounded (the server's bounds,
// never over this file's caps), regular files only, a symbolic link reported, never followed; an
// error says its class, never a path (a folder name can name a client).
import * as vscode from 'vscode';
import type { WorkspaceEntry } from '../core/index';
import { MAX_FILE_BYTES } from '../node/limits';
import { MAX_LISTED_FILES, type FileErrorCode, type ListFilesParams, type ListFilesResult, type ReadFileParams, type ReadFileResult } from '../lsp/protocol';

/** The kind of a workspace.fs entry in the core's terms (a link is reported as a link, never followed). */
function entryKind(type: vscode.FileType): WorkspaceEntry['kind'] {
  return type & vscode.FileType.SymbolicLink ? 'link' : type & vscode.FileType.Directory ? 'folder' : type & vscode.FileType.File ? 'file' : 'other';
}

function fileError(err: unknown): { error: { code: FileErrorCode; message: string } } {
  const code = err instanceof vscode.FileSystemError ? err.code : '';
  const mapped: FileErrorCode =
    code === 'FileNotFound' || code === 'EntryNotFound' ? 'ENOENT' : code === 'NoPermissions' ? 'EACCES' : code === 'FileIsADirectory' || code === 'FileNotADirectory' ? 'ENOTREG' : 'EIO';
  // The class of the error only: a message may quote a path that names a client.
  return { error: { code: mapped, message: `not read (${mapped})` } };
}

/**
 * The server's reads in a virtual workspace (patentDraft/readFile, patentDraft/listFiles): what the
 * server cannot read itself (a scheme other than file:) through workspace.fs, within the bounds the
 * server gives (at most `maxBytes` per file and `max` entries per folder, never over this file's own
 * caps), regular files only (a symbolic link is not followed).
 */
export const clientFiles = {
  async read(p: ReadFileParams): Promise<ReadFileResult> {
    const maxBytes = Math.min(Math.max(0, p.maxBytes | 0), MAX_SERVED_BYTES);
    try {
      const uri = vscode.Uri.parse(p.uri, true);
      const st = await vscode.workspace.fs.stat(uri);
      if (entryKind(st.type) !== 'file') return { error: { code: 'ENOTREG', message: 'not a regular file; not read' } };
      if (st.size > maxBytes) return { error: { code: 'EFBIG', message: `${st.size} bytes, over the limit of ${maxBytes}` } };
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > maxBytes) return { error: { code: 'EFBIG', message: `${bytes.byteLength} bytes, over the limit of ${maxBytes}` } };
      return { text: new TextDecoder('utf-8').decode(bytes), version: `${st.size}:${st.mtime}` };
    } catch (err) {
      return fileError(err);
    }
  },
  async list(p: ListFilesParams): Promise<ListFilesResult> {
    const max = Math.min(Math.max(0, p.max | 0), MAX_LISTED_FILES);
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(p.folder, true));
      return { entries: entries.slice(0, max).map(([name, type]) => ({ name, kind: entryKind(type) })) };
    } catch (err) {
      return fileError(err);
    }
  },
};

/** The largest file served to the server (the matter files' cap). */
const MAX_SERVED_BYTES = MAX_FILE_BYTES;
