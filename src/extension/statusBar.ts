// Status bar: the active matter's claims, independent claims and findings; click opens the report.
import * as vscode from 'vscode';
import type { Claim, Finding } from '../core/types';
import { readConfig } from './config';
import { diagnosticLevel } from '../service/diagnosticLevel';
import { COMMAND_IDS } from './ids';
import { guard } from './log';
import type { MatterManager } from './matters';

export function registerStatusBar(manager: MatterManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('patentDraft.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Patent Draft';
  item.command = COMMAND_IDS.openReport;
  const update = () =>
    guard('status bar', undefined, () => {
      const m = manager.active();
      const a = m?.analysis;
      if (!m || !a || !readConfig(m.root).statusBar) {
        item.hide();
        return;
      }
      const claims = a.claims.filter((c: Claim) => !c.canceled);
      const independent = claims.filter((c: Claim) => c.parents.length === 0).length;
      // Counted as the editor shows them: errors and warnings; info and low-confidence hints apart.
      const levels = a.findings.map((f: Finding) => diagnosticLevel(f));
      const errors = levels.filter((l) => l === 'error').length;
      const findings = errors + levels.filter((l) => l === 'warning').length;
      const quiet = levels.length - findings;
      item.text = `$(law) ${claims.length} claim${claims.length === 1 ? '' : 's'} · ${independent} indep. · $(${errors ? 'error' : findings ? 'warning' : 'check'}) ${findings}`;
      item.tooltip = `Patent Draft: ${claims.length} claims (${independent} independent), ${findings} errors and warnings (${errors} errors), ${quiet} info and hints. Click to open the matter report.`;
      item.accessibilityInformation = { label: item.tooltip, role: 'button' };
      item.show();
    });
  update();
  return vscode.Disposable.from(
    item,
    manager.onDidAnalyze(update),
    manager.onDidChangeMatters(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('patentDraft.statusBar') && update()),
  );
}
