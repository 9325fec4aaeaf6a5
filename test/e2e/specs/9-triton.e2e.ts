// Issue 5 on Triton: ghost text streamed from the Triton test server the test starts (a real
// gRPC server on 127.0.0.1 keeping Triton's wire rules), and a server that is down gives one clear
// message with the next steps, not one per request.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { FakeTriton } from '../../inference/server/triton-server';
import { ensembleModel } from '../../inference/server/models';
import { positionOf, tritonSettings, Workbench } from '../harness';

const SENSOR = join(__dirname, '..', '..', 'drafting', 'fixtures', 'sensor');

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('e2e: drafting on the Triton test server', function () {
  describe('a running server', function () {
    let triton: FakeTriton;
    let wb: Workbench;
    before(async function () {
      triton = await FakeTriton.start({ models: [ensembleModel()], settings: { firstTokenDelayMs: 50, tokenDelayMs: 5 } });
      wb = await Workbench.start('triton', SENSOR, tritonSettings(triton.port));
    });
    afterEach(async function () {
      await wb?.afterEach(this);
    });
    after(async function () {
      await wb?.close();
      await triton?.close();
    });

    it("shows the model's continuation as ghost text and Tab accepts it", async function () {
      await wb.openFile('claims.md');
      const before = await wb.editorText();
      const seen = await wb.ghostTextAfter('claims.md', 'a housing;', SENSOR, /fastening device/);
      await wb.screenshot('triton-ghost-text');
      assert.ok(triton.requests.length > 0, 'the server received the generation request');
      await wb.page.keyboard.press('Tab');
      const accepted = await wb.waitForEditorText('the accepted suggestion', (t) => t !== before && t.includes('fastening device'));
      assert.ok(accepted.indexOf('a housing;') < accepted.indexOf('fastening device'), `inserted after the element (ghost text was "${seen}")`);
    });
  });

  describe('a server that is down', function () {
    let wb: Workbench;
    before(async function () {
      const port = await closedPort();
      wb = await Workbench.start('triton-down', SENSOR, tritonSettings(port));
    });
    afterEach(async function () {
      await wb?.afterEach(this);
    });
    after(async function () {
      await wb?.close();
    });

    it('says once that the server cannot be used, with Open Settings / Use Built-in Engine', async function () {
      await wb.openFile('claims.md');
      const toast = wb.page.locator('.notification-toast', { hasText: 'Triton server cannot be used' });
      const at = positionOf('claims.md', 'a housing;', 0, SENSOR);
      // Ask three times: the message comes once.
      for (let i = 0; i < 3; i++) {
        await wb.goTo(at.line, at.column + 'a housing;'.length);
        await wb.page.keyboard.press('Control+Alt+Backslash');
        await toast
          .first()
          .waitFor({ state: 'visible', timeout: 20000 })
          .catch(() => undefined);
      }
      await toast.first().waitFor({ state: 'visible', timeout: 20000 });
      await wb.screenshot('triton-down');
      assert.equal(await toast.count(), 1, 'one notification, not one per request');
      const text = (await toast.first().innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Open Settings/);
      assert.match(text, /Use Built-in Engine/);
    });
  });
});
