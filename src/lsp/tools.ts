// The agent tools (src/agent) in the language server, on the server's view of a matter: its files
// with the client's open documents over them, read through the matter's own workspace (disk, or the
// client for a virtual workspace). Nothing is written: a tool's writes are recorded and come back
// as one WorkspaceEdit for the client to apply (after the user confirmed). The edit requests
// (renumber, replace term, insert claims, apply fixes) are these tools' own edits, so the editor,
// the MCP server and the CLI change a matter the same way.
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { AGENT_TOOLS, callTool, type AgentContextWithDrafting } from '../agent/index';
import type { MatterWorkspace, WorkspaceEntry, WorkspaceReadRequest, WorkspaceReplaceRequest, WorkspaceStat } from '../core/index';
import type { DraftingBackend } from '../drafting/index';
import { FsWorkspace } from '../node/fsWorkspace';
import { InputError, isInside, WriteConflict } from '../node/safeFs';
import { textChangesEdit } from '../service/index';
import type { FolderSettings, OpenText, ServerMatter } from './matters';
import type { ToolCallResult } from './protocol';

interface PendingWrite {
  uri: string;
  before: string;
  after: string;
}

/** A matter's workspace whose writes are recorded, not made (reads see the recorded texts). */
export class RecordingWorkspace implements MatterWorkspace {
  readonly kind: string;
  readonly pending = new Map<string, PendingWrite>();

  constructor(
    private readonly inner: MatterWorkspace,
    private readonly uriOf: (p: string) => string,
  ) {
    this.kind = `${inner.kind}+recorded`;
  }

  realpath(p: string): Promise<string | undefined> {
    return this.inner.realpath(p);
  }

  async stat(p: string): Promise<WorkspaceStat | undefined> {
    const w = this.pending.get(p);
    return w ? { kind: 'file', size: w.after.length, version: `recorded:${w.after.length}` } : this.inner.stat(p);
  }

  list(folder: string, max: number): Promise<WorkspaceEntry[]> {
    return this.inner.list(folder, max);
  }

  async read(file: string, req: WorkspaceReadRequest): Promise<Uint8Array> {
    const w = this.pending.get(file);
    return w ? Buffer.from(w.after, 'utf8') : this.inner.read(file, req);
  }

  peek(file: string, root: string, bytes: number): Promise<Uint8Array | undefined> {
    const w = this.pending.get(file);
    return w ? Promise.resolve(Buffer.from(w.after.slice(0, bytes), 'utf8').subarray(0, bytes)) : this.inner.peek(file, root, bytes);
  }

  async replaceText(file: string, after: string, req: WorkspaceReplaceRequest): Promise<void> {
    if (!isInside(req.root, file)) throw new InputError(`Refused: ${req.shown} is outside the matter folder; nothing was changed`, 'EOUTSIDE');
    const first = this.pending.get(file);
    const now = first ? first.after : Buffer.from(await this.inner.read(file, { root: req.root, maxBytes: 64 * 1024 * 1024, shown: req.shown, what: 'documents' })).toString('utf8');
    if (now.replace(/^\uFEFF/, '') !== req.expected) throw new WriteConflict(`${req.shown} changed in the editor while the tool ran; nothing was changed. Call the tool again.`, 'ECONFLICT');
    // A byte order mark stays where it was (the tools compute their texts without it).
    const bom = now.startsWith('\uFEFF') && !after.startsWith('\uFEFF') ? '\uFEFF' : '';
    this.pending.set(file, { uri: this.uriOf(file), before: first?.before ?? now, after: bom + after });
  }

  /** The recorded writes as one WorkspaceEdit. */
  edit(): { edit: WorkspaceEdit; edits: number; changed: string[] } {
    const writes = [...this.pending.values()];
    const { edit, edits } = textChangesEdit(writes);
    return { edit, edits, changed: writes.filter((w) => w.before !== w.after).map((w) => w.uri) };
  }
}

/** A recording workspace over a matter's files with the open documents laid over them. */
export function matterWorkspace(matter: ServerMatter, open: ReadonlyMap<string, OpenText>): RecordingWorkspace {
  const host = matter.host;
  // Disk: a fresh FsWorkspace with the open texts as its overlay. A client's workspace overlays them already.
  const inner = host.workspace.kind === 'client' ? host.workspace : new FsWorkspace({ overlay: { get: (p) => open.get(host.toUri(p)) } });
  return new RecordingWorkspace(inner, (p) => host.toUri(p));
}

export interface ToolRun {
  matter: ServerMatter;
  open: ReadonlyMap<string, OpenText>;
  settings: FolderSettings;
  drafting?: () => Promise<DraftingBackend>;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

/** The answer to a tool name that is not one of the agent tools, or undefined for a known one. */
export function unknownTool(name: string): ToolCallResult | undefined {
  if (AGENT_TOOLS.some((t) => t.name === name)) return undefined;
  return { text: `Unknown tool "${name.slice(0, 100)}"; the tools are ${AGENT_TOOLS.map((t) => t.name).join(', ')}.`, isError: true };
}

/** Runs an agent tool on the matter; a write tool's writes come back as `edit` (never written). */
export async function runTool(name: string, input: Record<string, unknown>, run: ToolRun): Promise<ToolCallResult> {
  const tool = AGENT_TOOLS.find((t) => t.name === name);
  if (!tool) return unknownTool(name)!;
  const host = run.matter.host;
  const dir = host.toPath(run.matter.base.root);
  if (dir === undefined) return { text: "The matter's folder cannot be read by the server.", isError: true };
  const ws = matterWorkspace(run.matter, run.open);
  const root = (await ws.realpath(dir)) ?? dir;
  const ctx: AgentContextWithDrafting = { root, allowWrites: true, workspace: ws, settings: run.settings.check, patterns: run.settings.patterns, signal: run.signal, log: run.log };
  if (name === 'patent_generate' && run.drafting) {
    try {
      ctx.drafting = await run.drafting();
    } catch (err) {
      return { text: `${(err as Error).message} Call the tool again once that is settled.`, isError: true };
    }
  }
  const result = await callTool(name, input, ctx);
  const out: ToolCallResult = { text: result.text, ...(result.isError ? { isError: true } : {}) };
  if (tool.writes && !result.isError && ws.pending.size) {
    const { edit, changed } = ws.edit();
    if (changed.length) Object.assign(out, { edit, changed });
  }
  return out;
}

/** A path of the matter for a tool's `path` argument: the document, relative to the matter folder. */
export function relativeIn(matter: ServerMatter, uri: string): string | undefined {
  const root = matter.base.root.replace(/\/+$/, '');
  if (!uri.startsWith(root + '/')) return undefined;
  try {
    return decodeURIComponent(uri.slice(root.length + 1));
  } catch {
    return undefined;
  }
}
