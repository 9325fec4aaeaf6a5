// The bounded config.pbtxt parser the deployment tests read the model repository with.
import assert from 'node:assert/strict';
import { parameters, parsePbtxt, PBTXT_LIMITS, PbtxtError, one, sub, toModelConfig } from './pbtxt';

describe('config.pbtxt parser', () => {
  it('reads fields, nested messages, lists of values and of messages, maps, comments', () => {
    const m = parsePbtxt(`# comment
name: "claims" # trailing
platform: 'ensemble'
max_batch_size: 64
input: [
  { name: "text_input" data_type: TYPE_STRING dims: [ 1 ] },
  { name: "stream", data_type: TYPE_BOOL; dims: [ -1, 2 ] optional: true }
]
output [ { name: "text_output" } ]
dynamic_batching { max_queue_delay_microseconds: 1000 preferred_batch_size: [ 8, 16 ] }
model_transaction_policy: { decoupled: True }
parameters { key: "a" value: { string_value: "x" "y" } }
parameters < key: "b" value < string_value: "line\\n\\"q\\"" > >
reshape: { shape: [ ] }
`);
    assert.equal(one(m, 'name'), 'claims');
    assert.equal(one(m, 'max_batch_size'), 64);
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
    assert.deepEqual(plain(sub(m, 'dynamic_batching')), { max_queue_delay_microseconds: [1000], preferred_batch_size: [8, 16] });
    assert.deepEqual(parameters(m), { a: 'xy', b: 'line\n"q"' });
    assert.deepEqual(plain(sub(m, 'reshape')), { shape: [] });
    assert.equal(Object.getPrototypeOf(parsePbtxt('__proto__: 1')), null, 'field names cannot reach Object.prototype');
    const c = toModelConfig(m) as { input: unknown[]; output: { name: string }[]; model_transaction_policy: unknown };
    assert.deepEqual(c.input, [
      { name: 'text_input', data_type: 'TYPE_STRING', dims: [1], optional: false },
      { name: 'stream', data_type: 'TYPE_BOOL', dims: [-1, 2], optional: true },
    ]);
    assert.deepEqual(c.model_transaction_policy, { decoupled: true });
    assert.equal(c.output[0].name, 'text_output', 'a list without a colon');
  });

  it('refuses malformed text with the place named', () => {
    const bad: [string, RegExp][] = [
      ['name: "open', /unterminated string at line 1/],
      ['a { b: 1', /missing "}"/],
      ['a: [1 2]', /expected "," or "]"/],
      ['a b', /expected ":" or "\{" after "a"/],
      ['a: 1.2.3', /bad number/],
      ['a: @', /unexpected character "@" at line 1, column 4/],
      ['a: "\\q"', /unsupported escape/],
      ['}', /expected a field name/],
    ];
    for (const [text, re] of bad) assert.throws(() => parsePbtxt(text), re, text);
    assert.throws(() => one(parsePbtxt('a: 1 a: 2'), 'a'), /given 2 times/);
  });

  it('bounds: nesting depth, size, token count', () => {
    const deep = 'a { '.repeat(PBTXT_LIMITS.maxDepth + 1) + '}'.repeat(PBTXT_LIMITS.maxDepth + 1);
    assert.throws(
      () => parsePbtxt(deep),
      (e: unknown) => e instanceof PbtxtError && /nesting deeper than 32/.test(e.message),
    );
    assert.doesNotThrow(() => parsePbtxt('a { '.repeat(PBTXT_LIMITS.maxDepth) + '}'.repeat(PBTXT_LIMITS.maxDepth)));
    assert.throws(() => parsePbtxt('#'.repeat(PBTXT_LIMITS.maxBytes + 1)), /at most 1048576/);
    assert.throws(() => parsePbtxt('a: 1 '.repeat(PBTXT_LIMITS.maxTokens)), /more than 200000 tokens/);
  });
});
