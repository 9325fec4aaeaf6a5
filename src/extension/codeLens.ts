// CodeLens above each claim: "independent · 3 dependents" or "depends on 1 ← 3".
import * as vscode from 'vscode';
import type { Claim } from '../core/types';
import { SELECTOR } from './codeActions';
import { readConfig } from './config';
import { toRange } from './convert';
import { claimLensTitle } from '../service/hoverContent';
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
        const uri = document.uri.toString();
        const claims = hit.analysis.claims.filter((c: Claim) => c.uri === uri);
        return claims.map((c: Claim) => {
          const range = toRange(c.numberRange);
          const parent = c.parents.length ? hit.analysis.claims.find((p: Claim) => p.number === c.parents[0]) : undefined;
          const command: vscode.Command = parent
            ? { title: claimLensTitle(hit.analysis, c), command: REVEAL_COMMAND, arguments: [parent.uri, parent.numberRange], tooltip: `Go to claim ${parent.number}` }
            : { title: claimLensTitle(hit.analysis, c), command: COMMAND_IDS.showClaimTree, tooltip: 'Show the claim tree' };
          return new vscode.CodeLens(range, command);
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
