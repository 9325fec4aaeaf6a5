// Adapters from the server's LSP shapes to VS Code's (the standard features convert through
// vscode-languageclient; these are for the custom requests' answers). Positions convert through
// line/character (both sides use 0-based lines and UTF-16 columns), never through offsets.
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';

export function toUri(uri: string): vscode.Uri {
  return vscode.Uri.parse(uri, true);
}

/** An LSP range (or a core range, which has the same line/character fields) as VS Code's. */
export function fromLspRange(r: lsp.Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** A server WorkspaceEdit (`changes`, or `documentChanges` with file creations) as one VS Code edit (one undo step). */
export function fromLspWorkspaceEdit(e: lsp.WorkspaceEdit, metadata?: vscode.WorkspaceEditEntryMetadata): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const replace = (uri: string, t: lsp.TextEdit) => (metadata ? edit.replace(toUri(uri), fromLspRange(t.range), t.newText, metadata) : edit.replace(toUri(uri), fromLspRange(t.range), t.newText));
  for (const [uri, edits] of Object.entries(e.changes ?? {})) for (const t of edits) replace(uri, t);
  for (const c of e.documentChanges ?? []) {
    if ('kind' in c) {
      if (c.kind === 'create') edit.createFile(toUri(c.uri), { ignoreIfExists: c.options?.ignoreIfExists === true, overwrite: c.options?.overwrite === true });
      continue;
    }
    for (const t of c.edits) if ('newText' in t) replace(c.textDocument.uri, t);
  }
  return edit;
}

/** How many text edits a WorkspaceEdit holds (for logs). */
export function editCount(e: lsp.WorkspaceEdit): number {
  let n = 0;
  for (const edits of Object.values(e.changes ?? {})) n += edits.length;
  for (const c of e.documentChanges ?? []) n += 'kind' in c ? 1 : c.edits.length;
  return n;
}
