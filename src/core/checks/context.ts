// What every check reads: the matter's layouts, claims, claim tokens, the disclosure index.
import type { DisclosurePart } from '../disclosure';
import type { DocumentLayout } from '../matter';
import type { Availability, ClaimTokens } from '../terms';
import { hashText } from '../text';
import type { CheckCode, CheckSettings, Claim, Confidence, Finding, Fix, GlossaryEntry, Matter, Range, RelatedLocation, Severity } from '../types';

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
  /** How sure the check is; left out, the code's default (`defaultConfidence`) applies. */
  confidence?: Confidence;
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
  'term-unsupported': 'info',
  'term-variant': 'warning',
  'numeral-conflict': 'warning',
  glossary: 'warning',
  'relative-term': 'info',
  'means-plus-function': 'info',
  'patent-profanity': 'info',
  abstract: 'warning',
  title: 'warning',
  'dependent-scope': 'warning',
  'listing-form': 'error',
};

/** Default confidence of each code, for findings whose check does not set one (see `defaultConfidence`). */
export const DEFAULT_CONFIDENCE: Record<CheckCode, Confidence> = {
  'claim-numbering': 'high',
  'claim-dependency': 'high',
  'multiple-dependency': 'high',
  'canceled-parent': 'high',
  'claim-form': 'high',
  'antecedent-basis': 'high',
  'term-unsupported': 'medium',
  'term-variant': 'medium',
  'numeral-conflict': 'medium',
  glossary: 'high',
  'relative-term': 'low',
  'means-plus-function': 'low',
  'patent-profanity': 'low',
  abstract: 'high',
  title: 'high',
  'dependent-scope': 'medium',
  'listing-form': 'high',
};

/** The confidence of a finding its check left unset: the code's default, except that an antecedent-basis
 * finding the check itself reports as info (a term that may be inherent) is 'low'. `severity` is the one
 * the check reported, not a severity the user configured. */
export function defaultConfidence(code: CheckCode, severity: Severity | undefined): Confidence {
  if (code === 'antecedent-basis' && severity === 'info') return 'low';
  return DEFAULT_CONFIDENCE[code];
}

/** Every confidence, least sure first. */
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

export function isConfidence(v: unknown): v is Confidence {
  return typeof v === 'string' && (CONFIDENCES as readonly string[]).includes(v);
}

/** Whether a finding of confidence `c` is shown when only `min` and surer are (unset: everything). */
export function meetsConfidence(c: Confidence | undefined, min: Confidence | undefined): boolean {
  return !min || CONFIDENCES.indexOf(c ?? 'high') >= CONFIDENCES.indexOf(min);
}

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

const signatures = new WeakMap<CheckContext, Map<number, string>>();

/** A claim's text and its ancestors' texts, folded into two 32-bit hashes (memoised per analysis): with the
 *  claim's text, the key of a result that depends only on the claim and the claims it depends on (a key of
 *  fixed size: a list of every parent's signature grew as n² over "any preceding claim"). */
export function claimSignature(ctx: CheckContext, n: number): string {
  let sigs = signatures.get(ctx);
  if (!sigs) signatures.set(ctx, (sigs = new Map()));
  return signature(ctx, n, sigs, 0);
}

function signature(ctx: CheckContext, n: number, sigs: Map<number, string>, depth: number): string {
  const hit = sigs.get(n);
  if (hit !== undefined) return hit;
  const c = ctx.byNumber.get(n);
  sigs.set(n, 'cycle');
  const parents =
    depth > 2000 || !c
      ? ''
      : c.parents
          .filter((p) => p !== n)
          .map((p) => signature(ctx, p, sigs, depth + 1))
          .join(',');
  const s = c ? `${hashText(c.text)}.${hashText(c.text + '\u0001' + parents)}.${hashText(c.parents.join('|'))}.${c.parents.length}` : 'missing';
  sigs.set(n, s);
  return s;
}
