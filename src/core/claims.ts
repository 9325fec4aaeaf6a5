// Claims: numbering, amendment status, preamble / transition / elements, and the dependency read
// from a claim's opening words (US and EP wording). All offsets are the document's.
import type { DocumentLayout } from './matter';
import { memoTable } from './caches';
import type { AmendmentStatus, Claim, ClaimReference, ClaimSpan, Transition } from './types';

/** Invisible format characters that may stand before a claim number (a BOM, a direction mark, a zero-width
 *  space or joiner, a bidi embedding or isolate): read as nothing. */
const FMT = String.raw`[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]`;
const CLAIM_START = new RegExp(String.raw`^(${FMT}{0,8} {0,3}${FMT}{0,8}(?:[-*+] +)?(?:\*\*)?)(\d{1,5})((?:\*\*)?\s*[.)](?:\*\*)?)(?=[ \t]|$)`);
/** At most this many claims are read from one document (a bound on hostile input; real sets stay far below). */
export const MAX_CLAIMS = 20000;
const STATUS = /^\(\s*(currently\s+amended|original|previously\s+presented|new|cancell?ed|withdrawn(?:\s*[-–—,]?\s*currently\s+amended)?|not\s+entered)\s*\)\s*/i;

export function parseClaims(layout: DocumentLayout): Claim[] {
  const section = layout.claims;
  if (!section) return [];
  const text = layout.md.masked;
  type Open = { number: number; start: number; numberStart: number; numberEnd: number; textStart: number; end: number };
  const opens: Open[] = [];
  let lastContentEnd = section.start;
  let pos = section.start;
  // `masked` has every line end (CR, LF, CRLF, U+2028, U+2029) as a '\n' at the same offset.
  while (pos < section.end && opens.length <= MAX_CLAIMS) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > section.end) nl = section.end;
    const line = text.slice(pos, nl);
    const m = CLAIM_START.exec(line);
    if (m) {
      const prev = opens[opens.length - 1];
      if (prev) prev.end = lastContentEnd;
      const numberStart = pos + m[1].length;
      opens.push({
        number: Number(m[2]),
        start: numberStart,
        numberStart,
        numberEnd: numberStart + m[2].length + m[3].replace(/\*\*/g, '').trimEnd().length + (m[3].startsWith('**') ? 2 : 0),
        textStart: pos + m[0].length,
        end: section.end,
      });
    }
    if (line.trim() !== '') lastContentEnd = pos + line.trimEnd().length;
    pos = nl + 1;
  }
  if (opens.length > MAX_CLAIMS) {
    opens.length = MAX_CLAIMS;
  } else if (opens.length) opens[opens.length - 1].end = lastContentEnd;
  // Every number a reference names is bounded by the claims that exist: read them first.
  const existing = [...new Set(opens.map((o) => o.number))].sort((a, b) => a - b);
  return opens.map((o) => buildClaim(layout, o.number, o.start, o.numberStart, o.numberEnd, o.textStart, o.end, existing));
}

