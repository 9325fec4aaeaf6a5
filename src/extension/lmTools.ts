// The agent tools (src/agent) as VS Code language-model tools, so agent mode in chat can check the
// matter, read its claim tree, claims and terms, draft, and edit. Every tool works on the matter as
// the editor holds it (unsaved changes included): the matter's documents are copied into a private
// temporary folder, the agent layer runs there, and a write tool's changes come back as one
// WorkspaceEdit applied through the editor (undoable, not saved) after the confirmation VS Code
// shows. Nothing is written to the user's files behind the editor's back.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_TOOLS, callTool, type AgentContextWithDrafting, type AgentTool } from '../agent/index';
import type { DraftingEngine } from './drafting/engine';
import { describeArgs, minimalChange } from './drafting/lmToolDefs';
import { checkSettings } from './config';
import { describeError, log } from './log';
import { isUnder, type MatterManager, type MatterState } from './matters';

type ToolInput = Record<string, unknown>;

const MATTER_DIR = '.patentdraft';

function text(t: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(t)]);
}

/** The matter a call is about, and the path to give the agent layer (relative to the matter folder). */
export function resolveMatter(manager: MatterManager, p: unknown): { matter: MatterState; rel?: string } | string {
  const matters = manager.all();
  const list = () => matters.map((m) => vscode.workspace.asRelativePath(m.root, true)).join(', ') || '(none)';
  if (typeof p !== 'string' || p.trim() === '' || p.trim() === '.') {
    const m = manager.active();
    if (!m) return 'No patent matter is open in this workspace: open a claims.md (or a document with a "## Claims" section) and call the tool again.';
    return { matter: m };
  }
  const raw = p.trim();
  const candidates: vscode.Uri[] = [];
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(raw)) candidates.push(vscode.Uri.parse(raw, true));
  else if (path.isAbsolute(raw)) candidates.push(vscode.Uri.file(raw));
  else {
    for (const f of vscode.workspace.workspaceFolders ?? []) candidates.push(vscode.Uri.joinPath(f.uri, raw));
    const active = manager.active();
    if (active) candidates.push(vscode.Uri.joinPath(active.root, raw));
  }
  for (const c of candidates) {
    const m = matters.find((x) => isUnder(c, x.root));
    if (m) {
      const rel = c.path.slice(m.root.path.replace(/\/$/, '').length + 1);
      return { matter: m, rel: rel || undefined };
    }
  }
  return `"${raw}" is not in a patent matter of this workspace; the matters are ${list()}. Give a path relative to the workspace folder, or leave path out for the matter of the active editor.`;
}

async function copyDir(from: vscode.Uri, to: string, depth: number): Promise<void> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(from);
  } catch {
    return;
  }
  await fs.mkdir(to, { recursive: true, mode: 0o700 });
  for (const [name, type] of entries) {
    if (type & vscode.FileType.Directory) {
      if (depth > 0) await copyDir(vscode.Uri.joinPath(from, name), path.join(to, name), depth - 1);
    } else if (type & vscode.FileType.File) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(from, name));
      if (bytes.byteLength <= 1024 * 1024) await fs.writeFile(path.join(to, name), bytes, { mode: 0o600 });
    }
  }
}

interface Snapshot {
  root: string;
  /** Relative path → the document's uri and the text copied. */
  docs: Map<string, { uri: vscode.Uri; text: string }>;
}

/** Copies the matter as the editor holds it into a private temporary folder. */
async function snapshot(matter: MatterState): Promise<Snapshot> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'patent-draft-')));
  await fs.chmod(root, 0o700);
  await copyDir(vscode.Uri.joinPath(matter.root, MATTER_DIR), path.join(root, MATTER_DIR), 2);
  // The checks as the editor runs them: its jurisdiction, mode, severities and minimum confidence.
  const settingsFile = path.join(root, MATTER_DIR, 'settings.json');
  let own: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(await fs.readFile(settingsFile, 'utf8'));
    if (parsed && typeof parsed === 'object') own = parsed as Record<string, unknown>;
  } catch {
    // None, or unreadable: the editor's settings alone.
  }
  const editor = checkSettings(matter.config);
  await fs.mkdir(path.dirname(settingsFile), { recursive: true, mode: 0o700 });
  await fs.writeFile(settingsFile, JSON.stringify({ ...own, jurisdiction: editor.jurisdiction, mode: editor.mode, minConfidence: editor.minConfidence, severity: { ...((own.severity as object) ?? {}), ...editor.severity } }), { mode: 0o600 });
  const docs = new Map<string, { uri: vscode.Uri; text: string }>();
  const base = matter.root.path.replace(/\/$/, '') + '/';
  for (const d of matter.docs.values()) {
    if (!d.uri.path.startsWith(base)) continue;
    const rel = d.uri.path.slice(base.length);
    if (!rel || rel.split('/').includes('..')) continue;
    const open = vscode.workspace.textDocuments.find((x) => x.uri.toString() === d.uri.toString());
    const t = open ? open.getText() : d.text;
    const file = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.writeFile(file, t, { mode: 0o600 });
    docs.set(rel, { uri: d.uri, text: t });
  }
  return { root, docs };
}

