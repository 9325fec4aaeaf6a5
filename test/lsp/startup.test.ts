// What the server does at its start for a document's first findings (issue 15, item 6): a reload that
// changes nothing (VS Code's client sends workspace/didChangeConfiguration as soon as it registers)
// keeps the matter and its analysis; drafting and the agent tools (the Triton client, gRPC, the chat
// templates) are loaded after the first findings are published, or at once by a request that needs them.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as P from '../../src/lsp/protocol';
import { copyFixture, TestClient, uriOf } from './client';
import { MatterStore } from '../../src/lsp/matters';

const CORPUS = '/work/shared/corpus/uspto';
const LOADED = /^drafting and agent tools loaded in \d+ ms/;

describe('lsp: the start, for the first findings', function () {
  it('keeps the matter and its analysis when a reload changes nothing; a changed setting analyses again', async () => {
    const fx = copyFixture('split');
    const client = await TestClient.start({ config: {} });
    try {
      const uri = uriOf(path.join(fx.dir, 'claims.md'));
      await client.open(uri, readFileSync(path.join(fx.dir, 'claims.md'), 'utf8'));
      await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis'));
      const first = client.notesOf<P.MatterChangedParams>(P.MATTER_CHANGED).at(-1)!;
      const analysed = () => client.logs.filter((l) => / analysed \d+ document/.test(l)).length;
      assert.equal(analysed(), 1, client.logs.join('\n'));

      const from = client.history.length;
      const notes = client.notes.length;
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const again = await client.until(
        'the findings published again',
        () =>
          client.history.length > from &&
          (client.notes.slice(notes).find((n) => n.method === P.MATTER_CHANGED && !(n.params as P.MatterChangedParams).checking)?.params as P.MatterChangedParams | undefined),
      );
      assert.equal(again.matter, first.matter, 'the same matter');
      assert.equal(analysed(), 1, `not analysed again:\n${client.logs.join('\n')}`);
      assert.deepEqual(
        client.diagnostics.get(uri)!.diagnostics.map((d) => d.code),
        client.history[from - 1]!.diagnostics.map((d) => d.code),
      );

      client.config = { severity: { 'antecedent-basis': 'info' } };
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis' && x.severity === 3));
      assert.equal(analysed(), 2, 'a changed setting is a new analysis');
      assert.notEqual(client.notesOf<P.MatterChangedParams>(P.MATTER_CHANGED).at(-1)!.matter, first.matter);
    } finally {
      await client.stop();
      fx.cleanup();
    }
  });

  it('loads drafting and the agent tools after the first findings; the drafting status waits for them', async () => {
    const fx = copyFixture('split');
    const client = await TestClient.start({ config: {} });
    try {
      // Asked before anything is open: answered once the load happened (it does not cause it).
      const status = client.request<P.DraftingStatus>(P.DRAFTING_STATUS, {});
      const uri = uriOf(path.join(fx.dir, 'claims.md'));
      await client.open(uri, readFileSync(path.join(fx.dir, 'claims.md'), 'utf8'));
      await client.diagnosticsFor(uri, (d) => d.length > 0);
      assert.ok(!client.logs.some((l) => LOADED.test(l)), `loaded before the first findings:\n${client.logs.join('\n')}`);
      const s = await status;
      assert.equal(s.backend, 'builtin');
      assert.match(client.logs.find((l) => LOADED.test(l)) ?? '', /\(after the first findings\)/, 'the status was answered after the load, which the findings caused');
    } finally {
      await client.stop();
      fx.cleanup();
    }
  });

  it('loads them at once for a request that needs them', async () => {
    const client = await TestClient.start({ config: {} });
    try {
      const r = await client.request<P.ToolCallResult>(P.TOOL, { name: 'no_such_tool', input: {} });
      assert.equal(r.isError, true);
      const line = client.logs.find((l) => LOADED.test(l));
      assert.match(line ?? '', new RegExp(`\\(${P.TOOL}\\)`), `the request loaded them, not the start timer:\n${client.logs.join('\n')}`);
    } finally {
      await client.stop();
    }
  });
});

