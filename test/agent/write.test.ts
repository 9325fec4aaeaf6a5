// The write tools against the file system as it really is: an editor autosaving the same file
// while an agent writes, a file that is not UTF-8, a BOM and CRLF line ends, a read-only file, a
// folder swapped for a link while the write is under way.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { callTool, type AgentContext } from '../../src/agent/index';
import { writeHooks } from '../../src/agent/edits';

const CLAIMS = '1. A widget comprising a lever and a base.\n\n2. The widget of claim 1, wherein the lever is red.\n\n3. The widget of claim 2, wherein the base is round.\n';

function tempMatter(claims: string | Buffer): { dir: string; matter: string; ctx: AgentContext } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-agent-write-')));
  const matter = path.join(dir, 'matter');
  mkdirSync(matter);
  writeFileSync(path.join(matter, 'claims.md'), claims);
  writeFileSync(path.join(matter, 'disclosure.md'), 'A widget 10 has a lever 12 and a base 14. The lever 12 is red; the base 14 is round.\n');
  return { dir, matter, ctx: { root: matter, allowWrites: true } };
}

describe('agent write tools: the file on disk', function () {
  this.timeout(60000);
  let dir: string | undefined;
  afterEach(() => {
    writeHooks.current = undefined;
    if (dir) {
      for (const f of ['claims.md']) {
        try {
          chmodSync(path.join(dir, 'matter', f), 0o644);
        } catch {
          /* gone */
        }
      }
      rmSync(dir, { recursive: true, force: true });
    }
    dir = undefined;
  });

  it("an editor autosaving the same file in a loop loses no edit to the agent's writes", async () => {
    const t = tempMatter(CLAIMS + '\n<!-- autosave: 0 -->\n');
    dir = t.dir;
    const file = path.join(t.matter, 'claims.md');
    const stop = path.join(t.dir, 'stop');
    // The "editor": reads the file, bumps its own counter line and saves in place, again and again.
    // When the counter it reads back is not the one it saved last, it looks again a second later: a
    // save still missing then is lost (a save the agent's write put back meanwhile is counted apart).
    const writer = `
      const fs = require('fs');
      const [file, stop] = process.argv.slice(1);
      let last = 0, writes = 0, lost = 0, late = 0;
      const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      const spin = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
      const end = Date.now() + 20000;
      while (!fs.existsSync(stop) && Date.now() < end) {
        let text;
        try { text = fs.readFileSync(file, 'utf8'); } catch { continue; }
        const m = /autosave: (\\d+)/.exec(text);
        if (!m) { spin(1); continue; }
        if (Number(m[1]) !== last) {
          sleep(1000);
          const again = /autosave: (\\d+)/.exec(fs.readFileSync(file, 'utf8'));
          if (again && Number(again[1]) === last) late++;
          else lost++;
          continue;
        }
        last++;
        fs.writeFileSync(file, text.replace(/autosave: \\d+/, 'autosave: ' + last));
        writes++;
        spin(2 + Math.random() * 8);
      }
      process.stdout.write(JSON.stringify({ writes, lost, late }));
    `;
    const child = spawn(process.execPath, ['-e', writer, file, stop], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let written = 0;
    let refused = 0;
    const started = Date.now();
    for (let i = 0; i < 1000 && (Date.now() - started < 4000 || written < 10); i++) {
      const [from, to] = readFileSync(file, 'utf8').includes('lever') ? ['lever', 'handle'] : ['handle', 'lever'];
      const r = await callTool('patent_replace_term', { from, to }, t.ctx);
      if (r.isError) {
        refused++;
        assert.match(r.text, /changed on disk|written by another program|does not occur|being written|has no claims/, r.text);
      } else written++;
    }
    writeFileSync(stop, '');
    await done;
    const { writes, lost, late } = JSON.parse(out);
    console.log(`      editor saves ${writes}, agent writes ${written}, refused ${refused}, lost ${lost}, put back ${late}`);
    assert.equal(lost, 0, `the editor lost ${lost} of ${writes} saves to the agent's ${written} writes`);
    assert.ok(writes >= 50, `the editor saved ${writes} times`);
    assert.ok(written >= 10, `the agent wrote ${written} times (${refused} refused)`);
  });

  it('refuses to rewrite a Latin-1 file and leaves every byte as it was', async () => {
    const latin1 = Buffer.from(CLAIMS.replace('is red', 'is rouge café'), 'latin1');
    const t = tempMatter(latin1);
    dir = t.dir;
    const r = await callTool('patent_replace_term', { from: 'lever', to: 'handle' }, t.ctx);
    assert.equal(r.isError, true, r.text);
    assert.match(r.text, /claims\.md is not UTF-8 text .*nothing was written/);
    assert.deepEqual(readFileSync(path.join(t.matter, 'claims.md')), latin1);
  });

  it('keeps the BOM, CRLF line ends and the bytes outside the edits', async () => {
    const crlf = '\uFEFF' + CLAIMS.replace(/\n/g, '\r\n');
    const t = tempMatter(crlf);
    dir = t.dir;
    const r = await callTool('patent_insert_claims', { after: 3, claims: ['The widget of claim 1, wherein the lever is long.'] }, t.ctx);
    assert.equal(r.isError, undefined, r.text);
    const got = readFileSync(path.join(t.matter, 'claims.md'), 'utf8');
    const body = crlf.slice(0, -2); // up to the end of claim 3
    assert.equal(got, body + '\r\n\r\n4. The widget of claim 1, wherein the lever is long.\r\n');
  });

  it('refuses a read-only file', async () => {
    const t = tempMatter(CLAIMS);
    dir = t.dir;
    chmodSync(path.join(t.matter, 'claims.md'), 0o444);
    const r = await callTool('patent_replace_term', { from: 'lever', to: 'handle' }, t.ctx);
    assert.equal(r.isError, true, r.text);
    assert.match(r.text, /claims\.md is read-only; nothing was written/);
    assert.equal(readFileSync(path.join(t.matter, 'claims.md'), 'utf8'), CLAIMS);
    assert.equal(statSync(path.join(t.matter, 'claims.md')).mode & 0o777, 0o444);
  });

  it('a folder swapped for a link out of the matter at the worst moment never lands a file outside', async () => {
    const t = tempMatter(CLAIMS);
    dir = t.dir;
    mkdirSync(path.join(t.matter, 'case'));
    renameSync(path.join(t.matter, 'claims.md'), path.join(t.matter, 'case', 'claims.md'));
    renameSync(path.join(t.matter, 'disclosure.md'), path.join(t.matter, 'case', 'disclosure.md'));
    const outside = path.join(t.dir, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'claims.md'), CLAIMS);
    for (const moment of ['beforeTemp', 'beforeRename'] as const) {
      writeHooks.current = {
        [moment]: () => {
          renameSync(path.join(t.matter, 'case'), path.join(t.matter, `case-${moment}`));
          symlinkSync(outside, path.join(t.matter, 'case'));
        },
      };
      await callTool('patent_replace_term', { path: 'case/claims.md', from: 'lever', to: 'handle' }, t.ctx);
      assert.deepEqual(readdirSync(outside), ['claims.md'], `nothing created outside (${moment})`);
      assert.equal(readFileSync(path.join(outside, 'claims.md'), 'utf8'), CLAIMS, `nothing written outside (${moment})`);
      // Put the folder back for the next moment.
      rmSync(path.join(t.matter, 'case'));
      renameSync(path.join(t.matter, `case-${moment}`), path.join(t.matter, 'case'));
      writeFileSync(path.join(t.matter, 'case', 'claims.md'), CLAIMS);
    }
  });
});

