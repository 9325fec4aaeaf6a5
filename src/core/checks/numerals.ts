// Reference numerals: one numeral, one name; one name, one numeral (37 CFR 1.84(p)(4)).
//
// A conflict is one numeral used for two clearly different parts (names whose head nouns differ and
// that are not written as one another's alias or short form), or one part (the same full name)
// carrying two numerals. Numbering conventions are not conflicts: a part renumbered per embodiment
// (21, 121, 221), one numeral given two names at once ("a bolt or pin 40", "radio/antenna 210"), a
// name and its short form ("wheel 14" for "the rear wheel 14"), a part of something ("an upper
// surface 22 of the cylinder head"), and a description without drawings has no reference numerals.
import { partHasWord, type DisclosurePart, type NumeralHit } from '../disclosure';
import { replaceFix, where, type Check, type CheckContext } from './context';
import type { Confidence } from '../types';
import { groupBy } from '../text';

export const numeralConflict: Check = (ctx, report) => {
  if (!hasDrawings(ctx.disclosure)) return;
  const labels = labelNames(ctx.disclosure);
  const hits = ctx.disclosure.flatMap((p) => p.numerals).filter((h) => !labels.has(h.name));
  if (hits.length === 0) return;
  const byNumeral = groupBy(hits, (h) => h.numeral.toLowerCase());
  const byBase = groupBy(hits, (h) => h.base);
  const byName = groupBy(hits, (h) => h.name);
  const reported = new Set<NumeralHit>();
  const ordered = [...hits].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start));

  // One numeral, two names.
  for (const [numeral, list] of byNumeral) {
    const groups = clusters(list);
    if (groups.length < 2) continue;
    const dom = groups[0];
    if (acronym(dom.main)) continue;
    for (const g of groups.slice(1)) {
      const h = g.main;
      if (acronym(h)) continue;
      // The minority name with a numeral of its own elsewhere: a slip of that numeral ("the link lever (2)"
      // for the lever 27, where 2 is the vehicle body).
      const own = h.another === true ? undefined : ownNumeral(byName, g, h.base);
      // One use of a kind ("a cable 40", "cables 41 and 42", and here "the cable 43" where 43 names the sensor
      // three times or more): compared whatever its form.
      const kind = !own && g.hits.length === 1 && dom.hits.length >= 3 && kindElsewhere(byName, h) && !(isGeneric(h) && isGeneric(dom.main));
      // A numeral read off a list ("the longitudinal paths 4 and 28") only on strong evidence.
      if (h.listed && !kind && !(own && own.hits.length >= 3 && dom.hits.length >= 3 && g.hits.length === 1)) continue;
      // Without a numeral of its own, a bare word ("pull on the arm 136" for the handle 136) or a generic head
      // ("the phase clamping unit 204 can be a resistor ring") is mostly a second description of one part.
      // Two generic heads ("computing device 602" / "computer 602") are most often one thing named twice.
      if (!kind && (!(own && own.hits.length >= 2) || (isGeneric(g.main) && isGeneric(dom.main)))) {
        if (!comparable(g.main, !!own) || !comparable(dom.main, !!own)) continue;
        if (!own && g.main.nameTokens.length === 1) continue;
      }
      let confidence: Confidence;
      if ((g.hits.length >= 3 && dom.hits.length >= 3) || (own && own.hits.length >= 2 && dom.hits.length >= 2)) confidence = 'high';
      else if (dom.hits.length >= 2 || g.hits.length >= 2 || own || kind) confidence = 'medium';
      else confidence = 'low';
      if (confidence === 'low' && (g.main.nameTokens.length === 1 || dom.main.nameTokens.length === 1)) continue;
      const written = writtenName(h);
      const domWritten = writtenName(dom.main);
      const also = own ? ` "${written}" is ${own.numeral} elsewhere (${own.hits.length}×, first at ${where(ctx, own.hits[0].uri, own.hits[0].start)}).` : '';
      for (const x of g.hits) reported.add(x);
      report('numeral-conflict', {
        message: `Reference numeral ${h.numeral} names "${written}" here${g.hits.length > 1 ? ` (${g.hits.length}×)` : ''} but "${domWritten}" at ${where(ctx, dom.main.uri, dom.main.start)} (${dom.hits.length}×); one numeral should name one part.${also}`,
        uri: h.uri,
        start: h.nameStart,
        end: h.end,
        confidence,
        related: [related(ctx, dom.main, `${domWritten} ${numeral}`), ...(own ? [related(ctx, own.hits[0], `${writtenName(own.hits[0])} ${own.numeral}`)] : [])],
        data: { numeral: h.numeral, name: written, dominant: domWritten },
        // A fix only for one use: the part's own numeral, or the numeral's name (several uses are a decision to make).
        fixes:
          g.hits.length > 1
            ? undefined
            : own
              ? [replaceFix(ctx, `Use numeral ${own.numeral}`, h.uri, h.start, h.end, own.numeral)]
              : [replaceFix(ctx, `Call it "${domWritten}"`, h.uri, h.nameStart, h.nameEnd, domWritten)],
      });
    }
  }

  // One name, two numerals (different base numbers; 12a/12b are siblings and fine).
  const named = groupBy(hits.filter(fullName), (h) => h.name);
  // Uses as the whole of an "of" phrase ("the operation of the vector unit 460 of FIG. 4"): the name with its
  // numeral, though not a place to compare.
  const ofUses = groupBy(
    hits.filter((h) => h.nameTokens.length >= 2 && h.ofAfter && !h.listed),
    (h) => h.name,
  );
  for (const [name, list] of named) {
    const bases = groupBy(list, (h) => h.base);
    if (bases.size < 2) continue;
    const uses = (b: string) => bases.get(b)!.length + (ofUses.get(name) ?? []).filter((x) => x.base === b).length;
    const ranked = [...bases.entries()].sort((a, b) => uses(b[0]) - uses(a[0]) || b[1].length - a[1].length || a[1][0].start - b[1][0].start);
    const [domBase, domHits] = ranked[0];
    // Only when the name is used with its main numeral more than once: a name used once with each of
    // two numerals is usually two parts of one kind ("a spring 14 ... a spring 16"). Counted with its "of"
    // uses, only a numeral used nowhere else is compared (below).
    const weak = domHits.length < 2;
    if (uses(domBase) < 2) continue;
    // Used twice with one numeral and once each with several others: parts of one kind ("composition boundary 1, 21, 23").
    if (domHits.length < 3 && bases.size > 2) continue;
    for (const [base, nh] of ranked.slice(1)) {
      if (nh.length > 1) continue;
      const h = nh[0];
      if (reported.has(h) || h.another === true) continue;
      // A group ("the connecting points 211") only with a numeral used nowhere else, one slip from the part's.
      const group = plural(h);
      if (group && (h.listed || byBase.get(base)!.length !== 1 || !slipOf(base, domBase))) continue;
      // The same part in another embodiment (20, 120, 220), or a short form of a longer name that has this numeral
      // ("the combustion chamber 30" for "the auxiliary combustion chamber 30").
      if (Number(base) % 100 === Number(domBase) % 100) continue;
      if (shortFormOf(byBase.get(base)!, h)) continue;
      // Evidence that the numeral is a slip: it names another part elsewhere ("the upper linkage arm 114" where
      // 114 is the lower linkage arm), or it is used nowhere else and fits the numerals around it worse than the
      // part's own does, or is one keystroke from it.
      const others = byBase.get(base)!.filter((x) => x !== h && x.numeral === h.numeral && fullName(x) && otherName(x.name, name));
      let confidence: Confidence;
      if (weak && others.length) continue;
      if (others.length >= 2 && domHits.length >= 3) confidence = 'high';
      else if (others.length >= 1) confidence = 'medium';
      else {
        // A numeral used nowhere else: a slip when the numerals around it are those of the name's part
        // ("base plate 103" among 20, 24 and 26, where the base plate is 22), another instance when they are
        // its own ("the nasal cannula 10" among 12 and 14 in the first embodiment, 60 in the second).
        // "... or via a current sensor 156": an article introduces a second part of the kind.
        // Not when the part itself is brought in again with an article ("a sensor node 120", many times over).
        if (byBase.get(base)!.length !== 1 || (h.another === 'a' && !reintroduced(domHits))) continue;
        const fit = neighbourFit(ordered, h, Number(domBase), Number(base));
        // One keystroke from the part's numeral ("spring rod 506" for 504, "vector unit 461" for 460) is a likely
        // slip whatever the numerals around, when the part is named with its numeral close by.
        if (fit !== undefined && fit > 0) confidence = 'medium';
        else if (slipOf(base, domBase) && near(domHits, h)) confidence = 'low';
        else continue;
      }
      const elsewhere = others.length ? ` (${h.numeral} is "${writtenName(others[0])}" at ${where(ctx, others[0].uri, others[0].start)})` : '';
      report('numeral-conflict', {
        message: `"${writtenName(h)}" carries numeral ${h.numeral} here but ${domBase} at ${where(ctx, domHits[0].uri, domHits[0].start)} (${domHits.length}×)${elsewhere}; one part should keep one numeral.`,
        uri: h.uri,
        start: h.start,
        end: h.end,
        confidence,
        related: [related(ctx, domHits[0], `${name} ${domHits[0].numeral}`), ...(others.length ? [related(ctx, others[0], `${writtenName(others[0])} ${others[0].numeral}`)] : [])],
        data: { name, numeral: h.numeral, dominant: domBase, base },
      });
    }
  }
};

