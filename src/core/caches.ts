// Every module-level cache of the core, cleared together (benchmarks measure cold runs with it).
const clearers: (() => void)[] = [];

export function registerCache(clear: () => void): void {
  clearers.push(clear);
}

export function clearCaches(): void {
  for (const c of clearers) c();
}
