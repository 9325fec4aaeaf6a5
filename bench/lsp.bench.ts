// The editor path on US08927118: a one-character edit in the middle of the description,
// re-analysed (the core with the matter's AnalysisCache, as the language server runs it), and the
// server's keystroke-to-diagnostics time over stdio (debounce 0), and a fresh server's first findings,
// cold and with its workspace read ahead. Baseline: marked's lexer over the same text, in the same process.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Lexer } from 'marked';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { AnalysisCache, analyzeMatter, createMatter } from '../src/core';
import { documentDiagnostics } from '../src/service/index';
import type { BenchSection } from './types';

const CORPUS = path.resolve(__dirname, '../../shared/corpus/uspto');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** The offset in the middle of the description, at a word start. */
export function middleOfDescription(text: string): number {
  const start = text.indexOf('## Description');
  const end = text.indexOf('\n## Claims');
  let at = Math.floor((start + end) / 2);
  while (at < end && text[at] !== ' ') at++;
  return at + 1;
}

/** A language server of this tree over stdio (`patent-draft lsp --stdio`), its connection not yet listening. */
function spawnServer(): { proc: ChildProcess; conn: MessageConnection } {
  const root = path.resolve(__dirname, '..');
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
  return { proc, conn: createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!)) };
}

async function stopServer(proc: ChildProcess, conn: MessageConnection): Promise<void> {
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  proc.kill();
}

async function serverRoundTrips(file: string, text: string, edited: string, runs: number, others: string[]): Promise<{ trips: number[]; rssMb?: number }> {
  const { proc, conn } = spawnServer();
  let waiting: ((v: number) => void) | undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => waiting?.(p.version ?? -1));
  conn.onRequest('workspace/configuration', () => [{ debounceMs: 0 }]);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const uri = pathToFileURL(file).href;
  const until = (version: number) =>
    new Promise<void>((resolve) => {
      waiting = (v) => {
        if (v === version) resolve();
      };
    });
  let version = 1;
  let p = until(version);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await p;
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    version++;
    p = until(version);
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: version % 2 ? text : edited }] });
    await p;
    xs.push(performance.now() - t);
  }
  // Memory with three large matters open (each analysed once): the server's resident set, from /proc.
  for (const f of others) {
    const u = pathToFileURL(f).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: readFileSync(f, 'utf8') } });
    await new Promise<void>((resolve) => {
      conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
        if (p.uri === u) resolve();
      });
    });
  }
  let rssMb: number | undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
    if (m) rssMb = Number(m[1]) / 1024;
  } catch {
    rssMb = undefined;
  }
  await stopServer(proc, conn);
  return { trips: xs, rssMb };
}

/** A fresh server's didOpen → first publishDiagnostics for `file`; with `readAhead`, the file's folder is the
 *  workspace folder and the document is opened once the server has read it ahead (issue 15, item 6). */
async function firstFindings(file: string, readAhead: boolean): Promise<number> {
  const { proc, conn } = spawnServer();
  const uri = pathToFileURL(file).href;
  let published: (() => void) | undefined;
  let readDone: (() => void) | undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
    if (p.uri === uri) published?.();
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    if (p.message.startsWith('read ahead: ')) readDone?.();
  });
  conn.onRequest('workspace/configuration', () => [{ debounceMs: 0 }]);
  conn.listen();
  const read = new Promise<void>((resolve) => (readDone = resolve));
  const folder = path.dirname(file);
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    ...(readAhead ? { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }] } : {}),
    capabilities: { workspace: { configuration: true } },
  });
  await conn.sendNotification('initialized', {});
  // Bounded: a server that never reads ahead or never publishes ends the bench with a message, not a hang.
  const within = (p: Promise<void>, what: string) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the server did not ${what} within 60 s`)), 60_000).unref())]);
  if (readAhead) await within(read, 'read its workspace ahead');
  const first = new Promise<void>((resolve) => (published = resolve));
  const t = performance.now();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(file, 'utf8') } });
  await within(first, 'publish the first findings');
  const ms = performance.now() - t;
  await stopServer(proc, conn);
  return ms;
}

export default async function bench(): Promise<BenchSection> {
  const file = path.join(CORPUS, 'US08927118.md');
  if (!existsSync(file)) return { name: 'lsp (skipped: ../shared/corpus absent)', rows: [] };
  const text = readFileSync(file, 'utf8');
  const at = middleOfDescription(text);
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const matter = (t: string) => createMatter(path.dirname(file), [{ uri: file, text: t }]);
  const lexerRuns: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    new Lexer().lex(text);
    lexerRuns.push(performance.now() - t);
  }
  const lexer = median(lexerRuns);
  const cache = new AnalysisCache();
  for (let i = 0; i < 6; i++) analyzeMatter(matter(i % 2 ? text : edited), { cache });
  const edit: number[] = [];
  const withDiagnostics: number[] = [];
  for (let i = 0; i < 41; i++) {
    const t = performance.now();
    const a = analyzeMatter(matter(i % 2 ? text : edited), { cache });
    edit.push(performance.now() - t);
    documentDiagnostics(a, file);
    withDiagnostics.push(performance.now() - t);
  }
  const others = ['US08926509.md', 'US06970935.md'].map((f) => path.join(CORPUS, f)).filter((f) => existsSync(f));
  const { trips, rssMb } = await serverRoundTrips(file, text, edited, 21, others);
  // The first findings of a fresh server, cold and read ahead, in alternating (ABBA) rounds; the document in a
  // folder of its own (a temporary copy outside the project), so the read ahead takes only its matter.
  const alone = mkdtempSync(path.join(tmpdir(), 'pd-bench-open-'));
  const cold: number[] = [];
  const ahead: number[] = [];
  try {
    const copy = path.join(alone, path.basename(file));
    copyFileSync(file, copy);
    for (let i = 0; i < 4; i++) {
      for (const warm of i % 2 ? [true, false] : [false, true]) (warm ? ahead : cold).push(await firstFindings(copy, warm));
    }
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
  const e = median(edit);
  return {
    name: `lsp: a one-character edit in the middle of US08927118's description (offset ${at} of ${text.length})`,
    rows: [
      { metric: 'baseline: marked lexer, whole document', value: lexer, unit: 'ms' },
      { metric: 're-analysis with the AnalysisCache (median)', value: e, unit: 'ms', baseline: lexer, target: '<= 5 ms', ok: e <= 5 },
      { metric: 're-analysis + diagnostics in LSP shape (median)', value: median(withDiagnostics), unit: 'ms', baseline: lexer },
      { metric: 'server: didChange to publishDiagnostics, debounce 0 (median)', value: median(trips), unit: 'ms', baseline: lexer, target: '<= 50 ms', ok: median(trips) <= 50 },
      { metric: 'server: didChange to publishDiagnostics (max of 21)', value: Math.max(...trips), unit: 'ms' },
      ...(rssMb !== undefined ? [{ metric: `server memory (RSS) with ${1 + others.length} large matters open`, value: rssMb, unit: 'MB' }] : []),
      { metric: 'fresh server: didOpen to first publishDiagnostics, cold (median of 4)', value: median(cold), unit: 'ms', baseline: lexer },
      {
        metric: 'the same, its workspace folder read ahead (median of 4)',
        value: median(ahead),
        unit: 'ms',
        baseline: median(cold),
        target: '<= 0.25x of cold',
        ok: median(ahead) <= median(cold) / 4,
      },
    ],
  };
}
