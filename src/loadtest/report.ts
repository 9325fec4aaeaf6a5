// What a load run prints: a table, JSON or CSV of the levels, and the line comparing the run
// with a target such as "p95<=420ms@180rps" (P95 end to end at most 420 ms at 180 requests/s).
import type { LevelStats, Quantiles } from './stats';
import { LoadError, loadLabel, type LevelResult } from './runner';

export type TargetMetric = 'e2e' | 'ttft' | 'itl';

export interface Target {
  metric: TargetMetric;
  quantile: 50 | 95 | 99;
  maxMs: number;
  atPerS: number;
}

export interface TargetVerdict {
  met: boolean;
  /** The level the verdict is about (index into the results), if any. */
  level?: number;
  line: string;
}

const METRIC_NAMES: Record<TargetMetric, string> = { e2e: 'end-to-end', ttft: 'TTFT', itl: 'inter-token latency' };

// Linear: no nested or adjacent unbounded repeats that could backtrack.
const TARGET_RE = /^(?:(e2e|ttft|itl)[-_ ]?)?p(50|95|99) *<= *(\d{1,9}(?:\.\d{1,6})?) *(ms|s) *@ *(\d{1,9}(?:\.\d{1,6})?) *(?:rps|req\/s|\/s)?$/i;

/** Parses "p95<=420ms@180rps", "ttft-p99 <= 1.5s @ 20 req/s"; throws LoadError saying the form. */
export function parseTarget(text: string): Target {
  const t = text.trim();
  const m = t.length <= 80 ? TARGET_RE.exec(t) : null;
  if (!m) throw new LoadError(`--target must look like "p95<=420ms@180rps" ([e2e-|ttft-|itl-]p50|p95|p99 <= N ms|s @ R rps), not "${t.slice(0, 80)}"`);
  const maxMs = Number(m[3]) * (m[4].toLowerCase() === 's' ? 1000 : 1);
  const atPerS = Number(m[5]);
  if (!(maxMs > 0) || !(atPerS > 0)) throw new LoadError(`--target needs a latency and a rate above 0, not "${t}"`);
  return { metric: (m[1] ?? 'e2e').toLowerCase() as TargetMetric, quantile: Number(m[2]) as 50 | 95 | 99, maxMs, atPerS };
}

export function describeTarget(t: Target): string {
  return `p${t.quantile} ${METRIC_NAMES[t.metric]} <= ${t.maxMs} ms at ${t.atPerS} req/s`;
}

function metricOf(r: LevelResult, t: Target): number {
  const q: Quantiles = t.metric === 'e2e' ? r.stats.e2eMs : t.metric === 'ttft' ? r.stats.ttftMs : r.stats.itlMs;
  return t.quantile === 50 ? q.p50 : t.quantile === 95 ? q.p95 : q.p99;
}

/** The load a level puts on the server: the arrival rate of an open-loop level, the achieved
 *  throughput of a closed-loop one. */
export function loadPerS(r: LevelResult): number {
  return r.load.kind === 'rate' ? r.load.ratePerS : r.stats.requestsPerS;
}

const failed = (r: LevelResult) => r.stats.requests - r.stats.ok;

/** Met when a level carrying at least the target's load had no failed request and its
 *  percentile is within the limit. A failed request has no latency to speak of, so any failure
 *  disqualifies the level. */
export function evaluateTarget(t: Target, results: readonly LevelResult[]): TargetVerdict {
  const head = `target ${describeTarget(t)}:`;
  const name = `p${t.quantile} ${METRIC_NAMES[t.metric]}`;
  const where = (i: number) => `${loadLabel(results[i].load)} (${fmt(results[i].stats.requestsPerS)} req/s)`;
  const idx = results.map((_, i) => i).filter((i) => results[i].stats.requests > 0);
  if (idx.length === 0) return { met: false, line: `${head} NOT met: no request was measured` };
  const carrying = idx.filter((i) => loadPerS(results[i]) >= t.atPerS);
  const clean = carrying.filter((i) => failed(results[i]) === 0 && Number.isFinite(metricOf(results[i], t)));
  const meeting = clean.filter((i) => metricOf(results[i], t) <= t.maxMs);
  if (meeting.length) {
    const i = meeting.reduce((a, b) => (loadPerS(results[b]) > loadPerS(results[a]) ? b : a));
    return { met: true, level: i, line: `${head} met at ${where(i)}: ${name} ${fmt(metricOf(results[i], t))} ms` };
  }
  if (clean.length) {
    const i = clean.reduce((a, b) => (metricOf(results[b], t) < metricOf(results[a], t) ? b : a));
    return { met: false, level: i, line: `${head} NOT met: at ${where(i)} ${name} is ${fmt(metricOf(results[i], t))} ms (> ${t.maxMs} ms)` };
  }
  if (carrying.length) {
    const i = carrying.reduce((a, b) => (failed(results[b]) < failed(results[a]) ? b : a));
    return { met: false, level: i, line: `${head} NOT met: at ${where(i)} ${failed(results[i])} of ${results[i].stats.requests} requests failed` };
  }
  const i = idx.reduce((a, b) => (loadPerS(results[b]) > loadPerS(results[a]) ? b : a));
  const m = metricOf(results[i], t);
  return { met: false, level: i, line: `${head} NOT met: no level reached ${t.atPerS} req/s (highest ${where(i)}${Number.isFinite(m) ? `, ${name} ${fmt(m)} ms` : ''})` };
}

