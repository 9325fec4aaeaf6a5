// The MCP server driven by the SDK's own client over stdio: tools, resources, refusals, errors.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { call, callJson, connect, copyFixture, ensureBuilt, removeTemp, type Connection } from './helpers';

const TOOLS = ['patent_check', 'patent_claim_tree', 'patent_claim', 'patent_terms', 'patent_generate', 'patent_apply_fixes', 'patent_renumber', 'patent_replace_term', 'patent_insert_claims'];

describe('MCP server (read-only)', function () {
  this.timeout(60000);
  let matter: string;
  let conn: Connection;
  let claimsBefore: string;

  before(async () => {
    ensureBuilt();
    matter = copyFixture('planted');
    claimsBefore = readFileSync(path.join(matter, 'claims.md'), 'utf8');
    // Something outside the matter, and a link to it from inside.
    writeFileSync(path.join(path.dirname(matter), 'secret.md'), '# Claims\n\n1. A secret comprising a thing.\n');
    symlinkSync(path.join(path.dirname(matter), 'secret.md'), path.join(matter, 'link.md'));
    conn = await connect(matter);
  });

  after(async () => {
    await conn?.close();
    if (matter) removeTemp(matter);
  });

  it('lists every tool with a description and an object input schema', async () => {
    const { tools } = await conn.client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of TOOLS) assert.ok(names.includes(name), `missing ${name}`);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object', t.name);
      assert.ok((t.description ?? '').length > 80, `${t.name} has a real description`);
    }
    assert.equal(tools.find((t) => t.name === 'patent_check')!.annotations?.readOnlyHint, true);
    assert.equal(tools.find((t) => t.name === 'patent_apply_fixes')!.annotations?.readOnlyHint, false);
    assert.match(tools.find((t) => t.name === 'patent_renumber')!.description!, /read-only/);
  });

  it('patent_check returns the planted findings with codes, 1-based ranges and fixes', async () => {
    const r = await callJson(conn, 'patent_check', {});
    assert.equal(r.matters.length, 1);
    const m = r.matters[0];
    assert.deepEqual(m.documents.map((d: any) => `${d.file}:${d.role}`).sort(), ['claims.md:claims', 'disclosure.md:disclosure']);
    const codes = new Set(m.findings.map((f: any) => f.code));
    for (const c of ['claim-numbering', 'claim-dependency', 'term-variant', 'antecedent-basis']) assert.ok(codes.has(c), `no ${c} finding`);
    const gap = m.findings.find((f: any) => f.code === 'claim-numbering');
    assert.deepEqual([gap.file, gap.line, gap.column, gap.claim], ['claims.md', 10, 1, 4]);
    assert.equal(gap.text, '4.');
    assert.ok(gap.fixes[0].edits.length >= 1 && gap.fixes[0].preferred);
    const dep = m.findings.find((f: any) => f.code === 'claim-dependency');
    assert.match(dep.message, /claim 9, which does not exist/);
    assert.deepEqual(dep.fixes[0].edits[0], { file: 'claims.md', line: 12, column: 30, endLine: 12, endColumn: 37, newText: 'claim 1' });
    const variant = m.findings.find((f: any) => f.code === 'term-variant');
    assert.equal(variant.data.dominant, 'outer wall');
  });

  it('patent_check filters by document and codes', async () => {
    const r = await callJson(conn, 'patent_check', { path: 'claims.md', codes: ['claim-dependency'] });
    const findings = r.matters.flatMap((m: any) => m.findings);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'claim-dependency');
  });

  it('patent_claim_tree gives the dependency tree', async () => {
    const r = await callJson(conn, 'patent_claim_tree', {});
    assert.equal(r.file, 'claims.md');
    assert.deepEqual(r.independent, [1]);
    // Claim 5 depends on a claim that does not exist, so it stands as a root of its own.
    assert.deepEqual(
      r.tree.map((n: any) => n.claim),
      [1, 5],
    );
    assert.deepEqual(
      r.tree[0].dependents.map((n: any) => n.claim),
      [2, 4],
    );
    assert.equal(r.tree[0].category, 'container');
  });

  it('patent_claim gives a claim with its ancestors, dependents and findings', async () => {
    const r = await callJson(conn, 'patent_claim', { claim: 4 });
    assert.equal(r.claim, 4);
    assert.deepEqual(r.dependsOn, [1]);
    assert.deepEqual(r.chain, [4, 1]);
    assert.equal(r.ancestors.length, 1);
    assert.match(r.ancestors[0].text, /^A beverage container comprising:/);
    assert.ok(r.findings.some((f: any) => f.code === 'antecedent-basis' && f.text === 'the locking ring'));
    const one = await callJson(conn, 'patent_claim', { claim: 1 });
    assert.deepEqual(one.dependents, [2, 4]);
    assert.equal(one.transition, 'comprising');
    assert.equal(one.elements.length, 3);
  });

  it('patent_terms gives introductions, uses, support and numerals', async () => {
    const r = await callJson(conn, 'patent_terms', {});
    const housing = r.terms.find((t: any) => t.key === 'housing');
    assert.ok(housing, 'housing is a term');
    assert.deepEqual(
      housing.introducedIn.map((i: any) => i.claim),
      [1],
    );
    assert.ok(housing.uses.length >= 3);
    assert.ok(housing.support > 0);
    assert.equal(housing.firstSupport.file, 'disclosure.md');
    assert.deepEqual(housing.numerals, ['10']);
  });

  it('patent_generate drafts through the built-in engine and writes nothing', async () => {
    const r = await callJson(conn, 'patent_generate', { task: 'abstract' });
    assert.equal(r.backend, 'builtin');
    assert.equal(r.complete, true);
    assert.match(r.text, /beverage container/i);
    assert.ok(r.sources.some((s: any) => s.file === 'disclosure.md' && s.line > 0));
    const noClaim = await call(conn, 'patent_generate', { task: 'dependent' });
    assert.equal(noClaim.isError, true);
    assert.match(noClaim.text, /Task "dependent" needs claim/);
    const badTask = await call(conn, 'patent_generate', { task: 'poem' });
    assert.match(badTask.text, /task must be one of "abstract", "dependent", "continue", "claim"/);
    assert.equal(readFileSync(path.join(matter, 'claims.md'), 'utf8'), claimsBefore);
  });

  it('refuses writes without --allow-writes and leaves the file alone; a dry run works', async () => {
    for (const [name, args] of [
      ['patent_apply_fixes', {}],
      ['patent_renumber', {}],
      ['patent_replace_term', { from: 'outer-wall', to: 'outer wall' }],
      ['patent_insert_claims', { after: 1, claims: ['The beverage container of claim 1, wherein the lid is round.'] }],
    ] as const) {
      const r = await call(conn, name, args);
      assert.equal(r.isError, true, name);
      assert.match(r.text, /read-only.*--allow-writes/, name);
    }
    const dry = await callJson(conn, 'patent_renumber', { dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.deepEqual(dry.changedFiles, ['claims.md']);
    assert.deepEqual(dry.written, []);
    assert.deepEqual(
      dry.edits.map((e: any) => e.newText),
      ['3', '4'],
    );
    assert.equal(readFileSync(path.join(matter, 'claims.md'), 'utf8'), claimsBefore);
  });

  it('refuses paths outside the matter, through .., absolute paths and symlinks', async () => {
    for (const p of ['../secret.md', path.join(path.dirname(matter), 'secret.md'), 'link.md', '/etc']) {
      const r = await call(conn, 'patent_check', { path: p });
      assert.equal(r.isError, true, p);
      assert.match(r.text, /^Refused: .* is outside the matter folder/, p);
    }
    const missing = await call(conn, 'patent_claim_tree', { path: 'nope.md' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /No such file or folder: nope\.md/);
  });

  it('answers malformed arguments and unknown tools with a clear error', async () => {
    const bad = await call(conn, 'patent_claim', { claim: 'two', extra: true });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /Invalid arguments for patent_claim: claim must be a whole number ≥ 1, not the string "two"; unknown argument extra/);
    const missing = await call(conn, 'patent_claim', {});
    assert.match(missing.text, /claim is required/);
    const code = await call(conn, 'patent_check', { codes: ['antecedent'] });
    assert.equal(code.isError, true);
    assert.match(code.text, /codes\[0\] must be one of .*"antecedent-basis"/);
    const noClaim = await call(conn, 'patent_claim', { claim: 42 });
    assert.equal(noClaim.isError, true);
    assert.match(noClaim.text, /There is no claim 42; the claims are numbered 1, 2, 4, 5/);
    const unknown = await call(conn, 'patent_draft_everything', {});
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /Unknown tool "patent_draft_everything"; the tools are patent_check/);
  });

  it("offers the matter's documents as resources and reads only those", async () => {
    const { resources } = await conn.client.listResources();
    assert.deepEqual(resources.map((r) => r.name).sort(), ['claims.md', 'disclosure.md']);
    const claims = resources.find((r) => r.name === 'claims.md')!;
    assert.equal(claims.uri, pathToFileURL(path.join(matter, 'claims.md')).href);
    assert.equal(claims.mimeType, 'text/markdown');
    const read = await conn.client.readResource({ uri: claims.uri });
    assert.equal((read.contents[0] as { text: string }).text, claimsBefore);
    await assert.rejects(conn.client.readResource({ uri: pathToFileURL(path.join(path.dirname(matter), 'secret.md')).href }), /not a document of the matter/);
    await assert.rejects(conn.client.readResource({ uri: 'https://example.com/claims.md' }), /Not a file:\/\/ URI/);
  });

  it('logs to stderr without document text', async () => {
    const log = conn.stderr();
    assert.match(log, /\[patent-draft mcp\] serving .* \(read-only\)/);
    assert.match(log, /patent_check: ok in \d+ ms/);
    for (const secret of ['beverage', 'locking ring', 'outer-wall', 'housing']) assert.ok(!log.includes(secret), `log mentions "${secret}"`);
  });

  it('serves the working folder when started without a path', async () => {
    const here = await connect(null, [], matter);
    try {
      const { resources } = await here.client.listResources();
      assert.deepEqual(resources.map((r) => r.name).sort(), ['claims.md', 'disclosure.md']);
      const r = await callJson(here, 'patent_claim_tree', {});
      assert.equal(r.file, 'claims.md');
    } finally {
      await here.close();
    }
  });
});
