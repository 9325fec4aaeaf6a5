// The check, tree and terms commands, in process, on temp folders; and bad input of every kind.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { fakeIo as io } from '../support/io';

const CLAIMS = [
  '# Claims',
  '',
  '1. A bicycle brake comprising:',
  '   a housing;',
  '   a lever pivoted on the housing; and',
  '   a fastener member holding the housing.',
  '',
  '2. The bicycle brake of claim 1, wherein the spring biases the lever.',
  '',
  '3. The bicycle brake of claim 1 or 2, wherein the housing is aluminium.',
  '',
].join('\n');
const DISCLOSURE =
  '# Bicycle brake\n\n## Description\n\nThe bicycle brake has a housing 12 and a lever 14 pivoted on the housing 12. A fastening member 18 holds the housing. The fastening member 18 is a bolt. The fastening member 18 is steel. A spring 16 biases the lever.\n';

describe('cli: check, tree, terms', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pd-cli-'));
    writeFileSync(path.join(dir, 'claims.md'), CLAIMS);
    writeFileSync(path.join(dir, 'disclosure.md'), DISCLOSURE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints compiler-style lines and exits 0 when nothing reaches --fail-on error', async () => {
    const o = io(dir);
    const code = await runCli(['check', '.'], o);
    assert.equal(code, 0, o.err);
    assert.match(o.out, /^claims\.md:8:42: warning antecedent-basis "the spring" in claim 2 lacks antecedent basis/m);
    assert.match(o.out, /^claims\.md:6:6: warning term-variant "fastener member" is a variant of "fastening member"/m);
    assert.match(o.out, /finding\(s\): 0 error\(s\), 2 warning\(s\)/);
  });

  it('exits 1 with --fail-on warning', async () => {
    assert.equal(await runCli(['check', dir, '--fail-on', 'warning'], io(dir)), 1);
  });

  it('writes JSON with the full finding objects and SARIF 2.1.0', async () => {
    const j = io(dir);
    await runCli(['check', dir, '--format', 'json'], j);
    const parsed = JSON.parse(j.out);
    const f = parsed.findings.find((x: { code: string }) => x.code === 'term-variant');
    assert.equal(f.fixes[0].edits[0].newText, 'fastening member');
    assert.equal(f.range.start.line, 5);
    const s = io(dir);
    await runCli(['check', dir, '--format', 'sarif'], s);
    const sarif = JSON.parse(s.out);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.ok(
      results.some(
        (r: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.ruleId === 'antecedent-basis' && r.locations[0].physicalLocation.region.startLine === 8,
      ),
    );
    assert.ok(sarif.runs[0].tool.driver.rules.length >= 15);
  });

  it('in EP mode, the multiple dependency on claim 1 or 2 is accepted; in US mode it is not an error either (alternative form)', async () => {
    const us = io(dir);
    await runCli(['check', dir, '--format', 'json'], us);
    assert.ok(!JSON.parse(us.out).findings.some((f: { code: string }) => f.code === 'multiple-dependency'));
  });

  it('prints the claim tree as text and JSON', async () => {
    const t = io(dir);
    assert.equal(await runCli(['tree', dir], t), 0);
    assert.match(t.out, /^1 A bicycle brake comprising: a housing; a lever pivoted on the housing…$/m);
    assert.match(t.out, /^├─ 2 The bicycle brake of claim 1, wherein the spring biases the lever\.$/m);
    assert.match(t.out, /^│  └─ 3 \[1\|2\]/m);
    const j = io(dir);
    await runCli(['tree', dir, '--format', 'json'], j);
    const tree = JSON.parse(j.out)[0].tree;
    assert.deepEqual(
      tree.map((n: { claim: number }) => n.claim),
      [1],
    );
    assert.deepEqual(
      tree[0].children.map((n: { claim: number }) => n.claim),
      [2, 3],
    );
  });

  it('lists terms with support and numerals', async () => {
    const t = io(dir);
    await runCli(['terms', dir, '--format', 'json'], t);
    const terms = JSON.parse(t.out)[0].terms;
    const housing = terms.find((x: { key: string }) => x.key === 'housing');
    assert.deepEqual(
      housing.introducedIn.map((i: { claim: number }) => i.claim),
      [1],
    );
    assert.ok(housing.support >= 2);
    assert.deepEqual(housing.numerals, ['12']);
  });

  describe('bad input: a clear message or a correct result, never a crash', () => {
    it('an unknown option or format exits 2 with usage', async () => {
      const o = io(dir);
      assert.equal(await runCli(['check', dir, '--format', 'xml'], o), 2);
      assert.match(o.err, /--format must be one of text, json, sarif/);
    });
    it('a missing file exits 2', async () => {
      const o = io(dir);
      assert.equal(await runCli(['check', 'nope.md'], o), 2);
      assert.match(o.err, /cannot read \S*nope\.md: no such file or folder/);
    });
    it('an unreadable file exits 2', async function () {
      if (process.getuid?.() === 0) {
        // root reads anything: use a folder named like a file instead.
        mkdirSync(path.join(dir, 'x.md'));
        const o = io(dir);
        assert.equal(await runCli(['check', path.join(dir, 'x.md')], o), 2, 'an empty folder named x.md holds no matter');
        assert.match(o.err, /no matter found/);
        return;
      }
      const f = path.join(dir, 'secret.md');
      writeFileSync(f, 'x');
      chmodSync(f, 0);
      const o = io(dir);
      assert.equal(await runCli(['check', f], o), 2);
      assert.match(o.err, /cannot read/);
    });
    it('a binary file exits 2 with "binary"', async () => {
      writeFileSync(path.join(dir, 'blob.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
      const o = io(dir);
      assert.equal(await runCli(['check', path.join(dir, 'blob.md')], o), 2);
      assert.match(o.err, /binary file, not Markdown/);
    });
    it('a 20 MB file exits 2 with its size', async () => {
      writeFileSync(path.join(dir, 'huge.md'), 'a'.repeat(20 * 1024 * 1024));
      const o = io(dir);
      assert.equal(await runCli(['check', path.join(dir, 'huge.md')], o), 2);
      assert.match(o.err, /20\.0 MB; Patent Draft reads documents up to 8 MB/);
    });
    it('a document with no claims says so', async () => {
      const f = path.join(dir, 'notes.md');
      writeFileSync(f, '# Notes\n\nNothing claimed here.\n');
      const o = io(dir);
      assert.equal(await runCli(['check', f], o), 0);
      assert.match(o.out, /with 0 claim\(s\) \(no claims found/);
    });
    it('1000 claims, unbalanced parentheses and a 1 MB line give a correct result', async () => {
      const many = ['1. A widget (having a (nested part comprising a rod.'];
      for (let i = 2; i <= 1000; i++) many.push(`${i}. The widget of claim ${i - 1}, wherein the rod is ${'long '.repeat(3)}bent.`);
      many.push('1001. The widget of claim 1, wherein the rod ' + 'is very '.repeat(150000) + 'long.');
      const f = path.join(dir, 'claims.md');
      writeFileSync(f, many.join('\n') + '\n');
      const o = io(dir);
      assert.equal(await runCli(['check', f, '--format', 'json'], o), 0);
      const out = JSON.parse(o.out);
      assert.ok(!out.findings.some((x: { code: string }) => x.code === 'claim-numbering' || x.code === 'claim-dependency'));
      const t = io(dir);
      await runCli(['tree', f, '--format', 'json'], t);
      let depth = 0;
      let node = JSON.parse(t.out)[0].tree[0];
      while (node.children.length) {
        node = node.children[0];
        depth++;
      }
      assert.ok(depth >= 64, 'a chain 1000 deep is shown (capped at 64 levels for display)');
    });
  });
});
