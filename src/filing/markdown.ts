// The filing model as clean Markdown: no front matter, no comments (suppression comments among
// them), paragraphs numbered [0001], the claims and the abstract under their own headings. It reads
// back as a matter (the claims as a numbered list, each element on its own line, 3 spaces a level).
import type { FilingDocument } from './model';
import type { Run } from './runs';

/** Escapes only what would turn into markup: '*', '`', '_' at a word's edge, '<' before a tag, '~~', and a backslash before one of those. */
export function escapeMd(s: string): string {
  return s.replace(/\\(?=[\\`*_~<])|[*`]|_(?=\W|$)|(?<=\W|^)_|<(?=[A-Za-z/!?])|~(?=~)/g, '\\$&');
}

function runMd(r: Run): string {
  let s = r.code ? '`' + r.text.replace(/`/g, "'") + '`' : escapeMd(r.text);
  if (r.sub) s = `<sub>${s}</sub>`;
  if (r.sup) s = `<sup>${s}</sup>`;
  if (r.underline) s = `<u>${s}</u>`;
  if (r.strike) s = `~~${s}~~`;
  if (r.italic) s = `*${s}*`;
  if (r.bold) s = `**${s}**`;
  return (r.break ? '<br>' : '') + s;
}

export function runsMarkdown(runs: Run[]): string {
  // Emphasis marks must hug the text: move edge spaces outside them.
  return runs
    .map((r) => {
      if (r.code || !(r.bold || r.italic || r.strike) || !r.text.trim()) return runMd(r);
      const lead = /^\s*/.exec(r.text)![0];
      const trail = /\s*$/.exec(r.text)![0];
      return lead + runMd({ ...r, text: r.text.trim() }) + trail;
    })
    .join('');
}

export function filingMarkdown(doc: FilingDocument): string {
  const out: string[] = [];
  if (doc.title) out.push(`# ${doc.title}`, '');
  for (const b of doc.body) {
    if (b.kind === 'heading') out.push(`${'#'.repeat(b.level)} ${runsMarkdown(b.runs)}`, '');
    else if (b.kind === 'paragraph') out.push(`[${String(b.number).padStart(4, '0')}] ${runsMarkdown(b.runs)}`, '');
    else {
      const cols = Math.max(1, ...b.rows.map((r) => r.cells.length));
      const row = (cells: Run[][]) => `| ${Array.from({ length: cols }, (_, i) => runsMarkdown(cells[i] ?? []).replace(/\|/g, '\\|')).join(' | ')} |`;
      b.rows.forEach((r, i) => {
        out.push(row(r.cells));
        if (i === 0) out.push(`|${' --- |'.repeat(cols)}`);
      });
      out.push('');
    }
  }
  out.push(`## ${doc.claimsHeading}`, '');
  for (const c of doc.claims) {
    const head = `${c.number}. ${c.status ? `(${c.status})${c.canceled ? '' : ' '}` : ''}`;
    c.lines.forEach((l, i) => out.push(i === 0 ? head + runsMarkdown(l.runs) : `${'   '.repeat(Math.max(1, l.level))}${runsMarkdown(l.runs)}`));
    if (!c.lines.length) out.push(head.trimEnd());
    out.push('');
  }
  out.push(`## ${doc.abstractHeading}`, '');
  for (const p of doc.abstract) out.push(runsMarkdown(p), '');
  if (doc.abstractFigure) out.push(`(${doc.abstractFigure})`, '');
  return out.join('\n');
}
