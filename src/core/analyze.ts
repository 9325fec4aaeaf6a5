// One analysis of a matter: layouts, claims, claim terms, the disclosure index, every check,
// suppressions and severities. Work on unchanged documents and sections is reused through the
// caches of the modules below, and on unchanged claims through an AnalysisCache.
import { inScope, MemoScope, SHARED_SCOPE } from './caches';
import { parseClaims } from './claims';
import { DEFAULT_SEVERITY, defaultConfidence, meetsConfidence, type Check, type CheckContext, type Reporter } from './checks/context';
import { canceledParent, claimDependency, claimForm, claimNumbering, multipleDependency } from './checks/claims';
import { listingForm } from './checks/listing';
import { numeralConflict } from './checks/numerals';
import { dependentScope } from './checks/scope';
import { abstractCheck, meansPlusFunction, patentProfanity, relativeTerm, titleCheck } from './checks/style';
import { antecedentBasis, glossary, termUnsupported, termVariant } from './checks/terms';
import { beginParagraphAnalysis, indexDisclosurePart, supportingSentences, type DisclosurePart } from './disclosure';
import { layoutDocument, type DocumentLayout } from './matter';
import { Availability, isOrdinal, moveClaimTokens, tokenizeClaim, type ClaimTokens } from './terms';
import { spellAsWritten } from './english';
import { excerpt } from './text';
import type { CheckCode, Claim, Finding, Matter, NumeralUse, Range, Term } from './types';
import { countWords } from './words';

export interface Analysis {
  matter: Matter;
  claims: Claim[];
  claimsUri?: string;
  title?: { text: string; uri: string; range: Range };
  abstract?: { text: string; uri: string; range: Range; words: number; paragraphs: number };
  terms: Term[];
  numerals: NumeralUse[];
  findings: Finding[];
  /** The documents as laid out (Markdown structure, line index, claims and sections), in matter order. */
  layouts: DocumentLayout[];
  /** The layout of one document of the matter. */
  layoutOf(uri: string): DocumentLayout | undefined;
  /** The disclosure's indexed parts (sentences, tokens, numerals), in document order. */
  disclosure: DisclosurePart[];
  /** Each claim by its number (the first, when a number repeats). */
  claimByNumber: ReadonlyMap<number, Claim>;
  /** Each claim's tokens, phrases and term mentions, by claim number. */
  claimTokens: ReadonlyMap<number, ClaimTokens>;
  /** Internal: what the checks read. Outside src/core, read the public fields above. */
  context: CheckContext;
}

export const CHECKS: [CheckCode, Check][] = [
  ['claim-numbering', claimNumbering],
  ['claim-dependency', claimDependency],
  ['multiple-dependency', multipleDependency],
  ['canceled-parent', canceledParent],
  ['claim-form', claimForm],
  ['antecedent-basis', antecedentBasis],
  ['term-unsupported', termUnsupported],
  ['term-variant', termVariant],
  ['numeral-conflict', numeralConflict],
  ['glossary', glossary],
  ['relative-term', relativeTerm],
  ['means-plus-function', meansPlusFunction],
  ['patent-profanity', patentProfanity],
  ['abstract', abstractCheck],
  ['title', titleCheck],
  ['dependent-scope', dependentScope],
  ['listing-form', listingForm],
];

export const CHECK_CODES: CheckCode[] = CHECKS.map(([c]) => c);

/** Every memo table of one matter, reused between its analyses (editor, language server, bench):
 *  parsed claims and claim tokens, and the core's document memo tables (layouts, disclosure parts,
 *  claim shapes, antecedent results, support, variant classes, Markdown chunks: src/core/caches.ts),
 *  so two open matters, each with its cache, never evict each other's entries. */
export class AnalysisCache {
  claims = new WeakMap<DocumentLayout, Claim[]>();
  tokens = new Map<string, ClaimTokens>();
  readonly memo = new MemoScope();
}

export function analyzeMatter(matter: Matter, options: { cache?: AnalysisCache; signal?: AbortSignal } = {}): Analysis {
  // Without a cache of its own, an analysis uses the shared scope (the CLI's matters, one after the other).
  return inScope(options.cache?.memo ?? SHARED_SCOPE, () => analyzeIn(matter, options.cache ?? new AnalysisCache(), options.signal));
}

