// Reference numerals: one numeral, one name; one name, one numeral (37 CFR 1.84(p)(4)).
import type { NumeralHit } from '../disclosure';
import { isOrdinal } from '../terms';
import { replaceFix, where, type Check } from './context';

export const numeralConflict: Check = (ctx, report) => {
  const hits = ctx.disclosure.flatMap((p) => p.numerals);
  if (hits.length === 0) return;
  const byNumeral = new Map<string, NumeralHit[]>();
  for (const h of hits) {
    const k = h.numeral.toLowerCase();
    const l = byNumeral.get(k);
    if (l) l.push(h);
    else byNumeral.set(k, [h]);
  }
  // One numeral, two names: names whose head nouns differ and neither contains the other.
  for (const [numeral, list] of byNumeral) {
    const names = groupBy(list, (h) => h.name);
    if (names.size < 2) continue;
    const ranked = [...names.entries()].sort((a, b) => b[1].length - a[1].length || a[1][0].start - b[1][0].start);
    const [domName, domHits] = ranked[0];
    for (const [name, nh] of ranked.slice(1)) {
      if (!comparable(nh[0]) || !comparable(domHits[0])) continue;
      if (compatible(name, domName) || ranked.some(([other]) => other !== name && other !== domName && compatible(name, other) && names.get(other)!.length > nh.length)) continue;
      const h = nh[0];
      const written = h.nameTokens.map((t) => t.text).join(' ');
      const domWritten = domHits[0].nameTokens.map((t) => t.text).join(' ');
      report('numeral-conflict', {
        message: `Reference numeral ${h.numeral} names "${written}" here but "${domWritten}" elsewhere (${domHits.length}×, first at ${where(ctx, domHits[0].uri, domHits[0].start)}); one numeral should name one part.`,
        uri: h.uri, start: h.nameStart, end: h.end,
        related: [{ uri: domHits[0].uri, range: ctx.layoutOf(domHits[0].uri)!.lines.range(domHits[0].nameStart, domHits[0].end), message: `${domWritten} ${numeral}` }],
        data: { numeral: h.numeral, name: written, dominant: domWritten },
        fixes: [replaceFix(ctx, `Call it "${domWritten}"`, h.uri, h.nameStart, h.nameEnd, domWritten)],
      });
    }
  }
  // One name, two numerals (different base numbers; 12a/12b are siblings and fine).
  const byName = groupBy(
    hits.filter((h) => h.nameTokens.length >= 2 && !GENERIC.has(h.nameTokens[h.nameTokens.length - 1].norm) && !h.nameTokens.some((t) => isOrdinal(t.norm)) && h.nameTokens[h.nameTokens.length - 1].text.toLowerCase() === h.nameTokens[h.nameTokens.length - 1].norm),
    (h) => h.name,
  );
  for (const [name, list] of byName) {
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
      report('numeral-conflict', {
        message: `"${name}" carries numeral ${h.numeral} here but ${domBase} elsewhere (${domHits.length}×, first at ${where(ctx, domHits[0].uri, domHits[0].start)}); one part should keep one numeral.`,
        uri: h.uri, start: h.start, end: h.end,
        related: [{ uri: domHits[0].uri, range: ctx.layoutOf(domHits[0].uri)!.lines.range(domHits[0].start, domHits[0].end), message: `${name} ${domHits[0].numeral}` }],
        data: { name, numeral: h.numeral, dominant: domBase, base },
      });
    }
  }
};

/** Heads that name a kind of thing rather than one part, or a step: "server 310" for "services host 310",
 *  "act 254" / "act 280". Reported drift on them is mostly a false alarm. */
const GENERIC = new Set(
  ('system device apparatus unit component element module server client host computer network environment site platform code part ' +
    'member portion assembly structure means mechanism circuit item object entity node act step block operation stage phase state ' +
    'value process method routine function embodiment example').split(' '),
);

/** A name worth comparing: not an acronym (its expansion can't be checked), not a plural group,
 *  not a generic head. */
function comparable(h: NumeralHit): boolean {
  const last = h.nameTokens[h.nameTokens.length - 1];
  if (h.nameTokens.some((t) => /^[A-Z0-9]{2,6}s?$/.test(t.text))) return false;
  if (last.text.toLowerCase() !== last.norm) return false;
  return !GENERIC.has(last.norm);
}

function compatible(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa[wa.length - 1] === wb[wb.length - 1]) return true;
  const sa = new Set(wa);
  return wb.every((w) => sa.has(w)) || wa.every((w) => wb.includes(w));
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