const DRAWING_WORDS = new Set(['fig', 'figure', 'drawing']);
/** A description that mentions no figure or drawing has no reference numerals: its numbers are
 *  quantities, compound numbers and labels. */
function hasDrawings(parts: DisclosurePart[]): boolean {
  return parts.some((p) => partHasWord(p, DRAWING_WORDS));
}

/** Names that number a series rather than point at parts: one name with several small numbers, none of
 *  them its main one ("approach 1" / "approach 2", "peak 2" / "peak 3", "histone deacetylase 4, 5 and 7";
 *  not "the casing 1", used often, and once "the casing 9"). */
function labelNames(parts: DisclosurePart[]): Set<string> {
  const numbers = new Map<string, Map<string, number>>();
  const big = new Set<string>();
  for (const p of parts) {
    for (const h of p.numerals) {
      if (h.numeral !== h.base || Number(h.base) > 9) big.add(h.name);
      let s = numbers.get(h.name);
      if (!s) numbers.set(h.name, (s = new Map()));
      s.set(h.base, (s.get(h.base) ?? 0) + 1);
    }
  }
  const out = new Set<string>();
  for (const [name, s] of numbers) {
    if (s.size < 2 || big.has(name)) continue;
    const counts = [...s.values()].sort((a, b) => b - a);
    if (counts[0] < 3 || counts[1] >= 2) out.add(name);
  }
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
  // "A or B 40", "A/B 40": the same head links; "the A of the B 10": only A's own words do ("face" / "cutting face").
  const aliases = names.map(([, hs]) => [...new Map(hs.filter((h) => h.alias).map((h) => [h.alias!, !!h.aliasOf])).entries()]);
  const aliasLinks = (list: [string, boolean][], b: string) => list.some(([x, of]) => (of ? inside(x, b) : sameHead(x, b)));
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a] = names[i];
      const [b] = names[j];
      if (compatible(a, b) || aliasLinks(aliases[i], b) || aliasLinks(aliases[j], a)) parent[find(i)] = find(j);
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
    return { hits: g.flatMap(([, hs]) => hs).sort((x, y) => x.start - y.start), main: g[0][1].find(eligible) ?? g[0][1][0] };
  });
  return out.sort((x, y) => y.hits.length - x.hits.length || x.hits[0].start - y.hits[0].start);
}

