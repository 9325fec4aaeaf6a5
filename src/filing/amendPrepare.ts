// One claim listing, ready to show or save: built from the two versions, rendered in Markdown,
// read back through the core's amendment-mode parser (same numbers, statuses and clean text, or
// the listing is not handed out), its form checked, and the new-matter findings against the
// application as filed. The CLI and the editor both call this; neither reads files here.
import { listingBetween, sameText, STATUS_LABEL, type ClaimListing } from './amend';
import { checkListingForm, listingJson, listingMarkdown, parseListing, type FilingFinding, type ListingJson } from './listing';
import { findNewMatter, type AsFiledVersion } from './newMatter';

export interface PrepareInput {
  /** The version compared with: a label for messages ("HEAD~2", "v1/claims.md") and its claims text. */
  previous: { label: string; uri: string; text: string };
  /** The working claims document (or single-file matter). */
  working: { uri: string; text: string };
  /** The application as filed, for the new-matter check; left out, no new-matter check runs. */
  asFiled?: AsFiledVersion;
  signal?: AbortSignal;
}

export interface PreparedListing {
  listing: ClaimListing;
  markdown: string;
  /** The listing's own form (should be none) and new matter. */
  findings: FilingFinding[];
  json(): ListingJson & { since: string; asFiled?: string; notes: string[]; findings: FilingFinding[] };
}

export class RoundTripError extends Error {}

/** Where the Markdown listing, read back by the core's amendment-mode parser, differs from the listing. */
export function roundTripProblems(listing: ClaimListing, markdown: string): string[] {
  const back = parseListing(markdown);
  const problems: string[] = [];
  if (back.length !== listing.claims.length) problems.push(`${listing.claims.length} claims listed, ${back.length} read back`);
  listing.claims.forEach((c, i) => {
    const b = back[i];
    if (!b) return;
    if (b.number !== c.number) problems.push(`claim ${c.number} read back as claim ${b.number}`);
    if (b.status !== c.status) problems.push(`claim ${c.number}: status (${STATUS_LABEL[c.status]}) read back as ${b.status ? `(${STATUS_LABEL[b.status]})` : 'none'}`);
    if (!sameText(b.clean, c.text)) problems.push(`claim ${c.number}: its text does not read back the same`);
  });
  return problems;
}

export function prepareListing(input: PrepareInput): PreparedListing {
  const listing = listingBetween({ uri: `${input.previous.label}:${input.previous.uri}`, text: input.previous.text }, input.working);
  const markdown = listingMarkdown(listing);
  const problems = roundTripProblems(listing, markdown);
  if (problems.length) throw new RoundTripError(`the listing does not read back as written (${problems.slice(0, 3).join('; ')}); not handed out`);
  const findings = [...checkListingForm(markdown), ...(input.asFiled ? findNewMatter(input.asFiled, input.working, { signal: input.signal }) : [])];
  return {
    listing,
    markdown,
    findings,
    json: () => ({ since: input.previous.label, ...(input.asFiled ? { asFiled: input.asFiled.label } : {}), ...listingJson(listing), notes: listing.notes, findings }),
  };
}
