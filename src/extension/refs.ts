// Reading "claim 3" / "claims 1 to 3" references on one line, for hovers and go to definition.
// Pure: no vscode import.

export interface ClaimRefHit {
  /** The claim number under the cursor. */
  claim: number;
  /** Column range of that number on the line. */
  start: number;
  end: number;
}

const REF = /\bclaims?\s+(\d+(?:\s*(?:,|and|or|to|through|-|–)\s*(?:claim\s+)?\d+)*)/gi;

/** The claim number referred to at `character` on `line` ("claim 3", or any number of "claims 1, 2 or 4"). */
export function claimRefAt(line: string, character: number): ClaimRefHit | undefined {
  REF.lastIndex = 0;
  for (let m = REF.exec(line); m; m = REF.exec(line)) {
    const start = m.index;
    const end = start + m[0].length;
    if (character < start || character > end) continue;
    const listStart = start + m[0].length - m[1]!.length;
    const nums = [...m[1]!.matchAll(/\d+/g)].map((n) => ({ claim: Number(n[0]), start: listStart + n.index!, end: listStart + n.index! + n[0].length }));
    if (nums.length === 0) return undefined;
    // The number under the cursor, or (on the word "claim") the first one.
    return nums.find((n) => character >= n.start && character <= n.end) ?? nums[0];
  }
  return undefined;
}

/** Shortens text to about `max` characters on a word boundary, on one line. */
export function shorten(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:]$/, '')}…`;
}

/** Escapes text for Markdown (hover and report), including HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`)).replace(/&(?!lt;|gt;)/g, '&amp;');
}
