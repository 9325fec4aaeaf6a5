// Registers Patent Draft's MCP server with VS Code: one stdio server per workspace folder, running
// the bundled CLI (`dist/cli.js mcp <folder>`), read-only (edits go through the language-model
// tools, which apply them in the editor). Guarded: editors without the MCP API skip it.
import * as vscode from 'vscode';
import { describeError, log } from './log';

export const MCP_PROVIDER_ID = 'patentDraft.mcpServers';

/** The server definition for a folder: the extension host's own runtime runs the CLI as Node. */
export function mcpServerFor(extensionUri: vscode.Uri, folder: vscode.WorkspaceFolder, version: string): vscode.McpStdioServerDefinition {
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  const def = new vscode.McpStdioServerDefinition(`Patent Draft (${folder.name})`, process.execPath, [cli, 'mcp', folder.uri.fsPath], { ELECTRON_RUN_AS_NODE: '1' }, version);
  def.cwd = folder.uri;
  return def;
}

export function registerMcpProvider(context: vscode.ExtensionContext): vscode.Disposable {
  const lm = vscode.lm as typeof vscode.lm | undefined;
  if (typeof lm?.registerMcpServerDefinitionProvider !== 'function' || typeof vscode.McpStdioServerDefinition !== 'function') {
    log().info('MCP server not registered: this editor has no MCP server definition API');
    return new vscode.Disposable(() => undefined);
  }
  const changed = new vscode.EventEmitter<void>();
  const version = String(context.extension?.packageJSON?.version ?? '0');
  const provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () =>
      (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file' && vscode.workspace.isTrusted).map((f) => mcpServerFor(context.extensionUri, f, version)),
    resolveMcpServerDefinition: (server) => server,
  };
  try {
    return vscode.Disposable.from(
      changed,
      lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
      vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    );
  } catch (err) {
    log().warn(`MCP server not registered: ${describeError(err)}`);
    changed.dispose();
    return new vscode.Disposable(() => undefined);
  }
}
