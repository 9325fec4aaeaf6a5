#!/usr/bin/env node
// Runs the test suites in order and prints one closing line with the totals of all of them:
//   node test/run-suites.mjs            all suites (unit, protocol, e2e)
//   node test/run-suites.mjs unit e2e   only those
// A suite with no test files is reported and skipped; a suite whose runner crashes counts as a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const suites = {
  unit: { dirs: ['test/core', 'test/node', 'test/agent', 'test/cli', 'test/service', 'test/extension', 'test/drafting', 'test/mcp', 'test/deploy', 'test/fuzz'], suffix: '.test.ts', timeout: 20000 },
  protocol: { dirs: ['test/inference'], suffix: '.test.ts', timeout: 30000 },
  // The language server driven by real clients (Debian's neovim among them); setup installs them.
  lsp: { dirs: ['test/lsp'], suffix: '.test.ts', timeout: 60000, setup: 'test/lsp/setup.mjs' },
  // Filing: DOCX export/import rendered by LibreOffice (Debian's libreoffice-writer-nogui); setup installs it.
  filing: { dirs: ['test/filing'], suffix: '.test.ts', timeout: 120000, setup: 'test/filing/setup.mjs' },
  // ESLint over src/, test/, bench/ and scripts/ (eslint.config.mjs), through its Node API.
  lint: { dirs: ['test/lint'], suffix: '.test.ts', timeout: 300000 },
  e2e: { dirs: ['test/e2e/specs'], suffix: '.e2e.ts', timeout: 180000, setup: 'test/e2e/setup.mjs' },
};

function findFiles(dir, suffix) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const name of readdirSync(abs).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out.push(...findFiles(relative(root, p), suffix));
    else if (name.endsWith(suffix)) out.push(relative(root, p));
  }
  return out;
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(suites);
const totals = { passes: 0, failures: 0, pending: 0 };
const statsDir = mkdtempSync(join(tmpdir(), 'pd-stats-'));
let crashed = false;

for (const name of names) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown suite "${name}"; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  const files = suite.dirs.flatMap((d) => findFiles(d, suite.suffix));
  if (files.length === 0) {
    console.log(`\n=== suite ${name}: no test files, skipped`);
    continue;
  }
  console.log(`\n=== suite ${name}: ${files.length} file(s)`);
  if (suite.setup) {
    const setup = spawnSync(process.execPath, [join(root, suite.setup)], { cwd: root, stdio: 'inherit' });
    if (setup.status !== 0) {
      console.error(`suite ${name}: setup failed (exit ${setup.status}); counting the suite as one failure`);
      totals.failures += 1;
      crashed = true;
      continue;
    }
  }
  const statsFile = join(statsDir, `${name}.json`);
  const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [mocha, '--import=tsx', '--reporter', join(root, 'test/support/totals-reporter.cjs'), '--timeout', String(suite.timeout), ...files];
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PD_STATS_FILE: statsFile } });
  if (existsSync(statsFile)) {
    const s = JSON.parse(readFileSync(statsFile, 'utf8'));
    totals.passes += s.passes;
    totals.failures += s.failures;
    totals.pending += s.pending;
  } else {
    console.error(`suite ${name}: mocha ended (exit ${r.status}, signal ${r.signal}) without reporting; counting one failure`);
    totals.failures += 1;
    crashed = true;
  }
}

console.log(`\n${totals.passes} passed, ${totals.failures} failed, ${totals.pending} skipped`);
process.exit(totals.failures > 0 || crashed ? 1 : 0);
