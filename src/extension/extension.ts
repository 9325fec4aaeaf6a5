// Patent Draft's editor layer: adapts the pure core (src/core) to VS Code. All analysis stays in
// the core; this file only composes the features, each `registerXxx(...): Disposable`.
import * as vscode from 'vscode';
import { registerClaimListing } from './claimListing';
import { registerClaimTree } from './claimTree';
import { registerCodeActions } from './codeActions';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { DraftingEngine, registerDrafting } from './drafting/index';
import { registerDiagnostics } from './diagnostics';
import { registerFiling } from './filing';
import { registerHover } from './hover';
import { registerLanguageModelTools } from './lmTools';
import { createLog, describeError, disposeLog, log } from './log';
import { HAS_MATTER_CONTEXT } from './ids';
import { MatterManager } from './matters';
import { registerMcpProvider } from './mcpProvider';
import { registerNavigation } from './navigation';
import { registerRename } from './rename';
import { ReportPanel } from './report';
import { registerStatusBar } from './statusBar';
import { registerViews } from './views';
import { registerWalkthrough } from './walkthrough';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = createLog();
  context.subscriptions.push({ dispose: disposeLog });
  const started = performance.now();
  try {
    const manager = new MatterManager();
    const report = new ReportPanel(manager, context.extensionUri);
    const tree = registerClaimTree(manager);
    context.subscriptions.push(
      manager,
      report,
      registerDiagnostics(manager),
      registerCodeActions(manager),
      registerHover(manager),
      registerCodeLens(manager),
      tree.disposable,
      registerViews(manager),
      registerWalkthrough(context),
      registerNavigation(manager),
      registerRename(manager),
      registerStatusBar(manager),
      registerCommands(manager, report),
      registerClaimListing(manager),
      registerFiling(manager),
    );
    // Drafting (issue 5) and agents (issue 6): one engine shared by ghost text, commands and tools.
    const engine = new DraftingEngine(context);
    context.subscriptions.push(registerDrafting(context, manager, engine), registerLanguageModelTools(manager, engine), registerMcpProvider(context));
    // Only ever switched on: a view the user opened (Show Claim Tree) does not vanish under them.
    const setHasMatter = () => {
      if (manager.all().length > 0) void vscode.commands.executeCommand('setContext', HAS_MATTER_CONTEXT, true);
    };
    context.subscriptions.push(manager.onDidChangeMatters(setHasMatter));
    // performance.now() counts from the extension host's start: how long the host took to get to us (issue 15, item 6).
    log().info(`activated (${vscode.env.appName} ${vscode.version}, trusted=${vscode.workspace.isTrusted}) in ${(performance.now() - started).toFixed(1)} ms, ${started.toFixed(0)} ms after the extension host started`);
    // Discovery reads the workspace: do it after activation returns so the editor is never held up.
    void manager.start().catch((err) => log().error(`matter discovery failed: ${describeError(err)}`));
  } catch (err) {
    channel.error(`activation failed: ${describeError(err)}`);
    void vscode.window.showErrorMessage('Patent Draft could not start. See the log for details.', 'Open Log').then((p) => p && channel.show(true));
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
