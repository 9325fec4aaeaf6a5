// `patent-draft tree`: the claim tree of each matter.
import { analyzeMatter } from '../../core/index';
import { displayPath } from '../../core/index';
import { claimTree, type ClaimTreeNode } from '../../core/index';
import type { Claim } from '../../core/index';
import { parseArgs, type CliCommand } from '../command';
import { mattersFor, readFormat, readJurisdiction } from './shared';

export const treeCommand: CliCommand = {
  name: 'tree',
  summary: 'show the claim dependency tree',
  usage: 'patent-draft tree PATH... [--format text|json] [--jurisdiction us|ep]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { strings: ['format', 'jurisdiction'] });
    const format = readFormat(options.format, ['text', 'json'], 'text');
    const matters = await mattersFor(positional, io.cwd, { jurisdiction: readJurisdiction(options.jurisdiction) });
    const out: unknown[] = [];
    for (const m of matters) {
      const a = analyzeMatter(m);
      const tree = claimTree(a.claims);
      const byNumber = new Map(a.claims.map((c) => [c.number, c]));
      if (format === 'json') {
        out.push({ claims: a.claimsUri, tree, canceled: a.claims.filter((c) => c.canceled).map((c) => c.number) });
        continue;
      }
      io.stdout(`${displayPath(a.claimsUri ?? m.root, io.cwd)}\n`);
      const lines: string[] = [];
      const walk = (nodes: ClaimTreeNode[], prefix: string) => {
        nodes.forEach((n, i) => {
          const last = i === nodes.length - 1;
          lines.push(`${prefix}${last ? '└─ ' : '├─ '}${label(byNumber.get(n.claim))}`);
          walk(n.children, prefix + (last ? '   ' : '│  '));
        });
      };
      for (const root of tree) {
        lines.push(label(byNumber.get(root.claim)));
        walk(root.children, '');
      }
      const canceled = a.claims.filter((c) => c.canceled).map((c) => c.number);
      if (canceled.length) lines.push(`(canceled: ${canceled.join(', ')})`);
      io.stdout(lines.join('\n') + '\n\n');
    }
    if (format === 'json') io.stdout(JSON.stringify(out, null, 2) + '\n');
    return matters.length ? 0 : 2;
  },
};

function label(c: Claim | undefined): string {
  if (!c) return '?';
  const text = c.text.replace(/\s+/g, ' ').trim();
  const short = text.length > 70 ? text.slice(0, 69) + '…' : text;
  return `${c.number}${c.parents.length > 1 ? ` [${c.parents.join('|')}]` : ''} ${short}`;
}