function analyzeIn(matter: Matter, cache: AnalysisCache, signal: AbortSignal | undefined): Analysis {
  beginParagraphAnalysis();
  const layouts = matter.documents.filter((d) => d.role !== 'glossary').map(layoutDocument);
  const byUri = new Map(layouts.map((l) => [l.uri, l]));
  const claimsLayout = layouts.find((l) => l.role === 'claims' && l.claims) ?? layouts.find((l) => l.claims);
  let claims: Claim[] = [];
  if (claimsLayout) {
    claims = cache.claims.get(claimsLayout) ?? parseClaims(claimsLayout);
    cache.claims.set(claimsLayout, claims);
  }
  const byNumber = new Map<number, Claim>();
  for (const c of claims) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
  const liveTokens = new Map<string, ClaimTokens>();
  const claimTokens = claims.map((c) => {
    // Keyed by text: a claim that an edit elsewhere only moved is shifted, not tokenized again.
    const key = `${c.uri}\u0000${c.number}\u0000${c.text}`;
    const prev = cache.tokens.get(key) ?? liveTokens.get(key);
    let ct: ClaimTokens;
    if (!prev) ct = tokenizeClaim(claimsLayout!, c);
    else if (prev.claim.textRange.start.offset === c.textRange.start.offset && prev.claim.textRange.start.line === c.textRange.start.line) ct = { ...prev, claim: c };
    else ct = moveClaimTokens(prev, c, claimsLayout!);
    liveTokens.set(key, ct);
    return ct;
  });
  cache.tokens = liveTokens;
  const tokensByNumber = new Map<number, ClaimTokens>();
  for (const ct of claimTokens) if (!tokensByNumber.has(ct.claim.number)) tokensByNumber.set(ct.claim.number, ct);
  signal?.throwIfAborted();
  const disclosure: DisclosurePart[] = [];
  for (const l of layouts) l.disclosure.forEach((s, k) => disclosure.push(indexDisclosurePart(l.uri, l.md.masked, s.start, s.end, k)));
  const ctx: CheckContext = {
    matter,
    settings: matter.settings,
    layouts,
    claimsLayout,
    claims,
    byNumber,
    claimTokens,
    tokensByNumber,
    availability: new Availability(tokensByNumber),
    disclosure,
    glossary: matter.glossary,
    abstractLayout: layouts.find((l) => l.role === 'abstract' && l.abstract) ?? layouts.find((l) => l.abstract),
    titleLayout: layouts.find((l) => l.title && l.role === 'combined') ?? layouts.find((l) => l.title),
    layoutOf: (uri) => byUri.get(uri),
  };
  const findings: Finding[] = [];
  const minConfidence = matter.settings.minConfidence;
  for (const [code, check] of CHECKS) {
    signal?.throwIfAborted();
    const configured = matter.settings.severity[code];
    if (configured === 'off') continue;
    // Findings per code and document are bounded; what is left out is counted and said in one finding.
    const kept = new Map<string, number>();
    const left = new Map<string, number>();
    const report: Reporter = (c, f) => {
      const layout = byUri.get(f.uri);
      if (!layout) return;
      const n = kept.get(f.uri) ?? 0;
      if (n >= MAX_FINDINGS_PER_CODE || findings.length >= MAX_FINDINGS) {
        left.set(f.uri, (left.get(f.uri) ?? 0) + 1);
        return;
      }
      const [start, end] = codePointRange(layout.md.text, f.start, f.end);
      const range = layout.lines.range(start, end);
      if (isSuppressed(layout, c, range.start.line, start)) return;
      const confidence = f.confidence ?? defaultConfidence(c, f.severity);
      if (!meetsConfidence(confidence, minConfidence)) return;
      kept.set(f.uri, n + 1);
      findings.push({
        code: c,
        severity: configured ?? f.severity ?? DEFAULT_SEVERITY[c],
        confidence,
        message: f.message,
        uri: f.uri,
        range,
        claim: f.claim,
        related: f.related && boundedRelated(f.related, byUri),
        fixes: f.fixes && boundedFixes(f.fixes, byUri),
        data: f.data,
      });
    };
    try {
      check(ctx, report);
    } catch (err) {
      // A check that fails must not take the others down; say so as a finding on the matter.
      const first = layouts[0];
      if (first) {
        findings.push({
          code,
          severity: 'info',
          confidence: 'high',
          message: `The ${code} check failed on this matter (${err instanceof Error ? err.message : String(err)}); other checks ran.`,
          uri: first.uri,
          range: first.lines.range(0, 0),
        });
      }
    }
    for (const [uri, count] of left) {
      const layout = byUri.get(uri)!;
      findings.push({
        code,
        severity: 'info',
        confidence: 'high',
        message: `${count} more ${code} finding${count === 1 ? ' was' : 's were'} left out here (at most ${MAX_FINDINGS_PER_CODE} per check and document, ${MAX_FINDINGS} per matter); fix the ones shown and check again.`,
        uri,
        range: layout.lines.range(0, 0),
      });
    }
  }
  findings.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code)));
  const abstractLayout = ctx.abstractLayout;
  const abs = abstractLayout?.abstract;
  const absText = abs ? abstractLayout!.md.masked.slice(abs.start, abs.end).trim() : '';
  return {
    matter,
    claims,
    claimsUri: claimsLayout?.uri,
    title: ctx.titleLayout?.title
      ? { text: ctx.titleLayout.title.text, uri: ctx.titleLayout.uri, range: ctx.titleLayout.lines.range(ctx.titleLayout.title.start, ctx.titleLayout.title.end) }
      : undefined,
    abstract: abs
      ? {
          text: absText.replace(/\s+/g, ' '),
          uri: abstractLayout!.uri,
          range: abstractLayout!.lines.range(abs.start, abs.end),
          words: countWords(absText),
          paragraphs: absText.split(/\n[ \t]*\n/).filter((p) => p.trim()).length,
        }
      : undefined,
    get terms() {
      const value = buildTerms(ctx);
      Object.defineProperty(this, 'terms', { value, enumerable: true });
      return value;
    },
    get numerals() {
      const value = disclosure.flatMap((p) =>
        p.numerals.map((n) => ({
          numeral: n.numeral,
          name: p.tokens.length ? n.nameTokens.map((t) => t.text).join(' ') : n.name,
          key: n.name,
          uri: n.uri,
          range: byUri.get(n.uri)!.lines.range(n.nameStart, n.end),
        })),
      );
      Object.defineProperty(this, 'numerals', { value, enumerable: true });
      return value;
    },
    findings,
    layouts,
    layoutOf: ctx.layoutOf,
    disclosure,
    claimByNumber: byNumber,
    claimTokens: tokensByNumber,
    context: ctx,
  } as Analysis;
}

