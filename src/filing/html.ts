// The filing model as one self-contained HTML page (print CSS: the claims and the abstract start a
// new page). Every piece of document text is escaped; nothing is fetched.
import type { FilingDocument } from './model';
import type { Run } from './runs';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function runHtml(r: Run): string {
  let s = escapeHtml(r.text);
  if (r.code) s = `<code>${s}</code>`;
  if (r.sub) s = `<sub>${s}</sub>`;
  if (r.sup) s = `<sup>${s}</sup>`;
  if (r.strike) s = `<s>${s}</s>`;
  if (r.underline) s = `<u>${s}</u>`;
  if (r.italic) s = `<em>${s}</em>`;
  if (r.bold) s = `<strong>${s}</strong>`;
  return (r.break ? '<br>' : '') + s;
}

export function runsHtml(runs: Run[]): string {
  return runs.map(runHtml).join('');
}

const CSS = `body{font-family:"Times New Roman",serif;font-size:12pt;line-height:1.5;max-width:17cm;margin:2cm auto 2cm 2.5cm}
h1{font-size:12pt;text-align:center;font-weight:normal}h2,h3,h4,h5,h6{font-size:12pt;font-weight:normal}
.num{font-weight:bold;margin-right:1em}.claims,.abstract{break-before:page;page-break-before:always}
.claim{margin:0 0 1em 0}.el{display:block}table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 6px}
code{font-family:"Courier New",monospace}`;

export function filingHtml(doc: FilingDocument): string {
  const out: string[] = [];
  const lang = doc.jurisdiction === 'ep' ? 'en' : 'en-US';
  out.push(`<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(doc.title || 'Patent application')}</title><style>${CSS}</style></head><body>`);
  if (doc.title) out.push(`<h1>${escapeHtml(doc.jurisdiction === 'ep' ? doc.title : doc.title.toUpperCase())}</h1>`);
  for (const b of doc.body) {
    if (b.kind === 'heading') out.push(`<h${b.level}>${runsHtml(b.runs)}</h${b.level}>`);
    else if (b.kind === 'paragraph') out.push(`<p><span class="num">[${String(b.number).padStart(4, '0')}]</span>${runsHtml(b.runs)}</p>`);
    else out.push(`<table>${b.rows.map((r) => `<tr>${r.cells.map((c) => `<${r.header ? 'th' : 'td'}>${runsHtml(c)}</${r.header ? 'th' : 'td'}>`).join('')}</tr>`).join('')}</table>`);
  }
  out.push(`<section class="claims"><h2>${escapeHtml(doc.claimsHeading)}</h2>`);
  for (const c of doc.claims) {
    const lines = c.lines.map((l, i) => (i === 0 ? runsHtml(l.runs) : `<span class="el" style="margin-left:${2 * l.level}em">${runsHtml(l.runs)}</span>`)).join('');
    out.push(`<p class="claim">${c.number}. ${c.status ? `(${escapeHtml(c.status)}) ` : ''}${lines}</p>`);
  }
  out.push(`</section><section class="abstract"><h2>${escapeHtml(doc.abstractHeading)}</h2>`);
  for (const p of doc.abstract) out.push(`<p>${runsHtml(p)}</p>`);
  if (doc.abstractFigure) out.push(`<p>(${escapeHtml(doc.abstractFigure)})</p>`);
  out.push('</section></body></html>\n');
  return out.join('\n');
}
