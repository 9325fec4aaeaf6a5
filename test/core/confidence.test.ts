// Finding confidence: the default a check's findings get where the check sets none, a check's own
// value kept, and CheckSettings.minConfidence leaving out the less sure findings.
import assert from 'node:assert/strict';
import { CHECKS } from '../../src/core/analyze';
import { CONFIDENCES, DEFAULT_CONFIDENCE, defaultConfidence, isConfidence, meetsConfidence, type Check } from '../../src/core/checks/context';
import { CHECK_CODES, type CheckCode, type Confidence } from '../../src/core';
import { analyze, claimsOnly, codes } from '../support/matter';

// Style findings (defaults low), a numbering gap (high) and a claim that is not one sentence (claim-form, high).
const STYLE = '1. A brake comprising means for stopping a wheel and a pad of about 2 cm, wherein the pad must be critical.\n\n3. The brake of claim 1, wherein the pad is rubber\n';

/** Runs `fn` with the check of `code` replaced by `check`, then puts the real one back. */
function withCheck<T>(code: CheckCode, check: Check, fn: () => T): T {
  const entry = CHECKS.find(([c]) => c === code)!;
  const real = entry[1];
  entry[1] = check;
  try {
    return fn();
  } finally {
    entry[1] = real;
  }
}

describe('finding confidence', () => {
  it('has a default for every code, and only the documented values', () => {
    assert.deepEqual(Object.keys(DEFAULT_CONFIDENCE).sort(), [...CHECK_CODES].sort());
    for (const code of CHECK_CODES) assert.ok(isConfidence(DEFAULT_CONFIDENCE[code]), code);
    for (const code of ['claim-numbering', 'claim-dependency', 'multiple-dependency', 'canceled-parent', 'claim-form', 'glossary', 'abstract', 'title', 'antecedent-basis'] as const) {
      assert.equal(DEFAULT_CONFIDENCE[code], 'high', code);
    }
    for (const code of ['term-variant', 'numeral-conflict', 'term-unsupported'] as const) assert.equal(DEFAULT_CONFIDENCE[code], 'medium', code);
    for (const code of ['relative-term', 'means-plus-function', 'patent-profanity'] as const) assert.equal(DEFAULT_CONFIDENCE[code], 'low', code);
  });

  it('makes an antecedent-basis finding the check reports as info low, and leaves other info findings at their code default', () => {
    assert.equal(defaultConfidence('antecedent-basis', 'info'), 'low');
    assert.equal(defaultConfidence('antecedent-basis', 'warning'), 'high');
    assert.equal(defaultConfidence('antecedent-basis', undefined), 'high');
    assert.equal(defaultConfidence('claim-numbering', 'info'), 'high');
    assert.equal(defaultConfidence('relative-term', 'info'), 'low');
  });

  it('orders the values and compares against a minimum', () => {
    assert.deepEqual([...CONFIDENCES], ['low', 'medium', 'high']);
    assert.ok(meetsConfidence('low', undefined));
    assert.ok(meetsConfidence('low', 'low'));
    assert.ok(!meetsConfidence('low', 'medium'));
    assert.ok(meetsConfidence('medium', 'medium'));
    assert.ok(!meetsConfidence('medium', 'high'));
    assert.ok(meetsConfidence('high', 'high'));
    assert.ok(meetsConfidence(undefined, 'high'), 'a finding with no confidence is taken as sure');
    for (const bad of ['', 'HIGH', 'sure', 1, null, undefined, ['high']]) assert.ok(!isConfidence(bad), String(bad));
  });

  it('gives every finding of analyzeMatter a confidence, the code default where the check set none', () => {
    const a = claimsOnly(STYLE);
    assert.ok(a.findings.length > 0);
    for (const f of a.findings) assert.ok(isConfidence(f.confidence), `${f.code} has a confidence`);
    for (const code of ['relative-term', 'means-plus-function', 'patent-profanity'] as const) {
      assert.ok(codes(a, code).length > 0, `${code} fires on the fixture`);
      assert.ok(
        codes(a, code).every((f) => f.confidence === 'low'),
        code,
      );
    }
    assert.equal(codes(a, 'claim-numbering')[0]?.confidence, 'high');
    const abs = analyze({ 'claims.md': '1. A brake.\n', 'abstract.md': '# Abstract\n\nA brake.\n' });
    assert.equal(codes(abs, 'abstract')[0]?.confidence, 'high');
  });

  it('keeps the confidence a check sets, and takes the default from the severity the check reported, not a configured one', () => {
    const fake =
      (confidence?: Confidence, severity?: 'info'): Check =>
      (ctx, report) => {
        const c = ctx.claims[0]!;
        report('antecedent-basis', { message: 'x', uri: c.uri, start: c.textRange.start.offset, end: c.textRange.start.offset + 1, claim: 1, confidence, severity });
      };
    const only = (a: ReturnType<typeof claimsOnly>) => codes(a, 'antecedent-basis').map((f) => f.confidence);
    assert.deepEqual(
      withCheck('antecedent-basis', fake('medium'), () => only(claimsOnly('1. A brake.\n'))),
      ['medium'],
    );
    assert.deepEqual(
      withCheck('antecedent-basis', fake(undefined, 'info'), () => only(claimsOnly('1. A brake.\n'))),
      ['low'],
    );
    // Configured as info by the user: the check still reported a warning, so the default stays high.
    assert.deepEqual(
      withCheck('antecedent-basis', fake(), () => only(claimsOnly('1. A brake.\n', { severity: { 'antecedent-basis': 'info' } }))),
      ['high'],
    );
    assert.equal(
      withCheck('antecedent-basis', fake(), () => codes(claimsOnly('1. A brake.\n', { severity: { 'antecedent-basis': 'info' } }), 'antecedent-basis')[0]?.severity),
      'info',
    );
  });

  it('says a check that failed with high confidence, so no minimum hides it', () => {
    const boom: Check = () => {
      throw new Error('boom');
    };
    const a = withCheck('relative-term', boom, () => claimsOnly(STYLE, { minConfidence: 'high' }));
    const failed = codes(a, 'relative-term');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.message, /check failed/);
    assert.equal(failed[0]!.confidence, 'high');
  });

  it('leaves out the findings below minConfidence, and nothing else', () => {
    const all = claimsOnly(STYLE);
    assert.ok(
      all.findings.some((f) => f.confidence === 'low'),
      'the fixture has low findings',
    );
    assert.deepEqual(claimsOnly(STYLE, { minConfidence: 'low' }).findings, all.findings);
    for (const min of ['medium', 'high'] as const) {
      const some = claimsOnly(STYLE, { minConfidence: min });
      assert.deepEqual(
        some.findings,
        all.findings.filter((f) => meetsConfidence(f.confidence, min)),
        min,
      );
    }
    const high = claimsOnly(STYLE, { minConfidence: 'high' });
    assert.equal(codes(high, 'relative-term').length, 0);
    assert.equal(codes(high, 'claim-numbering').length, 1);
  });
});