describe('agent write tools: inserting claims', function () {
  this.timeout(60000);
  const BRAKE = '1. A brake comprising a lever.\n\n2. The brake of claim 1, wherein the lever is steel.\n\n3. A method of braking.\n\n4. The method of claim 3, comprising pulling.\n';
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('inserts after a family and renumbers what follows, references included', async () => {
    const t = tempMatter(BRAKE);
    dir = t.dir;
    const r = await callTool('patent_insert_claims', { after: 2, claims: ['The brake of claim 1, wherein the lever is curved.'] }, t.ctx);
    assert.equal(r.isError, undefined, r.text);
    const data = JSON.parse(r.text) as { inserted: number[]; renumbered: { from: number; to: number }[] };
    assert.deepEqual(data.inserted, [3]);
    assert.deepEqual(data.renumbered, [
      { from: 3, to: 4 },
      { from: 4, to: 5 },
    ]);
    const got = readFileSync(path.join(t.matter, 'claims.md'), 'utf8');
    assert.equal(
      got,
      '1. A brake comprising a lever.\n\n2. The brake of claim 1, wherein the lever is steel.\n\n3. The brake of claim 1, wherein the lever is curved.\n\n4. A method of braking.\n\n5. The method of claim 4, comprising pulling.\n',
    );
    const check = JSON.parse((await callTool('patent_check', { codes: ['claim-numbering', 'claim-dependency'] }, t.ctx)).text) as { matters: { findings: unknown[] }[] };
    assert.equal(check.matters.length, 1);
    assert.deepEqual(check.matters[0]!.findings, []);
  });

  it('appends at the end with the next numbers, a number given with the text taken off', async () => {
    const t = tempMatter(BRAKE);
    dir = t.dir;
    const r = await callTool('patent_insert_claims', { after: 4, claims: ['7. The brake of claim 1, wherein the lever is curved.', ' 12) The brake of claim 1, further comprising a cable.'] }, t.ctx);
    assert.equal(r.isError, undefined, r.text);
    assert.deepEqual((JSON.parse(r.text) as { inserted: number[] }).inserted, [5, 6]);
    const got = readFileSync(path.join(t.matter, 'claims.md'), 'utf8');
    assert.match(got, /pulling\.\n\n5\. The brake of claim 1, wherein the lever is curved\.\n\n6\. The brake of claim 1, further comprising a cable\.\n$/);
  });
});
