// The language server driven by a real LSP client other than VS Code: Debian's Neovim with its
// built-in client (nvim --headless -u NONE, the Lua in nvim-client.lua): diagnostics, hover on
// "claim 1", rename of a term across claims and disclosure, a code action applied.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyFixture, ROOT } from './client';

describe('lsp: Neovim as the client', function () {
  it('shows the diagnostics, hovers on "claim 1", renames a term and applies a fix', () => {
    const fx = copyFixture('split');
    try {
      const out = path.join(fx.dir, '..', 'nvim-out.json');
      const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(ROOT, 'test/lsp/nvim-client.lua')}`], {
        cwd: fx.dir,
        env: {
          ...process.env,
          PD_ROOT: ROOT,
          PD_NODE: process.execPath,
          PD_FILE: path.join(fx.dir, 'claims.md'),
          PD_DISCLOSURE: path.join(fx.dir, 'disclosure.md'),
          PD_OUT: out,
          XDG_STATE_HOME: fx.dir,
          XDG_DATA_HOME: fx.dir,
        },
        encoding: 'utf8',
        timeout: 120000,
      });
      assert.equal(r.error, undefined, String(r.error));
      const got = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(got.error, undefined, `the Lua client failed: ${got.error}`);
      assert.equal(got.ok, true);
      // Diagnostics as Neovim stores them: code, source, 0-based line, the catalogue link.
      const ab = got.diagnostics.find((d: { code: string }) => d.code === 'antecedent-basis');
      assert.ok(ab, JSON.stringify(got.diagnostics));
      assert.equal(ab.source, 'patent-draft');
      assert.match(ab.message, /"the clip"/);
      assert.equal(ab.lnum, 9);
      assert.match(ab.href, /README\.md#check-catalogue$/);
      // Hover on "claim 1".
      assert.match(got.hover, /\*\*Claim 1\*\* · independent/);
      assert.match(got.hover, /A beverage container comprising/);
      // Rename across both files, articles kept right ("a seal" -> "a gasket").
      assert.match(got.claimsAfterRename, /a gasket between the lid and the housing/);
      assert.doesNotMatch(got.claimsAfterRename, /\bseal\b/);
      assert.match(got.disclosureAfterRename, /a gasket 18 sits between/);
      assert.doesNotMatch(got.disclosureAfterRename, /\bseal\b/);
      // The fix, applied by Neovim from the server's WorkspaceEdit.
      assert.ok(got.actions.includes('Introduce it here: "a clip"'), got.actions.join(' | '));
      assert.match(got.claimsAfterFix, /further comprising a clip holding the gasket\./);
      assert.equal(got.findingGone, true);
    } finally {
      fx.cleanup();
    }
  });
});
