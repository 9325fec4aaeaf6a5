// The latency-against-throughput chart (as GenAI-Perf plots its sweeps): one point per load
// level, x the requests/s it achieved, y its end-to-end p50 and p95; the target, when given,
// as a dashed corner. Hand-written SVG: no script, no external reference, text escaped.
import { loadLabel, type LevelResult } from './runner';
import { describeTarget, fmt, type Target } from './report';

const W = 720;
const H = 440;
const M = { left: 70, right: 150, top: 40, bottom: 56 };

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `v`. */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= v) return f * p;
  return 10 * p;
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();
const tick = (v: number) => String(Number(v.toPrecision(4)));

export interface ChartSeries {
  id: string;
  label: string;
  colour: string;
  pick: (r: LevelResult) => number;
}

export const CHART_SERIES: ChartSeries[] = [
  { id: 'e2e-p50', label: 'end-to-end p50', colour: '#1f77b4', pick: (r) => r.stats.e2eMs.p50 },
  { id: 'e2e-p95', label: 'end-to-end p95', colour: '#d62728', pick: (r) => r.stats.e2eMs.p95 },
];

/** The SVG document for the levels (levels without a measured latency are left out). */
export function latencyChart(results: readonly LevelResult[], opts: { title?: string; target?: Target } = {}): string {
  const pts = results.filter((r) => r.stats.ok > 0 && Number.isFinite(r.stats.e2eMs.p95));
  const maxX = niceMax(Math.max(opts.target?.atPerS ?? 0, ...pts.map((r) => r.stats.requestsPerS)) * 1.05);
  const maxY = niceMax(Math.max(opts.target?.maxMs ?? 0, ...pts.map((r) => r.stats.e2eMs.p95)) * 1.05);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (v: number) => M.left + (v / maxX) * pw;
  const y = (v: number) => M.top + ph - (v / maxY) * ph;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<title>${esc(opts.title ?? 'Latency against throughput')}</title>`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="22" font-size="15">${esc(opts.title ?? 'Latency against throughput')}</text>`);
  // Axes, grid and ticks.
  out.push(
    `<g class="axes" stroke="#444" fill="none"><line x1="${M.left}" y1="${M.top + ph}" x2="${M.left + pw}" y2="${M.top + ph}"/><line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + ph}"/></g>`,
  );
  const ticks: string[] = [];
  for (let i = 0; i <= 5; i++) {
    const vx = (maxX * i) / 5;
    const vy = (maxY * i) / 5;
    ticks.push(`<line x1="${n2(x(vx))}" y1="${M.top}" x2="${n2(x(vx))}" y2="${M.top + ph}" stroke="#eee"/>`);
    ticks.push(`<text x="${n2(x(vx))}" y="${M.top + ph + 18}" text-anchor="middle">${tick(vx)}</text>`);
    ticks.push(`<line x1="${M.left}" y1="${n2(y(vy))}" x2="${M.left + pw}" y2="${n2(y(vy))}" stroke="#eee"/>`);
    ticks.push(`<text x="${M.left - 8}" y="${n2(y(vy) + 4)}" text-anchor="end">${tick(vy)}</text>`);
  }
  out.push(`<g class="ticks">${ticks.join('')}</g>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 14}" text-anchor="middle">throughput (requests/s)</text>`);
  out.push(`<text x="18" y="${M.top + ph / 2}" text-anchor="middle" transform="rotate(-90 18 ${M.top + ph / 2})">latency (ms)</text>`);
  if (opts.target) {
    const t = opts.target;
    out.push(
      `<g class="target" stroke="#2ca02c" stroke-dasharray="6 4" fill="none"><line x1="${n2(x(t.atPerS))}" y1="${M.top}" x2="${n2(x(t.atPerS))}" y2="${M.top + ph}"/><line x1="${M.left}" y1="${n2(y(t.maxMs))}" x2="${M.left + pw}" y2="${n2(y(t.maxMs))}"/></g>`,
    );
    out.push(`<text class="target-label" x="${n2(x(t.atPerS) + 4)}" y="${n2(y(t.maxMs) - 6)}" fill="#2ca02c">${esc(describeTarget(t))}</text>`);
  }
  // Series: points in order of throughput, joined by a line.
  const sorted = [...pts].sort((a, b) => a.stats.requestsPerS - b.stats.requestsPerS);
  CHART_SERIES.forEach((s, k) => {
    const coords = sorted.map((r) => `${n2(x(r.stats.requestsPerS))},${n2(y(s.pick(r)))}`);
    out.push(`<g class="series" data-series="${s.id}">`);
    if (coords.length > 1) out.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${coords.join(' ')}"/>`);
    for (const r of sorted) {
      const label = loadLabel(r.load);
      out.push(
        `<circle class="point" cx="${n2(x(r.stats.requestsPerS))}" cy="${n2(y(s.pick(r)))}" r="4" fill="${s.colour}" data-load="${esc(label)}" data-rps="${n2(r.stats.requestsPerS)}" data-ms="${n2(s.pick(r))}"><title>${esc(`${label}: ${fmt(r.stats.requestsPerS)} req/s, ${s.label} ${fmt(s.pick(r))} ms`)}</title></circle>`,
      );
    }
    if (s.id === 'e2e-p95')
      for (const r of sorted) out.push(`<text class="point-label" x="${n2(x(r.stats.requestsPerS) + 6)}" y="${n2(y(s.pick(r)) - 8)}" fill="#555">${esc(loadLabel(r.load))}</text>`);
    out.push('</g>');
    const ly = M.top + 10 + k * 20;
    out.push(`<g class="legend"><rect x="${W - M.right + 16}" y="${ly - 8}" width="12" height="12" fill="${s.colour}"/><text x="${W - M.right + 34}" y="${ly + 2}">${esc(s.label)}</text></g>`);
  });
  if (pts.length === 0) out.push(`<text x="${M.left + pw / 2}" y="${M.top + ph / 2}" text-anchor="middle">no successful request measured</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
