// The progress bar `triton bench` draws on stderr: one line rewritten in place, at most every
// 100 ms (the runner throttles), counts and times only.
import { loadLabel, type Progress } from './runner';

const WIDTH = 24;

export function progressLine(p: Progress): string {
  let frac: number;
  let what: string;
  if (p.total !== undefined) {
    frac = p.total > 0 ? p.done / p.total : 1;
    what = `${p.done}/${p.total} requests`;
  } else {
    frac = p.plannedMs ? p.elapsedMs / p.plannedMs : 0;
    what = `${p.done} requests`;
  }
  frac = Math.max(0, Math.min(1, frac));
  const filled = Math.round(frac * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] level ${p.level + 1}/${p.levels} ${loadLabel(p.load)}  ${what}  ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

/** A writer of progress lines: `\r` + line, cleared by end(). */
export function progressBar(write: (text: string) => void): { update(p: Progress): void; end(): void } {
  let shown = false;
  return {
    update(p) {
      shown = true;
      write(`\r${progressLine(p)}\x1b[K`);
    },
    end() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
