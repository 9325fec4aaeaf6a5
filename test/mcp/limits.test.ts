// The MCP server's stdio transport under hostile input, over real stdio with raw JSON-RPC lines:
// a request over 10 MB is refused with an error and the session goes on; logging/setLevel works;
// protocol errors are logged by class and size, never with the client's text; resources/list still
// lists the matter beside an unrelated file too large to read.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, copyFixture, ensureBuilt, removeTemp } from './helpers';

interface Raw {
  send(message: unknown): void;
  sendLine(line: string): void;
  /** The next message with this id (or, with id undefined, the next notification of `method`). */
  next(pred: (m: any) => boolean, what: string, ms?: number): Promise<any>;
  messages: any[];
  stderr(): string;
  child: ChildProcessWithoutNullStreams;
}

function start(matter: string): Raw {
  const child = spawn(process.execPath, [CLI, 'mcp', matter], { stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  child.stdin.on('error', () => undefined); // a server that died is reported by the waits below
  child.stderr.on('data', (d: Buffer) => (log += d.toString('utf8')));
  const messages: any[] = [];
  const waiters: { pred: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.trim()) continue;
      const m = JSON.parse(line);
      messages.push(m);
      for (const w of [...waiters]) {
        if (w.pred(m)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  });
  return {
    child,
    messages,
    stderr: () => log,
    send: (message) => child.stdin.write(JSON.stringify(message) + '\n'),
    sendLine: (line) => child.stdin.write(line + '\n'),
    next(pred, what, ms = 20000) {
      const seen = messages.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; exit code ${child.exitCode}; stderr:\n${log}`)), ms);
        waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
      });
    },
  };
}

const byId = (id: number) => (m: any) => m.id === id;

async function initialize(s: Raw): Promise<any> {
  s.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
  const r = await s.next(byId(1), 'initialize response');
  s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return r.result;
}

describe('MCP server: stdio limits and logging', function () {
  this.timeout(90000);
  let matter: string;
  let s: Raw;

  before(() => {
    ensureBuilt();
    matter = copyFixture('planted');
    writeFileSync(path.join(matter, 'notes.md'), Buffer.alloc(Math.round(8.6 * 1048576), 0x61));
  });
  afterEach(() => {
    s?.child.kill();
  });
  after(() => removeTemp(matter));

  it('refuses an 11 MB request with a JSON-RPC error carrying its id, and serves the next request', async () => {
    s = start(matter);
    await initialize(s);
    const huge = 'A'.repeat(11 * 1024 * 1024);
    s.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'patent_check', arguments: { path: huge } } });
    const refused = await s.next(byId(2), 'answer to the 11 MB request');
    assert.equal(refused.error?.code, -32600);
    assert.match(refused.error.message, /up to 10485760 bytes \(10 MB\)/);
    s.send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    const list = await s.next(byId(3), 'tools/list after the oversized request');
    assert.ok(list.result.tools.some((t: any) => t.name === 'patent_check'));
    s.send({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'patent_check', arguments: {} } });
    const check = await s.next(byId(4), 'patent_check after the oversized request');
    assert.equal(check.result.isError, undefined, JSON.stringify(check).slice(0, 300));
    assert.equal(s.child.exitCode, null, 'still running');
    assert.doesNotMatch(s.stderr(), /AAAA/);
  });

  it('logging/setLevel works: at "error", info lines are no longer sent to the client', async () => {
    s = start(matter);
    const init = await initialize(s);
    assert.ok(init.capabilities.logging, 'the server declares logging');
    s.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'patent_claim_tree', arguments: {} } });
    await s.next(byId(2), 'patent_claim_tree');
    await s.next((m) => m.method === 'notifications/message' && m.params.level === 'info', 'an info log notification');
    s.send({ jsonrpc: '2.0', id: 3, method: 'logging/setLevel', params: { level: 'error' } });
    const set = await s.next(byId(3), 'logging/setLevel answer');
    assert.deepEqual(set.result, {});
    const before = s.messages.filter((m) => m.method === 'notifications/message').length;
    s.send({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'patent_claim_tree', arguments: {} } });
    await s.next(byId(4), 'patent_claim_tree after setLevel');
    s.send({ jsonrpc: '2.0', id: 5, method: 'ping' });
    await s.next(byId(5), 'ping');
    assert.equal(s.messages.filter((m) => m.method === 'notifications/message').length, before, 'no info notification after setLevel error');
  });

  it("protocol errors are answered and logged without the client's text; an unknown-id response is not logged whole", async () => {
    s = start(matter);
    await initialize(s);
    s.sendLine('{"jsonrpc": "2.0", "id": 7, "method": SECRET-CLIENT-TEXT');
    const parse = await s.next((m) => m.error?.code === -32700, 'parse error answer');
    assert.equal(parse.id, null);
    s.send({ jsonrpc: '2.0', id: 999, result: { claims: 'SECRET-RESPONSE-TEXT' } });
    s.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    await s.next(byId(2), 'ping after the protocol errors');
    await new Promise((r) => setTimeout(r, 200));
    const log = s.stderr();
    assert.match(log, /protocol error: a message of \d+ bytes is not JSON/);
    assert.match(log, /protocol error: Error \(received a response for an unknown message id\)/);
    assert.doesNotMatch(log, /SECRET/);
  });

  it("resources/list lists the matter's documents beside an unrelated file too large to read", async () => {
    s = start(matter);
    await initialize(s);
    s.send({ jsonrpc: '2.0', id: 2, method: 'resources/list' });
    const r = await s.next(byId(2), 'resources/list');
    assert.deepEqual(r.result.resources.map((x: any) => x.name).sort(), ['claims.md', 'disclosure.md']);
  });
});
