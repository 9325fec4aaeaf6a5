// The language server's processes across the client's restarts (src/extension/serverProcess.ts): a
// restart ends the previous server first, a hung one is killed after a bounded wait, and the server
// forked at activation is used once if it still runs. Real short-lived Node children stand in for
// dist/server.js (an IPC channel, like the fork).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { endServer, ServerProcesses, STOP_TIMEOUT_MS } from '../../src/extension/serverProcess.js';

/** A server that hangs: it ignores SIGTERM and never exits by itself (it says 'ready' once it ignores SIGTERM). */
const HUNG = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); process.send('ready');";
/** A server that ends on SIGTERM (Node's default) but not by itself. */
const IDLE = 'setInterval(() => {}, 1000);';
/** A server that exits by itself soon. */
const QUITS = 'setTimeout(() => process.exit(0), 50);';

const children: ChildProcess[] = [];
/** Each child's first message (a HUNG one's 'ready'), listened for from the spawn on. */
const ready = new WeakMap<ChildProcess, Promise<void>>();
function child(code: string): ChildProcess {
  const c = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  children.push(c);
  ready.set(c, new Promise<void>((resolve) => c.once('message', () => resolve())));
  return c;
}
const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
/** Resolves once a HUNG child ignores SIGTERM (a SIGTERM during its start-up would end it). */
const started = (c: ChildProcess) => ready.get(c)!;

/** Servers that hang, a 200 ms wait before each step of ending one; what they note goes into `notes`. */
const hungServers = (notes: string[]) =>
  new ServerProcesses(
    () => child(HUNG),
    undefined,
    (m) => notes.push(m),
    200,
  );

describe('extension: the language server process across restarts', function () {
  this.timeout(20000);
  after(() => {
    for (const c of children) if (running(c)) c.kill('SIGKILL');
  });

  it('a restart ends a hung previous server (killed after the bounded wait) before the next one starts', async () => {
    const notes: string[] = [];
    const servers = hungServers(notes);
    const first = await servers.next();
    await started(first);
    const second = await servers.next();
    assert.notEqual(second, first);
    assert.ok(!running(first), 'the old server is gone when the new one is handed to the client');
    assert.equal(first.signalCode, 'SIGKILL', 'it ignored SIGTERM, so it was killed');
    assert.ok(running(second), 'the new server runs');
    assert.match(notes.join('\n'), /previous language server \(pid \d+\) did not exit within 200 ms: killed/);
    assert.equal(await servers.end(), 'killed');
    assert.ok(!running(second));
  });

  it('leaves a previous server that exits by itself to do so, and ends an idle one with SIGTERM', async () => {
    const quits = child(QUITS);
    assert.equal(await endServer(quits, 5000), 'exited');
    assert.equal(quits.exitCode, 0);
    const idle = child(IDLE);
    assert.equal(await endServer(idle, 200), 'terminated');
    assert.equal(idle.signalCode, 'SIGTERM');
    assert.equal(await endServer(idle, 200), 'not running');
  });

  it('uses the server forked at activation once if it still runs; one that exited is replaced by a new fork', async () => {
    let forks = 0;
    const early = child(IDLE);
    const servers = new ServerProcesses(
      () => (forks++, child(IDLE)),
      early,
      () => undefined,
      200,
    );
    assert.equal(await servers.next(), early);
    assert.equal(forks, 0);
    const next = await servers.next();
    assert.equal(forks, 1);
    assert.ok(!running(early), 'the early server was ended by the restart');
    await servers.end();
    assert.ok(!running(next));

    const gone = child(QUITS);
    await new Promise((resolve) => gone.once('exit', resolve));
    const notes: string[] = [];
    const again = new ServerProcesses(
      () => (forks++, child(IDLE)),
      gone,
      (m) => notes.push(m),
      200,
    );
    const fresh = await again.next();
    assert.notEqual(fresh, gone);
    assert.equal(forks, 2);
    assert.match(notes.join('\n'), /forked at activation exited \(code 0/);
    await again.end();
  });

  it('a restart for a new scheme ends a server that does not answer shutdown, and starts again', async () => {
    const notes: string[] = [];
    const servers = hungServers(notes);
    const processes: ChildProcess[] = [];
    let stopTimeout: number | undefined;
    // As vscode-languageclient does with a server that never answers: stop() rejects after its timeout; start() asks for a process.
    const connection = {
      stop: async (timeoutMs?: number) => {
        stopTimeout = timeoutMs;
        throw new Error('Stopping the server timed out');
      },
      start: async () => {
        processes.push(await servers.next());
      },
    };
    await connection.start();
    await started(processes[0]!);
    await servers.restart(connection);
    assert.equal(stopTimeout, STOP_TIMEOUT_MS, 'the stop is bounded');
    assert.equal(processes.length, 2, 'started again although the stop failed');
    assert.ok(!running(processes[0]!), 'the hung server is gone');
    assert.equal(processes[0]!.signalCode, 'SIGKILL');
    assert.ok(running(processes[1]!));
    assert.match(notes.join('\n'), /did not stop \(Stopping the server timed out\)/);
    await started(processes[1]!);
    assert.equal(await servers.stop(connection), 'killed', 'dispose ends the last one the same way');
    assert.ok(!running(processes[1]!));
  });

  it('ends the early server when the client never started it', async () => {
    const early = child(HUNG);
    await started(early);
    const servers = new ServerProcesses(
      () => child(IDLE),
      early,
      () => undefined,
      200,
    );
    assert.equal(await servers.end(), 'killed');
    assert.ok(!running(early));
  });
});
