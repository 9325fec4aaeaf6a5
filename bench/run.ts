// `npm run bench`: runs every benchmark section and prints one table per section.
// Sections are modules under bench/ that default-export `() => Promise<BenchSection>`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSection } from './types';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  let failed = 0;
  for (const f of files) {
    const mod = (await import(join(__dirname, f))) as { default: () => Promise<BenchSection> };
    const section = await mod.default();
    printSection(section);
    failed += section.rows.filter((r) => r.ok === false).length;
  }
  console.log(`\n${failed === 0 ? 'all targets met' : `${failed} target(s) missed`}`);
}

function fmt(n: number | undefined): string {
  if (n === undefined) return '';
  if (Math.abs(n) >= 1000) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(3);
}

export function printSection(s: BenchSection): void {
  const header = ['metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok'];
  const rows = s.rows.map((r) => [
    r.metric,
    fmt(r.value),
    r.unit,
    fmt(r.baseline),
    r.baseline ? (r.value / r.baseline).toFixed(2) + 'x' : '',
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(`\n## ${s.name}\n`);
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  for (const n of s.notes ?? []) console.log(`\n${n}`);
}

void main();
