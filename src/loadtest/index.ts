// Public API of the load tool behind `patent-draft triton bench` (no `vscode` import): a load
// generator over the inference client, GenAI-Perf-style statistics, table/JSON/CSV output, an
// SVG latency-throughput chart and a target check.
export { runLoad, checkPlan, defaultWarmup, loadLabel, LIMITS, LoadError } from './runner';
export type { Load, LoadTarget, LoadGeneration, RunPlan, LevelResult, Progress } from './runner';
export { quantile, quantiles, levelStats, seededRandom, arrivalGaps } from './stats';
export type { Sample, Quantiles, LevelStats } from './stats';
export { parseTarget, describeTarget, evaluateTarget, loadPerS, formatTable, toJson, toCsv, CSV_COLUMNS, fmt } from './report';
export type { Target, TargetMetric, TargetVerdict, RunInfo } from './report';
export { latencyChart, niceMax, CHART_SERIES } from './chart';
export { progressBar, progressLine } from './progress';
export { loadPrompts, BENCH_TASKS, MAX_PROMPTS, MAX_MATTERS, MAX_PROMPT_CHARS, PromptError } from './prompts';
export type { BenchTask, PromptSet } from './prompts';
export { parseBenchArgs, runBench, parseDuration, defaultCorpus, BENCH_USAGE } from './bench';
export type { BenchOptions, BenchIo } from './bench';
