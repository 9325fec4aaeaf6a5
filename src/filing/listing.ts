// A claim listing as text: Markdown (marks as <u>…</u>, ~~…~~ and [[…]]) and JSON; reading the
// marks back; and the listing's form under 37 CFR 1.121(c), checked on the text as written
// (a listing made here, or one a drafter wrote or edited by hand).
import { parseClaims } from '../core/claims';
import { analyzeMatter } from '../core/analyze';
import { CHECK_CODES } from '../core/analyze';
import { createMatter, layoutDocument } from '../core/matter';
import { LineIndex } from '../core/text';
import type { AmendmentStatus, CheckCode, Finding, Severity } from '../core/types';
import type { ClaimListing, ListingClaim } from './amend';
import { cleanListingText, MAX_BRACKETED, parseMarks, STATUS_LABEL, tidy, type ListingMark } from './amendMarks';

export { cleanListingText, parseMarks };

/** A finding of the filing layer: the core's shape, with the filing codes. */
export interface FilingFinding extends Omit<Finding, 'code'> {
  code: 'listing-form' | 'new-matter';
}

export const LISTING_HEADING = 'Listing of Claims';
/** The sentence MPEP 714 gives for the top of a complete listing. */
export const LISTING_LEAD = 'This listing of claims will replace all prior versions, and listings, of claims in the application.';

function splitSpace(s: string): [string, string, string] {
  const lead = s.length - s.trimStart().length;
  const core = s.trim();
  return [s.slice(0, lead), core, core === '' ? '' : s.slice(lead + core.length)];
}

/** One mark in Markdown; a mark never spans a line break (each line's part is marked on its own). */
function markdownMark(m: ListingMark): string {
  if (m.type === 'equal') return m.text;
  return m.text
    .split('\n')
    .map((line) => {
      const [lead, core, trail] = splitSpace(line);
      if (core === '') return line;
      if (m.type === 'insert') return `${lead}<u>${core}</u>${trail}`;
      const bracket = [...core].length <= MAX_BRACKETED && !core.includes('[') && !core.includes(']');
      return `${lead}${bracket ? `[[${core}]]` : `~~${core}~~`}${trail}`;
    })
    .join('\n');
}

/** A claim's marked-up text (Markdown marks), lines kept. */
export function markedText(c: ListingClaim): string {
  if (c.marks.length === 0) return c.text;
  let out = '';
  for (let k = 0; k < c.marks.length; k++) {
    const m = c.marks[k];
    const piece = markdownMark(m);
    // A deletion right before an insertion ("[[eroor]] <u>error</u>"): a space between, as the Office's examples write it.
    const prev = c.marks[k - 1];
    if (prev && prev.type === 'delete' && m.type === 'insert' && /\S$/.test(out) && /^\s*[\p{L}\p{N}]/u.test(m.text) && /^\S/.test(m.text)) out += ' ';
    out += piece;
  }
  return tidy(out);
}

/** Continuation lines indented four spaces: never read as a claim's start, still part of its list item. */
function indentLines(s: string): string {
  return s.split('\n').join('\n    ');
}

export function listingMarkdown(listing: ClaimListing, options: { title?: string } = {}): string {
  const lines: string[] = [`## ${options.title ?? LISTING_HEADING}`, '', LISTING_LEAD, ''];
  for (const c of listing.claims) {
    const head = `${c.number}. (${STATUS_LABEL[c.status]})`;
    const body = c.status === 'canceled' || c.status === 'not entered' ? '' : markedText(c);
    lines.push(body ? `${head} ${indentLines(body)}` : head, '');
  }
  return lines.join('\n');
}

export interface ListingJson {
  claims: { number: number; status: AmendmentStatus; statusIdentifier: string; text: string; marks: ListingMark[]; workingNumber?: number }[];
}

