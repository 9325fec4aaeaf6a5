// The end-to-end harness: one code-server (VS Code 1.139 in the browser) per spec file, with the
// packaged extension installed into a fresh extensions dir, a copy of a fixture matter as the
// workspace, driven through Debian's Chromium by playwright-core. Helpers act as a user would
// (Quick Open, the command palette, Go to Line, keyboard shortcuts) and read what is on the screen.
import { loadChromium, type Browser, type El, type Frame, type Page } from './browser';
import type { HostStats } from '../../src/extension/hostStats';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, chromiumPath, e2eDir, installVsix, packageFolder, root, startCodeServer, vsixPath, workDir, writeUserSettings, type RunningCodeServer } from './tooling.mjs';

export const FIXTURE = join(e2eDir, 'fixtures', 'matter');

export interface Problem {
  file: string;
  message: string;
  line: number;
  column: number;
  /** The source and code shown after the message, e.g. "Patent Draft(term-variant)". */
  detail: string;
}

export interface TreeRow {
  label: string;
  description: string;
  level: number;
  expanded: boolean | undefined;
}

/** 1-based line and column of the n-th (0-based) occurrence of `needle` in a fixture file. */
/** The settings that make the extension draft with the Triton server at 127.0.0.1:`port` (its "ensemble" model):
 *  the user's settings in specs 9 and 15, a hostile repository's workspace settings in spec 11. */
export function tritonSettings(port: number): Record<string, unknown> {
  return { 'patentDraft.backend': 'triton', 'patentDraft.triton.endpoints': [`127.0.0.1:${port}`], 'patentDraft.triton.model': 'ensemble' };
}

