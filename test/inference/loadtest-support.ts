// A LevelResult with chosen figures, for the tests of the target line, the output and the chart.
import { DOMParser } from '@xmldom/xmldom';
import { quantiles, type LevelResult, type Load } from '../../src/loadtest/index';

export function levelOf(o: { load: Load; requestsPerS: number; e2eP95: number; failed?: number; ok?: number }): LevelResult {
  const failed = o.failed ?? 0;
  const ok = o.ok ?? 100 - failed;
  const none = quantiles([]);
  const q = (p95: number) => (ok > 0 ? { count: ok, mean: p95 / 2, p50: p95 / 2, p95, p99: p95 * 1.1, max: p95 * 1.2 } : none);
  return {
    load: o.load,
    warmup: 0,
    stoppedBy: 'requests',
    stats: {
      requests: ok + failed,
      ok,
      errors: failed ? { 'model-error': failed } : {},
      durationS: ok / o.requestsPerS,
      requestsPerS: ok > 0 ? o.requestsPerS : 0,
      outputTokensPerS: ok > 0 ? o.requestsPerS * 10 : 0,
      outputTokens: ok * 10,
      ttftMs: q(o.e2eP95 / 4),
      itlMs: q(5),
      e2eMs: q(o.e2eP95),
      sendLagMs: q(1),
    },
  };
}

/** Parses an SVG document strictly: any XML warning or error throws. */
export function parseSvg(text: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, msg: string) => problems.push(`${level}: ${msg}`) }).parseFromString(text, 'image/svg+xml') as unknown as Document;
  if (problems.length) throw new Error(`not well-formed XML: ${problems.join('; ')}`);
  return doc;
}
