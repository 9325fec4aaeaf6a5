// Claims: numbering, amendment status, preamble / transition / elements, and the dependency read
// from a claim's opening words (US and EP wording). All offsets are the document's.
import type { DocumentLayout } from './matter';
import { registerCache } from './caches';
import type { AmendmentStatus, Claim, ClaimReference, Transition } from './types';

const CLAIM_START = /^( {0,3}(?:[-*+] +)?(?:\*\*)?)(\d{1,5})((?:\*\*)?\s*[.)](?:\*\*)?)(?=[ \t]|$)/;
const STATUS = /^\(\s*(currently\s+amended|original|previously\s+presented|new|cancell?ed|withdrawn(?:\s*[-–—,]?\s*currently\s+amended)?|not\s+entered)\s*\)\s*/i;

export function parseClaims(layout: DocumentLayout): Claim[] {
  const section = layout.claims;
  if (!section) return [];
  const text = layout.md.masked;
  const claims: Claim[] = [];
  type Open = { number: number; start: number; numberStart: number; numberEnd: number; textStart: number };
  let open: Open | undefined;
  let lastContentEnd = section.start;
  const close = (endAt: number) => {
    if (!open) return;
    claims.push(buildClaim(layout, open.number, open.start, open.numberStart, open.numberEnd, open.textStart, endAt));
    open = undefined;
  };
  let pos = section.start;
  while (pos < section.end) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > section.end) nl = section.end;
    const line = text.slice(pos, nl);
    const m = CLAIM_START.exec(line);
    if (m) {
      close(lastContentEnd);
      const numberStart = pos + m[1].length;
      open = {
        number: Number(m[2]),
        start: numberStart,
        numberStart,
        numberEnd: numberStart + m[2].length + m[3].replace(/\*\*/g, '').trimEnd().length + (m[3].startsWith('**') ? 2 : 0),
        textStart: pos + m[0].length,
      };
    }
    if (line.trim() !== '') lastContentEnd = pos + line.trimEnd().length;
    pos = nl + 1;
  }
  close(lastContentEnd);
  return claims;
}

