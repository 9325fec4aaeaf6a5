// The client against a careless or hostile server (issue #10): streams that never end or
// stall, responses too large or too many, malformed bytes, raw error text, models with the
// wrong tensor types, HTTP proxies from the environment, `*.localhost` names. Each test fails
// on the client as it was before these bounds.
import assert from 'node:assert/strict';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { InferenceError, sanitizeServerText, checkLocal, proxyFromEnv, type InferenceLogEvent } from '../../src/inference';
import { decodeStreamResponse, readStreamToken, WireError } from '../../src/inference/wire';
import { encodeValues } from '../../src/inference/tensors';
import { FakeTriton } from './server/triton-server';
import { ensembleModel, fakeText, type FakeModel } from './server/models';
import { fleet, resetSettings, waitFor } from './helpers';

const { start, connect } = fleet(() => ({ models: [ensembleModel()] }));
async function failure(p: Promise<unknown>): Promise<InferenceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof InferenceError, `not an InferenceError: ${String(e)}`);
    return e;
  }
  assert.fail('expected the generation to fail');
}

/** Varint bytes: `n` continuation bytes then a last one. */
const longVarint = (n: number) => Buffer.concat([Buffer.alloc(n, 0xff), Buffer.from([0x01])]);
const lenField = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), varint(body.length), body]);
function varint(v: number): Buffer {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

describe('inference client against a hostile server: deadlines', () => {
  let s: FakeTriton;
  before(async () => {
    s = await start();
  });
  afterEach(() => resetSettings(s));

  it('the generation deadline bounds a stream that never ends, and names the setting to raise', async () => {
    s.settings.noFinal = true;
    s.settings.tokenDelayMs = 5;
    const c = connect({ endpoints: [s.address], model: 'ensemble', generationTimeoutMs: 300 });
    const e = await failure(c.generate({ prompt: 'p', maxTokens: 100_000 }, { requestId: 'endless-1' }).text());
    assert.equal(e.code, 'deadline');
    assert.match(e.message, /exceeded its 300 ms deadline/);
    assert.match(e.message, /patentDraft\.triton\.timeoutMs \(CLI: --timeout\)/);
    assert.ok(await waitFor(() => s.cancelled.includes('endless-1')), 'the server did not see the cancellation');
  });

  it('a server that goes on sending after the final response is cancelled; the generation keeps its text', async () => {
    s.settings.afterFinal = true;
    const c = connect({ endpoints: [s.address], model: 'ensemble', generationTimeoutMs: 20_000 });
    const text = await c.generate({ prompt: 'p', maxTokens: 4 }, { requestId: 'after-final-1' }).text();
    assert.ok(text.length > 0);
    assert.ok(await waitFor(() => s.cancelled.includes('after-final-1')), 'the stream was not cancelled: the server went on sending');
  });

  it('a first-token deadline ends a generation whose first token does not come', async () => {
    s.settings.firstTokenDelayMs = 3000;
    const c = connect({ endpoints: [s.address], model: 'ensemble', firstTokenTimeoutMs: 200 });
    const e = await failure(c.generate({ prompt: 'p', maxTokens: 4 }, { requestId: 'ttft-1' }).text());
    assert.equal(e.code, 'deadline');
    assert.match(e.message, /no first token from 127\.0\.0\.1:\d+ within 200 ms/);
    assert.match(e.message, /patentDraft\.triton\.firstOutputTimeoutMs/);
    assert.ok(await waitFor(() => s.cancelled.includes('ttft-1')));
  });

  it('an idle deadline ends a stream that stalls after some tokens; the text so far was delivered', async () => {
    s.settings.stallAfterTokens = 3;
    const c = connect({ endpoints: [s.address], model: 'ensemble', idleTimeoutMs: 200 });
    const got: string[] = [];
    const e = await failure(
      (async () => {
        for await (const ch of c.generate({ prompt: 'p', maxTokens: 50 }, { requestId: 'stall-1' })) got.push(ch.text);
      })(),
    );
    assert.equal(e.code, 'deadline');
    assert.match(e.message, /no token from .* for 200 ms \(the stream stalled\)/);
    assert.match(e.message, /after 3 token\(s\)/);
    assert.match(e.message, /patentDraft\.triton\.idleTimeoutMs/);
    assert.equal(got.join(''), fakeText(3));
    assert.ok(await waitFor(() => s.cancelled.includes('stall-1')));
  });

  it('the idle deadline starts with the first token: a queue before it is not a stall', async () => {
    s.settings.firstTokenDelayMs = 300;
    const c = connect({ endpoints: [s.address], model: 'ensemble', idleTimeoutMs: 100 });
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 4 }).text(), fakeText(4));
  });

  it('per-generation overrides: idleTimeoutMs 0 turns the idle deadline off', async () => {
    s.settings.tokenDelayMs = 30;
    const c = connect({ endpoints: [s.address], model: 'ensemble', idleTimeoutMs: 10 });
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 4 }, { idleTimeoutMs: 0 }).text(), fakeText(4));
    const e = await failure(c.generate({ prompt: 'p', maxTokens: 4 }).text());
    assert.equal(e.code, 'deadline');
  });
});