/** Another numeral a cluster's main name carries, used at least as often as here. */
function ownNumeral(byName: Map<string, NumeralHit[]>, g: Cluster, base: string): { numeral: string; hits: NumeralHit[] } | undefined {
  if (g.main.ofAfter) return undefined;
  const elsewhere = (byName.get(g.main.name) ?? []).filter((h) => h.base !== base);
  if (elsewhere.length < Math.max(1, g.hits.length)) return undefined;
  // A name that is one part's: one base (and its lettered siblings) holds most of its other uses. A name
  // with numerals of many parts is a kind ("computer 462", "computer 466", "computer 602").
  const bases = [...groupBy(elsewhere, (h) => h.base).entries()].sort((a, b) => b[1].length - a[1].length);
  if (bases.length > 2 || 2 * bases[0][1].length < elsewhere.length) return undefined;
  const by = [...groupBy(bases[0][1], (h) => h.numeral).entries()].sort((a, b) => b[1].length - a[1].length);
  const [numeral, hs] = by[0];
  return hs.length >= Math.max(1, g.hits.length) ? { numeral, hits: hs } : undefined;
}

/** The name is used with at least two other numerals (parts of one kind). */
function kindElsewhere(byName: Map<string, NumeralHit[]>, h: NumeralHit): boolean {
  const bases = new Set((byName.get(h.name) ?? []).map((x) => x.base));
  bases.delete(h.base);
  return bases.size >= 2;
}

/** Heads that name a kind of thing rather than one part, or a step: "server 310" for "services host 310",
 *  "act 254" / "act 280". Reported drift on them is mostly a false alarm. */
const GENERIC = new Set(
  (
    'system device apparatus unit component element module server client host computer network environment site platform code part ' +
    'member portion assembly structure means mechanism circuit item object entity node act step block operation stage phase state ' +
    'value process method routine function embodiment example'
  ).split(' '),
);

/** Words that, alone, describe a part by its shape or place ("the opening 22", "the surface 10",
 *  "distance 652", "the body 101"): a second way to point at a named part, not another part. */
