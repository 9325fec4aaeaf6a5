// The contract between the language server (`patent-draft lsp`, src/lsp/server.ts) and the Patent
// Draft side of a client (the VS Code extension; any LSP client may use it): the initialization
// options, the custom requests and notifications, their params and results. Plain JSON only.
//
// This file is imported by the server and by the extension: it imports nothing from `vscode` nor
// from `vscode-languageserver/node` (types from vscode-languageserver-types and the project's own
// type-only imports, method names as strings). Use the method constants with the client's
// `sendRequest(method, params)` / `onNotification(method, handler)`; the interfaces type them.
//
// Positions and ranges are LSP's (0-based line, UTF-16 character). Uris are the client's, as sent
// in textDocument/didOpen (file: uris canonicalised by the server: src/lsp/matters.ts canonicalUri).
// Every request that takes a document answers null when the document is in no matter.
import type { Position, Range, TextDocumentIdentifier, WorkspaceEdit } from 'vscode-languageserver-types';
import type { DraftChunk, DraftErrorCode, DraftTask } from '../drafting/backend';
export type { DraftChunk, DraftTask } from '../drafting/backend';
import type { ClaimFamily, FindingGroupRow, TermRow } from '../service/viewContent';
import type { StatusSummary } from '../service/statusSummary';
import { MAX_ENTRIES_PER_FOLDER } from '../node/limits';

// ---------------------------------------------------------------------------------------------
// 1. Start-up: `initialize` params.initializationOptions

/** The resource-scoped `patentDraft.*` settings that change findings or views (the same names and
 *  values as package.json). Sent in initializationOptions (as the default) and answered through
 *  `workspace/configuration` { scopeUri, section: 'patentDraft' } per folder, as today. */
export interface ClientSettings {
  jurisdiction?: 'us' | 'ep';
  mode?: 'drafting' | 'amendment';
  severity?: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  minConfidence?: 'low' | 'medium' | 'high';
  debounceMs?: number;
  codeLens?: { enabled?: boolean };
  /** Description style findings as hints (default) or info (DiagnosticSeverity.Information). */
  descriptionStyle?: 'hint' | 'info';
  /** File globs; honoured only when the workspace is trusted (`trusted: true`), else the defaults. */
  files?: { claims?: string[]; disclosure?: string[]; abstract?: string[]; include?: string; exclude?: string };
}

export interface InitializationOptions {
  /** The settings that are the same for every resource (the base under workspace/configuration answers). */
  patentDraft?: ClientSettings;
  /** true: push diagnostics only (textDocument/publishDiagnostics); the server does not declare the
   *  pull `diagnosticProvider` (vscode-languageclient would pull as well and show findings twice).
   *  Absent/false: pull when the client supports it, push otherwise (other clients, as before). */
  pushDiagnostics?: boolean;
  /** The workspace is trusted. Untrusted (false): `files.*` globs are ignored and drafting uses the
   *  built-in engine only (no Triton). Absent: trusted (other clients have no trust model). The
   *  client sends TRUST_CHANGED when the user grants trust later. */
  trusted?: boolean;
  /** The client answers READ_FILE and LIST_FILES for workspace folders and documents
   *  whose scheme is not `file:` (virtual workspaces). */
  clientFiles?: boolean;
  /** The client registers the Patent Draft command ids (LENS_COMMANDS): code lenses carry them. */
  lensCommands?: boolean;
}

/** The command ids the server's code lenses carry when `lensCommands` is set (src/extension/ids.ts).
 *  reveal: arguments [uri: string, range: core Range {start:{line,character,offset}, end:{...}}];
 *  showTree: no arguments. */
export const LENS_COMMANDS = { reveal: 'patentDraft._reveal', showTree: 'patentDraft.showClaimTree' } as const;

/** client → server notification: the user granted workspace trust (files.* and Triton now count). */
export const TRUST_CHANGED = 'patentDraft/trustChanged';
export interface TrustChangedParams {
  trusted: boolean;
}

// ---------------------------------------------------------------------------------------------
// 3. Matter state → views

/** server → client notification. Sent with checking: true as soon as a document of a matter is
 *  opened or changed (before the debounce), and with checking: false once the matter's analysis is
 *  published (diagnostics sent). `version` grows with every publish of that matter. */
export const MATTER_CHANGED = 'patentDraft/matterChanged';
export interface MatterChangedParams {
  /** Opaque id ("matter#3"), stable while the server runs and the folder is not re-read. */
  matter: string;
  /** The matter folder's uri. */
  root: string;
  /** Its documents' uris. */
  uris: string[];
  checking: boolean;
  /** Analyses published so far (0 before the first). */
  version: number;
}