function buildClaim(layout: DocumentLayout, number: number, start: number, numberStart: number, numberEnd: number, afterNumber: number, end: number, existing: readonly number[]): Claim {
  const text = layout.md.masked;
  let t = afterNumber;
  while (t < end && /\s/.test(text[t])) t++;
  let status: AmendmentStatus | undefined;
  let statusRange;
  const sm = STATUS.exec(text.slice(t, Math.min(end, t + 80)));
  if (sm) {
    status = normaliseStatus(sm[1]);
    const statusEnd = t + sm[0].trimEnd().length;
    statusRange = layout.lines.range(t, statusEnd);
    t += sm[0].length;
  }
  if (t > end) t = end;
  const body = text.slice(t, end);
  const canceled = status === 'canceled';
  const claim: Claim = {
    number,
    uri: layout.uri,
    range: layout.lines.range(start, Math.max(end, numberEnd)),
    numberRange: layout.lines.range(numberStart, numberEnd),
    text: body,
    textRange: layout.lines.range(t, end),
    status,
    statusRange,
    canceled,
    preamble: '',
    elements: [],
    parents: [],
    category: '',
  };
  if (canceled || body.trim() === '') return claim;
  const shape = shapeOf(body, number);
  const lines = layout.lines;
  if (shape.refs.length) {
    claim.references = shape.refs.map((r) => ({ ...resolveReference(r.ref, existing, number), range: lines.range(t + r.start, t + r.end) }));
    claim.dependency = claim.references[0];
    const parents = new Set<number>();
    for (const r of claim.references) for (const n of r.targets) parents.add(n);
    claim.parents = [...parents];
  }
  if (shape.tr) {
    claim.transition = shape.tr.transition;
    claim.transitionRange = lines.range(t + shape.tr.start, t + shape.tr.end);
  }
  claim.preamble = shape.preamble;
  claim.category = shape.category;
  claim.elements = shape.elements.map((e) => ({ label: e.label, text: e.text, range: lines.range(t + e.start, t + e.end) }));
  return claim;
}

interface ClaimShape {
  dep?: Ref;
  refs: Ref[];
  tr?: { transition: Transition; start: number; end: number };
  preamble: string;
  category: string;
  elements: { label?: string; text: string; start: number; end: number }[];
}

const shapeCache = memoTable(() => new Map<string, ClaimShape>());

/** Everything read from a claim's text, with offsets relative to it: a pure function of the text
 *  and the claim's number, cached so that claims an edit only moves are not read again. */
function shapeOf(body: string, number: number): ClaimShape {
  const key = `${number}\u0000${body}`;
  const hit = shapeCache().get(key);
  if (hit) return hit;
  const refs = readReferences(body, number);
  const dep = refs[0];
  const depEnd = dep && !dep.ref.inBody ? dep.end : 0;
  const tr = findTransition(body, depEnd);
  const preamble = collapse(body.slice(0, tr ? tr.start : dep && !dep.ref.inBody ? dep.end : firstClauseEnd(body)));
  const shape: ClaimShape = { dep, refs, tr, preamble, category: categoryOf(preamble), elements: splitElements(body, tr ? tr.end : depEnd) };
  if (shapeCache().size > 5000) shapeCache().clear();
  shapeCache().set(key, shape);
  return shape;
}

function normaliseStatus(s: string): AmendmentStatus {
  const v = s.toLowerCase().replace(/\s+/g, ' ');
  if (v.startsWith('cancel')) return 'canceled';
  if (v.startsWith('withdrawn')) return v.includes('amended') ? 'withdrawn - currently amended' : 'withdrawn';
  return v as AmendmentStatus;
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
};
const ORD = Object.keys(ORDINALS).join('|');

const OPENING_END = /\b(?:wherein|whereby|where|comprising|comprises|comprise|including|includes|further|characteri[sz]ed|in\s+which|having|consisting|containing|the\s+improvement)\b|[:;]/i;
const ANY_PRECEDING = /\b(?:any\s+(?:one\s+)?(?:of\s+)?(?:the\s+)?(?:preceding|previous|foregoing|above)\s+claims?|any\s+(?:one\s+)?(?:of\s+)?(?:the\s+)?claims?\s+(?:above|before))\b/i;
const THE_PRECEDING = /\b(?:the\s+)?(?:preceding|previous|foregoing)\s+claim\b/i;
const EP_ORDINAL = new RegExp(`\\b(?:the\\s+)?((?:${ORD})(?:\\s*(?:,|\\bor\\b|\\band\\b)\\s*(?:the\\s+)?(?:${ORD}))*)\\s+claims?\\b`, 'i');

// ---- The one reader of "claim N" / "claims 1, 3 or 5" / "any one of claims 2 to 7" ----

