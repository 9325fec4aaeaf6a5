// Claim-level checks: numbering, dependency, multiple dependency, canceled parents, form.
import { readClaimNumbers, referencesOf, renumberReference } from '../claims';
import { renumberEdits } from '../renumber';
import type { Claim } from '../types';
import { replaceFix, type Check, type CheckContext } from './context';

/** 37 CFR 1.126: claims numbered consecutively in Arabic numerals; canceled numbers are not reused. */
export const claimNumbering: Check = (ctx, report) => {
  const claims = ctx.claims;
  if (claims.length === 0) return;
  const seen = new Map<number, Claim>();
  const renumber = () => {
    const edits = renumberEdits(ctx);
    return edits.length ? [{ title: 'Renumber all claims consecutively (updates references)', edits, preferred: true }] : undefined;
  };
  let expected = 1;
  for (const c of claims) {
    const first = seen.get(c.number);
    const { start, end } = { start: c.numberRange.start.offset, end: c.numberRange.end.offset };
    if (first) {
      report('claim-numbering', {
        message: `Claim number ${c.number} is used twice; the first claim ${c.number} is at line ${first.numberRange.start.line + 1}.`,
        uri: c.uri, start, end, claim: c.number, confidence: 'high',
        related: [{ uri: first.uri, range: first.numberRange, message: `first claim ${c.number}` }],
        fixes: ctx.settings.mode === 'drafting' ? renumber() : undefined,
      });
    } else if (c.number !== expected) {
      if (c.number < expected) {
        report('claim-numbering', {
          message: `Claim ${c.number} is out of order: it follows claim ${expected - 1}; claims must be numbered consecutively (37 CFR 1.126).`,
          uri: c.uri, start, end, claim: c.number, confidence: 'high', fixes: ctx.settings.mode === 'drafting' ? renumber() : undefined,
        });
      } else {
        const missing = expected === c.number - 1 ? `claim ${expected} is missing` : `claims ${expected} to ${c.number - 1} are missing`;
        const hint = ctx.settings.mode === 'amendment'
          ? ` In an amendment, a canceled claim keeps its number: list it as "${expected}. (Canceled)".`
          : ' Claims must be numbered consecutively (37 CFR 1.126).';
        report('claim-numbering', {
          message: `Gap in claim numbering: ${missing} before claim ${c.number}.${hint}`,
          uri: c.uri, start, end, claim: c.number, confidence: 'high',
          fixes: ctx.settings.mode === 'drafting' ? renumber() : undefined,
        });
      }
    }
    if (!first) seen.set(c.number, c);
    expected = Math.max(expected, c.number + 1);
  }
};

/** A dependent claim must refer back to an existing, preceding claim (37 CFR 1.75(c); MPEP 608.01(n)). */
export const claimDependency: Check = (ctx, report) => {
  const cycleReported = new Set<number>();
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
          uri: c.uri, start, end, claim: c.number, confidence: earlier ? 'high' : 'medium',
          fixes: [replaceFix(ctx, `Insert "${word} "`, c.uri, start, start, `${word} `)],
        });
        continue;
      }
      for (const t of dep.anyPreceding ? [] : dep.targets) {
        const target = ctx.byNumber.get(t);
        if (t === c.number) {
          report('claim-dependency', { message: `Claim ${c.number} depends on itself.`, uri: c.uri, start, end, claim: c.number, confidence: 'high', fixes: dependencyFixes(ctx, c, dep.text, t, start, end) });
        } else if (!target) {
          report('claim-dependency', {
            message: `Claim ${c.number} depends on claim ${t}, which does not exist.`,
            uri: c.uri, start, end, claim: c.number, confidence: 'high', fixes: dependencyFixes(ctx, c, dep.text, t, start, end),
          });
        } else if (t > c.number) {
          report('claim-dependency', {
            message: `Claim ${c.number} depends on a later claim (${t}); a dependent claim must refer to a preceding claim (MPEP 608.01(n)).`,
            uri: c.uri, start, end, claim: c.number, confidence: 'high',
            related: [{ uri: target.uri, range: target.numberRange, message: `claim ${t}` }],
            fixes: dependencyFixes(ctx, c, dep.text, t, start, end),
          });
        }
      }
    }
    // Circular: following parents leads back to this claim.
    if (!cycleReported.has(c.number)) {
      const cycle = findCycle(ctx, c.number);
      if (cycle) {
        cycle.forEach((n) => cycleReported.add(n));
        report('claim-dependency', {
          message: `Circular dependency: ${[...cycle, cycle[0]].map((n) => `claim ${n}`).join(' → ')}.`,
          uri: c.uri, start: c.dependency.range.start.offset, end: c.dependency.range.end.offset, claim: c.number, confidence: 'high',
        });
      }
    }
  }
};

function findCycle(ctx: CheckContext, from: number): number[] | undefined {
  const path: number[] = [];
  const onPath = new Set<number>();
  const done = new Set<number>();
  const visit = (n: number): number[] | undefined => {
    if (onPath.has(n)) return n === from ? [...path] : undefined;
    if (done.has(n)) return undefined;
    const c = ctx.byNumber.get(n);
    if (!c) return undefined;
    path.push(n);
    onPath.add(n);
    for (const p of c.parents) {
      const r = visit(p);
      if (r) return r;
    }
    path.pop();
    onPath.delete(n);
    done.add(n);
    return undefined;
  };
  return visit(from);
}

