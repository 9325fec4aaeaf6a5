#!/usr/bin/env node
// `npm run package`: builds the extension and packs patent-draft.vsix for VS Code, VSCodium or Cursor
// (`code --install-extension patent-draft.vsix`). Everything is bundled by esbuild, so the package
// carries no node_modules; .vscodeignore keeps sources, tests and source maps out.
import { statSync } from 'node:fs';
import { buildAndPackage } from './vsix.mjs';

try {
  const vsix = buildAndPackage({ force: true });
  console.log(`${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB)`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
