// The "Patent Draft" commands. Each is a small object with an id, held by one disposable manager.
import * as vscode from 'vscode';
import { importPatentXml } from '../core/index';
import type { Finding, Fix, Range } from '../core/index';
import { CLAIM_TREE_VIEW, COMMAND_IDS, HAS_MATTER_CONTEXT } from './ids';
import { dedupeEdits, fixToWorkspaceEdit, toRange, toUri } from './convert';
import { describeError, log, showError } from './log';
import { importWordDraft } from './filing';
import { isWordDocument } from '../filing/importDocx';
import type { MatterManager, MatterState } from './matters';
import type { ReportPanel } from './report';

interface Command {
  readonly id: string;
  run(...args: unknown[]): unknown;
}

const NO_MATTER =
  'No patent matter is open. Open a folder with a claims file (claims.md), or import a published patent.';

async function noMatter(): Promise<undefined> {
  const pick = await vscode.window.showWarningMessage(NO_MATTER, 'Import Published Patent');
  if (pick) await vscode.commands.executeCommand(COMMAND_IDS.importPatent);
  return undefined;
}

/** The matter a command applies to: the uri's, the active one, or one the user picks. */
export async function pickMatter(manager: MatterManager, arg?: unknown): Promise<MatterState | undefined> {
  if (arg instanceof vscode.Uri) {
    const m = manager.matterOf(arg);
    if (m) return m;
  }
  const ed = vscode.window.activeTextEditor;
  const fromEditor = ed && manager.matterOf(ed.document.uri);
  if (fromEditor) return fromEditor;
  const all = manager.all();
  if (all.length === 0) return noMatter();
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((m) => ({ label: m.root.path.slice(m.root.path.lastIndexOf('/') + 1), description: vscode.workspace.asRelativePath(m.root), m })),
    { placeHolder: 'Which matter?' },
  );
  return picked?.m;
}

