// Every module-level cache of the core, cleared together (benchmarks measure cold runs with it).
// Vocabulary caches (a word's singular, US spelling, stem) hold facts about English, not about a
// document; `clearCaches('documents')` keeps them, as a long-running editor or server does.
const clearers: { clear: () => void; vocabulary: boolean }[] = [];

export function registerCache(clear: () => void, vocabulary = false): void {
  clearers.push({ clear, vocabulary });
}

export function clearCaches(what: 'all' | 'documents' = 'all'): void {
  for (const c of clearers) if (what === 'all' || !c.vocabulary) c.clear();
}