/** The snapshot's changed documents as one WorkspaceEdit, or a sentence saying why not. */
async function editFromSnapshot(snap: Snapshot): Promise<{ edit: vscode.WorkspaceEdit; changed: string[] } | string> {
  const edit = new vscode.WorkspaceEdit();
  const changed: string[] = [];
  for (const [rel, d] of snap.docs) {
    const after = (await fs.readFile(path.join(snap.root, ...rel.split('/')), 'utf8')).replace(/^\uFEFF/, '');
    const change = minimalChange(d.text, after);
    if (!change) continue;
    const doc = await vscode.workspace.openTextDocument(d.uri);
    if (doc.getText() !== d.text) return `${rel} changed in the editor while the tool ran; nothing was changed. Call the tool again.`;
    edit.replace(d.uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.newText);
    changed.push(rel);
  }
  return { edit, changed };
}

class AgentLanguageModelTool implements vscode.LanguageModelTool<ToolInput> {
  constructor(
    private readonly tool: AgentTool,
    private readonly manager: MatterManager,
    private readonly engine?: DraftingEngine,
  ) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ToolInput>): vscode.PreparedToolInvocation {
    const input = options.input ?? {};
    if (!this.tool.writes || input.dryRun === true) return { invocationMessage: `Patent Draft: ${this.tool.title.toLowerCase()}…` };
    const where = resolveMatter(this.manager, input.path);
    const matterName = typeof where === 'string' ? 'the active matter' : vscode.workspace.asRelativePath(where.matter.root, true);
    return {
      invocationMessage: `Patent Draft: ${this.tool.title.toLowerCase()}…`,
      confirmationMessages: {
        title: `Patent Draft: ${this.tool.title}?`,
        message: new vscode.MarkdownString(`${describeArgs(this.tool, input)}\n\nIn ${matterName}; applied in the editor as one undoable edit (not saved).`),
      },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<ToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const started = Date.now();
    let snap: Snapshot | undefined;
    try {
      const input: ToolInput = { ...(options.input ?? {}) };
      const where = resolveMatter(this.manager, input.path);
      if (typeof where === 'string') return text(where);
      const { matter } = where;
      if (!this.manager.analyzeNow(matter)) return text('The matter is still being read; call the tool again in a moment.');
      if (where.rel === undefined) delete input.path;
      else input.path = where.rel;
      const dryRun = input.dryRun === true;
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      snap = await snapshot(matter);
      const ctx: AgentContextWithDrafting = {
        root: snap.root,
        allowWrites: this.tool.writes && !dryRun,
        signal: controller.signal,
        log: (m) => log().info(`lm tool ${m}`),
      };
      if (this.tool.name === 'patent_generate' && this.engine) {
        const backend = await this.engine.backend(matter.root, true);
        if (!backend) return text('The configured drafting backend (Triton) cannot be used now: it has no endpoint, or sending to it was not allowed. Ask the user to run "Patent Draft: Test Connection" or to set patentDraft.backend to "builtin".');
        ctx.drafting = backend;
      }
      const result = await callTool(this.tool.name, input, ctx);
      sub.dispose();
      if (result.isError || !this.tool.writes || dryRun) return text(result.text);
      const planned = await editFromSnapshot(snap);
      if (typeof planned === 'string') return text(planned);
      if (planned.changed.length && !(await vscode.workspace.applyEdit(planned.edit))) {
        return text(`${this.tool.name}: the editor refused the edit (a document may have changed or be read-only); nothing was changed. Call patent_check and try again.`);
      }
      log().info(`lm tool ${this.tool.name}: ${planned.changed.length} document(s) edited in the editor for ${matter.logId} in ${Date.now() - started} ms`);
      const data = (result.data ?? {}) as Record<string, unknown>;
      delete data.written;
      return text(JSON.stringify({ ...data, changedInEditor: planned.changed, note: planned.changed.length ? 'Applied in the editor as one undoable edit; the documents are not saved yet.' : 'Nothing changed.' }, null, 2));
    } catch (err) {
      log().error(`lm tool ${this.tool.name} failed: ${describeError(err)}`);
      return text(`${this.tool.name} failed: ${err instanceof Error ? err.message : String(err)}. Call patent_check to see the matter's state, or try again.`);
    } finally {
      if (snap) await fs.rm(snap.root, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

export function registerLanguageModelTools(manager: MatterManager, engine?: DraftingEngine): vscode.Disposable {
  if (typeof vscode.lm?.registerTool !== 'function') {
    log().info('language-model tools not registered: this editor has no vscode.lm.registerTool');
    return new vscode.Disposable(() => undefined);
  }
  const subs: vscode.Disposable[] = [];
  for (const tool of AGENT_TOOLS) {
    try {
      subs.push(vscode.lm.registerTool(tool.name, new AgentLanguageModelTool(tool, manager, engine)));
    } catch (err) {
      log().warn(`language-model tool ${tool.name} not registered: ${describeError(err)}`);
    }
  }
  log().info(`language-model tools registered: ${subs.length}`);
  return vscode.Disposable.from(...subs);
}
