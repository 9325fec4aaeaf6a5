// The server side of src/lsp/protocol.ts (what the VS Code extension asks the server), over stdio
// with the test client: push-only mode, patentDraft/matterChanged, the view requests against the
// service functions on the same fixture, the edit requests' WorkspaceEdits applied to the texts,
// drafting (built-in and the Triton test server: chunks in order, cancellation), the agent tools,
// and a virtual workspace served by the client, with hostile answers hitting their bounds.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeMatter, type Analysis, type Matter } from '../../src/core/index';
import { mattersInFolder } from '../../src/node/workspace';
import * as service from '../../src/service/index';
import * as P from '../../src/lsp/protocol';
import { FakeTriton } from '../inference/server/triton-server';
import { scriptedModel } from '../inference/server/scripted';
import { copyFixture, FIXTURES, TestClient, uriOf } from './client';

/** The position of the first `needle` in `text`, `delta` characters in. */
function at(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** The fixture folder's matter analysed in this process, with file uris as the server names them. */
async function expectedAnalysis(dir: string): Promise<Analysis> {
  const [m] = await mattersInFolder(dir);
  const withUris: Matter = { ...m!, root: pathToFileURL(m!.root).href, documents: m!.documents.map((d) => ({ ...d, uri: pathToFileURL(d.uri).href })) };
  return analyzeMatter(withUris);
}

/** A WorkspaceEdit's text edits applied to the texts (by uri); created files start empty. */
function applyEdit(edit: WorkspaceEdit, texts: Record<string, string>): Record<string, string> {
  const out = { ...texts };
  const apply = (uri: string, edits: TextEdit[]) => {
    out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, out[uri] ?? ''), edits);
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  for (const c of edit.documentChanges ?? []) {
    if ('kind' in c) {
      if (c.kind === 'create') out[c.uri] ??= '';
    } else apply(c.textDocument.uri, c.edits as TextEdit[]);
  }
  return out;
}

