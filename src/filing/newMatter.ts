// New matter (35 USC 132(a), MPEP 2163.06; EPC Art. 123(2)): what the claims added since the
// version as filed must find support in the application as filed — its description and its
// original claims. The added words come from the `diff` library's word diff against the as-filed
// claim (all of a new claim's words); their support is the core's (src/core/disclosure.ts), read
// on the OLD documents, never on the working ones.
import { readClaimNumbers } from '../core/index';
import { indexDisclosurePart, termSupport, wordsFound, type DisclosurePart } from '../core/index';
import { detectRole, layoutDocument } from '../core/index';
import { STOP } from '../core/index';
import { isOrdinal, tokenizeClaim } from '../core/index';
import type { DocumentRole, SourceDocument } from '../core/index';
import { buildListing, claimsLayoutOf, diffMarks, readClaimVersions, tidy, type ClaimVersion } from './amend';
import type { FilingFinding } from './listing';

export interface AsFiledVersion {
  /** Names the version compared with in every finding ("HEAD~3", "v1/claims.md"). */
  label: string;
  /** Its documents: the claims as filed and the description (or one single-file matter). */
  documents: SourceDocument[];
}

/** The application as filed from one file: only a file that holds a description (a single-file matter
 *  as filed) can be; a claims-only file says why the new-matter check cannot run on it. */
export function asFiledFromFile(label: string, doc: SourceDocument): AsFiledVersion | { skipped: string } {
  const role = detectRole(doc);
  if (role === 'combined' || role === 'disclosure') return { label, documents: [doc] };
  return { skipped: `${label} holds no description; the new-matter check needs the application as filed (a git ref, or a single-file matter as filed)` };
}

/** At most this many findings per claim, and in all: a claim rewritten from scratch is one message, not hundreds. */
const MAX_PER_CLAIM = 20;
const MAX_FINDINGS = 500;

const RULE = '35 USC 132(a); MPEP 2163.06; EPC Art. 123(2)';

/** The as-filed application indexed as the core indexes a disclosure: description sections and
 *  the original claims (which are part of the disclosure as filed). Uris get an `as-filed:` prefix
 *  so the core's caches never mix them with the working documents. */
export function indexAsFiled(version: AsFiledVersion): DisclosurePart[] {
  const parts: DisclosurePart[] = [];
  for (const d of version.documents) {
    const uri = `as-filed:${version.label}:${d.uri}`;
    const detected = detectRole(d);
    const role: DocumentRole = detected === 'claims' || detected === 'abstract' || detected === 'combined' ? detected : 'disclosure';
    const layout = role === 'claims' ? claimsLayoutOf(uri, d.text) : layoutDocument({ uri, text: d.text, role });
    const sections = [...layout.disclosure, ...(layout.claims ? [layout.claims] : []), ...(layout.abstract ? [layout.abstract] : [])];
    for (const s of sections) parts.push(indexDisclosurePart(uri, layout.md.masked, s.start, s.end));
  }
  return parts;
}

/** One word put right ("eroor" → "error"): the correction of an obvious error, not new matter (MPEP 2163.07 II). */
function isTypoFix(deleted: string, inserted: string): boolean {
  const a = deleted.trim().toLowerCase();
  const b = inserted.trim().toLowerCase();
  if (a.length < 4 || b.length < 4 || a.length > 40 || b.length > 40 || /\s/.test(a) || /\s/.test(b)) return false;
  return editDistance(a, b) <= (Math.min(a.length, b.length) >= 8 ? 2 : 1);
}

/** Edit distance of two short words (at most 40 characters each), a swap of two letters counting one. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** For each non-space character of `after`, whether the word diff from `before` added it. */
function addedChars(before: string, after: string): { added: Uint8Array; at: Int32Array } {
  const at = new Int32Array(after.length).fill(-1);
  let k = 0;
  for (let i = 0; i < after.length; i++) if (!/\s/.test(after[i])) at[i] = k++;
  const added = new Uint8Array(k);
  let pos = 0;
  const marks = diffMarks(before, after);
  marks.forEach((m, n) => {
    if (m.type === 'delete') return;
    const fix = m.type === 'insert' && marks[n - 1]?.type === 'delete' && isTypoFix(marks[n - 1].text, m.text);
    for (let i = 0; i < m.text.length; i++) {
      if (/\s/.test(m.text[i])) continue;
      if (pos < k && m.type === 'insert' && !fix) added[pos] = 1;
      pos++;
    }
  });
  return { added, at };
}

