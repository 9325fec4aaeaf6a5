// Which documents the language server is given: Markdown on disk, on a remote disk, and in any
// virtual workspace folder, whatever file-system extension provides it (Remote Repositories'
// vscode-vfs, or another's own scheme), read through the client (src/extension/clientFiles.ts). Never the
// editor's own documents that only look like files (a git diff's old side, an untitled buffer, output,
// settings). No `vscode` import: the client and the status bar call it with the folders' schemes.

/** Always handled. */
export const BASE_SCHEMES = ['file', 'vscode-remote', 'vscode-vfs'] as const;

/** Schemes of documents that are views of something else, never a matter's file. */
const NEVER = new Set([
  'git',
  'untitled',
  'output',
  'vscode-userdata',
  'vscode-scm',
  'vscode-notebook-cell',
  'vscode-settings',
  'walkthrough',
  'vscode',
  'search-editor',
  'comment',
  'vscode-chat-code-block',
  'vscode-terminal',
  'vscode-interactive',
  'gitlens',
  'pr',
  'review',
  'private',
  'vscode-webview',
  'data',
]);

/** At most this many schemes (a workspace file can name any number of folders). */
const MAX_SCHEMES = 16;

/** The schemes the server handles for a workspace whose folders have these schemes. */
export function serverSchemes(folderSchemes: Iterable<string>): string[] {
  const out: string[] = [...BASE_SCHEMES];
  for (const raw of folderSchemes) {
    if (out.length >= MAX_SCHEMES) break;
    const s = raw.toLowerCase();
    if (/^[a-z][a-z0-9+.-]{0,63}$/.test(s) && !NEVER.has(s) && !out.includes(s)) out.push(s);
  }
  return out;
}
