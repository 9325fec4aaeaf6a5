// Which documents the extension gives the language server (src/extension/schemes.ts): disk, remote
// disks, and every virtual workspace folder's own scheme, never the editor's views of other things.
import assert from 'node:assert/strict';
import { BASE_SCHEMES, serverSchemes } from '../../src/extension/schemes.js';

describe('extension: the schemes the language server is given', () => {
  it('always handles disk, remote disks and Remote Repositories', () => {
    assert.deepEqual(serverSchemes([]), [...BASE_SCHEMES]);
  });
  it("adds a virtual workspace folder's own scheme, once, lower-cased", () => {
    assert.deepEqual(serverSchemes(['pdmem', 'PDMEM', 'file', 'memfs']), [...BASE_SCHEMES, 'pdmem', 'memfs']);
  });
  it('never takes views of other things (git diffs, untitled, output, settings) or malformed schemes', () => {
    assert.deepEqual(serverSchemes(['git', 'untitled', 'output', 'vscode-userdata', 'vscode-notebook-cell', '', '1abc', 'a b', 'x'.repeat(80)]), [...BASE_SCHEMES]);
  });
  it('is bounded: a workspace of many schemes adds at most 16 in all', () => {
    assert.equal(serverSchemes(Array.from({ length: 100 }, (_, i) => `s${i}`)).length, 16);
  });
  it("grows as the client grows its selector (the schemes held, then a new folder's): what is held stays first, still at most 16 in all", () => {
    const held = serverSchemes(Array.from({ length: 10 }, (_, i) => `s${i}`));
    assert.deepEqual(serverSchemes([...held, 'pdmem', 's0']).slice(0, held.length), held);
    assert.deepEqual(serverSchemes([...held, 'pdmem', 'memfs', 'other', 'more']), [...held, 'pdmem', 'memfs', 'other']);
  });
});
