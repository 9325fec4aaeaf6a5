// Fuzz: hundreds of generated and mutated matters (fixed seed, deterministic), with oracles: the analysis
// completes, every range (findings, related locations, fix edits, claims) lies inside its text and on code
// point boundaries and agrees with its line/character position; the CLI exits 0, 1 or 2 with valid JSON and
// no stack trace; and on each family of hostile input, CPU time grows about linearly (between n and 4n,
// within a generous factor: ratios in the same process, never wall-clock thresholds).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { analyzeMatter, clearCaches, createMatter, LineIndex, toSarif, type Analysis, type Finding, type Range } from '../../src/core';
import { matchGlob } from '../../src/core/glob';
import { claimSet, corpusDocs, FIXTURE, mutate, nesting, Rng } from './generate';

const SEED = 20261202;

function splitsPair(text: string, o: number): boolean {
  if (o <= 0 || o >= text.length) return false;
  const lo = text.charCodeAt(o);
  const hi = text.charCodeAt(o - 1);
  return lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff;
}

/** Every range of the analysis inside its document, on code point boundaries, its positions its offsets'. */
function checkRanges(a: Analysis, texts: Map<string, string>, label: string): void {
  const indexes = new Map<string, LineIndex>();
  const check = (uri: string, r: Range, what: string) => {
    const text = texts.get(uri);
    if (text === undefined) return;
    let li = indexes.get(uri);
    if (!li) indexes.set(uri, (li = new LineIndex(text)));
    const { start, end } = r;
    assert.ok(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length, `${label}: ${what} ${start.offset}-${end.offset} outside 0-${text.length}`);
    assert.ok(!splitsPair(text, start.offset) && !splitsPair(text, end.offset), `${label}: ${what} ${start.offset}-${end.offset} splits a surrogate pair`);
    for (const p of [start, end]) {
      const q = li.position(p.offset);
      assert.ok(q.line === p.line && q.character === p.character, `${label}: ${what} position ${p.line}:${p.character} is not that of offset ${p.offset} (${q.line}:${q.character})`);
    }
  };
  for (const f of a.findings) {
    check(f.uri, f.range, `${f.code} finding`);
    for (const r of f.related ?? []) check(r.uri, r.range, `${f.code} related`);
    for (const x of f.fixes ?? []) for (const e of x.edits) check(e.uri, e.range, `${f.code} fix edit`);
  }
  for (const c of a.claims) {
    check(c.uri, c.range, `claim ${c.number}`);
    check(c.uri, c.numberRange, `claim ${c.number} number`);
    for (const r of c.references ?? []) check(c.uri, r.range, `claim ${c.number} reference`);
  }
}

function analyse(docs: { name: string; text: string }[]): { a: Analysis; texts: Map<string, string> } {
  const texts = new Map(docs.map((d) => [`/m/${d.name}`, d.text]));
  const a = analyzeMatter(
    createMatter(
      '/m',
      docs.map((d) => ({ uri: `/m/${d.name}`, text: d.text })),
    ),
  );
  return { a, texts };
}

const STACK_TRACE = /\n\s+at [^\n]*[:(][^\n]*\d+:\d+\)?/;

async function cli(dir: string, label: string): Promise<void> {
  const o = { out: '', err: '', cwd: dir, stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t) };
  const code = await runCli(['check', dir, '--format', 'json'], o);
  assert.ok(code === 0 || code === 1 || code === 2, `${label}: exit ${code}`);
  assert.ok(!STACK_TRACE.test(o.err) && !STACK_TRACE.test(o.out), `${label}: a stack trace in the output`);
  if (code !== 2) {
    const json = JSON.parse(o.out) as { findings: unknown[] };
    assert.ok(Array.isArray(json.findings), `${label}: no findings list`);
  } else assert.ok(o.err.trim().length > 0, `${label}: exit 2 without a message`);
}