// ---------------------------------------------------------------------------------------------
// 4. Requests for the views. Params: a document of the matter.

export interface DocumentParams {
  textDocument: TextDocumentIdentifier;
}

/** Exists: the Claim Tree view. → ClaimTreeResult | null (src/service/matter.ts). */
export const CLAIM_TREE = 'patentDraft/claimTree';
export type { ClaimTreeResult, ClaimTreeItem, MatterReport } from '../service/matter';
/** Exists: the matter report (Markdown). → MatterReport | null. */
export const REPORT = 'patentDraft/report';

/** The status bar. → StatusResult | null (src/service/statusSummary.ts). */
export const STATUS = 'patentDraft/status';
export interface StatusResult extends StatusSummary {
  matter: string;
  /** A newer text is waiting for its analysis. */
  checking: boolean;
  version: number;
}

/** The Terms view: claim terms, sorted as the view lists them (first introducing claim, then label), at most MAX_VIEW_ROWS. → TermsResult | null. */
export const TERMS = 'patentDraft/terms';
/** A row: key, label, description ("claim 1 · 3 uses in 2 claims · 4 in the description"), tooltip,
 *  introducedIn, uses, claims, support (0: no support: a warning icon), numerals, reveal {uri, range}
 *  (its introduction, else its first use). src/service/viewContent.ts. */
export type { TermRow } from '../service/viewContent';
export interface TermsResult {
  matter: string;
  /** Every term of the matter (rows may be fewer). */
  total: number;
  rows: TermRow[];
}

/** The Findings view: groups by claim (claim order), then by document. → FindingsResult | null. */
export const FINDINGS_BY_CLAIM = 'patentDraft/findingsByClaim';
/** FindingRow: code, severity, confidence, level (how it shows: descriptionStyle and confidence
 *  applied), message, uri, range, claim. FindingGroupRow: id, label, claim, total (rows may be fewer:
 *  MAX_VIEW_ROWS), level (the worst), shown (more than hints), findings. src/service/viewContent.ts. */
export type { FindingRow, FindingGroupRow } from '../service/viewContent';
export type { DiagnosticLevel } from '../service/diagnosticLevel';
export interface FindingsResult {
  matter: string;
  total: number;
  groups: FindingGroupRow[];
}

/** The claim at a position, for commands that act on "the claim under the cursor" and hovers. → ClaimAtResult | null. */
export const CLAIM_AT = 'patentDraft/claimAt';
export interface ClaimAtParams extends DocumentParams {
  position: Position;
}
/** claim (the claim whose text holds the position, or the last claim starting before it), uri, range,
 *  numberRange, independent, canceled, parents, ancestors (nearest first), dependents (direct),
 *  descendants, root (the independent claim of its first-parent chain), names (a claim number or
 *  "claim N" reference under the position: the claim it names). src/service/viewContent.ts. */
export type ClaimAtResult = ClaimFamily;

/** The matters the server knows (read so far), for the walkthrough and the status bar. → MattersResult. Params: {} */
export const MATTERS = 'patentDraft/matters';
export interface MatterInfo {
  matter: string;
  root: string;
  /** The folder's name. */
  name: string;
  documents: { uri: string; role: string }[];
  claimsUri?: string;
  checking: boolean;
  version: number;
  claims?: number;
  findings?: number;
}
export interface MattersResult {
  matters: MatterInfo[];
}

/** Where the matter's abstract is, for Generate Abstract's Accept (added by lsp-client: the extension
 *  plans the replacement with src/extension/drafting/abstract.ts planAbstract, which needs the
 *  abstract's text range: analysis.abstract). → AbstractResult | null (null: no matter). */
export const ABSTRACT = 'patentDraft/abstract';
export interface AbstractResult {
  /** The abstract's body (under its heading, or the whole abstract document's text); absent: the matter has none. */
  abstract?: { uri: string; range: Range };
  /** The matter's root and its documents with their roles ('claims', 'disclosure', 'abstract', 'combined', ...). */
  root: string;
  documents: { uri: string; role: string }[];
  claims: number;
}

// ---------------------------------------------------------------------------------------------
// 5. Commands that edit: each returns a WorkspaceEdit the client applies (one undo step, after the
// user accepts), or no edit and a sentence saying why. Nothing is written by the server.

export interface EditResult {
  /** null: nothing to change (`message` says why). */
  edit: WorkspaceEdit | null;
  /** A sentence for the user (why nothing changed, or what the edit does). */
  message?: string;
  /** Text edits in `edit`. */
  edits: number;
}