describe('inference client against a hostile server: sizes', () => {
  let s: FakeTriton;
  before(async () => {
    s = await start({ models: [ensembleModel()], maxSendBytes: 256 * 1024 * 1024 });
  });
  afterEach(() => resetSettings(s));

  it('a stream without a final flag stops at max_tokens, client-side, with the text intact', async () => {
    s.settings.noFinal = true;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const g = c.generate({ prompt: 'p', maxTokens: 50 }, { requestId: 'nofinal-1' });
    assert.equal(await g.text(), fakeText(50));
    const m = await g.metrics;
    assert.equal(m.status, 'ok');
    assert.equal(m.outputTokens, 50);
    assert.ok(await waitFor(() => s.cancelled.includes('nofinal-1')), 'the server was not told to stop');
  });

  it('a generation stops at the total-bytes cap with a too-large error', async () => {
    s.settings.bigResponses = { count: 40, bytes: 1024 * 1024 };
    const c = connect({ endpoints: [s.address], model: 'ensemble', maxGenerationBytes: 8 * 1024 * 1024 });
    const e = await failure(c.generate({ prompt: 'p', maxTokens: 512 }).text());
    assert.equal(e.code, 'too-large');
    assert.match(e.message, /passed 8388608 bytes in all/);
  });

  it('five 200 MB responses are refused at the first one, and the heap does not grow', async () => {
    s.settings.bigResponses = { count: 5, bytes: 200 * 1000 * 1000 };
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const before = process.memoryUsage().heapUsed;
    const e = await failure(c.generate({ prompt: 'p', maxTokens: 512 }).text());
    assert.equal(e.code, 'too-large');
    assert.match(e.message, /receive limit/);
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 100 * 1024 * 1024, `heap grew by ${grown} bytes`);
  });
});

