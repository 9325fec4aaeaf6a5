// Claim-level checks: numbering, dependency, multiple dependency, canceled parents, form.
import { isClaimNumber, lowerBound, readClaimNumbers, referencesOf, renumberReference } from '../claims';
import { renumberEdits } from '../renumber';
import type { Claim, ClaimSpan } from '../types';
import { replaceFix, type Check, type CheckContext } from './context';

/** 37 CFR 1.126: claims numbered consecutively in Arabic numerals; canceled numbers are not reused.
 *  One renumbering fix, on the first finding: every other finding points to it (a fix per finding
 *  would repeat the edits of every claim in every finding). */
export const claimNumbering: Check = (ctx, report) => {
  const claims = ctx.claims;
  if (claims.length === 0) {
    noClaimsRead(ctx, report);
    return;
  }
  const seen = new Map<number, Claim>();
  let fixLine: number | undefined;
  const fixes = (c: Claim) => {
    if (ctx.settings.mode !== 'drafting') return { fixes: undefined, note: '' };
    if (fixLine !== undefined) return { fixes: undefined, note: ` The fix on the claim-numbering finding at line ${fixLine} renumbers all claims.` };
    fixLine = c.numberRange.start.line + 1;
    const edits = renumberEdits(ctx);
    return { fixes: edits.length ? [{ title: 'Renumber all claims consecutively (updates references)', edits, preferred: true }] : undefined, note: '' };
  };
  let expected = 1;
  for (const c of claims) {
    const first = seen.get(c.number);
    const { start, end } = { start: c.numberRange.start.offset, end: c.numberRange.end.offset };
    if (first) {
      const fx = fixes(c);
      report('claim-numbering', {
        message: `Claim number ${c.number} is used twice; the first claim ${c.number} is at line ${first.numberRange.start.line + 1}.${fx.note}`,
        uri: c.uri,
        start,
        end,
        claim: c.number,
        confidence: 'high',
        related: [{ uri: first.uri, range: first.numberRange, message: `first claim ${c.number}` }],
        fixes: fx.fixes,
      });
    } else if (c.number !== expected) {
      const fx = fixes(c);
      let message: string;
      if (c.number < expected) {
        message = `Claim ${c.number} is out of order: it follows claim ${expected - 1}; claims must be numbered consecutively (37 CFR 1.126).${fx.note}`;
      } else {
        const missing = expected === c.number - 1 ? `claim ${expected} is missing` : `claims ${expected} to ${c.number - 1} are missing`;
        const hint =
          ctx.settings.mode === 'amendment' ? ` In an amendment, a canceled claim keeps its number: list it as "${expected}. (Canceled)".` : ' Claims must be numbered consecutively (37 CFR 1.126).';
        message = `Gap in claim numbering: ${missing} before claim ${c.number}.${hint}${fx.note}`;
      }
      report('claim-numbering', { message, uri: c.uri, start, end, claim: c.number, confidence: 'high', fixes: fx.fixes });
    }
    if (!first) seen.set(c.number, c);
    expected = Math.max(expected, c.number + 1);
  }
};

/** A claims section with text in it but no claim that can be read ("1. A ..." on a line of its own): said as a
 *  finding, so that a check never reports a document whose claims it could not read as clean. */
function noClaimsRead(ctx: CheckContext, report: Parameters<Check>[1]): void {
  const layout = ctx.claimsLayout;
  const section = layout?.claims;
  if (!layout || !section) return;
  const text = layout.md.masked;
  let first = section.start;
  while (first < section.end && /\s/.test(text[first])) first++;
  if (first >= section.end) return;
  let lineEnd = text.indexOf('\n', first);
  if (lineEnd === -1 || lineEnd > section.end) lineEnd = section.end;
  // Numbered text that could not be read as claims is an error (a check must not pass it as clean); prose
  // with no number in it (a note taken as a claims document) is a warning.
  const numbered = /(?:^|[\s\u00A0])\d{1,5}\s{0,3}[.):]|\bclaims?\s{1,3}\d/i.test(text.slice(section.start, Math.min(section.end, section.start + 200000)));
  report('claim-numbering', {
    message: 'No claim could be read in this claims section: each claim starts on a line of its own with its number ("1. A device comprising ..."); nothing in it was checked.',
    uri: layout.uri,
    start: first,
    end: Math.min(lineEnd, first + 200),
    confidence: 'high',
    severity: numbered ? 'error' : 'warning',
  });
}