describe('fuzz: generated and mutated matters', function () {
  this.timeout(120000);

  it('200 generated claim sets and nestings: analysis completes, every range sound', () => {
    const r = new Rng(SEED);
    for (let i = 0; i < 200; i++) {
      const text = i % 5 === 4 ? nesting(r) : claimSet(r);
      clearCaches();
      const { a, texts } = analyse([{ name: 'claims.md', text }]);
      checkRanges(a, texts, `generated #${i}`);
    }
  });

  it('200 mutations of an application of our own and of corpus patents: analysis completes, every range sound', () => {
    const r = new Rng(SEED + 1);
    const bases = [FIXTURE, ...corpusDocs(3)];
    for (let i = 0; i < 200; i++) {
      const base = bases[i % bases.length];
      const text = mutate(r, base.length > 30000 ? base.slice(0, 30000) : base);
      clearCaches();
      const split = i % 3 === 0;
      const docs = split
        ? [
            { name: 'claims.md', text: mutate(r, claimSet(r)) },
            { name: 'disclosure.md', text },
          ]
        : [{ name: 'application.md', text: text.includes('## Claims') ? text : `${text}\n## Claims\n\n1. A brake.\n` }];
      const { a, texts } = analyse(docs);
      checkRanges(a, texts, `mutated #${i}`);
    }
  });

  it('the CLI on 40 generated matters: exit 0, 1 or 2, valid JSON, no stack trace', async () => {
    const r = new Rng(SEED + 2);
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-fuzz-'));
    try {
      for (let i = 0; i < 40; i++) {
        rmSync(dir, { recursive: true, force: true });
        const sub = mkdtempSync(path.join(tmpdir(), 'pd-fuzz-'));
        writeFileSync(path.join(sub, 'claims.md'), i % 2 ? claimSet(r) : mutate(r, claimSet(r)));
        if (i % 3 === 0) writeFileSync(path.join(sub, 'disclosure.md'), mutate(r, FIXTURE));
        if (i % 7 === 0) writeFileSync(path.join(sub, 'notes.md'), nesting(r));
        clearCaches();
        await cli(sub, `cli #${i}`);
        rmSync(sub, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** CPU milliseconds of `f`, best of `runs` (less sensitive to a loaded machine than wall-clock time). */
function cpu(f: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    clearCaches();
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

const claims = (lines: string[], sep = '\n') => `# Claims${sep}${sep}${lines.join(sep + sep)}${sep}`;
const analyseClaims = (text: string) => analyzeMatter(createMatter('/m', [{ uri: '/m/claims.md', text }]));
const chain = (n: number, sep = '\n') => claims(['1. A widget comprising a rod.', ...Array.from({ length: n - 1 }, (_, i) => `${i + 2}. The widget of claim ${i + 1}, wherein the rod is bent.`)], sep);

/** Families of hostile input: [name, size n, document of size k, output size (work that must be done) at k]. */
const FAMILIES: [string, number, (k: number) => () => void, ((k: number) => number)?][] = [
  [
    'a dependency chain',
    200,
    (k) => {
      const t = chain(k);
      return () => analyseClaims(t);
    },
  ],
  [
    '"of any preceding claim" (output n²)',
    120,
    (k) => {
      const t = claims(['1. A widget comprising a rod.', ...Array.from({ length: k - 1 }, (_, i) => `${i + 2}. The widget of any preceding claim, wherein the rod is bent.`)]);
      return () => analyseClaims(t);
    },
    (k) => (k * (k - 1)) / 2 + k,
  ],
  [
    'every claim numbered "1."',
    300,
    (k) => {
      const t = claims(Array.from({ length: k }, () => '1. A widget comprising a rod.'));
      return () => analyseClaims(t);
    },
  ],
  [
    '"of any one of claims 1 to 1000"',
    80,
    (k) => {
      const t = claims(Array.from({ length: k }, (_, i) => `${i + 1}. The widget of any one of claims 1 to 1000, wherein the rod is red.`));
      return () => analyseClaims(t);
    },
    (k) => k * Math.min(k, 1000),
  ],
  [
    'claim numbers over 2^53',
    200,
    (k) => {
      const t = claims(['1. A widget comprising a rod.', ...Array.from({ length: k - 1 }, (_, i) => `${i + 2}. The widget of claim 1000000000000000${i}, wherein the rod is red.`)]);
      return () => analyseClaims(t);
    },
  ],
  [
    'CR-only line ends',
    200,
    (k) => {
      const t = chain(k, '\r');
      return () => analyseClaims(t);
    },
  ],
  [
    'U+2028 line ends',
    200,
    (k) => {
      const t = chain(k, '\u2028');
      return () => analyseClaims(t);
    },
  ],
  [
    'a long front-matter list',
    30000,
    (k) => {
      const t = `---\npatent: claims\nkeywords:\n${Array.from({ length: k }, (_, i) => `  - item${i}`).join('\n')}\n---\n# Claims\n\n1. A widget.\n`;
      return () => analyseClaims(t);
    },
  ],
  [
    'a deeply nested list',
    60,
    (k) => {
      const t = `# Claims\n\n1. A widget comprising a rod.\n${Array.from({ length: k }, (_, i) => `${'  '.repeat(i)}- part ${i}`).join('\n')}\n`;
      return () => analyseClaims(t);
    },
    (k) => (k * (k + 1)) / 2,
  ],
  [
    'SARIF of a fix with many edits',
    2000,
    (k) => {
      const r = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 1, offset: 1 } };
      const f: Finding = {
        code: 'claim-numbering',
        severity: 'error',
        confidence: 'high',
        message: 'm',
        uri: '/m/claims.md',
        range: r,
        fixes: [{ title: 't', edits: Array.from({ length: k }, (_, i) => ({ uri: `/m/${i % 2}.md`, range: r, newText: '1' })) }],
      };
      // Small fixes converted many times: one large one is timed mostly by the garbage collector.
      return () => {
        for (let i = 0; i < 40; i++) toSarif([f]);
      };
    },
  ],
  [
    'a hostile glob over many paths',
    2000,
    (k) => {
      const paths = Array.from({ length: k }, (_, i) => `${'a/'.repeat(i % 40)}${'a'.repeat(200)}${i}.md`);
      return () => {
        for (const p of paths) matchGlob('**/*a*a*/**/*a*/**/b*.md', p);
      };
    },
  ],
];

describe('fuzz: time grows about linearly on each family', function () {
  this.timeout(180000);
  for (const [name, n, make, output] of FAMILIES) {
    it(name, () => {
      const small = make(n);
      const large = make(4 * n);
      small();
      small();
      // Work per unit of output: the output of "any preceding claim" is n² by nature.
      const scale = output ? output(4 * n) / output(n) : 4;
      const measure = () => {
        const t1 = Math.max(cpu(small), 1);
        const t4 = cpu(large);
        return { t1, t4, ratio: t4 / t1 / scale };
      };
      // A loaded machine (or a garbage collection in one run) can slow one measurement: measured again once.
      let { t1, t4, ratio } = measure();
      if (ratio >= 2.5) ({ t1, t4, ratio } = measure());
      // Linear gives ~1; quadratic (over the output) gives ~4 at 4n. 2.5 leaves room for a loaded machine.
      assert.ok(ratio < 2.5, `${name}: ${t1.toFixed(1)} ms CPU at n=${n}, ${t4.toFixed(1)} ms at 4n (per unit of output: ${ratio.toFixed(2)}x)`);
    });
  }
});