describe('inference client against a hostile server: the wire decoder', () => {
  it('refuses a varint longer than 10 bytes (a 300 KB one included) at once', () => {
    // An int64 parameter (varint64) holding a 300 KB varint: formerly a quadratic BigInt loop.
    const param = Buffer.concat([Buffer.from([0x10]), longVarint(300 * 1024)]);
    const entry = Buffer.concat([lenField(0x0a, Buffer.from('k')), lenField(0x12, param)]);
    const msg = lenField(0x12, lenField(0x22, entry));
    assert.throws(
      () => decodeStreamResponse(msg),
      (e: Error) => e instanceof WireError && /varint longer than 10 bytes/.test(e.message),
    );
    for (const n of [10, 11, 40]) assert.throws(() => decodeStreamResponse(Buffer.concat([Buffer.from([0x08]), longVarint(n)])), /varint longer than 10 bytes/);
    assert.doesNotThrow(() => decodeStreamResponse(Buffer.concat([Buffer.from([0x08]), longVarint(8)])));
  });

  it('refuses truncated fields, lengths past the buffer, groups and too many repeated fields', () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from([0x08]), /truncated varint/],
      [Buffer.from([0x08, 0x80]), /truncated varint/],
      [Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), /runs past the end/],
      [Buffer.from([0x09, 1, 2, 3]), /truncated 64-bit field/],
      [Buffer.from([0x0d, 1]), /truncated 32-bit field/],
      [lenField(0x12, Buffer.from([0x2a, 0x05, 0x0a])), /runs past the end/],
      [Buffer.alloc(100_000, 0x0b), /unsupported wire type 3/], // nested start-groups
      [lenField(0x12, Buffer.concat(Array.from({ length: 1100 }, () => Buffer.from([0x32, 0x00])))), /more than 1024 raw output contents/],
    ];
    const name = Buffer.from('text_output');
    for (const [bytes, re] of cases) {
      assert.throws(
        () => decodeStreamResponse(bytes),
        (e: Error) => e instanceof WireError && re.test(e.message),
        re.source,
      );
      // The token hot path (its own one-pass loop) refuses the same bytes with the same error.
      assert.throws(
        () => readStreamToken(bytes, name),
        (e: Error) => e instanceof WireError && re.test(e.message),
        `token reader: ${re.source}`,
      );
    }
    const long = Buffer.concat([Buffer.from([0x08]), longVarint(40)]);
    assert.throws(() => readStreamToken(long, name), /varint longer than 10 bytes/);
  });

  it('through the server: malformed responses end the generation with a bad-output error', async () => {
    const s = await start();
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    s.settings.rawResponses = [Buffer.concat([Buffer.from([0x08]), longVarint(300 * 1024)])];
    const e = await failure(c.generate({ prompt: 'p' }).text());
    assert.equal(e.code, 'bad-output');
    assert.match(e.message, /varint longer than 10 bytes at byte 1 of 307202/);
    s.settings.rawResponses = [Buffer.from([0x12, 0x50, 0x01])];
    assert.match((await failure(c.generate({ prompt: 'p' }).text())).message, /length 80 runs past the end/);
  });
});

