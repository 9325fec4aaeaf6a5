// `patent-draft terms`: the claim terms, where introduced, uses, support and numerals.
import { analyzeMatter } from '../../core/index';
import { displayPath } from '../../core/index';
import { parseArgs, type CliCommand } from '../command';
import { mattersFor, readFormat, readJurisdiction } from './shared';

export const termsCommand: CliCommand = {
  name: 'terms',
  summary: 'list claim terms: introduced where, uses, support in the disclosure, numerals',
  usage: 'patent-draft terms PATH... [--format text|json]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { strings: ['format', 'jurisdiction'] });
    const format = readFormat(options.format, ['text', 'json'], 'text');
    const matters = await mattersFor(positional, io.cwd, { jurisdiction: readJurisdiction(options.jurisdiction) });
    const all: unknown[] = [];
    for (const m of matters) {
      const a = analyzeMatter(m);
      if (format === 'json') {
        all.push({
          claims: a.claimsUri,
          terms: a.terms.map((t) => ({
            term: t.label,
            key: t.key,
            introducedIn: t.introducedIn.map((i) => ({ claim: i.claim, line: i.range.start.line + 1 })),
            uses: t.mentions.map((x) => ({ claim: x.claim, determiner: x.determiner, line: x.range.start.line + 1 })),
            support: t.support.count,
            firstSupport: t.support.first && { uri: t.support.first.uri, line: t.support.first.range.start.line + 1, excerpt: t.support.first.excerpt },
            numerals: t.numerals,
          })),
        });
        continue;
      }
      io.stdout(`${displayPath(a.claimsUri ?? m.root, io.cwd)}\n`);
      const rows = a.terms.map((t) => [
        t.label,
        t.introducedIn.length ? [...new Set(t.introducedIn.map((i) => i.claim))].join(',') : '-',
        String(t.mentions.length),
        String(t.support.count),
        t.numerals.join(',') || '-',
      ]);
      const head = ['term', 'introduced in claim', 'uses', 'support', 'numerals'];
      const w = head.map((h, i) => Math.min(50, Math.max(h.length, ...rows.map((r) => r[i].length))));
      const line = (r: string[]) =>
        r
          .map((c, i) => (c.length > w[i] ? c.slice(0, w[i] - 1) + '…' : c.padEnd(w[i])))
          .join('  ')
          .trimEnd();
      io.stdout([line(head), ...rows.map(line)].join('\n') + '\n\n');
    }
    if (format === 'json') io.stdout(JSON.stringify(all, null, 2) + '\n');
    return matters.length ? 0 : 2;
  },
};
