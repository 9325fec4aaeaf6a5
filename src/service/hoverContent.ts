// Hover text built from an Analysis: the claim's dependency chain and what it relies on, and a
// term's introduction, uses, support, numeral and drift. Pure: no vscode import; the host passes
// a function that turns a location into a link.
import { ancestors, dependents, type Analysis } from '../core/index';
import type { Claim, Finding, Range, Term, TermMention } from '../core/index';
import { escapeMarkdown, shorten } from './refs';

export type LinkFn = (uri: string, range: Range) => string;

const esc = escapeMarkdown;

function claimLink(link: LinkFn, c: Claim, label = `claim ${c.number}`): string {
  return `[${esc(label)}](${link(c.uri, c.numberRange)})`;
}

function byNumber(analysis: Analysis): Map<number, Claim> {
  const map = new Map<number, Claim>();
  for (const c of analysis.claims) if (!map.has(c.number)) map.set(c.number, c);
  return map;
}

function list(nums: number[]): string {
  if (nums.length === 0) return '';
  if (nums.length === 1) return String(nums[0]);
  return `${nums.slice(0, -1).join(', ')} and ${nums[nums.length - 1]}`;
}

/** Terms the claim uses with "the"/"said" whose introduction is in one of its ancestors, grouped by that ancestor. */
export function reliedOn(analysis: Analysis, claim: number, chain: number[]): Map<number, Term[]> {
  const out = new Map<number, Term[]>();
  const set = new Set(chain);
  for (const t of analysis.terms) {
    if (!t.mentions.some((m) => m.claim === claim && m.kind === 'definite')) continue;
    if (t.introducedIn.some((i) => i.claim === claim)) continue;
    // The nearest ancestor that introduces it.
    const from = chain.find((a) => t.introducedIn.some((i) => i.claim === a && set.has(a)));
    if (from === undefined) continue;
    const l = out.get(from) ?? [];
    l.push(t);
    out.set(from, l);
  }
  return out;
}

/**
 * Hover for a claim number, or (with `from`, the claim holding the reference) for a reference to
 * claim `n`: then the referred claim's text, the chain from `from` and what `from` relies on.
 */
export function claimHover(analysis: Analysis, n: number, link: LinkFn, from?: number): string | undefined {
  const claims = byNumber(analysis);
  const claim = claims.get(n);
  if (!claim) return `**Claim ${n}** does not exist in this matter (claims ${claimSpan(analysis)}).`;
  const lines: string[] = [];
  const chain = ancestors(analysis.claims, n);
  const kind = claim.canceled ? 'canceled' : chain.length === 0 ? 'independent' : 'dependent';
  const status = claim.status ? ` · ${esc(claim.status)}` : '';
  lines.push(`**Claim ${n}** · ${kind}${claim.category ? ` ${esc(claim.category)} claim` : ''}${status}`);
  const referrer = from !== undefined && from !== n ? claims.get(from) : undefined;
  if (referrer) {
    lines.push('', `> ${esc(shorten(claim.text, 300))}`);
    const fromChain = ancestors(analysis.claims, referrer.number);
    lines.push('', `Chain: **${referrer.number}** → ${fromChain.map((c) => (claims.get(c) ? claimLink(link, claims.get(c)!, String(c)) : String(c))).join(' → ')}`);
  }
  if (chain.length) {
    lines.push('', `Depends on: ${[n, ...chain].map((c) => (c === n ? `**${c}**` : claims.get(c) ? claimLink(link, claims.get(c)!, String(c)) : String(c))).join(' → ')}`);
    lines.push('');
    for (const a of chain) {
      const p = claims.get(a);
      if (!p) {
        lines.push(`- claim ${a}: *missing*`);
        continue;
      }
      lines.push(`- ${claimLink(link, p)}${p.parents.length === 0 ? ' (independent)' : ''}: ${esc(shorten(p.text, 140))}`);
    }
  }
  const deps = dependents(analysis.claims, n);
  lines.push('', deps.length ? `Dependents: ${deps.map((d) => (claims.get(d) ? claimLink(link, claims.get(d)!, String(d)) : String(d))).join(', ')}` : 'No dependents.');
  const relier = referrer ? referrer.number : n;
  const relierChain = referrer ? ancestors(analysis.claims, referrer.number) : chain;
  if (relierChain.length) {
    const relied = reliedOn(analysis, relier, relierChain);
    if (relied.size) {
      lines.push('', referrer ? `Claim ${relier} relies on:` : 'Relies on:');
      for (const a of relierChain) {
        const terms = relied.get(a);
        if (!terms) continue;
        const names = terms.slice(0, 12).map((t) => `*${esc(t.label)}*`);
        if (terms.length > 12) names.push(`and ${terms.length - 12} more`);
        lines.push(`- from claim ${a}: ${names.join(', ')}`);
      }
    }
  }
  const own = analysis.findings.filter((f: Finding) => f.claim === n);
  if (own.length) lines.push('', `${own.length} finding${own.length === 1 ? '' : 's'} in this claim.`);
  return lines.join('\n');
}