/** Renumber the claims 1..n and every "claim N" reference (refused in amendment mode). → EditResult | null. */
export const RENUMBER = 'patentDraft/renumber';

/** Replace a term everywhere in the claims (scope 'claims', default) or the matter, articles and plurals kept right. → EditResult | null. */
export const REPLACE_TERM = 'patentDraft/replaceTerm';
export interface ReplaceTermParams extends DocumentParams {
  from: string;
  to: string;
  scope?: 'claims' | 'matter';
}

/** Insert claims (texts without numbers) after claim `after` (0: at the start), numbered, later claims renumbered. → EditResult | null. */
export const INSERT_CLAIMS = 'patentDraft/insertClaims';
export interface InsertClaimsParams extends DocumentParams {
  after: number;
  claims: string[];
}

/** Add a preferred term (and variants to avoid) to the matter's `.patentdraft/glossary.md`
 *  (created through documentChanges when missing). → EditResult | null. */
export const GLOSSARY_EDIT = 'patentDraft/glossaryEdit';
export interface GlossaryEditParams extends DocumentParams {
  preferred: string;
  avoid?: string[];
}

/** Apply the preferred fixes of the findings named ({code, line, column}: 1-based, as the CLI/MCP
 *  print them) or of every finding of `codes` (in rounds, as patent_apply_fixes). → EditResult | null. */
export const APPLY_FIXES = 'patentDraft/applyFixes';
export interface ApplyFixesParams extends DocumentParams {
  findings?: { code: string; line: number; column: number }[];
  codes?: string[];
}

// ---------------------------------------------------------------------------------------------
// 7. Drafting, in the server.

/** The user-only connection settings (package.json application scope; read with userOnly()). */
export interface DraftingSettings {
  backend: 'builtin' | 'triton';
  triton: {
    endpoints: string[];
    model: string;
    /** Per-task models (src/drafting/triton.ts MODEL_TASKS); a task not listed uses `model`. */
    models?: Partial<Record<'claims' | 'abstract' | 'continue', string>>;
    /** 'raw' | 'llama3' | 'chatml' | 'mistral' | 'template' (src/drafting/chat.ts PROMPT_FORMATS). */
    promptFormat?: string;
    /** Path of the model's tokenizer_config.json (promptFormat 'template'); the server reads it (bounded). */
    chatTemplate?: string;
    /** Paths of PEM files; the server reads them (regular files, bounded). */
    tls?: { caFile?: string; certFile?: string; keyFile?: string };
    timeoutMs?: number;
    firstTokenTimeoutMs?: number;
    idleTimeoutMs?: number;
  };
  /** patentDraft.drafting.tokenBudget. */
  tokenBudget?: number;
  /** The Triton token (SecretStorage), sent as "authorization: Bearer …"; never logged. */
  token?: string;
  /** Plaintext remote endpoints the user accepted sending to (globalState). Others are refused with error kind 'plaintext'. */
  plaintextAccepted?: string[];
}

/** client → server notification: the drafting settings (at start and whenever they or the token change). */
export const DRAFTING_CONFIGURE = 'patentDraft/drafting/configure';
export type DraftingConfigureParams = DraftingSettings & {
  /** The workspace's trust now (same as TRUST_CHANGED): untrusted drafts with the built-in engine. */
  trusted?: boolean;
};

export type EngineState = 'builtin' | 'idle' | 'connecting' | 'ready' | 'streaming' | 'unreachable' | 'untrusted' | 'not-configured';

/** → DraftingStatus. Params: {} */
export const DRAFTING_STATUS = 'patentDraft/drafting/status';
/** server → client notification with a DraftingStatus whenever the state changes. */
export const DRAFTING_STATE = 'patentDraft/drafting/state';
export interface DraftingStatus {
  /** The backend the settings name, and the one used now (builtin when untrusted). */
  configured: 'builtin' | 'triton';
  backend: 'builtin' | 'triton';
  state: EngineState;
  model?: string;
  endpoints: string[];
  /** Time to first token of the last generation (Triton). */
  lastTtftMs?: number;
  streams: number;
  /** The server failed in the last 30 s: automatic (inline) requests should wait. */
  recentlyFailed: boolean;
}

/** Probe every endpoint (Test Connection). → TestConnectionResult. Params: {} */
export const DRAFTING_TEST = 'patentDraft/drafting/testConnection';
export interface TestConnectionResult {
  ok: boolean;
  /** One sentence per endpoint (reachable, model ready, layout, round trip). */
  lines: string[];
  status: DraftingStatus;
}

