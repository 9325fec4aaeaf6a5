// Navigation: outline (sections and claims), go to definition on "claim 3" (and on a term: its
// introduction), find all references of a term across claims and disclosure (or of a claim across
// the dependencies). The service (src/service) computes them; this file converts.
import * as vscode from 'vscode';
import { definition, documentSymbols, references } from '../service/index';
import { SELECTOR } from './codeActions';
import { fromLspLocation, fromLspLocationLink, fromLspSymbol } from './convert';
import { guard } from './log';
import type { MatterManager } from './matters';

const at = (p: vscode.Position) => ({ line: p.line, character: p.character });

export function registerNavigation(manager: MatterManager): vscode.Disposable {
  const symbols = vscode.languages.registerDocumentSymbolProvider(
    SELECTOR,
    {
      async provideDocumentSymbols(document, token) {
        if (!manager.matterOf(document.uri)) return [];
        const hit = await manager.analysisReady(document.uri, token).catch(() => undefined);
        return guard('document symbols', [], () => (token.isCancellationRequested ? [] : documentSymbols(hit?.analysis, document.uri.toString(), document.getText()).map(fromLspSymbol)));
      },
    },
    { label: 'Patent Draft' },
  );

  const definitions = vscode.languages.registerDefinitionProvider(SELECTOR, {
    provideDefinition(document, position) {
      return guard('definition', undefined, () => {
        const hit = manager.analysisFor(document.uri);
        if (!hit) return undefined;
        const links = definition(hit.analysis, document.uri.toString(), at(position));
        return links.length ? links.map(fromLspLocationLink) : undefined;
      });
    },
  });

  const refs = vscode.languages.registerReferenceProvider(SELECTOR, {
    provideReferences(document, position, context) {
      return guard('references', [], () => {
        const hit = manager.analysisFor(document.uri);
        if (!hit) return [];
        return references(hit.analysis, document.uri.toString(), at(position), context.includeDeclaration).map(fromLspLocation);
      });
    },
  });

  return vscode.Disposable.from(symbols, definitions, refs);
}
