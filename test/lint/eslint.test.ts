// ESLint over the code (eslint.config.mjs: typescript-eslint's recommended rules), through ESLint's
// Node API: an error anywhere fails the suite, naming the file, line and rule.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

function problems(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath.slice(root.length)}:${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`));
}

describe('ESLint', function () {
  this.timeout(300000);

  it('reports an error the configuration forbids (the check can fail)', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintText('export function f(x: any): number {\n  let y = Number(x);\n  return y;\n}\n', { filePath: `${root}src/core/lint-probe.ts` });
    const rules = problems(results).map((p) => p.split(' ')[1]);
    assert.deepEqual(rules.sort(), ['@typescript-eslint/no-explicit-any:', 'prefer-const:']);
  });

  it('finds no errors in src/, test/, bench/ and scripts/', async () => {
    const eslint = new ESLint({ cwd: root });
    const found = problems(await eslint.lintFiles(['src', 'test', 'bench', 'scripts']));
    assert.deepEqual(found.slice(0, 50), [], `${found.length} ESLint error(s); run \`npm run lint\``);
  });
});