const SHAPE_WORDS = new Set(
  (
    'surface face side end edge opening hole aperture layer source region area zone space distance length height width depth thickness ' +
    'diameter radius angle gap position point line axis center centre section segment piece body interior exterior top bottom front rear ' +
    'base wall material'
  ).split(' '),
);

/** A use that names one part: not an acronym (its expansion can't be checked), not a numeral read off
 *  a list after a plural ("optical elements 10, 201 and 202"). */
function eligible(h: NumeralHit): boolean {
  return !h.listed && !acronym(h);
}

function acronym(h: NumeralHit): boolean {
  return h.nameTokens.some((t) => /^[A-Z0-9]{2,6}s?$/.test(t.text));
}

/** A name worth comparing without other evidence: not a plural group, not a lone shape word ("the
 *  surface 12"), and not a generic head ("the device 10"; with `genericOk`, one with modifiers:
 *  "contact element 3"). */
function comparable(h: NumeralHit, genericOk: boolean): boolean {
  const last = h.nameTokens[h.nameTokens.length - 1];
  if (!eligible(h) || plural(h)) return false;
  if (SHAPE_WORDS.has(last.norm) && h.nameTokens.length === 1) return false;
  return !GENERIC.has(last.norm) || (genericOk && h.nameTokens.length > 1);
}

function isGeneric(h: NumeralHit): boolean {
  return GENERIC.has(h.nameTokens[h.nameTokens.length - 1].norm);
}

/** "the guides 28": a group, whose numerals need not be one part's. */
function plural(h: NumeralHit): boolean {
  const last = h.nameTokens[h.nameTokens.length - 1];
  return last.text.toLowerCase() !== last.norm;
}

/** A full name of one part: two words or more, not read off a list, and not a part of something named
 *  after the numeral ("an upper surface 22 of the cylinder head"). */
function fullName(h: NumeralHit): boolean {
  return h.nameTokens.length >= 2 && !h.ofAfter && !h.listed;
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

/** One name's words all in the other's. */
function inside(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  return wa.every((w) => wb.includes(w)) || wb.every((w) => wa.includes(w));
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

/** How much better the numerals used around a hit (within a few sentences) fit `expected` than the
 *  hit's own numeral: positive when closer to `expected`, undefined with no numeral around. Its own
 *  numeral fits when another part around has a numeral next to it ("the registration table 43 of the
 *  shell 42": numbered with the parts of another figure, not a slip). */
function neighbourFit(hits: NumeralHit[], h: NumeralHit, expected: number, own: number): number | undefined {
  let toExpected = Infinity;
  let toOwn = Infinity;
  // `hits` are in document order per part: find the window by bisection, then scan it.
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid].uri < h.uri || (hits[mid].uri === h.uri && hits[mid].start < h.start - NEIGHBOURHOOD)) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < hits.length && hits[i].uri === h.uri && hits[i].start <= h.start + NEIGHBOURHOOD; i++) {
    const x = hits[i];
    if (x === h) continue;
    const n = Number(x.base);
    toExpected = Math.min(toExpected, Math.abs(n - expected));
    // The part's own numeral around (its short form: "reference node 110") is no other part's numbering.
    if (x.name !== h.name && n !== expected) toOwn = Math.min(toOwn, Math.abs(n - own));
  }
  if (toExpected === Infinity || toOwn <= 2) return undefined;
  return toOwn - toExpected;
}
const NEIGHBOURHOOD = 600;

/** Two numerals one keystroke apart: one digit changed, dropped, added, or two neighbours swapped. */
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

/** A numeral one keystroke from the part's, or counted one off ("1429" for 1430). */
function slipOf(base: string, domBase: string): boolean {
  return oneKeystroke(base, domBase) || Math.abs(Number(base) - Number(domBase)) === 1;
}

/** The part brought in with an article again after its first mention ("a sensor node 120" at several places):
 *  in such a text an article is no sign of a second part. */
function reintroduced(domHits: NumeralHit[]): boolean {
  return domHits.length >= 3 && domHits.slice(1).filter((x) => x.another === 'a').length >= 2;
}

/** The part named with its numeral within a few paragraphs: the same passage, not another embodiment's. */
function near(domHits: NumeralHit[], h: NumeralHit): boolean {
  return domHits.some((x) => x.uri === h.uri && Math.abs(x.start - h.start) <= 4 * NEIGHBOURHOOD);
}

function writtenName(h: NumeralHit): string {
  return h.nameTokens.map((t) => t.text).join(' ');
}

function related(ctx: CheckContext, h: NumeralHit, message: string) {
  return { uri: h.uri, range: ctx.layoutOf(h.uri)!.lines.range(h.nameStart, h.end), message };
}
