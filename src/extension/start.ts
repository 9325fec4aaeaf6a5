// dist/extension.js, what VS Code loads first: it forks the language server's process, then loads the
// rest of the extension (dist/extensionMain.js: the language client, the views, the commands; about
// 570 KB to compile and run), so that the server starts while the extension loads: the first findings
// of the document that activated the extension come that much sooner (issue 15, item 6).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { forkServer } from './serverProcess';

type Main = typeof import('./extension');
let main: Main | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const root = context.extensionUri.fsPath;
  const server = forkServer(root, context.globalStorageUri.fsPath);
  try {
    // Node's own require of a file known at run time (esbuild leaves it out of this bundle).
    main = createRequire(path.join(root, 'package.json'))('./dist/extensionMain.js') as Main;
  } catch (err) {
    server.process.kill();
    throw err;
  }
  return main.activate(context, server);
}

export function deactivate(): void {
  main?.deactivate();
}
