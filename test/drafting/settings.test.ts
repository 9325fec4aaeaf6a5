// The drafting settings' one normaliser (src/drafting/settings.ts): what the extension sends and what
// the language server accepts go through it, so a cap or a default cannot differ between the two.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connectionKey, DRAFTING_SETTING_LIMITS, normalizeDraftingSettings } from '../../src/drafting/settings.js';

describe('drafting settings: one normaliser for the extension and the server', () => {
  it('gives the defaults for nothing, or for values of the wrong type', () => {
    for (const raw of [undefined, null, 7, 'triton', [], { triton: 'x', tokenBudget: 'big' }]) {
      const s = normalizeDraftingSettings(raw);
      assert.equal(s.backend, 'builtin');
      assert.deepEqual(s.triton.endpoints, []);
      assert.equal(s.triton.model, 'ensemble');
      assert.equal(s.triton.promptFormat, 'raw');
      assert.equal(s.triton.timeoutMs, 30000);
      assert.equal(s.triton.firstTokenTimeoutMs, 0);
      assert.equal(s.triton.idleTimeoutMs, 15000);
      assert.equal(s.tokenBudget, 1500);
      assert.equal(s.token, undefined);
      assert.deepEqual(s.plaintextAccepted, []);
    }
  });

  it('caps the endpoints at 16, trims them and drops empty or overlong ones', () => {
    const many = Array.from({ length: 40 }, (_, i) => ` host${i}:8001 `);
    const s = normalizeDraftingSettings({ triton: { endpoints: ['', '   ', 'x'.repeat(600), 3, ...many] } });
    assert.equal(s.triton.endpoints.length, DRAFTING_SETTING_LIMITS.endpoints);
    assert.equal(s.triton.endpoints[0], 'host0:8001');
  });

  it('takes only known prompt formats and model tasks', () => {
    const s = normalizeDraftingSettings({ triton: { promptFormat: 'llama4', models: { claims: ' fp16 ', abstract: '', summary: 'x', continue: 'y'.repeat(300) } } });
    assert.equal(s.triton.promptFormat, 'raw');
    assert.deepEqual(s.triton.models, { claims: 'fp16' });
    assert.equal(normalizeDraftingSettings({ triton: { promptFormat: 'chatml' } }).triton.promptFormat, 'chatml');
  });

  it('bounds every deadline and the token budget', () => {
    const s = normalizeDraftingSettings({ triton: { timeoutMs: 0, firstTokenTimeoutMs: -5, idleTimeoutMs: 1e12 }, tokenBudget: 99 });
    assert.equal(s.triton.timeoutMs, 30000, 'a zero deadline would fail every request: the default');
    assert.equal(s.triton.firstTokenTimeoutMs, 0);
    assert.equal(s.triton.idleTimeoutMs, DRAFTING_SETTING_LIMITS.maxMs);
    assert.equal(s.tokenBudget, 1500);
    const t = normalizeDraftingSettings({ triton: { timeoutMs: 2500.7, idleTimeoutMs: Number.NaN }, tokenBudget: 1e9 });
    assert.equal(t.triton.timeoutMs, 2500);
    assert.equal(t.triton.idleTimeoutMs, 15000);
    assert.equal(t.tokenBudget, DRAFTING_SETTING_LIMITS.maxTokenBudget);
  });

  it('normalises to a fixed point, so the server reads what the extension sent', () => {
    const once = normalizeDraftingSettings({
      backend: 'triton',
      triton: { endpoints: [' a:1 ', 'b:2'], model: ' m ', models: { abstract: 'int8' }, promptFormat: 'template', chatTemplate: ' /t.json ', tls: { caFile: ' /ca.pem ' }, timeoutMs: 9000 },
      tokenBudget: 800,
      token: ' s3cret ',
      plaintextAccepted: ['b:2', 5],
    });
    assert.deepEqual(normalizeDraftingSettings(JSON.parse(JSON.stringify(once))), once);
    assert.equal(once.token, 's3cret');
    assert.deepEqual(once.plaintextAccepted, ['b:2']);
  });

  it('changes the connection key only for connection settings', () => {
    const a = normalizeDraftingSettings({ backend: 'triton', triton: { endpoints: ['a:1'] } });
    assert.equal(connectionKey(normalizeDraftingSettings({ ...a, tokenBudget: 4000 })), connectionKey(a));
    assert.notEqual(connectionKey(normalizeDraftingSettings({ ...a, token: 't' })), connectionKey(a));
    assert.notEqual(connectionKey(normalizeDraftingSettings({ ...a, triton: { ...a.triton, timeoutMs: 5000 } })), connectionKey(a));
  });

  it('is the only reader: the extension and the server both call it, and neither keeps caps of its own', () => {
    const ext = readFileSync(new URL('../../src/extension/drafting/config.ts', import.meta.url), 'utf8');
    const server = readFileSync(new URL('../../src/lsp/drafting.ts', import.meta.url), 'utf8');
    for (const src of [ext, server]) {
      assert.match(src, /normalizeDraftingSettings\(/);
      assert.doesNotMatch(src, /\b(?:16|600000|100000|1500)\b/, 'a cap or default written again');
    }
    // It imports nothing, so the extension bundles this file and nothing else of src/drafting.
    assert.doesNotMatch(readFileSync(new URL('../../src/drafting/settings.ts', import.meta.url), 'utf8'), /^import /m);
  });
});
