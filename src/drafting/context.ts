// The matter's context for drafting: the disclosure's sentences with their section headings,
// the terms of a claim and its ancestors, and the passages that share the most claim terms
// with a selection, chosen within a token budget. Deterministic: the same analysis and
// selection give the same passages in the same order.
import { ancestors, type Analysis, type Claim } from '../core';
import { supportingSentences } from '../core/index';
import { findPhrases } from '../core/index';
import { tokenize } from '../core/index';
import type { DraftSource } from './backend';

/** One sentence of the disclosure, with its offsets in its document. */
export interface Passage {
  uri: string;
  start: number;
  end: number;
  /** The sentence with whitespace collapsed. */
  text: string;
  /** The nearest heading above it, if any. */
  heading?: string;
  /** Claim term keys it contains (set by selectPassages). */
  terms: string[];
  /** Document order across the matter. */
  order: number;
}

/** A rough token count (about 4 characters a token, as LLM tokenizers average on English). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const sentenceCache = new WeakMap<Analysis, Passage[]>();

/** Every sentence of the disclosure, in document order (headings and blank sentences left out). */
export function disclosureSentences(analysis: Analysis): Passage[] {
  const cached = sentenceCache.get(analysis);
  if (cached) return cached;
  const out: Passage[] = [];
  const ctx = analysis;
  for (const part of ctx.disclosure) {
    const layout = ctx.layoutOf(part.uri);
    if (!layout) continue;
    const headings = layout.md.headings;
    let h = -1;
    for (const s of part.sentences) {
      while (h + 1 < headings.length && headings[h + 1].start <= s.start) h++;
      let start = s.start;
      let end = Math.min(s.end, layout.md.text.length);
      const raw = layout.md.text.slice(start, end);
      if (/^\s*#/.test(raw)) continue;
      // Leading list markers and trailing spaces are not part of the sentence.
      const lead = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?/.exec(raw)![0].length;
      start += lead;
      while (end > start && /\s/.test(layout.md.text[end - 1])) end--;
      const text = layout.md.text.slice(start, end).replace(/\s+/g, ' ').trim();
      if (!/[\p{L}]/u.test(text)) continue;
      out.push({ uri: part.uri, start, end, text, heading: h >= 0 ? headings[h].text : undefined, terms: [], order: out.length });
    }
  }
  sentenceCache.set(analysis, out);
  return out;
}

/** The passage as a source a suggestion can show. */
export function sourceOf(analysis: Analysis, p: { uri: string; start: number; end: number }): DraftSource {
  const layout = analysis.layoutOf(p.uri)!;
  return { uri: p.uri, range: layout.lines.range(p.start, p.end), excerpt: shortExcerpt(layout.md.text.slice(p.start, p.end)) };
}

/** The source of a claim's own text. */
export function claimSource(analysis: Analysis, claim: Claim): DraftSource {
  const layout = analysis.layoutOf(claim.uri)!;
  return { uri: claim.uri, range: claim.textRange, excerpt: shortExcerpt(layout.md.text.slice(claim.textRange.start.offset, claim.textRange.end.offset)) };
}

/** The passage itself on one line, cut at a word near 200 characters. */
function shortExcerpt(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= 200) return s;
  const cut = s.lastIndexOf(' ', 199);
  return s.slice(0, cut > 100 ? cut : 199) + '…';
}

/** Term keys (normalised noun phrases) of the given claims, in first-mention order. */
export function claimTermKeys(analysis: Analysis, numbers: number[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const n of numbers) {
    const ct = analysis.claimTokens.get(n);
    if (!ct) continue;
    for (const m of ct.mentions) {
      if (seen.has(m.key)) continue;
      seen.add(m.key);
      keys.push(m.key);
    }
  }
  return keys;
}

