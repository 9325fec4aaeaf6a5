// How a finding's severity and confidence become the editor's diagnostic severity (no vscode needed),
// and the patentDraft.minConfidence setting in step between package.json, config.ts and the core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIDENCES } from '../../src/core/index.js';
import type { Confidence, Severity } from '../../src/core/types.js';
import { diagnosticLevel } from '../../src/service/diagnosticLevel.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const read = (f: string) => readFileSync(join(root, 'src/extension', f), 'utf8');

describe('editor: diagnostic severity from severity and confidence', () => {
  const level = (severity: Severity, confidence?: Confidence) => diagnosticLevel({ severity, confidence });

  it('shows low-confidence warnings and infos as hints, never an error', () => {
    assert.equal(level('warning', 'low'), 'hint');
    assert.equal(level('info', 'low'), 'hint');
    assert.equal(level('error', 'low'), 'error');
  });

  it('keeps the severity of medium, high and unset confidence', () => {
    for (const c of ['medium', 'high', undefined] as const) {
      assert.equal(level('error', c), 'error', String(c));
      assert.equal(level('warning', c), 'warning', String(c));
      assert.equal(level('info', c), 'information', String(c));
    }
  });

  it('is used for every diagnostic, with VS Code\'s Hint for "hint", and stays free of vscode', () => {
    assert.doesNotMatch(readFileSync(join(root, 'src/service/diagnosticLevel.ts'), 'utf8'), /from 'vscode'/);
    // VS Code shows the language server's diagnostics (vscode-languageclient converts LSP's Hint to VS Code's):
    // the one mapping from a finding to a diagnostic level is the service's.
    const diagnostics = readFileSync(join(root, 'src/service/diagnostics.ts'), 'utf8');
    assert.match(diagnostics, /severity: LEVEL\[diagnosticLevel\(f, options\)\]/);
    assert.match(diagnostics, /hint: DiagnosticSeverity\.Hint/);
    assert.doesNotMatch(read('client.ts'), /new vscode\.Diagnostic\(/, 'the extension makes no diagnostics of its own');
  });

  it("contributes patentDraft.minConfidence with the core's values, default low, per resource, and passes it to the checks", () => {
    const s = Object.assign({}, ...[pkg.contributes.configuration].flat().map((g: { properties: object }) => g.properties))['patentDraft.minConfidence'];
    assert.ok(s, 'contributed');
    assert.deepEqual([...s.enum].sort(), [...CONFIDENCES].sort());
    assert.equal(s.default, 'low');
    assert.equal(s.scope, 'resource');
    assert.equal(s.enumDescriptions.length, s.enum.length);
    // The server reads it from workspace/configuration and hands it to the checks (src/lsp/settings.ts).
    const settings = readFileSync(join(root, 'src/lsp/settings.ts'), 'utf8');
    assert.match(settings, /if \(isConfidence\(c\.minConfidence\)\) out\.minConfidence = c\.minConfidence;/, 'settingsFromClient hands it to the checks');
  });
});
