// patent_replace_term through the MCP server: plurals, capitals and articles, and the same edits as
// the editor's rename (both are the core's replaceTerm).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeMatter } from '../../src/core';
import { renameTermEdits } from '../../src/service/termOps';
import { loadMatters } from '../../src/node/workspace';
import { callJson, connect, copyFixture, ensureBuilt, removeTemp, type Connection } from './helpers';

describe('MCP server: patent_replace_term', function () {
  this.timeout(60000);
  let matter: string;
  let conn: Connection;
  const read = (name: string) => readFileSync(path.join(matter, name), 'utf8');

  before(() => ensureBuilt());
  beforeEach(async () => {
    matter = copyFixture('replace');
    conn = await connect(matter, ['--allow-writes']);
  });
  afterEach(async () => {
    await conn?.close();
    removeTemp(matter);
  });

  it('replaces the singular and the plural, capitals kept, in the claims only by default', async () => {
    const disclosure = read('disclosure.md');
    const r = await callJson(conn, 'patent_replace_term', { from: 'spring assembly', to: 'hinge assembly' });
    assert.deepEqual(r.written, ['claims.md']);
    const c = read('claims.md');
    assert.match(c, /a hinge assembly mounted in the housing/);
    assert.match(c, /a plurality of hinge assemblies, wherein each of the hinge assemblies is preloaded/);
    assert.match(c, /^5\. A hinge assembly for a door closer/m);
    assert.match(c, /an outer hinge assembly is nested around an inner hinge assembly/, 'the hyphenated variant too');
    assert.match(c, /two coil springs/, 'other words with "spring" stay');
    assert.doesNotMatch(c, /spring assembl|spring-assembl/i);
    assert.equal(read('disclosure.md'), disclosure);
  });

  it('corrects "a"/"an" by sound before the new term', async () => {
    const r = await callJson(conn, 'patent_replace_term', { from: 'damper', to: 'oil damper' });
    assert.equal(r.replaced['claims.md'], 2);
    const c = read('claims.md');
    assert.match(c, /an oil damper coupled to the spring assembly/);
    assert.match(c, /comprising an oil damper\./);
    const back = await callJson(conn, 'patent_replace_term', { from: 'oil damper', to: 'LED' });
    assert.equal(back.replaced['claims.md'], 2);
    assert.match(read('claims.md'), /an LED coupled to/);
    const usb = await callJson(conn, 'patent_replace_term', { from: 'LED', to: 'USB port' });
    assert.equal(usb.replaced['claims.md'], 2);
    assert.match(read('claims.md'), /a USB port coupled to/);
  });

  it("gives the same edits as the editor's rename, across the matter", async () => {
    const r = await callJson(conn, 'patent_replace_term', { from: 'spring assembly', to: 'hinge assembly', scope: 'matter', dryRun: true });
    assert.deepEqual(r.written, []);
    assert.deepEqual(r.replaced, { 'claims.md': 8, 'disclosure.md': 7 });
    const [m] = await loadMatters([matter]);
    const a = analyzeMatter(m!);
    const term = a.terms.find((t) => t.key === 'spring assembly')!;
    assert.ok(term, 'the core finds the term');
    const mine = renameTermEdits(a, term, 'hinge assembly').map((e) => ({
      file: path.basename(e.uri),
      line: e.range.start.line + 1,
      column: e.range.start.character + 1,
      endLine: e.range.end.line + 1,
      endColumn: e.range.end.character + 1,
      newText: e.newText,
    }));
    assert.deepEqual(mine, r.edits);
    // "A spring assembly", "Spring assembly", "The spring assemblies", ..., ALL CAPS in the disclosure.
    assert.deepEqual(
      r.edits.filter((e: any) => e.file === 'disclosure.md').map((e: any) => e.newText),
      ['hinge assembly', 'Hinge assembly', 'hinge assemblies', 'hinge assembly', 'HINGE ASSEMBLY', 'hinge assembly', 'hinge assembly'],
    );
  });
});
