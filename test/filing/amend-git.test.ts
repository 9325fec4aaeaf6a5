// `patent-draft amend --since REF|FILE` end to end, in a temporary git repository made here: the
// previous version read with `git show REF:path`, the listing on stdout or in a file inside the
// matter (never over an existing file without --force, never outside, never through a link).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands } from '../../src/cli/commands/index';
import { runCli } from '../../src/cli/main';
import { checkRef, GitError, gitShow } from '../../src/node/git';
import { fakeIo } from '../support/io';

const DISCLOSURE = `# Valve

## Detailed Description

A valve 10 has a housing 12 and a stem 14. The stem 14 is made of steel or brass and slides in a bore 16
of the housing 12. A seal 18 closes the bore 16. The valve 10 may be used in water lines and in gas lines.
`;
const FILED = '# Claims\n\n1. A valve comprising a red housing and a stem.\n\n2. The valve of claim 1, wherein the stem is made of steel.\n\n3. The valve of claim 1, further comprising a seal.\n';
const NOW = '# Claims\n\n1. A valve comprising a housing and a brass stem.\n\n2. The valve of claim 1, further comprising a seal.\n\n3. The valve of claim 1, further comprising a ceramic spring.\n';

describe('patent-draft amend (git ref and file)', () => {
  let dir: string;
  let matter: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

  before(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-amend-')));
    matter = path.join(dir, 'matter');
    mkdirSync(matter);
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    git('config', 'commit.gpgsign', 'false');
    writeFileSync(path.join(matter, 'disclosure.md'), DISCLOSURE);
    writeFileSync(path.join(matter, 'claims.md'), FILED);
    git('add', '.');
    git('commit', '-q', '-m', 'as filed');
    git('tag', 'filed');
    writeFileSync(path.join(matter, 'claims.md'), NOW);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is registered', () => {
    assert.ok(commands.some((c) => c.name === 'amend'));
  });

  it('git show REF:path reads the version at a tag and at HEAD', async () => {
    assert.equal(await gitShow(path.join(matter, 'claims.md'), 'filed'), FILED);
    assert.equal(await gitShow(path.join(matter, 'claims.md'), 'HEAD'), FILED);
    assert.equal(await gitShow(path.join(matter, 'abstract.md'), 'HEAD', { optional: true }), undefined);
    await assert.rejects(gitShow(path.join(matter, 'abstract.md'), 'HEAD'), /did not exist at HEAD/);
    await assert.rejects(gitShow(path.join(matter, 'claims.md'), 'no-such-tag'), /no commit "no-such-tag"/);
  });

  it('bounds what git may print and how long it may take', async () => {
    await assert.rejects(gitShow(path.join(matter, 'claims.md'), 'HEAD', { maxBytes: 16 }), /larger than 16 bytes/);
  });

  it('a git that never answers is stopped after the time bound', async () => {
    // A stand-in `git` first on PATH: it answers rev-parse, then hangs on show.
    const bin = path.join(dir, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\ncase "$*" in\n  *--show-toplevel*) echo '${dir}'; exit 0;;\n  *rev-parse*) exit 0;;\n  *) exec sleep 30;;\nesac\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${saved}`;
    try {
      const started = Date.now();
      await assert.rejects(gitShow(path.join(matter, 'claims.md'), 'HEAD', { timeoutMs: 300 }), /did not answer within 0.3 s/);
      assert.ok(Date.now() - started < 10_000, 'stopped well before the stand-in ends');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('refuses refs git would read as an option or another path', () => {
    for (const bad of ['--output=/tmp/x', '-p', 'HEAD:other.md', 'a\nb', '']) assert.throws(() => checkRef(bad), GitError, bad);
  });

  it('a file outside a repository: a clear message, not a git error dump', async () => {
    const lone = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-amend-nogit-')));
    try {
      writeFileSync(path.join(lone, 'claims.md'), FILED);
      await assert.rejects(gitShow(path.join(lone, 'claims.md'), 'HEAD'), /not in a git repository/);
    } finally {
      rmSync(lone, { recursive: true, force: true });
    }
  });

  it('--since REF prints the listing, and the new-matter finding naming the ref', async () => {
    const io = fakeIo(dir);
    const code = await runCli(['amend', 'matter', '--since', 'filed'], io);
    assert.equal(code, 1, io.err);
    assert.equal(
      io.out,
      [
        '## Listing of Claims',
        '',
        'This listing of claims will replace all prior versions, and listings, of claims in the application.',
        '',
        '1. (Currently amended) A valve comprising a [[red]] housing and a <u>brass</u> stem.',
        '',
        '2. (Canceled)',
        '',
        '3. (Original) The valve of claim 1, further comprising a seal.',
        '',
        '4. (New) The valve of claim 1, further comprising a ceramic spring.',
        '',
      ].join('\n'),
    );
    assert.match(io.err, /new-matter New claim 4 adds "ceramic spring".*\(filed\)/);
    assert.doesNotMatch(io.err, /brass stem/);
  });

  it('--since FILE compares with that file; --format json gives one object per claim', async () => {
    writeFileSync(path.join(dir, 'old-claims.md'), FILED);
    const io = fakeIo(dir);
    await runCli(['amend', 'matter', '--since', 'old-claims.md', '--format', 'json'], io);
    const j = JSON.parse(io.out);
    assert.equal(j.since, 'old-claims.md');
    assert.deepEqual(
      j.claims.map((c: { number: number; status: string }) => [c.number, c.status]),
      [
        [1, 'currently amended'],
        [2, 'canceled'],
        [3, 'original'],
        [4, 'new'],
      ],
    );
    // A claims-only file holds no description: the new-matter check says it was skipped, and why.
    assert.match(io.err, /new-matter check skipped/);
    const asFiled = fakeIo(dir);
    await runCli(['amend', 'matter', '--since', 'old-claims.md', '--as-filed', 'filed', '--format', 'json'], asFiled);
    assert.equal(JSON.parse(asFiled.out).findings[0].data.asFiled, 'filed');
  });

  it('--out writes inside the matter, never over an existing file without --force, never outside, never through a link', async () => {
    const io = fakeIo(dir);
    assert.equal(await runCli(['amend', 'matter', '--since', 'filed', '--out', 'matter/claim-listing.md'], io), 1);
    const first = readFileSync(path.join(matter, 'claim-listing.md'), 'utf8');
    assert.match(first, /^## Listing of Claims/);
    writeFileSync(path.join(matter, 'claim-listing.md'), 'my own notes');
    const again = fakeIo(dir);
    assert.equal(await runCli(['amend', 'matter', '--since', 'filed', '--out', 'matter/claim-listing.md'], again), 2);
    assert.match(again.err, /exists; not overwritten \(use --force\)/);
    assert.equal(readFileSync(path.join(matter, 'claim-listing.md'), 'utf8'), 'my own notes');
    assert.equal(await runCli(['amend', 'matter', '--since', 'filed', '--out', 'matter/claim-listing.md', '--force'], fakeIo(dir)), 1);
    assert.equal(readFileSync(path.join(matter, 'claim-listing.md'), 'utf8'), first);
    const outside = fakeIo(dir);
    assert.equal(await runCli(['amend', 'matter', '--since', 'filed', '--out', 'listing.md'], outside), 2);
    assert.match(outside.err, /outside the matter folder/);
    assert.equal(existsSync(path.join(dir, 'listing.md')), false);
    symlinkSync(path.join(dir, 'target.md'), path.join(matter, 'link.md'));
    const link = fakeIo(dir);
    assert.equal(await runCli(['amend', 'matter', '--since', 'filed', '--out', 'matter/link.md', '--force'], link), 2);
    assert.match(link.err, /symbolic link/);
    assert.equal(existsSync(path.join(dir, 'target.md')), false);
  });

  it('--format docx needs --out, and writes a Word file', async () => {
    const io = fakeIo(dir);
    assert.equal(await runCli(['amend', 'matter', '--since', 'filed', '--format', 'docx'], io), 2);
    assert.match(io.err, /needs --out/);
    await runCli(['amend', 'matter', '--since', 'filed', '--format', 'docx', '--out', 'matter/listing.docx'], fakeIo(dir));
    assert.equal(readFileSync(path.join(matter, 'listing.docx')).subarray(0, 2).toString(), 'PK');
  });

  it('a bad ref or missing --since: one clear line, exit 2', async () => {
    const io = fakeIo(dir);
    assert.equal(await runCli(['amend', 'matter', '--since', 'nope'], io), 2);
    assert.match(io.err, /git has no commit "nope"/);
    const none = fakeIo(dir);
    assert.equal(await runCli(['amend', 'matter'], none), 2);
    assert.match(none.err, /--since REF\|FILE is required/);
  });
});
