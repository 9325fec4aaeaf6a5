// dist/server.js: the language server as VS Code starts it (vscode-languageclient, in its own Node
// process). The transport comes from the command line the client gives (--node-ipc, --stdio,
// --socket=N, --pipe=NAME); `patent-draft lsp --stdio` (src/cli) runs the same server for other editors.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
