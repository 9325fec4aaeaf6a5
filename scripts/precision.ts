// `npm run precision`: how noisy the checks are on real patents, measured, as tables.
//   npm run precision                       counts per check on ../shared/corpus/uspto-dev and ../uspto
//   npm run precision -- --sample 100       also prints a fixed-seed random sample of findings to read
//   npm run precision -- --labels FILE      precision per check from a hand-labelled sample (docs/precision-labels.json)
//   npm run precision -- --list CODE        every warning/error of CODE on the grants (for reading)
// Warnings and errors on granted claims are counted (the abstract check aside); info is listed apart.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeMatter, type Analysis, type Finding } from '../src/core';
import { readClaimRefs } from '../src/core/importer';
import { loadMatters } from '../src/node/workspace';

const ROOT = path.resolve(__dirname, '../../shared/corpus');
export const CORPORA = ['uspto-dev', 'uspto'];

export interface DocResult {
  corpus: string;
  name: string;
  grant: boolean;
  analysis: Analysis;
  text: string;
  depsDiffer: number[];
}

/** A finding's identity that survives unrelated edits: document, code, claim, the text it points at. */
export function findingKey(d: DocResult, f: Finding): string {
  const snippet = d.text.slice(f.range.start.offset, f.range.end.offset).replace(/\s+/g, ' ').slice(0, 80);
  return `${d.name}|${f.code}|${f.claim ?? '-'}|${snippet}`;
}

export function counted(f: Finding): boolean {
  return f.severity !== 'info' && f.code !== 'abstract';
}

export async function analyseCorpus(corpus: string): Promise<DocResult[]> {
  const dir = path.join(ROOT, corpus);
  if (!existsSync(dir)) return [];
  const out: DocResult[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /^US.*\.md$/.test(f))
    .sort()) {
    const name = file.slice(0, -3);
    const [matter] = await loadMatters([path.join(dir, file)]);
    const analysis = analyzeMatter(matter);
    const refs = readClaimRefs(readFileSync(path.join(dir, `${name}.xml`), 'utf8'));
    const depsDiffer: number[] = [];
    for (const c of analysis.claims) {
      const expected = [...new Set(refs.get(c.number) ?? [])].sort((a, b) => a - b);
      const got = [...c.parents].sort((a, b) => a - b);
      if (JSON.stringify(expected) === JSON.stringify(got)) continue;
      // The markup can mark only the first claim of a range ("claims 34 through 46"): the text is right there.
      const range = /claims?\s+(\d+)\s*(?:-|–|to|through)\s*(\d+)/i.exec(c.text);
      if (range && expected.length === 1 && expected[0] === +range[1] && got.every((n) => n >= +range[1] && n <= +range[2])) continue;
      depsDiffer.push(c.number);
    }
    out.push({ corpus, name, grant: !/^US\d{11}/.test(name) && !/A\d$/.test(name), analysis, text: matter.documents[0].text, depsDiffer });
  }
  return out;
}

/** The text around a finding, the part it points at between [[ and ]], for reading. */
function contextOf(d: DocResult, f: Finding): string {
  const from = Math.max(0, f.range.start.offset - 300),
    to = Math.min(d.text.length, f.range.end.offset + 200);
  const context = d.text.slice(from, f.range.start.offset) + '[[' + d.text.slice(f.range.start.offset, f.range.end.offset) + ']]' + d.text.slice(f.range.end.offset, to);
  return context.replace(/\s+/g, ' ');
}