/** The prompt a task would send (Show Prompt). → { prompt, format } | null */
export const DRAFTING_PROMPT = 'patentDraft/drafting/prompt';
export interface DraftPromptParams extends DocumentParams {
  task: DraftTask;
}
export interface DraftPromptResult {
  prompt: string;
  format: string;
}

/** Run a task; chunks come as DRAFT_CHUNK notifications (in order, `seq` from 0), then the
 *  request resolves. `$/cancelRequest` aborts the generation (result: error kind 'cancelled').
 *  Bounded: at most MAX_DRAFT_CHUNKS chunks and MAX_DRAFT_BYTES characters per generation. */
export const DRAFT = 'patentDraft/draft';
export interface DraftParams extends DocumentParams {
  /** The client's id for this generation (chunks carry it). */
  id: string;
  task: DraftTask;
  /** Typed but not yet analysed text of the claim (inline continuation); overrides a 'continue' task's text. */
  partial?: string;
  /** An automatic request (typing): no question is asked, a recent failure answers 'connection' at once. */
  automatic?: boolean;
}
export const DRAFT_CHUNK = 'patentDraft/draftChunk';
export interface DraftChunkParams {
  id: string;
  seq: number;
  chunk: DraftChunk;
}
export type DraftErrorKind =
  | DraftErrorCode
  /** The server cannot be used (unreachable, TLS, auth, model missing...): `code` is the inference error code. */
  | 'connection'
  /** Triton named but no endpoint set. */
  | 'not-configured'
  /** Plaintext remote endpoints not accepted yet: `endpoints` lists them; ask, re-configure, retry. */
  | 'plaintext'
  /** The generation hit MAX_DRAFT_CHUNKS or MAX_DRAFT_BYTES. */
  | 'limit'
  /** The document is in no matter. */
  | 'no-matter';
export type DraftResult =
  { id: string; done: true; chunks: number; backend: 'builtin' | 'triton' } | { id: string; error: { kind: DraftErrorKind; message: string; code?: string; endpoints?: string[] } };

export const MAX_DRAFT_CHUNKS = 4096;
export const MAX_DRAFT_BYTES = 256 * 1024;

// ---------------------------------------------------------------------------------------------
// 8. Language-model tools (src/agent AGENT_TOOLS) on the server's view of the matter.

/** → ToolCallResult. `input.path` is relative to the matter folder of `textDocument` (or absent:
 *  that matter). Write tools never write: the changes come back as `edit` for the client to apply
 *  (after its confirmation); `dryRun: true` returns the tool's own report and no edit. */
export const TOOL = 'patentDraft/tool';
export interface ToolCallParams {
  name: string;
  input: Record<string, unknown>;
  /** The document whose matter the tool works on (the active editor). */
  textDocument?: TextDocumentIdentifier;
}
export interface ToolCallResult {
  /** What the agent reads (JSON for data, a sentence for an error). */
  text: string;
  isError?: boolean;
  edit?: WorkspaceEdit;
  /** The uris `edit` changes. */
  changed?: string[];
}

// ---------------------------------------------------------------------------------------------
// 9. Virtual workspaces: server → client requests (only when `clientFiles` is set), for uris
// whose scheme is not `file:`. The server bounds them: an answer over `maxBytes` / `max` is
// refused, and an answer that takes longer than CLIENT_FILES_TIMEOUT_MS counts as an error.

export const READ_FILE = 'patentDraft/readFile';
export interface ReadFileParams {
  uri: string;
  /** The client may refuse larger files with error code 'EFBIG'. */
  maxBytes: number;
}
export type FileErrorCode = 'ENOENT' | 'ENOTREG' | 'EFBIG' | 'EACCES' | 'EIO';
export type ReadFileResult = { text: string; version?: string } | { error: { code: FileErrorCode; message: string } };

export const LIST_FILES = 'patentDraft/listFiles';
export interface ListFilesParams {
  /** The folder's uri. */
  folder: string;
  /** Entries at most. */
  max: number;
}
export interface ListedFile {
  name: string;
  kind: 'file' | 'folder' | 'link' | 'other';
  size?: number;
  /** Changes whenever the content does (mtime and size). */
  version?: string;
}
export type ListFilesResult = { entries: ListedFile[] } | { error: { code: FileErrorCode; message: string } };

export const CLIENT_FILES_TIMEOUT_MS = 10_000;
/** A folder's entries listed at most: the disk's bound (src/node/limits.ts). */
export const MAX_LISTED_FILES = MAX_ENTRIES_PER_FOLDER;

/** Rows a view request returns at most per list (the report lists everything). */
export const MAX_VIEW_ROWS = 500;
