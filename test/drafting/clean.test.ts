// The stream cleaner: incremental (work linear in the output, counted, not timed), the same text
// streamed in any split as cleaned at once, special tokens stripped, an end-of-turn token ends it.
import assert from 'node:assert/strict';
import { cleanOutput, renderChat, StreamCleaner, type CleanInfo } from '../../src/drafting';

const dep: CleanInfo = { kind: 'dependent', prompt: 'PROMPT\nDependent claims:\n', nextNumber: 9, claim: 1, count: 5 };

function stream(info: CleanInfo, raw: string, size: number | ((i: number) => number), checkAppend = false): { text: string; work: number; appendOnly: boolean } {
  const c = new StreamCleaner(info);
  let text = '';
  let appendOnly = true;
  let i = 0;
  let k = 0;
  while (i < raw.length) {
    const n = Math.max(1, typeof size === 'number' ? size : size(k++));
    const before = checkAppend ? c.text : '';
    text += c.push(raw.slice(i, i + n));
    if (checkAppend && !c.text.startsWith(before)) appendOnly = false;
    i += n;
    if (c.stopped) break;
  }
  text += c.finish();
  return { text, work: c.work, appendOnly };
}

/** A deterministic pseudo-random split. */
function splits(seed: number): (i: number) => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return 1 + (x % 9);
  };
}

describe('drafting: stream cleaner', () => {
  it('does work linear in the output, not quadratic (one long claim, 1-character deltas)', () => {
    for (const n of [20000, 80000]) {
      const raw = '1. The monitoring system of claim 1, wherein ' + 'the sensor is mounted on the housing and '.repeat(Math.ceil(n / 41)).slice(0, n) + '.';
      const r = stream(dep, raw, 1);
      assert.ok(r.text.startsWith('9. The monitoring system of claim 1, wherein the sensor'));
      // Re-cleaning the whole text on every delta would look at about n²/2 characters.
      assert.ok(r.work < 40 * raw.length, `${r.work} characters looked at for ${raw.length}`);
    }
  });

  it('abstract and continue streams are linear too', () => {
    const abs: CleanInfo = { kind: 'abstract', prompt: 'P', nextNumber: 3 };
    const cont: CleanInfo = { kind: 'continue', prompt: 'P', nextNumber: 3, claim: 1, partial: 'A monitoring system comprising a sensor' };
    const body = 'a housing protects the sensor from heat '.repeat(1500);
    for (const info of [abs, cont]) {
      const r = stream(info, body, 3);
      assert.ok(r.work < 40 * body.length, `${info.kind}: ${r.work} for ${body.length}`);
      assert.ok(r.text.length > body.length * 0.9);
    }
  });

  it('streamed in any split gives what cleaning at once gives, and only ever appends', () => {
    const cases: [CleanInfo, string][] = [
      [
        dep,
        'PROMPT\nDependent claims:\n2. The monitoring system of claim 3, wherein the sensor comprises a thermocouple.\n\n7. The monitoring system of claim 2, wherein the thermostat is mounted on the housing.\n',
      ],
      [dep, 'Claims:\n**Claim 4.** The system of claim 2, wherein a display is mounted.\nClaim 5: The system of claim 2, further comprising a fan.\n\n# Notes\nignore this'],
      [{ kind: 'abstract', prompt: 'P', nextNumber: 3 }, 'Abstract:\nA monitoring system   includes a housing\nand a sensor.\n\nClaim 1. A system.'],
      [
        { kind: 'continue', prompt: 'P', nextNumber: 3, claim: 1, partial: 'A monitoring system comprising a sensor' },
        'A monitoring system comprising a sensor disposed in the housing;\n   a controller.\n\n2. The system of claim 1.',
      ],
      [{ kind: 'claim', prompt: 'P', nextNumber: 3 }, '3. A system comprising:\n   a housing; and\n   a sensor.\n4. A method.'],
    ];
    for (const [info, raw] of cases) {
      const once = cleanOutput(raw, info).text;
      assert.ok(once.length > 0, raw);
      for (const seed of [1, 2, 3, 4, 5]) {
        const r = stream(info, raw, splits(seed), true);
        assert.equal(r.text, once, `seed ${seed}: ${JSON.stringify(raw)}`);
        assert.ok(r.appendOnly);
      }
      assert.equal(stream(info, raw, 1).text, once);
    }
  });

  it('strips chat tokens; an end-of-turn token ends the output, even split across deltas', () => {
    const info: CleanInfo = { ...dep, ...pick(renderChat('llama3', [{ role: 'user', content: 'x' }])) };
    const raw =
      '<|start_header_id|>assistant<|end_header_id|>\n\n9. The monitoring system of claim 1, wherein the sensor comprises a thermocouple.<|eot_id|>\n\n10. The monitoring system of claim 1, wherein junk.';
    for (const seed of [1, 2, 3]) assert.equal(stream(info, raw, splits(seed)).text, '9. The monitoring system of claim 1, wherein the sensor comprises a thermocouple.');
    const chatml: CleanInfo = { kind: 'abstract', prompt: 'P', nextNumber: 3, ...pick(renderChat('chatml', [{ role: 'user', content: 'x' }])) };
    assert.equal(cleanOutput('<|im_start|>assistant\nA monitoring system includes a housing.<|im_end|><|im_start|>user\nmore', chatml).text, 'A monitoring system includes a housing.');
    const mistral: CleanInfo = { kind: 'abstract', prompt: 'P', nextNumber: 3, ...pick(renderChat('mistral', [{ role: 'user', content: 'x' }])) };
    assert.equal(cleanOutput('[/INST] A monitoring system includes a housing.</s>[INST] again', mistral).text, 'A monitoring system includes a housing.');
    // A "<" that is no token stays.
    assert.equal(cleanOutput('A value < 5 and <b> stays.', { kind: 'abstract', prompt: 'P', nextNumber: 3 }).text, 'A value < 5 and <b> stays.');
  });
});

function pick(r: { specialTokens: string[]; endTokens: string[] }): Pick<CleanInfo, 'specialTokens' | 'endTokens'> {
  return { specialTokens: r.specialTokens, endTokens: r.endTokens };
}