describe('lsp: a folder read again while its read is under way', () => {
  it('settles every read when reloads come back to back (a read never waits on itself)', async () => {
    const fx = copyFixture('split');
    try {
      const folderUri = uriOf(fx.dir);
      let calls = 0;
      // Settings arrive slowly, so each reload lands while the read before it is still between its awaits.
      const store = new MatterStore(async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 30));
        return { check: {}, patterns: {}, selection: {} };
      });
      const first = store.folder(folderUri);
      store.invalidateAll();
      const second = store.folder(folderUri);
      store.invalidate(folderUri);
      const third = store.folder(folderUri);
      store.invalidateAll();
      const fourth = store.folder(folderUri);
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000));
      const results = await Promise.race([Promise.all([first, second, third, fourth, store.all()]), timeout]);
      assert.notEqual(results, 'timeout', 'a read of the folder never settled');
      const [a, b, c, d] = results as Awaited<ReturnType<MatterStore['folder']>>[];
      assert.equal(a.length, 1);
      // Nothing changed between the reads: the same matter (and its analysis) all along.
      assert.ok(b[0] === a[0] && c[0] === a[0] && d[0] === a[0], 'an unchanged folder keeps its matter');
      assert.equal(calls, 4);
    } finally {
      fx.cleanup();
    }
  });
});

