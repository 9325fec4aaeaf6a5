// How the extension host fares while the drafter works (issue 11: "the extension host never blocked
// by analysis", "keystroke to updated diagnostics"): the event loop's delay as perf_hooks measures it
// (the longest task is the largest delay), and the time from a document change to the next update of
// that document's diagnostics (the server's publish, set by vscode-languageclient), since the last
// reset. The hidden command patentDraft._hostStats returns them and logs them (numbers only) as one
// line, which the e2e reads (it binds the command to a key); nothing here changes what the user sees.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { log } from './log';

export const HOST_STATS_COMMAND = 'patentDraft._hostStats';

export interface HostStats {
  /** Since the last reset, in ms. */
  windowMs: number;
  /** The longest event-loop delay (≈ the longest task on the host), its 99th percentile and mean, in ms. */
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  samples: number;
  /** Document change → that document's diagnostics updated, in ms, oldest first (at most MAX_LATENCIES). */
  diagnosticsMs: number[];
}

/** Latencies kept between resets. */
const MAX_LATENCIES = 200;

export function registerHostStats(): vscode.Disposable {
  // 10 ms resolution: the delay of a task is measured to within that (the histogram is in ns).
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let since = performance.now();
  /** The last change not yet followed by new diagnostics, per document uri. */
  const changed = new Map<string, number>();
  let latencies: number[] = [];
  const read = (): HostStats => ({
    windowMs: Math.round(performance.now() - since),
    maxMs: Math.round(h.max / 1e5) / 10,
    p99Ms: Math.round(h.percentile(99) / 1e5) / 10,
    meanMs: Number.isFinite(h.mean) ? Math.round(h.mean / 1e5) / 10 : 0,
    samples: h.count,
    diagnosticsMs: [...latencies],
  });
  return vscode.Disposable.from(
    { dispose: () => h.disable() },
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && e.document.languageId === 'markdown' && changed.size < 1000) changed.set(e.document.uri.toString(), performance.now());
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const now = performance.now();
      for (const uri of e.uris) {
        const at = changed.get(uri.toString());
        if (at === undefined) continue;
        changed.delete(uri.toString());
        if (latencies.length < MAX_LATENCIES) latencies.push(Math.round(now - at));
      }
    }),
    vscode.commands.registerCommand(HOST_STATS_COMMAND, (reset?: unknown) => {
      const s = read();
      // Asked for (a developer's keybinding, the e2e): one line of numbers only.
      log().info(`host stats ${JSON.stringify(s)}`);
      if (reset === true) {
        h.reset();
        since = performance.now();
        changed.clear();
        latencies = [];
      }
      return s;
    }),
  );
}
