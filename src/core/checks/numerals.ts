// Reference numerals: one numeral, one name; one name, one numeral (37 CFR 1.84(p)(4)).
//
// A conflict is one numeral used for two clearly different parts (names whose head nouns differ and
// that are not written as one another's alias or short form), or one part (the same full name)
// carrying two numerals. Numbering conventions are not conflicts: a part renumbered per embodiment
// (21, 121, 221), one numeral given two names at once ("a bolt or pin 40", "radio/antenna 210"), a
// name and its short form ("wheel 14" for "the rear wheel 14"), a part of something ("an upper
// surface 22 of the cylinder head"), and a description without drawings has no reference numerals.
import type { DisclosurePart, NumeralHit } from '../disclosure';
import { isOrdinal } from '../terms';
import { replaceFix, where, type Check, type CheckContext } from './context';
import type { Confidence } from '../types';

export const numeralConflict: Check = (ctx, report) => {
  if (!hasDrawings(ctx.disclosure)) return;
  const labels = labelNames(ctx.disclosure);
  const hits = ctx.disclosure.flatMap((p) => p.numerals).filter((h) => !labels.has(h.name));
  if (hits.length === 0) return;
  const byNumeral = groupBy(hits, (h) => h.numeral.toLowerCase());
  const byBase = groupBy(hits, (h) => h.base);
  const byName = groupBy(hits, (h) => h.name);
  const reported = new Set<NumeralHit>();

  // One numeral, two names.
  for (const [numeral, list] of byNumeral) {
    const groups = clusters(list);
    if (groups.length < 2) continue;
    const dom = groups[0];
    if (!comparable(dom.main)) continue;
    for (const g of groups.slice(1)) {
      if (!comparable(g.main)) continue;
      const h = g.main;
      // The minority name with a numeral of its own elsewhere: a slip of that numeral ("the link lever (2)"
      // for the lever 27, where 2 is the vehicle body).
      const own = ownNumeral(byName, g, h.base);
      let confidence: Confidence;
      if ((g.hits.length >= 3 && dom.hits.length >= 3) || (own && own.hits.length >= 2 && dom.hits.length >= 2)) confidence = 'high';
      else if (dom.hits.length >= 2 || g.hits.length >= 2 || own) confidence = 'medium';
      else confidence = 'low';
      // A bare word for a part named in full elsewhere ("pull on the arm 136" for the handle 136): one part
      // described two ways, unless the word carries its own numeral elsewhere.
      if (!own && g.main.nameTokens.length === 1) continue;
      if (confidence === 'low' && (g.main.nameTokens.length === 1 || dom.main.nameTokens.length === 1)) continue;
      const written = writtenName(h);
      const domWritten = writtenName(dom.main);
      const also = own ? ` "${written}" is ${own.numeral} elsewhere (${own.hits.length}×, first at ${where(ctx, own.hits[0].uri, own.hits[0].start)}).` : '';
      for (const x of g.hits) reported.add(x);
      report('numeral-conflict', {
        message: `Reference numeral ${h.numeral} names "${written}" here${g.hits.length > 1 ? ` (${g.hits.length}×)` : ''} but "${domWritten}" at ${where(ctx, dom.main.uri, dom.main.start)} (${dom.hits.length}×); one numeral should name one part.${also}`,
        uri: h.uri, start: h.nameStart, end: h.end,
        confidence,
        related: [related(ctx, dom.main, `${domWritten} ${numeral}`), ...(own ? [related(ctx, own.hits[0], `${writtenName(own.hits[0])} ${own.numeral}`)] : [])],
        data: { numeral: h.numeral, name: written, dominant: domWritten },
        fixes: own ? [replaceFix(ctx, `Use numeral ${own.numeral}`, h.uri, h.start, h.end, own.numeral)] : [replaceFix(ctx, `Call it "${domWritten}"`, h.uri, h.nameStart, h.nameEnd, domWritten)],
      });
    }
  }

  // One name, two numerals (different base numbers; 12a/12b are siblings and fine).
  const named = groupBy(hits.filter(fullName), (h) => h.name);
  for (const [name, list] of named) {
    const bases = groupBy(list, (h) => h.base);
    if (bases.size < 2) continue;
    const ranked = [...bases.entries()].sort((a, b) => b[1].length - a[1].length || a[1][0].start - b[1][0].start);
    const [domBase, domHits] = ranked[0];
    // Only when the name is used with its main numeral several times: a name used once with each of
    // two numerals is usually two parts of one kind ("a spring 14 ... a spring 16").
    if (domHits.length < 3) continue;
    for (const [base, nh] of ranked.slice(1)) {
      if (nh.length > 1) continue;
      const h = nh[0];
      if (reported.has(h)) continue;
      // The same part in another embodiment (20, 120, 220), or a short form of a longer name that has this numeral
      // ("the combustion chamber 30" for "the auxiliary combustion chamber 30").
      if (Number(base) % 100 === Number(domBase) % 100) continue;
      if (shortFormOf(byBase.get(base)!, h)) continue;
      // Evidence that the numeral is a slip: it names another part elsewhere, or it is used nowhere else and
      // is one keystroke from the name's numeral ("spring rod 506" for 504).
      const others = byBase.get(base)!.filter((x) => x !== h && fullName(x) && otherName(x.name, name));
      let confidence: Confidence;
      if (others.length >= 2) confidence = 'high';
      else if (others.length === 1) confidence = 'medium';
      // A second instance of the part numbered apart ("file information 482" / "484" for files 472 / 474) looks the same.
      else if (byBase.get(base)!.length === 1 && oneKeystroke(base, domBase) && near(domHits, h)) confidence = 'low';
      else continue;
      const elsewhere = others.length ? ` (${h.numeral} is "${writtenName(others[0])}" at ${where(ctx, others[0].uri, others[0].start)})` : '';
      report('numeral-conflict', {
        message: `"${writtenName(h)}" carries numeral ${h.numeral} here but ${domBase} at ${where(ctx, domHits[0].uri, domHits[0].start)} (${domHits.length}×)${elsewhere}; one part should keep one numeral.`,
        uri: h.uri, start: h.start, end: h.end,
        confidence,
        related: [related(ctx, domHits[0], `${name} ${domHits[0].numeral}`), ...(others.length ? [related(ctx, others[0], `${writtenName(others[0])} ${others[0].numeral}`)] : [])],
        data: { name, numeral: h.numeral, dominant: domBase, base },
      });
    }
  }
};

