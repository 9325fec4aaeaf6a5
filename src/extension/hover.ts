// Hovers on a claim number, a "claim 3" reference, or a claim term.
import * as vscode from 'vscode';
import { claimNumberAt as claimRefAt, findClaimAt, findClaimReferenceAt, findTermAt } from '../core/index';
import type { Range } from '../core/types';
import { SELECTOR } from './codeActions';
import { claimHover, termHover } from '../service/hoverContent';
import { guard } from './log';
import type { MatterManager } from './matters';

/** A link that opens `uri` at the range's start (VS Code's opener reads `#L<line>,<col>`). */
export function locationLink(uri: string, r: Range): string {
  const u = vscode.Uri.parse(uri, true).with({ fragment: `L${r.start.line + 1},${r.start.character + 1}` });
  return u.toString();
}

/** The claim number a position refers to: the claim's own number, or a "claim N" reference. */
export function claimNumberAt(
  manager: MatterManager,
  document: vscode.TextDocument,
  position: vscode.Position,
): { claim: number; range: vscode.Range; from?: number } | undefined {
  const hit = manager.analysisFor(document.uri);
  if (!hit) return undefined;
  const offset = document.offsetAt(position);
  const claim = findClaimAt(hit.analysis, document.uri.toString(), offset);
  if (claim && claim.numberRange.start.offset <= offset && offset <= claim.numberRange.end.offset) {
    const r = claim.numberRange;
    return { claim: claim.number, range: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) };
  }
  const line = document.lineAt(position.line).text;
  const ref = claimRefAt(line, position.character);
  if (ref) return { claim: ref.claim, range: new vscode.Range(position.line, ref.start, position.line, ref.end), from: claim?.number };
  // A reference the core reads that the line scan does not (e.g. "any one of the preceding claims").
  const core = findClaimReferenceAt(hit.analysis, document.uri.toString(), offset);
  if (core && core.numbers.length) {
    return { claim: core.numbers[0]!, range: new vscode.Range(document.positionAt(core.start), document.positionAt(core.end)), from: claim?.number };
  }
  return undefined;
}

export function registerHover(manager: MatterManager): vscode.Disposable {
  return vscode.languages.registerHoverProvider(SELECTOR, {
    provideHover(document, position) {
      return guard('hover', undefined, () => {
        const hit = manager.analysisFor(document.uri);
        if (!hit) return undefined;
        const claimRef = claimNumberAt(manager, document, position);
        let md: string | undefined;
        let range: vscode.Range | undefined;
        if (claimRef) {
          md = claimHover(hit.analysis, claimRef.claim, locationLink, claimRef.from);
          range = claimRef.range;
        } else {
          const t = findTermAt(hit.analysis, document.uri.toString(), document.offsetAt(position));
          if (t) {
            md = termHover(hit.analysis, t.term, t.mention, locationLink);
            const r = t.mention.range;
            range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
          }
        }
        if (!md) return undefined;
        const content = new vscode.MarkdownString(md);
        content.supportHtml = false;
        content.isTrusted = false;
        return new vscode.Hover(content, range);
      });
    },
  });
}
