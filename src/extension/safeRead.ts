// The editor's one way to read a matter file it did not get from an open editor: a regular file,
// inside the matter, within a size cap. A symbolic link is followed only on the local file system and
// only when it resolves inside the matter's folder (git stores links, so a cloned matter can carry
// `.patentdraft/glossary.md` pointing at ~/.ssh); a FIFO, a device or a socket is never opened (a FIFO
// would block the read forever). Anything refused is logged as a reason and a size, never a path's
// content.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from './log';

export const MAX_MATTER_FILE_BYTES = 8 * 1024 * 1024;

export type ReadRefusal = 'not-a-file' | 'link-outside' | 'too-large' | 'unreadable';

/** Why a matter file cannot be read, or undefined when it can. Exported for the tests. */
export async function refusal(uri: vscode.Uri, root: vscode.Uri, maxBytes = MAX_MATTER_FILE_BYTES): Promise<ReadRefusal | undefined> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return 'unreadable';
  }
  if (!(stat.type & vscode.FileType.File)) return 'not-a-file';
  if (stat.size > maxBytes) return 'too-large';
  if (stat.type & vscode.FileType.SymbolicLink) {
    if (uri.scheme !== 'file' || root.scheme !== 'file') return 'link-outside';
    try {
      const [target, base] = await Promise.all([fs.realpath(uri.fsPath), fs.realpath(root.fsPath)]);
      const rel = path.relative(base, target);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return 'link-outside';
      const st = await fs.stat(target);
      if (!st.isFile()) return 'not-a-file';
    } catch {
      return 'unreadable';
    }
  } else if (uri.scheme === 'file') {
    // workspace.fs reports a FIFO or a device as a File of size 0 on some hosts: ask the OS.
    try {
      const st = await fs.lstat(uri.fsPath);
      if (!st.isFile()) return 'not-a-file';
    } catch {
      return 'unreadable';
    }
  }
  return undefined;
}

/** The file's bytes, or undefined (with one log line saying why) when it is not a readable matter file. */
export async function readMatterBytes(uri: vscode.Uri, root: vscode.Uri, maxBytes = MAX_MATTER_FILE_BYTES): Promise<Uint8Array | undefined> {
  const why = await refusal(uri, root, maxBytes);
  if (why) {
    if (why !== 'unreadable') log().warn(`skipped a matter file: ${why}${why === 'too-large' ? ` (limit ${maxBytes} bytes)` : ''}`);
    return undefined;
  }
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.byteLength > maxBytes ? undefined : bytes;
  } catch {
    return undefined;
  }
}
