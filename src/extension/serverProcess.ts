// The language server's process (dist/server.js), forked the way vscode-languageclient forks a module
// with TransportKind.ipc (Electron's own Node, --node-ipc, --clientProcessId, stdio piped) so that
// dist/extension.js can start it before the rest of the extension is loaded (start.ts), and the
// client can start it again after a crash (client.ts). No `vscode` import: start.ts stays small.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface ForkedServer {
  process: ChildProcess;
  /** performance.now() when it was forked. */
  forkedAt: number;
}

/** Forks dist/server.js; its compile cache (Node 22.1+, ignored before) lives in the extension's global storage. */
export function forkServer(extensionPath: string, globalStoragePath: string): ForkedServer {
  const module = path.join(extensionPath, 'dist', 'server.js');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_RUN_AS_NODE: '1',
    ELECTRON_NO_ASAR: '1',
    PATENT_DRAFT_HOST: 'vscode',
    NODE_COMPILE_CACHE: path.join(globalStoragePath, 'server-compile-cache'),
  };
  const forkedAt = performance.now();
  return { process: fork(module, ['--node-ipc', `--clientProcessId=${process.pid}`], { env, execArgv: [], silent: true }), forkedAt };
}
