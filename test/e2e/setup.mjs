#!/usr/bin/env node
// Prepares the end-to-end suite; run by test/run-suites.mjs before test/e2e/specs. Idempotent and
// quick when everything is there already:
//   1. Debian: chromium and the libraries code-server's native modules build against (root, apt-get
//      only when something is missing);
//   2. test/e2e/node_modules: `npm ci --ignore-scripts`, then code-server's postinstall run with the
//      registry's Node 24 (skipped when the lock file is unchanged and the native modules load);
//   3. the extension: esbuild, then `vsce package` to patent-draft.vsix (skipped when up to date).
import { mkdirSync } from 'node:fs';
import { artifactsDir, buildAndPackage, DEBIAN_FOR_BROWSER, DEBIAN_FOR_CODE_SERVER, ensureDebianPackages, ensureE2eModules, log } from './tooling.mjs';

const t0 = Date.now();
try {
  ensureDebianPackages([...DEBIAN_FOR_BROWSER, ...DEBIAN_FOR_CODE_SERVER]);
  ensureE2eModules();
  const vsix = buildAndPackage();
  mkdirSync(artifactsDir, { recursive: true });
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${vsix}; screenshots go to ${artifactsDir}`);
} catch (e) {
  console.error(`[e2e-setup] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