/** The index of the first token starting at or after `offset` (tokens in text order). */
function firstAtOrAfter(tokens: { start: number }[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A word that carries a limitation: not a stop word, ordinal, number or "claim"; adverbs only outside a noun phrase. */
function isContentWord(text: string, norm: string, adverbs = false): boolean {
  return !STOP.has(norm) && !isOrdinal(norm) && !/^\d/.test(text) && (adverbs || !(/ly$/.test(norm) && norm.length > 4)) && norm.length >= 3 && norm !== 'claim';
}

/** `new-matter` findings on the words the working claims added since the version as filed. */
export function findNewMatter(asFiled: AsFiledVersion, working: SourceDocument, options: { signal?: AbortSignal } = {}): FilingFinding[] {
  const filedClaimsDoc =
    asFiled.documents.find((d) => {
      const r = detectRole(d);
      return r === 'claims' || r === 'combined';
    }) ?? asFiled.documents[0];
  if (!filedClaimsDoc) return [];
  const filed = readClaimVersions(filedClaimsDoc.uri, filedClaimsDoc.text);
  const parts = indexAsFiled(asFiled);
  const layout = claimsLayoutOf(working.uri, working.text);
  const work = readClaimVersions(working.uri, working.text);
  const listing = buildListing(filed, work);
  const filedByNumber = new Map<number, ClaimVersion>(filed.map((c) => [c.number, c]));
  const workByNumber = new Map<number, ClaimVersion>();
  for (const w of work) if (!workByNumber.has(w.number)) workByNumber.set(w.number, w);
  const numbersFiled = new Set<string>();
  for (const p of parts) for (const t of p.tokens) if (/^\d/.test(t.text)) numbersFiled.add(t.text);
  const out: FilingFinding[] = [];
  for (const lc of listing.claims) {
    options.signal?.throwIfAborted();
    if (out.length >= MAX_FINDINGS) break;
    if (lc.status !== 'new' && lc.status !== 'currently amended' && lc.status !== 'withdrawn - currently amended') continue;
    const w = workByNumber.get(lc.workingNumber ?? lc.number);
    if (!w?.claim) continue;
    const claim = w.claim;
    const base = claim.textRange.start.offset;
    const before = lc.status === 'new' ? '' : tidy(filedByNumber.get(lc.number)?.text ?? '');
    const { added, at } = addedChars(before, claim.text);
    const isAdded = (start: number, end: number) => {
      for (let i = start - base; i < end - base; i++) if (at[i] >= 0 && added[at[i]]) return true;
      return false;
    };
    const ct = tokenizeClaim(layout, claim);
    const refNumbers = new Set(readClaimNumbers(claim.text).flatMap((r) => r.numbers.map((n) => base + n.start)));
    const covered = new Set<number>();
    let count = 0;
    const report = (start: number, end: number, message: string, confidence: 'high' | 'medium', data: Record<string, string>) => {
      if (count++ >= MAX_PER_CLAIM) return;
      out.push({
        code: 'new-matter',
        severity: 'warning',
        confidence,
        message,
        uri: working.uri,
        range: layout.lines.range(start, end),
        claim: claim.number,
        data: { ...data, asFiled: asFiled.label },
      });
    };
    const where = lc.status === 'new' ? `New claim ${lc.number}` : `Claim ${lc.number} as amended`;
    const since = `the application as filed (${asFiled.label})`;
    for (const m of ct.mentions) {
      const s = m.phraseRange.start.offset;
      const e = m.phraseRange.end.offset;
      const toks: typeof ct.tokens = [];
      for (let k = firstAtOrAfter(ct.tokens, s); k < ct.tokens.length && ct.tokens[k].end <= e; k++) toks.push(ct.tokens[k]);
      if (!toks.some((t) => isAdded(t.start, t.end))) continue;
      toks.forEach((t) => covered.add(t.start));
      const content = toks.filter((t) => isContentWord(t.text, t.norm)).map((t) => t.text);
      if (content.length === 0) continue;
      const support = termSupport(parts, content);
      if (support === 'sentence' || support === 'paragraph') continue;
      const missing = content.filter((_, i) => !wordsFound(parts, [content[i]])[0]);
      const why =
        support === 'scattered' ? `its words appear in ${since} but never together` : `${missing.map((x) => `"${x}"`).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not appear in ${since}`;
      report(
        s,
        e,
        `${where} adds "${m.phrase}": ${why}. Added matter needs support in the disclosure as filed (${RULE}); point to it in the remarks or take it out.`,
        support === 'scattered' ? 'medium' : 'high',
        { term: m.phrase, support: support ?? 'none' },
      );
    }
    // Added words outside any noun phrase ("rotatably", "welded"), and added values ("10 mm").
    for (const t of ct.tokens) {
      if (covered.has(t.start) || !isAdded(t.start, t.end)) continue;
      if (/^\d/.test(t.text)) {
        if (refNumbers.has(t.start) || numbersFiled.has(t.text)) continue;
        report(
          t.start,
          t.end,
          `${where} adds the value ${t.text}, which does not appear in ${since}; a new number or range needs support in the disclosure as filed (${RULE}; MPEP 2163.05 III).`,
          'medium',
          { term: t.text, support: 'none' },
        );
        continue;
      }
      if (!isContentWord(t.text, t.norm, true) || wordsFound(parts, [t.text])[0]) continue;
      report(t.start, t.end, `${where} adds "${t.text}", which does not appear in ${since} (${RULE}).`, 'medium', { term: t.text, support: 'none' });
    }
    if (count > MAX_PER_CLAIM) {
      out.push({
        code: 'new-matter',
        severity: 'warning',
        confidence: 'high',
        uri: working.uri,
        range: layout.lines.range(claim.numberRange.start.offset, claim.numberRange.end.offset),
        claim: claim.number,
        message: `${where}: ${count - MAX_PER_CLAIM} more added words without support in ${since} were not listed (at most ${MAX_PER_CLAIM} per claim).`,
        data: { asFiled: asFiled.label },
      });
    }
  }
  return out;
}
