// Output cleaning: what a model returns is cut at the next claim, stripped of an echoed prompt,
// renumbered from the matter's next claim number with the dependency the task asked for, and
// the generated claims are run through the core's checks (a temporary matter with them appended
// to the claims document), so the user sees antecedent or drift findings in the suggestion.
import { analyzeMatter, formatClaimReference, rewriteClaimReference, type Analysis, type Finding, type Matter } from '../core';
import type { DraftFinding, DraftTaskKind } from './backend';
import { END_OF_TURN_TOKENS, KNOWN_SPECIAL_TOKENS } from './chat';

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
  /** Special tokens of the prompt format, stripped from the output (default: the known ones). */
  specialTokens?: string[];
  /** Tokens that end the model's turn: the output ends where one appears. */
  endTokens?: string[];
}

export interface Cleaned {
  text: string;
  /** The output reached its end (next claim, blank line after an abstract, enough claims, an
   * end-of-turn token): the generation can be stopped. */
  stopped: boolean;
}

/** A claim header anywhere ("Claim 3." / "Claim 3:") or a numbered line ("3." / "3)"). */
const HEADER = /(?:^|\n)[ \t]*(?:\*\*)?(?:claim\s+)?(\d{1,3})\s*[.):](?:\*\*)?[ \t]+|Claim (\d{1,3})[.:][ \t]+/gi;
/** The end of the text may be the start of a claim header: hold it back. */
const HEADER_TAIL = /(?:Claim(?:\s+\d*[.:]?)?|(?:^|\n)[ \t]*(?:\*\*)?(?:claim\s*)?\d*[.):]?|\n[ \t]*)$/i;
const HEADING = /\n[ \t]*#/g;
const ABSTRACT_STOPS = [/\n[ \t]*\n/g, /\n[ \t]*#/g, /(?:^|\n)[ \t]*\d{1,3}\s*[.)][ \t]/g, /Claim \d{1,3}[.:]\s/g];
const LABEL = /^\s*(?:#+\s*)?(?:abstract|dependent claims?|claims?|continuation)\s*:?[ \t]*(?:\n|$)/i;
const LABELS = ['abstract:', 'dependent claims:', 'claims:', 'continuation:'];
/** How far back a pattern may reach from newly arrived text (headers are short). */
const OVERLAP = 64;
/** Text after the echo and the label that decides how the output starts. */
const HEAD_CHARS = 24;
/** The opening words of a generated dependent claim where its dependency is rewritten. */
const REFERENCE_CHARS = 200;

/** Role headers a chat model may print again: the role name after the token goes too. */
const ROLE_OPENERS: Record<string, string> = { '<|start_header_id|>': '<|end_header_id|>', '<|im_start|>': '\n', '<start_of_turn>': '\n' };
const MAX_ROLE_CHARS = 64;

/** Strips special tokens from streamed text; an end-of-turn token ends it. Holds back a tail that
 *  may be the start of a token. Linear: each character is looked at a bounded number of times. */
class SpecialTokens {
  private hold = '';
  private skipUntil?: string;
  ended = false;
  private readonly byFirst = new Map<string, string[]>();
  private readonly ends: Set<string>;
  private readonly maxLen: number;

  constructor(tokens: readonly string[], ends: readonly string[]) {
    this.ends = new Set(ends);
    let max = 1;
    for (const t of new Set([...tokens, ...ends, ...Object.keys(ROLE_OPENERS)])) {
      if (!t || t.length > 64) continue;
      const l = this.byFirst.get(t[0]) ?? [];
      l.push(t);
      this.byFirst.set(t[0], l);
      max = Math.max(max, t.length);
    }
    for (const l of this.byFirst.values()) l.sort((a, b) => b.length - a.length);
    this.maxLen = max;
  }

  /** Returns the text to pass on (maybe empty); `ended` once an end token was seen. */
  push(delta: string, final: boolean, count: (n: number) => void): string {
    if (this.ended) return '';
    const s = this.hold + delta;
    this.hold = '';
    count(s.length);
    let out = '';
    let i = 0;
    let from = 0;
    while (i < s.length) {
      if (this.skipUntil) {
        // Inside a role header: the role name up to its closing token (held until it is seen).
        const close = this.skipUntil;
        const j = s.indexOf(close, i);
        if (j >= 0 && j - i <= MAX_ROLE_CHARS) {
          i = j + close.length;
          from = i;
          this.skipUntil = undefined;
          continue;
        }
        if (j < 0 && !final && s.length - i <= MAX_ROLE_CHARS + close.length) {
          this.hold = s.slice(i);
          return out;
        }
        // Not a role header after all: keep the text.
        this.skipUntil = undefined;
        continue;
      }
      const cands = this.byFirst.get(s[i]);
      if (!cands) {
        i++;
        continue;
      }
      let hit: string | undefined;
      let partial = false;
      for (const t of cands) {
        if (s.startsWith(t, i)) {
          hit = t;
          break;
        }
        if (!final && s.length - i < t.length && t.startsWith(s.slice(i))) partial = true;
      }
      if (hit) {
        out += s.slice(from, i);
        if (this.ends.has(hit)) {
          this.ended = true;
          return out;
        }
        i += hit.length;
        from = i;
        const close = ROLE_OPENERS[hit];
        if (close) this.skipUntil = close;
        continue;
      }
      if (partial) {
        out += s.slice(from, i);
        this.hold = s.slice(i);
        return out;
      }
      i++;
    }
    return out + s.slice(from);
  }

  get holding(): number {
    return Math.min(this.hold.length, this.maxLen);
  }
}

const isWs = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0';

function collapseWs(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The cleaning of a model's output, fed as it streams: the echoed prompt and the label it ended
 * with are dropped, special tokens stripped (an end-of-turn token ends the output), the text cut
 * where the task's output ends, and generated claims renumbered from the matter's next claim
 * number with the dependency the task asked for. Only text that later output cannot change is
 * released, so the consumer appends and never edits. Linear in the output: each push looks at
 * the new text and a bounded window before it (`work` counts the characters looked at).
 */
class Cleaner {
  /** Characters looked at so far (for tests that count work, not time). */
  work = 0;
  /** All the cleaned text (appended to only); `fresh` is what was appended since the last take. */
  out = '';
  fresh = '';
  private outLength = 0;
  stopped = false;
  /** The text still needed, from absolute offset `base` (what lies further back is dropped). */
  private buf = '';
  private base = 0;
  private lastWs = -1;
  private pendingCr = false;
  private readonly prompt: string;
  private readonly filter: SpecialTokens;
  phase: 'echo' | 'head' | 'body' | 'done' = 'echo';
  private echoPos = 0;
  /** Characters of the raw prompt matched so far by the raw output (undefined: decided). */
  private rawEcho: number | undefined = 0;
  private rawHeld = '';
  private off = 0;
  private bodyStart = 0;
  private pos = 0;
  private scan = 0;
  // abstract
  private pendingSpace = false;
  // continue / claims: trailing whitespace held back until text follows it
  private held = '';
  private sawText = false;
  // claims
  private bodies = 0;
  private inBody = false;
  private prefix = '';
  private prefixDone = false;

  constructor(private readonly info: CleanInfo) {
    const specials = info.specialTokens ?? KNOWN_SPECIAL_TOKENS;
    this.filter = new SpecialTokens(specials, info.endTokens ?? END_OF_TURN_TOKENS);
    // An echo after the server stripped the special tokens: compared with the prompt stripped the same way.
    this.prompt = new SpecialTokens(specials, []).push(info.prompt, true, () => {}).replace(/\r\n?/g, '\n');
    if (!this.prompt) this.phase = 'head';
    if (!info.prompt) this.rawEcho = undefined;
  }

  private count = (n: number) => {
    this.work += n;
  };

  push(delta: string, final: boolean): void {
    if (this.phase === 'done') return;
    if (this.rawEcho !== undefined) {
      // The prompt echoed as sent (chat tokens and all) goes before any token is stripped.
      const p = this.info.prompt;
      let k = 0;
      while (k < delta.length && this.rawEcho < p.length && delta[k] === p[this.rawEcho]) {
        k++;
        this.rawEcho++;
      }
      this.count(k + 1);
      if (this.rawEcho === p.length) {
        delta = delta.slice(k);
        this.rawHeld = '';
        this.rawEcho = undefined;
        // What follows is the answer: no second echo to look for.
        if (this.phase === 'echo') this.phase = 'head';
      } else if (k < delta.length || final) {
        delta = this.rawHeld + delta;
        this.rawHeld = '';
        this.rawEcho = undefined;
      } else {
        this.rawHeld += delta;
        return;
      }
    }
    let t = this.filter.push(delta, final, this.count);
    if (this.filter.ended) final = true;
    // Line ends: CRLF and CR become LF (a CR at the end may be the first half of a CRLF).
    if (this.pendingCr) t = '\r' + t;
    this.pendingCr = !final && t.endsWith('\r');
    if (this.pendingCr) t = t.slice(0, -1);
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    const at = this.base + this.buf.length;
    this.buf += t;
    for (let i = t.length - 1; i >= 0; i--) {
      if (t[i] === ' ' || t[i] === '\n' || t[i] === '\t') {
        this.lastWs = at + i;
        break;
      }
    }
    this.count(t.length);
    this.step(final, t);
    this.trim();
    if (final) this.phase = 'done' as Cleaner['phase'];
    if (this.filter.ended) this.stopped = true;
  }

  private get length(): number {
    return this.base + this.buf.length;
  }

  private slice(from: number, to: number): string {
    return this.buf.slice(from - this.base, to - this.base);
  }

  /** Drops what no pattern can reach back to any more (the buffer stays small: no rope to flatten). */
  private trim(): void {
    if (this.phase !== 'body' && this.phase !== 'done') return;
    const keep = Math.max(this.base, Math.min(this.pos, this.scan) - OVERLAP - 2);
    if (keep - this.base > 4096 || (this.phase === 'done' && keep > this.base)) {
      this.buf = this.buf.slice(keep - this.base);
      this.base = keep;
    }
  }

  private step(final: boolean, t: string): void {
    if (this.phase === 'echo') {
      // Compared as it arrives: only the new text is looked at.
      const p = this.prompt;
      let k = 0;
      while (k < t.length && this.echoPos < p.length && t[k] === p[this.echoPos]) {
        k++;
        this.echoPos++;
      }
      this.count(k + 1);
      const total = this.length;
      if (this.echoPos === p.length) this.off = p.length;
      else if (this.echoPos < total) this.off = 0;
      else {
        // Still a prefix of the prompt: nothing to show (and nothing at all if it ends so).
        if (final) this.phase = 'done';
        return;
      }
      this.phase = 'head';
    }
    if (this.phase === 'head') {
      const text = this.slice(this.off, this.length);
      this.count(text.length);
      const start = this.head(text, final);
      if (start === undefined) {
        if (final) this.phase = 'done';
        return;
      }
      this.bodyStart = this.pos = this.scan = this.off + start;
      this.phase = 'body';
    }
    if (this.phase === 'body') this.advance(final);
  }

  /** Where the output proper starts in the text after the echo; undefined while undecided. */
  private head(t: string, final: boolean): number | undefined {
    const info = this.info;
    let i = 0;
    if (info.kind === 'continue' && info.partial) {
      const partial = collapseWs(info.partial);
      const lead = t.replace(/\s+/g, ' ').trimStart();
      if (lead.length < partial.length && partial.startsWith(lead) && lead.length > 0) return undefined;
      if (partial && lead.startsWith(partial)) {
        // Skip as many characters of t as make up the partial (whitespace-insensitively).
        let k = 0;
        while (i < t.length && isWs(t[i])) i++;
        while (i < t.length && k < partial.length) {
          if (isWs(t[i])) {
            while (i < t.length && isWs(t[i])) i++;
            if (partial[k] === ' ') k++;
          } else {
            i++;
            k++;
          }
        }
      }
    }
    const label = LABEL.exec(t.slice(i));
    if (label) i += label[0].length;
    const soFar = t
      .slice(i)
      .trim()
      .replace(/^#+\s*/, '')
      .toLowerCase();
    if (!final && soFar.length < 20 && LABELS.some((l) => l.startsWith(soFar))) return undefined;
    if (info.kind === 'abstract') {
      const h = /^\s*#+\s*abstract\s*\n/i.exec(t.slice(i));
      if (h) i += h[0].length;
      while (i < t.length && isWs(t[i])) i++;
    } else if (info.kind === 'continue') {
      // A header at the very start is the model restating the claim's number: drop it.
    } else while (i < t.length && isWs(t[i])) i++;
    if (!final && t.length - i < HEAD_CHARS) return undefined;
    if (info.kind !== 'dependent' && info.kind !== 'claim') {
      HEADER.lastIndex = 0;
      const rest = t.slice(i);
      const m = HEADER.exec(rest);
      if (m && rest.slice(0, m.index).trim() === '' && (m[2] === undefined || m[0].startsWith('Claim'))) i += m.index + m[0].length;
    }
    return i;
  }

  /** Processes the body up to what is stable (everything, when final). */
  private advance(final: boolean): void {
    const len = this.length;
    let end = len;
    if (!final) {
      end = Math.max(this.pos, this.lastWs);
      // A long run without whitespace is released all the same (bounded look-back).
      if (len - end > 512) end = len - OVERLAP;
      const w0 = Math.max(this.pos, end - OVERLAP);
      const tail = HEADER_TAIL.exec(this.slice(w0, end));
      this.count(end - w0);
      if (tail) end = Math.max(this.pos, w0 + tail.index);
    }
    if (end > this.pos || final) {
      const ws = Math.max(this.bodyStart, this.scan - OVERLAP);
      const w = this.slice(ws, end);
      this.count(w.length);
      for (;;) {
        const ev = this.nextEvent(w, ws);
        if (!ev) break;
        this.content(ev.start);
        if (ev.kind === 'cut') {
          this.close();
          this.stopped = true;
          this.phase = 'done';
          return;
        }
        // A new claim header.
        this.close();
        if (this.bodies >= this.maxBodies()) {
          this.stopped = true;
          this.phase = 'done';
          return;
        }
        this.pos = ev.end;
        this.inBody = true;
      }
      this.content(end);
      this.scan = end;
    }
    if (final) {
      this.close();
      this.phase = 'done';
    }
  }

  private maxBodies(): number {
    return this.info.kind === 'claim' ? 1 : Math.max(1, this.info.count ?? 5);
  }

  /** The first event at or after `pos` in the window `w` (which starts at `ws` in s). */
  private nextEvent(w: string, ws: number): { kind: 'cut' | 'header'; start: number; end: number } | undefined {
    const kind = this.info.kind;
    let best: { kind: 'cut' | 'header'; start: number; end: number } | undefined;
    const consider = (re: RegExp, what: 'cut' | 'header', accept: (m: RegExpExecArray, at: number) => boolean) => {
      re.lastIndex = Math.max(0, this.pos - ws - 1);
      for (let m = re.exec(w); m; m = re.exec(w)) {
        const nl = m[0].startsWith('\n');
        const at = ws + m.index + (nl && what === 'header' ? 1 : 0);
        if (m[0].length === 0) re.lastIndex++;
        if (ws + m.index < this.pos - (nl ? 1 : 0)) continue;
        // "^" in a window means the window's start, not a line's: only a real line start counts.
        if (!nl && m.index === 0 && /^[ \t*0-9cC]/.test(m[0]) && !m[0].startsWith('Claim ') && ws !== this.bodyStart && this.slice(ws - 1, ws) !== '\n') continue;
        if (!accept(m, at)) continue;
        if (!best || at < best.start) best = { kind: what, start: at, end: ws + m.index + m[0].length };
        break;
      }
    };
    const header = (m: RegExpExecArray) => m[2] === undefined || m[0].startsWith('Claim');
    if (kind === 'abstract') {
      for (const re of ABSTRACT_STOPS) consider(re, 'cut', (m, at) => at > this.bodyStart || !m[0].startsWith('\n'));
    } else if (kind === 'continue') {
      consider(HEADER, 'cut', (m) => header(m) && (this.sawText || /\S/.test(this.held + this.slice(this.pos, ws + m.index))));
      consider(HEADING, 'cut', () => true);
    } else {
      consider(HEADER, 'header', header);
      consider(HEADING, 'cut', () => true);
    }
    return best;
  }

  /** Takes in the body text up to `to`. */
  private content(to: number): void {
    if (to <= this.pos) return;
    const seg = this.slice(this.pos, to);
    this.pos = to;
    const kind = this.info.kind;
    if (kind === 'abstract') {
      let text = seg.replace(/\s+/g, ' ');
      if (this.pendingSpace) text = ' ' + text.replace(/^ /, '');
      if (!this.outLength) text = text.replace(/^ /, '');
      this.pendingSpace = text.endsWith(' ');
      if (this.pendingSpace) text = text.slice(0, -1);
      this.emit(text);
      return;
    }
    if (kind === 'continue') {
      this.release(seg);
      return;
    }
    // claims: the body's first words are held until its dependency can be rewritten.
    let text = seg;
    if (!this.inBody) {
      // Text before any header: a claim of its own once it holds something.
      text = text.replace(/^\s+/, '');
      if (!text) return;
      this.inBody = true;
    }
    if (!this.prefixDone) {
      if (!this.prefix) text = text.replace(/^\s+/, '');
      this.prefix += text;
      if (this.prefix.length < REFERENCE_CHARS) return;
      this.flushPrefix();
      return;
    }
    this.release(text);
  }

  private flushPrefix(): void {
    const n = this.info.nextNumber + this.bodies;
    let body = this.prefix;
    const info = this.info;
    if (info.kind === 'dependent' && info.claim !== undefined) {
      const claim = info.claim;
      body = rewriteClaimReference(
        body,
        (r) => r.start <= 80 && !/[,;:]/.test(body.slice(0, r.start)),
        () => formatClaimReference([claim]),
      );
    }
    this.emit(`${this.bodies > 0 ? '\n\n' : ''}${n}. `);
    this.prefix = '';
    this.prefixDone = true;
    this.release(body);
  }

  /** Appends text, holding back trailing whitespace until more text follows it. */
  private release(text: string): void {
    const all = this.held + text;
    let j = all.length;
    while (j > 0 && isWs(all[j - 1])) j--;
    this.held = all.slice(j);
    if (j > 0) {
      this.emit(all.slice(0, j));
      this.sawText = true;
    }
  }

  private emit(text: string): void {
    if (!text) return;
    this.out += text;
    this.fresh += text;
    this.outLength += text.length;
  }

  /** Ends the current body (claims) or text: held whitespace is dropped. */
  private close(): void {
    this.held = '';
    if (this.info.kind !== 'dependent' && this.info.kind !== 'claim') return;
    if (!this.inBody) return;
    if (!this.prefixDone) {
      this.prefix = this.prefix.replace(/\s+$/, '');
      if (this.prefix) this.flushPrefix();
    }
    if (this.prefixDone) this.bodies++;
    this.held = '';
    this.inBody = false;
    this.prefix = '';
    this.prefixDone = false;
  }
}

/** Cleans a model's whole output at once (what the stream cleaner gives for the same text). */
export function cleanOutput(raw: string, info: CleanInfo): Cleaned {
  const c = new Cleaner(info);
  c.push(raw, true);
  return { text: c.out, stopped: c.stopped };
}

/** Turns raw streamed text into cleaned deltas: only text that later output cannot change is
 * released (whole words, never a possible claim header), so the consumer appends and never edits.
 * O(n) over a stream: `work` counts the characters looked at. */
export class StreamCleaner {
  private readonly c: Cleaner;

  constructor(info: CleanInfo) {
    this.c = new Cleaner(info);
  }

  get stopped(): boolean {
    return this.c.stopped;
  }

  get text(): string {
    return this.c.out;
  }

  /** Characters looked at so far. */
  get work(): number {
    return this.c.work;
  }

  /** Adds raw text; returns the cleaned text to append (maybe empty). */
  push(delta: string): string {
    this.c.push(delta, false);
    return this.take();
  }

  /** The rest, once the model is done. */
  finish(): string {
    this.c.push('', true);
    return this.take();
  }

  private take(): string {
    const d = this.c.fresh;
    this.c.fresh = '';
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
  const layout = uri ? analysis.layoutOf(uri) : undefined;
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
    .map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      start: Math.max(0, f.range.start.offset - head.length),
      end: Math.max(0, Math.min(text.length, f.range.end.offset - head.length)),
    }));
}
