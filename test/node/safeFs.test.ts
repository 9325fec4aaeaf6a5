// The safe file layer: reads only regular files inside the matter (never blocking on a FIFO),
// size caps, UTF-8 decoding that says when it is lossy, and the atomic compare-and-replace
// (BOM, line ends and bytes outside the edits kept; read-only, non-UTF-8 and changed files
// refused; a folder swapped for a link at the worst moment never moves the write out of the matter).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeUtf8, invalidUtf8Offset, keepLineEnds, readRegularFile, replaceFileText, usePathFallbackForTests, writeNewFile } from '../../src/node/safeFs';

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms (blocked?)`)), ms))]);
}

describe('node/safeFs: reads', () => {
  let dir: string;
  let matter: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-safefs-')));
    matter = path.join(dir, 'matter');
    mkdirSync(matter);
    writeFileSync(path.join(dir, 'secret.txt'), 'ssh-private-key\n');
    writeFileSync(path.join(matter, 'claims.md'), '1. A widget.\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file inside the root, and a link that stays inside', async () => {
    symlinkSync('claims.md', path.join(matter, 'alias.md'));
    assert.equal((await readRegularFile(path.join(matter, 'claims.md'), { root: matter })).bytes.toString(), '1. A widget.\n');
    assert.equal((await readRegularFile(path.join(matter, 'alias.md'), { root: matter })).bytes.toString(), '1. A widget.\n');
  });

  it('refuses a symbolic link that leads out of the root, directly or through a linked folder', async () => {
    symlinkSync(path.join(dir, 'secret.txt'), path.join(matter, 'link.md'));
    await assert.rejects(readRegularFile(path.join(matter, 'link.md'), { root: matter, shown: 'link.md' }), /link\.md is a symbolic link to a file outside the matter folder; not read/);
    symlinkSync(dir, path.join(matter, 'up'));
    await assert.rejects(readRegularFile(path.join(matter, 'up', 'secret.txt'), { root: matter, shown: 'up/secret.txt' }), /outside the matter folder/);
  });

  it('refuses a FIFO at once instead of blocking on it', async function () {
    const fifo = path.join(matter, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(withTimeout(readRegularFile(fifo, { root: matter, shown: 'pipe.md' }), 3000, 'reading a FIFO'), /pipe\.md is a named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a device and a folder', async () => {
    await assert.rejects(readRegularFile('/dev/zero', { shown: '/dev/zero' }), /is a device, not a regular file/);
    await assert.rejects(readRegularFile(matter, { shown: 'matter' }), /is a folder, not a regular file/);
  });

  it('caps the size with a message that names the file and the limit', async () => {
    writeFileSync(path.join(matter, 'big.md'), Buffer.alloc(2048, 0x61));
    await assert.rejects(readRegularFile(path.join(matter, 'big.md'), { maxBytes: 1024, shown: 'big.md', what: 'test files' }), /big\.md is 2 KB; Patent Draft reads test files up to 1 KB/);
  });

  it('ENOENT is a coded InputError (optional files are absent, not fatal)', async () => {
    await assert.rejects(readRegularFile(path.join(matter, 'none.md'), { root: matter }), (err: any) => err.code === 'ENOENT' && /no such file/.test(err.message));
  });
});

describe('node/safeFs: text', () => {
  it('decodes UTF-8 exactly, notes a BOM, and flags invalid bytes with their offset', () => {
    const ok = decodeUtf8(Buffer.from('\uFEFFcafé 😀', 'utf8'));
    assert.deepEqual([ok.text, ok.bom, ok.utf8], ['café 😀', true, true]);
    const latin1 = Buffer.from('caf\xe9\n', 'latin1');
    const bad = decodeUtf8(latin1);
    assert.equal(bad.utf8, false);
    assert.equal(bad.badOffset, 3);
    assert.ok(bad.text.includes('\uFFFD'));
  });

  it('agrees with TextDecoder on what is valid UTF-8 (overlongs, surrogates, truncation)', () => {
    const cases: number[][] = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0x80], [0x41]];
    for (const c of cases) {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(c));
      } catch {
        valid = false;
      }
      assert.equal(invalidUtf8Offset(Uint8Array.from(c)) < 0, valid, c.map((b) => b.toString(16)).join(' '));
    }
  });

  it("keeps a file's line ends in new text when the file uses one kind", () => {
    assert.equal(keepLineEnds('a\r\nb\r\n', 'a\r\nX\nY\r\nb\r\n'), 'a\r\nX\r\nY\r\nb\r\n');
    assert.equal(keepLineEnds('a\rb\r', 'a\rX\nb\r'), 'a\rX\rb\r');
    assert.equal(keepLineEnds('a\nb\r\n', 'a\nX\nb\r\n'), 'a\nX\nb\r\n');
  });
});

describe('node/safeFs: compare-and-replace', () => {
  let dir: string;
  let matter: string;
  let file: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-replace-')));
    matter = path.join(dir, 'matter');
    mkdirSync(path.join(matter, 'sub'), { recursive: true });
    file = path.join(matter, 'sub', 'claims.md');
  });
  afterEach(() => {
    try {
      chmodSync(file, 0o644);
    } catch {
      /* gone */
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the BOM, CRLF line ends and every byte outside the edit', async () => {
    const before = '\uFEFF1. A widget comprising a lever.\r\n\r\n2. The widget of claim 1, wherein the lever is café-brown.\r\n';
    writeFileSync(file, before, 'utf8');
    const text = before.slice(1);
    const after = text.replace('a lever.', 'a lever;\nand a spring.');
    await replaceFileText(file, after, { root: matter, expected: text, shown: 'claims.md' });
    const got = readFileSync(file);
    assert.deepEqual(got, Buffer.from(before.replace('a lever.', 'a lever;\r\nand a spring.'), 'utf8'));
    assert.deepEqual(readdirSync(path.join(matter, 'sub')), ['claims.md'], 'no temp or lock file left');
  });

  it('keeps the file mode', async () => {
    writeFileSync(file, 'x\n');
    chmodSync(file, 0o640);
    await replaceFileText(file, 'y\n', { root: matter, expected: 'x\n' });
    assert.equal((await import('node:fs')).statSync(file).mode & 0o777, 0o640);
  });

  it('refuses a file that changed since the edit was computed, and writes nothing', async () => {
    writeFileSync(file, 'now\n');
    await assert.rejects(replaceFileText(file, 'mine\n', { root: matter, expected: 'then\n', shown: 'claims.md' }), /claims\.md changed on disk while the edit was computed; nothing was written/);
    assert.equal(readFileSync(file, 'utf8'), 'now\n');
  });

  it('refuses a file that is not UTF-8 (Latin-1 é) and leaves its bytes as they were', async () => {
    const latin1 = Buffer.from('1. A caf\xe9 table.\n', 'latin1');
    writeFileSync(file, latin1);
    const seen = decodeUtf8(latin1).text;
    await assert.rejects(replaceFileText(file, seen.replace('table', 'desk'), { root: matter, expected: seen, shown: 'claims.md' }), /claims\.md is not UTF-8 text \(byte 8 is not valid UTF-8/);
    assert.deepEqual(readFileSync(file), latin1);
  });

  it('refuses a read-only file by its mode bits (also as root)', async () => {
    writeFileSync(file, 'x\n');
    chmodSync(file, 0o444);
    await assert.rejects(replaceFileText(file, 'y\n', { root: matter, expected: 'x\n', shown: 'claims.md' }), /read-only/);
    assert.equal(readFileSync(file, 'utf8'), 'x\n');
  });

  for (const [moment, fallback] of [
    ['beforeTemp', false],
    ['beforeRename', false],
    ['beforeTemp', true],
    ['beforeRename', true],
  ] as const) {
    it(`${fallback ? '(path fallback, as off Linux) ' : ''}a folder swapped for a link out of the matter ${moment === 'beforeTemp' ? 'before the temporary file' : 'just before the rename'} never lands a file outside`, async () => {
      const outside = path.join(dir, 'outside');
      mkdirSync(outside);
      writeFileSync(path.join(outside, 'claims.md'), 'outside\n');
      writeFileSync(file, 'inside\n');
      const swap = () => {
        renameSync(path.join(matter, 'sub'), path.join(matter, 'sub-moved'));
        symlinkSync(outside, path.join(matter, 'sub'));
      };
      usePathFallbackForTests(fallback);
      try {
        await replaceFileText(file, 'edited\n', { root: matter, expected: 'inside\n', hooks: { [moment]: swap } });
      } catch (err) {
        if (fallback) assert.match((err as Error).message, /the folder of .* was replaced while writing; nothing was written/);
      } finally {
        usePathFallbackForTests(false);
      }
      assert.deepEqual(readdirSync(outside), ['claims.md'], 'nothing created outside');
      assert.equal(readFileSync(path.join(outside, 'claims.md'), 'utf8'), 'outside\n', 'nothing written outside');
      assert.ok(['inside\n', 'edited\n'].includes(readFileSync(path.join(matter, 'sub-moved', 'claims.md'), 'utf8')));
    });
  }

  it("waits for another writer's lock, then refuses; a stale lock is taken over", async () => {
    writeFileSync(file, 'x\n');
    const lock = path.join(matter, 'sub', '.claims.md.patent-draft.lock');
    writeFileSync(lock, '1 now\n');
    await assert.rejects(replaceFileText(file, 'y\n', { root: matter, expected: 'x\n', shown: 'claims.md', lockWaitMs: 100 }), /being written by another Patent Draft process/);
    assert.equal(readFileSync(file, 'utf8'), 'x\n');
    const old = new Date(Date.now() - 60000);
    utimesSync(lock, old, old);
    await replaceFileText(file, 'y\n', { root: matter, expected: 'x\n' });
    assert.equal(readFileSync(file, 'utf8'), 'y\n');
  });

  it('a write into the old file during the rename is detected and put back', async () => {
    writeFileSync(file, 'x\n');
    // Another program opened the file before the rename and writes into it (truncate + write) after it.
    const fsp = (await import('node:fs')).promises;
    let theirs: import('node:fs').promises.FileHandle | undefined;
    await assert.rejects(
      replaceFileText(file, 'agent\n', {
        root: matter,
        expected: 'x\n',
        shown: 'claims.md',
        hooks: {
          beforeRename: async () => {
            theirs = await fsp.open(file, 'r+');
          },
          afterRename: async () => {
            await theirs!.truncate(0);
            await theirs!.write('editor\n', 0);
            await theirs!.close();
          },
        },
      }),
      /written by another program while this tool was writing it; that program's version was kept/,
    );
    assert.equal(readFileSync(file, 'utf8'), 'editor\n');
  });
});

describe('node/safeFs: new files', () => {
  let dir: string;
  beforeEach(() => (dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-newfile-')))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never writes through a link at the name, dangling or not, also with replace', async () => {
    const victim = path.join(dir, 'victim.txt');
    symlinkSync(victim, path.join(dir, 'a.md')); // dangling
    await assert.rejects(writeNewFile(dir, 'a.md', 'x'), /is a symbolic link; not written through it/);
    await assert.rejects(writeNewFile(dir, 'a.md', 'x', { replace: true }), /is a symbolic link/);
    writeFileSync(victim, 'keep\n');
    await assert.rejects(writeNewFile(dir, 'a.md', 'x', { replace: true }), /is a symbolic link/);
    assert.equal(readFileSync(victim, 'utf8'), 'keep\n');
  });

  it('creates a new file, refuses an existing one, replaces a regular file with replace', async () => {
    await writeNewFile(dir, 'b.md', 'one');
    await assert.rejects(writeNewFile(dir, 'b.md', 'two'), (e: any) => e.code === 'EEXIST');
    await writeNewFile(dir, 'b.md', 'two', { replace: true });
    assert.equal(readFileSync(path.join(dir, 'b.md'), 'utf8'), 'two');
    assert.deepEqual(readdirSync(dir), ['b.md']);
  });
});
