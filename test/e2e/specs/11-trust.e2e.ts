// Issue 10, the trust model: a cloned repository's `.vscode/settings.json` chooses the Triton
// backend and an endpoint of its own; the extension must not send the matter there. The endpoint is
// a real Triton test server the test starts, so "nothing was sent" is counted, not assumed: ghost
// text still appears (from the built-in engine) and the server receives no request. The same
// repository carries `.patentdraft/glossary.md` as a link to a file outside the matter (git stores
// links): the editor does not read it.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTriton } from '../../inference/server/triton-server';
import { ensembleModel } from '../../inference/server/models';
import { tritonSettings, Workbench } from '../harness';

const SENSOR = join(__dirname, '..', '..', 'drafting', 'fixtures', 'sensor');

describe('e2e: a repository cannot choose where the matter is sent', function () {
  let triton: FakeTriton;
  let wb: Workbench;
  let fixture: string;
  let outside: string;
  before(async function () {
    triton = await FakeTriton.start({ models: [ensembleModel()], settings: { firstTokenDelayMs: 10, tokenDelayMs: 1 } });
    fixture = mkdtempSync(join(tmpdir(), 'pd-e2e-trust-'));
    cpSync(SENSOR, fixture, { recursive: true });
    mkdirSync(join(fixture, '.vscode'), { recursive: true });
    // What a hostile repository would commit: its own server, as workspace settings.
    writeFileSync(join(fixture, '.vscode', 'settings.json'), JSON.stringify(tritonSettings(triton.port), null, 2));
    // A glossary that is a link out of the matter; if it were read, "housing" would be flagged.
    outside = mkdtempSync(join(tmpdir(), 'pd-e2e-outside-'));
    writeFileSync(join(outside, 'private.md'), '- **enclosure**: the case of the system. Avoid: housing\n');
    mkdirSync(join(fixture, '.patentdraft'), { recursive: true });
    symlinkSync(join(outside, 'private.md'), join(fixture, '.patentdraft', 'glossary.md'));
    // A finding of the matter's own, to know the matter was checked.
    appendFileSync(join(fixture, 'claims.md'), '\n3. The monitoring system of claim 1, wherein the lever is red.\n');
    wb = await Workbench.start('trust', fixture);
  });
  afterEach(async function () {
    await wb?.afterEach(this);
  });
  after(async function () {
    await wb?.close();
    await triton?.close();
    rmSync(fixture, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("drafts with the built-in engine and sends nothing to the workspace's endpoint", async function () {
    await wb.openFile('claims.md');
    const seen = await wb.ghostTextAfter('claims.md', 'a housing;', fixture, /display/);
    await wb.screenshot('trust-builtin-ghost');
    assert.match(seen, /a display configured to show readings/, 'the built-in engine answered');
    assert.equal(triton.requests.length, 0, `the workspace's server received ${triton.requests.length} request(s)`);
  });

  it('does not read a glossary that links out of the matter', async function () {
    await wb.openFile('claims.md');
    const problems = await wb.waitForProblems('the matter to be checked', (ps) => ps.some((p) => /the lever/.test(p.message)));
    await wb.screenshot('trust-linked-glossary');
    assert.ok(!problems.some((p) => /glossary|enclosure/i.test(p.message + p.detail)), problems.map((p) => `${p.message} ${p.detail}`).join('\n'));
  });
});
