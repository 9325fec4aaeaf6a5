// Output cleaning: what a model returns is cut at the next claim, stripped of an echoed prompt,
// renumbered from the matter's next claim number with the dependency the task asked for, and
// the generated claims are run through the core's checks (a temporary matter with them appended
// to the claims document), so the user sees antecedent or drift findings in the suggestion.
import { analyzeMatter, formatClaimReference, rewriteClaimReference, type Analysis, type Finding, type Matter } from '../core';
import type { DraftFinding, DraftTaskKind } from './backend';

export interface CleanInfo {
  kind: DraftTaskKind;
  /** The prompt sent (an echo of it is stripped). */
  prompt: string;
  /** Number generated claims from here. */
  nextNumber: number;
  /** The claim the task is about (the parent of dependent claims). */
  claim?: number;
  category?: string;
  /** The partial claim being continued (an echo of it is stripped). */
  partial?: string;
  /** Dependent claims wanted at most. */
  count?: number;
}

export interface Cleaned {
  text: string;
  /** The output reached its end (next claim, blank line after an abstract, enough claims):
   * the generation can be stopped. */
  stopped: boolean;
  /** The output may still be an echo of the prompt: nothing to show yet. */
  pending?: boolean;
}

/** A claim header anywhere ("Claim 3." / "Claim 3:") or a numbered line ("3." / "3)"). */
const HEADER = /(?:^|\n)[ \t]*(?:\*\*)?(?:claim\s+)?(\d{1,3})\s*[.):](?:\*\*)?[ \t]+|Claim (\d{1,3})[.:][ \t]+/gi;

function headers(s: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(s); m; m = HEADER.exec(s)) {
    // "Claim 3." mid-line counts only with a capital C (a claim body says "of claim 3.").
    if (m[2] !== undefined && !m[0].startsWith('Claim')) continue;
    out.push({ start: m.index + (m[0].startsWith('\n') ? 1 : 0), end: m.index + m[0].length });
  }
  return out;
}

function stripEcho(raw: string, info: CleanInfo): { text: string; pending: boolean } {
  let s = raw.replace(/\r\n?/g, '\n');
  const prompt = info.prompt.replace(/\r\n?/g, '\n');
  if (prompt) {
    if (s.length < prompt.length && prompt.startsWith(s)) return { text: '', pending: true };
    if (s.startsWith(prompt)) s = s.slice(prompt.length);
  }
  if (info.kind === 'continue' && info.partial) {
    const partial = info.partial.replace(/\s+/g, ' ').trim();
    const lead = s.replace(/\s+/g, ' ').trimStart();
    if (lead.length < partial.length && partial.startsWith(lead) && lead.length > 0) return { text: '', pending: true };
    if (partial && lead.startsWith(partial)) {
      // Skip as many characters of s as make up the partial (whitespace-insensitively).
      let i = 0;
      let k = 0;
      while (i < s.length && /\s/.test(s[i])) i++;
      while (i < s.length && k < partial.length) {
        if (/\s/.test(s[i])) {
          while (i < s.length && /\s/.test(s[i])) i++;
          if (partial[k] === ' ') k++;
        } else {
          i++;
          k++;
        }
      }
      s = s.slice(i);
    }
  }
  return { text: s, pending: false };
}

const LABELS = ['abstract:', 'dependent claims:', 'claims:', 'continuation:'];

