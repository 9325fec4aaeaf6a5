// `npm run eval`: the drafting evaluation over ../shared/corpus/uspto and uspto-dev. Per task,
// how many documents get a suggestion, how many suggestions pass every check (no warning or
// error in the generated text), ROUGE-L of the built-in abstract against the published one,
// and the time to the first segment. Prints Markdown tables (documents, then per-task totals).
//   npm run eval                    both corpora, built-in engine
//   npm run eval -- --docs          also the per-document abstract table
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { analyzeMatter, type Analysis } from '../src/core';
import { BuiltinBackend, checkAbstract, claimsInOutput, DraftError, disclosureSentences, rougeL, type DraftChunk, type DraftFinding, type DraftTask, type DraftTaskKind } from '../src/drafting';
import { loadMatters } from '../src/node/workspace';

const ROOT = path.resolve(__dirname, '../../shared/corpus');
const CORPORA = ['uspto', 'uspto-dev'];

interface TaskResult {
  suggested: boolean;
  suggestions: number;
  passing: number;
  firstMs: number;
  totalMs: number;
}

interface DocRow {
  corpus: string;
  name: string;
  words: number;
  abstractFindings: number;
  rouge: number;
  tasks: Partial<Record<DraftTaskKind, TaskResult>>;
}

const engine = new BuiltinBackend();

async function timed(task: DraftTask, a: Analysis): Promise<{ text: string; chunks: DraftChunk[]; firstMs: number; totalMs: number } | undefined> {
  const t0 = performance.now();
  let firstMs = -1;
  const chunks: DraftChunk[] = [];
  let text = '';
  try {
    for await (const c of engine.generate(task, { analysis: a })) {
      if (firstMs < 0) firstMs = performance.now() - t0;
      chunks.push(c);
      text += c.text;
    }
  } catch (e) {
    if (e instanceof DraftError) return undefined;
    throw e;
  }
  return { text, chunks, firstMs: Math.max(0, firstMs), totalMs: performance.now() - t0 };
}

const serious = (f: DraftFinding) => f.severity !== 'info';

export async function evaluate(corpora = CORPORA): Promise<DocRow[]> {
  const rows: DocRow[] = [];
  for (const corpus of corpora) {
    const dir = path.join(ROOT, corpus);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => /^US.*\.md$/.test(f))
      .sort()) {
      const [matter] = await loadMatters([path.join(dir, file)]);
      const a = analyzeMatter(matter);
      const row: DocRow = { corpus, name: file.slice(0, -3), words: 0, abstractFindings: 0, rouge: 0, tasks: {} };
      const abs = await timed({ kind: 'abstract' }, a);
      if (abs) {
        const findings = checkAbstract(a, abs.text);
        row.words = abs.text.split(/\s+/).filter(Boolean).length;
        row.abstractFindings = findings.length;
        row.rouge = a.abstract ? rougeL(abs.text, a.abstract.text).f1 : NaN;
        row.tasks.abstract = { suggested: abs.text.trim().length > 0, suggestions: 1, passing: findings.length === 0 ? 1 : 0, firstMs: abs.firstMs, totalMs: abs.totalMs };
      }
      const first = a.claims.find((c) => !c.canceled && c.parents.length === 0);
      if (first) {
        const dep = await timed({ kind: 'dependent', claim: first.number }, a);
        if (dep) {
          const gen = claimsInOutput(dep.text);
          const bad = new Set(
            dep.chunks
              .flatMap((c) => c.findings ?? [])
              .filter(serious)
              .map((f) => f.claim),
          );
          row.tasks.dependent = { suggested: gen.length > 0, suggestions: gen.length, passing: gen.filter((g) => !bad.has(g.number)).length, firstMs: dep.firstMs, totalMs: dep.totalMs };
        } else row.tasks.dependent = { suggested: false, suggestions: 0, passing: 0, firstMs: 0, totalMs: 0 };
        const cont = await timed({ kind: 'continue', claim: first.number }, a);
        const contFindings = cont ? cont.chunks.flatMap((c) => c.findings ?? []).filter(serious) : [];
        row.tasks.continue =
          cont && cont.text.trim()
            ? { suggested: true, suggestions: 1, passing: contFindings.length ? 0 : 1, firstMs: cont.firstMs, totalMs: cont.totalMs }
            : { suggested: false, suggestions: 0, passing: 0, firstMs: 0, totalMs: 0 };
      }
      const passage = disclosureSentences(a).find((s) => /\b(?:comprises|includes|has)\s+an?\b/.test(s.text));
      if (passage) {
        const cl = await timed({ kind: 'claim', passage: passage.text }, a);
        const clFindings = cl ? cl.chunks.flatMap((c) => c.findings ?? []).filter(serious) : [];
        row.tasks.claim =
          cl && cl.text.trim()
            ? { suggested: true, suggestions: 1, passing: clFindings.length ? 0 : 1, firstMs: cl.firstMs, totalMs: cl.totalMs }
            : { suggested: false, suggestions: 0, passing: 0, firstMs: 0, totalMs: 0 };
      }
      rows.push(row);
    }
  }
  return rows;
}

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

export function tables(rows: DocRow[], perDoc: boolean): string {
  const out: string[] = [];
  if (perDoc) {
    out.push('| corpus | document | abstract words | abstract findings | ROUGE-L F1 | dependents of claim 1 (passing) |', '|---|---|---|---|---|---|');
    for (const r of rows)
      out.push(`| ${r.corpus} | ${r.name} | ${r.words} | ${r.abstractFindings} | ${fmt(r.rouge, 3)} | ${r.tasks.dependent?.suggestions ?? 0} (${r.tasks.dependent?.passing ?? 0}) |`);
    out.push('');
  }
  out.push('| corpus | task | documents | with a suggestion | suggestions | passing every check | ROUGE-L F1 (mean) | first segment ms (median / max) |', '|---|---|---|---|---|---|---|---|');
  for (const corpus of [...new Set(rows.map((r) => r.corpus))]) {
    const rs = rows.filter((r) => r.corpus === corpus);
    for (const kind of ['abstract', 'dependent', 'continue', 'claim'] as DraftTaskKind[]) {
      const ts = rs.map((r) => r.tasks[kind]).filter((t): t is TaskResult => !!t);
      const got = ts.filter((t) => t.suggested);
      const rouge = kind === 'abstract' ? rs.map((r) => r.rouge).filter(Number.isFinite) : [];
      out.push(
        `| ${corpus} | ${kind} | ${rs.length} | ${got.length} | ${ts.reduce((s, t) => s + t.suggestions, 0)} | ${ts.reduce((s, t) => s + t.passing, 0)} | ${rouge.length ? fmt(rouge.reduce((s, x) => s + x, 0) / rouge.length, 3) : '-'} | ${fmt(median(got.map((t) => t.firstMs)), 1)} / ${fmt(Math.max(0, ...got.map((t) => t.firstMs)), 1)} |`,
      );
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { docs: { type: 'boolean' } } });
  const rows = await evaluate();
  if (rows.length === 0) {
    process.stderr.write(`eval: no corpus under ${ROOT}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(tables(rows, !!values.docs) + '\n');
}

if (require.main === module) void main();