/** Term keys of free text (a selection, a passage, a partial claim). */
export function textTermKeys(text: string): string[] {
  const tokens = tokenize(text);
  const gapOk = (i: number) => i + 1 < tokens.length && /^[ \t]*\n?[ \t]*$/.test(text.slice(tokens[i].end, tokens[i + 1].start));
  const keys: string[] = [];
  for (const p of findPhrases(tokens, gapOk)) {
    const key = tokens
      .slice(p.first, p.last + 1)
      .map((t) => t.norm)
      .join(' ');
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Claim n and its ancestors, root first. */
export function claimWithAncestors(analysis: Analysis, n: number): Claim[] {
  const byNumber = analysis.claimByNumber;
  const chain = [n, ...ancestors(analysis.claims, n)].reverse();
  return chain.map((k) => byNumber.get(k)).filter((c): c is Claim => !!c);
}

/** The broadest independent claim: the shortest live one, preferring the lowest number when
 *  another is at most 10% shorter. */
export function broadestIndependent(analysis: Analysis): Claim | undefined {
  const roots = analysis.claims.filter((c) => !c.canceled && c.parents.length === 0 && c.text.trim());
  if (roots.length === 0) return undefined;
  const len = (c: Claim) => c.text.split(/\s+/).filter(Boolean).length;
  const shortest = Math.min(...roots.map(len));
  return roots.find((c) => len(c) <= shortest * 1.1) ?? roots[0];
}

/** The principal independent claim: the first live claim that neither depends on nor
 *  incorporates another ("A bicycle comprising ... the brake caliper of claim 1" is not one). */
export function principalIndependent(analysis: Analysis): Claim | undefined {
  const roots = analysis.claims.filter((c) => !c.canceled && c.parents.length === 0 && !c.references?.length && c.text.trim());
  return roots[0] ?? broadestIndependent(analysis);
}

/** The next free claim number. */
export function nextClaimNumber(analysis: Analysis): number {
  return analysis.claims.reduce((m, c) => Math.max(m, c.number), 0) + 1;
}

/** Disclosure passages sharing the most of `keys`, within `budgetTokens`; document order.
 *  `exclude` leaves out passages overlapping these offsets (e.g. the selection itself). */
export function selectPassages(analysis: Analysis, keys: string[], budgetTokens: number, exclude?: { uri: string; start: number; end: number }): Passage[] {
  const sentences = disclosureSentences(analysis);
  if (sentences.length === 0 || keys.length === 0 || budgetTokens <= 0) return [];
  // Map (part, local sentence) hits onto the passage list.
  const index = new Map<string, Passage[]>();
  for (const p of sentences) {
    const k = p.uri;
    const l = index.get(k) ?? [];
    l.push(p);
    index.set(k, l);
  }
  const hits = new Map<Passage, Set<string>>();
  const parts = analysis.disclosure;
  for (const key of keys) {
    const words = key.split(' ').filter((w) => w.length > 1 && !/^\d+$/.test(w));
    if (words.length === 0) continue;
    for (const { part, sentence } of supportingSentences(parts, words)) {
      const s = part.sentences[sentence];
      const p = findPassage(index.get(part.uri) ?? [], s.start, s.end);
      if (!p) continue;
      const set = hits.get(p) ?? new Set<string>();
      set.add(key);
      hits.set(p, set);
    }
  }
  const ranked = [...hits.entries()]
    .filter(([p]) => !exclude || p.uri !== exclude.uri || p.end <= exclude.start || p.start >= exclude.end)
    .sort((a, b) => b[1].size - a[1].size || a[0].order - b[0].order);
  const chosen: Passage[] = [];
  let used = 0;
  for (const [p, set] of ranked) {
    const cost = estimateTokens(p.text) + 2;
    if (used + cost > budgetTokens) continue;
    used += cost;
    chosen.push({ ...p, terms: keys.filter((k) => set.has(k)) });
  }
  return chosen.sort((a, b) => a.order - b.order);
}

/** The passage holding [start, end) (sentences are sorted and disjoint). */
function findPassage(list: Passage[], start: number, end: number): Passage | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = list[mid];
    if (p.end <= start) lo = mid + 1;
    else if (p.start >= end) hi = mid - 1;
    else return p;
  }
  return undefined;
}