/** A number of a list that is a quantity, not a claim ("claim 1 and 2 mm"): it is not read. */
const NOT_A_CLAIM_NUMBER = String.raw`(?!\d|\.\d|\s*(?:%|°|[µμ]|(?:mm|cm|nm|µm|m|mg|g|kg|ml|mL|l|wt|mol|ppm|hours?|h|min|minutes?|s|seconds?|days?|weeks?|times|fold|parts?|percent|degrees?)\b|-[A-Za-z]))`;
const LIST_SEP = String.raw`\s*(?:,\s*(?:or\s+|and\s+)?|\bor\b|\band\b|\bto\b|\bthrough\b|\bthru\b|-|–|—)\s*(?:claims?\s+)?`;
const CLAIM_NUMBERS = new RegExp(String.raw`\b(?:(any|either|each|all)\s+(?:one\s+)?(?:of\s+)?(?:the\s+)?)?claims?\s+(\d+(?:${LIST_SEP}\d+${NOT_A_CLAIM_NUMBER})*)`, 'gi');
const RANGE_WORD = /\bto\b|\bthrough\b|\bthru\b|[-–—]/i;

/** One "claim N" reference as written, with offsets into the text it was read from. */
export interface ClaimNumberRef {
  start: number;
  end: number;
  text: string;
  /** "any", "either", "each" or "all" in front ("any one of claims 1 to 3"), else ''. */
  quantifier: string;
  /** Each number as written, with its offsets. */
  numbers: { value: number; start: number; end: number }[];
  /** The claims named, ranges expanded ("claims 2 to 4" gives 2, 3, 4); a range wider than
   *  `SPAN_EXPAND_LIMIT` gives its two ends, a number over 2^53 nothing (see `spans`). */
  targets: number[];
  /** The numbers and ranges as written, unexpanded. */
  spans: ClaimSpan[];
  /** In the alternative ("or", "any of"). */
  alternative: boolean;
  /** More than one claim, not in the alternative ("claims 1 and 2", "claims 1-3"). */
  cumulative: boolean;
}

/** Every "claim N" / "claims N to M" reference in `text`, in order (at most `max`). The one reader of
 *  claim references: dependencies, renumbering, hovers, navigation and drafting all go through it. */
export function readClaimNumbers(text: string, max = 500): ClaimNumberRef[] {
  const out: ClaimNumberRef[] = [];
  const re = new RegExp(CLAIM_NUMBERS.source, 'gi');
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
    const list = m[2];
    const listStart = m.index + m[0].length - list.length;
    const numbers = [...list.matchAll(/\d+/g)].map((d) => ({ value: Number(d[0]), start: listStart + d.index!, end: listStart + d.index! + d[0].length }));
    const spans = readSpans(list);
    const targets = spanTargets(spans);
    const alternative = !!m[1] || /\bor\b/i.test(list);
    const cumulative = targets.length > 1 && !alternative && (/\band\b/i.test(list) || RANGE_WORD.test(list) || /,/.test(list));
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], quantifier: (m[1] ?? '').toLowerCase(), numbers, targets, spans, alternative, cumulative });
  }
  return out;
}

/** The claim number a reference at `offset` of `text` names: the number under the offset, or (on the
 *  word "claim") the first one. */
export function claimNumberAt(text: string, offset: number): { claim: number; start: number; end: number } | undefined {
  for (const r of readClaimNumbers(text)) {
    if (offset < r.start || offset > r.end) continue;
    const n = r.numbers.find((x) => offset >= x.start && offset <= x.end) ?? r.numbers[0];
    return n && { claim: n.value, start: n.start, end: n.end };
  }
  return undefined;
}

/** A reference's text with its claim numbers mapped (renumbering); numbers `map` leaves out stay. */
export function renumberReference(text: string, map: ReadonlyMap<number, number> | ((n: number) => number | undefined)): string {
  const f = typeof map === 'function' ? map : (n: number) => map.get(n);
  return text.replace(/\d+/g, (d) => String(f(Number(d)) ?? d));
}

/** `text` with the first claim reference that `pick` accepts replaced by `rewrite` of it (unchanged when
 *  none is): retargeting a generated claim ("The device of claim 3" → "… of claim 1"). */
