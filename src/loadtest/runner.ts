// The load generator: sends Patent Draft prompts through the inference client at a series of
// load levels and records one Sample per request (timings and token counts only).
//   closed loop: N workers, each sends its next request as soon as the previous one ends;
//   open loop:   requests arrive on a schedule (Poisson or fixed interval) whatever the server
//                does, and each one's latency counts from its scheduled time, so a queue (in the
//                server, or in a sender that falls behind) shows in the figures.
// The first `warmup` requests of each level are sent but not measured.
import type { GenerateRequest } from '../inference/index';
import { arrivalGaps, levelStats, seededRandom, type LevelStats, type Sample } from './stats';

export const LIMITS = {
  maxConcurrency: 1024,
  maxLevels: 16,
  maxRatePerS: 10_000,
  maxDurationMs: 3_600_000,
  maxRequests: 100_000,
  maxWarmup: 10_000,
  /** Open loop: requests in flight at once before new arrivals are refused (counted as 'client-limit'). */
  maxInFlight: 4096,
  maxTokens: 32_768,
  maxDeadlineMs: 600_000,
} as const;

/** What the runner needs of a client: TritonClient fits. */
export interface LoadGeneration extends AsyncIterable<{ text: string }> {
  readonly metrics: Promise<{ timeToFirstTokenMs?: number; interTokenLatencyMs?: number; outputTokens: number }>;
}
export interface LoadTarget {
  generate(request: GenerateRequest, options: { signal?: AbortSignal; deadlineMs?: number }): LoadGeneration;
}

export type Load = { kind: 'concurrency'; concurrency: number } | { kind: 'rate'; ratePerS: number; arrival: 'poisson' | 'constant' };

export interface RunPlan {
  prompts: readonly string[];
  levels: Load[];
  /** Measure for this long per level (after warm-up)... */
  durationMs?: number;
  /** ...or this many requests per level. */
  requests?: number;
  /** Requests per level sent before measuring (default: the concurrency; about a second's worth at a rate). */
  warmup?: number;
  maxTokens: number;
  temperature?: number;
  /** Deadline of one generation. */
  deadlineMs: number;
  /** Seed of the arrival times and of the first prompt of each level. */
  seed?: number;
}

export interface LevelResult {
  load: Load;
  warmup: number;
  stats: LevelStats;
  /** Why the level ended. */
  stoppedBy: 'duration' | 'requests' | 'bound' | 'aborted';
  /** Open loop: arrivals in the window per second of the window's schedule. */
  offeredPerS?: number;
}

export interface Progress {
  level: number;
  levels: number;
  load: Load;
  /** Requests finished at this level (warm-up included). */
  done: number;
  /** Requests the level will send, when known (requests mode). */
  total?: number;
  elapsedMs: number;
  /** Planned measuring time (duration mode). */
  plannedMs?: number;
}

export class LoadError extends Error {}