/** Cleans the model's raw output so far. `final` is false while more may come. */
export function cleanOutput(raw: string, info: CleanInfo, final = true): Cleaned {
  const echo = stripEcho(raw, info);
  if (echo.pending) return final ? { text: '', stopped: false } : { text: '', stopped: false, pending: true };
  let s = echo.text;
  // A label the prompt ended with ("Abstract:", "Dependent claims:") echoed back.
  s = s.replace(/^\s*(?:#+\s*)?(?:abstract|dependent claims?|claims?|continuation)\s*:?[ \t]*(?:\n|$)/i, '');
  // While the text may still turn out to be such a label, show nothing.
  const soFar = s.trim().replace(/^#+\s*/, '').toLowerCase();
  if (!final && LABELS.some((l) => l.startsWith(soFar))) return { text: '', stopped: false, pending: true };
  let stopped = false;
  let out: string;
  if (info.kind === 'abstract') {
    s = s.replace(/^\s*#+\s*abstract\s*\n/i, '').replace(/^\s+/, '');
    // A claim header at the very start is the model restating the claim: drop the header.
    const lead = headers(s)[0];
    if (lead && lead.start === 0) s = s.slice(lead.end);
    const stops = [/\n[ \t]*\n/, /\n[ \t]*#/, /(?:^|\n)[ \t]*\d{1,3}\s*[.)][ \t]/, /Claim \d{1,3}[.:]\s/];
    let cut = s.length;
    for (const re of stops) {
      const m = re.exec(s);
      if (m && m.index < cut && (m.index > 0 || !re.source.startsWith('\\n'))) cut = m.index;
    }
    if (cut < s.length) stopped = true;
    out = s.slice(0, cut).replace(/\s+/g, ' ');
  } else if (info.kind === 'continue') {
    // A header at the very start is the model restating the claim's number: drop it.
    const first = headers(s)[0];
    if (first && s.slice(0, first.start).trim() === '') s = s.slice(first.end);
    const next = headers(s).find((h) => s.slice(0, h.start).trim() !== '');
    if (next) {
      s = s.slice(0, next.start);
      stopped = true;
    }
    const heading = /\n[ \t]*#/.exec(s);
    if (heading) {
      s = s.slice(0, heading.index);
      stopped = true;
    }
    out = s.replace(/\s+$/, '');
  } else {
    // claim / dependent: split into claims at headers, renumber, fix dependencies.
    s = s.replace(/^\s+/, '');
    const hs = headers(s);
    const bodies: string[] = [];
    if (hs.length === 0 || hs[0].start > 0) {
      const lead = s.slice(0, hs.length ? hs[0].start : s.length);
      if (lead.trim()) bodies.push(lead);
    }
    hs.forEach((h, i) => bodies.push(s.slice(h.end, i + 1 < hs.length ? hs[i + 1].start : s.length)));
    const max = info.kind === 'claim' ? 1 : Math.max(1, info.count ?? 5);
    if (bodies.length > max) {
      bodies.length = max;
      stopped = true;
    }
    const heading = bodies.length ? /\n[ \t]*#/.exec(bodies[bodies.length - 1]) : null;
    if (heading) {
      bodies[bodies.length - 1] = bodies[bodies.length - 1].slice(0, heading.index);
      stopped = true;
    }
    out = bodies
      .map((b, i) => {
        let body = b.replace(/\s+$/, '');
        if (info.kind === 'dependent' && info.claim !== undefined) {
          // The dependency in the opening words is the claim the task named.
          const claim = info.claim;
          body = rewriteClaimReference(body, (r) => r.start <= 80 && !/[,;:]/.test(body.slice(0, r.start)), () => formatClaimReference([claim]));
        }
        return `${info.nextNumber + i}. ${body}`;
      })
      .join('\n\n');
  }
  return { text: out, stopped };
}

/** Turns raw streamed text into cleaned deltas: only text that later output cannot change is
 * released (whole words, never a possible claim header), so the consumer appends and never edits. */
export class StreamCleaner {
  private raw = '';
  private emitted = '';
  stopped = false;

  constructor(private readonly info: CleanInfo) {}

  get text(): string {
    return this.emitted;
  }

  /** Adds raw text; returns the cleaned text to append (maybe empty). */
  push(delta: string): string {
    if (this.stopped) return '';
    this.raw += delta;
    // Up to the last whitespace, minus a tail that may be the start of a claim header.
    const ws = Math.max(this.raw.lastIndexOf(' '), this.raw.lastIndexOf('\n'), this.raw.lastIndexOf('\t'));
    let stable = ws >= 0 ? this.raw.slice(0, ws) : '';
    const tail = /(?:Claim(?:\s+\d*[.:]?)?|(?:^|\n)[ \t]*(?:\*\*)?(?:claim\s*)?\d*[.):]?|\n[ \t]*)$/i.exec(stable);
    if (tail) stable = stable.slice(0, tail.index);
    const c = cleanOutput(stable, this.info, false);
    if (c.stopped) {
      // Whatever stopped it will stop the full text the same way.
      const full = cleanOutput(this.raw, this.info, true);
      this.stopped = true;
      return this.release(full.text);
    }
    if (c.pending) return '';
    return this.release(c.text.replace(/\s+$/, ''));
  }

  /** The rest, once the model is done. */
  finish(): string {
    if (this.stopped) return '';
    this.stopped = true;
    return this.release(cleanOutput(this.raw, this.info, true).text);
  }

  private release(text: string): string {
    if (!text.startsWith(this.emitted)) return '';
    const d = text.slice(this.emitted.length);
    this.emitted = text;
    return d;
  }
}

/** A generated claim at `start..end` of an output text. */
export interface GeneratedClaim {
  number: number;
  /** The claim's text with its number ("9. The system of claim 1, wherein ..."). */
  text: string;
  /** Where it stands in the output. */
  start: number;
}

/** The numbered claims of a cleaned output. */
export function claimsInOutput(output: string): GeneratedClaim[] {
  const out: GeneratedClaim[] = [];
  const re = /(?:^|\n)(\d{1,3})\. /g;
  const starts: { n: number; at: number }[] = [];
  for (let m = re.exec(output); m; m = re.exec(output)) starts.push({ n: Number(m[1]), at: m.index + (m[0].startsWith('\n') ? 1 : 0) });
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : output.length;
    out.push({ number: s.n, text: output.slice(s.at, end).replace(/\s+$/, ''), start: s.at });
  });
  return out;
}

/** Runs the core's checks on generated claims appended to the matter's claims document;
 *  returns, per claim, the findings that land in it (offsets relative to `claim.start`'s text). */
export function checkGeneratedClaims(analysis: Analysis, claims: GeneratedClaim[], signal?: AbortSignal): Map<number, DraftFinding[]> {
  const result = new Map<number, DraftFinding[]>();
  for (const c of claims) result.set(c.number, []);
  const uri = analysis.claimsUri;
  const layout = uri ? analysis.context.layoutOf(uri) : undefined;
  if (!uri || !layout || !layout.claims || claims.length === 0) return result;
  const doc = analysis.matter.documents.find((d) => d.uri === uri);
  if (!doc) return result;
  let at = layout.claims.end;
  while (at > layout.claims.start && /\s/.test(doc.text[at - 1])) at--;
  const offsets: { claim: GeneratedClaim; start: number; end: number }[] = [];
  let inserted = '';
  for (const c of claims) {
    inserted += '\n\n';
    const start = at + inserted.length;
    inserted += c.text;
    offsets.push({ claim: c, start, end: start + c.text.length });
  }
  inserted += '\n';
  const text = doc.text.slice(0, at) + inserted + doc.text.slice(at);
  const matter: Matter = { ...analysis.matter, documents: analysis.matter.documents.map((d) => (d.uri === uri ? { ...d, text } : d)) };
  const after = analyzeMatter(matter, { signal });
  for (const f of after.findings) {
    if (f.uri !== uri) continue;
    const o = offsets.find((x) => f.range.start.offset >= x.start && f.range.start.offset < x.end);
    if (!o) continue;
    result.get(o.claim.number)!.push(toDraftFinding(f, o.start, o.claim));
  }
  return result;
}

function toDraftFinding(f: Finding, base: number, claim: GeneratedClaim): DraftFinding {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    claim: claim.number,
    start: claim.start + f.range.start.offset - base,
    end: claim.start + Math.min(f.range.end.offset - base, claim.text.length),
  };
}

/** Checks every claim of a cleaned output; findings with offsets into the output. */
export function checkOutput(analysis: Analysis, output: string, signal?: AbortSignal): DraftFinding[] {
  const claims = claimsInOutput(output);
  const byClaim = checkGeneratedClaims(analysis, claims, signal);
  return claims.flatMap((c) => byClaim.get(c.number) ?? []);
}

const CONTINUE_CODES = new Set(['antecedent-basis', 'term-variant', 'term-unsupported', 'glossary', 'relative-term', 'means-plus-function', 'patent-profanity']);

/** Checks a continuation: the claim as continued ("partial + continuation") goes through the core's
 *  checks; findings that land in the continuation, with offsets into it. */
export function checkContinuation(analysis: Analysis, claimNumber: number, partial: string, continuation: string, nextNumber: number, signal?: AbortSignal): DraftFinding[] {
  if (!continuation.trim()) return [];
  const body = partial + continuation;
  const prefix = `${nextNumber}. `;
  const text = prefix + body.replace(/[\s,;:]+$/, '') + (/[.]\s*$/.test(body) ? '' : '.');
  const found = checkGeneratedClaims(analysis, [{ number: nextNumber, text, start: 0 }], signal).get(nextNumber) ?? [];
  const from = prefix.length + partial.length;
  return found
    .filter((f) => CONTINUE_CODES.has(f.code) && f.start >= from && f.start < from + continuation.length)
    .map((f) => ({ ...f, claim: claimNumber, start: f.start - from, end: Math.min(f.end - from, continuation.length) }));
}

/** Runs the core's abstract check on a generated abstract (as the matter's abstract document);
 *  findings with offsets into `text`. */
export function checkAbstract(analysis: Analysis, text: string, signal?: AbortSignal): DraftFinding[] {
  const head = '# Abstract\n\n';
  const uri = `${analysis.matter.root.replace(/\/$/, '')}/.patent-draft-generated-abstract.md`;
  const matter: Matter = { ...analysis.matter, documents: [{ uri, role: 'abstract', text: head + text + '\n' }] };
  const after = analyzeMatter(matter, { signal });
  return after.findings
    .filter((f) => f.code === 'abstract' && f.uri === uri)
    .map((f) => ({ code: f.code, severity: f.severity, message: f.message, start: Math.max(0, f.range.start.offset - head.length), end: Math.max(0, Math.min(text.length, f.range.end.offset - head.length)) }));
}
