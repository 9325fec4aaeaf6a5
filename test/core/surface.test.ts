// The core has one public surface, src/core/index.ts: nothing outside src/core imports one of its
// files directly, so its internals can change without breaking a host.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const core = path.join(root, 'src', 'core');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier of a file: import/export ... from '...', import('...'), require('...'). */
export function specifiers(source: string): string[] {
  const out: string[] = [];
  const re = /\bfrom\s*['"]([^'"\n]{1,300})['"]|\bimport\s*\(\s*['"]([^'"\n]{1,300})['"]|\brequire\s*\(\s*['"]([^'"\n]{1,300})['"]|^\s*import\s*['"]([^'"\n]{1,300})['"]/gm;
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

/** The core file a specifier reaches past the surface, or undefined when it does not. */
export function deepCoreImport(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(file), spec).replace(/\.(js|ts)$/, '');
  const rel = path.relative(core, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel === '' || rel === 'index' ? undefined : rel;
}

describe("the core's public surface", () => {
  it('finds a deep import when there is one (the check can fail)', () => {
    const file = path.join(root, 'src', 'cli', 'commands', 'check.ts');
    const src = "import { analyzeMatter } from '../../core/analyze';\nimport type { X } from '../../core';\nconst m = await import('../../core/index.js');\n";
    assert.deepEqual(
      specifiers(src).map((s) => deepCoreImport(file, s)),
      ['analyze', undefined, undefined],
    );
  });

  it('nothing outside src/core imports past src/core/index.ts', () => {
    const deep: string[] = [];
    for (const layer of readdirSync(path.join(root, 'src')).sort()) {
      const dir = path.join(root, 'src', layer);
      if (layer === 'core') continue;
      const files = statSync(dir).isDirectory() ? tsFiles(dir) : dir.endsWith('.ts') ? [dir] : [];
      for (const f of files) {
        for (const s of specifiers(readFileSync(f, 'utf8'))) {
          const hit = deepCoreImport(f, s);
          if (hit) deep.push(`${path.relative(root, f)} imports core/${hit}`);
        }
      }
    }
    assert.deepEqual(deep, [], 'import from src/core/index.ts (export what is needed there)');
  });

  it('Analysis.context (internal) is not read by drafting, filing, the CLI, the agent tools or the service', () => {
    const readers: string[] = [];
    for (const layer of ['drafting', 'filing', 'cli', 'agent', 'service', 'mcp', 'node']) {
      for (const f of tsFiles(path.join(root, 'src', layer))) {
        const lines = readFileSync(f, 'utf8').split('\n');
        lines.forEach((l, i) => {
          if (/\.context\b/.test(l) && !/^\s*(\/\/|\*)/.test(l)) readers.push(`${path.relative(root, f)}:${i + 1}`);
        });
      }
    }
    assert.deepEqual(readers, [], "read the Analysis's public fields (layoutOf, layouts, disclosure, claimByNumber, claimTokens)");
  });
});