describe('inference client against a hostile server: error text and layouts', () => {
  it("the server's error_message reaches the user without control characters and capped", async () => {
    const s = await start();
    const raw = 'boom\n\x1b[31mRED\x1b[0m\r\u202eevil\u0007' + 'A'.repeat(50_000);
    s.settings.errorMessage = raw;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const e = await failure(c.generate({ prompt: 'p' }).text());
    assert.equal(e.code, 'model-error');
    assert.doesNotMatch(e.message, /[\x00-\x1f\x7f\u202e]/);
    assert.match(e.message, new RegExp(`boom \\[31mRED \\[0m evil A+… \\(${raw.length} characters in all\\)`));
    assert.ok(e.message.length < 600, `message of ${e.message.length} characters`);
  });

  it('sanitizeServerText: keeps surrogate pairs, drops lone ones, and looks at a bounded prefix', () => {
    assert.equal(sanitizeServerText('a\n\n\tb 日本 😀'), 'a b 日本 😀');
    assert.equal(sanitizeServerText('x\ud800y'), 'x y');
    assert.equal(sanitizeServerText('\x1b'.repeat(1_000_000) + 'tail'), '… (1000004 characters in all)');
    assert.equal(sanitizeServerText('abcdef', 3), 'abc… (6 characters in all)');
  });

  it('a model whose text_input is INT32 is refused naming the tensor and the types', async () => {
    const bad: FakeModel = ensembleModel('int_prompt');
    const cfg = bad.config as { input: { name: string; data_type: string }[] };
    cfg.input = cfg.input.map((i) => (i.name === 'text_input' ? { ...i, data_type: 'TYPE_INT32' } : i));
    const badOut: FakeModel = ensembleModel('int_output');
    (badOut.config as { output: { data_type: string }[] }).output[0].data_type = 'TYPE_INT32';
    const s = await start({ models: [bad, badOut] });
    const e = await failure(
      connect({ endpoints: [s.address], model: 'int_prompt' })
        .generate({ prompt: 'p' })
        .text(),
    );
    assert.equal(e.code, 'layout');
    assert.match(e.message, /input 'text_input' of model 'int_prompt' has datatype INT32, but Patent Draft sends text there, which needs BYTES/);
    assert.equal(s.requests.length, 0, 'a request was sent');
    const o = await failure(
      connect({ endpoints: [s.address], model: 'int_output' })
        .generate({ prompt: 'p' })
        .text(),
    );
    assert.match(o.message, /output 'text_output' of model 'int_output' has datatype INT32/);
  });

  it('numbers that a tensor cannot hold are refused, never written as 0', () => {
    assert.throws(() => encodeValues('INT32', ['a prompt'], "input 'x'"), /cannot put text into input 'x' \(INT32\): not a finite number/);
    assert.throws(() => encodeValues('INT32', [2 ** 40]), /outside INT32's range/);
    assert.throws(() => encodeValues('INT64', [1.5]), /not a whole number/);
    assert.deepEqual([...encodeValues('INT32', [7])], [7, 0, 0, 0]);
  });
});

/** A tiny HTTP CONNECT proxy that counts tunnels and sends every one to `target`. */
async function connectProxy(targetPort: () => number): Promise<{ port: number; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (head.length > 8192) return client.destroy();
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const m = /^CONNECT (\S+) HTTP\/1\.[01]\r\n/.exec(head);
      if (!m) return client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      tunnels.push(m[1]);
      const upstream = tcpConnect(targetPort(), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    tunnels,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('inference client: proxies from the environment', () => {
  const saved: Record<string, string | undefined> = {};
  const vars = ['grpc_proxy', 'https_proxy', 'http_proxy', 'no_proxy', 'no_grpc_proxy'];
  let s: FakeTriton;
  let proxy: Awaited<ReturnType<typeof connectProxy>>;
  before(async () => {
    s = await start();
    proxy = await connectProxy(() => s.port);
    for (const v of vars) saved[v] = process.env[v];
  });
  afterEach(() => {
    for (const v of vars) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    proxy.tunnels.length = 0;
  });
  after(() => proxy.close());

  it('a loopback endpoint never goes through http_proxy, https_proxy or grpc_proxy', async () => {
    for (const v of ['http_proxy', 'https_proxy', 'grpc_proxy']) {
      for (const w of vars) delete process.env[w];
      process.env[v] = `http://127.0.0.1:${proxy.port}`;
      for (const ep of [s.address, `localhost:${s.port}`]) {
        const c = connect({ endpoints: [ep], model: 'ensemble' });
        assert.equal(await c.generate({ prompt: 'p', maxTokens: 3 }).text(), fakeText(3));
        assert.equal(c.endpointStates()[0].proxy, undefined);
        c.close();
      }
      assert.deepEqual(proxy.tunnels, [], `${v}: the prompt went through the proxy`);
    }
  });

  it('a remote endpoint through a proxy works and is reported (states, status, log)', async () => {
    for (const w of vars) delete process.env[w];
    process.env.https_proxy = `http://user:secret@127.0.0.1:${proxy.port}`;
    const events: InferenceLogEvent[] = [];
    const remote = `triton.example.test:${s.port}`;
    const c = connect({ endpoints: [remote], model: 'ensemble', log: (e) => events.push(e) });
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 3 }).text(), fakeText(3));
    assert.ok(proxy.tunnels.includes(remote), `tunnels: ${proxy.tunnels.join(', ')}`);
    assert.equal(c.endpointStates()[0].proxy, `127.0.0.1:${proxy.port}`);
    assert.deepEqual(
      events.find((e) => e.type === 'proxy'),
      { type: 'proxy', endpoint: remote, proxy: `127.0.0.1:${proxy.port}`, from: 'https_proxy' },
    );
    const st = await c.status();
    assert.deepEqual(st.proxy, { proxy: `127.0.0.1:${proxy.port}`, from: 'https_proxy' });
    assert.ok(!JSON.stringify(st).includes('secret') && !JSON.stringify(events).includes('secret'), 'proxy credentials shown');
  });

  it('proxyFromEnv follows grpc-js: precedence, no_proxy (suffixes, CIDR), http: only', () => {
    assert.equal(proxyFromEnv('gpu.lan', {}), undefined);
    assert.deepEqual(proxyFromEnv('gpu.lan', { http_proxy: 'http://p:3128', grpc_proxy: 'http://g:1' }), { proxy: 'g:1', from: 'grpc_proxy' });
    assert.deepEqual(proxyFromEnv('gpu.lan', { http_proxy: 'http://p' }), { proxy: 'p:80', from: 'http_proxy' });
    assert.equal(proxyFromEnv('gpu.lan', { http_proxy: 'http://p:3128', no_proxy: 'x.org, .lan' }), undefined);
    assert.equal(proxyFromEnv('10.1.2.3', { http_proxy: 'http://p:3128', no_proxy: '10.0.0.0/8' }), undefined);
    assert.ok(proxyFromEnv('11.1.2.3', { http_proxy: 'http://p:3128', no_proxy: '10.0.0.0/8' }));
    assert.equal(proxyFromEnv('gpu.lan', { http_proxy: 'socks5://p:1080' }), undefined);
  });
});

