// Text helpers for hovers (shortening, Markdown escaping). Pure: no vscode import. The claim
// references under the cursor are read by the core (`claimNumberAt`).

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
