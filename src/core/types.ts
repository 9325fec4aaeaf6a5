// The patent language core's public data model. No `vscode` import anywhere under src/core:
// the editor, the CLI, the MCP server, tests and benchmarks all use these types the same way.

/** 0-based line and UTF-16 column (VS Code's convention), plus the absolute UTF-16 offset. */
export interface Position {
  line: number;
  character: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A document as the host hands it to the core: an identifier (a URI or a path) and its text. */
export interface SourceDocument {
  uri: string;
  text: string;
  version?: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type Jurisdiction = 'us' | 'ep';
export type CheckMode = 'drafting' | 'amendment';

/** Every check's stable code: quick fixes, the CLI, SARIF and agents key on these. */
export type CheckCode =
  | 'claim-numbering'
  | 'claim-dependency'
  | 'multiple-dependency'
  | 'canceled-parent'
  | 'claim-form'
  | 'antecedent-basis'
  | 'term-unsupported'
  | 'term-variant'
  | 'numeral-conflict'
  | 'glossary'
  | 'relative-term'
  | 'means-plus-function'
  | 'patent-profanity'
  | 'abstract'
  | 'title'
  | 'dependent-scope'
  | 'listing-form';

export interface TextEdit {
  uri: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor offers first (VS Code's `isPreferred`). */
  preferred?: boolean;
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

/** How sure the check is: 'high' for an exact lexical miss, 'medium' where the language model of the
 * core had to guess (a phrase boundary, a variant), 'low' where the finding may well be right as written
 * (a possibly inherent term, a near variant). Checks set it from what they actually know. */
export type Confidence = 'high' | 'medium' | 'low';

export interface Finding {
  code: CheckCode;
  severity: Severity;
  /** Set by the check; analyzeMatter fills in the code's default where a check left it out. */
  confidence?: Confidence;
  message: string;
  uri: string;
  range: Range;
  /** The claim the finding is in, where it is in one. */
  claim?: number;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Machine-readable details for quick fixes and agents (e.g. { term, dominant }). */
  data?: Record<string, string | number | boolean | string[] | number[]>;
}

export type DocumentRole = 'claims' | 'disclosure' | 'abstract' | 'combined' | 'glossary';

export type AmendmentStatus = 'original' | 'currently amended' | 'previously presented' | 'new' | 'canceled' | 'withdrawn' | 'withdrawn - currently amended' | 'not entered';

export type Transition = 'comprising' | 'including' | 'consisting of' | 'consisting essentially of' | 'characterized' | 'having' | 'containing';

export interface ClaimElement {
  /** "(a)" where the element is lettered. */
  label?: string;
  text: string;
  range: Range;
}

/** One number ("3": from 3 to 3) or range ("1 to 1000000000") of a claim reference, as written. A number
 *  that is not a safe integer (over 2^53) names no claim; `text` keeps its digits. */
export interface ClaimSpan {
  from: number;
  to: number;
  text: string;
}

export interface ClaimReference {
  /** Claim numbers referred to, expanded ("claims 1 to 3" gives 1, 2, 3). */
  targets: number[];
  /** "claims 1 and 2": cumulative (improper in US practice). */
  cumulative: boolean;
  /** "any preceding claim" and the like: every earlier claim. */
  anyPreceding: boolean;
  /** The numbers and ranges as written ("claims 1, 3 to 5": 1..1 and 3..5), where the reference has numbers. */
  spans?: ClaimSpan[];
  text: string;
  range: Range;
  /** Read from the claim's body ("... the material according to claim 1."), not its opening words. */
  inBody?: boolean;
  /** The word "claim" is missing ("The valve of 3, wherein ..."): `text` and `range` cover the number(s). */
  missingWord?: boolean;
}

export interface Claim {
  number: number;
  uri: string;
  /** The whole claim, from its number to its last character. */
  range: Range;
  /** The number as written ("3." or "3)"). */
  numberRange: Range;
  /** The claim's text after its number and status identifier: the exact source slice at `textRange`
   * (line breaks and indentation kept, so offset i in `text` is `textRange.start.offset + i`). */
  text: string;
  textRange: Range;
  status?: AmendmentStatus;
  statusRange?: Range;
  canceled: boolean;
  preamble: string;
  transition?: Transition;
  transitionRange?: Range;
  elements: ClaimElement[];
  /** The dependency as read from the claim's opening words (or else its first body reference);
   *  undefined for an independent claim. */
  dependency?: ClaimReference;
  /** Every reference by which the claim takes in another claim, in text order: the opening
   *  dependency, then body incorporations ("a carrier and the compound of claim 1"). */
  references?: ClaimReference[];
  /** Parents, in order: the union of the references' targets (empty for an independent claim). */
  parents: number[];
  /** Category read from the preamble: "method", "system", "apparatus", ... (lower case head noun). */
  category: string;
}

export type ArticleKind = 'indefinite' | 'definite' | 'bare';

/** One noun-phrase mention of a term in a claim. */
export interface TermMention {
  claim: number;
  /** The determiner as written: "a", "an", "the", "said", "each", "at least one", ... */
  determiner: string;
  kind: ArticleKind;
  /** The phrase as written, without determiner ("outer surface of the housing"). */
  phrase: string;
  /** Normalised key: lower case, singular, hyphen/space folded. */
  key: string;
  plural: boolean;
  range: Range;
  /** Range of the phrase without the determiner. */
  phraseRange: Range;
  uri: string;
}

export interface Term {
  key: string;
  /** The most used written form. */
  label: string;
  introducedIn: { claim: number; range: Range; uri: string }[];
  mentions: TermMention[];
  /** Occurrences of the term (or a variant) in the disclosure. */
  support: { count: number; first?: { uri: string; range: Range; excerpt: string } };
  numerals: string[];
}

export interface NumeralUse {
  numeral: string;
  name: string;
  key: string;
  uri: string;
  range: Range;
}

export interface GlossaryEntry {
  preferred: string;
  avoid: string[];
  definition?: string;
}

export interface MatterDocument extends SourceDocument {
  role: DocumentRole;
}

export interface CheckSettings {
  jurisdiction: Jurisdiction;
  mode: CheckMode;
  /** Per-code severity override, or 'off'. */
  severity: Partial<Record<CheckCode, Severity | 'off'>>;
  /** Findings less sure than this are left out (default 'low': every finding). */
  minConfidence?: Confidence;
}

export interface Matter {
  /** Folder (URI or path) that holds the matter. */
  root: string;
  documents: MatterDocument[];
  glossary: GlossaryEntry[];
  settings: CheckSettings;
}
