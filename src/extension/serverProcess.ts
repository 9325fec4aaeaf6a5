// The language server's process (dist/server.js), forked the way vscode-languageclient forks a module
// with TransportKind.ipc (Electron's own Node, --node-ipc, --clientProcessId, stdio piped) so that
// dist/extension.js can start it before the rest of the extension is loaded (start.ts), and the
// client can start it again after a crash (client.ts). The client connects over IPC itself, so
// vscode-languageclient does not know the process: ServerProcesses tracks it across restarts and ends
// the previous one (a hung server is killed) before the next starts. No `vscode` import: start.ts stays small.
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

/** How long the client waits for the server to answer the protocol's shutdown before its process is ended. */
export const STOP_TIMEOUT_MS = 2000;

/** The language client as far as a restart needs it (vscode-languageclient's LanguageClient). */
export interface ServerConnection {
  stop(timeoutMs?: number): Promise<void>;
  start(): Promise<void>;
}

/** How long an old server gets to exit by itself (it was sent the protocol's exit, or its connection closed), and then to end on SIGTERM, before it is killed. */
export const END_WAIT_MS = 1000;

/** How a server process ended: it had already, it exited in the wait, it ended on SIGTERM, on SIGKILL, or not even then. */
export type EndOutcome = 'not running' | 'exited' | 'terminated' | 'killed' | 'survived';

const running = (p: ChildProcess): boolean => p.pid !== undefined && p.exitCode === null && p.signalCode === null;

/** True once `proc` has exited, false after `ms`. */
function exitWithin(proc: ChildProcess, ms: number): Promise<boolean> {
  if (!running(proc)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (exited: boolean) => {
      clearTimeout(timer);
      proc.off('exit', onExit);
      resolve(exited);
    };
    const onExit = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    proc.once('exit', onExit);
  });
}

/** Ends a server process: up to `waitMs` for it to exit by itself, then SIGTERM and up to `waitMs` more, then SIGKILL (waited for as long). */
export async function endServer(proc: ChildProcess, waitMs = END_WAIT_MS): Promise<EndOutcome> {
  if (!running(proc)) return 'not running';
  if (await exitWithin(proc, waitMs)) return 'exited';
  proc.kill('SIGTERM');
  if (await exitWithin(proc, waitMs)) return 'terminated';
  proc.kill('SIGKILL');
  return (await exitWithin(proc, waitMs)) ? 'killed' : 'survived';
}

/** The server's processes over the client's restarts (a crash, or a folder of a new scheme): one at a time. */
export class ServerProcesses {
  private current?: ChildProcess;
  private early?: ChildProcess;

  /** `start` forks a new server; `early` is the one forked at activation (start.ts), used by the first start if it still runs;
   *  `note` is told what was not as expected (an early server that had exited, an old one that had to be killed). */
  constructor(
    private readonly start: () => ChildProcess,
    early: ChildProcess | undefined,
    private readonly note: (message: string) => void,
    private readonly waitMs = END_WAIT_MS,
  ) {
    this.early = early;
  }

  /** The process for the client's next start: the previous one is ended first (waited for, then killed: never two
   *  servers at once), then the early one is taken if it still runs and is connected, else a new one is forked. */
  async next(): Promise<ChildProcess> {
    const previous = this.current;
    this.current = undefined;
    if (previous) await this.endNoted(previous, 'the previous language server');
    const early = this.early;
    this.early = undefined;
    // One that exited (or lost its channel) while the main bundle loaded would never answer initialize: fork again.
    if (early && running(early) && early.connected) return (this.current = early);
    if (early) {
      this.note(`the language server forked at activation exited (code ${early.exitCode}, signal ${early.signalCode}); starting it again`);
      await this.endNoted(early, 'the language server forked at activation');
    }
    return (this.current = this.start());
  }

  /** Stops the client's connection (shutdown and exit, `STOP_TIMEOUT_MS` at most), then ends the process whatever the
   *  answer: vscode-languageclient rejects the stop of a server that does not answer ("Stopping the server timed out"),
   *  and its own restart then never starts again, leaving that server hung. */
  async stop(connection: ServerConnection): Promise<EndOutcome> {
    await connection.stop(STOP_TIMEOUT_MS).catch((err: unknown) => this.note(`the language server did not stop (${err instanceof Error ? err.message : String(err)}): its process is ended`));
    return this.end();
  }

  /** Restarts the server (a folder of a new scheme): `stop`, then the connection starts again on a new process. */
  async restart(connection: ServerConnection): Promise<void> {
    await this.stop(connection);
    await connection.start();
  }

  /** Ends the current process (after the client stopped it: one that did not exit is killed). */
  async end(): Promise<EndOutcome> {
    const proc = this.current ?? this.early;
    this.current = this.early = undefined;
    return proc ? this.endNoted(proc, 'the language server') : 'not running';
  }

  private async endNoted(proc: ChildProcess, what: string): Promise<EndOutcome> {
    const outcome = await endServer(proc, this.waitMs);
    if (outcome !== 'not running' && outcome !== 'exited') this.note(`${what} (pid ${proc.pid}) did not exit within ${this.waitMs} ms: ${outcome}`);
    return outcome;
  }
}
