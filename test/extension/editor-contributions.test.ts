// Issue 15: the Patent Draft view container, the Claim Tree's title-bar actions, the editor context
// menu for matter files, the walkthrough and the settings grouped in the Settings UI, in step with
// the code (read as text: no vscode here).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const src = (f: string) => readFileSync(join(root, 'src/extension', f), 'utf8');
const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
type MenuItem = { command: string; when?: string; group?: string };

describe('editor contributions (issue 15)', () => {
  it('gives the Claim Tree, Terms and Findings views their own activity bar container with an icon', () => {
    const container = pkg.contributes.viewsContainers?.activitybar?.find((c: { id: string }) => c.id === 'patentDraft');
    assert.ok(container, 'an activity bar container "patentDraft"');
    assert.ok(existsSync(join(root, container.icon)), container.icon);
    assert.match(src('ids.ts'), /VIEW_CONTAINER = 'patentDraft'/);
    const views: { id: string }[] = pkg.contributes.views.patentDraft;
    assert.deepEqual(
      views.map((v) => v.id),
      ['patentDraft.claimTree', 'patentDraft.terms', 'patentDraft.findings'],
    );
    assert.equal(pkg.contributes.views.explorer, undefined, 'no longer squeezed into the Explorer');
    const ids = src('ids.ts');
    assert.match(ids, /TERMS_VIEW = 'patentDraft\.terms'/);
    assert.match(ids, /FINDINGS_VIEW = 'patentDraft\.findings'/);
    assert.match(src('views.ts'), /createTreeView\(TERMS_VIEW/);
    assert.match(src('views.ts'), /createTreeView\(FINDINGS_VIEW/);
    assert.match(src('extension.ts'), /registerViews\(client, matters\)/);
  });

  it("puts the matter's commands in the Claim Tree's title bar", () => {
    const items: MenuItem[] = pkg.contributes.menus['view/title'].filter((i: MenuItem) => i.when === 'view == patentDraft.claimTree');
    const commands = new Set(items.map((i) => i.command));
    for (const c of ['checkMatter', 'renumberClaims', 'openReport', 'exportForFiling', 'prepareClaimListing', 'generateAbstract', 'suggestDependentClaims']) {
      assert.ok(commands.has(`patentDraft.${c}`), `patentDraft.${c} in the title bar`);
    }
    for (const i of items.filter((x) => x.group?.startsWith('navigation'))) {
      const c = pkg.contributes.commands.find((x: { command: string }) => x.command === i.command);
      assert.ok(c.icon, `${i.command} shows as an icon in the title bar`);
    }
  });

  it("offers the claims' commands in the editor context menu of matter files only, by a context key the code sets", () => {
    const items: MenuItem[] = pkg.contributes.menus['editor/context'];
    for (const c of ['suggestDependentClaims', 'renumberClaims', 'generateAbstract', 'checkMatter', 'draftClaimFromSelection']) {
      const item = items.find((i) => i.command === `patentDraft.${c}`);
      assert.ok(item, `patentDraft.${c} in the editor context menu`);
      assert.match(item.when ?? '', /resourceLangId == markdown && patentDraft\.isMatterFile/, item.command);
    }
    const ids = src('ids.ts');
    assert.match(ids, /MATTER_FILE_CONTEXT = 'patentDraft\.isMatterFile'/);
    assert.match(ids, /CLAIMS_FILE_CONTEXT = 'patentDraft\.isClaimsFile'/);
    assert.match(src('views.ts'), /setContext', MATTER_FILE_CONTEXT/);
    assert.match(src('views.ts'), /setContext', CLAIMS_FILE_CONTEXT/);
  });

  it('has a walkthrough whose steps link contributed (or built-in) commands and ship their media', () => {
    const [w] = pkg.contributes.walkthroughs;
    assert.ok(w && w.steps.length >= 5);
    const builtIn = new Set(['workbench.actions.view.problems', 'workbench.action.openSettings']);
    const ids = w.steps.map((s: { id: string }) => s.id);
    assert.deepEqual(ids, ['openExample', 'seeFinding', 'applyFix', 'generateAbstract', 'connectTriton']);
    for (const s of w.steps) {
      const links = [...String(s.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
      assert.ok(links.length > 0, `${s.id} has a command link`);
      for (const l of links) assert.ok(contributed.has(l) || builtIn.has(l), `${s.id} links ${l}`);
      assert.ok(s.media?.markdown && existsSync(join(root, s.media.markdown)), `${s.id} media ${s.media?.markdown}`);
    }
    // The example matter the first step copies ships in the VSIX.
    assert.match(readFileSync(join(root, '.vscodeignore'), 'utf8'), /^!examples\/bicycle-brake\/\*\*$/m);
    for (const f of /EXAMPLE_FILES = \[([^\]]*)\]/.exec(src('walkthrough.ts'))![1]!.matchAll(/'([^']+)'/g)) assert.ok(existsSync(join(root, 'examples/bicycle-brake', f[1]!)), f[1]);
  });

  it('groups the settings in titled sections: Checks, Files, Drafting, Triton, Editor', () => {
    const groups: { title: string; properties: Record<string, unknown> }[] = pkg.contributes.configuration;
    assert.ok(Array.isArray(groups));
    assert.deepEqual(
      groups.map((g) => g.title),
      ['Checks', 'Files', 'Drafting', 'Triton', 'Editor'],
    );
    const where = (key: string) => groups.find((g) => key in g.properties)?.title;
    assert.equal(where('patentDraft.descriptionStyle'), 'Checks');
    assert.equal(where('patentDraft.files.claims'), 'Files');
    assert.equal(where('patentDraft.triton.endpoints'), 'Triton');
    assert.equal(where('patentDraft.backend'), 'Drafting');
    assert.equal(where('patentDraft.statusBar.enabled'), 'Editor');
    for (const g of groups) for (const key of Object.keys(g.properties)) assert.ok(key.startsWith(g.title === 'Triton' ? 'patentDraft.triton.' : 'patentDraft.'), key);
  });

  it('contributes patentDraft.descriptionStyle (hint by default) and gives it to the language server, which makes the diagnostics', () => {
    const s = Object.assign({}, ...pkg.contributes.configuration.map((g: { properties: object }) => g.properties))['patentDraft.descriptionStyle'];
    assert.deepEqual(s.enum, ['hint', 'info']);
    assert.equal(s.default, 'hint');
    assert.match(src('config.ts'), /c\.get<string>\('descriptionStyle', 'hint'\)/);
    // The start-up settings carry it; per folder the server asks through workspace/configuration (section patentDraft).
    assert.match(src('client.ts'), /descriptionStyle: c\.descriptionStyle/);
    assert.ok(!existsSync(join(root, 'src/extension/diagnostics.ts')), "no diagnostics of the extension's own: they come from the server");
  });

  it('shows "checking…" in the status bar while a matter is checked for the first time', () => {
    assert.match(readFileSync(join(root, 'src/extension/statusBar.ts'), 'utf8'), /CHECKING_TEXT = '\$\(sync~spin\) checking…'/);
    // From the opening of a document (before the server answers) and on the server's matterChanged.
    assert.match(src('statusBar.ts'), /onDidOpenTextDocument\(opened\)/);
    assert.match(src('statusBar.ts'), /matters\.onDidChange\(soon\)/);
    assert.match(src('client.ts'), /onNotification\(protocol\.MATTER_CHANGED/);
  });
});