describe('lsp contract: push-only mode, matter state and the view requests', function () {
  let client: TestClient;
  let fx: { dir: string; cleanup: () => void };
  let claimsUri: string;
  let claims: string;

  before(async () => {
    fx = copyFixture('split');
    claimsUri = uriOf(path.join(fx.dir, 'claims.md'));
    claims = readFileSync(path.join(fx.dir, 'claims.md'), 'utf8');
    // A client that could pull, told to take pushes only (as vscode-languageclient is).
    client = await TestClient.start({ config: {}, pull: true, init: { patentDraft: {}, pushDiagnostics: true, trusted: true } });
    await client.open(claimsUri, claims);
  });
  after(async () => {
    await client?.stop();
    fx?.cleanup();
  });

  it('push-only: no pull capability, diagnostics pushed, no refresh asked', async () => {
    assert.equal(client.initResult!.capabilities.diagnosticProvider, undefined);
    const ds = await client.diagnosticsFor(claimsUri, (d) => d.some((x) => x.code === 'antecedent-basis'));
    assert.ok(ds.length > 0, 'ds.length > 0');
    assert.equal(client.refreshes, 0);
  });

  it('matterChanged: checking true from the opening, false once published; again on an edit', async () => {
    const changed = () => client.notesOf<P.MatterChangedParams>(P.MATTER_CHANGED);
    await client.until('checking: false', () => changed().some((n) => !n.checking));
    const first = changed()[0]!;
    assert.equal(first.checking, true);
    assert.equal(first.version, 0);
    assert.ok(first.uris.includes(claimsUri) && first.uris.some((u) => u.endsWith('/disclosure.md')), "the matter's documents");
    const order = client.notes
      .map((n) => (n.method === P.MATTER_CHANGED ? `m:${(n.params as P.MatterChangedParams).checking}` : n.method === 'textDocument/publishDiagnostics' ? 'd' : ''))
      .filter(Boolean);
    assert.ok(order.indexOf('m:true') < order.indexOf('d') && order.indexOf('d') < order.indexOf('m:false'), `checking before diagnostics before done: ${order.join(' ')}`);
    const done = changed().find((n) => !n.checking)!;
    assert.equal(done.version, 1);
    assert.equal(done.matter, first.matter);

    const seen = client.notes.length;
    await client.change(claimsUri, 2, claims.replace('the clip', 'a clip'));
    const after = () => client.notes.slice(seen);
    await client.until('checking: false after the edit', () => after().some((n) => n.method === P.MATTER_CHANGED && !(n.params as P.MatterChangedParams).checking));
    const kinds = after().map((n) => (n.method === P.MATTER_CHANGED ? `m:${(n.params as P.MatterChangedParams).checking}` : 'd'));
    assert.equal(kinds[0], 'm:true', 'checking is said before the debounce ends');
    assert.equal((after().at(-1)!.params as P.MatterChangedParams).version, 2);
    const ds = client.diagnostics.get(claimsUri)!.diagnostics;
    assert.ok(!ds.some((d) => d.code === 'antecedent-basis' && /clip/.test(String(d.message))), "!ds.some((d) => d.code === 'antecedent-basis' && /clip/.test(String(d.message)))");
    await client.change(claimsUri, 3, claims);
    await client.diagnosticsFor(claimsUri, (d) => d.some((x) => x.code === 'antecedent-basis' && /clip/.test(String(x.message))));
  });

  it("status, terms, findingsByClaim and claimAt give the service functions' answers on the fixture", async () => {
    const a = await expectedAnalysis(fx.dir);
    const doc = { textDocument: { uri: claimsUri } };
    const status = await client.request<P.StatusResult>(P.STATUS, doc);
    const s = service.statusSummary(a);
    assert.deepEqual({ text: status.text, tooltip: status.tooltip, claims: status.claims, independent: status.independent, findings: status.findings, errors: status.errors }, s);
    assert.equal(status.claims, 4);
    assert.equal(status.independent, 1);

    const terms = await client.request<P.TermsResult>(P.TERMS, doc);
    assert.deepEqual(terms.rows, service.termRows(a).rows);
    assert.equal(terms.total, a.terms.length);
    const housing = terms.rows.find((r) => r.label === 'housing')!;
    assert.deepEqual(housing.introducedIn, [1]);
    assert.match(housing.description, /^claim 1 · \d+ uses in \d+ claims · \d+ in the description$/);

    const findings = await client.request<P.FindingsResult>(P.FINDINGS_BY_CLAIM, doc);
    assert.deepEqual(findings.groups, service.findingRows(a).groups);
    const g3 = findings.groups.find((g) => g.claim === 3)!;
    assert.ok(
      g3.findings.some((f) => f.code === 'antecedent-basis' && f.level === 'warning'),
      "g3.findings.some((f) => f.code === 'antecedent-basis' && f.level === 'warning')",
    );

    const inClaim4 = await client.request<P.ClaimAtResult>(P.CLAIM_AT, { ...doc, position: at(claims, 'removable') });
    assert.equal(inClaim4.claim, 4);
    assert.deepEqual(inClaim4.ancestors, [2, 1]);
    assert.equal(inClaim4.root, 1);
    assert.equal(inClaim4.names, undefined);
    const onRef = await client.request<P.ClaimAtResult>(P.CLAIM_AT, { ...doc, position: at(claims, 'claim 2,', 6) });
    assert.equal(onRef.claim, 4);
    assert.equal(onRef.names?.claim, 2);
    const one = await client.request<P.ClaimAtResult>(P.CLAIM_AT, { ...doc, position: at(claims, 'a lid') });
    assert.deepEqual([one.claim, one.independent, one.dependents, one.descendants.sort()], [1, true, [2, 3], [2, 3, 4]]);
    assert.deepEqual(one, service.claimFamilyAt(a, claimsUri, at(claims, 'a lid')));
  });

  it('matters lists the matter with its documents; a document in no matter answers null', async () => {
    const r = await client.request<P.MattersResult>(P.MATTERS, {});
    const m = r.matters.find((x) => x.documents.some((d) => d.uri === claimsUri))!;
    assert.deepEqual(m.documents.map((d) => d.role).sort(), ['claims', 'disclosure']);
    assert.equal(m.name, 'split');
    assert.equal(m.claims, 4);
    assert.equal(m.checking, false);
    const none = await client.request<P.StatusResult | null>(P.STATUS, { textDocument: { uri: uriOf(path.join(fx.dir, 'nothing.txt')) } });
    assert.equal(none, null);
  });

  it('descriptionStyle "info" shows description style findings as information', async () => {
    const dir = path.join(fx.dir, '..', 'styled');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'claims.md'), '# Claims\n\n1. A lever comprising a handle.\n');
    writeFileSync(path.join(dir, 'disclosure.md'), '# Lever\n\nThe present invention is a lever with a handle. The handle must be rigid.\n');
    const uri = uriOf(path.join(dir, 'claims.md'));
    const disc = uriOf(path.join(dir, 'disclosure.md'));
    client.config = { descriptionStyle: 'info' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.open(uri, readFileSync(path.join(dir, 'claims.md'), 'utf8'));
    const ds = await client.diagnosticsFor(disc, (d) => d.some((x) => x.code === 'patent-profanity'));
    assert.ok(
      ds.filter((d) => d.code === 'patent-profanity').every((d) => d.severity === 3),
      'information, not hint',
    );
    client.config = {};
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.diagnosticsFor(disc, (d) => d.some((x) => x.code === 'patent-profanity') && d.filter((x) => x.code === 'patent-profanity').every((x) => x.severity === 4));
  });
});