export function listingJson(listing: ClaimListing): ListingJson {
  return {
    claims: listing.claims.map((c) => ({
      number: c.number,
      status: c.status,
      statusIdentifier: `(${STATUS_LABEL[c.status]})`,
      text: c.text,
      marks: c.marks,
      ...(c.workingNumber !== undefined ? { workingNumber: c.workingNumber } : {}),
    })),
  };
}

// ---- Reading a listing back, and its form ----

export interface ParsedListingClaim {
  number: number;
  status?: AmendmentStatus;
  /** As written after the status identifier. */
  marked: string;
  /** Once amended: deletions out, insertions kept, spacing tidied. */
  clean: string;
}

const LISTING_URI = 'listing/claims.md';

/** The claims of a listing as the core's amendment mode reads them, with their marks read. */
export function parseListing(text: string, uri = LISTING_URI): ParsedListingClaim[] {
  const layout = layoutDocument({ uri, text, role: 'claims' });
  return parseClaims(layout).map((c) => ({ number: c.number, status: c.status, marked: c.text, clean: tidy(cleanListingText(c.text)) }));
}

const KNOWN = Object.values(STATUS_LABEL).map((s) => `(${s})`).join(', ');
/** A parenthesis where a status identifier goes: "(Amended)", "(Cancelled without prejudice)". */
const STATUS_LIKE = /^\(\s*([A-Za-z][A-Za-z ,\-–—]{0,40})\)/;

/** The listing's form (37 CFR 1.121(c)): every claim with a valid status identifier, numbers
 *  continuous, no text for canceled or not entered claims, marks in currently amended claims only,
 *  double brackets for five or fewer characters, every mark closed. Plus the core's numbering check
 *  in amendment mode. */
export function checkListingForm(text: string, uri = LISTING_URI): FilingFinding[] {
  const matter = createMatter('listing', [{ uri, text }], { mode: 'amendment', severity: Object.fromEntries(CHECK_CODES.filter((c) => c !== 'claim-numbering').map((c) => [c, 'off'])) as Record<CheckCode, 'off'> }, [], {
    claims: [uri.slice(uri.lastIndexOf('/') + 1)],
    disclosure: [],
    abstract: [],
  });
  const analysis = analyzeMatter(matter);
  const lines = new LineIndex(text);
  const out: FilingFinding[] = [];
  const report = (claim: number, start: number, end: number, message: string, severity: Severity = 'error') =>
    out.push({ code: 'listing-form', severity, confidence: 'high', message, uri, range: lines.range(start, end), claim });
  for (const f of analysis.findings) out.push({ ...f, code: 'listing-form', message: f.message });
  for (const c of analysis.claims) {
    const s = c.textRange.start.offset;
    const n0 = c.numberRange.start.offset;
    const n1 = c.numberRange.end.offset;
    const body = c.text;
    if (!c.status) {
      const like = STATUS_LIKE.exec(body.trimStart());
      if (like) {
        const at = s + body.length - body.trimStart().length;
        report(c.number, at, at + like[0].length, `Claim ${c.number}: "${like[0]}" is not a status identifier; use one of ${KNOWN} (37 CFR 1.121(c)).`);
      } else report(c.number, n0, n1, `Claim ${c.number} has no status identifier; every claim in a listing has one of ${KNOWN} (37 CFR 1.121(c)).`);
    }
    const parsed = parseMarks(body);
    const hasText = tidy(cleanListingText(body)) !== '' || parsed.spans.some((x) => x.kind !== '<u>');
    if ((c.status === 'canceled' || c.status === 'not entered') && hasText) {
      report(c.number, s, c.textRange.end.offset, `Claim ${c.number} is ${c.status === 'canceled' ? 'canceled' : 'not entered'} but has text; list it with its number and status identifier only (37 CFR 1.121(c)(4)).`);
    }
    if ((c.status === 'currently amended' || c.status === 'withdrawn - currently amended') && parsed.spans.length === 0) {
      report(c.number, n0, n1, `Claim ${c.number} is "(Currently amended)" but shows no change; underline what is added (<u>…</u>) and strike through what is deleted (~~…~~ or [[…]]), or give it its earlier status (37 CFR 1.121(c)(2)).`);
    }
    if (c.status && c.status !== 'currently amended' && c.status !== 'withdrawn - currently amended' && c.status !== 'canceled' && parsed.spans.length > 0) {
      const first = parsed.spans[0];
      report(c.number, s + first.start, s + first.end, `Claim ${c.number} is "(${STATUS_LABEL[c.status]})" but has marked changes; only a currently amended claim shows changes, ${c.status === 'new' ? 'a new claim is presented without underlining' : 'others are presented in clean text'} (37 CFR 1.121(c)(2), (c)(3)).`);
    }
    for (const sp of parsed.spans) {
      if (sp.kind === '[[' && [...sp.inner].length > MAX_BRACKETED) {
        report(c.number, s + sp.start, s + sp.end, `Claim ${c.number}: double brackets show a deletion of at most ${MAX_BRACKETED} characters; strike longer deletions through (~~…~~) (37 CFR 1.121(c)(2)).`);
      }
      if (sp.inner.trim() === '') report(c.number, s + sp.start, s + sp.end, `Claim ${c.number} has an empty mark ${sp.kind}; remove it.`, 'warning');
    }
    for (const u of parsed.unclosed) {
      report(c.number, s + u.start, s + u.start + u.kind.length, `Claim ${c.number}: "${u.kind}" is not closed; the change it marks cannot be read.`);
    }
  }
  out.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return out;
}

