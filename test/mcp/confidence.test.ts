// patent_check through the MCP server: every finding carries its confidence, minConfidence leaves out
// the less sure ones, and a bad value is an actionable tool error.
import assert from 'node:assert/strict';
import { call, callJson, connect, copyFixture, ensureBuilt, removeTemp, type Connection } from './helpers';

const ORDER = ['low', 'medium', 'high'];
type F = { code: string; line: number; column: number; confidence?: string };

describe('MCP server: patent_check confidence', function () {
  this.timeout(60000);
  let matter: string;
  let conn: Connection;

  before(async () => {
    ensureBuilt();
    matter = copyFixture('planted');
    conn = await connect(matter);
  });

  after(async () => {
    await conn?.close();
    if (matter) removeTemp(matter);
  });

  const findings = async (args: Record<string, unknown>): Promise<F[]> => (await callJson(conn, 'patent_check', args)).matters[0].findings;

  it('declares minConfidence in the input schema (high, medium, low)', async () => {
    const { tools } = await conn.client.listTools();
    const schema = tools.find((t) => t.name === 'patent_check')!.inputSchema as { properties: Record<string, { enum?: string[] }>; additionalProperties?: boolean };
    assert.deepEqual([...(schema.properties.minConfidence?.enum ?? [])].sort(), ['high', 'low', 'medium']);
    assert.equal(schema.additionalProperties, false);
  });

  it('gives every finding a confidence; the planted numbering and dependency errors are high', async () => {
    const all = await findings({});
    assert.ok(all.length > 0);
    for (const f of all) assert.ok(ORDER.includes(f.confidence!), `${f.code} at ${f.line}:${f.column}: ${f.confidence}`);
    for (const code of ['claim-numbering', 'claim-dependency']) assert.equal(all.find((f) => f.code === code)?.confidence, 'high', code);
  });

  it('minConfidence leaves out the findings below it and keeps the rest as they were', async () => {
    const all = await findings({});
    for (const min of ORDER) {
      const some = await findings({ minConfidence: min });
      assert.deepEqual(
        some,
        all.filter((f) => ORDER.indexOf(f.confidence!) >= ORDER.indexOf(min)),
        min,
      );
    }
    const high = await findings({ minConfidence: 'high', codes: ['claim-numbering'] });
    assert.deepEqual(
      high.map((f) => f.code),
      ['claim-numbering'],
    );
  });

  it('refuses a bad minConfidence with one sentence that names the values', async () => {
    const r = await call(conn, 'patent_check', { minConfidence: 'sure' });
    assert.equal(r.isError, true);
    assert.match(r.text, /minConfidence must be one of "low", "medium", "high"/);
  });
});
