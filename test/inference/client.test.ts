// The client's transport behaviour against the test server: TLS and mutual TLS, headers,
// cancellation, deadlines, failover, a server killed mid-stream, garbage and very large
// outputs, error messages, and metrics.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { InferenceError, type InferenceLogEvent, type TextChunk } from '../../src/inference';
import { FakeTriton } from './server/triton-server';
import { ensembleModel, fakeText, vllmModel } from './server/models';
import { expectError, fleet, hasOpenssl, makeTlsMaterial, resetSettings, waitFor, type TlsMaterial } from './helpers';

const { start, connect } = fleet(() => ({ models: [ensembleModel(), vllmModel()] }));

describe('inference client: TLS', function () {
  let tls: TlsMaterial | undefined;
  before(function () {
    if (!hasOpenssl()) {
      console.log('    (openssl not found: TLS tests skipped)');
      this.skip();
    }
    tls = makeTlsMaterial();
  });
  after(() => tls?.cleanup());

  it('TLS with a custom CA', async () => {
    const s = await start({ models: [ensembleModel()], tls: { key: tls!.serverKey, cert: tls!.serverCert } });
    // Verified against the certificate's IP address here, and against its DNS name below.
    const c = connect({ endpoints: [s.address], model: 'ensemble', tls: { ca: tls!.ca } });
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 5 }).text(), fakeText(5));
    const named = connect({ endpoints: [`grpcs://${s.address}`], model: 'ensemble', tls: { serverName: 'localhost', ca: tls!.ca } });
    assert.equal(await named.generate({ prompt: 'p', maxTokens: 2 }).text(), fakeText(2));
    const wrongName = connect({ endpoints: [s.address], model: 'ensemble', tls: { serverName: 'not-this-host', ca: tls!.ca }, callTimeoutMs: 3000 });
    await expectError(wrongName.generate({ prompt: 'p' }).text(), 'tls');
  });

  it('a CA that did not sign the server certificate fails as a TLS error', async () => {
    const s = await start({ models: [ensembleModel()], tls: { key: tls!.serverKey, cert: tls!.serverCert } });
    const c = connect({ endpoints: [s.address], model: 'ensemble', tls: { serverName: 'localhost', ca: tls!.otherCa }, callTimeoutMs: 3000 });
    await expectError(c.generate({ prompt: 'p' }).text(), 'tls', /TLS connection to 127\.0\.0\.1:\d+ failed/);
  });

  it('mutual TLS: accepted with the client certificate, refused without', async () => {
    const s = await start({ models: [ensembleModel()], tls: { key: tls!.serverKey, cert: tls!.serverCert, ca: tls!.ca, requireClientCert: true } });
    const ok = connect({ endpoints: [s.address], model: 'ensemble', tls: { serverName: 'localhost', ca: tls!.ca, cert: tls!.clientCert, key: tls!.clientKey } });
    assert.equal(await ok.generate({ prompt: 'p', maxTokens: 3 }).text(), fakeText(3));
    const bad = connect({ endpoints: [s.address], model: 'ensemble', tls: { serverName: 'localhost', ca: tls!.ca }, callTimeoutMs: 3000 });
    const e = await bad
      .generate({ prompt: 'p' })
      .text()
      .then(
        () => undefined,
        (x: InferenceError) => x,
      );
    assert.ok(e instanceof InferenceError);
    assert.ok(['tls', 'unreachable', 'protocol'].includes(e.code), e.code);
  });

  it('TLS client against a plaintext server fails clearly', async () => {
    const s = await start({ models: [ensembleModel()] });
    const c = connect({ endpoints: [s.address], model: 'ensemble', tls: { serverName: 'localhost', ca: tls!.ca }, callTimeoutMs: 3000 });
    const e = await c
      .generate({ prompt: 'p' })
      .text()
      .then(
        () => undefined,
        (x: InferenceError) => x,
      );
    assert.ok(e instanceof InferenceError);
    assert.ok(['tls', 'unreachable'].includes(e.code), e.code);
  });
});

