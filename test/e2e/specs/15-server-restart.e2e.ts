// The language server crashes (its process is killed) while a Triton user drafts: vscode-languageclient
// starts it again (src/extension/client.ts, serverProcess.ts), and the user sees no difference. Before the
// crash exactly one server runs (the one forked at activation, start.ts, is the one the client took: no second
// fork); after it, again exactly one, a new process; the findings come back and follow an edit; and the new
// server drafts on the user's Triton server (the user-only drafting settings were sent to it again with
// patentDraft/drafting/configure: without them it would silently draft on the built-in engine).
// The server's process is found with `ps`: dist/server.js under this test's own extensions folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { FakeTriton } from '../../inference/server/triton-server';
import { ensembleModel } from '../../inference/server/models';
import { poll, positionOf, tritonSettings, Workbench, type Problem } from '../harness';

const MATTER = join(__dirname, '..', 'fixtures', 'restart');
/** What the Triton test server streams, whatever the prompt (test/inference/server): the built-in engine never writes it. */
const TRITON_TEXT = /fastening device/;

const antecedent = (term: string) => (p: Problem) => p.detail.includes('antecedent-basis') && p.message.includes(`"${term}"`);

/** The running language servers of this test's code-server: processes whose command line runs dist/server.js from `extensionsDir`. */
function serverPids(extensionsDir: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const pids: number[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!m || m[2]!.startsWith('Z')) continue; // a zombie has exited
    if (m[3]!.includes(`${extensionsDir}/`) && /[/\\]dist[/\\]server\.js(\s|$)/.test(m[3]!)) pids.push(Number(m[1]));
  }
  return pids;
}

describe('e2e: the language server restarts after a crash', function () {
  let triton: FakeTriton;
  let wb: Workbench;
  let extensionsDir: string;
  before(async function () {
    triton = await FakeTriton.start({ models: [ensembleModel()], settings: { firstTokenDelayMs: 50, tokenDelayMs: 5 } });
    wb = await Workbench.start('server-restart', MATTER, tritonSettings(triton.port));
    extensionsDir = join(wb.workspace, '..', 'extensions');
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
    await triton?.close();
  });

  it('comes back as one new process with the findings and the Triton settings', async function () {
    await wb.openFile('claims.md');
    await wb.waitForProblems('the antecedent-basis finding on "the valve"', (ps) => ps.some(antecedent('the valve')));
    // One server: the client took the one forked at activation instead of forking another.
    const before = await poll(
      'one language server process',
      async () => {
        const pids = serverPids(extensionsDir);
        return pids.length === 1 ? pids : undefined;
      },
      10000,
    ).catch((e: Error) => assert.fail(`${e.message}; running: ${JSON.stringify(serverPids(extensionsDir))}`));
    const logBefore = wb.extensionLog().length;

    process.kill(before[0]!, 'SIGKILL');
    // The client starts a new one: then exactly one runs, and it is not the old one (a brief overlap is not caught by this poll).
    const after = await poll(
      'a new language server process',
      async () => {
        const pids = serverPids(extensionsDir);
        return pids.length === 1 && pids[0] !== before[0] ? pids : undefined;
      },
      20000,
    ).catch((e: Error) => assert.fail(`${e.message}; before the crash: ${before[0]}, running now: ${JSON.stringify(serverPids(extensionsDir))}`));
    assert.match(wb.extensionLog().slice(logBefore), /the language server's process exited \(code null, signal SIGKILL\)/, 'the crash is in the log');

    // The findings come back, and the new server answers an edit: "the valve" becomes "the gasket".
    await wb.waitForProblems('the finding again after the restart', (ps) => ps.some(antecedent('the valve')), 30000);
    const at = positionOf('claims.md', 'valve is', 0, MATTER);
    await wb.goTo(at.line, at.column);
    await wb.page.keyboard.press('Control+Shift+ArrowRight');
    await wb.page.keyboard.type('gasket');
    await wb.waitForEditorText('the edit', (t) => t.includes('the gasket is arranged'));
    await wb.waitForProblems('the finding following the edit', (ps) => ps.some(antecedent('the gasket')) && !ps.some(antecedent('the valve')), 30000);
    await wb.screenshot('after-restart-findings');

    // The new server drafts on Triton: the ghost text is the Triton test server's, and it received the request.
    assert.equal(triton.requests.length, 0, 'nothing was drafted before the crash');
    const ghost = await wb
      .ghostTextAfter('claims.md', 'a casing;', MATTER, TRITON_TEXT, 20000)
      .catch((e: Error) => assert.fail(`no Triton ghost text after the restart (${triton.requests.length} request(s) reached the Triton server): ${e.message}`));
    await wb.screenshot('after-restart-triton');
    assert.ok(triton.requests.length > 0, `the Triton server received the generation request (ghost text "${ghost}")`);
    await poll('the new server logging the draft', async () => /draft \w+ by triton/.test(wb.extensionLog().slice(logBefore)) || undefined, 10000).catch((e: Error) =>
      assert.fail(
        `${e.message}; the log after the crash has: ${
          (
            wb
              .extensionLog()
              .slice(logBefore)
              .match(/draft \w+ by \w+/g) ?? []
          ).join(', ') || 'no draft line'
        }`,
      ),
    );
    assert.deepEqual(serverPids(extensionsDir), after, 'still the one new server');
  });
});
