// A benchmark section: one table in `npm run bench`'s output. Ratios are against a baseline
// measured in the same process, never absolute thresholds in tests.
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** The baseline's value for the same metric, where there is one. */
  baseline?: number;
  /** The target the issue sets, as text ("<= 30 ms", ">= 20000 tok/s"). */
  target?: string;
  /** Whether the target is met (undefined where there is no target). */
  ok?: boolean;
}

export interface BenchSection {
  name: string;
  rows: BenchRow[];
  notes?: string[];
}
