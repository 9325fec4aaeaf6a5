// Rename a claim term across the whole matter (claims and disclosure), articles kept right: the
// service's edits (src/service), converted, labelled Claims / Disclosure in the preview.
import * as vscode from 'vscode';
import { dedupeEdits, prepareRename, renameEdits, RENAME_HINT } from '../service/index';
import { SELECTOR } from './codeActions';
import { fromLspRange, toRange, toUri } from './convert';
import { log } from './log';
import type { MatterManager } from './matters';

export function registerRename(manager: MatterManager): vscode.Disposable {
  const at = (p: vscode.Position) => ({ line: p.line, character: p.character });
  return vscode.languages.registerRenameProvider(SELECTOR, {
    prepareRename(document, position) {
      let r: ReturnType<typeof prepareRename> = null;
      try {
        const hit = manager.analysisFor(document.uri);
        if (hit) r = prepareRename(hit.analysis, document.uri.toString(), at(position));
      } catch (err) {
        log().error(`prepare rename failed: ${String(err)}`);
      }
      // Rejecting is how a rename provider says "nothing to rename here"; VS Code shows the message.
      if (!r) throw new Error(RENAME_HINT);
      return { range: fromLspRange(r.range), placeholder: r.placeholder };
    },
    provideRenameEdits(document, position, newName) {
      try {
        const hit = manager.analysisFor(document.uri);
        if (!hit) return undefined;
        const started = performance.now();
        const edits = renameEdits(hit.analysis, document.uri.toString(), at(position), newName);
        if (!edits) return undefined;
        const where = new Map(edits.map((e) => [e.edit, e.where]));
        const kept = dedupeEdits(edits.map((e) => e.edit));
        const edit = new vscode.WorkspaceEdit();
        const claimsMeta: vscode.WorkspaceEditEntryMetadata = { label: 'Claims', needsConfirmation: false };
        const disclosureMeta: vscode.WorkspaceEditEntryMetadata = { label: 'Disclosure', needsConfirmation: false };
        for (const e of kept) edit.replace(toUri(e.uri), toRange(e.range), e.newText, where.get(e) === 'claims' ? claimsMeta : disclosureMeta);
        log().info(`${hit.matter.logId}: rename of a term: ${kept.length} edit(s) in ${(performance.now() - started).toFixed(1)} ms`);
        return edit;
      } catch (err) {
        log().error(`rename failed: ${String(err)}`);
        return undefined;
      }
    },
  });
}
