// Status bar: the active matter's claims, independent claims and the errors and warnings in its
// claims (what needs the drafter now; the description's findings are in the report); click opens
// the report. "$(sync~spin) checking…" while a matter is found or analysed for the first time.
import * as vscode from 'vscode';
import { readConfig } from './config';
import { statusSummary } from '../service/statusSummary';
import { COMMAND_IDS } from './ids';
import { guard } from './log';
import type { MatterManager } from './matters';

export const CHECKING_TEXT = '$(sync~spin) checking…';

export function registerStatusBar(manager: MatterManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('patentDraft.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Patent Draft';
  item.command = COMMAND_IDS.openReport;
  const update = () =>
    guard('status bar', undefined, () => {
      const m = manager.active();
      const a = m?.analysis;
      if (m ? !readConfig(m.root).statusBar : !readConfig().statusBar) {
        item.hide();
        return;
      }
      if (manager.checking && (!a || m?.analyzedVersion === -1)) {
        item.text = CHECKING_TEXT;
        item.tooltip = 'Patent Draft: checking the matter for the first time…';
        item.accessibilityInformation = { label: item.tooltip, role: 'button' };
        item.show();
        return;
      }
      if (!m || !a) {
        item.hide();
        return;
      }
      const { text, tooltip } = statusSummary(a);
      item.text = text;
      item.tooltip = tooltip;
      item.accessibilityInformation = { label: tooltip, role: 'button' };
      item.show();
    });
  update();
  return vscode.Disposable.from(
    item,
    manager.onDidAnalyze(update),
    manager.onDidChangeMatters(update),
    manager.onDidChangeChecking(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('patentDraft.statusBar') && update()),
  );
}
