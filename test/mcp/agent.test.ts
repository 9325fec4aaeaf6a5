// The agent tool layer in process: argument validation, confinement, atomic writes that refuse a
// file changed underneath, and insertion at the start of the claims.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { callTool, validateArgs, type AgentContext } from '../../src/agent';
import { writeDocuments } from '../../src/agent/edits';
import { copyFixture, removeTemp } from './helpers';

describe('agent tool layer', () => {
  let matter: string;
  let ctx: AgentContext;
  const logs: string[] = [];
  beforeEach(() => {
    matter = copyFixture('planted');
    ctx = { root: realpathSync(matter), allowWrites: true, log: (m) => logs.push(m) };
  });
  afterEach(() => removeTemp(matter));

  it('validates arguments against the schema with one actionable sentence', () => {
    const schema = {
      type: 'object' as const,
      properties: { n: { type: 'integer' as const, minimum: 1 }, l: { type: 'array' as const, items: { type: 'string' as const }, minItems: 1 } },
      required: ['n'],
      additionalProperties: false,
    };
    assert.deepEqual(validateArgs('t', schema, { n: 2, l: ['a'] }), { n: 2, l: ['a'] });
    assert.throws(() => validateArgs('t', schema, { n: 0 }), /^Error: Invalid arguments for t: n must be a whole number ≥ 1, not 0\. Fix the arguments and call t again\.$/);
    assert.throws(() => validateArgs('t', schema, { n: 1.5, l: [] }), /n must be a whole number ≥ 1, not number 1\.5; l must have at least 1 item/);
    assert.throws(() => validateArgs('t', schema, { l: [3] }), /n is required; l\[0\] must be a string, not number 3/);
    assert.throws(() => validateArgs('t', schema, []), /must be an object, not an array/);
  });

  it('refuses to write a file that changed since it was read, and leaves no temporary file', async () => {
    const file = path.join(ctx.root, 'claims.md');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before + '\n');
    await assert.rejects(writeDocuments(ctx, new Map([[file, { before, after: 'x' }]])), /claims\.md changed on disk while the edit was computed; nothing was written/);
    assert.equal(readFileSync(file, 'utf8'), before + '\n');
    await writeDocuments(ctx, new Map([[file, { before: before + '\n', after: before }]]));
    assert.equal(readFileSync(file, 'utf8'), before);
    assert.deepEqual(readdirSync(ctx.root).sort(), ['claims.md', 'disclosure.md']);
  });

  it('refuses a document that is a symbolic link out of the matter', async () => {
    const outside = path.join(path.dirname(ctx.root), 'outside.md');
    writeFileSync(outside, 'x');
    const link = path.join(ctx.root, 'notes.md');
    symlinkSync(outside, link);
    await assert.rejects(writeDocuments(ctx, new Map([[link, { before: 'x', after: 'y' }]])), /Refused: .*notes\.md is outside the matter folder/);
    assert.equal(readFileSync(outside, 'utf8'), 'x');
  });

  it('inserts a claim before claim 1 and renumbers every claim and reference', async () => {
    const r = await callTool('patent_insert_claims', { after: 0, claims: ['1. A lid for a beverage container, comprising a seal.'] }, ctx);
    assert.equal(r.isError, undefined, r.text);
    const text = readFileSync(path.join(ctx.root, 'claims.md'), 'utf8');
    assert.match(text, /# Claims\n\n1\. A lid for a beverage container, comprising a seal\.\n\n2\. A beverage container comprising:/);
    assert.match(text, /\n3\. The beverage container of claim 2, wherein the outer-wall/);
    // Numbered by position: the planted gap closes; the reference to the missing claim 9 stays as written.
    assert.match(text, /\n4\. The beverage container of claim 2, wherein the seal/);
    assert.match(text, /\n5\. The beverage container of claim 9,/);
    assert.ok(
      logs.every((l) => !/beverage|lid/.test(l)),
      'no document text in the log',
    );
  });

  it('reports an error an agent can act on when a matter folder holds several matters', async () => {
    const other = path.join(ctx.root, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'claims.md'), '# Claims\n\n1. A widget comprising a part.\n');
    const r = await callTool('patent_claim_tree', {}, ctx);
    assert.equal(r.isError, true);
    assert.match(r.text, /holds 2 matters \(claims\.md, other\/claims\.md\); give the path of one claims file/);
    const one = await callTool('patent_claim_tree', { path: 'other/claims.md' }, ctx);
    assert.equal(JSON.parse(one.text).claims, 1);
  });
});
