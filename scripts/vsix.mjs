// `npm run package` and the end-to-end setup: build dist/ with esbuild and pack patent-draft.vsix
// with vsce (a dev dependency). Packaging needs nothing of the test tooling; the tests import this.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const vsixPath = join(root, 'patent-draft.vsix');
/** Staging folder and hash of the last package (gitignored). */
const workDir = join(root, '.vsix-work');

function log(msg) {
  console.log(`[package] ${msg}`);
}

/** Runs a command with inherited output; throws naming the command and its exit status. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, signal ${r.signal}` : ''})`);
  return r;
}

/** `fn()`, with one line saying how long it took, through `say` (this script's log by default). */
export function timed(label, fn, say = log) {
  const t0 = Date.now();
  const out = fn();
  say(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

/** What goes into the VSIX (also listed in .vscodeignore, for running vsce by hand). */
export const VSIX_FILES = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'LICENSE.md',
  'LICENSE.txt',
  'dist/extension.js',
  'dist/extensionMain.js',
  'dist/filing.js',
  'dist/drafting.js',
  'dist/server.js',
  'dist/cli.js',
  'proto',
  'syntaxes',
  'media',
  '.vscodeignore',
];

function listFiles(p, out = []) {
  if (!existsSync(p)) return out;
  if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) listFiles(join(p, n), out);
  else out.push(p);
  return out;
}

/** The vsce CLI, a pinned dev dependency of the project. */
export function vsceCommand() {
  const local = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(local)) throw new Error('vsce is not installed: run npm ci (it is a dev dependency, @vscode/vsce)');
  return { cmd: process.execPath, args: [local] };
}

/**
 * Builds dist/ with esbuild and packs patent-draft.vsix (no dependencies: everything is bundled).
 * vsce runs in a staging folder holding only the files to ship: run in the repository it would walk
 * every node_modules (test/e2e's alone is over a gigabyte) before applying .vscodeignore. The
 * package is rebuilt only when the staged files' hash changes, unless `force`.
 */
export function buildAndPackage({ force = false } = {}) {
  timed('build (esbuild)', () => run(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root }));
  if (!existsSync(join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js was not built (is src/extension/extension.ts there?)');
  const stage = join(workDir, 'vsix-stage');
  rmSync(stage, { recursive: true, force: true });
  const h = createHash('sha256');
  for (const rel of VSIX_FILES) {
    for (const file of listFiles(join(root, rel))) {
      const to = join(stage, relative(root, file));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(file, to);
      h.update(relative(root, file)).update('\0').update(readFileSync(file));
    }
  }
  const hash = h.digest('hex');
  const hashFile = join(workDir, 'vsix.sha256');
  if (!force && existsSync(vsixPath) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash) {
    log(`up to date: ${vsixPath}`);
    return vsixPath;
  }
  const { cmd, args } = vsceCommand();
  timed('vsce package', () =>
    run(cmd, [...args, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-update-package-json', '--out', vsixPath], {
      cwd: stage,
      env: { ...process.env, VSCE_TELEMETRY: 'false' },
    }),
  );
  writeFileSync(hashFile, hash + '\n');
  return vsixPath;
}
