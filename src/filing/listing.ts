// A claim listing as text: Markdown (marks as <u>…</u>, ~~…~~ and [[…]]) and JSON; reading the
// marks back; and the listing's form under 37 CFR 1.121(c), checked on the text as written
// (a listing made here, or one a drafter wrote or edited by hand).
import { parseClaims } from '../core/index';
import { analyzeMatter, CHECK_CODES } from '../core/index';
import { createMatter, layoutDocument } from '../core/index';
import type { AmendmentStatus, CheckCode, Finding } from '../core/index';
import type { ClaimListing, ListingClaim } from './amend';
import { cleanListingText, MAX_BRACKETED, parseMarks, STATUS_LABEL, tidy, type ListingMark } from './amendMarks';

export { cleanListingText, parseMarks };

/** A finding of the filing layer: the core's shape, with the filing codes. */
export interface FilingFinding extends Omit<Finding, 'code'> {
  code: CheckCode | 'new-matter';
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

/** The listing's form: the core's amendment-mode checks `listing-form` (37 CFR 1.121(c)) and
 *  `claim-numbering` (numbers continuous, canceled numbers kept), run on the listing alone. */
export function checkListingForm(text: string, uri = LISTING_URI): FilingFinding[] {
  const on = new Set<CheckCode>(['listing-form', 'claim-numbering']);
  const severity = Object.fromEntries(CHECK_CODES.filter((c) => !on.has(c)).map((c) => [c, 'off'])) as Partial<Record<CheckCode, 'off'>>;
  const matter = createMatter('listing', [{ uri, text }], { mode: 'amendment', severity }, [], { claims: [uri.slice(uri.lastIndexOf('/') + 1)], disclosure: [], abstract: [] });
  return analyzeMatter(matter).findings;
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