export function rewriteClaimReference(text: string, pick: (r: ClaimNumberRef) => boolean, rewrite: (r: ClaimNumberRef) => string): string {
  const r = readClaimNumbers(text, 64).find(pick);
  return r ? text.slice(0, r.start) + rewrite(r) + text.slice(r.end) : text;
}

/** "claim 3", "claims 1 or 2", "claims 1, 2 or 4": a reference to `numbers` in the alternative. */
export function formatClaimReference(numbers: number[]): string {
  const ns = [...new Set(numbers)];
  if (ns.length <= 1) return `claim ${ns[0] ?? ''}`.trimEnd();
  return `claims ${ns.slice(0, -1).join(', ')} or ${ns[ns.length - 1]}`;
}

/** Every reference by which a claim takes in another claim (the opening dependency first). */
export function referencesOf<R = ClaimReference>(c: { dependency?: R; references?: R[] }): R[] {
  return c.references ?? (c.dependency ? [c.dependency] : []);
}

// ---- Dependencies ----

type Ref = { ref: Omit<ClaimReference, 'range'>; start: number; end: number };

/** Words in front of "of/in claim N" that take no subject from the claim ("unlike in claim 2"). */
const NOT_A_SUBJECT =
  /^(?:unlike|than|except|excluding|besides|apart|instead|rather|other|not|as|and|or|but|nor|like|to|in|on|at|with|for|from|by|of|that|which|see|also|those|these|this|it|its|is|are|was|were|be|been|being|same|different|differs?|differing|similar|analogous|contrary|opposed|respect|regard|addition|place|view|light|terms|spite|lieu|independent|independently|regardless)$/i;
/** The words before a body reference that make it an incorporation: "the compound of claim 1",
 *  "the method in claim 16", "according to claim 2", "as defined in claim 3", "obtained by the process of". */
const STRONG_LEAD =
  /(?:\baccording\s+to|\bin\s+accordance\s+with|\bpursuant\s+to|\bas\s+(?:in|per)|\b(?:claimed|recited|defined|set\s+forth|described|specified|disclosed|provided|listed|obtained|obtainable|produced|prepared|made)\s+(?:in|by|according\s+to))\s+$/i;
const WEAK_LEAD = /\b([A-Za-z][\w-]*)\s+(?:of|in)\s+$/;

function incorporates(body: string, at: number): boolean {
  const before = body.slice(Math.max(0, at - 40), at);
  if (STRONG_LEAD.test(before)) return true;
  const w = WEAK_LEAD.exec(before);
  return !!w && !NOT_A_SUBJECT.test(w[1]) && !/^\d/.test(w[1]);
}

/** Reads a dependency from a claim's opening words (or, for a claim that opens as an independent
 *  claim, from a body phrase such as "the material according to claim 1"). Offsets are into `body`. */
export function readDependency(body: string, self: number): Ref | undefined {
  return readReferences(body, self)[0];
}

/** Every reference by which a claim takes in another: the one in its opening words, then each body
 *  reference that incorporates another claim's subject ("a carrier and the compound of claim 1").
 *  A bare "claim N" that takes nothing in ("unlike in claim 2") is not one. Offsets are into `body`. */
export function readReferences(body: string, self: number): Ref[] {
  const limit = Math.min(body.length, 300);
  const endMatch = OPENING_END.exec(body.slice(0, limit));
  const windowEnd = endMatch ? endMatch.index : limit;
  const out: Ref[] = [];
  const opening = readReference(body.slice(0, windowEnd), self) ?? readMissingWord(body, windowEnd, self);
  if (opening) out.push(opening);
  const from = opening ? opening.end : 0;
  for (const r of readClaimNumbers(body.slice(from), 64)) {
    const start = from + r.start;
    if (!incorporates(body, start)) continue;
    out.push({ ref: { targets: r.targets, spans: r.spans, cumulative: r.cumulative, anyPreceding: false, text: r.text, inBody: true }, start, end: from + r.end });
  }
  return out;
}

