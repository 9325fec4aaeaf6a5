// The editor's drafting helpers (no vscode): claim segments, the inline stream cache, where an
// abstract and generated claims go, and when a Triton endpoint is local.
import assert from 'node:assert/strict';
import { abstractStatus, countAbstractWords, planAbstract } from '../../src/extension/drafting/abstract.js';
import { fitContinuation, inlineTrigger, nextSegment, restAllowsSuggestion, segmentEnd } from '../../src/extension/drafting/segments.js';
import { StreamCache, SuggestionStream } from '../../src/extension/drafting/streamCache.js';
import { isLoopbackEndpoint, plaintextRemoteEndpoints, plaintextRemoteEndpointsResolved, endpointHost } from '../../src/drafting/trust.js';
import type { LocalCheck } from '../../src/inference/net.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A fake model stream: yields the chunks with small delays, stops when aborted. */
function fakeStream(chunks: string[], delayMs = 3): (signal: AbortSignal) => AsyncIterable<string> {
  return (signal) =>
    (async function* () {
      for (const c of chunks) {
        await sleep(delayMs);
        if (signal.aborted) return;
        yield c;
      }
    })();
}

describe('drafting: natural claim segments', () => {
  it('ends a segment after a semicolon or colon', () => {
    const t = 'a frame; a lever pivotally mounted; and a cable.';
    assert.equal(nextSegment(t, 0, false), 'a frame;');
    assert.equal(nextSegment(t, 8, false), ' a lever pivotally mounted;');
    assert.equal(nextSegment('comprising: a frame', 0, false), 'comprising:');
  });
  it('ends a segment before "wherein"', () => {
    const t = 'a lever, wherein the lever is pivoted';
    assert.equal(nextSegment(t, 0, false), 'a lever');
    assert.equal(nextSegment(t, 7, true), ', wherein the lever is pivoted');
  });
  it("shows a dependent claim's first limitation with its preamble, never the preamble alone (issue 15, item 3)", () => {
    const t = 'The brake caliper of claim 1, wherein the brake pad is sintered, and wherein the rotor is steel.';
    assert.equal(nextSegment(t, 0, false), 'The brake caliper of claim 1, wherein the brake pad is sintered');
    assert.equal(
      nextSegment('A method according to any one of claims 1 to 3, wherein the step is repeated.', 0, true),
      'A method according to any one of claims 1 to 3, wherein the step is repeated.',
    );
    // While only the preamble has arrived, the segment waits for more.
    assert.equal(nextSegment('The brake caliper of claim 1, wher', 0, false), undefined);
    // An element before "wherein" is still a segment of its own.
    assert.equal(nextSegment('a lever, wherein the lever is pivoted', 0, false), 'a lever');
  });
  it('suggests after ", wherein" typed before the claim\'s period, and after "; and" (issue 15, item 2)', () => {
    assert.equal(restAllowsSuggestion('.'), true);
    assert.equal(restAllowsSuggestion(''), true);
    assert.equal(restAllowsSuggestion(' the lever.'), false);
    assert.equal(inlineTrigger('4. The brake of claim 1, wherein'), 'wherein');
    assert.equal(inlineTrigger('  a frame; and'), 'element-end');
  });
  it('waits while a running stream has no boundary yet', () => {
    assert.equal(segmentEnd('a lever pivot', 0, false), undefined);
    assert.equal(nextSegment('a lever pivot', 0, false), undefined);
    assert.equal(nextSegment('a lever pivot', 0, true), 'a lever pivot');
  });
  it('takes the final period only at the end of the claim', () => {
    assert.equal(nextSegment('a lever, e.g. a rod', 0, false), undefined);
    assert.equal(nextSegment('a rod of 2.5 mm.', 0, true), 'a rod of 2.5 mm.');
    assert.equal(nextSegment('a rod.\n\n10. The', 0, false), 'a rod.');
  });
  it('skips boundaries that would give an empty segment', () => {
    assert.equal(nextSegment('; a frame;', 0, false), '; a frame;');
  });
  it('fits a continuation to the claim as typed', () => {
    assert.equal(fitContinuation('The brake of claim 1, wherein', ', wherein the lever is steel.'), ' the lever is steel.');
    assert.equal(fitContinuation('The brake of claim 1, wherein ', ', wherein the lever is steel.'), 'the lever is steel.');
    assert.equal(fitContinuation('a frame;', '\n   a lever;'), '\n   a lever;');
    assert.equal(fitContinuation('a frame;\n   ', '\n   a lever;'), 'a lever;');
    assert.equal(fitContinuation('a frame', 'and a lever'), ' and a lever');
    assert.equal(fitContinuation('a lever', ', wherein the lever is steel'), ', wherein the lever is steel');
  });
  it('knows where an inline suggestion makes sense', () => {
    assert.equal(inlineTrigger('9. '), 'new-claim');
    assert.equal(inlineTrigger('The brake of claim 1, wherein '), 'wherein');
    assert.equal(inlineTrigger('  a frame;'), 'element-end');
    assert.equal(inlineTrigger('A brake comprising:'), 'element-end');
    assert.equal(inlineTrigger('a lev'), undefined);
  });
});