describe('lsp contract: edit requests return WorkspaceEdits, the agent tools run on the server', function () {
  let client: TestClient;
  let fx: { dir: string; cleanup: () => void };
  let claimsUri: string;
  let disclosureUri: string;
  let texts: Record<string, string>;

  before(async () => {
    fx = copyFixture('split');
    claimsUri = uriOf(path.join(fx.dir, 'claims.md'));
    disclosureUri = uriOf(path.join(fx.dir, 'disclosure.md'));
    texts = { [claimsUri]: readFileSync(path.join(fx.dir, 'claims.md'), 'utf8'), [disclosureUri]: readFileSync(path.join(fx.dir, 'disclosure.md'), 'utf8') };
    client = await TestClient.start({ config: {}, init: { pushDiagnostics: true } });
    await client.open(claimsUri, texts[claimsUri]!);
    await client.diagnosticsFor(claimsUri, (d) => d.length > 0);
  });
  after(async () => {
    await client?.stop();
    fx?.cleanup();
  });
  const doc = () => ({ textDocument: { uri: claimsUri } });
  const unchangedOnDisk = () => assert.equal(readFileSync(path.join(fx.dir, 'claims.md'), 'utf8'), texts[claimsUri], 'the server writes nothing');

  it('replaceTerm: every "seal" of the claims becomes "gasket"', async () => {
    const r = await client.request<P.EditResult>(P.REPLACE_TERM, { ...doc(), from: 'seal', to: 'gasket' });
    assert.ok(r.edit && r.edits >= 1, 'r.edit && r.edits >= 1');
    const out = applyEdit(r.edit, texts);
    assert.equal(out[claimsUri], texts[claimsUri]!.replace(/seal/g, 'gasket'));
    assert.equal(out[disclosureUri], texts[disclosureUri], 'scope claims: the disclosure is left');
    unchangedOnDisk();
  });

  it('insertClaims: the new claim 2, the later claims and their references renumbered', async () => {
    const r = await client.request<P.EditResult>(P.INSERT_CLAIMS, { ...doc(), after: 1, claims: ['The beverage container of claim 1, wherein the lid is transparent.'] });
    const out = applyEdit(r.edit!, texts)[claimsUri]!;
    assert.match(out, /\n2\. The beverage container of claim 1, wherein the lid is transparent\.\n\n3\. The beverage container of claim 1, wherein the outer wall/);
    assert.match(out, /\n5\. The beverage container of claim 3, wherein the lid is removable/);
    unchangedOnDisk();
  });

  it('applyFixes by code: "the clip" gets its article', async () => {
    const r = await client.request<P.EditResult>(P.APPLY_FIXES, { ...doc(), codes: ['antecedent-basis'] });
    assert.equal(applyEdit(r.edit!, texts)[claimsUri], texts[claimsUri]!.replace('comprising the clip', 'comprising a clip'));
  });

  it('renumber: claims numbered 1, 2, 5 become 1, 2, 3 with their references; nothing to do says so', async () => {
    const dir = path.join(fx.dir, '..', 'gaps');
    mkdirSync(dir);
    const text = '# Claims\n\n1. A pump comprising a rotor.\n\n2. The pump of claim 1, wherein the rotor is steel.\n\n5. The pump of claim 2, wherein the rotor is coated.\n';
    writeFileSync(path.join(dir, 'claims.md'), text);
    const uri = uriOf(path.join(dir, 'claims.md'));
    await client.open(uri, text);
    const r = await client.request<P.EditResult>(P.RENUMBER, { textDocument: { uri } });
    assert.equal(applyEdit(r.edit!, { [uri]: text })[uri], text.replace('5. The pump of claim 2', '3. The pump of claim 2'));
    const none = await client.request<P.EditResult>(P.RENUMBER, doc());
    assert.equal(none.edit, null);
    assert.ok(none.message, 'none.message');
  });

  it('glossaryEdit: a new .patentdraft/glossary.md with the entry (created through documentChanges)', async () => {
    const r = await client.request<P.EditResult>(P.GLOSSARY_EDIT, { ...doc(), preferred: 'seal', avoid: ['gasket'] });
    const glossaryUri = uriOf(path.join(fx.dir, '.patentdraft', 'glossary.md'));
    const out = applyEdit(r.edit!, texts);
    assert.match(out[glossaryUri]!, /^# Glossary\n[\s\S]*\n- \*\*seal\*\*: Avoid: gasket\.\n$/);
  });

  it('patentDraft/tool: patent_check reads the open text; a write tool returns its edit, writes nothing', async () => {
    const edited = texts[claimsUri]!.replace('the clip', 'a clip');
    await client.change(claimsUri, 2, edited);
    const check = await client.request<P.ToolCallResult>(P.TOOL, { name: 'patent_check', input: {}, textDocument: { uri: claimsUri } });
    assert.ok(!check.isError, check.text);
    const data = JSON.parse(check.text) as { matters: { findings: { code: string; message: string }[] }[] };
    assert.equal(data.matters.length, 1);
    assert.ok(!data.matters[0]!.findings.some((f) => f.code === 'antecedent-basis' && /clip/.test(f.message)), 'the unsaved edit counts');
    const w = await client.request<P.ToolCallResult>(P.TOOL, { name: 'patent_replace_term', input: { from: 'lid', to: 'cap' }, textDocument: { uri: claimsUri } });
    assert.ok(!w.isError, w.text);
    assert.deepEqual(w.changed, [claimsUri]);
    assert.equal(applyEdit(w.edit!, { [claimsUri]: edited })[claimsUri], edited.replace(/\blid\b/g, 'cap'));
    unchangedOnDisk();
    const dry = await client.request<P.ToolCallResult>(P.TOOL, { name: 'patent_renumber', input: { dryRun: true }, textDocument: { uri: claimsUri } });
    assert.equal(dry.edit, undefined);
    const bad = await client.request<P.ToolCallResult>(P.TOOL, { name: 'no_such_tool', input: {} });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /patent_check/);
    await client.change(claimsUri, 3, texts[claimsUri]!);
  });
});