export function registerCommands(manager: MatterManager, report: ReportPanel): vscode.Disposable {
  const commands: Command[] = [
    {
      id: COMMAND_IDS.checkMatter,
      async run(arg) {
        const m = await pickMatter(manager, arg);
        if (!m) return;
        const started = performance.now();
        await manager.refresh(m);
        const a = m.analysis;
        log().info(`${m.logId}: checked on request in ${(performance.now() - started).toFixed(1)} ms`);
        if (!a) return showError('The matter could not be checked.');
        const errors = a.findings.filter((f: Finding) => f.severity === 'error').length;
        const msg = a.findings.length
          ? `Checked ${a.matter.documents.length} document(s), ${a.claims.length} claims: ${a.findings.length} finding(s), ${errors} error(s).`
          : `Checked ${a.matter.documents.length} document(s), ${a.claims.length} claims: no findings.`;
        const pick = await vscode.window.showInformationMessage(msg, 'Show Problems', 'Open Report');
        if (pick === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
        if (pick === 'Open Report') report.show(m);
      },
    },
    {
      id: COMMAND_IDS.renumberClaims,
      async run(arg) {
        const m = await pickMatter(manager, arg);
        if (!m) return;
        const a = manager.analyzeNow(m);
        if (!a) return showError('The matter could not be analysed, so its claims cannot be renumbered.');
        if (a.claims.length === 0) return vscode.window.showInformationMessage('This matter has no claims to renumber.');
        const fix = a.findings
          .filter((f: Finding) => f.code === 'claim-numbering')
          .flatMap((f: Finding) => f.fixes ?? [])
          .find((x: Fix) => x.edits.length > 0);
        if (!fix) {
          const amendment = m.config.mode === 'amendment';
          return vscode.window.showInformationMessage(
            amendment ? 'Nothing to renumber: in amendment mode claims keep their numbers (canceled numbers are not reused).' : 'The claims are already numbered consecutively.',
          );
        }
        const edit = fixToWorkspaceEdit({ ...fix, edits: dedupeEdits(fix.edits) });
        const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
        log().info(`${m.logId}: renumbered claims, ${fix.edits.length} edit(s), applied=${ok}`);
        if (!ok) await showError('The claims could not be renumbered: the edit was rejected (is the file read-only?).');
      },
    },
    {
      id: COMMAND_IDS.showClaimTree,
      async run() {
        // The view shows once a matter is known; asked for explicitly, it shows at once (with its
        // welcome text when there is no matter yet), whatever the discovery has found so far.
        await vscode.commands.executeCommand('setContext', HAS_MATTER_CONTEXT, true);
        // The view's own container (activity bar) opens with it.
        await vscode.commands.executeCommand(`${CLAIM_TREE_VIEW}.focus`);
      },
    },
    {
      id: COMMAND_IDS.openReport,
      async run(arg) {
        const m = await pickMatter(manager, arg);
        if (m) report.show(m);
      },
    },
    {
      id: COMMAND_IDS.exportReport,
      async run(arg) {
        const m = report.current ?? (await pickMatter(manager, arg));
        if (m) await report.export(m);
      },
    },
    {
      id: COMMAND_IDS.importPatent,
      async run() {
        await importPatent();
      },
    },
    {
      id: COMMAND_IDS.reveal,
      async run(uri, range) {
        if (typeof uri !== 'string' || !range) return;
        const r = toRange(range as Range);
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

/** Imports a USPTO/EPO XML document as a Markdown matter in a folder the user picks (one WorkspaceEdit). */
async function importPatent(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Patent XML or Word draft': ['xml', 'docx'], 'All files': ['*'] },
    openLabel: 'Import',
    title: 'Import a published patent (USPTO or EPO XML) or a Word draft (.docx)',
  });
  const source = picked?.[0];
  if (!source) return;
  const bytes = await vscode.workspace.fs.readFile(source);
  let imported: { docNumber: string; files: { name: string; text: string }[] };
  const started = performance.now();
  try {
    if (isWordDocument(source.path, bytes)) {
      const word = await importWordDraft(source, bytes);
      if (!word) return;
      imported = word;
    } else imported = importPatentXml(new TextDecoder('utf-8').decode(bytes));
  } catch (err) {
    // The message may quote the file; the log gets its class only.
    log().error(`import failed after ${(performance.now() - started).toFixed(1)} ms on ${bytes.length} bytes (${err instanceof Error ? err.name : typeof err})`);
    await showError(`This file could not be imported as a patent document: ${describeError(err)}. Choose a USPTO full-text XML, an EPO XML or a Word (.docx) file.`, {
      title: 'Choose Another File',
      run: () => vscode.commands.executeCommand(COMMAND_IDS.importPatent),
    });
    return;
  }
  log().info(`imported a ${bytes.length}-byte document into ${imported.files.length} file(s) in ${(performance.now() - started).toFixed(1)} ms`);
  const folders = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: 'Import Here',
    title: `Folder to hold the imported matter (a folder ${matterFolderName(imported.docNumber)} is made in it)`,
  });
  const picked0 = folders?.[0];
  if (!picked0) return;
  // One matter per folder: the import goes into a folder of its own, named by the document number.
  const folder = vscode.Uri.joinPath(picked0, matterFolderName(imported.docNumber));
  const targets = imported.files.map((f) => ({ uri: vscode.Uri.joinPath(folder, f.name), text: f.text }));
  const existing: vscode.Uri[] = [];
  for (const t of targets) {
    try {
      await vscode.workspace.fs.stat(t.uri);
      existing.push(t.uri);
    } catch {
      // does not exist: good
    }
  }
  if (existing.length) {
    const ok = await vscode.window.showWarningMessage(
      `${existing.length} file(s) already exist in that folder (${existing.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)).join(', ')}). Overwrite?`,
      { modal: true },
      'Overwrite',
    );
    if (ok !== 'Overwrite') return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const t of targets) edit.createFile(t.uri, { overwrite: true, contents: new TextEncoder().encode(t.text) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    await showError('The imported files could not be written. Check that the folder is writable and try again.');
    return;
  }
  const first = targets[0];
  if (first) await vscode.window.showTextDocument(first.uri);
}

/** A safe folder name for an imported document ("US 8,930,553 B2" → "US8930553B2"). */
export function matterFolderName(docNumber: string | undefined): string {
  const clean = (docNumber ?? '').replace(/[^A-Za-z0-9_-]+/g, '');
  return clean || 'imported-patent';
}
