// The editor's one way to read a matter file it did not get from an open editor: a regular file,
// inside the matter, within a size cap. On the local file system it is the same read the CLI, the
// MCP server and the agent tools use (src/node/safeFs: lstat + realpath inside the matter, opened
// with O_NOFOLLOW|O_NONBLOCK and checked on the descriptor, so a FIFO never blocks). Elsewhere
// (virtual workspaces) a symbolic link is not followed and only a File is read. Anything refused is
// logged as a reason and a size, never content.
import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import { InputError, readRegularFile } from '../node/safeFs';
import { log } from './log';

export const MAX_MATTER_FILE_BYTES = 8 * 1024 * 1024;

/** The file's bytes, or undefined (with one log line saying why) when it is not a readable matter file. */
export async function readMatterBytes(uri: vscode.Uri, root: vscode.Uri, maxBytes = MAX_MATTER_FILE_BYTES): Promise<Uint8Array | undefined> {
  if (uri.scheme === 'file' && root.scheme === 'file') {
    try {
      const base = await realpath(root.fsPath);
      return (await readRegularFile(uri.fsPath, { root: base, maxBytes, shown: 'a matter file' })).bytes;
    } catch (err) {
      if (err instanceof InputError && err.code !== 'ENOENT') log().warn(`skipped a matter file (${err.code ?? 'refused'}: not a regular file inside the matter within ${maxBytes} bytes)`);
      return undefined;
    }
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (!(stat.type & vscode.FileType.File) || stat.type & vscode.FileType.SymbolicLink) {
      log().warn('skipped a matter file: not a regular file');
      return undefined;
    }
    if (stat.size > maxBytes) {
      log().warn(`skipped a matter file of ${stat.size} bytes (limit ${maxBytes})`);
      return undefined;
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.byteLength > maxBytes ? undefined : bytes;
  } catch {
    return undefined;
  }
}
