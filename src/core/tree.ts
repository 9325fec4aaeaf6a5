// The claim tree and navigation helpers over an analysis.
import type { Analysis } from './analyze';
import { readClaimNumbers } from './claims';
import type { Claim, Term, TermMention } from './types';

export interface ClaimTreeNode {
  claim: number;
  children: ClaimTreeNode[];
}

/** At most this many nodes in one claim tree (a multiple dependent claim appears under each parent, so a
 *  tree can be far larger than the claim set); past it, children are left out. */
export const MAX_TREE_NODES = 50000;

/** Independent claims as roots; each dependent under each of its parents (a multiple dependent
 *  claim appears under every parent). Canceled claims are left out. Built without recursion, at most
 *  64 levels deep and MAX_TREE_NODES nodes. */
export function claimTree(claims: Claim[]): ClaimTreeNode[] {
  const live = claims.filter((c) => !c.canceled);
  const numbers = new Set(live.map((c) => c.number));
  const children = new Map<number, Set<number>>();
  const roots = new Set<number>();
  for (const c of live) {
    let hasParent = false;
    for (const p of c.parents) {
      if (!numbers.has(p) || p >= c.number) continue;
      hasParent = true;
      let l = children.get(p);
      if (!l) children.set(p, (l = new Set()));
      l.add(c.number);
    }
    if (!hasParent) roots.add(c.number);
  }
  let budget = MAX_TREE_NODES;
  const out: ClaimTreeNode[] = [];
  const work: { node: ClaimTreeNode; depth: number }[] = [];
  for (const n of roots) {
    if (budget-- <= 0) break;
    const node: ClaimTreeNode = { claim: n, children: [] };
    out.push(node);
    work.push({ node, depth: 0 });
  }
  while (work.length) {
    const { node, depth } = work.pop()!;
    if (depth > 64) continue;
    for (const k of children.get(node.claim) ?? []) {
      if (budget-- <= 0) break;
      const child: ClaimTreeNode = { claim: k, children: [] };
      node.children.push(child);
      work.push({ node: child, depth: depth + 1 });
    }
  }
  return out;
}

/** Ancestors of claim n, nearest first, without repeats (breadth first, linear in the claims and references). */
export function ancestors(claims: Claim[], n: number): number[] {
  const byNumber = numberIndex(claims);
  const out: number[] = [];
  const seen = new Set<number>([n]);
  const queue = [...(byNumber.get(n)?.parents ?? [])];
  for (let q = 0; q < queue.length; q++) {
    const p = queue[q];
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
    for (const x of byNumber.get(p)?.parents ?? []) if (!seen.has(x)) queue.push(x);
  }
  return out;
}

/** The chain from claim n up to its independent claim, following first parents. */
export function dependencyChain(claims: Claim[], n: number): number[] {
  const byNumber = numberIndex(claims);
  const out = [n];
  const seen = new Set<number>(out);
  let cur = byNumber.get(n);
  while (cur && cur.parents.length && !seen.has(cur.parents[0])) {
    out.push(cur.parents[0]);
    seen.add(cur.parents[0]);
    cur = byNumber.get(cur.parents[0]);
  }
  return out;
}

export function dependents(claims: Claim[], n: number): number[] {
  return claims.filter((c) => c.number !== n && c.parents.includes(n)).map((c) => c.number);
}

/** All claims that depend on n directly or not (breadth first; one pass over the claims to index them). */
export function allDependents(claims: Claim[], n: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const c of claims) {
    for (const p of new Set(c.parents)) {
      if (p === c.number) continue;
      let l = childrenOf.get(p);
      if (!l) childrenOf.set(p, (l = []));
      l.push(c.number);
    }
  }
  const out: number[] = [];
  const seen = new Set<number>([n]);
  const queue = [n];
  for (let q = 0; q < queue.length; q++) {
    for (const d of childrenOf.get(queue[q]) ?? []) {
      if (seen.has(d)) continue;
      seen.add(d);
      out.push(d);
      queue.push(d);
    }
  }
  return out;
}

/** Claims by number, the first claim of a number winning (a duplicated number names the first). Kept for the
 *  last claim list asked about: a host asking for ancestors of each claim in turn indexes the list once. */
let lastIndex: { claims: Claim[]; length: number; byNumber: Map<number, Claim> } | undefined;
function numberIndex(claims: Claim[]): Map<number, Claim> {
  if (lastIndex && lastIndex.claims === claims && lastIndex.length === claims.length) return lastIndex.byNumber;
  const byNumber = new Map<number, Claim>();
  for (const c of claims) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
  lastIndex = { claims, length: claims.length, byNumber };
  return byNumber;
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
