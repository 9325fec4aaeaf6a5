// The language-model tools and the MCP provider in step with package.json and the agent layer,
// and the way a write tool's result becomes one editor edit (no vscode needed).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT_TOOLS, callTool } from '../../src/agent/index.js';
import { describeArgs, editorDescription, languageModelToolContributions } from '../../src/extension/drafting/lmToolDefs.js';
import { minimalChange } from '../../src/service/edits.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lmTs = readFileSync(join(root, 'src/extension/lmTools.ts'), 'utf8');
const mcpTs = readFileSync(join(root, 'src/extension/mcpProvider.ts'), 'utf8');

function apply(text: string, c: { start: number; end: number; newText: string } | undefined): string {
  return c ? text.slice(0, c.start) + c.newText + text.slice(c.end) : text;
}

describe('language-model tools', () => {
  it('contributes every agent tool, exactly as the code derives it', () => {
    assert.deepEqual(pkg.contributes.languageModelTools, languageModelToolContributions());
    assert.deepEqual(
      pkg.contributes.languageModelTools.map((t: { name: string }) => t.name),
      AGENT_TOOLS.map((t) => t.name),
    );
  });

  it('gives each tool what agent mode needs', () => {
    for (const t of pkg.contributes.languageModelTools) {
      assert.ok(t.modelDescription.length > 80, t.name);
      assert.match(t.modelDescription, /Returns|returns/, `${t.name} says what it returns`);
      assert.equal(t.canBeReferencedInPrompt, true);
      assert.ok(t.toolReferenceName);
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.inputSchema.additionalProperties, false);
      assert.ok(t.displayName.startsWith('Patent Draft: '));
    }
  });

  it('describes writes as editor edits after a confirmation, not server flags', () => {
    for (const t of AGENT_TOOLS) {
      const d = editorDescription(t);
      assert.doesNotMatch(d, /--allow-writes/, t.name);
      if (t.writes) assert.match(d, /confirms first/, t.name);
    }
    const insert = AGENT_TOOLS.find((t) => t.name === 'patent_insert_claims')!;
    assert.match(describeArgs(insert, { after: 2, claims: ['The brake of claim 1, wherein x.'] }), /Insert 1 claim\(s\) after claim 2/);
  });

  it('registers each tool with vscode.lm.registerTool, confirms writes and answers errors as text', () => {
    // The tools are package.json's (languageModelToolContributions of AGENT_TOOLS, checked above); a write tool is marked by its icon.
    assert.match(lmTs, /vscode\.lm\.registerTool\(t\.name/);
    assert.match(lmTs, /contributes\?\.languageModelTools/);
    assert.match(lmTs, /writes: t\.icon === WRITE_ICON/);
    for (const c of languageModelToolContributions()) assert.equal(c.icon === '$(edit)', AGENT_TOOLS.find((t) => t.name === c.name)!.writes, String(c.name));
    assert.match(lmTs, /confirmationMessages/);
    assert.match(lmTs, /LanguageModelTextPart/);
    assert.match(lmTs, /vscode\.workspace\.applyEdit/);
    assert.doesNotMatch(lmTs, /writeFile\(d\.uri|vscode\.workspace\.fs\.writeFile/, "never writes the user's files directly");
  });

  it("runs the agent layer in the language server on the editor's documents: no copy of the matter in the temp folder", () => {
    assert.doesNotMatch(lmTs, /mkdtemp|tmpdir|copyDir|writeFile/, 'nothing copied to disk');
    assert.match(lmTs, /requestOrThrow<ToolCallResult \| null>\(TOOL, params/, 'the tool runs in the server (patentDraft/tool)');
    assert.match(lmTs, /applyEdit\(fromLspWorkspaceEdit\(result\.edit\)\)/, 'its writes come back as one WorkspaceEdit the editor applies');
    const wsTs = readFileSync(join(root, 'src/extension/workspaceFs.ts'), 'utf8');
    assert.match(wsTs, /implements MatterWorkspace/);
    assert.doesNotMatch(wsTs, /writeFile|replaceFileText/, "the editor's workspace records writes, never makes them");
  });

  it('registers the MCP server provider declared in package.json, guarded', () => {
    const id = /MCP_PROVIDER_ID = '([^']+)'/.exec(mcpTs)?.[1];
    assert.deepEqual(
      pkg.contributes.mcpServerDefinitionProviders.map((p: { id: string }) => p.id),
      [id],
    );
    assert.match(mcpTs, /typeof lm\?\.registerMcpServerDefinitionProvider !== 'function'/);
    assert.match(mcpTs, /'mcp', folder\.uri\.fsPath/);
    assert.match(mcpTs, /'dist', 'cli\.js'/);
  });
});

describe('language-model tools: a write becomes one editor edit', () => {
  let dir = '';
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'pd-lm-')));
    cpSync(join(root, 'test/mcp/fixtures/planted'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns what the agent layer wrote into the smallest replacement', async () => {
    const file = join(dir, 'claims.md');
    const before = readFileSync(file, 'utf8');
    const r = await callTool('patent_insert_claims', { after: 1, claims: ['The device of claim 1, further comprising a cover.'] }, { root: dir, allowWrites: true });
    assert.ok(!r.isError, r.text);
    const after = readFileSync(file, 'utf8');
    const change = minimalChange(before, after);
    assert.ok(change);
    assert.equal(apply(before, change), after);
    assert.ok(change.end - change.start < before.length, 'not a whole-document replacement');
  });

  it('finds no change when nothing changed, and handles edits at either end', () => {
    assert.equal(minimalChange('abc', 'abc'), undefined);
    for (const [a, b] of [
      ['abc', 'xabc'],
      ['abc', 'abcx'],
      ['abc', ''],
      ['', 'abc'],
      ['aaa', 'aa'],
      ['claim 1 and 1', 'claim 2 and 1'],
    ])
      assert.equal(apply(a!, minimalChange(a!, b!)), b);
  });
});
