// Reading "claim 3" / "claims 1 to 3" references on one line, for hovers and go to definition.
// Pure: no vscode import. The reading itself is the core's (`claimNumberAt`).
import { claimNumberAt } from '../core/index';

export interface ClaimRefHit {
  /** The claim number under the cursor. */
  claim: number;
  /** Column range of that number on the line. */
  start: number;
  end: number;
}

/** The claim number referred to at `character` on `line` ("claim 3", or any number of "claims 1, 2 or 4"). */
export { claimNumberAt as claimRefAt };

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
