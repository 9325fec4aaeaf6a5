// A small LSP client over stdio for the tests: spawns `patent-draft lsp --stdio` from source
// (src/cli/main.ts under tsx), answers workspace/configuration from `config`, accepts capability
// registrations, and keeps every publishDiagnostics and showMessage it receives.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = path.join(ROOT, 'test/lsp/fixtures');

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** A copy of a fixture folder in a temp folder (tests change files in it). */
export function copyFixture(name: string): { dir: string; cleanup: () => void } {
  const base = mkdtempSync(path.join(tmpdir(), 'pd-lsp-'));
  const dir = path.join(base, name);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export interface ClientOptions {
  /** Answers to workspace/configuration for section "patentDraft" (undefined: the client lacks the capability). */
  config?: Record<string, unknown>;
  pull?: boolean;
  /** initializationOptions (src/lsp/protocol.ts InitializationOptions). */
  init?: Record<string, unknown>;
  /** Workspace folders (paths) sent with initialize. */
  workspaceFolders?: string[];
  /** Handlers of server → client requests (patentDraft/readFile, patentDraft/listFiles), by method. */
  handlers?: Record<string, (params: never) => unknown>;
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics received, in order. */
  readonly history: PublishDiagnosticsParams[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly registrations: string[] = [];
  /** Every other notification the server sent (patentDraft/matterChanged, /draftChunk, ...), in order. */
  readonly notes: { method: string; params: unknown }[] = [];
  /** The server's answer to initialize. */
  initResult?: { capabilities: Record<string, unknown> };
  refreshes = 0;
  private waiters: (() => void)[] = [];
  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    public config: Record<string, unknown> | undefined,
  ) {}

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'lsp', '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new TestClient(proc, conn, options.config);
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      c.diagnostics.set(p.uri, p);
      c.history.push(p);
      c.notes.push({ method: 'textDocument/publishDiagnostics', params: p });
      c.wake();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      c.messages.push(p);
      c.wake();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      c.logs.push(p.message);
    });
    conn.onNotification((method: string, params: unknown) => {
      c.notes.push({ method, params });
      c.wake();
    });
    for (const [method, h] of Object.entries(options.handlers ?? {})) conn.onRequest(method, h as (p: unknown) => unknown);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => c.config ?? null));
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
      for (const r of p.registrations) c.registrations.push(r.method);
      return null;
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      c.refreshes++;
      c.wake();
      return null;
    });
    conn.listen();
    c.initResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })) } : {}),
      ...(options.init ? { initializationOptions: options.init } : {}),
      capabilities: {
        workspace: {
          configuration: options.config !== undefined,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          rename: { prepareSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `test` holds (checked on every notification), or fails after `ms`. */
  async until<T>(what: string, test: () => T | undefined | false, ms = 20000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The diagnostics last pushed for `uri` once `test` holds for them. */
  diagnosticsFor(uri: string, test: (d: Diagnostic[]) => boolean = () => true, ms?: number): Promise<Diagnostic[]> {
    return this.until(
      `diagnostics of ${path.basename(uri)}`,
      () => {
        const p = this.diagnostics.get(uri);
        return p && test(p.diagnostics) ? p.diagnostics : undefined;
      },
      ms,
    );
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** The notifications of one method received so far. */
  notesOf<T>(method: string): T[] {
    return this.notes.filter((n) => n.method === method).map((n) => n.params as T);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    if (this.proc.exitCode === null) await exited;
    clearTimeout(t);
    this.conn.dispose();
  }
}