describe('inference client: *.localhost names', () => {
  it('count as this machine only when they resolve to loopback, and say why otherwise', async () => {
    const to = (addrs: string[]) => async () => addrs;
    assert.equal((await checkLocal('triton.localhost:8001', to(['127.0.0.1', '::1']))).local, true);
    const away = await checkLocal('triton.localhost:8001', to(['127.0.0.1', '10.1.2.3']));
    assert.equal(away.local, false);
    assert.match(away.reason!, /triton\.localhost resolves to 10\.1\.2\.3, not to this machine/);
    const none = await checkLocal('grpc://x.localhost:1', async () => {
      throw new Error('ENOTFOUND');
    });
    assert.equal(none.local, false);
    assert.match(none.reason!, /could not be resolved/);
    const slow = await checkLocal('y.localhost:1', () => new Promise(() => undefined), 50);
    assert.match(slow.reason!, /no answer within 50 ms/);
    assert.equal((await checkLocal('127.0.0.1:1', to(['10.0.0.1']))).local, true);
    assert.equal((await checkLocal('gpu.example.com:1', to(['127.0.0.1']))).local, false);
  });
});

describe('patent-draft triton status through a proxy', () => {
  it('shows the proxy a remote endpoint goes through', async () => {
    const { runCli } = await import('../../src/cli/main');
    const s = await start();
    const proxy = await connectProxy(() => s.port);
    const saved = process.env.grpc_proxy;
    process.env.grpc_proxy = `http://127.0.0.1:${proxy.port}`;
    try {
      let out = '';
      const code = await runCli(['triton', 'status', '--endpoint', `gpu.example.test:${s.port}`, '--model', 'ensemble'], { stdout: (t) => (out += t), stderr: () => undefined, cwd: process.cwd() });
      assert.equal(code, 0, out);
      assert.match(out, new RegExp(`proxy +127\\.0\\.0\\.1:${proxy.port} \\(from grpc_proxy`));
      assert.equal(proxy.tunnels.length > 0, true);
    } finally {
      if (saved === undefined) delete process.env.grpc_proxy;
      else process.env.grpc_proxy = saved;
      await proxy.close();
    }
  });
});
