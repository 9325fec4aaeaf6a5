// The agent tools on a workspace other than the disk (src/core/workspace.ts): the editor's
// documents in memory. The language-model tools used to copy the matter into the temp folder and
// diff it back; now they read and write through the workspace, and nothing lands in os.tmpdir().
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { callTool, type AgentContext } from '../../src/agent/index';
import { FsWorkspace } from '../../src/node/fsWorkspace';
import { MemoryWorkspace } from '../../src/node/memoryWorkspace';
import { loadMatters } from '../../src/node/workspace';

const ROOT = path.resolve('/matters/widget');
const CLAIMS = '1. A widget comprising a lever and a base.\n\n2. The widget of claim 1, wherein the spring is red.\n';
const DISCLOSURE = 'A widget 10 has a lever 12, a base 14 and a spring 16. The spring 16 is red.\n';

function memoryMatter(extra: Record<string, string> = {}): MemoryWorkspace {
  return new MemoryWorkspace({ 'claims.md': CLAIMS, 'disclosure.md': DISCLOSURE, ...extra }, ROOT);
}

/** Runs `fn` with os.tmpdir() pointing at an empty private folder, and returns what it left there. */
async function leftInTmp(fn: () => Promise<void>): Promise<string[]> {
  const mine = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-ws-tmp-')));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = mine;
  try {
    assert.equal(tmpdir(), mine);
    await fn();
    return readdirSync(mine);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(mine, { recursive: true, force: true });
  }
}

function parse(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

describe('agent tools on a workspace in memory', () => {
  it('checks the matter the workspace holds (no file of it exists on disk)', async () => {
    const ws = memoryMatter();
    const r = await callTool('patent_check', {}, { root: ROOT, allowWrites: false, workspace: ws });
    assert.equal(r.isError, undefined, r.text);
    const data = parse(r.text) as { matters: { documents: { file: string }[]; findings: { code: string; line: number; text?: string }[] }[] };
    assert.deepEqual(data.matters[0].documents.map((d) => d.file).sort(), ['claims.md', 'disclosure.md']);
    const ab = data.matters[0].findings.find((f) => f.code === 'antecedent-basis');
    assert.ok(ab, 'the spring of claim 2 has no antecedent');
    assert.equal(ab.line, 3);
    assert.equal(ab.text, 'the spring');
  });

  it('a write tool writes through the workspace only: recorded in memory, nothing in os.tmpdir()', async () => {
    const ws = memoryMatter();
    let result: Awaited<ReturnType<typeof callTool>> | undefined;
    const left = await leftInTmp(async () => {
      result = await callTool('patent_apply_fixes', { codes: ['antecedent-basis'] }, { root: ROOT, allowWrites: true, workspace: ws });
    });
    assert.equal(result!.isError, undefined, result!.text);
    assert.deepEqual(left, [], 'an LM-tool call leaves nothing in the temp folder');
    assert.deepEqual(parse(result!.text).written, ['claims.md']);
    assert.equal(ws.writes.length, 1, 'one write per file');
    assert.equal(ws.writes[0].file, path.join(ROOT, 'claims.md'));
    assert.match(ws.text(path.join(ROOT, 'claims.md'))!, /wherein a spring is red/);
    assert.equal(ws.text(path.join(ROOT, 'disclosure.md')), DISCLOSURE);
  });

  it('refuses a write when the text changed since it was read, and leaves it as it is', async () => {
    const ws = memoryMatter();
    const file = path.join(ROOT, 'claims.md');
    const real = ws.replaceText.bind(ws);
    ws.replaceText = async (f, after, req) => {
      ws.set(file, CLAIMS + '\n3. The widget of claim 1, typed meanwhile.\n');
      return real(f, after, req);
    };
    const edited = await callTool('patent_apply_fixes', { codes: ['antecedent-basis'] }, { root: ROOT, allowWrites: true, workspace: ws });
    assert.equal(edited.isError, true);
    assert.match(edited.text, /changed since it was read; nothing was written/);
    assert.match(ws.text(file)!, /typed meanwhile/);
    assert.equal(ws.writes.length, 0);
  });

  it("reads the matter's settings through the workspace, over the host's settings", async () => {
    const ws = memoryMatter({ '.patentdraft/settings.json': JSON.stringify({ severity: { 'antecedent-basis': 'error' } }) });
    const ctx: AgentContext = { root: ROOT, allowWrites: false, workspace: ws, settings: { severity: { 'antecedent-basis': 'info' }, jurisdiction: 'ep' } };
    const data = parse((await callTool('patent_check', {}, ctx)).text) as { matters: { jurisdiction: string; findings: { code: string; severity: string }[] }[] };
    assert.equal(data.matters[0].jurisdiction, 'ep', "the host's setting where the file says nothing");
    assert.equal(data.matters[0].findings.find((f) => f.code === 'antecedent-basis')?.severity, 'error', "the matter's file over the host");
  });

  it('keeps the size bound behind the workspace: an oversized claims file is refused by name', async () => {
    const ws = new MemoryWorkspace({ 'claims.md': '1. A widget.\n' + 'x'.repeat(8 * 1024 * 1024) }, ROOT);
    const r = await callTool('patent_check', {}, { root: ROOT, allowWrites: false, workspace: ws });
    assert.equal(r.isError, true);
    assert.match(r.text, /claims\.md is [\d.]+ MB; Patent Draft reads documents up to 8 MB/);
  });
});

describe('the file system workspace with an overlay of unsaved text', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('analyses the unsaved text over the file, and writes never touch the file behind it', async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'pd-ws-overlay-')));
    const matter = path.join(dir, 'matter');
    mkdirSync(matter);
    writeFileSync(path.join(matter, 'claims.md'), '1. A widget comprising a lever.\n');
    writeFileSync(path.join(matter, 'disclosure.md'), DISCLOSURE);
    const unsaved = new Map([[path.join(matter, 'claims.md'), { text: CLAIMS, version: 7 }]]);
    const ws = new FsWorkspace({ overlay: { get: (p) => unsaved.get(p) } });
    const [m] = await loadMatters([matter], {}, { root: matter, workspace: ws });
    assert.equal(m.documents.find((d) => d.uri.endsWith('claims.md'))?.text, CLAIMS);
    assert.equal((await ws.stat(path.join(matter, 'claims.md')))?.version, 'v7');
    const r = await callTool('patent_claim', { claim: 2 }, { root: matter, allowWrites: false, workspace: ws });
    assert.equal(r.isError, undefined, r.text);
    assert.match(r.text, /the spring is red/);
    assert.equal(readFileSync(path.join(matter, 'claims.md'), 'utf8'), '1. A widget comprising a lever.\n');
  });
});
