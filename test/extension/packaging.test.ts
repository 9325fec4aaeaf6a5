// Packaging stands on its own: the scripts that build and pack the extension import nothing from the
// test tooling (the tests may import the scripts, never the reverse), and vsce is the project's own
// pinned dev dependency.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('packaging', () => {
  it('imports no test tooling from the packaging scripts', () => {
    for (const f of ['scripts/package.mjs', 'scripts/vsix.mjs']) {
      const src = readFileSync(join(root, f), 'utf8');
      const imports = [...src.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]!);
      assert.ok(imports.length > 0, f);
      for (const i of imports) assert.doesNotMatch(i, /(^|\/)test\//, `${f} imports ${i}`);
    }
  });

  it("packs with the vsce of the project's own dev dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.match(pkg.devDependencies['@vscode/vsce'] ?? '', /^\d+\.\d+\.\d+$/);
    assert.match(readFileSync(join(root, 'scripts/vsix.mjs'), 'utf8'), /node_modules', '@vscode', 'vsce'/);
  });
});
