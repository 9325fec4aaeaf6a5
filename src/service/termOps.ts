// A term's occurrences across the matter (claims from the analysis, disclosure by text search)
// and the edits that rename it, articles kept right. Pure: no vscode import.
import { findTerms, LineIndex, replaceTermInMatter, singularize, type Analysis } from '../core/index';
import type { Claim, MatterDocument, Range, Term, TextEdit } from '../core/index';
import { articleBefore } from './search';

export interface Occurrence {
  uri: string;
  range: Range;
  /** Where the occurrence is: a claim mention or the disclosure. */
  where: 'claim' | 'disclosure';
  /** The phrase as written. */
  written: string;
  plural: boolean;
  /** The determiner written before it, when there is one ("a", "an", "the", "said"). */
  determiner?: { text: string; range: Range };
}

function insideClaims(claims: Claim[], uri: string, start: number, end: number): boolean {
  return claims.some((c) => c.uri === uri && c.range.start.offset <= start && end <= c.range.end.offset);
}

/** Every occurrence of the term: its claim mentions, then its disclosure occurrences (document order). */
export function termOccurrences(analysis: Analysis, term: Term): Occurrence[] {
  const out: Occurrence[] = [];
  const docs = new Map<string, MatterDocument>(analysis.matter.documents.map((d: MatterDocument) => [d.uri, d]));
  const lines = new Map<string, LineIndex>();
  const lineIndex = (uri: string): LineIndex | undefined => {
    let li = lines.get(uri);
    const doc = docs.get(uri);
    if (!li && doc) {
      li = new LineIndex(doc.text);
      lines.set(uri, li);
    }
    return li;
  };
  const seen = new Set<string>();
  for (const m of term.mentions) {
    const key = `${m.uri}#${m.phraseRange.start.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const occ: Occurrence = { uri: m.uri, range: m.phraseRange, where: 'claim', written: m.phrase, plural: m.plural };
    if (m.determiner && m.range.start.offset < m.phraseRange.start.offset) {
      const doc = docs.get(m.uri);
      const li = lineIndex(m.uri);
      const s = m.range.start.offset;
      const e = s + m.determiner.length;
      if (doc && li && doc.text.slice(s, e).toLowerCase() === m.determiner.toLowerCase()) {
        occ.determiner = { text: doc.text.slice(s, e), range: li.range(s, e) };
      }
    }
    out.push(occ);
  }
  const forms = new Set<string>([term.key, term.label.toLowerCase(), ...term.mentions.map((m) => m.phrase.toLowerCase())]);
  for (const doc of analysis.matter.documents) {
    if (doc.role !== 'disclosure' && doc.role !== 'combined') continue;
    const li = lineIndex(doc.uri)!;
    for (const { start: s, end: e, plural } of findTerms(doc.text, [...forms], { limit: 2000 })) {
      if (insideClaims(analysis.claims, doc.uri, s, e)) continue;
      const key = `${doc.uri}#${s}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const written = doc.text.slice(s, e);
      const occ: Occurrence = { uri: doc.uri, range: li.range(s, e), where: 'disclosure', written, plural };
      const art = articleBefore(doc.text, s);
      if (art) occ.determiner = { text: art.word, range: li.range(art.start, art.start + art.word.length) };
      out.push(occ);
    }
  }
  return out;
}

/**
 * The edits that rename a term everywhere in the matter (claims, disclosure, abstract): the core's
 * `replaceTermInMatter`, the same edits the agent's patent_replace_term makes, once for each way
 * the claims write the term ("colour sensor" and "color sensor" are one term).
 */
export function renameTermEdits(analysis: Analysis, term: Term, newName: string): TextEdit[] {
  const forms = new Set<string>([singularize(term.label.toLowerCase())]);
  for (const m of term.mentions) if (forms.size < 8) forms.add(singularize(m.phrase.toLowerCase()));
  const all = [...forms].flatMap((form) => replaceTermInMatter(analysis, form, newName, 'matter'));
  if (forms.size === 1) return all;
  // Where two forms found the same words, the longer edit is kept.
  all.sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.range.start.offset - y.range.start.offset || y.range.end.offset - x.range.end.offset));
  const out: TextEdit[] = [];
  for (const e of all) {
    const last = out[out.length - 1];
    if (!last || last.uri !== e.uri || e.range.start.offset >= last.range.end.offset) out.push(e);
  }
  return out;
}
