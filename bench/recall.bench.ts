// Recall on planted defects: real grants of both corpora copied in memory, one known defect
// planted per copy at a seeded place (bench/planted.ts), and how often the right check fires at
// the right place (a new finding of the expected code overlapping the planted text).
//   npm run bench -- recall                     the table
//   PD_BENCH_VERBOSE=1 npm run bench -- recall  also every miss (document, claim, operator)
import { describeMiss, loadCorpus, recallPercent, runRecall } from './planted';
import type { BenchRow, BenchSection } from './types';

export const SEED = 20240611;
export const PER_DOC = 3;

export default async function bench(): Promise<BenchSection> {
  const docs = loadCorpus({ grantsOnly: true });
  if (docs.length === 0) return { name: 'recall on planted defects (skipped: ../shared/corpus absent)', rows: [] };
  const t = performance.now();
  const stats = runRecall(docs, { seed: SEED, perDoc: PER_DOC });
  const ms = performance.now() - t;
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const s of stats) {
    const pct = recallPercent(s);
    const name = `(${s.op.letter}) ${s.op.label} → ${s.op.expect}`;
    rows.push({ metric: `${name}: planted`, value: s.planted, unit: 'plants' });
    rows.push({ metric: `${name}: caught`, value: s.caught, unit: 'plants' });
    rows.push({ metric: `${name}: recall`, value: pct, unit: '%', target: `>= ${s.op.target}%`, ok: s.planted > 0 && pct >= s.op.target });
    const kinds = [...s.byKind.entries()].map(([k, v]) => `${k} ${v.caught}/${v.planted}`).join(', ');
    notes.push(`(${s.op.letter}) ${s.op.id}: ${s.caught}/${s.planted} caught${s.infoOnly ? `, ${s.infoOnly} more as info only` : ''}; by kind: ${kinds}`);
  }
  const planted = stats.reduce((n, s) => n + s.planted, 0);
  rows.push({ metric: 'time per plant (analysis of the planted copy)', value: ms / Math.max(1, planted), unit: 'ms' });
  notes.unshift(`${docs.length} grants, seed ${SEED}, at most ${PER_DOC} plants per operator per document; info findings do not count as caught.`);
  if (process.env.PD_BENCH_VERBOSE) for (const s of stats) for (const m of s.misses) notes.push(describeMiss(m, docs));
  return { name: 'recall on planted defects', rows, notes };
}
