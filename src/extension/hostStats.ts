// How the extension host fares while the drafter works (issue 11: "the extension host never blocked
// by analysis", "keystroke to updated diagnostics"): the event loop's delay as perf_hooks measures it
// (the longest task is the largest delay), and the time from a document change to the server's next
// publish of that document's diagnostics (handed to VS Code by vscode-languageclient), since the last
// reset. The hidden command patentDraft._hostStats returns them and logs them (numbers only) as one
// line, which the e2e reads (it binds the command to a key); nothing here changes what the user sees.
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { log } from './log';

export const HOST_STATS_COMMAND = 'patentDraft._hostStats';

export interface HostStats {
  /** Since the last reset, in ms. */
  windowMs: number;
  /** The longest interval between two ticks of the monitor's timer, its 99th percentile and mean, in ms
   *  (each at least the RESOLUTION_MS the timer runs at). */
  maxMs: number;
  /** The longest task on the host: the longest interval less the timer's own period. */
  longestTaskMs: number;
  p99Ms: number;
  meanMs: number;
  samples: number;
  /** The longest garbage collection pause on the host in the window (part of any long task), ms. */
  longestGcMs: number;
  /** Document change → that document's diagnostics updated, in ms, oldest first (at most MAX_LATENCIES). */
  diagnosticsMs: number[];
}

/** The monitor's timer period, ms. */
const RESOLUTION_MS = 10;
/** Latencies kept between resets. */
const MAX_LATENCIES = 200;

export function registerHostStats(client: PatentClient): vscode.Disposable {
  // Nothing runs until the command is first called (a developer's keybinding, the e2e): an ordinary
  // host carries no 10 ms timer, no GC observer and no change listener for a measurement nobody asked for.
  let monitor: vscode.Disposable | undefined;
  let h: IntervalHistogram | undefined;
  let since = performance.now();
  /** The last change not yet followed by new diagnostics, per document uri. */
  const changed = new Map<string, number>();
  let latencies: number[] = [];
  let gcMax = 0;
  const start = (): IntervalHistogram => {
    const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    monitor = vscode.Disposable.from(
      { dispose: () => (histogram.disable(), gc.disconnect()) },
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && e.document.languageId === 'markdown' && changed.size < 1000) changed.set(e.document.uri.toString(), performance.now());
      }),
      client.onDidPublishDiagnostics((uri) => {
        const at = changed.get(uri.toString());
        if (at === undefined) return;
        changed.delete(uri.toString());
        if (latencies.length < MAX_LATENCIES) latencies.push(Math.round(performance.now() - at));
      }),
    );
    since = performance.now();
    return histogram;
  };
  const read = (m: IntervalHistogram): HostStats => ({
    windowMs: Math.round(performance.now() - since),
    maxMs: Math.round(m.max / 1e5) / 10,
    longestTaskMs: Math.max(0, Math.round(m.max / 1e5) / 10 - RESOLUTION_MS),
    p99Ms: Math.round(m.percentile(99) / 1e5) / 10,
    meanMs: Number.isFinite(m.mean) ? Math.round(m.mean / 1e5) / 10 : 0,
    samples: m.count,
    longestGcMs: Math.round(gcMax * 10) / 10,
    diagnosticsMs: [...latencies],
  });
  return vscode.Disposable.from(
    { dispose: () => monitor?.dispose() },
    vscode.commands.registerCommand(HOST_STATS_COMMAND, (reset?: unknown) => {
      h ??= start();
      const s = read(h);
      // Asked for (a developer's keybinding, the e2e): one line of numbers only.
      log().info(`host stats ${JSON.stringify(s)}`);
      if (reset === true) {
        h.reset();
        since = performance.now();
        changed.clear();
        latencies = [];
        gcMax = 0;
      }
      return s;
    }),
  );
}