describe('drafting: the inline stream cache', () => {
  it('serves the first segment as soon as it arrived, then the next from the same stream', async () => {
    const cache = new StreamCache();
    const base = '1. A brake comprising:';
    const s = cache.start('doc#0', base, fakeStream([' a fr', 'ame;', ' a lever', ';', ' and a cable.']));
    assert.equal(await s.waitForSegment(base), ' a frame;');
    // The user accepts the first segment: the document now holds it, the same stream serves on.
    const accepted = base + ' a frame;';
    assert.equal(cache.find('doc#0', accepted), s);
    assert.equal(await s.waitForSegment(accepted), ' a lever;');
    assert.equal(await s.waitForSegment(accepted + ' a lever;'), ' and a cable.');
    assert.equal(s.done, true);
  });

  it('reuses a stream while the user types along it, and drops one the text left', async () => {
    const cache = new StreamCache();
    const base = 'The brake of claim 1, wherein';
    const s = cache.start('doc#5', base, fakeStream([' the lever', ' is pivoted;', ' and']));
    await s.waitForSegment(base);
    const typed = base + ' the le';
    assert.equal(cache.find('doc#5', typed), s);
    assert.equal(await s.waitForSegment(typed), 'ver is pivoted;');
    // Typed something else: the stream no longer matches, it is stopped and dropped.
    assert.equal(cache.find('doc#5', base + ' the cable'), undefined);
    assert.equal(s.aborted, true);
    assert.equal(cache.size, 0);
  });

  it('stops the stream of a key when another starts there, keeps other keys', async () => {
    const cache = new StreamCache();
    const a = cache.start('a', 'x', fakeStream(['1', '2', '3'], 5));
    const b = cache.start('b', 'x', fakeStream(['1;'], 1));
    const a2 = cache.start('a', 'y', fakeStream(['z;'], 1));
    assert.equal(a.aborted, true);
    assert.equal(b.aborted, false);
    assert.equal(await a2.waitForSegment('y'), 'z;');
    cache.clear();
    assert.equal(b.aborted, true);
  });

  it('gives the partial text when cancelled or when the stream fails', async () => {
    const s = new SuggestionStream('k', '');
    const failing = (signal: AbortSignal) =>
      (async function* () {
        yield 'a lev';
        await sleep(2);
        if (!signal.aborted) throw new Error('server went away');
      })();
    await s.run(failing);
    assert.equal(s.done, true);
    assert.ok(s.error instanceof Error);
    assert.equal(await s.waitForSegment(''), 'a lev');
    const t = new SuggestionStream('k', '');
    void t.run(fakeStream(['a ', 'b ', 'c ', 'd;'], 20));
    let cancel: () => void = () => undefined;
    const token = { isCancellationRequested: false, onCancellationRequested: (cb: () => void) => ((cancel = cb), { dispose() {} }) };
    const waiting = t.waitForSegment('', token);
    await sleep(5);
    token.isCancellationRequested = true;
    cancel();
    const got = await waiting;
    assert.ok(got === undefined || 'a b c d;'.startsWith(got));
    t.abort();
  });

  it('reports progress to listeners', async () => {
    const s = new SuggestionStream('k', '');
    const seen: number[] = [];
    s.onProgress((x) => seen.push(x.text.length));
    await s.run(fakeStream(['ab', 'cd']));
    assert.deepEqual(seen.slice(0, 2), [2, 4]);
  });
});

