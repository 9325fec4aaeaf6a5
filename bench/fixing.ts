// The fix benchmark's core: each fix the checks offer (the preferred fix of each finding) applied
// alone to a fresh in-memory copy of the document, the copy analysed again, and two questions: did
// the fix remove its finding (no finding of the same code where the finding was, mapped through the
// fix's edits), and did it add any (a finding whose code + claim + text pointed at was not there
// before; the text of a finding from before is read at its place mapped through the edits, so a
// finding the fix only moved or re-spelled is not counted as new).
import { applyToText } from '../src/agent/edits';
import type { Analysis, CheckCode, Finding, Fix } from '../src/core';
import { analyzeText, mapRange, overlapsRange, Rng, type CorpusDoc, type OffsetEdit } from './planted';

export interface FixTrial {
  doc: string;
  code: CheckCode;
  claim?: number;
  /** 1-based line of the finding in the original document. */
  line: number;
  title: string;
  removed: boolean;
  /** Keys (code|claim|text) of the findings the fix added. */
  added: string[];
  /** Why the fix could not be tried (edits in another document, overlapping edits). */
  skipped?: string;
}

/** The fix an agent applies: the preferred one, else the first (as patent_apply_fixes does). */
export function chosenFixOf(f: Finding): Fix | undefined {
  return f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0];
}

function keyAt(text: string, code: string, claim: number | undefined, start: number, end: number): string {
  return `${code}|${claim ?? '-'}|${text.slice(start, end).replace(/\s+/g, ' ').slice(0, 80)}`;
}

/** Applies one finding's fix to a copy of the document and compares the findings before and after. */
export function tryFix(doc: CorpusDoc, before: Analysis, f: Finding): FixTrial {
  const fix = chosenFixOf(f)!;
  const base = { doc: doc.name, code: f.code, claim: f.claim, line: f.range.start.line + 1, title: fix.title, removed: false, added: [] as string[] };
  if (fix.edits.some((e) => e.uri !== doc.uri)) return { ...base, skipped: 'edits another document' };
  const edits: OffsetEdit[] = fix.edits.map((e) => ({ start: e.range.start.offset, end: e.range.end.offset, newText: e.newText })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end) return { ...base, skipped: 'overlapping edits' };
  const text = applyToText(doc.text, fix.edits);
  const after = analyzeText(doc, text);
  const where = mapRange(f.range.start.offset, f.range.end.offset, edits);
  // Another finding of the code that was there before and only overlaps the place (an abstract
  // that is too long around the word fixed in it) is not this finding.
  const others = new Set(
    before.findings
      .filter((b) => b.code === f.code && !(b.range.start.offset === f.range.start.offset && b.range.end.offset === f.range.end.offset && b.message === f.message))
      .map((b) => {
        const r = mapRange(b.range.start.offset, b.range.end.offset, edits);
        return `${r.start}:${r.end}:${b.message}`;
      }),
  );
  const removed = !after.findings.some(
    (g) => g.code === f.code && overlapsRange({ start: g.range.start.offset, end: g.range.end.offset }, where) && !others.has(`${g.range.start.offset}:${g.range.end.offset}:${g.message}`),
  );
  const old = new Map<string, number>();
  for (const b of before.findings) {
    const r = mapRange(b.range.start.offset, b.range.end.offset, edits);
    const k = keyAt(text, b.code, b.claim, r.start, r.end);
    old.set(k, (old.get(k) ?? 0) + 1);
  }
  const added: string[] = [];
  for (const g of after.findings) {
    const k = keyAt(text, g.code, g.claim, g.range.start.offset, g.range.end.offset);
    const n = old.get(k) ?? 0;
    if (n > 0) old.set(k, n - 1);
    else added.push(k);
  }
  return { ...base, removed, added };
}

/** Every fixable finding of the document (at most `maxPerDoc`, a seeded sample beyond that), each fix tried alone. */
export function tryFixes(doc: CorpusDoc, options: { maxPerDoc: number; seed: number; before?: Analysis }): FixTrial[] {
  const before = options.before ?? analyzeText(doc);
  let fixable = before.findings.filter((f) => chosenFixOf(f));
  if (fixable.length > options.maxPerDoc) {
    fixable = new Rng(options.seed, doc.name)
      .shuffle(fixable)
      .slice(0, options.maxPerDoc)
      .sort((a, b) => a.range.start.offset - b.range.start.offset);
  }
  return fixable.map((f) => tryFix(doc, before, f));
}

export interface FixStats {
  code: string;
  tried: number;
  removed: number;
  added: number;
  skipped: number;
}

/** Per code, and a last row "all". */
export function summarizeFixes(trials: FixTrial[]): FixStats[] {
  const by = new Map<string, FixStats>();
  const all: FixStats = { code: 'all', tried: 0, removed: 0, added: 0, skipped: 0 };
  for (const t of trials) {
    const s = by.get(t.code) ?? { code: t.code, tried: 0, removed: 0, added: 0, skipped: 0 };
    by.set(t.code, s);
    for (const x of [s, all]) {
      if (t.skipped) {
        x.skipped++;
        continue;
      }
      x.tried++;
      if (t.removed) x.removed++;
      if (t.added.length) x.added++;
    }
  }
  return [...[...by.values()].sort((a, b) => a.code.localeCompare(b.code)), all];
}

export function describeFailure(t: FixTrial): string {
  const what = [t.removed ? '' : 'finding not removed', t.added.length ? `added ${t.added.map((k) => `«${k}»`).join(', ')}` : ''].filter(Boolean).join('; ');
  return `  fail ${t.doc} ${t.claim !== undefined ? `claim ${t.claim}` : `line ${t.line}`} (${t.code}, "${t.title}"): ${what}`;
}