describe('lsp contract: drafting in the server', function () {
  let client: TestClient;
  let fx: { dir: string; cleanup: () => void };
  let claimsUri: string;
  let server: FakeTriton;
  const REPLY = '5. The beverage container of claim 1, wherein the seal is rubber.\n\n6. The beverage container of claim 1, wherein the lid is hinged to the housing.';

  before(async () => {
    fx = copyFixture('split');
    claimsUri = uriOf(path.join(fx.dir, 'claims.md'));
    server = await FakeTriton.start({ models: [scriptedModel('scripted', () => REPLY)] });
    client = await TestClient.start({ config: {}, init: { pushDiagnostics: true, trusted: true } });
    await client.open(claimsUri, readFileSync(path.join(fx.dir, 'claims.md'), 'utf8'));
  });
  after(async () => {
    await client?.stop();
    await server?.close();
    fx?.cleanup();
  });
  const chunksOf = (id: string) => client.notesOf<P.DraftChunkParams>(P.DRAFT_CHUNK).filter((c) => c.id === id);

  it('built-in: an abstract streams as chunks in order, the last done, then the result', async () => {
    const status = await client.request<P.DraftingStatus>(P.DRAFTING_STATUS, {});
    assert.equal(status.backend, 'builtin');
    const r = await client.request<P.DraftResult>(P.DRAFT, { id: 'b1', textDocument: { uri: claimsUri }, task: { kind: 'abstract' } });
    assert.ok('done' in r, JSON.stringify(r));
    const chunks = chunksOf('b1');
    assert.equal(r.chunks, chunks.length);
    assert.ok(chunks.length >= 2, 'chunks.length >= 2');
    assert.deepEqual(
      chunks.map((c) => c.seq),
      chunks.map((_, i) => i),
    );
    assert.equal(chunks.at(-1)!.chunk.done, true);
    assert.ok(
      chunks.slice(0, -1).every((c) => !c.chunk.done),
      'chunks.slice(0, -1).every((c) => !c.chunk.done)',
    );
    assert.match(chunks.map((c) => c.chunk.text).join(''), /^A beverage container includes a housing/);
    const bad = await client.request<P.DraftResult>(P.DRAFT, { id: 'b2', textDocument: { uri: claimsUri }, task: { kind: 'dependent', claim: 99 } });
    assert.ok('error' in bad && bad.error.kind === 'no-claim', JSON.stringify(bad));
  });

  it('Triton (the test server): configure, stream, the state notified; untrusted falls back to built-in', async () => {
    await client.conn.sendNotification(P.DRAFTING_CONFIGURE, { backend: 'triton', triton: { endpoints: [server.address], model: 'scripted' } } satisfies P.DraftingConfigureParams);
    const r = await client.request<P.DraftResult>(P.DRAFT, { id: 't1', textDocument: { uri: claimsUri }, task: { kind: 'dependent', claim: 1 } });
    assert.ok('done' in r && r.backend === 'triton', JSON.stringify(r));
    const text = chunksOf('t1')
      .map((c) => c.chunk.text)
      .join('');
    assert.match(text, /wherein the seal is rubber/);
    assert.deepEqual(
      chunksOf('t1').map((c) => c.seq),
      chunksOf('t1').map((_, i) => i),
    );
    assert.ok(server.requests.length >= 1, 'server.requests.length >= 1');
    const states = client.notesOf<P.DraftingStatus>(P.DRAFTING_STATE);
    assert.ok(
      states.some((s) => s.state === 'streaming'),
      "states.some((s) => s.state === 'streaming')",
    );
    const st = await client.request<P.DraftingStatus>(P.DRAFTING_STATUS, {});
    assert.equal(st.state, 'ready');
    // An untrusted workspace never talks to Triton.
    await client.conn.sendNotification(P.TRUST_CHANGED, { trusted: false });
    const before = server.requests.length;
    const u = await client.request<P.DraftResult>(P.DRAFT, { id: 't2', textDocument: { uri: claimsUri }, task: { kind: 'dependent', claim: 1 } });
    assert.ok('done' in u && u.backend === 'builtin', "'done' in u && u.backend === 'builtin'");
    assert.equal(server.requests.length, before);
    assert.equal((await client.request<P.DraftingStatus>(P.DRAFTING_STATUS, {})).state, 'untrusted');
    await client.conn.sendNotification(P.TRUST_CHANGED, { trusted: true });
  });

  it('cancel mid-stream aborts the generation on the server', async () => {
    server.settings = { firstTokenDelayMs: 0, tokenDelayMs: 30 };
    const source = new CancellationTokenSource();
    const pending = client.conn.sendRequest(P.DRAFT, { id: 'c1', textDocument: { uri: claimsUri }, task: { kind: 'dependent', claim: 1 } }, source.token) as Promise<P.DraftResult>;
    await client.until('a first chunk', () => chunksOf('c1').length > 0);
    source.cancel();
    const r = await pending.catch((e: { code?: number }) => ({ id: 'c1', error: { kind: e.code === -32800 ? 'cancelled' : `code ${e.code}`, message: '' } }));
    assert.ok('error' in r && r.error.kind === 'cancelled', JSON.stringify(r));
    const got = chunksOf('c1').length;
    assert.ok(!chunksOf('c1').some((c) => c.chunk.done), 'no done chunk after a cancel');
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(chunksOf('c1').length, got, 'no chunk after the answer');
    server.settings = { firstTokenDelayMs: 0, tokenDelayMs: 0 };
  });

  it('a plaintext remote endpoint is refused until the client accepts it', async () => {
    await client.conn.sendNotification(P.DRAFTING_CONFIGURE, { backend: 'triton', triton: { endpoints: ['192.0.2.1:8001'], model: 'scripted' } } satisfies P.DraftingConfigureParams);
    const r = await client.request<P.DraftResult>(P.DRAFT, { id: 'p1', textDocument: { uri: claimsUri }, task: { kind: 'abstract' } });
    assert.ok('error' in r && r.error.kind === 'plaintext', JSON.stringify(r));
    assert.deepEqual(r.error.endpoints, ['192.0.2.1:8001']);
    assert.match(r.error.message, /without TLS/);
    await client.conn.sendNotification(P.DRAFTING_CONFIGURE, { backend: 'builtin', triton: { endpoints: [], model: 'ensemble' } } satisfies P.DraftingConfigureParams);
  });
});

