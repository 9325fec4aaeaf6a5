// Loading matters from disk: settings validated per key, `check one.md` reading only the matter's
// own files, unrelated unreadable files skipped with one line, and the matter's small files
// (glossary, settings, prompt templates) read only as regular files inside the matter.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateSettings } from '../../src/core/settings';
import type { CliIo } from '../../src/cli/command';
import { runCli } from '../../src/cli/main';
import { callTool } from '../../src/agent/index';
import { loadMatters } from '../../src/node/workspace';

const CLAIMS = '# Claims\n\n1. A widget comprising a lever.\n\n2. The widget of claim 1, wherein the lever is red.\n';

function io(cwd: string): CliIo & { out: string; err: string } {
  const o = { out: '', err: '', cwd, stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t) };
  return o;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms (blocked on a FIFO?)`)), ms).unref())]);
}

/** Opens a FIFO for writing and closes it at once, so a reader stuck on it (old code) is let go. */
function unblock(fifo: string): void {
  spawn('sh', ['-c', `exec 3>"${fifo}"; exec 3>&-`], { stdio: 'ignore' }).unref();
}

describe('node/workspace: settings', () => {
  it('validateSettings names the key and the expected type, and keeps the rest', () => {
    const { settings, problems } = validateSettings({
      jurisdiction: 'ep',
      files: { claims: 'claims.md', abstract: ['abs.md'] },
      severity: { 'antecedent-basis': 'loud', 'claim-numbering': 'off', nope: 'error' },
      minConfidence: 'sure',
      extra: 1,
    });
    assert.equal(settings.jurisdiction, 'ep');
    assert.deepEqual(settings.files, { abstract: ['abs.md'] });
    assert.deepEqual(settings.severity, { 'claim-numbering': 'off' });
    assert.equal(settings.minConfidence, undefined);
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p.message]));
    assert.match(byKey['files.claims'], /"files\.claims" must be a list of glob strings \(e\.g\. \["claims\.md"\]\), not a string/);
    assert.match(byKey['severity.antecedent-basis'], /must be one of "error", "warning", "info", "off", not "loud"/);
    assert.match(byKey['severity.nope'], /is not a check code/);
    assert.match(byKey.minConfidence, /"minConfidence" must be one of "low", "medium", "high", not "sure"/);
    assert.match(byKey.extra, /is not a Patent Draft setting/);
    for (const bad of [null, [], 'x', 3, { files: null }, { files: [] }, { severity: 'error' }, { severity: [] }, { files: { claims: [1] } }]) {
      assert.doesNotThrow(() => validateSettings(bad), JSON.stringify(bad));
    }
  });

  it('a file pattern over the matcher\'s bounds (24 "**") is named and left out, never run', () => {
    const hostile = Array.from({ length: 24 }, (_, i) => `d${i}**`).join('/') + '/x.md';
    const t0 = performance.now();
    const { settings, problems } = validateSettings({ files: { claims: [hostile, 'claims.md'] } });
    assert.deepEqual(settings.files, { claims: ['claims.md'] });
    assert.match(problems.map((p) => p.message).join(' '), /"files\.claims": the file pattern has \d+ "\*\*"; at most \d+ are read; this pattern is ignored/);
    assert.ok(performance.now() - t0 < 5000);
  });

  let dir: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-ws-')));
    mkdirSync(path.join(dir, '.patentdraft'));
    writeFileSync(path.join(dir, 'claims.md'), CLAIMS);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('"files.claims" given as a string: check says which key is wrong, the rest of the settings apply (no TypeError)', async () => {
    writeFileSync(path.join(dir, '.patentdraft', 'settings.json'), JSON.stringify({ jurisdiction: 'ep', files: { claims: 'claims.md' } }));
    const o = io(dir);
    const code = await runCli(['check', '.', '--format', 'json'], o);
    assert.doesNotMatch(o.err, /is not a function/);
    assert.equal(code, 0, o.err);
    assert.match(o.err, /settings\.json: "files\.claims" must be a list of glob strings/);
    const [m] = await loadMatters([dir]);
    assert.equal(m.settings.jurisdiction, 'ep');
    assert.equal(m.documents[0].role, 'claims');
  });

  it('an invalid minConfidence is a notice, not a failure of the whole check', async () => {
    writeFileSync(path.join(dir, '.patentdraft', 'settings.json'), JSON.stringify({ minConfidence: 'sure', mode: 'amendment' }));
    const notices: string[] = [];
    const [m] = await loadMatters([dir], {}, { notice: (n) => notices.push(n) });
    assert.equal(m.settings.mode, 'amendment');
    assert.equal(notices.length, 1);
    assert.match(notices[0], /"minConfidence" must be one of/);
  });

  it('a settings file that is not JSON says so without quoting it', async () => {
    writeFileSync(path.join(dir, '.patentdraft', 'settings.json'), '{"jurisdiction": SECRET-TEXT}');
    const o = io(dir);
    assert.equal(await runCli(['check', '.'], o), 2);
    assert.match(o.err, /settings\.json is not valid JSON/);
    assert.doesNotMatch(o.err, /SECRET/);
  });
});

describe('node/workspace: the files a matter is read from', () => {
  let dir: string;
  let matter: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-ws-')));
    matter = path.join(dir, 'matter');
    mkdirSync(path.join(matter, '.patentdraft'), { recursive: true });
    writeFileSync(path.join(matter, 'claims.md'), CLAIMS);
    writeFileSync(path.join(matter, 'disclosure.md'), 'A widget 10 has a lever 12.\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('`check one.md` does not read an unrelated 8.6 MB notes.md (and the folder check skips it with one line)', async () => {
    writeFileSync(path.join(matter, 'notes.md'), Buffer.alloc(Math.round(8.6 * 1048576), 0x61));
    const o = io(matter);
    assert.equal(await runCli(['check', 'claims.md'], o), 0, o.err);
    assert.equal(o.err, '', 'notes.md was not even looked at');
    const f = io(matter);
    assert.equal(await runCli(['check', '.'], f), 0, f.err);
    assert.equal(f.err.trim().split('\n').length, 1);
    assert.match(f.err, /skipped notes\.md is 8\.6 MB; Patent Draft reads documents up to 8 MB/);
  });

  it('a claims document that cannot be read is still an error (not a clean check)', async () => {
    writeFileSync(path.join(matter, 'claims.md'), Buffer.alloc(9 * 1048576, 0x61));
    const o = io(matter);
    assert.equal(await runCli(['check', '.'], o), 2);
    assert.match(o.err, /claims\.md is 9\.0 MB/);
  });

  it('the MCP tools still see the matter beside an unrelated file too large to read, and say what was skipped', async () => {
    writeFileSync(path.join(matter, 'notes.md'), Buffer.alloc(Math.round(8.6 * 1048576), 0x61));
    const r = await callTool('patent_check', {}, { root: matter, allowWrites: false });
    assert.equal(r.isError, undefined, r.text);
    const data = JSON.parse(r.text);
    assert.deepEqual(data.matters[0].documents.map((d: any) => d.file).sort(), ['claims.md', 'disclosure.md']);
    assert.match(data.notices[0], /^skipped notes\.md is 8\.6 MB/);
  });

  it('a glossary or settings file linked to a file outside the matter is not read', async () => {
    writeFileSync(path.join(dir, 'private.md'), '- **private key**: ssh secret\n');
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ jurisdiction: 'ep' }));
    symlinkSync(path.join(dir, 'private.md'), path.join(matter, '.patentdraft', 'glossary.md'));
    symlinkSync(path.join(dir, 'settings.json'), path.join(matter, '.patentdraft', 'settings.json'));
    const notices: string[] = [];
    const [m] = await loadMatters([matter], {}, { notice: (n) => notices.push(n) });
    assert.deepEqual(m.glossary, []);
    assert.equal(m.settings.jurisdiction ?? 'us', 'us');
    assert.equal(notices.length, 2);
    for (const n of notices) assert.match(n, /symbolic link to a file outside the matter folder; not read/);
  });

  it('a document linked to a file outside the matter is skipped with one line', async () => {
    writeFileSync(path.join(dir, 'secret.md'), '# Claims\n\n1. A secret comprising a thing.\n\n## Description\n\nSecret.\n');
    symlinkSync(path.join(dir, 'secret.md'), path.join(matter, 'link.md'));
    const notices: string[] = [];
    const matters = await loadMatters([matter], {}, { notice: (n) => notices.push(n) });
    assert.ok(matters.every((m) => m.documents.every((d) => !d.uri.endsWith('link.md'))));
    assert.equal(notices.length, 1);
    assert.match(notices[0], /link\.md is a symbolic link to a file outside the matter folder/);
  });

  it('a FIFO as glossary, settings or prompt template blocks nothing', async () => {
    const fifos = [path.join(matter, '.patentdraft', 'glossary.md'), path.join(matter, '.patentdraft', 'settings.json'), path.join(matter, 'notes.md')];
    for (const f of fifos) execFileSync('mkfifo', [f]);
    mkdirSync(path.join(matter, '.patentdraft', 'prompts'), { recursive: true });
    const template = path.join(matter, '.patentdraft', 'prompts', 'abstract.md');
    execFileSync('mkfifo', [template]);
    try {
      const notices: string[] = [];
      const [m] = await withTimeout(loadMatters([matter], {}, { notice: (n) => notices.push(n) }), 5000, 'loading a matter with FIFOs');
      assert.equal(m.documents.length, 2);
      assert.ok(notices.some((n) => /glossary\.md is a named pipe \(FIFO\)/.test(n)));
      const r = await withTimeout(callTool('patent_generate', { task: 'abstract' }, { root: matter, allowWrites: false }), 10000, 'patent_generate with a FIFO template');
      assert.equal(r.isError, undefined, r.text);
      const named = await withTimeout(callTool('patent_check', { path: 'notes.md' }, { root: matter, allowWrites: false }), 5000, 'patent_check on a FIFO');
      assert.equal(named.isError, true);
      assert.match(named.text, /notes\.md is a named pipe \(FIFO\), not a regular file/);
    } finally {
      for (const f of [...fifos, template]) unblock(f);
    }
  });

  it('a prompt template linked outside the matter is not used', async () => {
    const { promptTemplatePath } = await import('../../src/drafting');
    const rel = promptTemplatePath('abstract');
    mkdirSync(path.dirname(path.join(matter, rel)), { recursive: true });
    writeFileSync(path.join(dir, 'private.txt'), 'PRIVATE-KEY-MATERIAL {{claims}}');
    symlinkSync(path.join(dir, 'private.txt'), path.join(matter, rel));
    const { readMatterTextFile } = await import('../../src/node/workspace');
    await assert.rejects(readMatterTextFile(path.join(matter, rel), matter), /outside the matter folder; not read/);
  });

  it('a matter that is a link inside the folder given is read; a file named on the command line is read as given', async () => {
    const o = io(dir);
    assert.equal(await runCli(['check', path.join(matter, 'claims.md')], o), 0, o.err);
    symlinkSync(path.join(matter, 'claims.md'), path.join(dir, 'claims-link.md'));
    const p = io(dir);
    assert.equal(await runCli(['check', 'claims-link.md'], p), 0, p.err);
  });
});
