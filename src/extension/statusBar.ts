// Status bar: the active matter's claims, independent claims and the errors and warnings in its
// claims (the server's patentDraft/status: src/service/statusSummary.ts); click opens the report.
// "$(sync~spin) checking…" from the moment a Markdown document is opened until the server has
// answered for it (its first findings published), so a document never looks clean while it is read.
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { readConfig } from './config';
import { COMMAND_IDS } from './ids';
import { describeError, log } from './log';
import type { ServerMatters } from './serverMatters';
import { STATUS, type StatusResult } from '../lsp/protocol';

export const CHECKING_TEXT = '$(sync~spin) checking…';
/** The status is asked for at most this often while notifications arrive. */
const COALESCE_MS = 30;

/** Whether the server may take this document into a matter (Markdown on a scheme it is given: the client's selector). */
export function isCandidate(client: PatentClient, doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && client.handles(doc.uri.scheme);
}

export function registerStatusBar(client: PatentClient, matters: ServerMatters): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('patentDraft.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Patent Draft';
  item.command = COMMAND_IDS.openReport;
  /** Documents opened whose first answer from the server is not in yet. */
  const pending = new Set<string>();
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const show = (text: string, tooltip: string) => {
    item.text = text;
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: tooltip, role: 'button' };
    item.show();
  };
  const checking = () => show(CHECKING_TEXT, 'Patent Draft: checking the matter for the first time…');

  const update = async (): Promise<void> => {
    const my = ++seq;
    const ed = vscode.window.activeTextEditor;
    const scope = ed?.document.uri;
    if (!readConfig(scope).statusBar) return item.hide();
    const doc = ed && isCandidate(client, ed.document) ? { uri: ed.document.uri.toString() } : matters.activeDocument();
    if (!doc) return item.hide();
    const m = matters.matterOf(doc.uri);
    const first = pending.has(doc.uri) || (m !== undefined && m.checking && m.version === 0) || client.checking(doc.uri);
    if (first) checking();
    const r = await client.request<StatusResult | null>(STATUS, { textDocument: doc }, null);
    if (my !== seq) return;
    pending.delete(doc.uri);
    if (!r) {
      // Not a matter document (or not read yet): nothing to show, unless the server says it is checking it.
      if (client.checking(doc.uri)) checking();
      else item.hide();
      return;
    }
    show(r.text, r.tooltip);
  };
  const soon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      update().catch((err) => log().error(`status bar: ${describeError(err)}`));
    }, COALESCE_MS);
  };
  const opened = (d: vscode.TextDocument) => {
    if (!isCandidate(client, d) || matters.matterOf(d.uri)) return;
    pending.add(d.uri.toString());
    // Shown at once (not after the coalescing timer): the opening is when the drafter looks.
    if (vscode.window.activeTextEditor?.document === d || !vscode.window.activeTextEditor) checking();
    soon();
  };
  for (const d of vscode.workspace.textDocuments) opened(d);
  soon();
  return vscode.Disposable.from(
    item,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.workspace.onDidCloseTextDocument((d) => pending.delete(d.uri.toString())),
    matters.onDidChange(soon),
    matters.onDidChangeMatters(soon),
    vscode.window.onDidChangeActiveTextEditor(soon),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('patentDraft.statusBar') && soon()),
  );
}
