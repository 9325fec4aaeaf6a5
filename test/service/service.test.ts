// The service layer over an in-memory matter (no files, no editor): diagnostics, code actions,
// hover, lenses, rename, references, definition, symbols, tree and report in LSP's shapes; the one
// settings merge every host uses; and the layers kept apart (no vscode in src/service or src/lsp).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMatter, createMatter, mergeSettings, parseMatterSettings, type Analysis } from '../../src/core/index.js';
import * as service from '../../src/service/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const C = 'file:///m/claims.md';
const D = 'file:///m/disclosure.md';
const claims = `# Claims

1. A lamp comprising:
   a base;
   a shade mounted on the base; and
   a switch.

2. The lamp of claim 1, wherein the shade is coupled to the arm.

4. The lamp of claim 2, wherein the switch is on the base.
`;
const disclosure = `# Lamp

A lamp 10 has a base 12, a shade 14 mounted on the base 12, an arm 16 and a switch 18 on the base 12.
`;

function analyse(settings = {}): Analysis {
  return analyzeMatter(
    createMatter(
      'file:///m',
      [
        { uri: C, text: claims },
        { uri: D, text: disclosure },
      ],
      settings,
    ),
  );
}

function at(text: string, needle: string, delta = 0) {
  const i = text.indexOf(needle) + delta;
  const before = text.slice(0, i);
  return { line: before.split('\n').length - 1, character: i - (before.lastIndexOf('\n') + 1) };
}

