// What VS Code loads at activation (dist/extension.js, then dist/extensionMain.js) holds no analysis: the checks run in the
// language server's own process (dist/server.js), and filing and the drafting commands' work are
// bundles of their own, loaded on first use. Read from esbuild's metafile of the same build options
// as esbuild.mjs (scripts/bundles.mjs), built in memory: nothing in dist/ is read or written.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
// @ts-expect-error: a plain .mjs module of the build, without type declarations
import { BUNDLES, bundleOptions } from '../../scripts/bundles.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Bundle {
  in: string;
  out: string;
  external: string[];
}

/** The source files esbuild put into a bundle (paths relative to the repository). */
async function inputsOf(out: string): Promise<string[]> {
  const e = (BUNDLES as Bundle[]).find((b) => b.out === out);
  assert.ok(e, `scripts/bundles.mjs has a bundle "${out}"`);
  const r = await esbuild.build({ ...bundleOptions(e), absWorkingDir: root, write: false, metafile: true, sourcemap: false, minify: false, logLevel: 'silent' });
  const output = Object.values(r.metafile?.outputs ?? {}).find((o) => o.entryPoint);
  assert.ok(output, 'the entry point has an output');
  return Object.keys(output.inputs);
}

const ANALYSIS = /^src\/core\/(?:checks\/|analyze\.ts$)/;
const HEAVY = /^node_modules\/(?:docx|mammoth|@grpc|protobufjs)\//;

describe('the extension bundle', function () {
  this.timeout(60000);

  it('finds the analysis where it is bundled (the check can fail): the server and the filing bundle', async () => {
    for (const out of ['server', 'filing']) {
      const inputs = await inputsOf(out);
      assert.ok(
        inputs.some((f) => ANALYSIS.test(f)),
        `${out} bundles src/core/checks`,
      );
    }
    assert.ok(
      (await inputsOf('filing')).some((f) => HEAVY.test(f)),
      'the filing bundle carries docx and mammoth',
    );
  });

  it('holds no analysis, no gRPC client and no docx/mammoth: dist/extensionMain.js is the language client and the views', async () => {
    const inputs = await inputsOf('extensionMain');
    assert.deepEqual(
      inputs.filter((f) => ANALYSIS.test(f)),
      [],
      'no check or analyzeMatter in dist/extensionMain.js',
    );
    assert.deepEqual(
      inputs.filter((f) => f.startsWith('src/core/')),
      [],
      'nothing of the core',
    );
    assert.deepEqual(
      inputs.filter((f) => HEAVY.test(f)),
      [],
      'no docx, mammoth or gRPC',
    );
    assert.ok(
      inputs.some((f) => f.startsWith('node_modules/vscode-languageclient/')),
      'the language client is in it',
    );
  });

  it('starts with dist/extension.js, which only forks the server and loads dist/extensionMain.js (no library to compile first)', async () => {
    const inputs = await inputsOf('extension');
    assert.deepEqual(inputs.sort(), ['src/extension/serverProcess.ts', 'src/extension/start.ts']);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    assert.equal(manifest.main, './dist/extension.js');
  });

  it("has no analysis call in the extension's sources (the views ask the server)", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(root, 'src', 'extension'));
    assert.ok(files.length > 10);
    for (const f of files) assert.doesNotMatch(readFileSync(f, 'utf8'), /\banalyzeMatter\b|\bAnalysisCache\b/, f);
  });
});