export function positionOf(file: string, needle: string, occurrence = 0, dir = FIXTURE): { line: number; column: number } {
  const text = readFileSync(join(dir, file), 'utf8');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in ${file}`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The palette label of a contributed command ("Category: Title"), read from the manifest. */
export function commandLabel(id: string): string {
  const manifest = JSON.parse(readFileSync(process.env.PD_E2E_MANIFEST || join(root, 'package.json'), 'utf8')) as {
    contributes?: { commands?: { command: string; title: string | { value: string }; category?: string | { value: string } }[] };
  };
  const c = manifest.contributes?.commands?.find((x) => x.command === id);
  if (!c) throw new Error(`command ${id} is not contributed in package.json`);
  const text = (v: string | { value: string }) => (typeof v === 'string' ? v : v.value);
  return c.category ? `${text(c.category)}: ${text(c.title)}` : text(c.title);
}

const norm = (s: string) => s.replace(/\u00a0/g, ' ').replace(/[ \t]+\n/g, '\n');

export async function poll<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 30000, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The keys the harness binds to patentDraft._hostStats (user keybindings.json): read and reset, read only. */
const HOST_STATS_KEY = 'ctrl+alt+shift+f9';
const HOST_STATS_PEEK_KEY = 'ctrl+alt+shift+f10';

/** What patentDraft._hostStats reports since its previous call (a type only: nothing of the extension is loaded here). */
export type { HostStats };

export class Workbench {
  private constructor(
    readonly name: string,
    readonly page: Page,
    readonly workspace: string,
    private readonly browser: Browser,
    private readonly server: RunningCodeServer,
    private readonly logFile: string,
  ) {}

  /** Starts code-server with the vsix installed and a fresh copy of `fixture`, and opens it in Chromium. */
  static async start(name: string, fixture = FIXTURE, settings: Record<string, unknown> = {}, extraExtensions: string[] = []): Promise<Workbench> {
    const base = join(workDir, name);
    rmSync(base, { recursive: true, force: true });
    const dirs = { userDataDir: join(base, 'user-data'), extensionsDir: join(base, 'extensions') };
    const workspace = join(base, 'matter');
    mkdirSync(base, { recursive: true });
    mkdirSync(artifactsDir, { recursive: true });
    cpSync(fixture, workspace, { recursive: true });
    // Each line of a document is one line on screen, so editor text can be read back line by line.
    writeUserSettings(dirs.userDataDir, { '[markdown]': { 'editor.wordWrap': 'off' }, ...settings });
    // The extension's internal measurement command (patentDraft._hostStats) on a key no one else uses: hostStats() presses it.
    const stats = [
      { key: HOST_STATS_KEY, command: 'patentDraft._hostStats', args: true },
      { key: HOST_STATS_PEEK_KEY, command: 'patentDraft._hostStats', args: false },
    ];
    writeFileSync(join(dirs.userDataDir, 'User', 'keybindings.json'), JSON.stringify(stats, null, 2) + '\n');
    // PD_E2E_VSIX: try the harness against another build of the extension.
    installVsix(dirs, process.env.PD_E2E_VSIX || vsixPath);
    // Test-only helper extensions (e.g. the LM probe that invokes our language-model tools).
    for (const folder of extraExtensions) installVsix(dirs, packageFolder(folder));
    const logFile = join(base, 'code-server.log');
    const server = startCodeServer(dirs, workspace, { logFile });
    let browser: Browser | undefined;
    try {
      const url = await server.url;
      browser = await loadChromium().launch({
        executablePath: chromiumPath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--no-first-run', '--disable-component-update'],
      });
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
      await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60000 });
      await page.waitForSelector('.monaco-workbench .explorer-folders-view, .monaco-workbench .activitybar', { timeout: 60000 });
      return new Workbench(name, page, workspace, browser, server, logFile);
    } catch (e) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      throw e;
    }
  }

  /** The Patent Draft log (the output channel's file under the user data dir; the server's lines are in it too). */
  extensionLog(): string {
    const logs = join(this.workspace, '..', 'user-data', 'logs');
    const out: string[] = [];
    const walk = (dir: string, depth: number) => {
      if (depth > 6) return;
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const n of names.slice(0, 200)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p, depth + 1);
        else if (/Patent Draft\.log$/.test(n)) out.push(readFileSync(p, 'utf8'));
      }
    };
    walk(logs, 0);
    return out.join('\n');
  }

  /** The extension host's figures since the last reset: presses the harness's key for patentDraft._hostStats
   *  (which also resets them unless `peek`) and reads the line it logs. */
  async hostStats(peek = false): Promise<HostStats> {
    const before = (this.extensionLog().match(/host stats \{/g) ?? []).length;
    await this.page.keyboard.press(peek ? 'Control+Alt+Shift+F10' : 'Control+Alt+Shift+F9');
    return poll(
      'the host stats line in the Patent Draft log',
      async () => {
        const lines = [...this.extensionLog().matchAll(/host stats (\{.*\})/g)];
        return lines.length > before ? (JSON.parse(lines[lines.length - 1]![1]!) as HostStats) : undefined;
      },
      10000,
      50,
    );
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }

  /** Saves a screenshot under test/e2e/.work/artifacts and prints its path. */
  async screenshot(label: string): Promise<string> {
    const file = join(artifactsDir, `${this.name}-${label}.png`.replace(/[^\w.-]+/g, '_'));
    await this.page.screenshot({ path: file });
    console.log(`      screenshot: ${file}`);
    return file;
  }

  /** For `afterEach`: a screenshot of a failed test's last screen. */
  async afterEach(ctx: Mocha.Context): Promise<void> {
    const t = ctx.currentTest;
    if (t && t.state === 'failed') await this.screenshot(`failed-${t.title.slice(0, 40)}`).catch(() => undefined);
  }

  /** code-server's log so far, for failure messages. */
  serverLog(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** Presses `key` until the quick input shows (right after start-up the first key can go unheard). */
  private async quickInput(key: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press(key);
      try {
        await input.waitFor({ state: 'visible', timeout: 3000 });
        return;
      } catch (e) {
        if (attempt >= 4) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Ctrl+P, the file's name, Enter: the file opens in the active editor. */
  async openFile(relPath: string): Promise<void> {
    const name = relPath.split('/').pop()!;
    await this.quickInput('Control+P');
    await this.page.keyboard.type(relPath);
    await this.page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 15000 });
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"], .tabs-container .tab.active:has-text("${name}")`, { timeout: 15000 });
    await this.page.waitForSelector('.editor-instance .monaco-editor .view-lines .view-line', { timeout: 15000 });
    await this.focusEditor();
  }

  /** Ctrl+1: keyboard focus back to the (first) editor group, cursor where it was. */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press('Control+1');
    await this.page.waitForSelector('.editor-group-container.active .monaco-editor.focused', { timeout: 5000 }).catch(() => undefined);
  }

  /** F1, the command's palette label, Enter. */
  async runCommand(id: string): Promise<void> {
    await this.runPaletteEntry(commandLabel(id));
  }

  async runPaletteEntry(label: string): Promise<void> {
    await this.quickInput('F1');
    await this.page.keyboard.type(label);
    await this.page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${label.replace(/"/g, '\\"')}"]`, { timeout: 15000 });
    await this.page.keyboard.press('Enter');
  }

  /** Ctrl+G, "line:column", Enter: the cursor moves there (1-based). */
  async goTo(line: number, column: number): Promise<void> {
    await this.quickInput('Control+G');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await poll(
      `the cursor at ${line}:${column}`,
      async () => {
        const status = await this.page
          .locator('.statusbar-item[id="status.editor.selection"]')
          .innerText()
          .catch(() => '');
        return status.includes(`Ln ${line}, Col ${column}`) || undefined;
      },
      5000,
    );
  }

  /** The active editor's text as shown, one document line per screen line (word wrap is off). */
  async editorText(): Promise<string> {
    const lines = await this.page.$$eval('.editor-group-container.active .monaco-editor .view-lines .view-line', (els) =>
      els
        .map((e) => e as unknown as El)
        .map((el) => ({ top: parseFloat(el.style.top || '0'), text: el.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
    return norm(lines.join('\n'));
  }

  /** Waits until the active editor's text satisfies `pred` (edits, undo and renames land asynchronously). */
  async waitForEditorText(what: string, pred: (text: string) => boolean, timeoutMs = 20000): Promise<string> {
    let last = '';
    try {
      return await poll(
        what,
        async () => {
          last = await this.editorText();
          return pred(last) ? last : undefined;
        },
        timeoutMs,
        250,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}\neditor text:\n${last}`);
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and reads its rows: one per finding, under its file. */
  async problems(): Promise<Problem[]> {
    if (
      !(await this.page
        .locator('.markers-panel')
        .isVisible()
        .catch(() => false))
    ) {
      await this.page.keyboard.press('Control+Shift+M');
      await this.page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10000 });
    }
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) => {
      const out: { file: string; message: string; line: number; column: number; detail: string }[] = [];
      let file = '';
      const sorted = rows
        .map((e) => e as unknown as El)
        .map((r) => ({ r, top: parseFloat(r.style.top || '0') }))
        .sort((a, b) => a.top - b.top);
      for (const { r } of sorted) {
        if (r.querySelector('.related-info-resource')) continue; // a finding's related location, not a finding
        const at = r.querySelector('.marker-line');
        if (!at) {
          const label = r.querySelector('.monaco-icon-label .label-name, .label-name');
          if (label) file = (label.textContent ?? '').trim();
          continue;
        }
        const m = /(\d+)\D+(\d+)/.exec(at.textContent ?? '');
        const message = Array.from(r.querySelectorAll('.marker-message'))
          .map((e: El) => e.textContent ?? '')
          .join('\n');
        const detail = [r.querySelector('.marker-source')?.textContent ?? '', r.querySelector('.marker-code')?.textContent ?? ''].join('');
        out.push({ file, message: message.replace(/\u00a0/g, ' '), line: m ? Number(m[1]) : 0, column: m ? Number(m[2]) : 0, detail });
      }
      return out;
    });
  }

  /** Waits until the Problems panel satisfies `pred`, and returns its rows. */
  async waitForProblems(what: string, pred: (p: Problem[]) => boolean, timeoutMs = 60000): Promise<Problem[]> {
    let last: Problem[] = [];
    try {
      return await poll(
        what,
        async () => {
          last = await this.problems();
          return pred(last) ? last : undefined;
        },
        timeoutMs,
        500,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}\nProblems panel:\n${last.map((p) => `  ${p.file}:${p.line}:${p.column} ${p.message} ${p.detail}`).join('\n')}`);
    }
  }

  /** Moves the cursor to line:column and shows the hover there (Ctrl+K Ctrl+I); returns its text. */
  async hoverAt(line: number, column: number, expect?: RegExp, timeoutMs = 20000): Promise<string> {
    await this.goTo(line, column);
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content').first();
    let seen = '';
    return poll(
      'the hover',
      async () => {
        if (!(await hover.isVisible().catch(() => false))) {
          await this.page.keyboard.press('Control+K');
          await this.page.keyboard.press('Control+I');
          await hover.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
        }
        const text = norm(await hover.innerText().catch(() => ''));
        if (text) seen = text;
        return text && (!expect || expect.test(text)) ? text : undefined;
      },
      timeoutMs,
      500,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; hover text seen: ${seen || '(none)'}`);
    });
  }

  /** Waits for ghost text matching `expect` at the cursor; returns it (spaces normalised) and the ms it took. With
   *  `trigger` (the default) each round presses the manual trigger (Ctrl+Alt+\\) and waits up to 6 s for the text to
   *  show; without, it waits for the automatic suggestion, 1 s a round. `beforeRound(round)` runs first in each round
   *  (round 0 the first). Bounded by `timeoutMs`; the error says what was seen last. */
  async waitForGhostText(expect: RegExp, options: { trigger?: boolean; timeoutMs?: number; beforeRound?: (round: number) => Promise<void> } = {}): Promise<{ text: string; ms: number }> {
    const { trigger = true, timeoutMs = 60000, beforeRound } = options;
    const ghost = this.page.locator('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text');
    const t0 = Date.now();
    let seen = '';
    for (let round = 0; ; round++) {
      await beforeRound?.(round);
      if (trigger) await this.page.keyboard.press('Control+Alt+Backslash');
      const visible = await ghost
        .first()
        .waitFor({ state: 'visible', timeout: trigger ? 6000 : 1000 })
        .then(
          () => true,
          () => false,
        );
      if (visible) {
        seen = (await ghost.allInnerTexts()).join(' ').replace(/\s+/g, ' ');
        if (expect.test(seen)) return { text: seen, ms: Date.now() - t0 };
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`no ghost text matching ${expect} after ${timeoutMs} ms; seen: ${seen || '(none)'}`);
    }
  }

  /** Asks for an inline claim suggestion right after `needle` in `file` (the cursor put back there, and a ghost text
   *  that did not match dismissed, before each try) until ghost text matching `expect` shows; returns the ghost text. */
  async ghostTextAfter(file: string, needle: string, dir: string, expect: RegExp, timeoutMs = 60000): Promise<string> {
    const at = positionOf(file, needle, 0, dir);
    const beforeRound = async (round: number) => {
      if (round > 0) await this.page.keyboard.press('Escape');
      await this.goTo(at.line, at.column + needle.length);
    };
    return (await this.waitForGhostText(expect, { timeoutMs, beforeRound })).text;
  }

  /** Ctrl+. at line:column; returns the titles of the offered code actions (widget left open). */
  async openQuickFixes(line: number, column: number): Promise<string[]> {
    await this.goTo(line, column);
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    // Ctrl+. can land before the editor has focus or before the provider has an analysis to answer
    // from: press it again until the widget shows (each wait bounded).
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      const shown = await rows
        .first()
        .waitFor({ state: 'visible', timeout: 8000 })
        .then(
          () => true,
          () => false,
        );
      if (shown) break;
      if (attempt >= 3) throw new Error('the quick-fix widget did not open after 4 tries of Ctrl+.');
      await this.page.keyboard.press('Escape');
      await this.goTo(line, column);
    }
    return (await rows.allInnerTexts()).map((t) => norm(t).trim());
  }

  /** Picks the open code action whose title contains `title`. */
  async chooseQuickFix(title: string): Promise<void> {
    await this.page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first().click();
    await this.page
      .locator('.action-widget')
      .first()
      .waitFor({ state: 'hidden', timeout: 10000 })
      .catch(() => undefined);
  }

  /** F2 at line:column, the new name, Enter. */
  async rename(line: number, column: number, newName: string): Promise<void> {
    await this.goTo(line, column);
    await this.page.keyboard.press('F2');
    const input = this.page.locator('.rename-box input.rename-input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill(newName);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15000 });
  }

  /** Rows of the tree view whose pane title matches `title`, top to bottom, expanding collapsed rows. */
  async treeRows(title: RegExp): Promise<TreeRow[]> {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: title }) }).first();
    await pane.locator('.custom-view-tree-node-item').first().waitFor({ state: 'visible', timeout: 30000 });
    // Expand whatever is collapsed, as a user clicking the twisties would.
    for (let i = 0; i < 20; i++) {
      const collapsed = pane.locator('.monaco-list-row[aria-expanded="false"]');
      if ((await collapsed.count()) === 0) break;
      await collapsed.first().locator('.monaco-tl-twistie').click();
      await this.page.waitForTimeout(150);
    }
    return pane.locator('.monaco-list-row').evaluateAll((rows) =>
      rows
        .map((r) => {
          const el = r as unknown as El;
          const exp = el.getAttribute('aria-expanded');
          return {
            top: parseFloat(el.style.top || '0'),
            label: (el.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
            description: (el.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
            level: Number(el.getAttribute('aria-level') ?? '0'),
            expanded: exp === null ? undefined : exp === 'true',
          };
        })
        .sort((a, b) => a.top - b.top)
        .map(({ label, description, level, expanded }) => ({ label, description, level, expanded })),
    );
  }

  /** The innermost frame of the active webview (VS Code nests the content in an iframe in an iframe). */
  async webviewText(expect: RegExp, timeoutMs = 30000): Promise<{ text: string; frame: Frame }> {
    let seen = '';
    try {
      return await poll(
        'the webview content',
        async () => {
          for (const frame of this.page.frames()) {
            if (frame === this.page.mainFrame()) continue;
            const text = await frame.evaluate(() => (globalThis as unknown as { document?: { body?: { innerText: string } } }).document?.body?.innerText ?? '').catch(() => '');
            if (text.length > seen.length) seen = text;
            if (expect.test(text)) return { text: norm(text), frame };
          }
          return undefined;
        },
        timeoutMs,
        500,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}\nlongest webview text seen:\n${seen.slice(0, 2000)}`);
    }
  }

  /** Writes a file into the workspace copy (for specs that need a variant of the fixture). */
  writeWorkspaceFile(rel: string, text: string): void {
    writeFileSync(join(this.workspace, rel), text);
  }
}
