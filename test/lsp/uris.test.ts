// A document's uri as any client spells it names the same document (src/lsp/matters.ts canonicalUri).
import assert from 'node:assert/strict';
import { canonicalFolder, canonicalUri, folderOf } from '../../src/lsp/matters';
import { ClientWorkspace } from '../../src/lsp/clientWorkspace';

describe('lsp: canonical uris', () => {
  it("spells another scheme's path as the server names the files the client serves", () => {
    const ws = new ClientWorkspace(
      'pdmem://drafts',
      () => Promise.reject(new Error('not asked')),
      () => undefined,
    );
    const served = ws.uriOf('/matter (draft)/claims.md');
    assert.equal(served, 'pdmem://drafts/matter%20%28draft%29/claims.md');
    for (const spelt of [
      'pdmem://drafts/matter%20(draft)/claims.md',
      'pdmem://drafts/matter%20%28draft%29/claims.md',
      'pdmem://drafts/matter (draft)/claims.md',
      'pdmem://drafts/m%61tter%20%28draft%29/claims.md',
    ])
      assert.equal(canonicalUri(spelt), served, spelt);
    assert.equal(canonicalUri('pdmem://drafts/caf%C3%A9/~x.md'), ws.uriOf('/café/~x.md'));
  });

  it('leaves alone what it cannot read: no path, an escaped slash, a query or fragment, a bad escape, an opaque uri', () => {
    for (const uri of ['pdmem://drafts', 'pdmem://drafts/a%2Fb.md', 'pdmem://drafts/a.md?x=1', 'pdmem://drafts/a.md#top', 'pdmem://drafts/100%.md', 'untitled:Untitled-1'])
      assert.equal(canonicalUri(uri), uri);
  });

  it('spells file uris as Node does', () => {
    assert.equal(canonicalUri('file:///tmp/matter%20(draft)/claims.md'), canonicalUri('file:///tmp/matter (draft)/claims.md'));
    assert.match(canonicalUri('file:///tmp/matter (draft)/claims.md'), /^file:\/\/\/tmp\/matter%20\(draft\)\/claims\.md$/);
  });

  it('names a workspace folder as folderOf names the folder of a document in it, with or without a trailing slash', () => {
    for (const [folder, doc] of [
      ['file:///tmp/matter', 'file:///tmp/matter/claims.md'],
      ['file:///tmp/matter/', 'file:///tmp/matter/claims.md'],
      ['file:///', 'file:///claims.md'],
      ['pdmem://drafts', 'pdmem://drafts/claims.md'],
      ['pdmem://drafts/', 'pdmem://drafts/claims.md'],
      ['pdmem://drafts/matter%20(draft)/', 'pdmem://drafts/matter%20%28draft%29/claims.md'],
    ])
      assert.equal(canonicalFolder(folder), folderOf(canonicalUri(doc)), folder);
  });
});
