// Export for filing and import from Word on the largest corpus document (US08088760B2, 437 KB of
// Markdown): DOCX export end to end and by phase (the filing checks, the layout, the docx package),
// HTML and Markdown export, and the re-import of the DOCX. Baselines in the same process: marked's
// lexer over the same Markdown (export) and mammoth alone over the same DOCX (import).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Lexer } from 'marked';
import mammoth from 'mammoth';
import { analyzeMatter, clearCaches, createMatter, type Matter } from '../src/core';
import { filingDocxBytes } from '../src/filing/docx';
import { exportMatter } from '../src/filing/export';
import { importDocx } from '../src/filing/importDocx';
import { layoutForFiling } from '../src/filing/model';
import type { BenchSection } from './types';

const FILE = path.resolve(__dirname, '../../shared/corpus/uspto-dev/US08088760B2.md');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function timeRuns(n: number, f: () => unknown): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    clearCaches();
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export default async function bench(): Promise<BenchSection> {
  if (!existsSync(FILE)) return { name: 'filing (skipped: ../shared/corpus absent)', rows: [] };
  const text = readFileSync(FILE, 'utf8');
  const matter: Matter = createMatter(path.dirname(FILE), [{ uri: FILE, text }]);
  const runs = 7;
  for (let i = 0; i < 2; i++) await exportMatter(matter, { format: 'docx' });
  const lexer = await timeRuns(runs, () => new Lexer().lex(text));
  const docx = await timeRuns(runs, () => exportMatter(matter, { format: 'docx' }));
  const html = await timeRuns(runs, () => exportMatter(matter, { format: 'html' }));
  const md = await timeRuns(runs, () => exportMatter(matter, { format: 'md' }));
  // Phases: the same work exportMatter does, one step at a time.
  const probe = await exportMatter(matter, { format: 'docx' });
  const checks = await timeRuns(runs, () => analyzeMatter({ ...matter, settings: probe.analysis.matter.settings }));
  const layout = await timeRuns(runs, () => layoutForFiling(probe.analysis, { jurisdiction: 'us' }));
  const pack = await timeRuns(runs, () => filingDocxBytes(probe.document));
  const mammothOnly = await timeRuns(runs, () => mammoth.convertToHtml({ buffer: probe.bytes }));
  const reimport = await timeRuns(runs, () => importDocx(probe.bytes, 'US08088760B2.docx'));
  return {
    name: 'filing: export and import (US08088760B2, largest corpus document)',
    rows: [
      { metric: 'export DOCX, end to end', value: docx, unit: 'ms', baseline: lexer },
      { metric: '  filing checks (analysis, gate codes only)', value: checks, unit: 'ms', baseline: lexer },
      { metric: '  layout (description blocks, claims, abstract)', value: layout, unit: 'ms', baseline: lexer },
      { metric: '  docx package (docx library)', value: pack, unit: 'ms', baseline: lexer },
      { metric: 'export HTML', value: html, unit: 'ms', baseline: lexer },
      { metric: 'export Markdown', value: md, unit: 'ms', baseline: lexer },
      { metric: 'import the DOCX again (bounded unzip + mammoth + Markdown)', value: reimport, unit: 'ms', baseline: mammothOnly },
      { metric: 'DOCX size', value: probe.bytes.length / 1024, unit: 'KB' },
    ],
    notes: [
      `Baselines, same process: marked's lexer over the ${(text.length / 1024).toFixed(0)} KB of Markdown (export rows: ${lexer.toFixed(1)} ms); mammoth.convertToHtml alone over the exported DOCX (import row: ${mammothOnly.toFixed(1)} ms). Median of ${runs} runs, caches cleared before each. ${probe.document.paragraphs} numbered paragraphs, ${probe.document.claims.length} claims.`,
    ],
  };
}
