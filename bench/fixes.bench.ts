// The fix benchmark: on every document of both corpora, each fix the checks offer (the preferred
// fix of each finding) applied alone to a fresh copy, the copy analysed again (bench/fixing.ts).
// A fix must remove its finding and add none.
//   npm run bench -- fixes                      the table
//   PD_BENCH_VERBOSE=1 npm run bench -- fixes   also every failure (document, claim, code, fix)
import { loadCorpus } from './planted';
import { describeFailure, summarizeFixes, tryFixes, type FixTrial } from './fixing';
import type { BenchRow, BenchSection } from './types';

export const SEED = 7;
/** Fixes tried per document at most (a seeded sample beyond): keeps the section near a minute on two cores. */
export const MAX_PER_DOC = 40;

export default async function bench(): Promise<BenchSection> {
  const docs = loadCorpus();
  if (docs.length === 0) return { name: 'fix benchmark (skipped: ../shared/corpus absent)', rows: [] };
  const t = performance.now();
  const trials: FixTrial[] = [];
  for (const doc of docs) trials.push(...tryFixes(doc, { maxPerDoc: MAX_PER_DOC, seed: SEED }));
  const ms = performance.now() - t;
  const rows: BenchRow[] = [];
  for (const s of summarizeFixes(trials)) {
    const removed = s.tried ? (100 * s.removed) / s.tried : 0;
    const added = s.tried ? (100 * s.added) / s.tried : 0;
    rows.push({ metric: `${s.code}: fixes tried`, value: s.tried, unit: 'fixes' });
    rows.push({ metric: `${s.code}: removed their finding`, value: removed, unit: '%', target: '= 100%', ok: s.tried === 0 || s.removed === s.tried });
    rows.push({ metric: `${s.code}: added a finding`, value: added, unit: '%', target: '= 0%', ok: s.added === 0 });
  }
  rows.push({ metric: 'time per fix (apply + analyse)', value: ms / Math.max(1, trials.length), unit: 'ms' });
  const skipped = trials.filter((x) => x.skipped).length;
  const notes = [
    `${docs.length} documents (grants and applications), at most ${MAX_PER_DOC} fixes per document (seed ${SEED})${skipped ? `; ${skipped} fixes could not be applied alone` : ''}; ${(ms / 1000).toFixed(1)} s.`,
  ];
  if (process.env.PD_BENCH_VERBOSE) for (const x of trials) if (!x.skipped && (!x.removed || x.added.length)) notes.push(describeFailure(x));
  return { name: 'fix benchmark', rows, notes };
}