function dependencyFixes(ctx: CheckContext, c: Claim, text: string, bad: number, start: number, end: number) {
  const candidates = ctx.claims
    .filter((x) => x.number < c.number && !x.canceled && !x.dependency && (!c.category || x.category === c.category))
    .slice(0, 3);
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
  for (const c of ctx.claims) {
    const dep = c.dependency;
    if (!dep || c.canceled) continue;
    const { start, end } = { start: dep.range.start.offset, end: dep.range.end.offset };
    for (const r of referencesOf(c)) {
      if (!r.cumulative) continue;
      const [rs, re] = [r.range.start.offset, r.range.end.offset];
      const alt = r.text.replace(/\s*,?\s*\band\b\s*/i, ' or ');
      report('multiple-dependency', {
        message: `Claim ${c.number} refers to claims ${r.targets.join(', ')} cumulatively ("${r.text}"); a multiple dependent claim must refer to them in the alternative only (37 CFR 1.75(c)).`,
        uri: c.uri, start: rs, end: re, claim: c.number, confidence: 'high',
        fixes: /\band\b/i.test(r.text) ? [replaceFix(ctx, `Refer in the alternative ("${alt}")`, c.uri, rs, re, alt)] : undefined,
      });
    }
    if (!isMultiple(c)) continue;
    // A multiple dependent claim depending, directly or not, on another multiple dependent claim.
    const seen = new Set<number>();
    const stack = [...c.parents];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n) || n === c.number) continue;
      seen.add(n);
      const p = ctx.byNumber.get(n);
      if (!p) continue;
      if (isMultiple(p)) {
        report('multiple-dependency', {
          message: `Multiple dependent claim ${c.number} depends on claim ${n}, which is itself a multiple dependent claim (37 CFR 1.75(c)).`,
          uri: c.uri, start, end, claim: c.number, confidence: 'high',
          related: [{ uri: p.uri, range: p.dependency?.range ?? p.numberRange, message: `claim ${n} is multiple dependent` }],
        });
        break;
      }
      stack.push(...p.parents);
    }
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
          uri: c.uri, start: c.dependency.range.start.offset, end: c.dependency.range.end.offset, claim: c.number, confidence: 'high',
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
const DISPLAY_LEAD = /(?:\b(?:is|are|be|being|by|of|has|have|having|as\s+follows|following|below|formula|formulae|formulas|structure|structures|sequence|group|moiety|radical|residue)(?:\s*\((?:[IVX]{1,5}|[A-Za-z]?\d{0,2}[a-z]?)\))?)$/i;
const DISPLAY_NOUN = /\b(?:compounds?|formula[es]?|structures?|structural|moiet(?:y|ies)|radicals?|residues?|substituents?|molecules?|ligands?|salts?|derivatives?|polymers?|peptides?|polypeptides?|sequences?|rings?|chemical|isomers?|analogs?|analogues?|monomers?|complex(?:es)?)\b/i;
const EMPTY_ITEM = /(?:^|\n)[ \t]*\(?(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)[ \t]*$/i;

function endsInDisplay(text: string): boolean {
  if (/!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)$/.test(text)) return true;
  let t = text;
  for (let i = 0; i < 50 && EMPTY_ITEM.test(t); i++) t = t.replace(EMPTY_ITEM, '').replace(/\s+$/, '');
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
        uri: c.uri, start: s + first, end: s + first + 1, claim: c.number, confidence: 'high',
        fixes: [replaceFix(ctx, 'Capitalise the first letter', c.uri, s + first, s + first + 1, t[first].toUpperCase())],
      });
    }
    const trimmed = t.replace(/\s+$/, '');
    const endAt = s + trimmed.length;
    if (!trimmed.endsWith('.') && !endsInDisplay(trimmed)) {
      report('claim-form', {
        message: `Claim ${c.number} does not end with a period.`,
        uri: c.uri, start: endAt - 1, end: endAt, claim: c.number, confidence: 'high',
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
        const rest = trimmed.slice(i + 1).replace(/^\s+/, '');
        if (!/^[A-Z]/.test(rest)) continue;
        if (ABBREVIATION.test(trimmed.slice(Math.max(0, i - 6), i))) continue;
        report('claim-form', {
          message: `Claim ${c.number} has more than one sentence; a claim is a single sentence (MPEP 608.01(m)).`,
          uri: c.uri, start: s + i, end: s + i + 1, claim: c.number, confidence: 'medium',
        });
        break;
      }
    }
    // EP: reference signs in claims belong in parentheses (Rule 43(7) EPC).
    if (ctx.settings.jurisdiction === 'ep' && ctx.disclosure.length) {
      // A reference sign follows the name the description gives it ("housing 12"): a bare count or a
      // quantity that happens to equal a numeral ("1, 2 or 3 substituents") is not one.
      const names = new Map<string, Set<string>>();
      for (const p of ctx.disclosure) for (const n of p.numerals) {
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
          uri: c.uri, start: tok.start, end: tok.end, claim: c.number, confidence: 'medium',
          fixes: [replaceFix(ctx, `Write (${tok.text})`, c.uri, tok.start, tok.end, `(${tok.text})`)],
        });
      }
    }
  }
};
