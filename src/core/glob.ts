// The one glob matcher of Patent Draft (matter discovery in the core, the CLI, the MCP server and the
// editor): picomatch, with `{a,b}` expanded here first (bounded) and hostile patterns refused. A pattern
// comes from a repository's `.patentdraft/settings.json` or the `patentDraft.files.*` settings, so it is
// bounded before it is compiled: its length, its `**`, its wildcards per path segment, its alternatives.
// Syntax: `**` (any folders, none included), `*` and `?` (within one segment), `[abc]`, `[!a-z]`,
// `{a,b}`; case-insensitive; dot files match; no negation, no extglobs, no `{1..9}` ranges.
import picomatch from 'picomatch';

export const GLOB_LIMITS = {
  /** Characters in one pattern. */
  length: 256,
  /** `**` in one pattern. */
  globstars: 8,
  /** Runs of `*` in one path segment of a pattern (each can try every split of a segment). */
  starsPerSegment: 2,
  /** Patterns a pattern's `{a,b}` expand to. */
  alternatives: 64,
  /** Characters of a path matched, and of one of its segments (longer ones match nothing). */
  pathLength: 4096,
  segmentLength: 255,
} as const;

/** Why `glob` is refused (a sentence naming the bound), or undefined when it can be used. */
export function globProblem(glob: string): string | undefined {
  if (typeof glob !== 'string') return 'a file pattern must be a string';
  if (glob.length > GLOB_LIMITS.length) return `the file pattern is ${glob.length} characters long; at most ${GLOB_LIMITS.length} are read`;
  // "**/**/x" is "**/x": runs of whole-segment globstars count once.
  const globstars = glob.replace(/(?:^|\/)\*\*(?:\/\*\*)+(?=\/|$)/g, '/**').match(/\*\*+/g)?.length ?? 0;
  if (globstars > GLOB_LIMITS.globstars) return `the file pattern has ${globstars} "**"; at most ${GLOB_LIMITS.globstars} are read`;
  const alternatives = expandBraces(glob);
  if (!alternatives) return `the file pattern's {a,b} expand to more than ${GLOB_LIMITS.alternatives} patterns`;
  for (const alt of alternatives) {
    for (const segment of alt.split('/')) {
      const stars = segment === '**' ? 0 : (segment.match(/\*+/g)?.length ?? 0);
      if (stars > GLOB_LIMITS.starsPerSegment) return `the file pattern has ${stars} "*" in one folder or file name ("${segment.slice(0, 40)}"); at most ${GLOB_LIMITS.starsPerSegment} are read`;
    }
  }
  return undefined;
}

/** `{a,b}` expanded, nested ones included, at most GLOB_LIMITS.alternatives patterns (undefined past that).
 *  An unclosed `{`, and `{}` or `{a}` without a comma, stay as written. Iterative: no recursion. */
export function expandBraces(glob: string): string[] | undefined {
  const done: string[] = [];
  const todo = [glob];
  while (todo.length) {
    const g = todo.pop()!;
    const b = innermostBrace(g);
    if (!b) {
      done.push(g);
      if (done.length > GLOB_LIMITS.alternatives) return undefined;
      continue;
    }
    const parts = g.slice(b.open + 1, b.close).split(',');
    for (let i = parts.length - 1; i >= 0; i--) todo.push(g.slice(0, b.open) + parts[i] + g.slice(b.close + 1));
    if (todo.length + done.length > GLOB_LIMITS.alternatives) return undefined;
  }
  return done;
}

/** The first `{...}` with a comma and no brace inside it (so expanding it leaves nesting to the next round). */
function innermostBrace(g: string): { open: number; close: number } | undefined {
  let open = -1;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '\\') i++;
    else if (c === '{') open = i;
    else if (c === '}' && open >= 0) {
      if (g.slice(open + 1, i).includes(',')) return { open, close: i };
      open = -1;
    }
  }
  return undefined;
}

type Matcher = (path: string) => boolean;
const compiled = new Map<string, Matcher | null>();

/** One pattern, cut at '/': `**` segments matched here over whole path segments (a table over pattern and path
 *  segments, each pair tried once: no backtracking across folders), every other segment by picomatch, within
 *  one segment only. */
function segmentMatcher(glob: string): Matcher {
  const segs: (null | ((s: string) => boolean))[] = [];
  for (const seg of glob.split('/')) {
    if (/^\*\*+$/.test(seg)) {
      if (segs[segs.length - 1] !== null) segs.push(null);
    } else segs.push(picomatch(seg, { nocase: true, dot: true, nobrace: true, noextglob: true, nonegate: true, windows: false }));
  }
  return (path: string) => {
    const parts = path.split('/');
    const m = segs.length;
    const n = parts.length;
    // ok[j]: the pattern's segments from i on match the path's segments from j on (rows filled from the end).
    let next = new Uint8Array(n + 1);
    next[n] = 1;
    for (let i = m - 1; i >= 0; i--) {
      const row = new Uint8Array(n + 1);
      const seg = segs[i];
      for (let j = n; j >= 0; j--) {
        if (seg === null) row[j] = next[j] || (j < n && row[j + 1]) ? 1 : 0;
        else row[j] = j < n && next[j + 1] && seg(parts[j]) ? 1 : 0;
      }
      next = row;
    }
    return next[0] === 1;
  };
}

function compile(glob: string, anywhere: boolean): Matcher | null {
  const key = `${anywhere ? 1 : 0}${glob}`;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  let m: Matcher | null = null;
  if (glob && !globProblem(glob)) {
    try {
      const matchers = expandBraces(glob)!.map((g) => segmentMatcher(anywhere && !g.startsWith('**/') ? `**/${g.replace(/^\/+/, '')}` : g));
      m = (p) => matchers.some((f) => f(p));
    } catch {
      m = null;
    }
  }
  if (compiled.size >= 512) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, m);
  return m;
}

/** Whether `path` (forward or back slashes) matches `glob` as a whole: `**\/claims.md` matches `claims.md` and
 *  `a/b/claims.md`, `*.md` only a file at the top. With `anywhere`, the pattern may also match the path's
 *  trailing segments (`claims.md` matches `a/b/claims.md`), as a file name pattern does. A refused pattern
 *  (see `globProblem`), an empty one, or a path longer than the limits matches nothing. */
export function matchGlob(glob: string, path: string, options: { anywhere?: boolean } = {}): boolean {
  if (!glob || typeof path !== 'string' || path.length > GLOB_LIMITS.pathLength) return false;
  const p = path.replace(/\\/g, '/').replace(/^\/+/, '');
  if (hasLongSegment(p)) return false;
  const m = compile(glob, !!options.anywhere);
  return !!m && m(p);
}

function hasLongSegment(p: string): boolean {
  let start = 0;
  for (;;) {
    const slash = p.indexOf('/', start);
    const end = slash === -1 ? p.length : slash;
    if (end - start > GLOB_LIMITS.segmentLength) return true;
    if (slash === -1) return false;
    start = slash + 1;
  }
}

/** Whether a document's URI or path matches any of `globs`, each as a file name pattern (`anywhere`). */
export function matchesAnyGlob(uriOrPath: string, globs: readonly string[]): boolean {
  let p = uriOrPath.replace(/[?#].*$/, '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    // Not percent-encoded as a URI: read as written.
  }
  return globs.some((g) => matchGlob(g, p, { anywhere: true }));
}
