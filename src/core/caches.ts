// The core's caches. Vocabulary caches (a word's singular, US spelling, stem, index keys, compiled
// globs) hold facts about English and patterns, not about a document: they are module-level and
// `clearCaches('documents')` keeps them, as a long-running editor or server does.
//
// Memo tables about documents (layouts, disclosure parts, claim shapes, antecedent results,
// introductions, support, variant classes, Markdown chunks) belong to a memo scope: each
// AnalysisCache owns one (src/core/analyze.ts), so two open matters never evict each other's
// entries; an analysis without a cache, and a call outside any analysis, use the shared scope.
// A table is declared once at module level with `memoTable(make)` and reached through the
// accessor it returns, which gives the current scope's table (made on first use).
const clearers: { clear: () => void; vocabulary: boolean }[] = [];

export function registerCache(clear: () => void, vocabulary = false): void {
  clearers.push({ clear, vocabulary });
}

let tableCount = 0;

/** The memo tables of one matter (or of the shared scope), by the index `memoTable` gave each. */
export class MemoScope {
  readonly tables: unknown[] = [];
  constructor() {
    track(this);
  }
  clear(): void {
    this.tables.length = 0;
  }
}

// Every live scope, weakly (for clearCaches); dead ones are dropped as new ones come.
const scopes: WeakRef<MemoScope>[] = [];
function track(s: MemoScope): void {
  if (scopes.length >= 64) {
    let kept = 0;
    for (const r of scopes) if (r.deref()) scopes[kept++] = r;
    scopes.length = kept;
  }
  scopes.push(new WeakRef(s));
}

export const SHARED_SCOPE = new MemoScope();
let current: MemoScope = SHARED_SCOPE;

/** Declares a memo table: the accessor returns the current scope's instance (made by `make`). */
export function memoTable<T>(make: () => T): () => T {
  const id = tableCount++;
  return () => {
    const t = current.tables;
    let v = t[id] as T | undefined;
    if (v === undefined) v = t[id] = make();
    return v;
  };
}

/** Runs `fn` (synchronous) with `scope`'s memo tables. */
export function inScope<T>(scope: MemoScope, fn: () => T): T {
  const prev = current;
  current = scope;
  try {
    return fn();
  } finally {
    current = prev;
  }
}

export function clearCaches(what: 'all' | 'documents' = 'all'): void {
  for (const c of clearers) if (what === 'all' || !c.vocabulary) c.clear();
  for (const r of scopes) r.deref()?.clear();
}