/** A number for people: '-' when undefined or NaN, 1 decimal below 1000, none above. */
export function fmt(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '-';
  if (Math.abs(n) >= 1000) return Math.round(n).toString();
  if (Math.abs(n) >= 100) return n.toFixed(1);
  return n.toFixed(2);
}

export interface RunInfo {
  endpoints: string[];
  model: string;
  layout?: string;
  task: string;
  prompts: number;
  matters: number;
  meanPromptChars: number;
  maxTokens: number;
}

function errorsText(e: Record<string, number>): string {
  const parts = Object.entries(e)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`);
  return parts.length ? parts.join(', ') : '';
}

/** A level's throughput and latency figures in the order the table and the CSV give them (req/s, out tok/s,
 *  TTFT p50/p95/p99, ITL p50/p95, e2e p50/p95/p99), each written by `cell`. */
function figures(s: LevelStats, cell: (n: number) => string): string[] {
  return [s.requestsPerS, s.outputTokensPerS, s.ttftMs.p50, s.ttftMs.p95, s.ttftMs.p99, s.itlMs.p50, s.itlMs.p95, s.e2eMs.p50, s.e2eMs.p95, s.e2eMs.p99].map(cell);
}

/** The table `patent-draft triton bench` prints by default. */
export function formatTable(info: RunInfo, results: readonly LevelResult[], verdict?: TargetVerdict): string {
  const header = ['load', 'requests', 'errors', 'req/s', 'out tok/s', 'TTFT p50', 'p95', 'p99', 'ITL p50', 'p95', 'e2e p50', 'p95', 'p99'];
  const rows = results.map((r) => {
    const s = r.stats;
    return [loadLabel(r.load), String(s.requests), String(s.requests - s.ok), ...figures(s, fmt)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [
    `model ${info.model}${info.layout ? ` (${info.layout})` : ''} at ${info.endpoints.join(', ')}; task ${info.task}: ${info.prompts} prompt(s) from ${info.matters} matter(s), mean ${Math.round(info.meanPromptChars)} characters; max tokens ${info.maxTokens}`,
    'times in ms; latency from the scheduled send time (open loop) or the send (closed loop); warm-up excluded',
    '',
    line(header),
    ...rows.map(line),
  ];
  const errs = results.filter((r) => r.stats.requests > r.stats.ok);
  if (errs.length) {
    out.push('');
    for (const r of errs) out.push(`errors at ${loadLabel(r.load)}: ${errorsText(r.stats.errors)}`);
  }
  for (const r of results) {
    if (r.stoppedBy === 'bound') out.push(`${loadLabel(r.load)}: stopped at the bound of requests per level`);
    if (r.stoppedBy === 'aborted') out.push(`${loadLabel(r.load)}: interrupted; figures cover what finished`);
  }
  if (verdict) out.push('', verdict.line);
  return out.join('\n') + '\n';
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null);
const q3 = (q: Quantiles) => ({ p50: round(q.p50), p95: round(q.p95), p99: round(q.p99), mean: round(q.mean), max: round(q.max) });

/** The JSON document of a run (--format json). NaN figures (nothing measured) are null. */
export function toJson(info: RunInfo, results: readonly LevelResult[], verdict?: TargetVerdict, target?: Target): Record<string, unknown> {
  return {
    tool: 'patent-draft triton bench',
    ...info,
    meanPromptChars: Math.round(info.meanPromptChars),
    levels: results.map((r) => ({
      load: r.load,
      label: loadLabel(r.load),
      warmup: r.warmup,
      stoppedBy: r.stoppedBy,
      ...(r.offeredPerS !== undefined ? { offeredPerS: round(r.offeredPerS) } : {}),
      requests: r.stats.requests,
      ok: r.stats.ok,
      errors: r.stats.errors,
      durationS: round(r.stats.durationS),
      requestsPerS: round(r.stats.requestsPerS),
      outputTokens: r.stats.outputTokens,
      outputTokensPerS: round(r.stats.outputTokensPerS),
      ttftMs: q3(r.stats.ttftMs),
      itlMs: q3(r.stats.itlMs),
      e2eMs: q3(r.stats.e2eMs),
      sendLagMs: q3(r.stats.sendLagMs),
    })),
    ...(target && verdict ? { target: { ...target, met: verdict.met, level: verdict.level ?? null, line: verdict.line } } : {}),
  };
}

export const CSV_COLUMNS = [
  'load',
  'concurrency',
  'rate_per_s',
  'requests',
  'ok',
  'errors',
  'duration_s',
  'requests_per_s',
  'output_tokens_per_s',
  'ttft_p50_ms',
  'ttft_p95_ms',
  'ttft_p99_ms',
  'itl_p50_ms',
  'itl_p95_ms',
  'e2e_p50_ms',
  'e2e_p95_ms',
  'e2e_p99_ms',
] as const;

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const num = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 1000) / 1000) : '');

/** One header line and one line per level (--format csv); errors as "kind:count;kind:count". */
export function toCsv(results: readonly LevelResult[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of results) {
    const s = r.stats;
    const errs = Object.entries(s.errors)
      .map(([k, n]) => `${k}:${n}`)
      .join(';');
    const cells = [
      loadLabel(r.load),
      r.load.kind === 'concurrency' ? String(r.load.concurrency) : '',
      r.load.kind === 'rate' ? String(r.load.ratePerS) : '',
      String(s.requests),
      String(s.ok),
      errs,
      num(s.durationS),
      ...figures(s, num),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
