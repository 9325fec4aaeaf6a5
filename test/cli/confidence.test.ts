// Finding confidence through `patent-draft check`: JSON carries it, SARIF ranks it, text shows it
// where it is not high, --min-confidence and the matter's settings.json leave out less sure findings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { fakeIo as io } from '../support/io';

// A term of degree (relative-term: low), a numbering gap (claim-numbering: high).
const CLAIMS = '# Claims\n\n1. A bicycle brake comprising a housing and a lever of about 2 cm pivoted on the housing.\n\n3. The bicycle brake of claim 1, wherein the housing is aluminium.\n';
const DISCLOSURE = '# Bicycle brake\n\n## Description\n\nThe bicycle brake has a housing 12 and a lever 14 pivoted on the housing 12. The housing 12 is aluminium.\n';

type JsonFinding = { code: string; severity: string; confidence?: string };
const RANK: Record<string, number> = { high: 90, medium: 60, low: 30 };
const ORDER = ['low', 'medium', 'high'];

describe('cli: finding confidence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pd-conf-'));
    writeFileSync(path.join(dir, 'claims.md'), CLAIMS);
    writeFileSync(path.join(dir, 'disclosure.md'), DISCLOSURE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function json(...extra: string[]): Promise<JsonFinding[]> {
    const o = io(dir);
    const code = await runCli(['check', '.', '--format', 'json', '--fail-on', 'never', ...extra], o);
    assert.equal(code, 0, o.err);
    return JSON.parse(o.out).findings;
  }

  it('gives every JSON finding a confidence', async () => {
    const findings = await json();
    assert.ok(findings.length >= 2);
    for (const f of findings) assert.ok(ORDER.includes(f.confidence!), `${f.code}: ${f.confidence}`);
    assert.equal(findings.find((f) => f.code === 'relative-term')?.confidence, 'low');
    assert.equal(findings.find((f) => f.code === 'claim-numbering')?.confidence, 'high');
  });

  it('ranks SARIF results by confidence (high 90, medium 60, low 30) with the confidence as a property', async () => {
    const o = io(dir);
    await runCli(['check', '.', '--format', 'sarif'], o);
    const sarif = JSON.parse(o.out);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.ok(run.results.length >= 2);
    for (const r of run.results) {
      assert.ok(ORDER.includes(r.properties?.confidence), r.ruleId);
      assert.equal(r.rank, RANK[r.properties.confidence], r.ruleId);
      assert.ok(r.rank >= 0 && r.rank <= 100);
    }
    assert.equal(run.results.find((r: { ruleId: string }) => r.ruleId === 'relative-term').rank, 30);
    assert.equal(run.results.find((r: { ruleId: string }) => r.ruleId === 'claim-numbering').rank, 90);
    const rule = (id: string) => run.tool.driver.rules.find((x: { id: string }) => x.id === id);
    assert.equal(rule('relative-term').defaultConfiguration.rank, 30);
    assert.equal(rule('term-variant').defaultConfiguration.rank, 60);
    assert.equal(rule('claim-numbering').defaultConfiguration.rank, 90);
  });

  it('shows the confidence in text only where it is not high', async () => {
    const o = io(dir);
    await runCli(['check', '.'], o);
    const lines = o.out.split('\n');
    const relative = lines.find((l) => / relative-term /.test(l));
    const numbering = lines.find((l) => / claim-numbering /.test(l));
    assert.match(relative ?? '', /^claims\.md:3:\d+: info relative-term .* \[confidence: low\]$/);
    assert.ok(numbering && !/confidence/.test(numbering), numbering);
  });

  it('--min-confidence leaves out the findings below it, and only those', async () => {
    const all = await json();
    for (const min of ['low', 'medium', 'high']) {
      const some = await json('--min-confidence', min);
      assert.deepEqual(
        some,
        all.filter((f) => ORDER.indexOf(f.confidence!) >= ORDER.indexOf(min)),
        min,
      );
    }
    const high = await json('--min-confidence=high');
    assert.ok(!high.some((f) => f.code === 'relative-term'));
    assert.ok(high.some((f) => f.code === 'claim-numbering'));
  });

  it('reads minConfidence from .patentdraft/settings.json; the flag wins over it', async () => {
    mkdirSync(path.join(dir, '.patentdraft'));
    writeFileSync(path.join(dir, '.patentdraft', 'settings.json'), JSON.stringify({ minConfidence: 'high' }));
    assert.ok(!(await json()).some((f) => f.code === 'relative-term'));
    assert.ok((await json('--min-confidence', 'low')).some((f) => f.code === 'relative-term'));
  });

  it('a bad --min-confidence exits 2 with a message naming the values', async () => {
    const o = io(dir);
    assert.equal(await runCli(['check', '.', '--min-confidence', 'sure'], o), 2);
    assert.match(o.err, /--min-confidence must be one of low, medium, high .*not "sure"/);
    assert.equal(o.out, '');
  });

  it('a bad minConfidence in settings.json is named with the values; the check runs with the default (every finding)', async () => {
    mkdirSync(path.join(dir, '.patentdraft'));
    writeFileSync(path.join(dir, '.patentdraft', 'settings.json'), JSON.stringify({ minConfidence: 'HIGH' }));
    const o = io(dir);
    assert.notEqual(await runCli(['check', '.'], o), 2);
    assert.match(o.err, /settings\.json: "minConfidence" must be one of "low", "medium", "high", not "HIGH"; the default is used/);
  });
});