function readReference(window: string, self: number): Ref | undefined {
  const any = ANY_PRECEDING.exec(window);
  if (any) {
    // Without the claims that exist, at most SPAN_EXPAND_LIMIT earlier numbers; `parseClaims` names the claims that exist.
    const targets: number[] = [];
    for (let i = 1; i < self && i <= SPAN_EXPAND_LIMIT; i++) targets.push(i);
    return { ref: { targets, cumulative: false, anyPreceding: true, text: any[0] }, start: any.index, end: any.index + any[0].length };
  }
  const [num] = readClaimNumbers(window, 1);
  if (num) return { ref: { targets: num.targets, spans: num.spans, cumulative: num.cumulative, anyPreceding: false, text: num.text }, start: num.start, end: num.end };
  const ord = EP_ORDINAL.exec(window);
  if (ord) {
    const targets = ord[1]
      .split(/\s*(?:,|\bor\b|\band\b)\s*/i)
      .map((w) => ORDINALS[w.replace(/^the\s+/i, '').toLowerCase()])
      .filter((n): n is number => !!n);
    if (targets.length) {
      const cumulative = targets.length > 1 && /\band\b/i.test(ord[1]) && !/\bor\b/i.test(ord[1]);
      return { ref: { targets, cumulative, anyPreceding: false, text: ord[0] }, start: ord.index, end: ord.index + ord[0].length };
    }
  }
  const prev = THE_PRECEDING.exec(window);
  if (prev && self > 1) {
    return { ref: { targets: [self - 1], cumulative: false, anyPreceding: false, text: prev[0] }, start: prev.index, end: prev.index + prev[0].length };
  }
  return undefined;
}

/** "The valve of 3, wherein", "The method according to 2,": a dependent claim's opening that lost the
 *  word "claim". Read only where a claim reference stands and the number(s) end the opening words:
 *  never "a valve of 3 mm", "the method of 2-step", "a penalty of 10, ..." or "of 1,6-hexane". */
const BARE_NUMBER = String.raw`\d{1,3}(?!\d|[.,]\d)`;
const BARE_LIST = String.raw`(?:any\s+(?:one\s+)?of\s+)?(${BARE_NUMBER}(?:\s*(?:,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+|\s*(?:to|through|-|–)\s*)${BARE_NUMBER})*)`;
const BARE_END = String.raw`(?=\s*(?:[,;]|\.\s*$|$|(?:wherein|where|whereby|further|in\s+which|comprising|comprises|including|includes|characteri[sz]ed|having|consisting)\b))`;
/** After "according to" / "as claimed in": nothing but a claim can stand there (US "The device according to 2,",
 *  EP "Device according to 17, in which"). */
const MISSING_AFTER_CLAIM_WORDS = new RegExp(
  String.raw`^(?:(?:the|an?|said)\s+)?(?:[A-Za-z][\w-]*\s+){0,12}?(?:according\s+to|as\s+(?:claimed|recited|defined|set\s+forth|described)\s+in|as\s+in)\s+${BARE_LIST}${BARE_END}`,
  'i',
);
/** "The <noun> of 3,": a quantity can stand there too ("the penalty of 10"), so only for an earlier claim. */
const MISSING_AFTER_OF = new RegExp(String.raw`^the\s+(?:(?!(?:of|with|for|in|on|at|by|to|from|having|and|or|is|are)\s)[A-Za-z][\w-]*\s+){1,6}of\s+${BARE_LIST}${BARE_END}`, 'i');

function readMissingWord(body: string, windowEnd: number, self: number): Ref | undefined {
  const head = body.slice(0, Math.min(body.length, windowEnd + 40, 300));
  let m = MISSING_AFTER_CLAIM_WORDS.exec(head);
  let spans = m ? readSpans(m[1]) : [];
  let targets = spanTargets(spans);
  if (!m) {
    m = MISSING_AFTER_OF.exec(head);
    spans = m ? readSpans(m[1]) : [];
    targets = spanTargets(spans);
    if (targets.some((n) => n >= self)) return undefined;
  }
  if (!m || m.index + m[0].length > windowEnd + 1 || targets.length === 0 || targets.includes(0)) return undefined;
  const list = m[1];
  const start = m.index + m[0].length - list.length;
  const cumulative = targets.length > 1 && !/\bor\b|\bany\b/i.test(m[0]);
  return { ref: { targets, spans, cumulative, anyPreceding: false, text: list, missingWord: true }, start, end: start + list.length };
}

