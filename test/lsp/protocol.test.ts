// The language server over stdio, feature by feature, with a client written against the protocol
// (vscode-jsonrpc): push and pull diagnostics, settings (client and matter file), watched files,
// sibling re-analysis, hover, code actions, code lens, rename, references, definition, symbols,
// the custom requests, single-file matters and the size bound.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CodeLens, Diagnostic, DocumentSymbol, Hover, Location, LocationLink, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { copyFixture, TestClient, uriOf } from './client';

const pos = (line: number, character: number) => ({ line, character });
/** The position of the `nth` occurrence of `needle` in `text` (0-based line/character). */
function at(text: string, needle: string, nth = 0, delta = 0): { line: number; character: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found`);
  }
  i += delta;
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  return pos(line, i - (before.lastIndexOf('\n') + 1));
}

describe('lsp: the language server over stdio', function () {
  let client: TestClient;
  let fx: { dir: string; cleanup: () => void };
  let claimsUri: string;
  let disclosureUri: string;
  let claims: string;
  let disclosure: string;

  before(async () => {
    fx = copyFixture('split');
    claimsUri = uriOf(path.join(fx.dir, 'claims.md'));
    disclosureUri = uriOf(path.join(fx.dir, 'disclosure.md'));
    claims = readFileSync(path.join(fx.dir, 'claims.md'), 'utf8');
    disclosure = readFileSync(path.join(fx.dir, 'disclosure.md'), 'utf8');
    client = await TestClient.start({ config: {} });
    await client.open(claimsUri, claims);
  });
  after(async () => {
    await client?.stop();
    fx?.cleanup();
  });

  it('pushes diagnostics with code, source, catalogue link, severity and data', async () => {
    const ds = await client.diagnosticsFor(claimsUri, (d) => d.some((x) => x.code === 'antecedent-basis'));
    const d = ds.find((x) => x.code === 'antecedent-basis')!;
    assert.equal(d.source, 'patent-draft');
    assert.match(String(d.message), /the clip/);
    assert.deepEqual(d.range.start, at(claims, 'the clip'));
    assert.equal(d.severity, 2);
    assert.match(d.codeDescription!.href, /README\.md#check-catalogue$/);
    assert.equal((d.data as { code: string }).code, 'antecedent-basis');
    // The sibling document of the matter gets its (empty) list too.
    await client.diagnosticsFor(disclosureUri);
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'), 'disclosure files are watched');
  });

  it('re-analyses the claims when the disclosure changes in an open buffer', async () => {
    await client.open(disclosureUri, disclosure);
    const without = disclosure.replace(/thermal layer/g, 'insulating coat');
    await client.change(disclosureUri, 2, without);
    const ds = await client.diagnosticsFor(claimsUri, (d) => d.some((x) => x.code === 'term-unsupported' && /thermal layer/.test(String(x.message))));
    assert.ok(ds.length >= 2);
    await client.change(disclosureUri, 3, disclosure);
    await client.diagnosticsFor(claimsUri, (d) => !d.some((x) => x.code === 'term-unsupported'));
  });

  it('answers pull diagnostics (textDocument/diagnostic) with the same findings', async () => {
    const r = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: claimsUri } });
    assert.equal(r.kind, 'full');
    assert.deepEqual(r.items, client.diagnostics.get(claimsUri)!.diagnostics);
  });

  it('hovers on "claim 1" with the referred claim, and on a term with its introduction and support', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: claimsUri }, position: at(claims, 'claim 1', 0, 3) });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /\*\*Claim 1\*\* · independent/);
    assert.match(md, /A beverage container comprising/);
    assert.deepEqual(h.range!.end, at(claims, 'claim 1', 0, 7));
    const t = await client.request<Hover>('textDocument/hover', { textDocument: { uri: claimsUri }, position: at(claims, 'housing', 2, 2) });
    const tmd = (t.contents as { value: string }).value;
    assert.match(tmd, /\*\*housing\*\*/);
    assert.match(tmd, /Introduced in \[claim 1\]/);
    assert.match(tmd, /Disclosure: \d+ occurrence/);
    const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: claimsUri }, position: pos(0, 0) });
    assert.equal(none, null);
  });

  it('offers the fix and the suppression as workspace edits', async () => {
    const d = client.diagnostics.get(claimsUri)!.diagnostics.find((x) => x.code === 'antecedent-basis')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: claimsUri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix!.kind, 'quickfix');
    const edits = fix!.edit!.changes![claimsUri]!;
    assert.deepEqual(edits, [{ range: { start: at(claims, 'the clip'), end: at(claims, 'the clip', 0, 4) }, newText: 'a ' }]);
    const sup = actions.find((a) => a.title === 'Suppress "antecedent-basis" on this line')!;
    assert.match(sup.edit!.changes![claimsUri]![0]!.newText, /<!-- patent-draft-disable-line antecedent-basis -->/);
    // Without diagnostics in the context, the server finds its own in the range.
    const again = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: claimsUri }, range: d.range, context: { diagnostics: [] } });
    assert.deepEqual(
      again.map((a) => a.title),
      actions.map((a) => a.title),
    );
  });

  it('puts a code lens over each claim number', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: claimsUri } });
    assert.deepEqual(
      lenses.map((l) => l.command!.title),
      ['independent · 2 dependents', 'depends on 1 · 1 dependent', 'depends on 1', 'depends on 1 ← 2'],
    );
    assert.deepEqual(lenses[0]!.range.start, at(claims, '1. A beverage'));
  });

  it('prepares and renames a term across claims and disclosure, articles kept right', async () => {
    const p = at(claims, 'seal', 0, 1);
    const prep = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: claimsUri }, position: p });
    assert.equal(prep.placeholder, 'seal');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: claimsUri }, position: p, newName: 'O-ring' });
    const inClaims = edit.changes![claimsUri]!;
    const inDisclosure = edit.changes![disclosureUri]!;
    assert.ok(inClaims.length >= 2 && inDisclosure.length >= 1, JSON.stringify(edit));
    assert.ok(
      inClaims.some((e) => e.newText === 'an O-ring'),
      JSON.stringify(inClaims),
    );
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: claimsUri }, position: pos(0, 0) }), /claim term/);
  });

  it('finds references of a term and of a claim, and the definitions', async () => {
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: claimsUri }, position: at(claims, 'housing', 0, 1), context: { includeDeclaration: true } });
    assert.ok(refs.some((r) => r.uri === claimsUri) && refs.some((r) => r.uri === disclosureUri), JSON.stringify(refs));
    const claimRefs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: claimsUri }, position: at(claims, '1. A beverage'), context: { includeDeclaration: false } });
    assert.equal(claimRefs.length, 2);
    const def = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: claimsUri }, position: at(claims, 'claim 2', 0, 6) });
    assert.equal(def.length, 1);
    assert.deepEqual(def[0]!.targetSelectionRange.start, at(claims, '2. The'));
    const termDef = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: claimsUri }, position: at(claims, 'the seal', 0, 5) });
    assert.deepEqual(termDef[0]!.targetRange.start, at(claims, 'seal between'));
  });

  it('lists sections and claims as document symbols', async () => {
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: claimsUri } });
    assert.equal(syms.length, 1);
    assert.equal(syms[0]!.name, 'Claims');
    assert.deepEqual(
      syms[0]!.children!.map((s) => s.name.split('.')[0]),
      ['1', '2', '3', '4'],
    );
    assert.equal(syms[0]!.children![1]!.detail, 'depends on 1');
  });

  it('answers patentDraft/claimTree and patentDraft/report', async () => {
    const tree = await client.request<{ roots: { claim: number; children: { claim: number; children: { claim: number }[] }[] }[]; claims: number }>('patentDraft/claimTree', {
      textDocument: { uri: disclosureUri },
    });
    assert.equal(tree.claims, 4);
    assert.deepEqual(
      tree.roots.map((r) => r.claim),
      [1],
    );
    assert.deepEqual(
      tree.roots[0]!.children.map((c) => c.claim),
      [2, 3],
    );
    assert.deepEqual(
      tree.roots[0]!.children[0]!.children.map((c) => c.claim),
      [4],
    );
    const report = await client.request<{ markdown: string; claims: number; findings: { warning: number } }>('patentDraft/report', { textDocument: { uri: claimsUri } });
    assert.match(report.markdown, /^# Matter report: /);
    assert.equal(report.claims, 4);
    assert.ok(report.findings.warning >= 1);
  });

  it("honours the matter's .patentdraft/settings.json and reloads it when the watched file changes", async () => {
    mkdirSync(path.join(fx.dir, '.patentdraft'), { recursive: true });
    const settings = path.join(fx.dir, '.patentdraft', 'settings.json');
    writeFileSync(settings, JSON.stringify({ severity: { 'antecedent-basis': 'error' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(settings), type: 1 }] });
    await client.diagnosticsFor(claimsUri, (d) => d.some((x) => x.code === 'antecedent-basis' && x.severity === 1));
    writeFileSync(settings, JSON.stringify({ severity: { 'antecedent-basis': 'off' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(settings), type: 2 }] });
    await client.diagnosticsFor(claimsUri, (d) => !d.some((x) => x.code === 'antecedent-basis'));
  });
});

describe('lsp: configuration, pull mode, single files and bounds', function () {
  it('reads workspace/configuration "patentDraft" under the matter file', async () => {
    const fx = copyFixture('split');
    const client = await TestClient.start({ config: { severity: { 'antecedent-basis': 'info', 'claim-form': 'off' } } });
    try {
      const uri = uriOf(path.join(fx.dir, 'claims.md'));
      await client.open(uri, readFileSync(path.join(fx.dir, 'claims.md'), 'utf8'));
      const ds = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis'));
      assert.equal(ds.find((x) => x.code === 'antecedent-basis')!.severity, 3);
      // The matter's own file goes over the client's settings (the same merge as the CLI: src/core/settings.ts).
      mkdirSync(path.join(fx.dir, '.patentdraft'));
      writeFileSync(path.join(fx.dir, '.patentdraft', 'settings.json'), JSON.stringify({ severity: { 'antecedent-basis': 'warning' } }));
      client.config = { severity: { 'antecedent-basis': 'off' } };
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const over = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis' && x.severity === 2));
      assert.equal(over.filter((x) => x.code === 'antecedent-basis').length, 1, 'the file says warning; the client\'s "off" is under it');
      // Without the file's word, the client's "off" applies.
      writeFileSync(path.join(fx.dir, '.patentdraft', 'settings.json'), '{}');
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'antecedent-basis'));
    } finally {
      await client.stop();
      fx.cleanup();
    }
  });

  it("keeps every open matter's diagnostics when the settings change (two folders re-read together)", async () => {
    const a = copyFixture('split');
    const b = copyFixture('single');
    const client = await TestClient.start({ config: {} });
    try {
      const ua = uriOf(path.join(a.dir, 'claims.md'));
      const ub = uriOf(path.join(b.dir, 'application.md'));
      await client.open(ua, readFileSync(path.join(a.dir, 'claims.md'), 'utf8'));
      await client.open(ub, readFileSync(path.join(b.dir, 'application.md'), 'utf8'));
      await client.diagnosticsFor(ua, (d) => d.length > 0);
      await client.diagnosticsFor(ub, (d) => d.length > 0);
      const from = client.history.length;
      for (let i = 0; i < 3; i++) {
        await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await new Promise((r) => setTimeout(r, 1500));
      }
      const after = client.history.slice(from).filter((p) => p.uri === ua || p.uri === ub);
      assert.ok(after.length > 0, 'the matters were published again');
      // Never cleared in between (no flicker of the Problems list while the folders are re-read).
      assert.deepEqual(
        after.filter((p) => p.diagnostics.length === 0).map((p) => path.basename(p.uri)),
        [],
      );
    } finally {
      await client.stop();
      a.cleanup();
      b.cleanup();
    }
  });

  it('asks the client to refresh pulled diagnostics instead of pushing, when the client pulls', async () => {
    const fx = copyFixture('split');
    const client = await TestClient.start({ pull: true });
    try {
      const uri = uriOf(path.join(fx.dir, 'claims.md'));
      await client.open(uri, readFileSync(path.join(fx.dir, 'claims.md'), 'utf8'));
      await client.until('a diagnostic refresh', () => client.refreshes > 0);
      const r = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.ok(r.items.some((x) => x.code === 'antecedent-basis'));
      assert.equal(client.diagnostics.size, 0, 'nothing pushed');
    } finally {
      await client.stop();
      fx.cleanup();
    }
  });

  it('checks a single-file matter (claims inside the application), saved or not', async () => {
    const fx = copyFixture('single');
    const client = await TestClient.start();
    try {
      const uri = uriOf(path.join(fx.dir, 'application.md'));
      const text = readFileSync(path.join(fx.dir, 'application.md'), 'utf8');
      await client.open(uri, text);
      const ds = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'antecedent-basis'));
      assert.match(String(ds.find((x) => x.code === 'antecedent-basis')!.message), /the hinge/);
      // An unsaved fix in the buffer counts.
      await client.change(uri, 2, text.replace('the hinge joining', 'a hinge joining'));
      await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'antecedent-basis'));
      // A new file that is not on disk yet.
      const fresh = uriOf(path.join(fx.dir, 'new-claims.md'));
      await client.open(fresh, '# Claims\n\n1. A widget comprising the lever.\n');
      await client.diagnosticsFor(fresh, (d) => d.some((x) => x.code === 'antecedent-basis'));
    } finally {
      await client.stop();
      fx.cleanup();
    }
  });

  it('answers a request the client cancelled before its analysis ran with RequestCancelled, and keeps serving', async () => {
    const fx = copyFixture('single');
    const client = await TestClient.start();
    try {
      const uri = uriOf(path.join(fx.dir, 'application.md'));
      const text = readFileSync(path.join(fx.dir, 'application.md'), 'utf8');
      await client.open(uri, text);
      await client.diagnosticsFor(uri, (d) => d.length > 0);
      // An edit makes the analysis stale (it waits for the debounce); the hover after it is cancelled at once.
      // The cancellation is a second message: on a loaded machine it can reach the server after the analysis
      // ran, and the hover is then answered. So the edit and the cancelled hover are tried up to five times;
      // a server that ignores cancellations never rejects one.
      const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
      let rejected = false;
      for (let attempt = 0; attempt < 5 && !rejected; attempt++) {
        await client.change(uri, 2 + attempt, attempt % 2 ? text : text.replace('first rail', 'front rail'));
        const source = new CancellationTokenSource();
        const pending = client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(text, 'claim 1', 0, 2) }, source.token);
        source.cancel();
        rejected = await pending.then(
          () => false,
          (err: { code?: number }) => {
            assert.equal(err.code, -32800, `a cancelled request is answered RequestCancelled, not ${JSON.stringify(err)}`);
            return true;
          },
        );
      }
      assert.ok(rejected, 'the cancelled hover was answered every time: the server did not honour the cancellation');
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(text, 'claim 1', 0, 2) });
      assert.match((h.contents as { value: string }).value, /\*\*Claim 1\*\*/);
    } finally {
      await client.stop();
      fx.cleanup();
    }
  });

  it('refuses a document over the size bound with a message, and keeps serving', async () => {
    const fx = copyFixture('single');
    const client = await TestClient.start();
    try {
      const big = uriOf(path.join(fx.dir, 'huge-claims.md'));
      await client.open(big, '# Claims\n\n1. A widget comprising the lever.\n' + 'x'.repeat(9 * 1024 * 1024));
      const msg = await client.until('a size message', () => client.messages.find((m) => /documents up to 8 MB/.test(m.message)));
      assert.equal(msg.type, 2);
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: big }, position: pos(2, 0) });
      assert.equal(h, null);
      assert.equal(client.diagnostics.has(big), false);
      const uri = uriOf(path.join(fx.dir, 'application.md'));
      await client.open(uri, readFileSync(path.join(fx.dir, 'application.md'), 'utf8'));
      await client.diagnosticsFor(uri, (d) => d.length > 0);
      // The log carries ids, counts and timings, never document text.
      assert.ok(client.logs.length > 0);
      for (const l of client.logs) assert.doesNotMatch(l, /hinge|ladder|widget|lever/i);
    } finally {
      await client.stop();
      fx.cleanup();
    }
  });
});
