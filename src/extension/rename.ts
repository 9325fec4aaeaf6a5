// Rename a claim term across the whole matter (claims and disclosure), articles kept right.
import * as vscode from 'vscode';
import { findTermAt } from '../core/index';
import type { Claim, TextEdit } from '../core/types';
import { SELECTOR } from './codeActions';
import { dedupeEdits, toRange, toUri } from './convert';
import { log } from './log';
import type { MatterManager } from './matters';
import { renameTermEdits } from '../service/termOps';

export function registerRename(manager: MatterManager): vscode.Disposable {
  const termAt = (document: vscode.TextDocument, position: vscode.Position) => {
    const hit = manager.analysisFor(document.uri);
    if (!hit) return undefined;
    const t = findTermAt(hit.analysis, document.uri.toString(), document.offsetAt(position));
    return t && { ...t, analysis: hit.analysis, matter: hit.matter };
  };
  return vscode.languages.registerRenameProvider(SELECTOR, {
    prepareRename(document, position) {
      let t: ReturnType<typeof termAt>;
      try {
        t = termAt(document, position);
      } catch (err) {
        log().error(`prepare rename failed: ${String(err)}`);
      }
      // Rejecting is how a rename provider says "nothing to rename here"; VS Code shows the message.
      if (!t) throw new Error('Place the cursor on a claim term to rename it across the matter.');
      return { range: toRange(t.mention.phraseRange), placeholder: t.mention.phrase };
    },
    provideRenameEdits(document, position, newName) {
      try {
        const t = termAt(document, position);
        if (!t || !newName.trim()) return undefined;
        const started = performance.now();
        const edits = dedupeEdits(renameTermEdits(t.analysis, t.term, newName));
        const edit = new vscode.WorkspaceEdit();
        const claimsMeta: vscode.WorkspaceEditEntryMetadata = { label: 'Claims', needsConfirmation: false };
        const disclosureMeta: vscode.WorkspaceEditEntryMetadata = { label: 'Disclosure', needsConfirmation: false };
        const inClaim = (e: TextEdit) =>
          t.analysis.claims.some((c: Claim) => c.uri === e.uri && c.range.start.offset <= e.range.start.offset && e.range.end.offset <= c.range.end.offset);
        for (const e of edits) edit.replace(toUri(e.uri), toRange(e.range), e.newText, inClaim(e) ? claimsMeta : disclosureMeta);
        log().info(`${t.matter.logId}: rename of a term: ${edits.length} edit(s) in ${(performance.now() - started).toFixed(1)} ms`);
        return edit;
      } catch (err) {
        log().error(`rename failed: ${String(err)}`);
        return undefined;
      }
    },
  });
}