/** A range wider than this is not expanded from its text alone ("claims 1 to 1000000000" gives 1 and 1000000000). */
export const SPAN_EXPAND_LIMIT = 1000;
/** At most this many numbers or ranges are read from one reference. */
const MAX_SPANS = 256;

/** The numbers and ranges of a list as written ("1, 3 to 5" gives 1..1 and 3..5). */
function readSpans(list: string): ClaimSpan[] {
  const out: ClaimSpan[] = [];
  const re = /(\d+)(?:\s*(?:\bto\b|\bthrough\b|\bthru\b|-|–|—)\s*(?:claims?\s+)?(\d+))?/gi;
  for (let m = re.exec(list); m && out.length < MAX_SPANS; m = re.exec(list)) {
    const from = Number(m[1]);
    out.push({ from, to: m[2] ? Number(m[2]) : from, text: m[0] });
  }
  return out;
}

/** Whether `n` can be a claim number: a safe positive integer (a number over 2^53 names no claim). */
export function isClaimNumber(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
}

/** The numbers `spans` name read from the text alone (no claims known): a range up to SPAN_EXPAND_LIMIT wide
 *  expanded, a wider or reversed one as its two ends, numbers that cannot be claim numbers left out. */
function spanTargets(spans: readonly ClaimSpan[]): number[] {
  const out: number[] = [];
  for (const { from: a, to: b } of spans) {
    if (isClaimNumber(a) && isClaimNumber(b) && b >= a && b - a <= SPAN_EXPAND_LIMIT) for (let i = a; i <= b; i++) out.push(i);
    else {
      if (isClaimNumber(a)) out.push(a);
      if (isClaimNumber(b) && b !== a) out.push(b);
    }
  }
  return out;
}

