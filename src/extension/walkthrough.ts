// The getting-started walkthrough's own command: Open the Example Matter copies the bundled
// bicycle-brake example (shipped in the VSIX under examples/) into a folder the user picks and opens it.
import * as vscode from 'vscode';
import { describeError, log, showError } from './log';

export const OPEN_EXAMPLE_COMMAND = 'patentDraft.openExample';
const EXAMPLE = ['examples', 'bicycle-brake'];
/** The example's files (a fixed list: nothing else is copied). */
const EXAMPLE_FILES = ['claims.md', 'disclosure.md', 'abstract.md', 'README.md'];

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function openExample(extensionUri: vscode.Uri): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Copy the Example Here',
    title: 'Where to put the example matter (a folder "bicycle-brake" is created in it)',
  });
  const parent = picked?.[0];
  if (!parent) return;
  const target = vscode.Uri.joinPath(parent, 'bicycle-brake');
  if (await exists(target)) {
    const open = await vscode.window.showWarningMessage('A folder "bicycle-brake" is already there; it was left as it is.', 'Open It', 'Choose Another Folder');
    if (open === 'Open It') await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
    else if (open) await vscode.commands.executeCommand(OPEN_EXAMPLE_COMMAND);
    return;
  }
  try {
    await vscode.workspace.fs.createDirectory(target);
    for (const name of EXAMPLE_FILES) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...EXAMPLE, name));
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(target, name), bytes);
    }
  } catch (err) {
    log().error(`copying the example matter failed: ${describeError(err)}`);
    await showError(`The example matter could not be copied: ${describeError(err)}.`, { title: 'Choose Another Folder', run: () => vscode.commands.executeCommand(OPEN_EXAMPLE_COMMAND) });
    return;
  }
  log().info(`example matter copied (${EXAMPLE_FILES.length} files)`);
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
}

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('patentDraft.openExample', () => openExample(context.extensionUri).catch((err) => log().error(`open example: ${describeError(err)}`)));
}