describe('drafting: where an abstract goes', () => {
  it('replaces the body of an abstract file, heading kept', () => {
    const text = '# Abstract\n\nOld text here.\n';
    const plan = planAbstract(
      { abstract: { uri: 'f:/m/abstract.md', start: 10, end: text.length }, documents: [{ uri: 'f:/m/abstract.md', role: 'abstract', text }], root: 'f:/m' },
      'A brake  has\na lever.',
    );
    assert.equal(plan.kind, 'replace');
    if (plan.kind === 'replace') assert.equal(text.slice(0, plan.start) + plan.newText + text.slice(plan.end), '# Abstract\n\nA brake has a lever.\n');
  });
  it('adds a section to a single-file matter before the description', () => {
    const text = '# Brake\n\n## Description\n\nText.\n\n## Claims\n\n1. A brake.\n';
    const plan = planAbstract({ documents: [{ uri: 'f:/m/p.md', role: 'combined', text }], root: 'f:/m' }, 'A brake.');
    assert.equal(plan.kind, 'insert');
    if (plan.kind === 'insert')
      assert.equal(text.slice(0, plan.at) + plan.newText + text.slice(plan.at), '# Brake\n\n## Abstract\n\nA brake.\n\n## Description\n\nText.\n\n## Claims\n\n1. A brake.\n');
  });
  it('creates abstract.md in a split matter without one', () => {
    const plan = planAbstract({ documents: [{ uri: 'f:/m/claims.md', role: 'claims', text: '1. A.' }], root: 'f:/m/' }, 'A brake.');
    assert.deepEqual(plan, { kind: 'create', uri: 'f:/m/abstract.md', newText: '# Abstract\n\nA brake.\n' });
  });
  it('counts words against the 150-word limit', () => {
    assert.equal(countAbstractWords('A hand-operated brake, with 2 levers.'), 6);
    const long = Array.from({ length: 151 }, () => 'word').join(' ');
    assert.equal(abstractStatus(long).over, true);
    assert.match(abstractStatus(long).label, /1 over the limit/);
    assert.equal(abstractStatus('A brake.').over, false);
  });
});

describe('drafting: loopback and plaintext endpoints', () => {
  it('knows loopback hosts', () => {
    for (const e of ['localhost:8001', '127.0.0.1:8001', '[::1]:8001', 'grpc://127.0.0.2:8001', '[::ffff:127.0.0.1]:1']) assert.ok(isLoopbackEndpoint(e), e);
    // A *.localhost name is local only once it resolves to loopback (plaintextRemoteEndpointsResolved).
    for (const e of ['triton:8001', '10.0.0.5:8001', 'grpcs://gpu.example.com:443', '[2001:db8::1]:8001', 'localhost.evil.com:8001', 'a.localhost:1']) assert.ok(!isLoopbackEndpoint(e), e);
    assert.equal(endpointHost('grpc://user@Host.Example:8001/x'), 'host.example');
  });
  it('warns for remote endpoints without TLS only', () => {
    assert.deepEqual(plaintextRemoteEndpoints(['localhost:8001', 'gpu:8001', 'grpcs://gpu2:443'], false), ['gpu:8001']);
    assert.deepEqual(plaintextRemoteEndpoints(['gpu:8001'], true), []);
  });
  it('a *.localhost name is local only when it resolves to loopback, and the reason is kept', async () => {
    const notes: LocalCheck[] = [];
    const lookup = async (h: string) => (h === 'good.localhost' ? ['127.0.0.1'] : ['203.0.113.9']);
    assert.deepEqual(await plaintextRemoteEndpointsResolved(['good.localhost:8001', 'evil.localhost:8001', 'localhost:1'], false, notes, lookup), ['evil.localhost:8001']);
    assert.match(notes[0].reason!, /evil\.localhost resolves to 203\.0\.113\.9, not to this machine/);
  });
});