/** Index of the first of the sorted `list` that is >= `n`. */
export function lowerBound(list: readonly number[], n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A reference's targets bounded by the claims that exist (`existing`, sorted): "any preceding claim" names
 *  the existing claims before `self`; a range names the existing claims in it and its ends where they are
 *  missing (so a missing claim is still reported), never more numbers than claims plus two per range. */
function resolveReference(ref: Omit<ClaimReference, 'range'>, existing: readonly number[], self: number): Omit<ClaimReference, 'range'> {
  if (ref.anyPreceding) return { ...ref, targets: existing.slice(0, lowerBound(existing, self)) };
  if (!ref.spans) return ref;
  const seen = new Set<number>();
  const targets: number[] = [];
  const add = (n: number) => {
    if (!seen.has(n)) {
      seen.add(n);
      targets.push(n);
    }
  };
  for (const { from: a, to: b } of ref.spans) {
    if (isClaimNumber(a) && b >= a) {
      if (existing[lowerBound(existing, a)] !== a) add(a);
      for (let i = lowerBound(existing, a); i < existing.length && existing[i] <= b; i++) add(existing[i]);
      if (isClaimNumber(b) && existing[lowerBound(existing, b)] !== b) add(b);
    } else {
      if (isClaimNumber(a)) add(a);
      if (isClaimNumber(b)) add(b);
    }
  }
  return { ...ref, targets };
}

const TRANSITIONS: [RegExp, Transition][] = [
  [/\bconsisting\s+essentially\s+of\b/i, 'consisting essentially of'],
  [/\bconsisting\s+of\b/i, 'consisting of'],
  [/\bcharacteri[sz]ed\s+(?:in\s+that|by)\b/i, 'characterized'],
  [/\bcompris(?:ing|es)\b/i, 'comprising'],
  [/\binclud(?:ing|es)\b/i, 'including'],
  [/\bcontaining\b/i, 'containing'],
  [/\bhaving\b/i, 'having'],
];

function findTransition(body: string, from: number): { transition: Transition; start: number; end: number } | undefined {
  let best: { transition: Transition; start: number; end: number } | undefined;
  const scope = body.slice(from, from + 600);
  for (const [re, transition] of TRANSITIONS) {
    const m = re.exec(scope);
    if (m && (!best || from + m.index < best.start)) best = { transition, start: from + m.index, end: from + m.index + m[0].length };
  }
  // "having"/"containing"/"including" deep in the preamble of a long claim are not transitions when a
  // "comprising" follows right after a colon; prefer the one that is followed by ':' or starts the body.
  if (best && (best.transition === 'having' || best.transition === 'containing' || best.transition === 'including')) {
    const comp = /\bcompris(?:ing|es)\b\s*:/i.exec(scope);
    if (comp && from + comp.index > best.start && !/:/.test(body.slice(best.end, best.end + 3))) {
      best = { transition: 'comprising', start: from + comp.index, end: from + comp.index + comp[0].replace(/\s*:$/, '').length };
    }
  }
  return best;
}

function firstClauseEnd(body: string): number {
  const m = /[,:;]|\bwherein\b/i.exec(body);
  return m ? m.index : body.length;
}

const CATEGORY_STOP =
  /^(?:for|of|according|as|in|to|on|with|comprising|comprises|including|includes|that|which|wherein|having|claimed|recited|defined|set|by|from|configured|adapted|operable|storing|stored|being|used|usable|capable)$/i;

/** The claim's category: the head noun of its preamble ("method", "system", "device"...). */
export function categoryOf(preamble: string): string {
  const words = preamble
    .replace(/[,;:()]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let i = 0;
  if (/^(?:a|an|the|one|said)$/i.test(words[0] ?? '')) i = 1;
  let head = '';
  for (; i < words.length; i++) {
    const w = words[i];
    if (CATEGORY_STOP.test(w)) break;
    if (i > 1 && /ing$/i.test(w)) break;
    head = w;
  }
  return head.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

function splitElements(body: string, from: number): ClaimShape['elements'] {
  const out: ClaimShape['elements'] = [];
  let start = from;
  while (start < body.length && /[\s:,]/.test(body[start])) start++;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(body[s])) s++;
    const conj = /^(?:and|or)\b\s*/i.exec(body.slice(s, Math.min(e, s + 6)));
    if (conj) s += conj[0].length;
    while (s < e && /\s/.test(body[s])) s++;
    while (e > s && /[\s;,.]/.test(body[e - 1])) e--;
    while (e > s && /\band$|\bor$/i.test(body.slice(Math.max(s, e - 4), e))) {
      e -= body.slice(Math.max(s, e - 4), e).match(/(and|or)$/i)![0].length;
      while (e > s && /[\s;,]/.test(body[e - 1])) e--;
    }
    if (e <= s) return;
    const seg = body.slice(s, e);
    const lab = /^\(([a-z]{1,3}|[ivx]{1,5}|\d{1,2})\)\s*/i.exec(seg);
    out.push({ label: lab ? `(${lab[1]})` : undefined, text: collapse(seg), start: s, end: e });
  };
  let depth = 0;
  for (let i = start; i < body.length; i++) {
    const c = body[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if ((c === ';' && depth === 0) || (c === '\n' && /^\n[ \t]*(?:\([a-z]{1,3}\)|[a-z])/i.test(body.slice(i, i + 12)) && /[;:,]\s*$/.test(body.slice(Math.max(start, i - 3), i)))) {
      push(start, i);
      start = i + 1;
    }
  }
  push(start, body.length);
  return out;
}

/** A claim's text without its leading number ("9. The device of claim 1, …" → "The device of claim 1, …"):
 *  what a drafter or an agent gives as a new claim, numbered or not. */
export function stripClaimNumber(text: string): string {
  return text.trim().replace(/^\d{1,4}\s*[.)]\s*/, '');
}
