// The marks of a claim listing and the status identifiers' labels are the core's
// (src/core/amendment.ts); the listing's own spacing rule is here.
export { cleanListingText, MAX_BRACKETED, parseMarks, STATUS_LABEL, type ListingMark, type ParsedMarks } from '../core/index';

/** Lines trimmed, blank lines and runs of spaces dropped: the text a listing prints. */
export function tidy(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
