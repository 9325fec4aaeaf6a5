// Drafting benchmark (npm run bench drafting): the built-in engine's time to its first segment
// and to completion for each task on US08927118 (the corpus's largest document), and the Triton
// backend's overhead from trigger to first segment over the test server's configured time to
// first token (prompt building, context selection, the client, output cleaning).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { analyzeMatter, type Analysis } from '../src/core';
import { loadMatters } from '../src/node/workspace';
import { BuiltinBackend, disclosureSentences, TritonBackend, type DraftingBackend, type DraftTask } from '../src/drafting';
import { percentiles, TritonClient } from '../src/inference';
import { FakeTriton } from '../test/inference/server/triton-server';
import { ensembleModel } from '../test/inference/server/models';
import type { BenchRow, BenchSection } from './types';

const DOC = path.resolve(__dirname, '../../shared/corpus/uspto/US08927118.md');

async function time(backend: DraftingBackend, task: DraftTask, a: Analysis): Promise<{ first: number; total: number }> {
  const t0 = performance.now();
  let first = -1;
  for await (const c of backend.generate(task, { analysis: a, settings: { maxTokens: 64 } })) {
    if (first < 0 && c.text) first = performance.now() - t0;
  }
  return { first, total: performance.now() - t0 };
}

export default async function draftingBench(): Promise<BenchSection> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  if (!existsSync(DOC)) return { name: 'drafting', rows, notes: [`corpus document not found at ${DOC}: skipped`] };
  const [matter] = await loadMatters([DOC]);
  let t = performance.now();
  const a = analyzeMatter(matter);
  notes.push(`US08927118: ${a.claims.length} claims, ${matter.documents[0].text.length} characters; analysis ${(performance.now() - t).toFixed(0)} ms (not counted below)`);
  const passage = disclosureSentences(a).find((s) => /\b(?:comprises|includes|has)\s+an?\b/.test(s.text))?.text ?? 'The device has a light emitting layer.';
  const tasks: [string, DraftTask][] = [
    ['abstract', { kind: 'abstract' }],
    ['dependent (claim 5)', { kind: 'dependent', claim: 5 }],
    ['continue (claim 1)', { kind: 'continue', claim: 1, text: 'A material for an organic electroluminescence device' }],
    ['claim from a passage', { kind: 'claim', passage }],
  ];
  const builtin = new BuiltinBackend();
  for (const [label, task] of tasks) {
    const firsts: number[] = [];
    const totals: number[] = [];
    await time(builtin, task, a).catch(() => undefined); // warm-up
    for (let i = 0; i < 5; i++) {
      try {
        const r = await time(builtin, task, a);
        firsts.push(r.first);
        totals.push(r.total);
      } catch (e) {
        notes.push(`${label}: ${(e as Error).message}`);
        break;
      }
    }
    if (!totals.length) continue;
    rows.push({ metric: `builtin ${label}: first segment (p50 of 5)`, value: percentiles(firsts).p50, unit: 'ms' });
    rows.push({ metric: `builtin ${label}: complete (p50 of 5)`, value: percentiles(totals).p50, unit: 'ms' });
  }
  notes.push(
    'the built-in engine computes a task whole, then streams its segments: first segment ≈ completion. dependent and claim-from-passage re-analyse the matter once with the generated claims appended (the core check of each suggestion): that is most of their time',
  );

  // Triton: trigger → first segment, against the test server with a configured TTFT.
  const TTFT = 100;
  const server = await FakeTriton.start({ models: [ensembleModel()], settings: { firstTokenDelayMs: TTFT, tokenDelayMs: 1 } });
  server.record = false;
  const client = new TritonClient({ endpoints: [server.address], model: 'ensemble' });
  try {
    const triton = new TritonBackend(client);
    const task: DraftTask = { kind: 'continue', claim: 1, text: 'A material for an organic electroluminescence device' };
    for (let i = 0; i < 3; i++) await time(triton, task, a);
    const firsts: number[] = [];
    for (let i = 0; i < 20; i++) firsts.push((await time(triton, task, a)).first);
    const p = percentiles(firsts);
    rows.push({ metric: 'triton: trigger → first segment (p50 of 20)', value: p.p50, unit: 'ms', baseline: TTFT });
    rows.push({ metric: 'triton: overhead over the server TTFT (p50)', value: p.p50 - TTFT, unit: 'ms' });
    t = performance.now();
    for (let i = 0; i < 20; i++) await import('../src/drafting').then((m) => m.buildPrompt(task, { analysis: a }));
    rows.push({ metric: 'triton: buildPrompt on US08927118 (mean of 20)', value: (performance.now() - t) / 20, unit: 'ms' });
    notes.push(
      `test server: first token after ${TTFT} ms, then 1 ms a token; the first segment waits for the first whole word after the model's "Claim 1." header (held back, then dropped), so ~5 tokens`,
    );
  } finally {
    client.close();
    await server.close();
  }
  return { name: 'drafting', rows, notes };
}