function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function table(rows: (string | number)[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, k) => {
      const line = '| ' + r.map((c, i) => String(c).padEnd(w[i])).join(' | ') + ' |';
      return k === 0 ? line + '\n|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|' : line;
    })
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sample: { type: 'string' },
      seed: { type: 'string', default: '9' },
      labels: { type: 'string' },
      list: { type: 'string' },
      unlabeled: { type: 'string' },
      corpus: { type: 'string' },
      info: { type: 'boolean', default: false },
    },
  });
  const results: DocResult[] = [];
  for (const c of values.corpus ? [values.corpus] : CORPORA) results.push(...(await analyseCorpus(c)));
  if (results.length === 0) {
    console.log(`no corpus found under ${ROOT}`);
    return;
  }
  const codes = new Set<string>();
  for (const d of results) for (const f of d.analysis.findings) if (counted(f)) codes.add(f.code);
  const codeList = [...codes].sort();
  const rows: (string | number)[][] = [['corpus', 'grants', 'claims', ...codeList, 'total', 'per claim', 'info', 'deps ≠ XML']];
  for (const corpus of values.corpus ? [values.corpus] : CORPORA) {
    const docs = results.filter((d) => d.corpus === corpus && d.grant);
    const all = results.filter((d) => d.corpus === corpus);
    if (all.length === 0) continue;
    const claims = docs.reduce((n, d) => n + d.analysis.claims.length, 0);
    const per = (code: string) => docs.reduce((n, d) => n + d.analysis.findings.filter((f) => counted(f) && f.code === code).length, 0);
    const total = codeList.reduce((n, c) => n + per(c), 0);
    const info = docs.reduce((n, d) => n + d.analysis.findings.filter((f) => f.severity === 'info').length, 0);
    const deps = all.reduce((n, d) => n + d.depsDiffer.length, 0);
    const allClaims = all.reduce((n, d) => n + d.analysis.claims.length, 0);
    rows.push([corpus, docs.length, claims, ...codeList.map(per), total, (total / Math.max(1, claims)).toFixed(3), info, `${deps} of ${allClaims}`]);
  }
  console.log('Warnings and errors on granted claims (abstract check aside), per check:\n');
  console.log(table(rows));
  for (const d of results) if (d.depsDiffer.length) console.log(`  dependencies differ from the XML: ${d.name} claims ${d.depsDiffer.join(', ')}`);

  if (values.list) {
    for (const d of results.filter((x) => x.grant)) {
      for (const f of d.analysis.findings) {
        if (f.code !== values.list || (!values.info && !counted(f))) continue;
        console.log(`${d.name} c${f.claim ?? '-'} [${f.severity}] «${findingKey(d, f).split('|')[3]}» ${f.message}`);
      }
    }
  }

  const pool = results.filter((d) => d.corpus === 'uspto-dev' && d.grant).flatMap((d) => d.analysis.findings.filter(counted).map((f) => ({ d, f })));
  if (values.sample) {
    const next = rand(Number(values.seed));
    const picked = [...pool]
      .map((x) => ({ x, r: next() }))
      .sort((a, b) => a.r - b.r)
      .slice(0, Number(values.sample))
      .map((p) => p.x);
    console.log(`\nSample of ${picked.length} of ${pool.length} findings on the uspto-dev grants (seed ${values.seed}):`);
    for (const { d, f } of picked) console.log(JSON.stringify({ key: findingKey(d, f), message: f.message, related: f.related?.map((r) => r.message), context: contextOf(d, f) }));
  }
  if (values.unlabeled) {
    // The findings reported now that the labels file does not cover (to read them too).
    const known = new Set((JSON.parse(readFileSync(values.unlabeled, 'utf8')) as { key: string }[]).map((l) => l.key));
    const rest = pool.filter(({ d, f }) => !known.has(findingKey(d, f)));
    console.log(`\n${rest.length} findings on the uspto-dev grants not in ${values.unlabeled}:`);
    for (const { d, f } of rest) console.log(JSON.stringify({ key: findingKey(d, f), message: f.message, related: f.related?.map((r) => r.message), context: contextOf(d, f) }));
  }
  if (values.labels) {
    const labels = JSON.parse(readFileSync(values.labels, 'utf8')) as { key: string; label: 'true' | 'debatable' | 'false' }[];
    const live = new Set(pool.map(({ d, f }) => findingKey(d, f)));
    const byCode = new Map<string, { t: number; d: number; f: number; gone: number }>();
    for (const l of labels) {
      const code = l.key.split('|')[1];
      const e = byCode.get(code) ?? { t: 0, d: 0, f: 0, gone: 0 };
      if (!live.has(l.key)) e.gone++;
      else if (l.label === 'true') e.t++;
      else if (l.label === 'debatable') e.d++;
      else e.f++;
      byCode.set(code, e);
    }
    const lrows: (string | number)[][] = [['check', 'read', 'true', 'debatable', 'false', 'precision (true / read)', 'not reported now']];
    let T = 0,
      D = 0,
      F = 0;
    for (const [code, e] of [...byCode].sort()) {
      const n = e.t + e.d + e.f;
      T += e.t;
      D += e.d;
      F += e.f;
      lrows.push([code, n, e.t, e.d, e.f, n ? `${((100 * e.t) / n).toFixed(0)}%` : '-', e.gone]);
    }
    lrows.push(['all', T + D + F, T, D, F, `${((100 * T) / Math.max(1, T + D + F)).toFixed(0)}%`, '']);
    console.log('\nHand-read sample:\n');
    console.log(table(lrows));
  }
}

if (require.main === module) void main();