describe('inference client: calls', () => {
  let s: FakeTriton;
  before(async () => {
    s = await start();
  });
  afterEach(() => resetSettings(s));

  it('sends the configured headers on every call', async () => {
    s.settings.requiredHeaders = { authorization: 'Bearer t0k3n', 'triton-grpc-protocol-infer-key': 'k1' };
    const c = connect({ endpoints: [s.address], model: 'ensemble', headers: { Authorization: 'Bearer t0k3n', 'triton-grpc-protocol-infer-key': 'k1' } });
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 2 }).text(), fakeText(2));
    const without = connect({ endpoints: [s.address], model: 'ensemble' });
    await expectError(without.generate({ prompt: 'p' }).text(), 'auth', /authorization/);
  });

  it('an AbortSignal ends the generation at once and the server sees the cancellation', async () => {
    s.settings.tokenDelayMs = 20;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const ac = new AbortController();
    const g = c.generate({ prompt: 'p', maxTokens: 1000 }, { signal: ac.signal, requestId: 'abort-1' });
    const got: TextChunk[] = [];
    let abortedAt = 0;
    const err = await (async () => {
      try {
        for await (const ch of g) {
          got.push(ch);
          if (got.length === 2) {
            abortedAt = performance.now();
            ac.abort();
          }
        }
      } catch (e) {
        return e as InferenceError;
      }
    })();
    assert.ok(err instanceof InferenceError);
    assert.equal(err.name, 'AbortError');
    assert.equal(err.code, 'cancelled');
    assert.ok(performance.now() - abortedAt < 50, 'abort was not immediate');
    assert.equal(got.length, 2);
    assert.ok(await waitFor(() => s.cancelled.includes('abort-1')), 'server did not see the cancellation');
    const m = await g.metrics;
    assert.equal(m.status, 'cancelled');
  });

  it('breaking out of the loop cancels the call too', async () => {
    s.settings.tokenDelayMs = 10;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const g = c.generate({ prompt: 'p', maxTokens: 1000 }, { requestId: 'break-1' });
    for await (const ch of g) {
      assert.ok(ch.text);
      break;
    }
    assert.ok(await waitFor(() => s.cancelled.includes('break-1')));
    assert.equal((await g.metrics).status, 'cancelled');
  });

  it('a deadline ends a slow generation with a deadline error, and the server sees it', async () => {
    s.settings.tokenDelayMs = 50;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const t0 = performance.now();
    await expectError(c.generate({ prompt: 'p', maxTokens: 1000 }, { deadlineMs: 300, requestId: 'slow-1' }).text(), 'deadline', /300 ms deadline/);
    const took = performance.now() - t0;
    assert.ok(took >= 250 && took < 1500, `took ${took} ms`);
    assert.ok(await waitFor(() => s.cancelled.includes('slow-1')));
  });

  it('an error from the model on the stream becomes a model-error after the text so far', async () => {
    s.settings.failAfterTokens = 3;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const got: string[] = [];
    await expectError(
      (async () => {
        for await (const ch of c.generate({ prompt: 'p', maxTokens: 10 })) got.push(ch.text);
      })(),
      'model-error',
      /simulated executor failure/,
    );
    assert.equal(got.join(''), fakeText(3));
  });

  it('garbage in a BYTES output: a malformed length is a clear error', async () => {
    s.settings.garbage = 'length';
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    await expectError(c.generate({ prompt: 'p', maxTokens: 3 }).text(), 'bad-output', /output 'text_output' .* is malformed/);
  });

  it('garbage in a BYTES output: invalid UTF-8 becomes replacement characters, not a crash', async () => {
    s.settings.garbage = 'utf8';
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const text = await c.generate({ prompt: 'p', maxTokens: 2 }).text();
    assert.ok(text.startsWith('Claim'));
    assert.ok(text.includes('\uFFFD'));
  });

  it("receives a 10 MB response intact (above grpc-js's 4 MiB default)", async () => {
    s.settings.bigOutputBytes = 10 * 1024 * 1024;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const text = await c.generate({ prompt: 'p' }).text();
    assert.equal(text.length, 10 * 1024 * 1024);
    assert.equal(
      createHash('sha256').update(text).digest('hex'),
      createHash('sha256')
        .update('x'.repeat(10 * 1024 * 1024))
        .digest('hex'),
    );
    const small = connect({ endpoints: [s.address], model: 'ensemble', maxReceiveMessageBytes: 4 * 1024 * 1024 });
    await expectError(small.generate({ prompt: 'p' }).text(), 'too-large', /receive limit/);
  });

  it('a missing model, a model not ready and an unreachable endpoint have clear messages', async () => {
    const missing = connect({ endpoints: [s.address], model: 'no_such_model' });
    await expectError(missing.generate({ prompt: 'p' }).text(), 'model-missing', /'no_such_model' is not in the model repository/);
    s.models.set('loading', { ...ensembleModel('loading'), ready: false });
    const loading = connect({ endpoints: [s.address], model: 'loading' });
    await expectError(loading.generate({ prompt: 'p' }).text(), 'model-not-ready', /'loading' is not ready/);
    const dead = connect({ endpoints: ['127.0.0.1:1'], model: 'ensemble', callTimeoutMs: 2000 });
    await expectError(dead.generate({ prompt: 'p' }).text(), 'unreachable', /cannot reach Triton at 127\.0\.0\.1:1/);
  });

  it('a wrong shape from a mapping is reported as a shape error naming the input', async () => {
    const c = connect({ endpoints: [s.address], model: 'ensemble', mapping: { textInput: 'stop_words', textOutput: 'text_output', maxTokens: 'max_tokens', stream: 'stream', stop: 'text_input' } });
    await expectError(c.generate({ prompt: 'p', stop: ['a', 'b'] }).text(), 'shape', /text_input/);
  });

  it('measures TTFT, ITL, tokens and latency, and logs no text', async () => {
    s.settings.firstTokenDelayMs = 30;
    s.settings.tokenDelayMs = 5;
    const events: InferenceLogEvent[] = [];
    const c = connect({ endpoints: [s.address], model: 'ensemble', log: (e) => events.push(e) });
    const g = c.generate({ prompt: 'SECRET-PROMPT', maxTokens: 11 });
    const text = await g.text();
    const m = await g.metrics;
    assert.equal(m.status, 'ok');
    assert.equal(m.outputTokens, 11);
    assert.ok(m.timeToFirstTokenMs! >= 25 && m.timeToFirstTokenMs! < 500, `ttft ${m.timeToFirstTokenMs}`);
    assert.ok(m.interTokenLatencyMs! >= 3 && m.interTokenLatencyMs! < 100, `itl ${m.interTokenLatencyMs}`);
    assert.ok(Math.abs(m.interTokenLatencyMs! - (m.requestLatencyMs - m.timeToFirstTokenMs!) / 10) < 1e-9);
    assert.equal(m.outputBytes, Buffer.byteLength(text));
    const logged = JSON.stringify(events);
    assert.ok(events.some((e) => e.type === 'generation'));
    assert.ok(!logged.includes('SECRET') && !logged.includes('fastening'), 'log contains text');
  });
});