describe('lsp contract: a virtual workspace served by the client', function () {
  let client: TestClient;
  const split = path.join(FIXTURES, 'split');
  const claimsText = readFileSync(path.join(split, 'claims.md'), 'utf8');
  const files = new Map<string, string>([
    ['memfs://t/ok/claims.md', claimsText],
    ['memfs://t/ok/disclosure.md', readFileSync(path.join(split, 'disclosure.md'), 'utf8')],
    ['memfs://t/huge/claims.md', claimsText],
    ['memfs://t/huge/disclosure.md', 'x'.repeat(9 * 1024 * 1024)],
    ['memfs://t/silent/claims.md', claimsText],
    ['memfs://t/silent/disclosure.md', ''],
    ['memfs://t/many/claims.md', claimsText],
    // A folder name VS Code writes with more escapes than encodeURIComponent ("(" as %28): keyed decoded, as the client resolves any spelling.
    ['memfs://t/Smith (2024)/claims.md', claimsText],
    ['memfs://t/Smith (2024)/disclosure.md', readFileSync(path.join(split, 'disclosure.md'), 'utf8')],
  ]);
  const reads: string[] = [];

  before(async () => {
    client = await TestClient.start({
      config: {},
      init: { pushDiagnostics: true, clientFiles: true },
      handlers: {
        [P.READ_FILE]: (p: P.ReadFileParams): P.ReadFileResult | Promise<never> => {
          reads.push(p.uri);
          if (p.uri.startsWith('memfs://t/silent/')) return new Promise<never>(() => undefined);
          const text = files.get(decodeURIComponent(p.uri));
          return text === undefined ? { error: { code: 'ENOENT', message: 'no such file' } } : { text };
        },
        [P.LIST_FILES]: (p: P.ListFilesParams): P.ListFilesResult => {
          if (p.folder === 'memfs://t/many') return { entries: Array.from({ length: P.MAX_LISTED_FILES + 1000 }, (_, i) => ({ name: `part${i}.md`, kind: 'file' as const })) };
          const prefix = decodeURIComponent(p.folder).replace(/\/?$/, '/');
          const entries = [...files.keys()].filter((u) => u.startsWith(prefix) && !u.slice(prefix.length).includes('/')).map((u) => ({ name: u.slice(prefix.length), kind: 'file' as const }));
          return { entries };
        },
      },
    });
  });
  after(async () => {
    await client?.stop();
  });

  it('a memfs: matter gets the same diagnostics as on disk, its disclosure read through the client', async () => {
    const uri = 'memfs://t/ok/claims.md';
    await client.open(uri, claimsText);
    const ds = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis'));
    assert.ok(reads.includes('memfs://t/ok/disclosure.md'), 'the disclosure was asked for');
    assert.ok(!reads.includes(uri), 'the open document is not read');
    // The file: twin of the same fixture.
    const fx = copyFixture('split');
    try {
      const disk = await TestClient.start({ config: {} });
      try {
        const fileUri = uriOf(path.join(fx.dir, 'claims.md'));
        await disk.open(fileUri, claimsText);
        const want = await disk.diagnosticsFor(fileUri, (d) => d.some((x) => x.code === 'antecedent-basis'));
        const shape = (l: Diagnostic[]) => l.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.message}`).sort();
        assert.deepEqual(shape(ds), shape(want));
      } finally {
        await disk.stop();
      }
    } finally {
      fx.cleanup();
    }
    const tree = await client.request<{ claims: number }>(P.CLAIM_TREE, { textDocument: { uri } });
    assert.equal(tree.claims, 4);
  });

  it('a folder name VS Code escapes beyond encodeURIComponent ("Smith (2024)"): the open text is checked, under the client\'s uri', async () => {
    // vscode.Uri.toString() escapes !'()* too (RFC 3986 sub-delims); the server must name the documents the same way.
    const uri = 'memfs://t/Smith%20%282024%29/claims.md';
    const unsaved = `${claimsText.trimEnd()}\n\n5. The beverage container of claim 1, wherein the sprocket is coated.\n`;
    await client.open(uri, unsaved);
    const ds = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis' && String(x.message).includes('the sprocket')));
    assert.ok(
      ds.some((x) => String(x.message).includes('the clip')),
      'the saved defects are there too',
    );
    assert.ok(reads.includes('memfs://t/Smith%20%282024%29/disclosure.md'), `the disclosure asked for under the client's spelling: ${reads.filter((r) => r.includes('Smith')).join(', ')}`);
    assert.ok(!reads.some((r) => decodeURIComponent(r) === 'memfs://t/Smith (2024)/claims.md'), 'the open document is not read');
    const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: at(unsaved, 'claim 1', 2) });
    assert.match(h?.contents.value ?? '', /beverage container comprising/);
  });

  it('hostile answers hit bounds with clear messages: a huge file, thousands of entries, a client that never answers', async function () {
    this.timeout(40000);
    await client.open('memfs://t/huge/claims.md', claimsText);
    await client.open('memfs://t/many/claims.md', claimsText);
    await client.open('memfs://t/silent/claims.md', claimsText);
    const msg = (re: RegExp) => client.until(`a message ${re} (got: ${client.messages.map((m) => m.message).join(' | ')})`, () => client.messages.find((m) => re.test(m.message)), 25000);
    const huge = await msg(/disclosure\.md is over 8\.0 MB/);
    assert.match(huge.message, /split it/);
    const many = await msg(new RegExp(`lists ${P.MAX_LISTED_FILES + 1000} entries; at most ${P.MAX_LISTED_FILES} are read`));
    assert.match(many.message, /memfs|\/many/);
    const silent = await msg(/did not answer reading disclosure\.md within 10 s/);
    assert.ok(silent, 'silent');
    // Each open document is still checked on its own (a matter of one document), and the server keeps serving.
    await client.diagnosticsFor('memfs://t/silent/claims.md', (d) => d.some((x) => x.code === 'antecedent-basis'), 25000);
    const h = await client.request<unknown>('textDocument/hover', { textDocument: { uri: 'memfs://t/huge/claims.md' }, position: at(claimsText, 'claim 1', 2) });
    assert.ok(h, 'h');
  });
});
