// The extension's one log channel. Log ids, sizes and timings only: never the text of a
// disclosure or a claim (confidential until filed).
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function createLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Patent Draft', { log: true });
  return channel;
}

/** A lazily loaded bundle (dist/filing.js) has its own copy of this module: it logs to the extension's channel. */
export function adoptLog(existing: vscode.LogOutputChannel): void {
  channel = existing;
}

/** The channel, or a no-op stand-in before activation / after disposal. */
export function log(): Pick<vscode.LogOutputChannel, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'show'> {
  return channel ?? noop;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}

const nothing = (): void => undefined;
const noop = { trace: nothing, debug: nothing, info: nothing, warn: nothing, error: nothing, show: nothing };

/** An error's class and message without a stack that might quote user text in other tools. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Runs a provider body; any exception is logged (by feature name) and `fallback` returned.
 * Providers never throw at VS Code.
 */
export function guard<T>(feature: string, fallback: T, body: () => T): T {
  try {
    return body();
  } catch (err) {
    log().error(`${feature} failed: ${describeError(err)}`);
    return fallback;
  }
}

export async function guardAsync<T>(feature: string, fallback: T, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    log().error(`${feature} failed: ${describeError(err)}`);
    return fallback;
  }
}

/** Shows a user-facing error with "Open Log" as the next step. */
export async function showError(message: string, ...actions: { title: string; run: () => unknown }[]): Promise<void> {
  const openLog = { title: 'Open Log', run: () => log().show(true) };
  const all = [...actions, openLog];
  const picked = await vscode.window.showErrorMessage(message, ...all.map((a) => a.title));
  const action = all.find((a) => a.title === picked);
  if (action) await action.run();
}