describe('inference client: failover', () => {
  it('retries on the next endpoint when the first refuses connections', async () => {
    const b = await start();
    const events: InferenceLogEvent[] = [];
    const c = connect({ endpoints: ['127.0.0.1:1', b.address], model: 'ensemble', log: (e) => events.push(e) });
    for (let i = 0; i < 3; i++) assert.equal(await c.generate({ prompt: 'p', maxTokens: 4 }).text(), fakeText(4));
    const states = c.endpointStates();
    assert.equal(states[0].healthy, false);
    assert.equal(states[1].healthy, true);
    assert.ok(events.some((e) => e.type === 'endpoint-down' && e.endpoint === '127.0.0.1:1'));
  });

  it('retries when an endpoint answers UNAVAILABLE before the first token, and re-probes it later', async () => {
    const a = await start();
    const b = await start();
    a.settings.unavailable = true;
    const events: InferenceLogEvent[] = [];
    const c = connect({ endpoints: [a.address, b.address], model: 'ensemble', reprobeMs: 100, log: (e) => events.push(e) });
    await c.discover();
    const attempts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const g = c.generate({ prompt: 'p', maxTokens: 4 });
      assert.equal(await g.text(), fakeText(4));
      const m = await g.metrics;
      assert.equal(m.endpoint, b.address);
      attempts.push(m.attempts);
    }
    assert.deepEqual(attempts.sort(), [1, 2]);
    assert.ok(events.some((e) => e.type === 'failover' && e.from === a.address));
    assert.equal(c.endpointStates()[0].healthy, false);
    a.settings.unavailable = false; // ServerReady answered all along: the probe brings it back
    assert.ok(await waitFor(() => c.endpointStates()[0].healthy, 3000), 'endpoint not re-probed');
    assert.ok(events.some((e) => e.type === 'endpoint-up' && e.endpoint === a.address));
  });

  it('spreads concurrent generations over healthy endpoints by outstanding requests', async () => {
    const a = await start();
    const b = await start();
    a.settings.tokenDelayMs = b.settings.tokenDelayMs = 5;
    const c = connect({ endpoints: [a.address, b.address], model: 'ensemble' });
    await c.discover();
    const gens = Array.from({ length: 8 }, () => c.generate({ prompt: 'p', maxTokens: 5 }));
    const texts = await Promise.all(gens.map((g) => g.text()));
    assert.ok(texts.every((t) => t === fakeText(5)));
    const eps = await Promise.all(gens.map(async (g) => (await g.metrics).endpoint));
    assert.equal(eps.filter((e) => e === a.address).length, 4);
  });

  it('never retries after text arrived: a server killed mid-stream ends with connection-lost, no duplicated text', async () => {
    const a = await start();
    const b = await start();
    // Whichever endpoint takes the request dies after 3 tokens.
    for (const x of [a, b]) {
      x.settings.killAfterTokens = 3;
      x.settings.tokenDelayMs = 2;
    }
    const c = connect({ endpoints: [a.address, b.address], model: 'ensemble' });
    await c.discover();
    const got: string[] = [];
    const g = c.generate({ prompt: 'p', maxTokens: 50 });
    await expectError(
      (async () => {
        for await (const ch of g) got.push(ch.text);
      })(),
      'connection-lost',
      /lost during generation/,
    );
    assert.equal(got.join(''), fakeText(3));
    assert.equal((await g.metrics).attempts, 1);
    assert.equal(a.requests.length + b.requests.length, 1, 'the generation was retried');
    assert.ok(a.killed !== b.killed);
    // The next generation goes to the surviving endpoint.
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 2 }).text(), fakeText(2));
  });
});