/** At most this many findings of one code in one document, and in one matter; the rest are counted in one finding. */
export const MAX_FINDINGS_PER_CODE = 1000;
export const MAX_FINDINGS = 20000;

/** [start, end] inside `text` (0 <= start <= end <= length, NaN read as 0), widened so that neither end splits a
 *  surrogate pair: every finding range is finalised through here. */
export function codePointRange(text: string, start: number, end: number): [number, number] {
  const clamp = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), text.length)) : n > 0 ? text.length : 0);
  let s = clamp(start);
  let e = Math.max(s, clamp(end));
  if (s === e) {
    // An empty range stays empty, before the pair.
    if (s > 0 && s < text.length && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s = e = s - 1;
    return [s, e];
  }
  if (s > 0 && s < text.length && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e > 0 && e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  return [s, e];
}
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** A range of a document's text that lies inside it and on code point boundaries. */
function sound(layout: DocumentLayout | undefined, r: Range): boolean {
  if (!layout) return false;
  const [s, e] = codePointRange(layout.md.text, r.start.offset, r.end.offset);
  return s === r.start.offset && e === r.end.offset;
}

/** Related locations outside their document are re-read from their offsets (clamped, whole code points). */
function boundedRelated(related: NonNullable<Finding['related']>, byUri: Map<string, DocumentLayout>): Finding['related'] {
  return related.map((r) => {
    const layout = byUri.get(r.uri);
    if (!layout || sound(layout, r.range)) return r;
    const [s, e] = codePointRange(layout.md.text, r.range.start.offset, r.range.end.offset);
    return { ...r, range: layout.lines.range(s, e) };
  });
}

/** A fix with an edit outside its document (of those analysed) or splitting a surrogate pair is dropped (its text was made for
 *  that exact range, so it is not moved). */
function boundedFixes(fixes: NonNullable<Finding['fixes']>, byUri: Map<string, DocumentLayout>): Finding['fixes'] {
  const ok = fixes.filter((x) => x.edits.every((e) => !byUri.has(e.uri) || sound(byUri.get(e.uri), e.range)));
  return ok.length ? ok : undefined;
}

/** The line of each suppression comment, read once per layout. */
const suppressionLines = new WeakMap<DocumentLayout, number[]>();

function isSuppressed(layout: DocumentLayout, code: CheckCode, line: number, offset: number): boolean {
  const sup = layout.md.suppressions;
  if (sup.length === 0) return false;
  let lines = suppressionLines.get(layout);
  if (!lines) suppressionLines.set(layout, (lines = sup.map((s) => layout.lines.position(s.end).line)));
  let disabled = false;
  for (let i = 0; i < sup.length; i++) {
    const s = sup[i];
    const applies = s.codes.length === 0 || s.codes.includes(code);
    if (!applies) continue;
    const sLine = lines[i];
    if (s.kind === 'next-line' && sLine + 1 === line) return true;
    if (s.kind === 'line' && sLine === line) return true;
    if (s.kind === 'disable' && s.end <= offset) disabled = true;
    if (s.kind === 'enable' && s.end <= offset) disabled = false;
  }
  return disabled;
}

function buildTerms(ctx: CheckContext): Term[] {
  const terms = new Map<string, Term>();
  const labels = new Map<string, Map<string, number>>();
  for (const ct of ctx.claimTokens) {
    for (const m of ct.mentions) {
      let t = terms.get(m.key);
      if (!t) {
        t = { key: m.key, label: m.phrase, introducedIn: [], mentions: [], support: { count: 0 }, numerals: [] };
        terms.set(m.key, t);
        labels.set(m.key, new Map());
      }
      t.mentions.push(m);
      if (m.kind === 'indefinite') t.introducedIn.push({ claim: m.claim, range: m.phraseRange, uri: m.uri });
      const l = labels.get(m.key)!;
      l.set(m.phrase, (l.get(m.phrase) ?? 0) + 1);
    }
  }
  const numeralsByName = new Map<string, Set<string>>();
  for (const p of ctx.disclosure) {
    for (const n of p.numerals) {
      const s = numeralsByName.get(n.name) ?? new Set<string>();
      s.add(n.numeral);
      numeralsByName.set(n.name, s);
    }
  }
  for (const t of terms.values()) {
    const l = labels.get(t.key)!;
    // The most used form, compared without case, spelled as the claims write it ("base ASIC chip",
    // never "base asic chip"): acronyms and mixed-case names keep their capitals.
    const folded = new Map<string, number>();
    for (const [phrase, n] of l) folded.set(phrase.toLowerCase(), (folded.get(phrase.toLowerCase()) ?? 0) + n);
    t.label = spellAsWritten([...folded.entries()].sort((a, b) => b[1] - a[1])[0][0], [...l.keys()]);
    const words = t.key.split(' ').filter((w) => !isOrdinal(w));
    if (words.length && ctx.disclosure.length) {
      const hits = supportingSentences(ctx.disclosure, words);
      t.support.count = hits.length;
      if (hits.length) {
        const { part, sentence } = hits[0];
        const s = part.sentences[sentence];
        const layout = ctx.layoutOf(part.uri)!;
        t.support.first = { uri: part.uri, range: layout.lines.range(s.start, s.end), excerpt: excerpt(layout.md.text, s.start, s.end, 160) };
      }
    }
    t.numerals = [...(numeralsByName.get(t.key) ?? [])];
  }
  return [...terms.values()].filter((t) => t.introducedIn.length > 0 || t.mentions.length > 1).sort((a, b) => a.mentions[0].range.start.offset - b.mentions[0].range.start.offset);
}