/** The sorted distinct numbers of the claims. */
function claimNumbers(ctx: CheckContext): number[] {
  return [...ctx.byNumber.keys()].sort((a, b) => a - b);
}

const SHOWN = 6;

/** "claim 7", "claims 7 and 9", "claims 201 to 1000", "claims 3, 5, 7, 9, 11, 13 and 40 more": at most SHOWN items. */
function listClaims(items: string[], total = items.length): string {
  const shown = items.slice(0, SHOWN);
  if (total === 1 && shown.length === 1 && !/ to /.test(shown[0])) return `claim ${shown[0]}`;
  if (total > shown.length) return `claims ${shown.join(', ')} and ${total - shown.length} more`;
  return shown.length === 1 ? `claims ${shown[0]}` : `claims ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The numbers a reference names that are no claim, as runs ("7", "201 to 1000", "10000000000000000"), at most `max`,
 *  with how many there are; the first missing number when it can be a claim number (for a fix). */
function missingOf(spans: readonly ClaimSpan[], existing: readonly number[], max: number): { runs: string[]; count: number; first?: number } {
  const runs: string[] = [];
  let count = 0;
  let first: number | undefined;
  const add = (a: number, b: number) => {
    count++;
    if (first === undefined) first = a;
    if (runs.length < max) runs.push(a === b ? String(a) : `${a} to ${b}`);
  };
  for (const sp of spans) {
    const lo = Math.min(sp.from, sp.to);
    const hi = Math.max(sp.from, sp.to);
    if (!isClaimNumber(lo) || !isClaimNumber(hi) || sp.from > sp.to) {
      // Not a range of claims: each end on its own.
      for (const n of sp.from === sp.to ? [sp.from] : [sp.from, sp.to]) {
        if (!isClaimNumber(n)) {
          count++;
          if (runs.length < max) runs.push(/^\d+$/.test(sp.text) ? sp.text : sp.text.replace(/\s+/g, ' '));
        } else if (existing[lowerBound(existing, n)] !== n) add(n, n);
      }
      continue;
    }
    let next = lo;
    for (let i = lowerBound(existing, lo); i < existing.length && existing[i] <= hi; i++) {
      if (existing[i] > next) add(next, existing[i] - 1);
      next = existing[i] + 1;
    }
    if (next <= hi) add(next, hi);
  }
  return { runs, count, first };
}

/** A dependent claim must refer back to an existing, preceding claim (37 CFR 1.75(c); MPEP 608.01(n)).
 *  One finding per reference and kind (missing, itself, later), however many claims it names. */
export const claimDependency: Check = (ctx, report) => {
  const existing = claimNumbers(ctx);
  const cycles = findCycles(ctx);
  for (const c of ctx.claims) {
    if (!c.dependency || c.canceled) continue;
    for (const dep of referencesOf(c)) {
      const { start, end } = { start: dep.range.start.offset, end: dep.range.end.offset };
      if (dep.missingWord) {
        // "The valve of 3, wherein": one finding, whatever the number names.
        const earlier = dep.targets.every((t) => t < c.number && ctx.byNumber.has(t));
        const word = dep.targets.length > 1 ? 'claims' : 'claim';
        report('claim-dependency', {
          message: `Claim ${c.number} refers to ${dep.targets.length > 1 ? 'claims' : 'claim'} ${dep.text} without the word "${word}"; write "${word} ${dep.text}".`,
          uri: c.uri,
          start,
          end,
          claim: c.number,
          confidence: earlier ? 'high' : 'medium',
          fixes: [replaceFix(ctx, `Insert "${word} "`, c.uri, start, start, `${word} `)],
        });
        continue;
      }
      if (dep.anyPreceding) continue;
      if (dep.targets.includes(c.number)) {
        report('claim-dependency', {
          message: `Claim ${c.number} depends on itself.`,
          uri: c.uri,
          start,
          end,
          claim: c.number,
          confidence: 'high',
          fixes: dependencyFixes(ctx, c, dep.text, c.number, start, end),
        });
      }
      const missing = dep.spans
        ? missingOf(dep.spans, existing, SHOWN)
        : (() => {
            const ns = dep.targets.filter((t) => !ctx.byNumber.has(t));
            return { runs: ns.slice(0, SHOWN).map(String), count: ns.length, first: ns[0] };
          })();
      if (missing.count > 0) {
        const names = listClaims(missing.runs, missing.count);
        const one = names.startsWith('claim ');
        report('claim-dependency', {
          message: `Claim ${c.number} depends on ${names}, which ${one ? 'does' : 'do'} not exist.`,
          uri: c.uri,
          start,
          end,
          claim: c.number,
          confidence: 'high',
          fixes: one && missing.first !== undefined ? dependencyFixes(ctx, c, dep.text, missing.first, start, end) : undefined,
        });
      }
      const later = dep.targets.filter((t) => t > c.number && ctx.byNumber.has(t));
      if (later.length) {
        const target = ctx.byNumber.get(later[0])!;
        report('claim-dependency', {
          message:
            later.length === 1
              ? `Claim ${c.number} depends on a later claim (${later[0]}); a dependent claim must refer to a preceding claim (MPEP 608.01(n)).`
              : `Claim ${c.number} depends on later ${listClaims(later.map(String))}; a dependent claim must refer to a preceding claim (MPEP 608.01(n)).`,
          uri: c.uri,
          start,
          end,
          claim: c.number,
          confidence: 'high',
          related: [{ uri: target.uri, range: target.numberRange, message: `claim ${later[0]}` }],
          fixes: later.length === 1 ? dependencyFixes(ctx, c, dep.text, later[0], start, end) : undefined,
        });
      }
    }
    // Circular: following parents leads back to this claim.
    const cycle = cycles.get(c.number);
    if (cycle) {
      const shown = cycle.length > 12 ? [...cycle.slice(0, 12).map((n) => `claim ${n}`), `… (${cycle.length} claims)`] : [...cycle, cycle[0]].map((n) => `claim ${n}`);
      report('claim-dependency', {
        message: `Circular dependency: ${shown.join(' → ')}.`,
        uri: c.uri,
        start: c.dependency.range.start.offset,
        end: c.dependency.range.end.offset,
        claim: c.number,
        confidence: 'high',
      });
    }
  }
};

/** Each dependency cycle once, keyed by the claim (in document order) it is reported on, with the cycle from that
 *  claim through its parents back to it. Linear in claims and references: strongly connected components found
 *  without recursion (Tarjan's algorithm on an explicit stack), then one breadth-first walk per cycle. */
function findCycles(ctx: CheckContext): Map<number, number[]> {
  const parentsOf = (n: number) => ctx.byNumber.get(n)?.parents ?? [];
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (const root of ctx.byNumber.keys()) {
    if (index.has(root)) continue;
    const work: { n: number; i: number }[] = [{ n: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const ps = parentsOf(top.n);
      if (top.i < ps.length) {
        const p = ps[top.i++];
        if (!ctx.byNumber.has(p)) continue;
        if (!index.has(p)) {
          index.set(p, counter);
          low.set(p, counter++);
          stack.push(p);
          onStack.add(p);
          work.push({ n: p, i: 0 });
        } else if (onStack.has(p)) low.set(top.n, Math.min(low.get(top.n)!, index.get(p)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const up = work[work.length - 1].n;
        low.set(up, Math.min(low.get(up)!, low.get(top.n)!));
      }
      if (low.get(top.n) === index.get(top.n)) {
        const comp: number[] = [];
        let x: number;
        do {
          x = stack.pop()!;
          onStack.delete(x);
          comp.push(x);
        } while (x !== top.n);
        if (comp.length > 1 || parentsOf(top.n).includes(top.n)) components.push(comp);
      }
    }
  }
  const out = new Map<number, number[]>();
  if (components.length === 0) return out;
  const order = new Map<number, number>();
  ctx.claims.forEach((c, i) => {
    if (!order.has(c.number)) order.set(c.number, i);
  });
  for (const comp of components) {
    const members = new Set(comp);
    const from = comp.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
    // Shortest walk from `from` through parents back to it, inside the component.
    const prev = new Map<number, number>();
    const queue = [from];
    let last: number | undefined;
    for (let q = 0; q < queue.length && last === undefined; q++) {
      for (const p of parentsOf(queue[q])) {
        if (!members.has(p)) continue;
        if (p === from) {
          last = queue[q];
          break;
        }
        if (!prev.has(p)) {
          prev.set(p, queue[q]);
          queue.push(p);
        }
      }
    }
    const cycle: number[] = [];
    for (let n = last; n !== undefined && n !== from; n = prev.get(n)) cycle.push(n);
    cycle.push(from);
    out.set(from, cycle.reverse());
  }
  return out;
}

function dependencyFixes(ctx: CheckContext, c: Claim, text: string, bad: number, start: number, end: number) {
  const candidates: Claim[] = [];
  for (const x of ctx.claims) {
    if (candidates.length >= 3 || x.number >= c.number) break;
    if (!x.canceled && !x.dependency && (!c.category || x.category === c.category)) candidates.push(x);
  }
  return candidates.map((x, i) => {
    const newText = renumberReference(text, (n) => (n === bad ? x.number : undefined));
    return replaceFix(ctx, `Make claim ${c.number} depend on claim ${x.number}`, c.uri, start, end, newText, i === 0);
  });
}

/** US: a multiple dependent claim refers in the alternative only, and may not serve as the basis
 *  of another multiple dependent claim (35 USC 112(e); 37 CFR 1.75(c); MPEP 608.01(n)). */
export const multipleDependency: Check = (ctx, report) => {
  if (ctx.settings.jurisdiction === 'ep') return;
  const isMultiple = (c: Claim | undefined) => !!c && (c.parents.length > 1 || !!c.dependency?.anyPreceding);
  // For each claim, a multiple dependent claim among it and its ancestors (0: none), each claim computed
  // once (no walk of the whole ancestry per claim), without recursion.
  const multipleAbove = new Map<number, number>();
  const resolve = (start: number): number => {
    const work = [start];
    const pending = new Set<number>();
    while (work.length) {
      const n = work[work.length - 1];
      if (multipleAbove.has(n)) {
        work.pop();
        continue;
      }
      const p = ctx.byNumber.get(n);
      if (!p) {
        multipleAbove.set(n, 0);
        work.pop();
        continue;
      }
      if (isMultiple(p)) {
        multipleAbove.set(n, n);
        work.pop();
        continue;
      }
      if (!pending.has(n)) {
        pending.add(n);
        for (const q of p.parents) if (!multipleAbove.has(q) && !pending.has(q)) work.push(q);
        continue;
      }
      let found = 0;
      for (const q of p.parents) if (q !== n && (found = multipleAbove.get(q) ?? 0)) break;
      multipleAbove.set(n, found);
      work.pop();
    }
    return multipleAbove.get(start) ?? 0;
  };
  for (const c of ctx.claims) {
    const dep = c.dependency;
    if (!dep || c.canceled) continue;
    const { start, end } = { start: dep.range.start.offset, end: dep.range.end.offset };
    for (const r of referencesOf(c)) {
      if (!r.cumulative) continue;
      const [rs, re] = [r.range.start.offset, r.range.end.offset];
      const alt = r.text.replace(/\s*,?\s*\band\b\s*/i, ' or ');
      report('multiple-dependency', {
        message: `Claim ${c.number} refers to claims ${r.targets.length > 12 ? `${r.targets.slice(0, 12).join(', ')} and ${r.targets.length - 12} more` : r.targets.join(', ')} cumulatively ("${r.text.length > 80 ? r.text.slice(0, 80) + '…' : r.text}"); a multiple dependent claim must refer to them in the alternative only (37 CFR 1.75(c)).`,
        uri: c.uri,
        start: rs,
        end: re,
        claim: c.number,
        confidence: 'high',
        fixes: /\band\b/i.test(r.text) ? [replaceFix(ctx, `Refer in the alternative ("${alt}")`, c.uri, rs, re, alt)] : undefined,
      });
    }
    if (!isMultiple(c)) continue;
    // A multiple dependent claim depending, directly or not, on another multiple dependent claim.
    let n = 0;
    for (const p of c.parents) if (p !== c.number && (n = resolve(p)) && n !== c.number) break;
    if (!n || n === c.number) continue;
    const p = ctx.byNumber.get(n)!;
    report('multiple-dependency', {
      message: `Multiple dependent claim ${c.number} depends on claim ${n}, which is itself a multiple dependent claim (37 CFR 1.75(c)).`,
      uri: c.uri,
      start,
      end,
      claim: c.number,
      confidence: 'high',
      related: [{ uri: p.uri, range: p.dependency?.range ?? p.numberRange, message: `claim ${n} is multiple dependent` }],
    });
  }
};

export const canceledParent: Check = (ctx, report) => {
  for (const c of ctx.claims) {
    if (!c.dependency || c.canceled) continue;
    for (const t of c.parents) {
      const p = ctx.byNumber.get(t);
      if (p?.canceled) {
        report('canceled-parent', {
          message: `Claim ${c.number} depends on claim ${t}, which is canceled; amend it to depend on a pending claim or cancel it.`,
          uri: c.uri,
          start: c.dependency.range.start.offset,
          end: c.dependency.range.end.offset,
          claim: c.number,
          confidence: 'high',
          related: [{ uri: p.uri, range: p.numberRange, message: `claim ${t} (canceled)` }],
        });
      }
    }
  }
};

const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|vs|approx|fig|figs|no|nos|ca|cf|resp|wt|vol|mol|min|max|incl|inc|corp|co|ltd|st|dr|mr|mrs|ms|al|u\.s|ref|eq|sec)|\b[A-Z])$/i;

/** A displayed formula, structure or sequence the text leaves out (an image in the filed claim) stands
 *  here: an empty item label ("(c)"), an image, or a lead that only a display completes ("having the
 *  formula:", "of formula (I):", "wherein the compound is") in a sentence about a chemical entity. */
const DISPLAY_LEAD =
  /(?:\b(?:is|are|be|being|by|of|has|have|having|as\s+follows|following|below|formula|formulae|formulas|structure|structures|sequence|group|moiety|radical|residue)(?:\s*\((?:[IVX]{1,5}|[A-Za-z]?\d{0,2}[a-z]?)\))?)$/i;
const DISPLAY_NOUN =
  /\b(?:compounds?|formula[es]?|structures?|structural|moiet(?:y|ies)|radicals?|residues?|substituents?|molecules?|ligands?|salts?|derivatives?|polymers?|peptides?|polypeptides?|sequences?|rings?|chemical|isomers?|analogs?|analogues?|monomers?|complex(?:es)?)\b/i;
const EMPTY_ITEM = /(?:^|\n)[ \t]*\(?(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)[ \t]*$/i;

function endsInDisplay(text: string): boolean {
  if (/!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)$/.test(text)) return true;
  let t = text;
  for (let i = 0; i < 50 && EMPTY_ITEM.test(t); i++) t = t.replace(EMPTY_ITEM, '').trimEnd();
  if (t.length < text.length) return DISPLAY_NOUN.test(t.slice(Math.max(0, t.length - 400)));
  return (t.endsWith(':') || DISPLAY_LEAD.test(t)) && DISPLAY_NOUN.test(t.slice(Math.max(0, t.length - 160)));
}

/** MPEP 608.01(m): each claim begins with a capital letter and ends with a period, one sentence. */
export const claimForm: Check = (ctx, report) => {
  for (const c of ctx.claims) {
    if (c.canceled || c.status === 'withdrawn') continue;
    const t = c.text;
    const s = c.textRange.start.offset;
    const first = t.search(/\S/);
    if (first < 0) {
      report('claim-form', { message: `Claim ${c.number} has no text.`, uri: c.uri, start: c.numberRange.start.offset, end: c.numberRange.end.offset, claim: c.number, confidence: 'high' });
      continue;
    }
    if (/[a-z]/.test(t[first])) {
      report('claim-form', {
        message: `Claim ${c.number} does not begin with a capital letter.`,
        uri: c.uri,
        start: s + first,
        end: s + first + 1,
        claim: c.number,
        confidence: 'high',
        fixes: [replaceFix(ctx, 'Capitalise the first letter', c.uri, s + first, s + first + 1, t[first].toUpperCase())],
      });
    }
    // trimEnd, not /\s+$/ (which is quadratic over long runs of spaces inside the text).
    const trimmed = t.trimEnd();
    const endAt = s + trimmed.length;
    if (!trimmed.endsWith('.') && !endsInDisplay(trimmed)) {
      report('claim-form', {
        message: `Claim ${c.number} does not end with a period.`,
        uri: c.uri,
        start: endAt - 1,
        end: endAt,
        claim: c.number,
        confidence: 'high',
        fixes: [replaceFix(ctx, 'Add the final period', c.uri, endAt, endAt, '.')],
      });
    } else if (/\.\s*\.$/.test(trimmed)) {
      report('claim-form', { message: `Claim ${c.number} ends with more than one period.`, uri: c.uri, start: endAt - 2, end: endAt, claim: c.number, confidence: 'high' });
    }
    // More than one sentence: ". " followed by a capital, outside parentheses and abbreviations.
    let depth = 0;
    for (let i = 0; i < trimmed.length - 1; i++) {
      const ch = trimmed[i];
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
      else if (ch === '.' && depth === 0 && /\s/.test(trimmed[i + 1])) {
        // The first character after the spaces (read by index: a slice per period was quadratic).
        let j = i + 1;
        while (j < trimmed.length && /\s/.test(trimmed[j])) j++;
        if (!/[A-Z]/.test(trimmed[j] ?? '')) continue;
        if (ABBREVIATION.test(trimmed.slice(Math.max(0, i - 6), i))) continue;
        report('claim-form', {
          message: `Claim ${c.number} has more than one sentence; a claim is a single sentence (MPEP 608.01(m)).`,
          uri: c.uri,
          start: s + i,
          end: s + i + 1,
          claim: c.number,
          confidence: 'medium',
        });
        break;
      }
    }
    // EP: reference signs in claims belong in parentheses (Rule 43(7) EPC).
    if (ctx.settings.jurisdiction === 'ep' && ctx.disclosure.length) {
      // A reference sign follows the name the description gives it ("housing 12"): a bare count or a
      // quantity that happens to equal a numeral ("1, 2 or 3 substituents") is not one.
      const names = new Map<string, Set<string>>();
      for (const p of ctx.disclosure)
        for (const n of p.numerals) {
          const head = n.nameTokens[n.nameTokens.length - 1]?.norm;
          if (head) names.set(n.numeral, (names.get(n.numeral) ?? new Set<string>()).add(head));
        }
      const tokens = ctx.tokensByNumber.get(c.number)?.tokens ?? [];
      const claimNumbers = readClaimNumbers(t).flatMap((r) => r.numbers.map((n) => s + n.start));
      for (let k = 1; k < tokens.length; k++) {
        const tok = tokens[k];
        if (!names.get(tok.text)?.has(tokens[k - 1].norm) || claimNumbers.includes(tok.start)) continue;
        // Part of a chemical name ("piperidin-4-yl"), a range ("amino acids 1 to 1069") or a list of counts ("4, 5 or 6-membered").
        const around = ctx.claimsLayout!.md.masked.slice(Math.max(0, tok.start - 1), tok.end + 12);
        if (/^-|^.[^\s(]*-|^.[^\s(]*\s*(?:to|through|-|–|,|or|and)\s*\d/.test(around)) continue;
        const before = ctx.claimsLayout!.md.masked.slice(Math.max(0, tok.start - 2), tok.start);
        if (before.trim().endsWith('(')) continue;
        report('claim-form', {
          message: `Reference sign ${tok.text} in claim ${c.number} should be placed in parentheses (Rule 43(7) EPC).`,
          uri: c.uri,
          start: tok.start,
          end: tok.end,
          claim: c.number,
          confidence: 'medium',
          fixes: [replaceFix(ctx, `Write (${tok.text})`, c.uri, tok.start, tok.end, `(${tok.text})`)],
        });
      }
    }
  }
};