// ---- A preview page ----

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The listing as one HTML page for a preview (no scripts; underline and strike as <u> and <s>). */
export function listingHtml(listing: ClaimListing, options: { title: string; since: string; findings?: FilingFinding[]; notes?: string[]; csp?: string }): string {
  const claim = (c: ListingClaim) => {
    const head = `${c.number}. (${escapeHtml(STATUS_LABEL[c.status])})`;
    if (c.status === 'canceled' || c.status === 'not entered') return `<p class="claim">${head}</p>`;
    const marks: ListingMark[] = c.marks.length ? c.marks : [{ type: 'equal', text: c.text }];
    const body = marks
      .map((m, k) => {
        const t = escapeHtml(m.text).replace(/\n/g, '<br>');
        const sep = marks[k - 1]?.type === 'delete' && m.type === 'insert' && /^\S/.test(m.text) ? ' ' : '';
        if (m.type === 'insert') return `${sep}<u>${t}</u>`;
        if (m.type === 'delete') return [...m.text.trim()].length <= MAX_BRACKETED && !/[[\]]/.test(m.text) ? `[[${t.trim()}]]${/\s$/.test(m.text) ? ' ' : ''}` : `<s>${t}</s>`;
        return t;
      })
      .join('');
    return `<p class="claim">${head} ${body}</p>`;
  };
  const findings = (options.findings ?? []).map((f) => `<li>${f.claim ? `claim ${f.claim}: ` : ''}${escapeHtml(f.message)}</li>`).join('');
  const notes = (options.notes ?? []).map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8">',
    options.csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(options.csp)}">` : '',
    `<title>${escapeHtml(options.title)}</title>`,
    '<style>body{font-family:var(--vscode-editor-font-family,serif);line-height:1.5;max-width:48em;margin:1em auto;padding:0 1em}.claim{margin:0 0 1em}u{text-decoration:underline}s{text-decoration:line-through}.meta{opacity:.8;font-size:.9em}</style>',
    '</head><body>',
    `<h2>${escapeHtml(LISTING_HEADING)}</h2>`,
    `<p class="meta">Compared with ${escapeHtml(options.since)}. ${escapeHtml(LISTING_LEAD)}</p>`,
    ...listing.claims.map(claim),
    notes ? `<h3>Notes</h3><ul class="meta">${notes}</ul>` : '',
    findings ? `<h3>Findings</h3><ul>${findings}</ul>` : '',
    '</body></html>',
  ].join('\n');
}
