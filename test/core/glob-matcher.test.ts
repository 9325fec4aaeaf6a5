import assert from 'node:assert/strict';
import { matchGlob } from '../../src/core/glob';

describe("glob matcher (the core's, which the language server applies for every editor)", () => {
  it('matches ** across folders, including none', () => {
    assert.ok(matchGlob('**/claims.md', 'claims.md'));
    assert.ok(matchGlob('**/claims.md', 'matters/widget/claims.md'));
    assert.ok(!matchGlob('**/claims.md', 'matters/widget/claims.md.bak'));
    assert.ok(!matchGlob('**/claims.md', 'matters/widget/oldclaims.md'));
  });
  it('matches * within one segment only', () => {
    assert.ok(matchGlob('*.md', 'spec.md'));
    assert.ok(!matchGlob('*.md', 'a/spec.md'));
    assert.ok(matchGlob('**/*.md', 'a/b/spec.md'));
  });
  it('supports braces and classes', () => {
    const g = '{**/node_modules/**,**/README.md}';
    assert.ok(matchGlob(g, 'README.md'));
    assert.ok(matchGlob(g, 'x/node_modules/y/z.md'));
    assert.ok(!matchGlob(g, 'x/spec.md'));
    assert.ok(matchGlob('claim[s0-9].md', 'claims.md'));
    assert.ok(matchGlob('**/*claims*.{md,markdown}', 'm/amended-claims.markdown'));
  });
  it('is case-insensitive and treats dots literally', () => {
    assert.ok(matchGlob('**/Claims.MD', 'x/claims.md'));
    assert.ok(!matchGlob('claims.md', 'claimsxmd'));
  });
  it('never matches an empty glob', () => {
    assert.ok(!matchGlob('', 'claims.md'));
  });
});
