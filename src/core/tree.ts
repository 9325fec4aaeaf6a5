// The claim tree and navigation helpers over an analysis.
import type { Analysis } from './analyze';
import { readClaimNumbers } from './claims';
import type { Claim, Term, TermMention } from './types';

export interface ClaimTreeNode {
  claim: number;
  children: ClaimTreeNode[];
}

/** Independent claims as roots; each dependent under each of its parents (a multiple dependent
 *  claim appears under every parent). Canceled claims are left out. */
export function claimTree(claims: Claim[]): ClaimTreeNode[] {
  const live = claims.filter((c) => !c.canceled);
  const numbers = new Set(live.map((c) => c.number));
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  for (const c of live) {
    const parents = c.parents.filter((p) => numbers.has(p) && p < c.number);
    if (parents.length === 0) roots.push(c.number);
    for (const p of parents) {
      const l = children.get(p) ?? [];
      if (!l.includes(c.number)) l.push(c.number);
      children.set(p, l);
    }
  }
  const build = (n: number, depth: number): ClaimTreeNode => ({
    claim: n,
    children: depth > 64 ? [] : (children.get(n) ?? []).map((k) => build(k, depth + 1)),
  });
  return [...new Set(roots)].map((n) => build(n, 0));
}

/** Ancestors of claim n, nearest first, without repeats. */
export function ancestors(claims: Claim[], n: number): number[] {
  const byNumber = new Map(claims.map((c) => [c.number, c]));
  const out: number[] = [];
  const queue = [...(byNumber.get(n)?.parents ?? [])];
  while (queue.length) {
    const p = queue.shift()!;
    if (p === n || out.includes(p)) continue;
    out.push(p);
    queue.push(...(byNumber.get(p)?.parents ?? []));
  }
  return out;
}

/** The chain from claim n up to its independent claim, following first parents. */
export function dependencyChain(claims: Claim[], n: number): number[] {
  const byNumber = new Map(claims.map((c) => [c.number, c]));
  const out = [n];
  let cur = byNumber.get(n);
  while (cur && cur.parents.length && !out.includes(cur.parents[0])) {
    out.push(cur.parents[0]);
    cur = byNumber.get(cur.parents[0]);
  }
  return out;
}

export function dependents(claims: Claim[], n: number): number[] {
  return claims.filter((c) => c.number !== n && c.parents.includes(n)).map((c) => c.number);
}

/** All claims that depend on n directly or not. */
export function allDependents(claims: Claim[], n: number): number[] {
  const out: number[] = [];
  const queue = [n];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const d of dependents(claims, cur)) if (!out.includes(d) && d !== n) {
      out.push(d);
      queue.push(d);
    }
  }
  return out;
}

export function findClaimAt(analysis: Analysis, uri: string, offset: number): Claim | undefined {
  return analysis.claims.find((c) => c.uri === uri && c.range.start.offset <= offset && offset <= c.range.end.offset);
}

export function findTermAt(analysis: Analysis, uri: string, offset: number): { term: Term; mention: TermMention } | undefined {
  for (const term of analysis.terms) {
    for (const mention of term.mentions) {
      if (mention.uri === uri && mention.range.start.offset <= offset && offset <= mention.range.end.offset) return { term, mention };
    }
  }
  return undefined;
}

/** A "claim 3" / "claims 1 to 3" reference at an offset of a claim's text, with the numbers it names. */
export function findClaimReferenceAt(analysis: Analysis, uri: string, offset: number): { numbers: number[]; start: number; end: number } | undefined {
  const claim = findClaimAt(analysis, uri, offset);
  if (!claim) return undefined;
  const base = claim.textRange.start.offset;
  for (const r of readClaimNumbers(claim.text)) {
    const s = base + r.start;
    const e = base + r.end;
    if (offset < s || offset > e) continue;
    return { numbers: r.numbers.map((n) => n.value), start: s, end: e };
  }
  if (claim.numberRange.start.offset <= offset && offset <= claim.numberRange.end.offset) {
    return { numbers: [claim.number], start: claim.numberRange.start.offset, end: claim.numberRange.end.offset };
  }
  return undefined;
}
