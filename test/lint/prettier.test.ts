// Prettier over the code (.prettierrc.json), through its Node API: a file that `npm run format`
// would change fails the suite, by name. The same files as ESLint: src/, test/, bench/, scripts/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SKIP = new Set(['node_modules', '.work', 'dist', 'artifacts', 'fixtures']);

function codeFiles(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 12) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) codeFiles(p, out, depth + 1);
    else if (e.isFile() && /\.(?:ts|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

async function unformatted(file: string, text: string): Promise<boolean> {
  const options = await prettier.resolveConfig(file);
  return !(await prettier.check(text, { ...options, filepath: file }));
}

describe('Prettier', function () {
  this.timeout(300000);

  it('finds a file that is not formatted (the check can fail)', async () => {
    const probe = path.join(root, 'src/core/format-probe.ts');
    assert.equal(await unformatted(probe, 'export const a = {b:1,\n    c: "x"}\n'), true);
    assert.equal(await unformatted(probe, "export const a = { b: 1, c: 'x' };\n"), false);
  });

  it('finds every file of src/, test/, bench/ and scripts/ formatted', async () => {
    const files = ['src', 'test', 'bench', 'scripts'].flatMap((d) => codeFiles(path.join(root, d)));
    assert.ok(files.length > 200, `${files.length} files`);
    const bad: string[] = [];
    for (const f of files) if (await unformatted(f, readFileSync(f, 'utf8'))) bad.push(path.relative(root, f));
    assert.deepEqual(bad.slice(0, 50), [], `${bad.length} file(s) not formatted; run \`npm run format\``);
  });
});
