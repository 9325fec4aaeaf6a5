// "Patent Draft: Export for Filing" and the Word branch of "Import Published Patent". The work is
// src/filing's; this file asks the user (format, what to do about findings, whether to replace a
// file), writes only what the user accepted, and never logs document text.
import * as vscode from 'vscode';
import { exportMatter, exportTarget, writeExport, type ExportFormat } from '../filing/export';
import { describeImportReport, importDocx, matterFileName } from '../filing/importDocx';
import type { Jurisdiction } from '../core/index';
import { pickMatter } from './commands';
import { describeError, log, showError } from './log';
import type { MatterManager } from './matters';

export const EXPORT_FOR_FILING = 'patentDraft.exportForFiling';

const FORMATS: { label: string; description: string; format: ExportFormat }[] = [
  { label: 'Word (.docx)', description: 'USPTO / EPO layout: numbered paragraphs, claims and abstract on their own pages', format: 'docx' },
  { label: 'HTML (.html)', description: 'the same layout, for a browser or printing', format: 'html' },
  { label: 'Markdown (.md)', description: 'clean: no comments or front matter, numbered paragraphs', format: 'md' },
];

async function exists(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

/** Writes a new file, or replaces one the user agreed to replace; never through a symbolic link. */
async function writeFile(uri: vscode.Uri, bytes: Uint8Array, replace: boolean): Promise<void> {
  if (uri.scheme === 'file') return writeExport(uri.fsPath, Buffer.from(bytes), replace, vscode.workspace.asRelativePath(uri));
  const st = await exists(uri);
  if (st && (st.type & vscode.FileType.SymbolicLink || !(st.type & vscode.FileType.File))) throw new Error(`${vscode.workspace.asRelativePath(uri)} is not a regular file; not replaced`);
  if (st && !replace) throw new Error(`${vscode.workspace.asRelativePath(uri)} exists; not overwritten`);
  await vscode.workspace.fs.writeFile(uri, bytes);
}

async function exportForFiling(manager: MatterManager, arg: unknown): Promise<void> {
  const m = await pickMatter(manager, arg);
  if (!m) return;
  const analysis = manager.analyzeNow(m);
  if (!analysis) return showError('The matter could not be read, so it cannot be exported. Save its files and try again.');
  const picked = await vscode.window.showQuickPick(FORMATS, { placeHolder: 'Export for filing as…', title: 'Patent Draft: Export for Filing' });
  if (!picked) return;
  const jurisdiction: Jurisdiction = analysis.matter.settings.jurisdiction;
  const started = performance.now();
  const result = await exportMatter(analysis.matter, { format: picked.format, jurisdiction });
  log().info(`${m.logId}: export ${picked.format}/${jurisdiction} built in ${(performance.now() - started).toFixed(1)} ms: ${result.bytes.length} bytes, ${result.document.claims.length} claims, ${result.findings.length} filing finding(s)`);
  if (result.findings.length) {
    const first = result.findings[0];
    const choice = await vscode.window.showWarningMessage(
      `${result.findings.length} finding(s) a filing office would object to (first: ${first.message}). Fix them first, or export anyway?`,
      { modal: true },
      'Show Problems',
      'Export Anyway',
    );
    if (choice === 'Show Problems') return void vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== 'Export Anyway') return;
  }
  const t = exportTarget(analysis.matter, picked.format);
  let target = vscode.Uri.joinPath(/^[a-z][a-z0-9+.-]*:/i.test(t.folder) ? vscode.Uri.parse(t.folder) : vscode.Uri.file(t.folder), t.name);
  let replace = false;
  if (await exists(target)) {
    const choice = await vscode.window.showWarningMessage(`${t.name} already exists next to the matter. Replace it?`, { modal: true }, 'Replace', 'Save As…');
    if (choice === 'Save As…') {
      const other = await vscode.window.showSaveDialog({ defaultUri: target, filters: { [picked.label]: [picked.format] }, title: 'Export for filing' });
      if (!other) return;
      target = other;
      // The save dialog asked about replacing a file it lets the user pick.
      replace = true;
    } else if (choice === 'Replace') replace = true;
    else return;
  }
  try {
    await writeFile(target, result.bytes, replace);
  } catch (err) {
    log().error(`${m.logId}: export not written (${err instanceof Error ? err.name : typeof err})`);
    return showError(`The export was not written: ${describeError(err)}.`);
  }
  const notes = result.document.notes.length ? ` Note: ${result.document.notes.join('; ')}.` : '';
  const done = await vscode.window.showInformationMessage(
    `Exported ${vscode.workspace.asRelativePath(target)} (${jurisdiction.toUpperCase()} layout): ${result.document.paragraphs} numbered paragraph(s), ${result.document.claims.length} claim(s).${notes}`,
    'Reveal in Explorer',
  );
  if (done === 'Reveal in Explorer') await vscode.commands.executeCommand('revealInExplorer', target);
}

/**
 * The Word branch of "Import Published Patent": the draft as one Markdown matter file, or
 * undefined when the user declined after reading the import report (tracked changes, images).
 */
export async function importWordDraft(source: vscode.Uri, bytes: Uint8Array): Promise<{ docNumber: string; files: { name: string; text: string }[] } | undefined> {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  const started = performance.now();
  const imported = await importDocx(Buffer.from(bytes), name);
  const r = imported.report;
  log().info(`imported a ${bytes.length}-byte Word document in ${(performance.now() - started).toFixed(1)} ms: ${imported.claims} claims, ${imported.paragraphs} numbered paragraphs, ${r.trackedInsertions + r.trackedDeletions + r.trackedMoves} tracked change(s), ${r.images.length} image(s)`);
  const lines = describeImportReport(r);
  if (lines.length) {
    const ok = await vscode.window.showWarningMessage(`Importing ${name}: ${lines.join('; ')}. The report is kept at the top of the imported file.`, { modal: true }, 'Import');
    if (ok !== 'Import') return undefined;
  }
  return { docNumber: matterFileName(name).replace(/\.md$/, ''), files: imported.files };
}

export function registerFiling(manager: MatterManager): vscode.Disposable {
  return vscode.commands.registerCommand('patentDraft.exportForFiling', async (arg?: unknown) => {
    try {
      await exportForFiling(manager, arg);
    } catch (err) {
      log().error(`command ${EXPORT_FOR_FILING} failed: ${describeError(err)}`);
      await showError(`Patent Draft: the export failed (${describeError(err)}).`, { title: 'Retry', run: () => vscode.commands.executeCommand(EXPORT_FOR_FILING, arg) });
    }
  });
}
