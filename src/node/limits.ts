// The size and count bounds of a matter's files, one copy for every host: the Node file layer
// (src/node/safeFs.ts, matter discovery in src/node/workspace.ts), the language server reading a
// virtual workspace through its client (src/lsp/clientWorkspace.ts) and the extension serving those
// reads (src/extension/clientFiles.ts). No imports: the extension bundles this file alone.

/** Documents (claims, disclosure, abstract). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Settings, glossary, prompt templates. */
export const MAX_SMALL_FILE_BYTES = 1024 * 1024;
/** Markdown files read from one folder at most. */
export const MAX_FILES_PER_FOLDER = 5000;
/** Entries listed from one folder at most (the Markdown files among them are bounded again). */
export const MAX_ENTRIES_PER_FOLDER = 4 * MAX_FILES_PER_FOLDER;
