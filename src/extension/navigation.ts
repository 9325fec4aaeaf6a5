// Navigation: outline (sections and claims), go to definition on "claim 3" (and on a term: its
// introduction), find all references
// of a term across claims and disclosure (or of a claim across the dependencies).
import * as vscode from 'vscode';
import { findTermAt, referencesOf, type Analysis } from '../core/index';
import type { Claim } from '../core/types';
import { SELECTOR } from './codeActions';
import { toLocation, toRange } from './convert';
import { claimNumberAt } from './hover';
import { guard } from './log';
import type { MatterManager } from './matters';
import { shorten } from '../service/refs';
import { markdownHeadings } from '../service/search';
import { termOccurrences } from '../service/termOps';

function symbolsFor(document: vscode.TextDocument, analysis: Analysis | undefined): vscode.DocumentSymbol[] {
  const text = document.getText();
  const headings = markdownHeadings(text);
  const roots: vscode.DocumentSymbol[] = [];
  const stack: { level: number; sym: vscode.DocumentSymbol }[] = [];
  const lastLine = document.lineCount - 1;
  headings.forEach((h, i) => {
    // A section runs to the next heading of the same or a higher level.
    const next = headings.slice(i + 1).find((x) => x.level <= h.level);
    const endLine = next ? Math.max(h.line, next.line - 1) : lastLine;
    const range = new vscode.Range(h.line, 0, endLine, document.lineAt(endLine).text.length);
    const sym = new vscode.DocumentSymbol(h.text, '', vscode.SymbolKind.String, range, document.lineAt(h.line).range);
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.sym.children : roots).push(sym);
    stack.push({ level: h.level, sym });
  });
  if (!analysis) return roots;
  const uri = document.uri.toString();
  for (const c of analysis.claims.filter((x: Claim) => x.uri === uri)) {
    const range = toRange(c.range);
    const detail = c.canceled ? 'canceled' : c.parents.length ? `depends on ${c.parents.join(', ')}` : 'independent';
    const sym = new vscode.DocumentSymbol(`${c.number}. ${shorten(c.preamble || c.text, 60)}`, detail, c.parents.length ? vscode.SymbolKind.Field : vscode.SymbolKind.Class, range, toRange(c.numberRange));
    const container = deepestContaining(roots, range.start);
    (container ? container.children : roots).push(sym);
  }
  return roots;
}

function deepestContaining(list: vscode.DocumentSymbol[], pos: vscode.Position): vscode.DocumentSymbol | undefined {
  for (const s of list) {
    if (s.kind !== vscode.SymbolKind.String || !s.range.contains(pos)) continue;
    return deepestContaining(s.children, pos) ?? s;
  }
  return undefined;
}

export function registerNavigation(manager: MatterManager): vscode.Disposable {
  const symbols = vscode.languages.registerDocumentSymbolProvider(
    SELECTOR,
    {
      async provideDocumentSymbols(document, token) {
        if (!manager.matterOf(document.uri)) return [];
        const hit = await manager.analysisReady(document.uri, token).catch(() => undefined);
        return guard('document symbols', [], () => (token.isCancellationRequested ? [] : symbolsFor(document, hit?.analysis)));
      },
    },
    { label: 'Patent Draft' },
  );

  const definition = vscode.languages.registerDefinitionProvider(SELECTOR, {
    provideDefinition(document, position) {
      return guard('definition', undefined, () => {
        const hit = manager.analysisFor(document.uri);
        if (!hit) return undefined;
        const ref = claimNumberAt(manager, document, position);
        if (!ref) {
          // On a claim term: where it is introduced ("a lever" in its first claim).
          const t = findTermAt(hit.analysis, document.uri.toString(), document.offsetAt(position));
          if (!t || t.term.introducedIn.length === 0) return undefined;
          return t.term.introducedIn.map((i) => ({
            originSelectionRange: toRange(t.mention.phraseRange),
            targetUri: vscode.Uri.parse(i.uri, true),
            targetRange: toRange(i.range),
          }));
        }
        const target = hit.analysis.claims.find((c: Claim) => c.number === ref.claim);
        if (!target) return undefined;
        const link: vscode.LocationLink = {
          originSelectionRange: ref.range,
          targetUri: vscode.Uri.parse(target.uri, true),
          targetRange: toRange(target.range),
          targetSelectionRange: toRange(target.numberRange),
        };
        return [link];
      });
    },
  });

  const references = vscode.languages.registerReferenceProvider(SELECTOR, {
    provideReferences(document, position, context) {
      return guard('references', [], () => {
        const hit = manager.analysisFor(document.uri);
        if (!hit) return [];
        const offset = document.offsetAt(position);
        const t = findTermAt(hit.analysis, document.uri.toString(), offset);
        if (t) return termOccurrences(hit.analysis, t.term).map((o) => toLocation(o.uri, o.range));
        const ref = claimNumberAt(manager, document, position);
        if (!ref) return [];
        const out: vscode.Location[] = [];
        for (const c of hit.analysis.claims) {
          if (context.includeDeclaration && c.number === ref.claim) out.push(toLocation(c.uri, c.numberRange));
          for (const r of referencesOf(c)) if (r.targets.includes(ref.claim)) out.push(toLocation(c.uri, r.range));
        }
        return out;
      });
    },
  });

  return vscode.Disposable.from(symbols, definition, references);
}

