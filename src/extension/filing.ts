// "Patent Draft: Export for Filing" and "Prepare Claim Listing…": registered here, run by the filing
// bundle (filingHost.ts → dist/filing.js), loaded on first use so that activation stays fast. The ids
// are literals (test/extension keeps registered and contributed commands in step).
import * as vscode from 'vscode';
import { pickMatter } from './commands';
import { loadFiling } from './lazy';
import { describeError, log, showError } from './log';
import type { ServerMatters } from './serverMatters';

export const EXPORT_FOR_FILING = 'patentDraft.exportForFiling';
export const PREPARE_CLAIM_LISTING = 'patentDraft.prepareClaimListing';

export function registerFiling(matters: ServerMatters): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('patentDraft.exportForFiling', async (arg?: unknown) => {
      try {
        const m = await pickMatter(matters, arg);
        if (m) await (await loadFiling()).exportForFiling(m);
      } catch (err) {
        log().error(`command ${EXPORT_FOR_FILING} failed: ${describeError(err)}`);
        await showError(`Patent Draft: the export failed (${describeError(err)}).`, { title: 'Retry', run: () => vscode.commands.executeCommand(EXPORT_FOR_FILING, arg) });
      }
    }),
    vscode.commands.registerCommand('patentDraft.prepareClaimListing', async () => {
      try {
        if (matters.all().length === 0) await matters.refresh();
        await (await loadFiling()).prepareClaimListing(matters.active());
      } catch (err) {
        log().error(`claim listing failed: ${describeError(err)}`);
        await showError('The claim listing could not be prepared.');
      }
    }),
  );
}