/** A description that mentions no figure or drawing has no reference numerals: its numbers are
 *  quantities, compound numbers and labels. */
function hasDrawings(parts: DisclosurePart[]): boolean {
  for (const p of parts) for (const t of p.tokens) if (t.norm === 'fig' || t.norm === 'figure' || t.norm === 'drawing') return true;
  return false;
}

/** Names that number a series rather than point at parts: one name with several small numbers
 *  ("approach 1" / "approach 2", "peak 2" / "peak 3", "histone deacetylase 4, 5 and 7"). */
function labelNames(parts: DisclosurePart[]): Set<string> {
  const numbers = new Map<string, Set<string>>();
  const big = new Set<string>();
  for (const p of parts) {
    for (const h of p.numerals) {
      if (h.numeral !== h.base || Number(h.base) > 9) big.add(h.name);
      let s = numbers.get(h.name);
      if (!s) numbers.set(h.name, (s = new Set()));
      s.add(h.base);
    }
  }
  const out = new Set<string>();
  for (const [name, s] of numbers) if (s.size >= 2 && !big.has(name)) out.add(name);
  return out;
}

interface Cluster {
  hits: NumeralHit[];
  /** The name used most often in the cluster, as its first hit. */
  main: NumeralHit;
}

/** The names one numeral carries, grouped where one is an alias, a short form or a variant of another;
 *  the largest group first. */
function clusters(list: NumeralHit[]): Cluster[] {
  const names = [...groupBy(list, (h) => h.name).entries()].slice(0, 64);
  const parent = names.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const aliases = names.map(([, hs]) => [...new Set(hs.map((h) => h.alias).filter((a): a is string => !!a))]);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a] = names[i];
      const [b] = names[j];
      if (compatible(a, b) || aliases[i].some((x) => sameHead(x, b)) || aliases[j].some((x) => sameHead(x, a))) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, [string, NumeralHit[]][]>();
  names.forEach((n, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(n);
    else groups.set(r, [n]);
  });
  const out: Cluster[] = [...groups.values()].map((g) => {
    g.sort((x, y) => y[1].length - x[1].length || x[1][0].start - y[1][0].start);
    return { hits: g.flatMap(([, hs]) => hs).sort((x, y) => x.start - y.start), main: g[0][1][0] };
  });
  return out.sort((x, y) => y.hits.length - x.hits.length || x.hits[0].start - y.hits[0].start);
}

/** Another numeral a cluster's main name carries, used at least as often as here. */
function ownNumeral(byName: Map<string, NumeralHit[]>, g: Cluster, base: string): { numeral: string; hits: NumeralHit[] } | undefined {
  const last = g.main.nameTokens[g.main.nameTokens.length - 1];
  if (g.main.ofAfter || last.text.toLowerCase() !== last.norm || g.main.nameTokens.some((t) => isOrdinal(t.norm))) return undefined;
  const elsewhere = (byName.get(g.main.name) ?? []).filter((h) => h.base !== base);
  if (elsewhere.length < Math.max(1, g.hits.length)) return undefined;
  const by = [...groupBy(elsewhere, (h) => h.numeral).entries()].sort((a, b) => b[1].length - a[1].length);
  const [numeral, hs] = by[0];
  return hs.length >= Math.max(1, g.hits.length) ? { numeral, hits: hs } : undefined;
}

