// `patent-draft triton bench` in-process against the test server: JSON and CSV shapes, the
// figures against the server's delays, the chart file, the target line and its exit code,
// the progress bar, usage errors, and that no prompt or output text is printed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from '../support/io';
import { CSV_COLUMNS } from '../../src/loadtest/index';
import { FakeTriton } from './server/triton-server';
import { ensembleModel, fakeToken, vllmModel } from './server/models';
import { parseSvg } from './loadtest-support';
import { hasOpenssl, makeTlsMaterial } from './helpers';

const MATTER = resolve(__dirname, '../../examples/bicycle-brake');

interface JsonLevel {
  label: string;
  requests: number;
  ok: number;
  errors: Record<string, number>;
  requestsPerS: number;
  outputTokensPerS: number;
  ttftMs: { p50: number; p95: number; p99: number };
  itlMs: { p50: number; p95: number };
  e2eMs: { p50: number; p95: number; p99: number };
}

describe('patent-draft triton bench', function () {
  this.timeout(30_000);
  let server: FakeTriton;
  let dir: string;
  const base = () => ['triton', 'bench', '--endpoint', server.address, '--matter', MATTER, '--max-tokens', '5'];

  before(async () => {
    server = await FakeTriton.start({ models: [ensembleModel(), vllmModel()], settings: { firstTokenDelayMs: 40, tokenDelayMs: 8 } });
    dir = mkdtempSync(join(tmpdir(), 'pd-bench-'));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--format json: one entry per level with the figures the server was given; no text printed', async () => {
    const r = await cli([...base(), '--model', 'vllm_model', '--task', 'continue', '--concurrency', '1,4', '--requests', '8', '--warmup', '1', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { model: string; layout: string; task: string; prompts: number; levels: JsonLevel[] };
    assert.equal(j.model, 'vllm_model');
    assert.equal(j.layout, 'vLLM backend');
    assert.equal(j.task, 'continue');
    assert.ok(j.prompts > 1);
    assert.deepEqual(
      j.levels.map((l) => l.label),
      ['c=1', 'c=4'],
    );
    for (const l of j.levels) {
      assert.deepEqual([l.requests, l.ok, l.errors], [8, 8, {}]);
      assert.ok(l.ttftMs.p50 >= 38 && l.ttftMs.p50 < 120, `TTFT p50 ${l.ttftMs.p50}`);
      assert.ok(l.e2eMs.p50 >= 40 + 4 * 8 - 2 && l.e2eMs.p50 < 40 + 4 * 8 + 100, `e2e p50 ${l.e2eMs.p50}`);
      assert.ok(l.itlMs.p50 >= 7.5 && l.itlMs.p50 < 20, `ITL p50 ${l.itlMs.p50}`);
      assert.ok(Math.abs(l.outputTokensPerS - 5 * l.requestsPerS) < 0.01);
    }
    assert.ok(j.levels[1].requestsPerS > j.levels[0].requestsPerS * 1.5, 'four streams carry more than one');
    // Neither the prompts (the matter's claims) nor the generated tokens appear anywhere.
    const claims = readFileSync(join(MATTER, 'claims.md'), 'utf8');
    const phrase = /\bcomprising[^.;\n]{10,40}/.exec(claims)![0];
    for (const text of [r.out, r.err]) {
      assert.ok(!text.includes(phrase), 'no prompt text');
      assert.ok(!text.includes(fakeToken(4)), 'no output text');
    }
  });

  it('--format csv with --chart: the CSV header and rows; an SVG with a point per level', async () => {
    const chart = join(dir, 'latency.svg');
    const r = await cli([...base(), '--model', 'ensemble', '--rate', '20,40', '--arrival', 'constant', '--requests', '10', '--warmup', '0', '--format', 'csv', '--chart', chart]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 5)),
      [
        ['20/s fixed', '', '20', '10', '10'],
        ['40/s fixed', '', '40', '10', '10'],
      ],
    );
    assert.match(r.err, /chart written to /);
    const doc = parseSvg(readFileSync(chart, 'utf8'));
    const points = Array.from(doc.getElementsByTagName('circle'));
    assert.deepEqual(
      points.map((p) => p.getAttribute('data-load')),
      ['20/s fixed', '40/s fixed', '20/s fixed', '40/s fixed'],
    );
    const rps = lines.slice(1).map((l) => Number(l.split(',')[CSV_COLUMNS.indexOf('requests_per_s')]));
    points.slice(0, 2).forEach((p, i) => assert.ok(Math.abs(Number(p.getAttribute('data-rps')) - rps[i]) <= 0.006, `point ${i}: ${p.getAttribute('data-rps')} against ${rps[i]}`));
  });

  it('--target: "met" with exit 0, "NOT met" with exit 1, with the numbers', async () => {
    const args = [...base(), '--model', 'ensemble', '--concurrency', '2', '--requests', '6'];
    const met = await cli([...args, '--target', 'p95<=5000ms@1rps']);
    assert.equal(met.code, 0, met.err);
    assert.match(met.out, /^target p95 end-to-end <= 5000 ms at 1 req\/s: met at c=2 \(\d+\.\d+ req\/s\): p95 end-to-end \d+\.\d+ ms$/m);
    const slow = await cli([...args, '--target', 'ttft-p95<=5ms@1rps']);
    assert.equal(slow.code, 1);
    assert.match(slow.out, /^target p95 TTFT <= 5 ms at 1 req\/s: NOT met: at c=2 \(\d+\.\d+ req\/s\) p95 TTFT is \d+\.\d+ ms \(> 5 ms\)$/m);
    const far = await cli([...args, '--target', 'p95<=5000ms@100000rps', '--format', 'json']);
    assert.equal(far.code, 1);
    assert.equal((JSON.parse(far.out) as { target: { met: boolean } }).target.met, false);
    assert.match(far.err, /NOT met: no level reached 100000 req\/s/);
  });

  it('the table, errors by kind, and exit 1 when nothing succeeds', async () => {
    server.settings = { firstTokenDelayMs: 1, tokenDelayMs: 1, failAfterTokens: 1 };
    try {
      const r = await cli([...base(), '--model', 'ensemble', '--concurrency', '1', '--requests', '3', '--warmup', '0']);
      assert.equal(r.code, 1);
      assert.match(r.out, /^load +requests +errors +req\/s +out tok\/s +TTFT p50 +p95 +p99 +ITL p50 +p95 +e2e p50 +p95 +p99$/m);
      assert.match(r.out, /^c=1 +3 +3 /m);
      assert.match(r.out, /^errors at c=1: model-error 3$/m);
      assert.match(r.err, /no request succeeded/);
    } finally {
      server.settings = { firstTokenDelayMs: 40, tokenDelayMs: 8 };
    }
  });

  it('--progress draws a bar on stderr; without it (and no terminal) stderr stays quiet', async () => {
    const args = [...base(), '--model', 'ensemble', '--concurrency', '1', '--requests', '3'];
    const withBar = await cli([...args, '--progress']);
    assert.equal(withBar.code, 0);
    assert.match(withBar.err, /\r\[[#.]{24}\] level 1\/1 c=1 {2}\d+\/4 requests/);
    if (!process.stderr.isTTY) assert.equal((await cli(args)).err, '');
  });

  it('without --matter, the corpus named by PATENT_DRAFT_CORPUS (else the default place); none there is a usage error', async () => {
    const saved = process.env.PATENT_DRAFT_CORPUS;
    try {
      process.env.PATENT_DRAFT_CORPUS = MATTER;
      const r = await cli(['triton', 'bench', '--endpoint', server.address, '--model', 'ensemble', '--concurrency', '1', '--requests', '1', '--max-tokens', '2', '--format', 'json']);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual([(JSON.parse(r.out) as { matters: number }).matters, (JSON.parse(r.out) as { prompts: number }).prompts], [1, 1]);
      process.env.PATENT_DRAFT_CORPUS = join(dir, 'nowhere');
      const none = await cli(['triton', 'bench', '--endpoint', server.address, '--model', 'ensemble', '--requests', '1']);
      assert.equal(none.code, 2);
      assert.match(none.err, /--matter DIR is required here/);
    } finally {
      if (saved === undefined) delete process.env.PATENT_DRAFT_CORPUS;
      else process.env.PATENT_DRAFT_CORPUS = saved;
    }
  });

  it('over TLS with a private CA (--ca), and mutual TLS (--cert/--key)', async function () {
    if (!hasOpenssl()) this.skip();
    const tls = makeTlsMaterial();
    const secure = await FakeTriton.start({ models: [ensembleModel()], tls: { key: tls.serverKey, cert: tls.serverCert, ca: tls.ca, requireClientCert: true } });
    try {
      const args = [
        'triton',
        'bench',
        '--endpoint',
        `localhost:${secure.port}`,
        '--model',
        'ensemble',
        '--matter',
        MATTER,
        '--max-tokens',
        '2',
        '--concurrency',
        '1',
        '--requests',
        '2',
        '--format',
        'json',
        '--ca',
        join(tls.dir, 'ca.crt'),
      ];
      const mutual = await cli([...args, '--cert', join(tls.dir, 'client.crt'), '--key', join(tls.dir, 'client.key')]);
      assert.equal(mutual.code, 0, mutual.err);
      assert.equal((JSON.parse(mutual.out) as { levels: JsonLevel[] }).levels[0].ok, 2);
      const noClientCert = await cli(args);
      assert.equal(noClientCert.code, 1, 'the server requires a client certificate');
    } finally {
      await secure.close();
      tls.cleanup();
    }
  });

  it('bad usage exits 2 with the bound or form named; an unknown model exits 1 naming it', async () => {
    const bad: [string[], RegExp][] = [
      [['--model', 'ensemble', '--concurrency', '0'], /concurrency 0 is out of range: 1 to 1024/],
      [['--model', 'ensemble', '--concurrency', '4096'], /1 to 1024/],
      [['--model', 'ensemble', '--duration', '2h'], /at most 60 minutes per level/],
      [['--model', 'ensemble', '--rate', '5', '--concurrency', '1'], /not both/],
      [['--model', 'ensemble', '--target', 'fast'], /--target must look like "p95<=420ms@180rps"/],
      [['--model', 'ensemble', '--chart', join(dir, 'no', 'such', 'x.svg')], /no such folder/],
      [[], /--model NAME is required/],
      [['--model', 'ensemble', '--requests', '1', '--chart', join(dir, 'folder.svg')], /folder\.svg exists and is not a regular file/],
      [['--model', 'ensemble', '--requests', '1', '--ca', join(dir, 'missing-ca.pem')], /cannot read the CA certificate .*missing-ca\.pem: not a file/],
    ];
    mkdirSync(join(dir, 'folder.svg'));
    for (const [extra, re] of bad) {
      const r = await cli([...base(), ...extra]);
      assert.equal(r.code, 2, extra.join(' '));
      assert.match(r.err, re);
    }
    const missing = await cli([...base(), '--model', 'nope', '--requests', '1']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /model 'nope' is not in the model repository/);
  });
});
