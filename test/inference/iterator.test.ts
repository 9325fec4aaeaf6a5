// A generation's hand-written iterator (GenerationRun in src/inference/client.ts): leaving
// early by return() or throw() cancels the call on the server, a slow consumer gets all the
// text in fewer chunks, a malformed response mid-stream ends the generation without failover,
// failover before the first token is bounded by the endpoints, and overlapping next() calls
// answer in order. Every test talks to the test server over real gRPC.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { InferenceError, type GenerationMetrics, type TextChunk } from '../../src/inference';
import { ensembleModel, fakeText, nonDecoupledModel } from './server/models';
import { fleet, rejection, waitFor } from './helpers';

const { start, connect } = fleet(() => ({ models: [ensembleModel(), nonDecoupledModel()] }));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('inference client: the iterator of a generation', () => {
  it('return() after the first chunk cancels the call on the server; later next() calls are done', async () => {
    const s = await start();
    s.settings.tokenDelayMs = 5;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const g = c.generate({ prompt: 'p', maxTokens: 1000 }, { requestId: 'ret-1' });
    const it = g[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal(first.done, false);
    assert.ok((first.value as TextChunk).text.length > 0);
    assert.deepEqual(await it.return!(), { value: undefined, done: true });
    assert.ok(await waitFor(() => s.cancelled.includes('ret-1')), 'the server did not see the cancellation');
    const m = await g.metrics;
    assert.equal(m.status, 'cancelled');
    assert.equal(m.errorCode, 'cancelled');
    assert.equal((await it.next()).done, true);
    assert.equal(c.endpointStates()[0].outstanding, 0);
  });

  it("throw() rejects with the consumer's error and cancels the call", async () => {
    const s = await start();
    s.settings.tokenDelayMs = 5;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const g = c.generate({ prompt: 'p', maxTokens: 1000 }, { requestId: 'throw-1' });
    const it = g[Symbol.asyncIterator]();
    await it.next();
    const mine = new Error('the consumer gave up');
    assert.equal(await rejection(it.throw!(mine)), mine);
    assert.ok(await waitFor(() => s.cancelled.includes('throw-1')), 'the server did not see the cancellation');
    assert.equal((await g.metrics).status, 'cancelled');
    assert.equal(c.endpointStates()[0].outstanding, 0);
  });

  it('return() while a next() waits answers that next() as done', async () => {
    const s = await start();
    s.settings.firstTokenDelayMs = 300;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    await c.discover();
    const g = c.generate({ prompt: 'p', maxTokens: 4 }, { requestId: 'ret-wait' });
    const it = g[Symbol.asyncIterator]();
    const pending = it.next();
    await sleep(20);
    await it.return!();
    assert.deepEqual(await pending, { value: undefined, done: true });
    assert.ok(await waitFor(() => s.cancelled.includes('ret-wait')));
    assert.equal((await g.metrics).status, 'cancelled');
  });

  it('leaving before the first next(), or during discovery, sends no request and still ends the metrics', async () => {
    const s = await start();
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const before = c.generate({ prompt: 'p', maxTokens: 4 });
    await before[Symbol.asyncIterator]().return!();
    assert.equal((await before.metrics).status, 'cancelled');
    // The client has not discovered the model yet: the first next() waits for discovery.
    const during = c.generate({ prompt: 'p', maxTokens: 4 });
    const it = during[Symbol.asyncIterator]();
    const first = it.next();
    await it.return!();
    assert.equal((await first).done, true);
    assert.equal((await during.metrics).status, 'cancelled');
    await c.discover();
    await sleep(20);
    assert.equal(s.requests.filter((r) => r.rpc === 'ModelStreamInfer').length, 0);
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 3 }).text(), fakeText(3));
  });

  it('a consumer slower than the stream gets all the text, in fewer and larger chunks', async () => {
    const s = await start();
    s.settings.tokenDelayMs = 1;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const g = c.generate({ prompt: 'p', maxTokens: 60 });
    const chunks: TextChunk[] = [];
    for await (const ch of g) {
      chunks.push(ch);
      await sleep(15);
    }
    assert.equal(chunks.map((ch) => ch.text).join(''), fakeText(60));
    assert.ok(chunks.length < 30, `${chunks.length} chunks for 60 tokens read every 15 ms`);
    assert.deepEqual(
      chunks.map((ch) => ch.index),
      chunks.map((_, i) => i),
    );
    for (let i = 1; i < chunks.length; i++) assert.ok(chunks[i].atMs >= chunks[i - 1].atMs);
    const m = await g.metrics;
    assert.equal(m.status, 'ok');
    assert.equal(m.outputTokens, 60, 'every response counts as a token, however they were gathered');
  });

  it('a malformed response mid-stream ends the generation with bad-output after the text so far, without failover', async () => {
    const a = await start();
    const b = await start();
    for (const x of [a, b]) {
      x.settings.malformedAfterTokens = 3;
      x.settings.tokenDelayMs = 2;
    }
    const c = connect({ endpoints: [a.address, b.address], model: 'ensemble' });
    await c.discover();
    const got: string[] = [];
    const g = c.generate({ prompt: 'p', maxTokens: 50 });
    const e = await rejection(
      (async () => {
        for await (const ch of g) got.push(ch.text);
      })(),
    );
    assert.ok(e instanceof InferenceError, String(e));
    assert.equal(e.code, 'bad-output');
    assert.match(e.message, /length 80 runs past the end/);
    assert.equal(got.join(''), fakeText(3));
    const m = await g.metrics;
    assert.equal(m.status, 'error');
    assert.equal(m.errorCode, 'bad-output');
    assert.equal(m.attempts, 1);
    assert.equal(a.requests.length + b.requests.length, 1, 'the generation was sent twice');
    assert.deepEqual(
      c.endpointStates().map((x) => x.outstanding),
      [0, 0],
    );
  });

  it('fails over before the first token at most once per endpoint, and reports the last failure', async () => {
    const servers = await Promise.all([start(), start(), start()]);
    const c = connect({ endpoints: servers.map((x) => x.address), model: 'ensemble', reprobeMs: 60_000 });
    await c.discover();
    for (const x of servers) x.settings.unavailable = true;
    const g = c.generate({ prompt: 'p', maxTokens: 4 });
    const e = await rejection(g.text());
    assert.ok(e instanceof InferenceError, String(e));
    assert.equal(e.code, 'unreachable');
    const m: GenerationMetrics = await g.metrics;
    assert.equal(m.attempts, 3);
    assert.equal(m.status, 'error');
    assert.deepEqual(
      c.endpointStates().map((x) => x.outstanding),
      [0, 0, 0],
    );
    assert.deepEqual(
      c.endpointStates().map((x) => x.healthy),
      [false, false, false],
    );
  });

  it('fails over on the ModelInfer path of a model that does not stream', async () => {
    const a = await start();
    const b = await start();
    const c = connect({ endpoints: [a.address, b.address], model: 'ensemble_sync' });
    await c.discover();
    a.settings.unavailable = true;
    const results: GenerationMetrics[] = [];
    for (let i = 0; i < 2; i++) {
      const g = c.generate({ prompt: 'p', maxTokens: 5 });
      assert.equal(await g.text(), fakeText(5));
      results.push(await g.metrics);
    }
    assert.ok(results.every((m) => m.endpoint === b.address && m.streamed === false && m.status === 'ok'));
    assert.deepEqual(results.map((m) => m.attempts).sort(), [1, 2]);
  });

  it('answers overlapping next() calls in order, each with its own text', async () => {
    const s = await start();
    s.settings.tokenDelayMs = 3;
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const it = c.generate({ prompt: 'p', maxTokens: 12 })[Symbol.asyncIterator]();
    let text = '';
    for (;;) {
      const [x, y] = await Promise.all([it.next(), it.next()]);
      if (!x.done) text += x.value.text;
      if (!y.done) text += y.value.text;
      if (x.done || y.done) break;
    }
    assert.equal(text, fakeText(12));
    assert.equal((await it.next()).done, true);
  });

  it('a slow consumer still hits the total-bytes cap: the text before it arrives in order, then too-large', async () => {
    const s = await start();
    const c = connect({ endpoints: [s.address], model: 'ensemble', maxGenerationBytes: 4000 });
    const g = c.generate({ prompt: 'p', maxTokens: 5000 }, { requestId: 'cap-slow' });
    let text = '';
    const e = await rejection(
      (async () => {
        for await (const ch of g) {
          text += ch.text;
          await sleep(20); // the stream runs ahead and gathers text while the consumer waits
        }
      })(),
    );
    assert.ok(e instanceof InferenceError && e.code === 'too-large', String(e));
    assert.ok(text.length > 0 && fakeText(5000).startsWith(text), 'the text delivered is a prefix of the stream, in order');
    assert.ok(await waitFor(() => s.cancelled.includes('cap-slow')), 'the server was not told to stop');
  });

  it('close() cancels the streams still open: the server is told, the generation fails', async () => {
    const s = await start();
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    assert.equal(await c.generate({ prompt: 'p', maxTokens: 5 }, { requestId: 'done-1' }).text(), fakeText(5));
    s.settings.tokenDelayMs = 5;
    const g = c.generate({ prompt: 'p', maxTokens: 10_000 }, { requestId: 'open-1' });
    const it = g[Symbol.asyncIterator]();
    assert.equal((await it.next()).done, false);
    c.close();
    const e = await rejection(
      (async () => {
        for (let r = await it.next(); !r.done; r = await it.next());
      })(),
    );
    assert.ok(e instanceof InferenceError, String(e));
    assert.ok(await waitFor(() => s.cancelled.includes('open-1')), 'the server did not see the cancellation');
    assert.notEqual((await g.metrics).status, 'ok');
  });

  it('a generation left unfinished without return() leaves no call behind once its stream ends', async () => {
    const s = await start();
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const live = (c as unknown as { live: Set<unknown> }).live;
    const its = Array.from({ length: 20 }, () => c.generate({ prompt: 'p', maxTokens: 8 })[Symbol.asyncIterator]());
    for (const it of its) assert.equal((await it.next()).done, false); // then dropped, never finished or returned
    assert.ok(await waitFor(() => live.size === 0), `${live.size} calls still held`);
  });

  it('opens its streams on the channel: no Client stream (nor its stack capture) per call, Error.stackTraceLimit untouched', async () => {
    const s = await start();
    const c = connect({ endpoints: [s.address], model: 'ensemble' });
    const proto = grpc.Client.prototype;
    const original = proto.makeBidiStreamRequest;
    let clientStreams = 0;
    proto.makeBidiStreamRequest = function (this: grpc.Client, ...args: unknown[]) {
      clientStreams++;
      return (original as (...a: unknown[]) => grpc.ClientDuplexStream<unknown, unknown>).apply(this, args);
    } as typeof original;
    const limit = Error.stackTraceLimit;
    try {
      assert.equal(await c.generate({ prompt: 'p', maxTokens: 3 }).text(), fakeText(3));
    } finally {
      proto.makeBidiStreamRequest = original;
    }
    assert.equal(clientStreams, 0);
    assert.equal(Error.stackTraceLimit, limit);
  });
});
