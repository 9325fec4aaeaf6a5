// The built-in drafting engine on a small matter of our own: each task's output, its sources,
// its streaming in segments, cancellation and determinism.
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { analyzeMatter, countWords, createMatter, type Analysis } from '../../src/core';
import { BuiltinBackend, collectDraft, DraftError, type DraftChunk, type DraftTask } from '../../src/drafting';
import { tokenize } from '../../src/core/words';
import { STOP } from '../../src/core/phrases';

const DIR = path.join(__dirname, 'fixtures', 'sensor');
function fixture(): Analysis {
  const docs = ['claims.md', 'disclosure.md'].map((f) => ({ uri: path.join(DIR, f), text: readFileSync(path.join(DIR, f), 'utf8') }));
  return analyzeMatter(createMatter(DIR, docs));
}
const engine = new BuiltinBackend();
const run = (a: Analysis, task: DraftTask) => collectDraft(engine.generate(task, { analysis: a }));
const content = (s: string) =>
  tokenize(s)
    .map((t) => t.norm)
    .filter((w) => w.length > 2 && !STOP.has(w) && !/^\d/.test(w));

describe('drafting: built-in engine', () => {
  const a = fixture();

  it('dependent claims: features the disclosure adds to claim terms, numbered from the next claim', async () => {
    const r = await run(a, { kind: 'dependent', claim: 1 });
    assert.equal(
      r.text,
      [
        '3. The monitoring system of claim 1, further comprising a display configured to show readings.',
        '4. The monitoring system of claim 1, wherein the sensor comprises a thermocouple.',
        '5. The monitoring system of claim 1, wherein the controller includes a wireless transmitter.',
        // "stores": a relation the disclosure gives the controller ("The controller 106 may store the readings in a memory").
        '6. The monitoring system of claim 1, wherein the controller stores readings in a memory.',
      ].join('\n\n'),
    );
    assert.ok(r.complete);
    // Not offered: what claim 2 already recites (aluminum), and "The sensor is shown in FIG. 2."
    assert.doesNotMatch(r.text, /aluminum|shown|FIG/);
  });

  it('every suggestion shows the passage it came from, and says nothing that passage and the claims do not', async () => {
    const r = await run(a, { kind: 'dependent', claim: 1 });
    assert.equal(r.chunks.length, 4);
    const claimWords = new Set(content(a.claims.map((c) => c.text).join(' ')));
    for (const c of r.chunks) {
      assert.equal(c.source?.length, 1);
      const src = c.source![0];
      assert.equal(path.basename(src.uri), 'disclosure.md');
      const doc = a.matter.documents.find((d) => d.uri === src.uri)!;
      assert.equal(doc.text.slice(src.range.start.offset, src.range.end.offset).replace(/\s+/g, ' '), src.excerpt);
      const own = new Set(content(src.excerpt));
      for (const w of content(c.text.replace(/^\s*\d+\. /, ''))) assert.ok(own.has(w) || claimWords.has(w), `"${w}" of ${JSON.stringify(c.text)} is in neither its source nor the claims`);
    }
    const thermo = r.chunks.find((c) => c.text.includes('thermocouple'))!;
    assert.equal(thermo.source![0].excerpt, 'In some embodiments the sensor 104 comprises a thermocouple.');
    assert.equal(thermo.source![0].range.start.line, 14);
  });

  it('count limits the candidates; an unknown or canceled claim is a clear error', async () => {
    const r = await run(a, { kind: 'dependent', claim: 1, count: 1 });
    assert.equal(r.text, '3. The monitoring system of claim 1, further comprising a display configured to show readings.');
    await assert.rejects(
      run(a, { kind: 'dependent', claim: 9 }),
      (e: unknown) => e instanceof DraftError && e.code === 'no-claim' && /claim 9 is not in the matter \(it has claims 1 to 2\)/.test(e.message),
    );
  });

  it('abstract: claim language recast, 50-150 words, one paragraph, grounded in the field and summary', async () => {
    const r = await run(a, { kind: 'abstract' });
    // The field statement recast: no "The present disclosure relates to" (our own abstract check's opening rule).
    assert.ok(
      r.text.startsWith(
        'A monitoring system includes a housing, a sensor disposed in the housing, and a controller configured to read the sensor. The monitoring system is in the field of monitoring systems for industrial ovens.',
      ),
      r.text,
    );
    assert.doesNotMatch(r.text, /relates to|present disclosure/);
    const words = countWords(r.text);
    assert.ok(words >= 50 && words <= 150, `${words} words`);
    assert.doesNotMatch(r.text, /\n|\bsaid\b|\bcomprising\b|\bmeans\b|\b10[0-9]\b/);
    assert.ok(r.chunks.length >= 2, 'streamed in segments');
    assert.equal(path.basename(r.chunks[0].source![0].uri), 'claims.md');
    assert.ok(r.chunks.slice(1).every((c) => path.basename(c.source![0].uri) === 'disclosure.md'));
  });

  it('continue: the next words after a partial claim, from the disclosure', async () => {
    const r = await run(a, { kind: 'continue', claim: 1, text: 'A monitoring system comprising a sensor' });
    assert.equal(r.text, ' disposed in the housing');
    assert.match(r.chunks[0].source![0].excerpt, /a sensor disposed in the housing/);
  });

  it('continue: at an element boundary, the next element; on a whole claim, a feature it lacks', async () => {
    const el = await run(a, { kind: 'continue', claim: 1, text: 'A monitoring system comprising:\n   a housing;' });
    assert.equal(el.text, '\n   a display configured to show readings;');
    const whole = await run(a, { kind: 'continue', claim: 1 });
    assert.equal(whole.text, ', further comprising a display configured to show readings');
  });

  it('claim from a passage: subject and elements, numerals left out, checked by the core', async () => {
    const r = await run(a, { kind: 'claim', passage: 'The monitoring system 100 includes a housing 102, a sensor 104 and a controller 106. The housing 102 is made of aluminum.' });
    assert.equal(r.text, '3. A monitoring system comprising:\n   a housing;\n   a sensor; and\n   a controller.');
    assert.equal(r.chunks.length, 4);
    assert.equal(r.chunks[0].source![0].excerpt, 'The monitoring system 100 includes a housing 102, a sensor 104 and a controller 106.');
    const odd = await run(a, { kind: 'claim', passage: 'In some embodiments the controller 106 includes a wireless transmitter.' });
    assert.equal(odd.text, '3. A controller comprising a wireless transmitter.');
  });

  it('claim from a passage that describes a method: one step per line', async () => {
    const r = await run(a, {
      kind: 'claim',
      passage: 'In one aspect a method is provided for monitoring an oven, the method including reading a sensor, storing readings in a memory, and showing the readings on a display.',
    });
    assert.equal(r.text, '3. A method for monitoring an oven, the method comprising:\n   reading a sensor;\n   storing readings in a memory; and\n   showing the readings on a display.');
    assert.equal(r.chunks.length, 4);
  });

  it('generated claims carry the core findings that land in them', async () => {
    const ok = await run(a, { kind: 'claim', passage: 'A recorder has a memory, the clock and a battery.' });
    assert.equal(ok.text, '3. A recorder comprising:\n   a memory;\n   a clock; and\n   a battery.');
    assert.deepEqual(
      ok.chunks.flatMap((c) => c.findings ?? []).filter((f) => f.code === 'antecedent-basis'),
      [],
    );
    // "the clock" inside an element has no antecedent: the core says so, in the suggestion.
    const r = await run(a, { kind: 'claim', passage: 'A recorder has a memory connected to the clock.' });
    assert.equal(r.text, '3. A recorder comprising a memory connected to the clock.');
    const f = r.chunks.flatMap((c) => c.findings ?? []).find((x) => x.code === 'antecedent-basis');
    assert.ok(f, 'antecedent finding expected');
    assert.equal(f.claim, 3);
    assert.match(r.text.slice(f.start, f.end), /clock/);
  });

  it('streams segment by segment and stops when cancelled', async () => {
    const ac = new AbortController();
    const seen: DraftChunk[] = [];
    await assert.rejects(
      (async () => {
        for await (const c of engine.generate({ kind: 'dependent', claim: 1 }, { analysis: a }, { signal: ac.signal })) {
          seen.push(c);
          ac.abort();
        }
      })(),
      (e: unknown) => e instanceof DraftError && e.code === 'cancelled',
    );
    assert.equal(seen.length, 1);
    assert.ok(!seen[0].done);
  });

  it('the same matter gives the same output, every task', async () => {
    const tasks: DraftTask[] = [
      { kind: 'abstract' },
      { kind: 'dependent', claim: 1 },
      { kind: 'continue', claim: 1 },
      { kind: 'claim', passage: 'The monitoring system 100 includes a housing 102, a sensor 104 and a controller 106.' },
    ];
    for (const t of tasks) {
      const x = await run(a, t);
      const y = await run(fixture(), t);
      assert.deepEqual(y.chunks, x.chunks);
    }
  });
});
