#!/usr/bin/env node
// `npm start`: builds and packs the extension, installs it into a code-server of its own (VS Code
// 1.139 in the browser, from npm, on the registry's Node 24) and opens examples/ in it on
// 127.0.0.1 with the built-in engine: no inference server needed. Prints the URL and keeps running
// until Ctrl+C. Options: --port N (default 8080, or any free port if that one is taken).
// First run on a fresh machine installs code-server and builds its native modules (some minutes).
import { join } from 'node:path';
import { buildAndPackage, DEBIAN_FOR_CODE_SERVER, ensureDebianPackages, ensureE2eModules, installVsix, log, root, startCodeServer, workDir, writeUserSettings } from '../test/e2e/tooling.mjs';

const argPort = process.argv.indexOf('--port');
const wantPort = Number(argPort > 0 ? process.argv[argPort + 1] : (process.env.PD_PORT ?? 8080));
const examples = join(root, 'examples');
const base = join(workDir, 'start');
const dirs = { userDataDir: join(base, 'user-data'), extensionsDir: join(base, 'extensions') };

async function main() {
  ensureDebianPackages(DEBIAN_FOR_CODE_SERVER);
  ensureE2eModules();
  const vsix = buildAndPackage();
  writeUserSettings(dirs.userDataDir);
  installVsix(dirs, vsix);
  log(`installed ${vsix} into ${dirs.extensionsDir}`);

  let server = startCodeServer(dirs, examples, { port: wantPort, logFile: join(base, 'code-server.log') });
  let url;
  try {
    url = await server.url;
  } catch (e) {
    if (!/EADDRINUSE|address already in use/i.test(String(e))) throw e;
    log(`port ${wantPort} is taken; using a free one`);
    server = startCodeServer(dirs, examples, { port: 0, logFile: join(base, 'code-server.log') });
    url = await server.url;
  }
  const open = `${url}?folder=${encodeURI(examples)}`;
  console.log(`\nPatent Draft is running in code-server with examples/ (built-in engine).\nOpen:  ${open}\nLog:   ${join(base, 'code-server.log')}\nStop:  Ctrl+C\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.once('exit', (code) => {
    if (stopping) return;
    console.error(`code-server exited (${code}); see ${join(base, 'code-server.log')}`);
    process.exit(1);
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