/** Heads that name a kind of thing rather than one part, or a step: "server 310" for "services host 310",
 *  "act 254" / "act 280". Reported drift on them is mostly a false alarm. */
const GENERIC = new Set(
  ('system device apparatus unit component element module server client host computer network environment site platform code part ' +
    'member portion assembly structure means mechanism circuit item object entity node act step block operation stage phase state ' +
    'value process method routine function embodiment example').split(' '),
);

/** Words that, alone, describe a part by its shape or place ("the opening 22", "the surface 10",
 *  "distance 652", "the body 101"): a second way to point at a named part, not another part. */
const SHAPE_WORDS = new Set(
  ('surface face side end edge opening hole aperture layer source region area zone space distance length height width depth thickness ' +
    'diameter radius angle gap position point line axis center centre section segment piece body interior exterior top bottom front rear ' +
    'base wall material').split(' '),
);

/** A name worth comparing: not an acronym (its expansion can't be checked), not a plural group,
 *  not a generic head, not a lone shape word. */
function comparable(h: NumeralHit): boolean {
  const last = h.nameTokens[h.nameTokens.length - 1];
  if (h.nameTokens.some((t) => /^[A-Z0-9]{2,6}s?$/.test(t.text))) return false;
  if (last.text.toLowerCase() !== last.norm) return false;
  if (h.nameTokens.length === 1 && SHAPE_WORDS.has(last.norm)) return false;
  return !GENERIC.has(last.norm);
}

/** A full name of one part: two words or more, a specific head, no ordinal, and not a part of
 *  something named after the numeral. */
function fullName(h: NumeralHit): boolean {
  const last = h.nameTokens[h.nameTokens.length - 1];
  return h.nameTokens.length >= 2 && !h.ofAfter && !GENERIC.has(last.norm) && !SHAPE_WORDS.has(last.norm) && !h.nameTokens.some((t) => isOrdinal(t.norm)) && last.text.toLowerCase() === last.norm;
}

/** Two names of one part: the same head, one name's words inside the other's, the same words joined
 *  ("sub assembly" / "subassembly"), the head of one a word of the other ("cathode metal" / "metal
 *  electrode"), or a noun and its gerund ("wire" / "wiring"). */
function compatible(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = a.split(' ');
  const wb = b.split(' ');
  const ha = wa[wa.length - 1];
  const hb = wb[wb.length - 1];
  if (ha === hb || wb.includes(ha) || wa.includes(hb)) return true;
  if (wa.join('') === wb.join('')) return true;
  if (ha.replace(/e$/, '') + 'ing' === hb || hb.replace(/e$/, '') + 'ing' === ha) return true;
  const sa = new Set(wa);
  return wb.every((w) => sa.has(w)) || wa.every((w) => wb.includes(w));
}

function sameHead(a: string, b: string): boolean {
  return a.slice(a.lastIndexOf(' ') + 1) === b.slice(b.lastIndexOf(' ') + 1);
}

/** Two different full names, neither a short form of the other ("lower linkage arm" / "upper linkage arm";
 *  not "speech browser" / "speech rendering browser"). */
function otherName(a: string, b: string): boolean {
  if (a === b || a.replace(/ /g, '') === b.replace(/ /g, '')) return false;
  const wa = a.split(' ');
  const wb = b.split(' ');
  return !wa.every((w) => wb.includes(w)) && !wb.every((w) => wa.includes(w));
}

/** The hit's name is the tail of a longer name the same numeral carries. */
function shortFormOf(withNumeral: NumeralHit[], h: NumeralHit): boolean {
  return withNumeral.some((x) => x !== h && x.name.length > h.name.length && x.name.endsWith(' ' + h.name));
}

/** Two numerals one keystroke apart: one digit changed, dropped, added, or two swapped. */
function oneKeystroke(a: string, b: string): boolean {
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]);
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  if (l.length !== s.length + 1) return false;
  for (let i = 0; i < l.length; i++) if (l.slice(0, i) + l.slice(i + 1) === s) return true;
  return false;
}

/** A hit among the other uses of the name (within a few paragraphs of one): the same passage, not another embodiment. */
function near(domHits: NumeralHit[], h: NumeralHit): boolean {
  return domHits.some((x) => x.uri === h.uri && Math.abs(x.start - h.start) < 2000);
}

function writtenName(h: NumeralHit): string {
  return h.nameTokens.map((t) => t.text).join(' ');
}

function related(ctx: CheckContext, h: NumeralHit, message: string) {
  return { uri: h.uri, range: ctx.layoutOf(h.uri)!.lines.range(h.nameStart, h.end), message };
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}
