// The agent tools (src/agent) as VS Code language-model tools, so agent mode in chat can check the
// matter, read its claim tree, claims and terms, draft, and edit. They run in the language server
// (patentDraft/tool) on its view of the matter: the open documents' unsaved text over the files.
// A write tool writes nothing there: its changes come back as one WorkspaceEdit, applied through the
// editor (undoable, not saved) after the confirmation VS Code shows. The tool list is package.json's
// languageModelTools (derived from AGENT_TOOLS: drafting/lmToolDefs.ts, kept in step by test/extension).
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { editCount, fromLspWorkspaceEdit, toUri } from './convert';
import { describeArgs, WRITE_ICON } from './drafting/toolText';
import { describeError, log } from './log';
import type { ServerMatters } from './serverMatters';
import { TOOL, type MatterInfo, type ToolCallParams, type ToolCallResult } from '../lsp/protocol';

type ToolInput = Record<string, unknown>;

interface ToolContribution {
  name: string;
  displayName?: string;
  icon?: string;
}

function text(t: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(t)]);
}

/** Whether `child` is the folder `root` or inside it (same scheme and authority). */
function isUnder(child: vscode.Uri, root: vscode.Uri): boolean {
  if (child.scheme !== root.scheme || child.authority !== root.authority) return false;
  const r = root.path.endsWith('/') ? root.path : root.path + '/';
  return child.path === root.path || child.path.startsWith(r);
}

/** The matter a call is about, and the path to give the tool (relative to the matter folder). */
export function resolveMatter(matters: ServerMatters, p: unknown): { matter: MatterInfo; rel?: string } | string {
  const all = matters.all();
  const list = () => all.map((m) => vscode.workspace.asRelativePath(toUri(m.root), true)).join(', ') || '(none)';
  if (typeof p !== 'string' || p.trim() === '' || p.trim() === '.') {
    const m = matters.active();
    if (!m) return 'No patent matter is open in this workspace: open a claims.md (or a document with a "## Claims" section) and call the tool again.';
    return { matter: m };
  }
  const raw = p.trim();
  const candidates: vscode.Uri[] = [];
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(raw)) candidates.push(vscode.Uri.parse(raw, true));
  else if (raw.startsWith('/')) candidates.push(vscode.Uri.file(raw));
  else {
    for (const f of vscode.workspace.workspaceFolders ?? []) candidates.push(vscode.Uri.joinPath(f.uri, raw));
    const active = matters.active();
    if (active) candidates.push(vscode.Uri.joinPath(toUri(active.root), raw));
  }
  for (const c of candidates) {
    const m = all.find((x) => isUnder(c, toUri(x.root)));
    if (m) {
      const root = toUri(m.root);
      const rel = c.path.slice(root.path.replace(/\/$/, '').length + 1);
      return { matter: m, rel: rel || undefined };
    }
  }
  return `"${raw}" is not in a patent matter of this workspace; the matters are ${list()}. Give a path relative to the workspace folder, or leave path out for the matter of the active editor.`;
}

class ServerLanguageModelTool implements vscode.LanguageModelTool<ToolInput> {
  constructor(
    private readonly tool: { name: string; title: string; writes: boolean },
    private readonly client: PatentClient,
    private readonly matters: ServerMatters,
  ) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ToolInput>): vscode.PreparedToolInvocation {
    const input = options.input ?? {};
    if (!this.tool.writes || input.dryRun === true) return { invocationMessage: `Patent Draft: ${this.tool.title.toLowerCase()}…` };
    const where = resolveMatter(this.matters, input.path);
    const matterName = typeof where === 'string' ? 'the active matter' : vscode.workspace.asRelativePath(toUri(where.matter.root), true);
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
      if (this.matters.all().length === 0) await this.matters.refresh();
      const where = resolveMatter(this.matters, input.path);
      if (typeof where === 'string') return text(where);
      if (where.rel === undefined) delete input.path;
      else input.path = where.rel;
      const params: ToolCallParams = { name: this.tool.name, input, textDocument: this.matters.documentOf(where.matter) };
      const result = await this.client.requestOrThrow<ToolCallResult | null>(TOOL, params, token);
      if (!result) return text('The matter is still being read; call the tool again in a moment.');
      if (result.isError || !result.edit) return text(result.text);
      if (!(await vscode.workspace.applyEdit(fromLspWorkspaceEdit(result.edit)))) {
        return text(`${this.tool.name}: the editor refused the edit (a document may have changed or be read-only); nothing was changed. Call patent_check and try again.`);
      }
      const changed = (result.changed ?? []).map((u) => vscode.workspace.asRelativePath(toUri(u), false));
      log().info(`lm tool ${this.tool.name}: ${editCount(result.edit)} edit(s) in ${changed.length} document(s) applied for ${where.matter.matter} in ${Date.now() - started} ms`);
      let data: Record<string, unknown> = {};
      try {
        const parsed = JSON.parse(result.text) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
      } catch {
        data = { result: result.text };
      }
      delete data.written;
      return text(
        JSON.stringify({ ...data, changedInEditor: changed, note: changed.length ? 'Applied in the editor as one undoable edit; the documents are not saved yet.' : 'Nothing changed.' }, null, 2),
      );
    } catch (err) {
      if (token.isCancellationRequested) return text(`${this.tool.name} was cancelled.`);
      log().error(`lm tool ${this.tool.name} failed: ${describeError(err)}`);
      return text(`${this.tool.name} failed: ${err instanceof Error ? err.message : String(err)}. Call patent_check to see the matter's state, or try again.`);
    }
  }
}

export function registerLanguageModelTools(context: vscode.ExtensionContext, client: PatentClient, matters: ServerMatters): vscode.Disposable {
  if (typeof vscode.lm?.registerTool !== 'function') {
    log().info('language-model tools not registered: this editor has no vscode.lm.registerTool');
    return new vscode.Disposable(() => undefined);
  }
  const manifest = context.extension.packageJSON as { contributes?: { languageModelTools?: ToolContribution[] } };
  const tools = (manifest.contributes?.languageModelTools ?? []).slice(0, 64);
  const subs: vscode.Disposable[] = [];
  for (const t of tools) {
    try {
      const title = (t.displayName ?? t.name).replace(/^Patent Draft:\s*/, '');
      subs.push(vscode.lm.registerTool(t.name, new ServerLanguageModelTool({ name: t.name, title, writes: t.icon === WRITE_ICON }, client, matters)));
    } catch (err) {
      log().warn(`language-model tool ${t.name} not registered: ${describeError(err)}`);
    }
  }
  log().info(`language-model tools registered: ${subs.length}`);
  return vscode.Disposable.from(...subs);
}
