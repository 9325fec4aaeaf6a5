// CodeLens above each claim: "independent · 3 dependents" or "depends on 1 ← 3". A lens is only
// ever computed from the analysis of the document's current text: while an analysis of older text
// is all there is (an accepted ghost claim, a quick edit), the provider waits for the one of this
// version, and the lenses are refreshed when each analysis lands.
import * as vscode from 'vscode';
import type { Analysis } from '../core/index';
import { codeLenses } from '../service/index';
import { SELECTOR } from './codeActions';
import { readConfig } from './config';
import { fromLspRange } from './convert';
import { COMMAND_IDS } from './ids';
import { guard } from './log';
import type { MatterManager } from './matters';

const REVEAL_COMMAND = COMMAND_IDS.reveal;
/** How many analyses the provider waits through for the one of the document's version. */
const MAX_WAITS = 5;

/** Whether an analysis saw this version of the document (open documents carry their version). */
export function analysedVersion(analysis: Pick<Analysis, 'matter'>, uri: string): number | undefined {
  return analysis.matter.documents.find((d) => d.uri === uri)?.version;
}

export function registerCodeLens(manager: MatterManager): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document, token) {
      if (!readConfig(document.uri).codeLens) return [];
      const uri = document.uri.toString();
      let hit = await manager.analysisReady(document.uri, token).catch(() => undefined);
      for (let i = 0; hit && i < MAX_WAITS && !token.isCancellationRequested && analysedVersion(hit.analysis, uri) !== document.version; i++) {
        // Text newer than the analysis (its change event not handled yet): ask again, then wait.
        hit = await manager.analysisReady(document.uri, token).catch(() => undefined);
      }
      return guard('code lens', [], () => {
        if (!hit || token.isCancellationRequested) return [];
        const seen = analysedVersion(hit.analysis, uri);
        // Never a lens for older text: its numbers may not match the claims on screen. A refresh follows the next analysis.
        if (seen !== undefined && seen !== document.version) return [];
        return codeLenses(hit.analysis, uri, { reveal: REVEAL_COMMAND, showTree: COMMAND_IDS.showClaimTree }).map((l) => {
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
