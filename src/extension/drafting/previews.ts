// The read-only documents of the drafting commands (Show Prompt, the abstract's difference view), by
// a uri of their own scheme; registered at activation, filled by the drafting commands.
import * as vscode from 'vscode';
import { PREVIEW_SCHEME } from './ids';

/** Read-only documents (Show Prompt): their text by uri. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private seq = 0;
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A read-only document holding `text`, by a uri of its own. */
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.seq}/${name}` });
    this.texts.set(uri.toString(), text);
    // Keep a few: the user may reopen a recent one from the tabs.
    while (this.texts.size > 10) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  open(name: string, text: string): Thenable<vscode.TextEditor> {
    const uri = this.add(name, text);
    return vscode.workspace.openTextDocument(uri).then((d) => vscode.window.showTextDocument(d, { viewColumn: vscode.ViewColumn.Beside, preview: true }));
  }

  dispose(): void {
    this.emitter.dispose();
    this.texts.clear();
  }
}

export function registerPreviews(previews: PreviewDocuments): vscode.Disposable {
  return vscode.Disposable.from(previews, vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews));
}
