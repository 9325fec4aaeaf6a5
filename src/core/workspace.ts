// The workspace a matter is read from, in the core's terms: list a folder, read a file, see its
// version, watch for changes, with an overlay of unsaved editor text over the stored files. Types
// only: each host implements it once (Node's file system in src/node/fsWorkspace.ts, memory in
// src/node/memoryWorkspace.ts, VS Code in src/extension/workspaceFs.ts), and matter discovery,
// per-matter settings, the glossary and the size and file-type limits are computed against it once
// (src/node/workspace.ts), so every host sees the same matter.
//
// Paths are the host's absolute paths (Node: OS paths; a virtual editor folder: the URI's path).
// Errors carry a `code`: 'ENOENT' (nothing there), 'ENOTREG' (a folder, FIFO, device...),
// 'EFBIG' (over the bound), 'EOUTSIDE' (a link out of the root), 'EACCES', 'ECONFLICT' (a write
// whose file changed meanwhile); their message names the file and says what to change.

export type WorkspaceEntryKind = 'file' | 'folder' | 'link' | 'other';

export interface WorkspaceEntry {
  name: string;
  kind: WorkspaceEntryKind;
}

export interface WorkspaceStat {
  kind: WorkspaceEntryKind;
  size: number;
  /** Changes whenever the content does (a document version, or size and modification time). */
  version: string;
}

export interface WorkspaceReadRequest {
  /** The matter folder: a file reached through a link out of it is refused. */
  root?: string;
  /** Bytes at most; larger is refused with code 'EFBIG'. */
  maxBytes: number;
  /** How the file is named in messages (relative to the root). */
  shown: string;
  /** The kind of file, for the bound's message ("documents", "settings, glossary and template files"). */
  what: string;
}

export interface WorkspaceReplaceRequest {
  root: string;
  /** The text the new text was computed from; refused (code 'ECONFLICT') if the file holds another now. */
  expected: string;
  shown: string;
}

export interface WorkspaceChange {
  path: string;
  kind: 'create' | 'change' | 'delete';
}

export interface WorkspaceDisposable {
  dispose(): void;
}

/** Unsaved editor text laid over the stored files: what an editor shows wins over what is saved. */
export interface TextOverlay {
  /** The open document's text and version at `path`, or undefined when it is not open. */
  get(path: string): { text: string; version: number } | undefined;
}

export interface MatterWorkspace {
  /** 'node', 'memory', 'vscode', ...: for logs. */
  readonly kind: string;
  /** The path with every link resolved, or undefined when nothing is there. */
  realpath(path: string): Promise<string | undefined>;
  /** What is at the path (a final link followed), or undefined when nothing is. */
  stat(path: string): Promise<WorkspaceStat | undefined>;
  /** The entries of a folder, a link reported as 'link' (not followed). At most `max` entries. */
  list(folder: string, max: number): Promise<WorkspaceEntry[]>;
  /** A regular file's bytes (the overlay's text when the file is open), within the request's bounds. */
  read(file: string, request: WorkspaceReadRequest): Promise<Uint8Array>;
  /** The first `bytes` bytes of a regular file inside `root`, or undefined when it is not one. */
  peek(file: string, root: string, bytes: number): Promise<Uint8Array | undefined>;
  /** Replaces a document's text if it still holds `expected` (a host may record the edit instead). */
  replaceText(file: string, after: string, request: WorkspaceReplaceRequest): Promise<void>;
  /** Calls `listener` on changes at or below `folder`, until disposed. */
  watch?(folder: string, listener: (change: WorkspaceChange) => void): WorkspaceDisposable;
}