describe('lsp: the workspace read ahead (issue 15, item 6)', function () {
  const analysed = (client: TestClient) => client.logs.filter((l) => / analysed \d+ document/.test(l)).length;
  const readAhead = (client: TestClient) => client.until('the read ahead', () => client.logs.find((l) => /^read ahead: /.test(l)));
  /** Opens `file` with its text on disk; its uri. */
  const openFile = async (client: TestClient, file: string) => {
    const uri = uriOf(file);
    await client.open(uri, readFileSync(file, 'utf8'));
    return uri;
  };
  /** A server whose workspace folder is a copy of `fixture` (or, with `parent`, the folder holding the copy, named with a
   *  trailing slash), the copy changed by `prepare` first; the server stopped and the copy removed after `body`. */
  const inWorkspace = async (fixture: string, body: (client: TestClient, dir: string) => Promise<void>, opts: { prepare?: (dir: string) => void; parent?: boolean } = {}) => {
    const fx = copyFixture(fixture);
    try {
      opts.prepare?.(fx.dir);
      const client = await TestClient.start({ config: {}, workspaceFolders: [opts.parent ? path.dirname(fx.dir) + '/' : fx.dir] });
      try {
        await body(client, fx.dir);
      } finally {
        await client.stop();
      }
    } finally {
      fx.cleanup();
    }
  };
  /** Writes `n` more single-file matters beside the fixture's application.md, each a variant of it. */
  const moreApplications = (n: number, name: (i: number) => string, retitle: (i: number) => string) => (dir: string) => {
    const text = readFileSync(path.join(dir, 'application.md'), 'utf8');
    for (let i = 1; i <= n; i++) writeFileSync(path.join(dir, name(i)), text.replace('Folding ladder', retitle(i)));
  };

  it("analyses a workspace folder's matter before any document is opened, publishes nothing until one is, and answers the opening from it", () =>
    inWorkspace('split', async (client, dir) => {
      const line = await readAhead(client);
      assert.match(line, /^read ahead: 1 matter\(s\) of the workspace, \d+ chars, analysed in \d+ ms$/);
      assert.equal(analysed(client), 1, client.logs.join('\n'));
      assert.equal(client.history.length, 0, 'nothing is published before a document is opened');

      const uri = await openFile(client, path.join(dir, 'claims.md'));
      await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis'));
      assert.equal(analysed(client), 1, `the opening did not start a matter of its own:\n${client.logs.join('\n')}`);
    }));

  it('publishes a document opened at the start before it reads ahead the other matters', async () => {
    // Two real patents (large enough that an analysis takes a while), in a folder of their own outside the project;
    // the one opened sorts second, so a read ahead that does not wait takes the other first.
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-lsp-ahead-'));
    try {
      for (const f of ['US06970935.md', 'US08926509.md']) copyFileSync(path.join(CORPUS, f), path.join(dir, f));
      const client = await TestClient.start({ config: {}, workspaceFolders: [dir] });
      try {
        await openFile(client, path.join(dir, 'US08926509.md'));
        await readAhead(client);
        const published = client.logs.findIndex((l) => /: first findings published/.test(l));
        const lines = client.logs.map((l, i) => ({ l, i })).filter(({ l }) => / analysed \d+ document/.test(l));
        assert.equal(lines.length, 2, client.logs.join('\n'));
        assert.match(lines[0]!.l, /182047 chars/, `the opened document was analysed first:\n${client.logs.join('\n')}`);
        assert.ok(published >= 0 && published < lines[1]!.i, `its findings were published before the other matter was analysed:\n${client.logs.join('\n')}`);
      } finally {
        await client.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads ahead the matters of subfolders (matters/<case>/claims.md), a workspace folder named with a trailing slash the same', () =>
    inWorkspace(
      'split',
      async (client, dir) => {
        assert.match(await readAhead(client), /^read ahead: 1 matter\(s\)/);
        const uri = await openFile(client, path.join(dir, 'claims.md'));
        await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis'));
        assert.equal(analysed(client), 1, `the folder read ahead is the folder of the opened document:\n${client.logs.join('\n')}`);
      },
      { parent: true },
    ));

  it('publishes nothing for a matter read ahead when the settings change; only what is opened', () =>
    inWorkspace(
      'single',
      async (client, dir) => {
        assert.match(await readAhead(client), /^read ahead: 2 matter\(s\)/);
        client.config = { severity: { 'antecedent-basis': 'info' } };
        await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        const uri = await openFile(client, path.join(dir, 'application.md'));
        await client.diagnosticsFor(uri, (d) => d.length > 0);
        await client.until('the matter published', () => client.notesOf<P.MatterChangedParams>(P.MATTER_CHANGED).some((n) => !n.checking) || undefined);
        assert.deepEqual([...new Set(client.history.map((h) => h.uri))], [uri], 'diagnostics only for the opened document');
      },
      {
        prepare: moreApplications(
          1,
          () => 'other.md',
          () => 'Folding stool',
        ),
      },
    ));

  it('leaves a folder of many Markdown files to its first opening (only its listing is read ahead)', () =>
    inWorkspace(
      'single',
      async (client, dir) => {
        const line = await readAhead(client);
        assert.match(line, /^read ahead: 0 matter\(s\) .*; 1 folder\(s\) of over 256 entries, 32 Markdown files or the characters left, to their first opening$/);
        assert.equal(analysed(client), 0);
        const uri = await openFile(client, path.join(dir, 'application.md'));
        await client.diagnosticsFor(uri, (d) => d.length > 0);
      },
      {
        prepare: (dir) => {
          for (let i = 1; i <= 32; i++) writeFileSync(path.join(dir, `note-${i}.md`), `# Note ${i}\n`);
        },
      },
    ));

  it('reads ahead at most three matters; the others are analysed when opened', () =>
    inWorkspace(
      'single',
      async (client, dir) => {
        const line = await readAhead(client);
        assert.match(line, /^read ahead: 3 matter\(s\)/);
        assert.equal(analysed(client), 3);
        // Whichever two were left: opening both analyses the two of them.
        const uris: string[] = [];
        for (const f of ['application.md', ...[1, 2, 3, 4].map((i) => `application-${i}.md`)]) uris.push(await openFile(client, path.join(dir, f)));
        await client.until('all five analysed', () => analysed(client) === 5 || undefined);
        for (const uri of uris) await client.diagnosticsFor(uri, () => true);
      },
      {
        prepare: moreApplications(
          4,
          (i) => `application-${i}.md`,
          (i) => `Folding ladder ${i}`,
        ),
      },
    ));
});

describe('lsp: a matter let go', () => {
  it('drops its analysis and memo tables, and is analysed again (the same findings) when asked', async () => {
    const fx = copyFixture('split');
    try {
      const store = new MatterStore(async () => ({ check: {}, patterns: {}, selection: {} }));
      const [m] = await store.folder(uriOf(fx.dir));
      const open = new Map();
      const first = m!.analyze(open);
      const cache = m!.cache;
      assert.equal(m!.stale(open), false);
      m!.release();
      assert.equal(m!.analysis, undefined);
      assert.notEqual(m!.cache, cache, 'a new, empty cache');
      assert.equal(m!.stale(open), true, 'the next request analyses it again');
      assert.deepEqual(
        m!.analyze(open).findings.map((f) => f.code),
        first.findings.map((f) => f.code),
      );
    } finally {
      fx.cleanup();
    }
  });
});
