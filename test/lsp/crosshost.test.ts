// One matter, one answer: the CLI (`check --format json`), the MCP tool patent_check (the agent
// layer the MCP server runs), the language server over stdio and the service layer give the same
// findings (code, range, shown severity) for the same documents of the corpora.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { callTool } from '../../src/agent/index';
import { runCli } from '../../src/cli/main';
import { analyzeMatter, type Confidence, type Severity } from '../../src/core/index';
import { loadMatters } from '../../src/node/workspace';
import { diagnosticLevel, documentDiagnostics } from '../../src/service/index';
import { fakeIo } from '../support/io';
import { TestClient } from './client';

const CORPUS = '/work/shared/corpus';
const DOCS = ['uspto/US08927118.md', 'uspto/US06859910.md', 'uspto/US20050004437A1.md', 'uspto-dev/US06837358B1.md', 'uspto-dev/US06837536B1.md'].map((d) => path.join(CORPUS, d));
const LEVEL = { error: 1, warning: 2, information: 3, hint: 4 } as const;

type Row = string;
const row = (code: string, r: { sl: number; sc: number; el: number; ec: number }, level: number): Row => `${code} ${r.sl}:${r.sc}-${r.el}:${r.ec} ${level}`;
const shown = (severity: Severity, confidence?: Confidence) => LEVEL[diagnosticLevel({ severity, confidence })];
const fromLsp = (ds: Diagnostic[]): Row[] =>
  ds.map((d) => row(String(d.code), { sl: d.range.start.line, sc: d.range.start.character, el: d.range.end.line, ec: d.range.end.character }, d.severity!)).sort();

describe('lsp: every host gives the same findings on the corpora', function () {
  const docs = DOCS.filter((d) => existsSync(d));
  let client: TestClient;
  before(async function () {
    if (docs.length < DOCS.length) this.skip();
    client = await TestClient.start({ config: {} });
  });
  after(async () => client?.stop());

  for (const file of DOCS) {
    it(`${path.basename(file)}: CLI, MCP tool, language server and service agree`, async () => {
      // CLI
      const io = fakeIo(path.dirname(file));
      await runCli(['check', file, '--format', 'json'], io);
      const cli = JSON.parse(io.out) as {
        findings: { code: string; severity: Severity; confidence?: Confidence; uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
      };
      const cliRows = cli.findings
        .map((f) => row(f.code, { sl: f.range.start.line, sc: f.range.start.character, el: f.range.end.line, ec: f.range.end.character }, shown(f.severity, f.confidence)))
        .sort();
      // MCP tool (1-based lines and columns)
      const root = realpathSync(path.dirname(file));
      const res = await callTool('patent_check', { path: path.basename(file) }, { root, allowWrites: false });
      assert.notEqual(res.isError, true, res.text);
      const mcp = JSON.parse(res.text) as {
        matters: { findings: { code: string; severity: Severity; confidence?: Confidence; line: number; column: number; endLine: number; endColumn: number }[] }[];
      };
      const mcpRows = mcp.matters
        .flatMap((m) => m.findings)
        .map((f) => row(f.code, { sl: f.line - 1, sc: f.column - 1, el: f.endLine - 1, ec: f.endColumn - 1 }, shown(f.severity, f.confidence)))
        .sort();
      // Service layer over the same loader
      const [matter] = await loadMatters([file]);
      const serviceRows = fromLsp(documentDiagnostics(analyzeMatter(matter!), file));
      // Language server
      const uri = pathToFileURL(file).href;
      await client.open(uri, readFileSync(file, 'utf8'));
      const lspRows = fromLsp(await client.diagnosticsFor(uri, () => true, 60000));

      assert.ok(cliRows.length > 0, 'the document has findings to compare');
      assert.deepEqual(mcpRows, cliRows, 'MCP = CLI');
      assert.deepEqual(serviceRows, cliRows, 'service = CLI');
      assert.deepEqual(lspRows, cliRows, 'LSP = CLI');
    });
  }
});
