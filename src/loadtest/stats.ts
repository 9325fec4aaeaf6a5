// Statistics of one load level, with GenAI-Perf's definitions:
//   time to first token (TTFT)  = first token - request start
//   end-to-end latency           = last response - request start
//   inter-token latency (ITL)    = per request, (latency - TTFT) / (output tokens - 1)
//   request throughput           = completed requests / (last response - first request start)
//   output token throughput      = output tokens of completed requests / the same span
// "Request start" is the scheduled send time in an open-loop run (so time spent waiting behind
// a lagging sender or a full queue counts) and the actual send time in a closed loop.
// Percentiles are nearest-rank over the measured (post-warm-up) requests. Numbers only: no
// prompt or output text ever reaches this module.

/** One finished request, as the runner records it (times are performance.now() ms). */
export interface Sample {
  /** When the request was due (open loop) or sent (closed loop). */
  startMs: number;
  /** When the generation was actually started (>= startMs). */
  sentMs: number;
  endMs: number;
  ok: boolean;
  /** InferenceError code (or 'other') of a failed request. */
  errorKind?: string;
  ttftMs?: number;
  itlMs?: number;
  outputTokens: number;
}

export interface Quantiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank quantile of an ascending array (q in [0, 1]); NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** count, mean, p50, p95, p99 and max of the finite values; NaN fields when there are none. */
export function quantiles(values: readonly number[]): Quantiles {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return { count: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  let sum = 0;
  for (const v of s) sum += v;
  return { count: s.length, mean: sum / s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s[s.length - 1] };
}

export interface LevelStats {
  /** Measured requests (warm-up excluded), ok or not. */
  requests: number;
  ok: number;
  /** Failed requests by kind (InferenceError code). */
  errors: Record<string, number>;
  /** First measured start to last measured end, in seconds. */
  durationS: number;
  requestsPerS: number;
  outputTokensPerS: number;
  outputTokens: number;
  ttftMs: Quantiles;
  itlMs: Quantiles;
  e2eMs: Quantiles;
  /** How late the generations started against their start time (open loop: the sender's lag). */
  sendLagMs: Quantiles;
}

/** The statistics of one level's measured samples. Latencies come from successful requests only. */
export function levelStats(samples: readonly Sample[]): LevelStats {
  const errors: Record<string, number> = {};
  const ttft: number[] = [];
  const itl: number[] = [];
  const e2e: number[] = [];
  const lag: number[] = [];
  let ok = 0;
  let tokens = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const s of samples) {
    if (s.startMs < first) first = s.startMs;
    if (s.endMs > last) last = s.endMs;
    lag.push(s.sentMs - s.startMs);
    if (!s.ok) {
      const k = s.errorKind ?? 'other';
      errors[k] = (errors[k] ?? 0) + 1;
      continue;
    }
    ok++;
    tokens += s.outputTokens;
    e2e.push(s.endMs - s.startMs);
    if (s.ttftMs !== undefined) ttft.push(s.ttftMs);
    if (s.itlMs !== undefined) itl.push(s.itlMs);
  }
  const durationS = samples.length && last > first ? (last - first) / 1000 : 0;
  return {
    requests: samples.length,
    ok,
    errors,
    durationS,
    requestsPerS: durationS > 0 ? ok / durationS : 0,
    outputTokensPerS: durationS > 0 ? tokens / durationS : 0,
    outputTokens: tokens,
    ttftMs: quantiles(ttft),
    itlMs: quantiles(itl),
    e2eMs: quantiles(e2e),
    sendLagMs: quantiles(lag),
  };
}

/** Seeded pseudo-random numbers in [0, 1) (mulberry32): the same seed gives the same run plan. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gaps between arrivals at `ratePerS`: exponential (Poisson process) or fixed. Milliseconds. */
export function arrivalGaps(ratePerS: number, arrival: 'poisson' | 'constant', random: () => number): () => number {
  const mean = 1000 / ratePerS;
  if (arrival === 'constant') return () => mean;
  // 1 - u is in (0, 1], so the logarithm is finite.
  return () => -Math.log(1 - random()) * mean;
}
