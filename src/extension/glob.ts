// A small glob matcher for matter discovery (no vscode import): `**`, `*`, `?`, `{a,b}`, `[abc]`.
// VS Code has no public glob matcher for paths that are not open documents.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches any number of folders (including none); a trailing "**" matches anything.
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:[^/]*/)*';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  const out = new RegExp(`^${re}$`, 'i');
  cache.set(glob, out);
  return out;
}

/** Whether `relativePath` (forward slashes, no leading slash) matches `glob`. */
export function matchGlob(glob: string, relativePath: string): boolean {
  if (!glob) return false;
  return globToRegExp(glob).test(relativePath.replace(/\\/g, '/').replace(/^\/+/, ''));
}
