// Bundles dist/ (scripts/bundles.mjs lists them: the extension and the two parts it loads on first
// use, the language server VS Code starts, and the CLI, which is also the MCP server and
// `patent-draft lsp`), CommonJS for Node 20. Type checking is separate: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { BUNDLES, bundleOptions } from './scripts/bundles.mjs';

const watch = process.argv.includes('--watch');
const entries = BUNDLES.filter((e) => existsSync(e.in));

const contexts = await Promise.all(entries.map((e) => esbuild.context(bundleOptions(e, { watch }))));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
