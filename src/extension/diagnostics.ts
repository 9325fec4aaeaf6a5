// Live diagnostics: every finding of every matter, on every document of the matter, so editing
// the disclosure updates the claims' problems and the reverse. Claims documents are published
// first; style findings about the description are hints unless patentDraft.descriptionStyle is "info".
import * as vscode from 'vscode';
import { documentsClaimsFirst } from '../service/diagnostics';
import { claimLocator } from '../service/diagnosticLevel';
import { readConfig } from './config';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { guard } from './log';
import type { MatterManager, MatterState } from './matters';

export function registerDiagnostics(manager: MatterManager): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Which document uris each matter last published to, so removed findings are cleared. */
  const published = new Map<string, Set<string>>();

  const publish = (m: MatterState): void =>
    guard('diagnostics', undefined, () => {
      const before = published.get(m.key) ?? new Set<string>();
      const now = new Set<string>();
      const analysis = m.analysis;
      if (analysis && manager.all().includes(m)) {
        const options = { descriptionStyle: readConfig(m.root).descriptionStyle, inClaims: claimLocator(analysis) };
        const byUri = new Map<string, vscode.Diagnostic[]>();
        for (const uri of documentsClaimsFirst(analysis)) byUri.set(uri, []);
        for (const f of analysis.findings) {
          const list = byUri.get(f.uri) ?? [];
          list.push(toDiagnostic(f, options));
          byUri.set(f.uri, list);
        }
        for (const [uri, list] of byUri) {
          collection.set(vscode.Uri.parse(uri, true), list);
          now.add(uri);
        }
      }
      for (const uri of before) if (!now.has(uri)) collection.delete(vscode.Uri.parse(uri, true));
      if (now.size) published.set(m.key, now);
      else published.delete(m.key);
    });

  for (const m of manager.all()) publish(m);
  // A change of patentDraft.descriptionStyle re-analyses the matter (MatterManager.onConfig), which publishes again.
  return vscode.Disposable.from(collection, manager.onDidAnalyze(publish));
}
