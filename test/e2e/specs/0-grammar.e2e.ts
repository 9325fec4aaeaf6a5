// The TextMate injection grammar, tokenised with the real vscode-textmate and Oniguruma that ship
// inside code-server (test/e2e's install, which the e2e suite's setup makes before this runs).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const vscodeDir = join(root, 'test/e2e/node_modules/code-server/lib/vscode');
const grammarPath = join(root, 'syntaxes/patent-draft.injection.tmLanguage.json');
const markdownPath = join(vscodeDir, 'extensions/markdown-basics/syntaxes/markdown.tmLanguage.json');

describe('extension TextMate injection grammar', function () {
  let tokenize: ((lines: string[]) => [string, string][][]) | undefined;
  let colours: ((theme: string, line: string) => Promise<[string, string][]>) | undefined;

  before(async function () {
    assert.ok(existsSync(join(vscodeDir, 'node_modules/vscode-textmate')) && existsSync(markdownPath), 'code-server is not installed in test/e2e: run node test/e2e/setup.mjs (npm run test:e2e does)');
    const require = createRequire(join(vscodeDir, 'package.json'));
    const tm = require('vscode-textmate');
    const onig = require('vscode-oniguruma');
    const wasm = readFileSync(join(vscodeDir, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    // Markdown with our injection, on the Oniguruma code-server ships; one registry per theme below.
    const newRegistry = () =>
      new tm.Registry({
        onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
        loadGrammar: async (scope: string) => {
          if (scope === 'text.html.markdown') return tm.parseRawGrammar(readFileSync(markdownPath, 'utf8'), 'markdown.json');
          if (scope === 'markdown.patent-draft.injection') return tm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), 'injection.json');
          return null;
        },
        getInjections: (scope: string) => (scope === 'text.html.markdown' ? ['markdown.patent-draft.injection'] : undefined),
      });
    const registry = newRegistry();
    const grammar = await registry.loadGrammar('text.html.markdown');
    // The foreground each default theme gives our tokens: the theme's rules (with the theme it
    // includes) set on a registry of its own, read back from the token metadata.
    const themesDir = join(vscodeDir, 'extensions/theme-defaults/themes');
    const themeRules = (file: string): unknown[] => {
      const j = JSON.parse(readFileSync(join(themesDir, file), 'utf8')) as { include?: string; tokenColors?: unknown[] };
      return [...(j.include ? themeRules(j.include.replace(/^\.\//, '')) : []), ...(j.tokenColors ?? [])];
    };
    colours = async (theme, line) => {
      const themed = newRegistry();
      themed.setTheme({ settings: [{ settings: { foreground: '#808080' } }, ...themeRules(theme)] });
      const map: string[] = themed.getColorMap();
      const g = await themed.loadGrammar('text.html.markdown');
      const plain = g.tokenizeLine(line, tm.INITIAL).tokens as { startIndex: number; endIndex: number; scopes: string[] }[];
      const coded = g.tokenizeLine2(line, tm.INITIAL).tokens as Uint32Array;
      const out: [string, string][] = [];
      for (let i = 0; i < coded.length; i += 2) {
        const start = coded[i]!;
        const end = i + 2 < coded.length ? coded[i + 2]! : line.length;
        const ours = plain.find((t) => t.startIndex <= start && t.endIndex >= end)?.scopes.some((s) => s.endsWith('.patent-draft'));
        // Foreground colour index: bits 15-23 of the metadata (vscode-textmate's encoding).
        if (ours) out.push([line.slice(start, end), map[(coded[i + 1]! >>> 15) & 0x1ff]!]);
      }
      return out;
    };
    tokenize = (lines) => {
      let state = tm.INITIAL;
      return lines.map((line) => {
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        return r.tokens
          .map((t: { startIndex: number; endIndex: number; scopes: string[] }) => [line.slice(t.startIndex, t.endIndex), t.scopes.find((s) => s.endsWith('.patent-draft')) ?? ''] as [string, string])
          .filter(([, s]: [string, string]) => s)
          .map(([t, s]: [string, string]) => [t, s.replace(/\.patent-draft$/, '')] as [string, string]);
      });
    };
  });

  it('scopes claim numbers, references, transitions, wherein and means for', () => {
    const [a, b, c] = tokenize!([
      '1. A lid assembly for a bin, comprising:',
      '2. The lid assembly of claim 1, wherein the lid has means for fastening.',
      '3) The method of any of claims 1 to 3, characterised in that a frame including: x.',
    ]);
    assert.deepEqual(a, [
      ['1', 'constant.numeric.claim-number'],
      ['.', 'punctuation.definition.claim-number'],
      ['comprising', 'keyword.control.transition'],
    ]);
    assert.deepEqual(b!.slice(2), [
      ['claim', 'variable.language.claim-reference'],
      ['1', 'variable.other.claim-reference'],
      ['wherein', 'keyword.control.wherein'],
      ['means for', 'support.type.means-for'],
    ]);
    assert.deepEqual(
      c!.map(([t]) => t),
      ['3', ')', 'claims', '1 to 3', 'characterised in that', 'including'],
    );
  });

  it('scopes reference numerals but not years, steps or claim numbers', () => {
    const [line] = tokenize!(['The frame 14 has a rim 16 and a hook (24), a lever 30a; in 2019, step 4 of claim 3.']);
    assert.deepEqual(
      line!.filter(([, s]) => s === 'constant.numeric.reference-numeral').map(([t]) => t),
      ['14', '16', '24', '30a'],
    );
  });

  it('paints nothing of ours red in the default themes (red reads as an error)', async () => {
    const themes = ['dark_plus.json', 'light_plus.json', 'dark_modern.json', 'light_modern.json', '2026-dark.json', '2026-light.json'].filter((f) =>
      existsSync(join(vscodeDir, 'extensions/theme-defaults/themes', f)),
    );
    assert.ok(themes.length >= 4, `default themes found: ${themes.join(', ')}`);
    const line = '2. The lid assembly of claim 1, wherein the lid 12 has means for fastening, comprising:';
    for (const theme of themes) {
      const painted = await colours!(theme, line);
      assert.deepEqual(painted.map(([t]) => t.trim()).filter(Boolean), ['2', 'claim', '1', 'wherein', '12', 'means for', 'comprising'], theme);
      for (const [text, hex] of painted) assert.ok(!isRed(hex), `${theme} paints "${text}" ${hex}`);
    }
  });

  it('leaves fenced code alone', () => {
    const lines = tokenize!(['```', '1. claim 1 comprising 12', '```']);
    assert.deepEqual(lines, [[], [], []]);
  });
});

/** A saturated red (hue within 20° of red): what a default theme uses for errors and for keywords in the 2026 themes. */
function isRed(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 0.25 || max !== r) return false;
  const hue = (60 * (g - b)) / (max - min);
  return hue > -20 && hue < 20;
}
