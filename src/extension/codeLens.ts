// CodeLens above each claim: "independent · 3 dependents" or "depends on 1 ← 3".
import * as vscode from 'vscode';
import { codeLenses } from '../service/index';
import { SELECTOR } from './codeActions';
import { readConfig } from './config';
import { fromLspRange } from './convert';
import { COMMAND_IDS } from './ids';
import { guard } from './log';
import type { MatterManager } from './matters';

const REVEAL_COMMAND = COMMAND_IDS.reveal;

export function registerCodeLens(manager: MatterManager): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document, token) {
      if (!readConfig(document.uri).codeLens) return [];
      const hit = await manager.analysisReady(document.uri, token).catch(() => undefined);
      return guard('code lens', [], () => {
        if (!hit || token.isCancellationRequested) return [];
        return codeLenses(hit.analysis, document.uri.toString(), { reveal: REVEAL_COMMAND, showTree: COMMAND_IDS.showClaimTree }).map((l) => {
          const c = l.command!;
          return new vscode.CodeLens(fromLspRange(l.range), { ...c, tooltip: c.command === REVEAL_COMMAND ? 'Go to the claim it depends on' : 'Show the claim tree' });
        });
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider(SELECTOR, provider),
    manager.onDidAnalyze(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('patentDraft.codeLens')) changed.fire();
    }),
  );
}
