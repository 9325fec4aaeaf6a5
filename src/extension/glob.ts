// The editor's file pattern matching is the core's one matcher (picomatch, bounded against hostile
// patterns): `**`, `*`, `?`, `{a,b}`, `[abc]`, case-insensitive. VS Code has no public glob matcher for paths
// that are not open documents.
import { matchGlob as coreMatchGlob } from '../core/index';

export { globProblem } from '../core/index';

/** Whether `relativePath` (forward slashes, no leading slash) matches `glob` as a whole. */
export function matchGlob(glob: string, relativePath: string): boolean {
  return coreMatchGlob(glob, relativePath);
}
