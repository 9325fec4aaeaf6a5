// Hovers on a claim number, a "claim 3" reference, or a claim term: the service's answer
// (src/service), converted.
import * as vscode from 'vscode';
import type { Range } from '../core/index';
import { hover } from '../service/index';
import { SELECTOR } from './codeActions';
import { fromLspRange } from './convert';
import { guard } from './log';
import type { MatterManager } from './matters';

/** A link that opens `uri` at the range's start (VS Code's opener reads `#L<line>,<col>`). */
export function locationLink(uri: string, r: Range): string {
  const u = vscode.Uri.parse(uri, true).with({ fragment: `L${r.start.line + 1},${r.start.character + 1}` });
  return u.toString();
}

export function registerHover(manager: MatterManager): vscode.Disposable {
  return vscode.languages.registerHoverProvider(SELECTOR, {
    provideHover(document, position) {
      return guard('hover', undefined, () => {
        const hit = manager.analysisFor(document.uri);
        if (!hit) return undefined;
        const h = hover(hit.analysis, document.uri.toString(), { line: position.line, character: position.character }, locationLink);
        if (!h) return undefined;
        const content = new vscode.MarkdownString((h.contents as { value: string }).value);
        content.supportHtml = false;
        content.isTrusted = false;
        return new vscode.Hover(content, h.range && fromLspRange(h.range));
      });
    },
  });
}
