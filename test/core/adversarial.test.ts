// No input makes the analysis super-linear: for each adversarial pattern, the time at 8n is
// compared with the time at n in the same process (best of five). Linear growth gives ~8,
// quadratic ~64; the bound (32) leaves room for a loaded machine without letting quadratic
// behaviour through.
import assert from 'node:assert/strict';
import { analyzeMatter, clearCaches, createMatter } from '../../src/core';

function best(f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < 5; i++) {
    clearCaches();
    const t = performance.now();
    f();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

function run(name: string, doc: (n: number) => string, claimsFile = true) {
  const analyse = (text: string) => analyzeMatter(createMatter('/m', [{ uri: claimsFile ? '/m/claims.md' : '/m/app.md', text }]));
  const n = 10000;
  analyse(doc(n / 4));
  const t1 = best(() => analyse(doc(n)));
  const t8 = best(() => analyse(doc(8 * n)));
  const ratio = t8 / Math.max(t1, 1);
  assert.ok(ratio < 32, `${name}: ${t1.toFixed(1)} ms at n, ${t8.toFixed(1)} ms at 8n (ratio ${ratio.toFixed(1)})`);
}

describe('adversarial inputs finish in linear time', function () {
  this.timeout(120000);
  const rep = (s: string, n: number) => s.repeat(Math.max(1, Math.floor(n / s.length)));
  it('a dependency window full of claim numbers', () => run('claims list', (n) => `1. A widget.\n2. The widget of claims ${rep('1, ', n)}1 or 1, wherein the rod is long.\n`));
  it('a claim of one long run of determiners and nouns', () => run('the the', (n) => `1. A widget comprising ${rep('the said a an the ', n)}rod.\n`));
  it('unbalanced parentheses', () => run('parens', (n) => `1. A widget ${rep('((( a (b ', n)}.\n`));
  it('a 1 MB-style single line without spaces', () => run('no spaces', (n) => `1. A widget ${rep('x-', n)}.\n`));
  it('spaces and newlines only', () => run('blank', (n) => `1. A widget.\n${rep(' \n\t ', n)}`));
  it('an unclosed HTML comment and fence', () => run('unclosed', (n) => `1. A widget.\n<!-- ${rep('2. B\n', n)}\n\`\`\`\n${rep('3. C\n', n)}`));
  it('thousands of headings and numbered lines in a single-file document', () =>
    run('headings', (n) => `# T\n\n## Description\n\n${rep('### h\n1. x 12 and 14, housing 12a\n', n)}\n## Claims\n\n1. A widget.\n`, false));
  it('reference numerals and "and" lists', () => run('numerals', (n) => `# T\n\n## Description\n\n${rep('housings 12a, 12b, 12c and 12d and ', n)}.\n\n## Claims\n\n1. A housing.\n`, false));
  it('a long chain of dependent claims', () =>
    run('chain', (n) => {
      const k = Math.floor(n / 60);
      const lines = ['1. A widget comprising a rod.'];
      for (let i = 2; i <= k; i++) lines.push(`${i}. The widget of claim ${i - 1}, wherein the rod is bent.`);
      return lines.join('\n') + '\n';
    }));
});
