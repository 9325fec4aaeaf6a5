// Keeps package.json's contributions and the editor layer's code in step. Reads the sources as
// text (no vscode needed): every contributed command has a handler and the reverse, every setting
// the code reads is contributed and the reverse, ids match, files named in package.json exist.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_CODES } from '../../src/core/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const srcDir = join(root, 'src/extension');
/** Every .ts file under src/extension, by path relative to it ("hover.ts", "drafting/x.ts"). */
function readSources(dir: string, prefix = ''): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e): [string, string][] => {
    if (e.isDirectory()) return readSources(join(dir, e.name), `${prefix}${e.name}/`);
    return e.name.endsWith('.ts') ? [[`${prefix}${e.name}`, readFileSync(join(dir, e.name), 'utf8')]] : [];
  });
}
const sources = new Map(readSources(srcDir));
const allSource = [...sources.values()].join('\n');
/** The editor layer's own top-level files (features in subfolders have their own tests). */
const topLevelSource = [...sources]
  .filter(([f]) => !f.includes('/'))
  .map(([, t]) => t)
  .join('\n');
const ids = sources.get('ids.ts') ?? '';

/** The COMMAND_IDS object of ids.ts: key → command id. */
function commandIds(): Map<string, string> {
  const block = /export const COMMAND_IDS = \{([\s\S]*?)\}/.exec(ids)?.[1] ?? '';
  return new Map([...block.matchAll(/(\w+):\s*'([^']+)'/g)].map((m) => [m[1]!, m[2]!]));
}

/** Command ids registered with VS Code: `id: COMMAND_IDS.x` entries of the command list, or a literal registerCommand. */
function registeredCommands(): Set<string> {
  const byKey = commandIds();
  const out = new Set<string>();
  const commandsTs = sources.get('commands.ts') ?? '';
  for (const m of commandsTs.matchAll(/\bid:\s*COMMAND_IDS\.(\w+)/g)) {
    const id = byKey.get(m[1]!);
    assert.ok(id, `commands.ts uses COMMAND_IDS.${m[1]}, which ids.ts does not define`);
    out.add(id);
  }
  assert.match(commandsTs, /registerCommand\(c\.id/, 'commands.ts registers every command of its list');
  for (const m of allSource.matchAll(/registerCommand\(\s*'([^']+)'/g)) out.add(m[1]!);
  return out;
}

/** Settings the code reads: `c.get('x')` in config.ts (section patentDraft) and literal affectsConfiguration keys. */
function settingsRead(): { read: Set<string>; watched: Set<string> } {
  const configTs = sources.get('config.ts') ?? '';
  assert.match(configTs, /export const SECTION = 'patentDraft'/);
  const read = new Set([...configTs.matchAll(/\bc\.get[^(]*\(\s*'([^']+)'/g)].map((m) => `patentDraft.${m[1]}`));
  const watched = new Set([...allSource.matchAll(/affectsConfiguration\(\s*'(patentDraft\.[^']+)'/g)].map((m) => m[1]!));
  for (const m of allSource.matchAll(/affectsConfiguration\(\s*`\$\{SECTION\}\.([^`]+)`/g)) watched.add(`patentDraft.${m[1]}`);
  return { read, watched };
}

describe('extension contributions in step with the code', () => {
  const contributed: { command: string; title: string; category?: string }[] = pkg.contributes?.commands ?? [];
  const contributedIds = new Set(contributed.map((c) => c.command));
  const settings: Record<string, { description?: string; markdownDescription?: string; properties?: Record<string, unknown> }> = Object.assign(
    {},
    ...[pkg.contributes?.configuration ?? []].flat().map((g: { properties?: object }) => g.properties ?? {}),
  );

  it('targets VS Code ^1.101.0 with @types/vscode 1.101.0', () => {
    assert.equal(pkg.engines.vscode, '^1.101.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.101.0');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('has a handler for every contributed command', () => {
    const registered = registeredCommands();
    for (const id of contributedIds) assert.ok(registered.has(id), `${id} is contributed but never registered`);
  });

  it('contributes every public command it registers (internal ones start with "patentDraft._")', () => {
    for (const id of registeredCommands()) {
      if (id.startsWith('patentDraft._')) {
        assert.ok(!contributedIds.has(id), `${id} is internal and must not be contributed`);
        continue;
      }
      assert.ok(contributedIds.has(id), `${id} is registered but not contributed`);
    }
  });

  it('puts every command under the "Patent Draft" category with a title', () => {
    for (const c of contributed) {
      assert.equal(c.category, 'Patent Draft', c.command);
      assert.ok(c.title && c.title.length > 3, c.command);
    }
    for (const id of ['patentDraft.checkMatter', 'patentDraft.renumberClaims', 'patentDraft.showClaimTree', 'patentDraft.openReport', 'patentDraft.importPatent']) {
      assert.ok(contributedIds.has(id), `${id} is part of the public surface (e2e tests rely on it)`);
    }
  });

  it('references only contributed commands in menus and the views welcome', () => {
    for (const [menu, items] of Object.entries<{ command: string }[]>(pkg.contributes?.menus ?? {})) {
      for (const item of items) assert.ok(contributedIds.has(item.command), `${menu} refers to ${item.command}`);
    }
    for (const w of pkg.contributes?.viewsWelcome ?? []) {
      for (const m of String(w.contents).matchAll(/command:([\w.]+)/g)) assert.ok(contributedIds.has(m[1]!), `welcome refers to ${m[1]}`);
    }
  });

  it('contributes every setting the code reads, and reads every setting it contributes', () => {
    const { read, watched } = settingsRead();
    assert.ok(read.size >= 5, 'config.ts reads the settings');
    for (const key of read) assert.ok(settings[key], `${key} is read but not contributed`);
    for (const key of watched) {
      assert.ok(settings[key] || Object.keys(settings).some((k) => k.startsWith(`${key}.`)), `${key} is watched but no setting starts with it`);
    }
    // A setting read elsewhere (a feature's own reader) names its key in some source file.
    const named = (key: string) => read.has(key) || allSource.includes(`'${key}'`) || allSource.includes(`'${key.slice('patentDraft.'.length)}'`);
    for (const key of Object.keys(settings)) assert.ok(named(key), `${key} is contributed but never read`);
  });

  it('describes every setting', () => {
    for (const [key, s] of Object.entries(settings)) {
      assert.ok(key.startsWith('patentDraft.'), key);
      assert.ok((s.description ?? s.markdownDescription ?? '').length > 10, `${key} has no description`);
    }
  });

  it('offers a severity for every check code of the core, and no other', () => {
    const props = Object.keys(settings['patentDraft.severity']?.properties ?? {}).sort();
    assert.deepEqual(props, [...CHECK_CODES].sort());
  });

  it('declares the Claim Tree view and the report panel with the ids the code uses', () => {
    const container: { id: string; name: string }[] = pkg.contributes?.views?.patentDraft ?? [];
    const view = container.find((v) => v.id === 'patentDraft.claimTree');
    assert.ok(view, 'patentDraft.claimTree is in the Patent Draft view container');
    assert.equal(view.name, 'Claim Tree');
    assert.match(ids, /CLAIM_TREE_VIEW = 'patentDraft\.claimTree'/);
    assert.match(ids, /REPORT_TITLE = 'Patent Draft: Matter Report'/);
    const reportId = /REPORT_VIEW_TYPE = '([^']+)'/.exec(ids)?.[1];
    for (const item of pkg.contributes?.menus?.['editor/title'] ?? []) {
      const m = /activeWebviewPanelId == '([^']+)'/.exec(item.when ?? '');
      if (m) assert.equal(m[1], reportId);
    }
  });

  it('ships the files package.json names (grammar, icons)', () => {
    for (const g of pkg.contributes?.grammars ?? []) {
      const p = join(root, g.path);
      assert.ok(existsSync(p), g.path);
      const grammar = JSON.parse(readFileSync(p, 'utf8'));
      assert.equal(grammar.scopeName, g.scopeName);
      assert.ok(g.injectTo.includes('text.html.markdown'));
    }
    for (const v of Object.values<{ icon?: string }[]>(pkg.contributes?.views ?? {}).flat()) if (v.icon) assert.ok(existsSync(join(root, v.icon)), v.icon);
    assert.ok(existsSync(join(root, 'media/report.css')));
  });

  it('activates where there is Markdown: at the start of a workspace that holds some (its matters are read ahead), or when a Markdown document opens; never everywhere', () => {
    const events: string[] = pkg.activationEvents ?? [];
    assert.deepEqual([...events].sort(), ['onLanguage:markdown', 'workspaceContains:**/*.markdown', 'workspaceContains:**/*.md']);
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
    for (const key of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []) assert.match(key, /^patentDraft\.(?:triton\.|backend$|files\.)/);
  });

  it('keeps the pure helpers free of vscode, and the diagnostics source and codes stable', () => {
    for (const f of ['reportHtml.ts', 'ids.ts']) {
      const text = sources.get(f);
      assert.ok(text !== undefined, `${f} exists`);
      assert.doesNotMatch(text, /from 'vscode'/, `${f} must not import vscode`);
    }
    // The diagnostics are the language server's (src/service/diagnostics.ts), converted by vscode-languageclient.
    const service = readFileSync(join(root, 'src/service/diagnostics.ts'), 'utf8');
    assert.match(service, /DIAGNOSTIC_SOURCE = 'patent-draft'/);
    assert.match(service, /code: f\.code,/);
  });

  it('logs through the one channel and never with document text', () => {
    assert.match(sources.get('log.ts') ?? '', /createOutputChannel\('Patent Draft', \{ log: true \}\)/);
    assert.doesNotMatch(allSource.replace(/^\s*\/\/.*$/gm, ''), /createOutputChannel\((?!'Patent Draft')/);
    // A log call must not interpolate a text, a message or an excerpt.
    for (const m of topLevelSource.matchAll(/log\(\)\.\w+\(([^;]*)\);/g)) {
      assert.doesNotMatch(m[1]!, /\$\{[^}]*\b(?:text|getText|excerpt|message|phrase|label|preamble)\b/, `log call may leak document text: ${m[1]}`);
    }
  });
});
