// The heavy parts of the extension, loaded on first use so that activation stays fast (bundles of
// their own: scripts/bundles.mjs): filing (export for filing with docx, Word import with mammoth,
// claim listings) in dist/filing.js, the drafting commands' work in dist/drafting.js, each required
// when one of its commands first runs.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { createLog } from './log';

type FilingModule = typeof import('./filingHost');
type DraftingModule = typeof import('./drafting/commands');

let extensionPath: string | undefined;
const loaded = new Map<string, Promise<unknown>>();

/** Where the bundles are (set at activation). */
export function setExtensionPath(p: string): void {
  extensionPath = p;
}

/** A bundle of dist/, loaded once; it logs to the extension's channel. */
function load<T extends { adoptLog(c: ReturnType<typeof createLog>): void }>(name: string): Promise<T> {
  let p = loaded.get(name) as Promise<T> | undefined;
  if (!p) {
    p = (async () => {
      if (!extensionPath) throw new Error('the extension is not activated');
      const started = performance.now();
      // Node's own require of a file only known at run time (esbuild does not inline the bundle here).
      const mod = createRequire(path.join(extensionPath, 'package.json'))(`./dist/${name}.js`) as T;
      mod.adoptLog(createLog());
      createLog().info(`${name} module loaded in ${(performance.now() - started).toFixed(0)} ms`);
      return mod;
    })();
    p.catch(() => loaded.delete(name));
    loaded.set(name, p);
  }
  return p;
}

/** Export for Filing, Import Published Patent, Prepare Claim Listing (dist/filing.js: docx, mammoth, the filing checks). */
export function loadFiling(): Promise<FilingModule> {
  return load<FilingModule>('filing');
}

/** The drafting commands (dist/drafting.js: the core's claim-reference and word rules). */
export function loadDrafting(): Promise<DraftingModule> {
  return load<DraftingModule>('drafting');
}