describe('service: editor features in LSP shapes', () => {
  const a = analyse();

  it('turns findings into diagnostics with code, source, catalogue link, related places and data', () => {
    const ds = service.documentDiagnostics(a, C, { docsUri: 'https://example.test/README.md' });
    const ab = ds.find((d) => d.code === 'antecedent-basis')!;
    assert.ok(ab, JSON.stringify(ds.map((d) => d.code)));
    assert.equal(ab.source, 'patent-draft');
    assert.equal(ab.codeDescription!.href, 'https://example.test/README.md#check-catalogue');
    assert.deepEqual(ab.range.start, at(claims, 'the arm'));
    assert.equal((ab.data as service.DiagnosticData).code, 'antecedent-basis');
    const numbering = ds.find((d) => d.code === 'claim-numbering')!;
    assert.equal(numbering.severity, 1);
    // Every document of the matter gets a list (empty clears old ones).
    assert.deepEqual([...service.matterDiagnostics(a).keys()].sort(), [C, D]);
  });

  it('offers renumbering as one workspace edit of claim numbers and references', () => {
    const d = service.documentDiagnostics(a, C).find((x) => x.code === 'claim-numbering')!;
    const actions = service.codeActions(a, C, d.range, [d]);
    const renumber = actions.find((x) => /^Renumber/.test(x.title));
    assert.ok(renumber, actions.map((x) => x.title).join(' | '));
    assert.deepEqual(renumber!.edit!.changes![C], [{ range: { start: at(claims, '4. The'), end: at(claims, '4. The', 1) }, newText: '3' }]);
    assert.ok(actions.some((x) => x.title === 'Suppress "claim-numbering" on this line'));
  });

  it('creates the glossary file only when the client can create files, and appends otherwise', () => {
    const withVariant = analyzeMatter(
      createMatter('file:///m', [
        { uri: C, text: claims.replace('the switch is on', 'the switching element is on') + '\n5. The lamp of claim 1, wherein the switching element is red.\n' },
        { uri: D, text: disclosure },
      ]),
    );
    const f = withVariant.findings.find((x) => x.code === 'term-unsupported' || x.code === 'term-variant');
    if (!f) return; // the checks found no term finding to hang a glossary entry on
    const d = service.toDiagnostic(f);
    const g = { uri: 'file:///m/.patentdraft/glossary.md' };
    const create = service.codeActions(withVariant, f.uri, d.range, [d], { glossary: g, canCreateFiles: true }).find((x) => /glossary/.test(x.title));
    assert.ok(create?.edit?.documentChanges?.some((c) => 'kind' in c && c.kind === 'create'));
    assert.equal(
      service.codeActions(withVariant, f.uri, d.range, [d], { glossary: g }).some((x) => /glossary/.test(x.title)),
      false,
    );
    const append = service.codeActions(withVariant, f.uri, d.range, [d], { glossary: { ...g, text: '# Glossary\n' } }).find((x) => /glossary/.test(x.title));
    assert.equal(append!.edit!.changes![g.uri]![0]!.range.start.line, 1);
  });

  it('hovers, lenses, renames, finds references and definitions, lists symbols', () => {
    const h = service.hover(a, C, at(claims, 'claim 1', 3))!;
    assert.match((h.contents as { value: string }).value, /\*\*Claim 1\*\* · independent/);
    assert.deepEqual(
      service.codeLenses(a, C).map((l) => l.command!.title),
      ['independent · 1 dependent', 'depends on 1 · 1 dependent', 'depends on 1 ← 2'],
    );
    assert.equal(service.codeLenses(a, C, { reveal: 'x.reveal' })[1]!.command!.command, 'x.reveal');
    assert.equal(service.prepareRename(a, C, at(claims, 'shade', 1))!.placeholder, 'shade');
    assert.equal(service.prepareRename(a, C, { line: 0, character: 0 }), null);
    const edit = service.rename(a, C, at(claims, 'shade', 1), 'umbrella')!;
    assert.ok(
      edit.changes![C]!.some((e) => e.newText === 'an umbrella'),
      JSON.stringify(edit.changes![C]),
    );
    assert.ok(edit.changes![D]!.length >= 1);
    const refs = service.references(a, C, at(claims, 'base', 1), false);
    assert.ok(refs.some((r) => r.uri === D));
    const def = service.definition(a, C, at(claims, 'claim 1', 6));
    assert.deepEqual(def[0]!.targetSelectionRange.start, at(claims, '1. A lamp'));
    const syms = service.documentSymbols(a, C, claims);
    assert.deepEqual(
      syms[0]!.children!.map((s) => s.name.split('.')[0]),
      ['1', '2', '4'],
    );
    const tree = service.claimTree(a);
    assert.deepEqual(
      tree.roots.map((r) => [r.claim, r.children.map((c) => c.claim)]),
      [[1, [2]]],
    );
    assert.match(service.matterReport(a, 'lamp').markdown, /^# Matter report: Lamp/);
  });
});

describe('service: one settings merge for every host', () => {
  it('puts the matter file over the host settings and the run over both, severities per code', () => {
    const merged = mergeSettings(
      { jurisdiction: 'ep', minConfidence: 'medium', severity: { 'relative-term': 'off', 'antecedent-basis': 'info' } },
      { severity: { 'antecedent-basis': 'error' }, mode: 'amendment' },
      { severity: { title: 'off' } },
    );
    assert.deepEqual(merged, { jurisdiction: 'ep', mode: 'amendment', minConfidence: 'medium', severity: { 'relative-term': 'off', 'antecedent-basis': 'error', title: 'off' } });
    const problems: string[] = [];
    assert.deepEqual(parseMatterSettings('{"minConfidence": "sure", "jurisdiction": "ep"}', 'settings.json', problems), { jurisdiction: 'ep' });
    assert.match(problems.join('\n'), /minConfidence/);
    assert.throws(() => parseMatterSettings('x'.repeat(300 * 1024), 'settings.json'), /settings file is read up to/);
  });

  it("is what the VS Code Problems panel uses too: the editor reads the matter's settings.json and merges it the CLI's way", () => {
    // VS Code's Problems panel shows the language server's findings; the server loads a folder's matters with
    // the CLI's loader (src/node/workspace.ts), which reads .patentdraft/settings.json and merges it.
    const lsp = readFileSync(path.join(root, 'src/lsp/matters.ts'), 'utf8');
    assert.match(lsp, /mattersInFolder\(/);
    const node = readFileSync(path.join(root, 'src/node/workspace.ts'), 'utf8');
    assert.match(node, /mergeSettings\(/);
    assert.match(node, /parseMatterSettings\(/);
    assert.ok(!existsSync(path.join(root, 'src/extension/matters.ts')), 'the extension keeps no matter loader of its own');
  });
});

describe('service: layers', () => {
  const files = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

  it('has no vscode import in src/service and src/lsp, and no file system in src/service', () => {
    for (const f of [...files('src/service'), ...files('src/lsp')]) {
      const text = readFileSync(path.join(root, f), 'utf8');
      assert.doesNotMatch(text, /from 'vscode'/, f);
      if (f.startsWith('src/service')) assert.doesNotMatch(text, /from 'node:fs'|from 'fs'/, f);
      // The core's one public surface: nothing reaches past src/core/index.ts.
      assert.doesNotMatch(text, /from '\.\.\/core\/(?!index')/, f);
    }
  });

  it('leaves the editor features to the language server: the extension registers no provider and analyses nothing', () => {
    for (const f of files('src/extension')) {
      const text = readFileSync(path.join(root, f), 'utf8');
      assert.doesNotMatch(text, /languages\.register(Hover|CodeActions|CodeLens|Rename|Reference|Definition|DocumentSymbol)Provider/, f);
      assert.doesNotMatch(text, /\banalyzeMatter\(|new AnalysisCache\(|findTermAt|findClaimAt|referencesOf|renameTermEdits|suppressLineEdit/, f);
    }
    assert.match(readFileSync(path.join(root, 'src/extension/client.ts'), 'utf8'), /new LanguageClient\(/);
  });
});
