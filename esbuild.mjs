// Bundles the extension, the language server VS Code starts (dist/server.js), and the CLI (which is
// also the MCP server and `patent-draft lsp`) into dist/ (CommonJS, Node 20).
// Type checking is separate: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const entries = [
  { in: 'src/extension/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'src/lsp/main.ts', out: 'server', external: [] },
  { in: 'src/cli/main.ts', out: 'cli', external: [] },
].filter((e) => existsSync(e.in));

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: { [e.out]: e.in },
      outdir: 'dist',
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: true,
      minify: !watch,
      keepNames: true,
      external: e.external,
      logLevel: 'warning',
    }),
  ),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