function buildClaim(
  layout: DocumentLayout,
  number: number,
  start: number,
  numberStart: number,
  numberEnd: number,
  afterNumber: number,
  end: number,
): Claim {
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
  if (shape.dep) {
    claim.dependency = { ...shape.dep.ref, range: lines.range(t + shape.dep.start, t + shape.dep.end) };
    claim.parents = shape.dep.ref.targets.filter((n, i, a) => a.indexOf(n) === i);
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
  dep?: { ref: Omit<ClaimReference, 'range'>; start: number; end: number };
  tr?: { transition: Transition; start: number; end: number };
  preamble: string;
  category: string;
  elements: { label?: string; text: string; start: number; end: number }[];
}

const shapeCache = new Map<string, ClaimShape>();
registerCache(() => shapeCache.clear());

/** Everything read from a claim's text, with offsets relative to it: a pure function of the text
 *  and the claim's number, cached so that claims an edit only moves are not read again. */
function shapeOf(body: string, number: number): ClaimShape {
  const key = `${number}\u0000${body}`;
  const hit = shapeCache.get(key);
  if (hit) return hit;
  const dep = readDependency(body, number);
  const depEnd = dep && !dep.ref.inBody ? dep.end : 0;
  const tr = findTransition(body, depEnd);
  const preamble = collapse(body.slice(0, tr ? tr.start : dep && !dep.ref.inBody ? dep.end : firstClauseEnd(body)));
  const shape: ClaimShape = { dep, tr, preamble, category: categoryOf(preamble), elements: splitElements(body, tr ? tr.end : depEnd) };
  if (shapeCache.size > 5000) shapeCache.clear();
  shapeCache.set(key, shape);
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
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20,
};
const ORD = Object.keys(ORDINALS).join('|');

const OPENING_END = /\b(?:wherein|whereby|where|comprising|comprises|comprise|including|includes|further|characteri[sz]ed|in\s+which|having|consisting|containing|the\s+improvement)\b|[:;]/i;
const ANY_PRECEDING = /\b(?:any\s+(?:one\s+)?(?:of\s+)?(?:the\s+)?(?:preceding|previous|foregoing|above)\s+claims?|any\s+(?:one\s+)?(?:of\s+)?(?:the\s+)?claims?\s+(?:above|before))\b/i;
const THE_PRECEDING = /\b(?:the\s+)?(?:preceding|previous|foregoing)\s+claim\b/i;
const EP_ORDINAL = new RegExp(`\\b(?:the\\s+)?((?:${ORD})(?:\\s*(?:,|\\bor\\b|\\band\\b)\\s*(?:the\\s+)?(?:${ORD}))*)\\s+claims?\\b`, 'i');
const NUMBERED = /\b(?:(any|either|each)\s+(?:one\s+)?(?:of\s+)?)?claims?\s+(\d+(?:\s*(?:,\s*(?:or\s+|and\s+)?|\bor\b|\band\b|\bto\b|\bthrough\b|\bthru\b|-|–|—)\s*(?:claims?\s+)?\d+)*)/i;
const BODY_REF = /\b(?:according\s+to|as\s+(?:claimed|recited|defined|set\s+forth|described)\s+in|(?:method|process|apparatus|device|system|material|compound|composition|product|assembly|kit)\s+of)\s+(?:any\s+(?:one\s+)?of\s+)?claims?\s+\d+/i;

/** Reads a dependency from a claim's opening words (or, for a claim that opens as an independent
 *  claim, from a body phrase such as "the material according to claim 1"). Offsets are into `body`. */
export function readDependency(body: string, self: number): { ref: Omit<ClaimReference, 'range'>; start: number; end: number } | undefined {
  const limit = Math.min(body.length, 300);
  const endMatch = OPENING_END.exec(body.slice(0, limit));
  const window = body.slice(0, endMatch ? endMatch.index : limit);
  const opening = readReference(window, self);
  if (opening) return opening;
  const bm = BODY_REF.exec(body);
  if (bm) {
    const inner = readReference(body.slice(bm.index, bm.index + bm[0].length + 120), self);
    if (inner) return { ref: { ...inner.ref, inBody: true }, start: bm.index + inner.start, end: bm.index + inner.end };
  }
  return undefined;
}

function readReference(window: string, self: number): { ref: Omit<ClaimReference, 'range'>; start: number; end: number } | undefined {
  const any = ANY_PRECEDING.exec(window);
  if (any) {
    const targets: number[] = [];
    for (let i = 1; i < self; i++) targets.push(i);
    return { ref: { targets, cumulative: false, anyPreceding: true, text: any[0] }, start: any.index, end: any.index + any[0].length };
  }
  const num = NUMBERED.exec(window);
  if (num) {
    const list = num[2];
    const targets = expandList(list);
    const hasAnd = /\band\b/i.test(list);
    const hasOr = /\bor\b/i.test(list);
    const hasRange = /\bto\b|\bthrough\b|\bthru\b|[-–—]/i.test(list);
    const alternative = !!num[1] || hasOr;
    const cumulative = targets.length > 1 && !alternative && (hasAnd || hasRange || /,/.test(list));
    const start = num.index;
    return { ref: { targets, cumulative, anyPreceding: false, text: num[0] }, start, end: start + num[0].length };
  }
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

function expandList(list: string): number[] {
  const out: number[] = [];
  const re = /(\d+)(?:\s*(?:\bto\b|\bthrough\b|\bthru\b|-|–|—)\s*(?:claims?\s+)?(\d+))?/gi;
  for (let m = re.exec(list); m; m = re.exec(list)) {
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (b >= a && b - a <= 1000) for (let i = a; i <= b; i++) out.push(i);
    else out.push(a, b);
  }
  return out;
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

const CATEGORY_STOP = /^(?:for|of|according|as|in|to|on|with|comprising|comprises|including|includes|that|which|wherein|having|claimed|recited|defined|set|by|from|configured|adapted|operable|storing|stored|being|used|usable|capable)$/i;

/** The claim's category: the head noun of its preamble ("method", "system", "device"...). */
export function categoryOf(preamble: string): string {
  const words = preamble.replace(/[,;:()]/g, ' ').split(/\s+/).filter(Boolean);
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