export function loadLabel(l: Load): string {
  return l.kind === 'concurrency' ? `c=${l.concurrency}` : `${trimNumber(l.ratePerS)}/s${l.arrival === 'constant' ? ' fixed' : ''}`;
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/** Checks a plan against the bounds; throws LoadError with the bound named. */
export function checkPlan(plan: RunPlan): void {
  const L = LIMITS;
  if (plan.prompts.length === 0) throw new LoadError('no prompts to send');
  if (plan.levels.length === 0) throw new LoadError('no load level given');
  if (plan.levels.length > L.maxLevels) throw new LoadError(`${plan.levels.length} load levels; at most ${L.maxLevels} in one run`);
  for (const l of plan.levels) {
    if (l.kind === 'concurrency' && (!Number.isInteger(l.concurrency) || l.concurrency < 1 || l.concurrency > L.maxConcurrency)) {
      throw new LoadError(`concurrency ${l.concurrency} is out of range: 1 to ${L.maxConcurrency}`);
    }
    if (l.kind === 'rate' && (!Number.isFinite(l.ratePerS) || l.ratePerS <= 0 || l.ratePerS > L.maxRatePerS)) {
      throw new LoadError(`rate ${l.ratePerS} requests/s is out of range: above 0, at most ${L.maxRatePerS}`);
    }
  }
  if ((plan.durationMs === undefined) === (plan.requests === undefined)) throw new LoadError('give a duration or a number of requests (one of them)');
  if (plan.durationMs !== undefined && (!Number.isFinite(plan.durationMs) || plan.durationMs <= 0 || plan.durationMs > L.maxDurationMs)) {
    throw new LoadError(`duration ${plan.durationMs} ms is out of range: above 0, at most ${L.maxDurationMs / 60_000} minutes per level`);
  }
  if (plan.requests !== undefined && (!Number.isInteger(plan.requests) || plan.requests < 1 || plan.requests > L.maxRequests)) {
    throw new LoadError(`${plan.requests} requests is out of range: 1 to ${L.maxRequests} per level`);
  }
  if (plan.warmup !== undefined && (!Number.isInteger(plan.warmup) || plan.warmup < 0 || plan.warmup > L.maxWarmup)) {
    throw new LoadError(`warm-up of ${plan.warmup} requests is out of range: 0 to ${L.maxWarmup}`);
  }
  if (!Number.isInteger(plan.maxTokens) || plan.maxTokens < 1 || plan.maxTokens > L.maxTokens) throw new LoadError(`max tokens ${plan.maxTokens} is out of range: 1 to ${L.maxTokens}`);
  if (!Number.isFinite(plan.deadlineMs) || plan.deadlineMs <= 0 || plan.deadlineMs > L.maxDeadlineMs)
    throw new LoadError(`deadline ${plan.deadlineMs} ms is out of range: above 0, at most ${L.maxDeadlineMs} ms`);
}

export function defaultWarmup(load: Load): number {
  return load.kind === 'concurrency' ? load.concurrency : Math.min(LIMITS.maxWarmup, Math.max(1, Math.round(load.ratePerS)));
}

function errorKind(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z][a-z0-9-]{0,40}$/.test(code) ? code : 'other';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Runs every level of the plan in turn. Aborting `signal` ends the run after cancelling what is in flight. */
export async function runLoad(target: LoadTarget, plan: RunPlan, opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {}): Promise<LevelResult[]> {
  checkPlan(plan);
  const results: LevelResult[] = [];
  for (let i = 0; i < plan.levels.length; i++) {
    if (opts.signal?.aborted) break;
    results.push(await runLevel(target, plan, i, opts));
  }
  return results;
}

async function runLevel(target: LoadTarget, plan: RunPlan, index: number, opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void }): Promise<LevelResult> {
  const load = plan.levels[index];
  const warmup = plan.warmup ?? defaultWarmup(load);
  const seed = (plan.seed ?? 1) + index * 7919;
  const random = seededRandom(seed);
  const prompts = plan.prompts;
  let nextPrompt = Math.floor(random() * prompts.length);
  const level = new AbortController();
  const live = new Set<AbortController>();
  level.signal.addEventListener('abort', () => {
    for (const c of live) c.abort();
  });
  const onOuterAbort = () => level.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const measured: Sample[] = [];
  const levelStart = performance.now();
  let done = 0;
  let windowStart: number | undefined;
  let stoppedBy: LevelResult['stoppedBy'] = plan.durationMs !== undefined ? 'duration' : 'requests';
  let lastProgress = 0;
  const progress = (force = false) => {
    if (!opts.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < 100) return;
    lastProgress = now;
    opts.onProgress({
      level: index,
      levels: plan.levels.length,
      load,
      done,
      total: plan.requests !== undefined ? plan.requests + warmup : undefined,
      elapsedMs: now - levelStart,
      plannedMs: plan.durationMs,
    });
  };

  const request = (): GenerateRequest => {
    const prompt = prompts[nextPrompt];
    nextPrompt = (nextPrompt + 1) % prompts.length;
    return { prompt, maxTokens: plan.maxTokens, temperature: plan.temperature ?? 0 };
  };

  /** Sends one request due at `startMs` and records it. */
  const send = async (startMs: number, warm: boolean): Promise<void> => {
    const sentMs = performance.now();
    // One controller per request: the level's end cancels them all; the timer bounds a
    // generation whose client does not keep its own deadline.
    const ac = new AbortController();
    live.add(ac);
    const timer = setTimeout(() => ac.abort(), plan.deadlineMs + 2_000);
    let kind: string | undefined;
    let m: Awaited<LoadGeneration['metrics']> | undefined;
    try {
      const g = target.generate(request(), { signal: ac.signal, deadlineMs: plan.deadlineMs });
      try {
        for await (const chunk of g) void chunk; // text is neither kept nor logged
      } catch (e) {
        kind = errorKind(e);
      }
      m = await g.metrics;
    } catch (e) {
      kind = errorKind(e);
    } finally {
      clearTimeout(timer);
      live.delete(ac);
    }
    const endMs = performance.now();
    done++;
    progress();
    if (warm) return;
    const lead = sentMs - startMs;
    measured.push({
      startMs,
      sentMs,
      endMs,
      ok: kind === undefined,
      errorKind: kind,
      ttftMs: m?.timeToFirstTokenMs !== undefined ? lead + m.timeToFirstTokenMs : undefined,
      itlMs: m?.interTokenLatencyMs,
      outputTokens: kind === undefined ? (m?.outputTokens ?? 0) : 0,
    });
  };

  /** Whether request number `i` (0-based, warm-up included) may still start at `now`. */
  const mayStart = (i: number, now: number): boolean => {
    if (level.signal.aborted) {
      stoppedBy = 'aborted';
      return false;
    }
    if (i < warmup) return true;
    windowStart ??= now;
    const n = i - warmup;
    if (n >= LIMITS.maxRequests) {
      stoppedBy = 'bound';
      return false;
    }
    if (plan.requests !== undefined) return n < plan.requests;
    return now < windowStart + plan.durationMs!;
  };

  let offeredPerS: number | undefined;
  try {
    if (load.kind === 'concurrency') {
      let issued = 0;
      const worker = async () => {
        for (;;) {
          const i = issued;
          const now = performance.now();
          if (!mayStart(i, now)) return;
          issued++;
          await send(now, i < warmup);
        }
      };
      await Promise.all(Array.from({ length: load.concurrency }, worker));
    } else {
      const gap = arrivalGaps(load.ratePerS, load.arrival, random);
      const inFlight = new Set<Promise<void>>();
      let due = performance.now();
      let arrivals = 0;
      for (let i = 0; ; i++) {
        if (!mayStart(i, due)) break;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait, level.signal);
        if (level.signal.aborted) {
          stoppedBy = 'aborted';
          break;
        }
        const warm = i < warmup;
        if (!warm) arrivals++;
        if (inFlight.size >= LIMITS.maxInFlight) {
          // Refused by this tool, not the server: counted, so an overloaded run cannot look healthy.
          done++;
          if (!warm) measured.push({ startMs: due, sentMs: performance.now(), endMs: performance.now(), ok: false, errorKind: 'client-limit', outputTokens: 0 });
        } else {
          const p = send(due, warm);
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }
        due += gap();
      }
      if (windowStart !== undefined && arrivals > 0) offeredPerS = (arrivals * 1000) / Math.max(1, plan.durationMs ?? due - windowStart);
      await Promise.all(inFlight);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    level.abort();
  }
  progress(true);
  return { load, warmup, stats: levelStats(measured), stoppedBy, ...(offeredPerS !== undefined ? { offeredPerS } : {}) };
}
