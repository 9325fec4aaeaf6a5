// What every check reads: the matter's layouts, claims, claim tokens, the disclosure index.
import type { DisclosurePart } from '../disclosure';
import type { DocumentLayout } from '../matter';
import type { Availability, ClaimTokens } from '../terms';
import type { CheckCode, CheckSettings, Claim, Finding, Fix, GlossaryEntry, Matter, Range, RelatedLocation, Severity } from '../types';

export interface CheckContext {
  matter: Matter;
  settings: CheckSettings;
  layouts: DocumentLayout[];
  claimsLayout?: DocumentLayout;
  claims: Claim[];
  byNumber: Map<number, Claim>;
  claimTokens: ClaimTokens[];
  tokensByNumber: Map<number, ClaimTokens>;
  availability: Availability;
  disclosure: DisclosurePart[];
  glossary: GlossaryEntry[];
  abstractLayout?: DocumentLayout;
  titleLayout?: DocumentLayout;
  layoutOf(uri: string): DocumentLayout | undefined;
}

export type Check = (ctx: CheckContext, report: Reporter) => void;

export interface FindingInput {
  message: string;
  uri: string;
  start: number;
  end: number;
  claim?: number;
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
  data?: Finding['data'];
}

export type Reporter = (code: CheckCode, f: FindingInput) => void;

/** Default severity of each code (overridable per code in settings). */
export const DEFAULT_SEVERITY: Record<CheckCode, Severity> = {
  'claim-numbering': 'error',
  'claim-dependency': 'error',
  'multiple-dependency': 'error',
  'canceled-parent': 'error',
  'claim-form': 'warning',
  'antecedent-basis': 'warning',
  'term-unsupported': 'warning',
  'term-variant': 'warning',
  'numeral-conflict': 'warning',
  glossary: 'warning',
  'relative-term': 'info',
  'means-plus-function': 'info',
  'patent-profanity': 'info',
  abstract: 'warning',
  title: 'warning',
};

export function rangeIn(ctx: CheckContext, uri: string, start: number, end: number): Range {
  const l = ctx.layoutOf(uri);
  if (!l) throw new Error(`no layout for ${uri}`);
  return l.lines.range(start, end);
}

export function replaceFix(ctx: CheckContext, title: string, uri: string, start: number, end: number, newText: string, preferred = true): Fix {
  return { title, edits: [{ uri, range: rangeIn(ctx, uri, start, end), newText }], preferred };
}

export function where(ctx: CheckContext, uri: string, offset: number): string {
  const l = ctx.layoutOf(uri);
  const line = l ? l.lines.position(offset).line + 1 : 0;
  const ownDoc = ctx.claimsLayout?.uri === uri;
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return ownDoc ? `line ${line}` : `${name}:${line}`;
}
