// ROUGE-L (Lin 2004): the longest common subsequence of two texts' words, as precision, recall
// and F1. Words are lower-cased runs of letters and digits. Bounded: each text is cut at
// MAX_WORDS words (an abstract has at most 150), so the table is at most MAX_WORDS² cells.
import { tokenize } from '../core/index';

export const ROUGE_MAX_WORDS = 2000;

export interface RougeL {
  precision: number;
  recall: number;
  f1: number;
  /** Length of the longest common subsequence, in words. */
  lcs: number;
}

function words(s: string): string[] {
  return tokenize(s)
    .slice(0, ROUGE_MAX_WORDS)
    .map((t) => t.text.toLowerCase());
}

/** LCS length of two word lists, in O(n·m) time and O(m) space. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return prev[b.length];
}

/** ROUGE-L of a candidate text against a reference text. */
export function rougeL(candidate: string, reference: string): RougeL {
  const c = words(candidate);
  const r = words(reference);
  const lcs = lcsLength(c, r);
  const precision = c.length ? lcs / c.length : 0;
  const recall = r.length ? lcs / r.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, lcs };
}