function claimSpan(analysis: Analysis): string {
  const nums = analysis.claims.map((c: Claim) => c.number);
  if (nums.length === 0) return 'none';
  return `${Math.min(...nums)}–${Math.max(...nums)}`;
}

/** Hover for a term mention in a claim. */
export function termHover(analysis: Analysis, term: Term, mention: TermMention, link: LinkFn): string {
  const claims = byNumber(analysis);
  const lines: string[] = [];
  lines.push(`**${esc(term.label)}**${mention.phrase.toLowerCase() !== term.label.toLowerCase() ? ` (written "${esc(mention.phrase)}")` : ''}`);
  if (term.introducedIn.length === 0) lines.push('', 'Never introduced with "a"/"an" in the claims.');
  else {
    const intro = term.introducedIn.map((i) => {
      const c = claims.get(i.claim);
      const el = c?.elements.find((e) => e.range.start.offset <= i.range.start.offset && i.range.end.offset <= e.range.end.offset);
      const where = `[claim ${i.claim}](${link(i.uri, i.range)})`;
      return el ? `${where}, element ${el.label ? `${esc(el.label)} ` : ''}"${esc(shorten(el.text, 80))}"` : where;
    });
    lines.push('', `Introduced in ${intro.join('; ')}`);
  }
  const usedIn = [...new Set(term.mentions.map((m) => m.claim))].sort((a, b) => a - b);
  lines.push('', `Used ${term.mentions.length} time${term.mentions.length === 1 ? '' : 's'} in claim${usedIn.length === 1 ? '' : 's'} ${list(usedIn)}.`);
  const s = term.support;
  if (s.count === 0) lines.push('', 'Not found in the disclosure.');
  else {
    const first = s.first ? `; first: [${esc(shorten(s.first.excerpt, 120))}](${link(s.first.uri, s.first.range)})` : '';
    lines.push('', `Disclosure: ${s.count} occurrence${s.count === 1 ? '' : 's'}${first}`);
  }
  if (term.numerals.length) lines.push('', `Reference numeral${term.numerals.length === 1 ? '' : 's'}: ${term.numerals.map(esc).join(', ')}`);
  const drift = analysis.findings.filter((f: Finding) => (f.code === 'term-variant' || f.code === 'glossary') && overlapsTerm(f, term, mention));
  for (const f of drift.slice(0, 3)) lines.push('', `⚠ ${esc(f.message)} (\`${f.code}\`)`);
  return lines.join('\n');
}

function overlapsTerm(f: Finding, term: Term, mention: TermMention): boolean {
  const d = f.data ?? {};
  const keys = [d['term'], d['variant'], d['dominant'], d['key']].filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  if (keys.includes(term.key) || keys.includes(term.label.toLowerCase())) return true;
  return f.uri === mention.uri && f.range.start.offset <= mention.range.end.offset && mention.range.start.offset <= f.range.end.offset;
}

/** The one-line CodeLens title for a claim: "independent · 3 dependents" or "depends on 1 ← 3". */
export function claimLensTitle(analysis: Analysis, claim: Claim): string {
  if (claim.canceled) return 'canceled';
  const deps = dependents(analysis.claims, claim.number);
  const depText = deps.length ? ` · ${deps.length} dependent${deps.length === 1 ? '' : 's'}` : '';
  if (claim.parents.length === 0) return `independent${depText}`;
  if (claim.parents.length > 1) return `depends on ${claim.parents.join(' or ')}${depText}`;
  // From this claim's own parent, not by its number: two claims can share a number (a claim inserted or accepted
  // before the others are renumbered), and the chain of the other one is not this one's.
  const parent = claim.parents[0]!;
  if (parent === claim.number) return `depends on ${parent} (itself)${depText}`;
  const chain = [parent, ...ancestors(analysis.claims, parent).filter((n) => n !== claim.number)];
  return `depends on ${[...chain].reverse().join(' ← ')}${depText}`;
}
