// Patent Draft's editor layer. The analysis runs in the language server (src/lsp, dist/server.js),
// started here in its own Node process through vscode-languageclient (client.ts): diagnostics, quick
// fixes, hovers, code lenses, rename, references, definitions and the outline come from it directly;
// the claim tree, the Terms and Findings views, the status bar, the report, the commands, ghost text
// and the language-model tools ask it. Nothing is analysed on the extension host. This file only
// composes the features, each `registerXxx(...): Disposable`; filing and the drafting commands' work
// are separate bundles loaded on first use (lazy.ts). This is dist/extensionMain.js, which dist/extension.js
// (start.ts) loads once it has forked the language server.
import * as vscode from 'vscode';
import { PatentClient } from './client';
import { registerClaimTree } from './claimTree';
import { registerCommands } from './commands';
import { DraftingEngine, registerDrafting } from './drafting/index';
import { registerFiling } from './filing';
import { registerHostStats } from './hostStats';
import { HAS_MATTER_CONTEXT } from './ids';
import { setExtensionPath } from './lazy';
import { registerLanguageModelTools } from './lmTools';
import { createLog, describeError, disposeLog, log } from './log';
import { registerMcpProvider } from './mcpProvider';
import { ReportPanel } from './report';
import { ServerMatters } from './serverMatters';
import { registerStatusBar } from './statusBar';
import type { ForkedServer } from './serverProcess';
import { registerViews } from './views';
import { registerWalkthrough } from './walkthrough';

/** Called by dist/extension.js (start.ts) with the server's process it already forked. */
export async function activate(context: vscode.ExtensionContext, server?: ForkedServer): Promise<void> {
  const channel = createLog();
  context.subscriptions.push({ dispose: disposeLog });
  const started = performance.now();
  try {
    setExtensionPath(context.extensionUri.fsPath);
    // The server first: dist/extension.js forked its process before this bundle loaded; the client connects to it
    // while the rest registers (the first document is checked there).
    const client = new PatentClient(context, channel, server);
    const matters = new ServerMatters(client);
    const report = new ReportPanel(client, matters, context.extensionUri);
    const engine = new DraftingEngine(context, client);
    context.subscriptions.push(
      client,
      matters,
      report,
      engine,
      registerHostStats(client),
      registerStatusBar(client, matters),
      registerClaimTree(client, matters),
      registerViews(client, matters),
      registerWalkthrough(context),
      registerCommands(client, matters, report),
      registerFiling(matters),
      // Drafting (issue 5) and agents (issue 6): one engine shared by ghost text, commands and tools.
      registerDrafting(client, matters, engine),
      registerLanguageModelTools(context, client, matters),
      registerMcpProvider(context),
    );
    // Only ever switched on: a view the user opened (Show Claim Tree) does not vanish under them.
    const setHasMatter = () => {
      if (matters.all().length > 0) void vscode.commands.executeCommand('setContext', HAS_MATTER_CONTEXT, true);
    };
    context.subscriptions.push(matters.onDidChangeMatters(setHasMatter));
    // performance.now() counts from the extension host's start: how long the host took to get to us (issue 15, item 6).
    log().info(
      `activated (${vscode.env.appName} ${vscode.version}, trusted=${vscode.workspace.isTrusted}) in ${(performance.now() - started).toFixed(1)} ms, ${started.toFixed(0)} ms after the extension host started` +
        (server ? `; the main bundle loaded ${(started - server.forkedAt).toFixed(0)} ms after the server's fork` : ''),
    );
  } catch (err) {
    channel.error(`activation failed: ${describeError(err)}`);
    void vscode.window.showErrorMessage('Patent Draft could not start. See the log for details.', 'Open Log').then((p) => p && channel.show(true));
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the client stops the server).
}
