// The "Patent Draft" commands. Each is a small object with an id, held by one disposable manager.
// What they show or change is the server's answer (the report's counts, a renumbering WorkspaceEdit);
// an edit is applied as one WorkspaceEdit (one undo step), only when the user asked for it.
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { editCount, fromLspRange, fromLspWorkspaceEdit, toUri } from './convert';
import { CLAIM_TREE_VIEW, COMMAND_IDS, HAS_MATTER_CONTEXT } from './ids';
import { describeError, log, showError } from './log';
import { loadFiling } from './lazy';
import type { ReportPanel } from './report';
import { ServerMatters } from './serverMatters';
import { RENUMBER, REPORT, type EditResult, type MatterInfo, type MatterReport } from '../lsp/protocol';
import type { Range } from 'vscode-languageserver-types';

interface Command {
  readonly id: string;
  run(...args: unknown[]): unknown;
}

const NO_MATTER = 'No patent matter is open. Open a folder with a claims file (claims.md), or import a published patent.';

async function noMatter(): Promise<undefined> {
  const pick = await vscode.window.showWarningMessage(NO_MATTER, 'Import Published Patent');
  if (pick) await vscode.commands.executeCommand(COMMAND_IDS.importPatent);
  return undefined;
}

/** The matter a command applies to: the uri's, the active editor's, the only one, or one the user picks. */
export async function pickMatter(matters: ServerMatters, arg?: unknown): Promise<MatterInfo | undefined> {
  if (arg instanceof vscode.Uri) {
    const m = matters.matterOf(arg);
    if (m) return m;
  }
  const ed = vscode.window.activeTextEditor;
  const fromEditor = ed && matters.matterOf(ed.document.uri);
  if (fromEditor) return fromEditor;
  if (matters.all().length === 0) await matters.refresh();
  const all = matters.all();
  if (all.length === 0) return noMatter();
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((m) => ({ label: ServerMatters.label(m), description: vscode.workspace.asRelativePath(toUri(m.root)), m })),
    { placeHolder: 'Which matter?' },
  );
  return picked?.m;
}

/** Applies a server edit as one undoable step; says why when there was nothing to change. */
export async function applyServerEdit(result: EditResult | null, what: string, options: vscode.WorkspaceEditMetadata = {}): Promise<boolean> {
  if (!result) {
    await showError(`The matter could not be analysed, so ${what} is not possible now.`);
    return false;
  }
  if (!result.edit) {
    if (result.message) void vscode.window.showInformationMessage(result.message);
    return false;
  }
  const ok = await vscode.workspace.applyEdit(fromLspWorkspaceEdit(result.edit), options);
  log().info(`${what}: ${editCount(result.edit)} edit(s), applied=${ok}`);
  if (!ok) await showError(`${what[0]!.toUpperCase()}${what.slice(1)} failed: the edit was rejected (is the file read-only?).`);
  return ok;
}

export function registerCommands(client: PatentClient, matters: ServerMatters, report: ReportPanel): vscode.Disposable {
  const commands: Command[] = [
    {
      id: COMMAND_IDS.checkMatter,
      async run(arg) {
        const m = await pickMatter(matters, arg);
        if (!m) return;
        const started = performance.now();
        const r = await client.request<MatterReport | null>(REPORT, { textDocument: matters.documentOf(m) }, null);
        log().info(`${m.matter}: checked on request in ${(performance.now() - started).toFixed(1)} ms`);
        if (!r) return showError('The matter could not be checked.');
        const total = r.findings.error + r.findings.warning + r.findings.info;
        const docs = m.documents.length;
        const msg = total ? `Checked ${docs} document(s), ${r.claims} claims: ${total} finding(s), ${r.findings.error} error(s).` : `Checked ${docs} document(s), ${r.claims} claims: no findings.`;
        const pick = await vscode.window.showInformationMessage(msg, 'Show Problems', 'Open Report');
        if (pick === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
        if (pick === 'Open Report') report.show(m);
      },
    },
    {
      id: COMMAND_IDS.renumberClaims,
      async run(arg) {
        const m = await pickMatter(matters, arg);
        if (!m) return;
        const r = await client.requestOrThrow<EditResult | null>(RENUMBER, { textDocument: matters.documentOf(m) });
        await applyServerEdit(r, 'renumbering the claims', { isRefactoring: true });
      },
    },
    {
      id: COMMAND_IDS.showClaimTree,
      async run() {
        // The view shows once a matter is known; asked for explicitly, it shows at once (with its
        // welcome text when there is no matter yet), whatever the server has found so far.
        await vscode.commands.executeCommand('setContext', HAS_MATTER_CONTEXT, true);
        // The view's own container (activity bar) opens with it.
        await vscode.commands.executeCommand(`${CLAIM_TREE_VIEW}.focus`);
      },
    },
    {
      id: COMMAND_IDS.openReport,
      async run(arg) {
        const m = await pickMatter(matters, arg);
        if (m) report.show(m);
      },
    },
    {
      id: COMMAND_IDS.exportReport,
      async run(arg) {
        const m = report.current ?? (await pickMatter(matters, arg));
        if (m) await report.export(m);
      },
    },
    {
      id: COMMAND_IDS.importPatent,
      async run() {
        await (await loadFiling()).importPatent();
      },
    },
    {
      id: COMMAND_IDS.reveal,
      async run(uri, range) {
        if (typeof uri !== 'string' || !range) return;
        const r = fromLspRange(range as Range);
        const editor = await vscode.window.showTextDocument(toUri(uri), { selection: r, preserveFocus: false });
        editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      },
    },
  ];

  return vscode.Disposable.from(
    ...commands.map((c) =>
      vscode.commands.registerCommand(c.id, async (...args: unknown[]) => {
        try {
          return await c.run(...args);
        } catch (err) {
          log().error(`command ${c.id} failed: ${describeError(err)}`);
          await showError(`Patent Draft: the command failed (${describeError(err)}).`, { title: 'Retry', run: () => vscode.commands.executeCommand(c.id, ...args) });
          return undefined;
        }
      }),
    ),
  );
}
