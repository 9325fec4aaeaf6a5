// The bundles of dist/ and esbuild's options for them, shared by esbuild.mjs (the build) and the test
// that reads what goes into each (test/extension/bundle.test.ts: no analysis in dist/extension.js).
//   extension  what VS Code loads: forks the language server, then loads extensionMain (start.ts: no `vscode`, no library)
//   extensionMain  the extension: the language client, the views, the drafting UI (small: no core)
//   filing     loaded on first use by the extension: Export for Filing (docx), Word import (mammoth), claim listings
//   drafting   loaded on first use by the extension: the drafting commands' work (the core's claim-reference and word rules)
//   server     the language server the extension starts in its own process (src/lsp)
//   cli        patent-draft: the CLI, the MCP server VS Code starts, and `patent-draft lsp --stdio`
export const BUNDLES = [
  { in: 'src/extension/start.ts', out: 'extension', external: ['vscode'] },
  { in: 'src/extension/extension.ts', out: 'extensionMain', external: ['vscode'] },
  { in: 'src/extension/filingHost.ts', out: 'filing', external: ['vscode'] },
  { in: 'src/extension/drafting/commands.ts', out: 'drafting', external: ['vscode'] },
  { in: 'src/lsp/main.ts', out: 'server', external: [] },
  { in: 'src/cli/main.ts', out: 'cli', external: [] },
];

/** esbuild's options for one bundle (CommonJS for Node 20, minified unless watching). */
export function bundleOptions(e, { watch = false } = {}) {
  return {
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
  };
}
