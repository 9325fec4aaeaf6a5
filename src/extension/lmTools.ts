// The agent tools (src/agent) as VS Code language-model tools, so agent mode in chat can check the
// matter, read its claim tree, claims and terms, draft, and edit. Every tool works on the matter as
// the editor holds it (unsaved changes included): the agent layer reads the matter through the
// editor's workspace (src/extension/workspaceFs.ts: open documents over the files, nothing copied
// anywhere), and a write tool's writes are recorded there and come back as one WorkspaceEdit applied
// through the editor (undoable, not saved) after the confirmation VS Code shows. Nothing is written
// to the user's files behind the editor's back.
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_TOOLS, callTool, type AgentContextWithDrafting, type AgentTool } from '../agent/index';
import type { DraftingEngine } from './drafting/engine';
import { describeArgs, minimalChange } from './drafting/lmToolDefs';
import { checkSettings } from './config';
import { describeError, log } from './log';
import { isUnder, type MatterManager, type MatterState } from './matters';
import { EditorWorkspace, hostPath } from './workspaceFs';

type ToolInput = Record<string, unknown>;

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

/** The matter as the editor holds it: its documents with their unsaved text, the rest read from the
 *  files (src/extension/workspaceFs.ts). A write tool's writes are only recorded there. */
function editorWorkspace(matter: MatterState, root: string): EditorWorkspace {
  const docs = [...matter.docs.values()].map((d) => {
    const open = vscode.workspace.textDocuments.find((x) => x.uri.toString() === d.uri.toString());
    return open ? { uri: d.uri, text: open.getText(), version: open.version } : { uri: d.uri, text: d.text, version: d.version };
  });
  return new EditorWorkspace(matter.root, docs, root);
}

/** The recorded writes as one WorkspaceEdit, or a sentence saying why not. */
async function editFromWrites(ws: EditorWorkspace, shown: (uri: vscode.Uri) => string): Promise<{ edit: vscode.WorkspaceEdit; changed: string[] } | string> {
  const edit = new vscode.WorkspaceEdit();
  const changed: string[] = [];
  for (const w of ws.pending.values()) {
    const change = minimalChange(w.before, w.after);
    if (!change) continue;
    const doc = await vscode.workspace.openTextDocument(w.uri);
    if (doc.getText() !== w.before) return `${shown(w.uri)} changed in the editor while the tool ran; nothing was changed. Call the tool again.`;
    edit.replace(w.uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.newText);
    changed.push(shown(w.uri));
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
      const root = matter.root.scheme === 'file' ? await realpath(matter.root.fsPath).catch(() => matter.root.fsPath) : hostPath(matter.root);
      const ws = editorWorkspace(matter, root);
      const editor = checkSettings(matter.config);
      const ctx: AgentContextWithDrafting = {
        root,
        allowWrites: this.tool.writes && !dryRun,
        signal: controller.signal,
        log: (m) => log().info(`lm tool ${m}`),
        workspace: ws,
        // The checks as the editor runs them (its jurisdiction, mode, severities, minimum confidence and
        // file patterns), under the matter's own .patentdraft/settings.json: the Problems panel's merge.
        settings: editor,
        patterns: { claims: matter.config.files.claims, disclosure: matter.config.files.disclosure, abstract: matter.config.files.abstract },
      };
      if (this.tool.name === 'patent_generate' && this.engine) {
        const backend = await this.engine.backend(matter.root, true);
        if (!backend) return text('The configured drafting backend (Triton) cannot be used now: it has no endpoint, or sending to it was not allowed. Ask the user to run "Patent Draft: Test Connection" or to set patentDraft.backend to "builtin".');
        ctx.drafting = backend;
      }
      const result = await callTool(this.tool.name, input, ctx);
      sub.dispose();
      if (result.isError || !this.tool.writes || dryRun) return text(result.text);
      const planned = await editFromWrites(ws, (uri) => path.relative(root, hostPath(uri)).split(path.sep).join('/'));
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
