// The built-in drafting engine: deterministic, offline, milliseconds. It works only from the
// matter's own text — claim language recast, disclosure passages that add a feature to a claim
// term — and streams its output in segments, each with the passages it came from, so the
// editor's streaming path is the same as for a model. It never invents content.
import { indefiniteArticle, type Analysis, type Claim } from '../core';
import type { DisclosurePart } from '../core/index';
import { findPhrases, STOP } from '../core/index';
import { countWords, tokenize, type Token } from '../core/index';
import { DraftError, settingsOf, throwIfAborted, type DraftChunk, type DraftContext, type DraftFinding, type DraftingBackend, type DraftOptions, type DraftSource, type DraftTask } from './backend';
import { checkContinuation, checkGeneratedClaims, type GeneratedClaim } from './clean';
import { broadestIndependent, principalIndependent, claimSource, claimTermKeys, claimWithAncestors, disclosureSentences, nextClaimNumber, sourceOf, type Passage } from './context';
import { taskClaim } from './prompts';

/** One segment of built-in output. */
interface Segment {
  text: string;
  source: DraftSource[];
  findings?: DraftFinding[];
}

export class BuiltinBackend implements DraftingBackend {
  readonly id = 'builtin' as const;

  async *generate(task: DraftTask, ctx: DraftContext, opts: DraftOptions = {}): AsyncIterable<DraftChunk> {
    throwIfAborted(opts.signal);
    const segments = draftSegments(task, ctx, opts.signal);
    let out = '';
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      // Give the consumer's event loop a turn between segments, as a network stream would.
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      throwIfAborted(opts.signal);
      const findings = s.findings?.map((f) => ({ ...f, start: f.start + out.length, end: f.end + out.length }));
      out += s.text;
      yield { text: s.text, source: s.source, ...(findings && findings.length ? { findings } : {}), ...(i === segments.length - 1 ? { done: true } : {}) };
    }
  }
}

/** The whole built-in output as segments (exported for tests and the bench). */
export function draftSegments(task: DraftTask, ctx: DraftContext, signal?: AbortSignal): Segment[] {
  const a = ctx.analysis;
  if (a.claims.length === 0 && task.kind !== 'claim') throw new DraftError('no-claims', 'the matter has no claims (is there a claims document or a "Claims" section?)');
  switch (task.kind) {
    case 'abstract':
      return abstractSegments(a);
    case 'dependent':
      return dependentSegments(a, taskClaim(a, task)!, task.count ?? settingsOf(ctx).dependentCount, signal);
    case 'continue': {
      const claim = taskClaim(a, task)!;
      const segs = continueSegments(a, claim, task.text);
      const partial = task.text ?? collapse(claim.text).replace(/\.\s*$/, '');
      const findings = checkContinuation(a, claim.number, partial, segs.map((x) => x.text).join(''), nextClaimNumber(a), signal);
      if (findings.length && segs.length) segs[0].findings = findings;
      return segs;
    }
    case 'claim':
      return claimSegments(a, task.passage, task.passageSource, signal);
    default:
      throw new DraftError('bad-task', `unknown drafting task "${(task as { kind: string }).kind}"`);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared wording rules

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Claim language → abstract language. */
export function toAbstractLanguage(s: string): string {
  return s
    .replace(/\bsaid\b/g, 'the')
    .replace(/\bSaid\b/g, 'The')
    .replace(/\bcomprising\b/g, 'including')
    .replace(/\bcomprises\b/g, 'includes')
    .replace(/\bcomprise\b/g, 'include')
    .replace(/\bwherein\b/g, 'where')
    .replace(/\bmeans for\b/g, 'element for')
    .replace(/\b([a-z]+) means\b/g, '$1 element')
    .replace(/\bthe present invention\b/gi, (m) => (m[0] === 'T' ? 'The disclosure' : 'the disclosure'))
    .replace(/\bthe invention\b/gi, (m) => (m[0] === 'T' ? 'The disclosure' : 'the disclosure'))
    .replace(/\bthis invention\b/gi, (m) => (m[0] === 'T' ? 'This disclosure' : 'this disclosure'));
}

function sentenceCase(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function endSentence(s: string): string {
  const t = s.replace(/[\s,;:]+$/, '');
  return /[.!?]$/.test(t) ? t : t + '.';
}

// ---------------------------------------------------------------------------------------------
// Abstract

const MIN_WORDS = 50;
const MAX_WORDS = 150;

function claimSentence(c: Claim): string {
  let pre = collapse(c.preamble).replace(/[\s,:;]+$/, '');
  // "A system for X, the system" → "A system for X"
  pre = pre.replace(/,?\s*(?:the|said)\s+(?:\w+\s+){0,2}\w+$/i, (m) => {
    const last = m.trim().split(/\s+/).pop()!.toLowerCase();
    return pre.toLowerCase().split(/\s+/).slice(0, 5).includes(last) ? '' : m;
  });
  if (!c.transition || c.elements.length === 0) return endSentence(toAbstractLanguage(collapse(c.text)));
  const verb = c.transition === 'consisting of' ? 'consists of' : c.transition === 'consisting essentially of' ? 'consists essentially of' : 'includes';
  const els = c.elements.map((e) =>
    collapse(e.text)
      .replace(/^\([a-z0-9]{1,5}\)\s*/i, '')
      .replace(/[\s;,.:]+$/, '')
      .replace(/\s*\b(?:and|or)$/i, ''),
  );
  const sep = els.some((e) => e.includes(',')) ? '; ' : ', ';
  // "a stack including:" leads the elements that follow it.
  const lead = els.length > 1 && /:$/.test(collapse(c.elements[0].text)) ? els.shift() + ' ' : '';
  const list = lead + (els.length === 1 ? els[0] : els.length === 2 ? `${els[0]} and ${els[1]}` : `${els.slice(0, -1).join(sep)}${sep}and ${els[els.length - 1]}`);
  return endSentence(toAbstractLanguage(`${pre} ${verb} ${list}`));
}

function trimToWords(s: string, max: number): string {
  if (countWords(s) <= max) return s;
  const words = s.split(/\s+/).slice(0, max);
  // End at the last comma or semicolon of what is kept, when there is one past the middle.
  const text = words.join(' ');
  const cut = Math.max(text.lastIndexOf(','), text.lastIndexOf(';'));
  return endSentence(cut > text.length / 2 ? text.slice(0, cut) : text);
}

/** "The present invention relates to X[, and more particularly to Y]." */
const RELATES =
  /^(?:(?:an?\s+)?(?:aspect|embodiment)s?\s+of\s+)?(?:the|this)\s+(?:present\s+)?(?:invention|disclosure|application|subject\s+matter|technology|patent)\s+(?:also\s+)?(?:generally\s+)?(?:relates|pertains|is\s+directed|concerns)\s+(?:generally\s+)?to\s+/i;

/** The disclosure's statement of its field, in abstract language: "The brake caliper is in the
 *  field of disc brakes for bicycles. Its brake pad warns the rider before it is worn out." */
export function fieldSentences(text: string, subject: string): string[] {
  const m = RELATES.exec(text);
  if (!m) return [];
  const rest = text.slice(m[0].length).replace(/[.\s]+$/, '');
  const split = /,?\s+(?:and\s+)?(?:,\s*)?(?:more\s+(?:particularly|specifically)|in\s+particular|particularly|specifically),?\s+(?:to\s+)?/i.exec(rest);
  const field = (split ? rest.slice(0, split.index) : rest).replace(/(?:[,;\s]+(?:and|or)?)+$/i, '');
  const particular = split ? rest.slice(split.index + split[0].length) : '';
  const out: string[] = [];
  const head = subject.split(' ').pop()!.toLowerCase();
  // A field, not the claimed thing again ("relates to a brake caliper ..." restates the claim).
  if (field && !/^(?:an?|one)\s/i.test(field) && countWords(field) <= 25) {
    const f = field.replace(/^the\s+field\s+of\s+/i, '').replace(/^(?:the\s+)?field\s+of\s+/i, '');
    out.push(`The ${subject} is in the field of ${f}.`);
  }
  const p = /^(?:an?|the)\s+([^,;]{1,80}?)\s+(whose|that|which|having)\s+(.+)$/i.exec(particular);
  if (p && p[1].toLowerCase().split(/\s+/).pop() === head && countWords(p[3]) <= 30) {
    const lead = p[2].toLowerCase() === 'whose' ? 'Its ' : p[2].toLowerCase() === 'having' ? 'It has ' : 'It ';
    out.push(`${lead}${p[3]}.`);
  }
  return out.map((x) => endSentence(toAbstractLanguage(x)));
}

/** Sentences an abstract never takes: figures, claims, the document speaking of itself. */
const NOT_ABSTRACT =
  /\b(?:FIGS?|Figs?\.|figures?|claims?|patents?|applications?|incorporated|publications?|invention|disclosure|embodiments?|present|herein|hereinafter|below|above|aforementioned|example|e\.g|i\.e|etc)\b|\bof claim\b/i;

function abstractSegments(a: Analysis): Segment[] {
  const claim = principalIndependent(a);
  if (!claim) throw new DraftError('no-claims', 'the matter has no independent claim to draft an abstract from');
  let first = claimSentence(claim);
  if (countWords(first) > 120) {
    // Fewer elements first; cut words only if one element is itself too long.
    const shorter = { ...claim, elements: [...claim.elements] };
    while (shorter.elements.length > 1 && countWords(first) > 120) {
      shorter.elements.pop();
      first = claimSentence(shorter);
    }
    first = trimToWords(first, 120);
  }
  const segments: Segment[] = [{ text: first, source: [claimSource(a, claim)] }];
  let words = countWords(first);
  const keys = claimTermKeys(a, [claim.number]);
  const subject = claimSubject(a, claim);
  const sentences = disclosureSentences(a);
  const isField = (p: Passage) => !!p.heading && /field/i.test(p.heading);
  const isSummary = (p: Passage) => !!p.heading && /summary|disclosure of the invention|means for solving|brief description of the invention/i.test(p.heading);
  const overlap = (p: Passage) => {
    const norms = new Set(tokenize(p.text).map((t) => t.norm));
    return keys.filter((k) => k.split(' ').every((w) => norms.has(w))).length;
  };
  const usable = (p: Passage) => {
    const w = countWords(p.text);
    return w >= 6 && w <= 60 && !NOT_ABSTRACT.test(p.text) && /[.]$/.test(p.text) && !/["“”]/.test(p.text);
  };
  // The field or purpose, as the disclosure itself states it, recast.
  const fieldStatement = sentences.filter((p) => RELATES.test(p.text)).sort((x, y) => Number(isField(y)) - Number(isField(x)) || x.order - y.order)[0];
  const rest = sentences
    .filter((p) => usable(p) && (isSummary(p) || isField(p)))
    .map((p) => ({ p, score: overlap(p) }))
    .sort((x, y) => y.score - x.score || x.p.order - y.p.order)
    .map((x) => x.p);
  const fallback = sentences
    .filter((p) => usable(p) && !rest.includes(p))
    .map((p) => ({ p, score: overlap(p) }))
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score || x.p.order - y.p.order)
    .map((x) => x.p);
  const seen = new Set<string>([collapse(first).toLowerCase()]);
  const add = (s: string, p: Passage, field = false): boolean => {
    const w = countWords(s);
    if (words + w > MAX_WORDS || seen.has(s.toLowerCase())) return false;
    const have = new Set(contentNorms([...seen].join(' ')));
    const mine = contentNorms(s);
    if (!field && mine.length && mine.filter((x) => have.has(x)).length >= mine.length * 0.75) return false;
    seen.add(s.toLowerCase());
    segments.push({ text: ' ' + s, source: [sourceOf(a, p)] });
    words += w;
    return true;
  };
  if (fieldStatement) for (const s of fieldSentences(withoutNumerals(a, fieldStatement), subject)) if (words + countWords(s) <= 130) add(s, fieldStatement, true);
  for (const p of [...rest, ...fallback]) {
    if (words >= MIN_WORDS) break;
    const s = endSentence(sentenceCase(toAbstractLanguage(withoutNumerals(a, p).replace(/^(?:Accordingly|Thus|Therefore|Further(?:more)?|Additionally|Also|Moreover|In addition),\s*/i, ''))));
    if (/\b(?:said|means|comprising|comprises)\b/i.test(s)) continue;
    add(s, p);
  }
  return segments;
}

// ---------------------------------------------------------------------------------------------
// Features: disclosure passages that add something to a claim term

const MODALS = new Set([
  'may',
  'can',
  'could',
  'might',
  'optionally',
  'preferably',
  'also',
  'further',
  'additionally',
  'alternatively',
  'typically',
  'generally',
  'advantageously',
  'suitably',
  'will',
  'would',
  'should',
  'shall',
]);
const VERBS: Record<string, [string, string]> = {
  comprise: ['comprises', 'comprise'],
  comprises: ['comprises', 'comprise'],
  include: ['includes', 'include'],
  includes: ['includes', 'include'],
  contain: ['contains', 'contain'],
  contains: ['contains', 'contain'],
  have: ['has', 'have'],
  has: ['has', 'have'],
  is: ['is', 'are'],
  are: ['is', 'are'],
  be: ['is', 'are'],
  // Relations a dependent claim can add between a claim term and a part or a value.
  define: ['defines', 'define'],
  defines: ['defines', 'define'],
  extend: ['extends', 'extend'],
  extends: ['extends', 'extend'],
  engage: ['engages', 'engage'],
  engages: ['engages', 'engage'],
  surround: ['surrounds', 'surround'],
  surrounds: ['surrounds', 'surround'],
  support: ['supports', 'support'],
  supports: ['supports', 'support'],
  carry: ['carries', 'carry'],
  carries: ['carries', 'carry'],
  hold: ['holds', 'hold'],
  holds: ['holds', 'hold'],
  receive: ['receives', 'receive'],
  receives: ['receives', 'receive'],
  house: ['houses', 'house'],
  houses: ['houses', 'house'],
  enclose: ['encloses', 'enclose'],
  encloses: ['encloses', 'enclose'],
  cover: ['covers', 'cover'],
  covers: ['covers', 'cover'],
  store: ['stores', 'store'],
  stores: ['stores', 'store'],
  generate: ['generates', 'generate'],
  generates: ['generates', 'generate'],
  determine: ['determines', 'determine'],
  determines: ['determines', 'determine'],
  transmit: ['transmits', 'transmit'],
  transmits: ['transmits', 'transmit'],
  measure: ['measures', 'measure'],
  measures: ['measures', 'measure'],
  detect: ['detects', 'detect'],
  detects: ['detects', 'detect'],
  form: ['forms', 'form'],
  forms: ['forms', 'form'],
  // "a blade having a taper", "a shaft with a hex connection": what the term has.
  having: ['has', 'have'],
  with: ['has', 'have'],
  including: ['includes', 'include'],
  comprising: ['comprises', 'comprise'],
  containing: ['contains', 'contain'],
  consist: ['consists', 'consist'],
  consists: ['consists', 'consist'],
};
const IS_NEXT =
  /^(?:a|an|made|formed|between|less|greater|within|in|at|from|selected|of|\d[\d.,]*|configured|adapted|arranged|positioned|located|disposed|coupled|connected|mounted|attached|operable|integrated|composed|fabricated|constructed|implemented|embodied|electrically|mechanically|removably|rotatably|slidably|fixedly|pivotally|releasably)$/i;
const BAD_REST =
  /\b(?:FIG|FIGS|figures?|embodiments?|invention|herein|hereinafter|above|below|aforementioned|e\.g|i\.e|etc|and\/or|such as|for example|for instance|example|shown|illustrated|depicted|described|discussed|respectively|same|thereof|preferably|optionally)\b/i;
const HEDGE =
  /^(?:in (?:some|one|certain|other|another|an|various|particular|further|alternative|still other|yet other)\s+(?:\w+\s+)?(?:embodiments?|implementations?|examples?|aspects?|variations?)|optionally|alternatively|preferably|for (?:example|instance)|typically|advantageously)\b/i;

interface Feature {
  key: string;
  passage: Passage;
  /** "comprises a thermocouple" (numerals removed, verb conjugated). */
  predicate: string;
  verb: string;
  /** The object starts with an indefinite article ("comprises a thermocouple"). */
  introduces: boolean;
  hedged: boolean;
  score: number;
}

/** A passage's text with its reference numerals taken out. */
function withoutNumerals(a: Analysis, p: Passage): string {
  const part = a.disclosure.find((d) => d.uri === p.uri && d.start <= p.start && d.end >= p.end);
  const text = a.layoutOf(p.uri)!.md.text;
  let s = '';
  let pos = p.start;
  for (const n of part?.numerals ?? []) {
    if (n.start < p.start || n.end > p.end) continue;
    s += text.slice(pos, n.start);
    pos = n.end;
  }
  s += text.slice(pos, p.end);
  return collapse(s.replace(/\s*\(\s*\)/g, '').replace(/\s+([,.;:])/g, '$1'));
}

function partTextAndTokens(a: Analysis): { part: DisclosurePart; text: string }[] {
  return a.disclosure.map((part) => ({ part, text: a.layoutOf(part.uri)!.md.text }));
}

/** Claim terms available in claim n: key → { written phrase, plural }. */
function availableTerms(a: Analysis, n: number): Map<string, { phrase: string; plural: boolean }> {
  const out = new Map<string, { phrase: string; plural: boolean }>();
  for (const c of claimWithAncestors(a, n)) {
    for (const m of a.claimTokens.get(c.number)?.mentions ?? []) {
      if (m.kind !== 'indefinite' || out.has(m.key)) continue;
      if (m.key.split(' ').every((w) => STOP.has(w))) continue;
      out.set(m.key, { phrase: m.phrase.replace(/\s+/g, ' '), plural: m.plural });
    }
  }
  return out;
}

function findFeatures(a: Analysis, terms: Map<string, { phrase: string; plural: boolean }>): Feature[] {
  const byFirst = new Map<string, string[][]>();
  for (const key of terms.keys()) {
    const words = key.split(' ');
    const l = byFirst.get(words[0]) ?? [];
    l.push(words);
    byFirst.set(words[0], l);
  }
  // A term's head noun alone stands for it where no other term shares the head ("the glove
  // includes a wrist pad" for "an improved glove").
  const alias = new Map<string, string>();
  const heads = new Map<string, string[]>();
  for (const key of terms.keys()) {
    const words = key.split(' ');
    if (words.length < 2) continue;
    const head = words[words.length - 1];
    if (STOP.has(head) || head.length < 3 || /^\d/.test(head)) continue;
    heads.set(head, [...(heads.get(head) ?? []), key]);
  }
  for (const [head, keys] of heads) {
    if (keys.length !== 1 || terms.has(head)) continue;
    alias.set(head, keys[0]);
    const l = byFirst.get(head) ?? [];
    l.push([head]);
    byFirst.set(head, l);
  }
  for (const l of byFirst.values()) l.sort((x, y) => y.length - x.length);
  const passages = disclosureSentences(a);
  const byUri = new Map<string, Passage[]>();
  for (const p of passages) {
    const l = byUri.get(p.uri) ?? [];
    l.push(p);
    byUri.set(p.uri, l);
  }
  const out: Feature[] = [];
  for (const { part, text } of partTextAndTokens(a)) {
    const list = byUri.get(part.uri) ?? [];
    const numeralAt = new Set(part.numerals.map((n) => n.start));
    const tokens = part.tokens;
    let pi = 0;
    for (let i = 0; i < tokens.length; i++) {
      const cands = byFirst.get(tokens[i].norm);
      if (!cands) continue;
      const prev = i > 0 ? tokens[i - 1].text.toLowerCase() : '';
      // After a determiner; or bare at a sentence's start or after "In one embodiment,".
      const bare =
        i === 0 ||
        part.sentenceOf[i - 1] !== part.sentenceOf[i] ||
        (/^(?:embodiments?|implementations?|examples?|aspects?)$/.test(prev) && /,\s*$/.test(text.slice(tokens[i - 1].end, tokens[i].start)));
      if (prev !== 'the' && prev !== 'said' && prev !== 'each' && prev !== 'a' && prev !== 'an' && !bare) continue;
      for (const words of cands) {
        let ok = true;
        for (let k = 1; k < words.length; k++) if (tokens[i + k]?.norm !== words[k] || part.sentenceOf[i + k] !== part.sentenceOf[i]) ok = false;
        if (!ok) continue;
        let j = i + words.length;
        // The phrase must end here: a noun right after would make it a different term.
        if (j < tokens.length && numeralAt.has(tokens[j].start)) j++;
        const gap = (x: number) => text.slice(tokens[x - 1].end, tokens[x].start);
        // "the glove of the present invention includes ...": the document naming itself.
        const self = /^of (?:the (?:present )?|this )(?:invention|disclosure)$/i;
        for (const n of [3, 4])
          if (
            j + n < tokens.length &&
            self.test(
              tokens
                .slice(j, j + n)
                .map((t) => t.text)
                .join(' '),
            )
          )
            j += n;
        if (j >= tokens.length || !/^\s+$/.test(gap(j))) break;
        let hedgedModal = false;
        while (j < tokens.length && MODALS.has(tokens[j].text.toLowerCase()) && /^\s+$/.test(gap(j))) {
          hedgedModal = true;
          j++;
        }
        const v = tokens[j]?.text.toLowerCase();
        const forms = v ? VERBS[v] : undefined;
        if (!forms || !/^\s+$/.test(gap(j)) || part.sentenceOf[j] !== part.sentenceOf[i]) break;
        // "is made of", "is coupled to"; and a participle with what it is done in or by ("may be
        // displayed in a hierarchical fashion", "is mounted on the frame").
        const after = tokens[j + 1]?.text ?? '';
        const participle = /^[a-z]{3,}(?:ed|en)$/.test(after) && /^(?:in|on|at|to|by|with|from|into|onto|within|inside|along|between|through|as|using)$/i.test(tokens[j + 2]?.text ?? '');
        if ((v === 'is' || v === 'are' || v === 'be') && !IS_NEXT.test(after) && !participle) break;
        if (v === 'be' && !hedgedModal) break;
        // A participle or "with" introduces a part only: "having a taper", never "having been".
        if ((v === 'having' || v === 'with' || v === 'including' || v === 'comprising' || v === 'containing') && !/^(?:a|an|one|at least|two|three|a plurality)$/i.test(tokens[j + 1]?.text ?? ''))
          break;
        while (pi < list.length && list[pi].end <= tokens[i].start) pi++;
        const passage = list[pi];
        if (!passage || passage.start > tokens[i].start) break;
        const restStart = tokens[j].end;
        const rest = cleanRest(
          text,
          restStart,
          passage.end,
          part.numerals.filter((n) => n.start >= restStart && n.start < passage.end).map((n) => [n.start, n.end] as [number, number]),
        );
        if (!rest || /^(?:to|been|not|no|its|their|his|her|this|that|these|those|also|only|more|less|some|any|all|many|much|other)\b/i.test(rest)) break;
        // "has contacted": a tense, not a part.
        if (forms[0] === 'has' && /^(?:[a-z]+ed|been|taken|given|shown|seen|known|chosen|become)\b/i.test(rest)) break;
        const key = alias.get(words.join(' ')) ?? words.join(' ');
        const info = terms.get(key)!;
        const verb = info.plural ? forms[1] : forms[0];
        const introduces = /^(?:a|an|one or more|at least one|a plurality of)\b/i.test(rest);
        const hedged = HEDGE.test(passage.text) || hedgedModal;
        const restWords = countWords(rest);
        const score = (hedged ? 4 : 0) + (forms[0] === 'is' ? 0 : 2) + (introduces ? 2 : 0) + words.length - restWords / 8;
        out.push({ key, passage, predicate: `${verb} ${rest}`, verb, introduces, hedged, score });
        break;
      }
    }
  }
  return out;
}

/** The rest of a feature clause: to the end of the clause, numerals removed; undefined if unusable. */
function cleanRest(text: string, start: number, end: number, numerals: [number, number][]): string | undefined {
  let s = '';
  let pos = start;
  for (const [ns, ne] of numerals) {
    s += text.slice(pos, ns);
    pos = ne;
  }
  s += text.slice(pos, end);
  s = stripLooseNumerals(
    s
      .replace(/^\s*\d{1,4}[a-z]?'?(?=\s)/, '')
      .replace(/\s*\(\s*\)/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );

  const cut = /;|:|,|\s\(|\.(?:\s|$)/.exec(s);
  if (cut) {
    // "a stationary, portable or wearable device": a list of modifiers cut short is no feature.
    if (
      cut[0] === ',' &&
      /^\s*[\w-]+(?:\s+[\w-]+)?\s*(?:,|\bor\b|\band\b)/.test(s.slice(cut.index + 1)) &&
      !/^\s*(?:and|or|which|where|wherein|while|whereas|but|so|thereby|thus|such|for|e\.g|i\.e)\b/.test(s.slice(cut.index + 1))
    )
      return undefined;
    s = s.slice(0, cut.index);
  }
  s = s.replace(/[\s,]+$/, '');
  // "is a battery and may be ...": one feature at a time.
  const second = /\s(?:and|or)\s(?:may|can|is|are|has|have|also)\b/i.exec(s);
  if (second) s = s.slice(0, second.index);
  // A long clause keeps its first part: up to "where", "which", "such that", "so that", "thereby".
  if (countWords(s) > 25) {
    const m = /\s(?:where|wherein|which|such that|so that|thereby|whereby|while)\s/i.exec(s);
    if (m) s = s.slice(0, m.index);
  }
  if (/\b(?:of|to|in|on|at|by|for|from|with|than|and|or|a|an|the|said|its|their|as|into|between|about)$/i.test(s)) return undefined;
  const words = countWords(s);
  if (words < 1 || words > 25) return undefined;
  if (BAD_REST.test(s) || (/\d{2,}/.test(s) && /\b(?:FIG|claim)/i.test(s))) return undefined;
  if (/^(?:not|also|the same|shown|described|illustrated|used)\b/i.test(s)) return undefined;
  if (/["“”\[\]{}=<>]/.test(s)) return undefined;
  return s;
}

const NOT_BEFORE_NUMBER = new Set([
  'to',
  'of',
  'than',
  'about',
  'approximately',
  'from',
  'between',
  'and',
  'or',
  'by',
  'at',
  'claim',
  'claims',
  'fig',
  'figs',
  'figure',
  'step',
  'with',
  'up',
  'over',
  'under',
  'below',
  'above',
  'least',
  'most',
  'is',
  'are',
  'be',
  'for',
  'in',
  'on',
]);

/** Reference numerals the disclosure index did not catch: "a modem 656 or ..." → "a modem or ...". */
function stripLooseNumerals(s: string): string {
  return s.replace(/([A-Za-z][\w-]*)\s+\d{1,4}[a-z]?'?(?=\s*$|\s*[,.;:)]|\s+([A-Za-z]+))/g, (whole: string, word: string, next: string | undefined) => {
    if (NOT_BEFORE_NUMBER.has(word.toLowerCase())) return whole;
    if (next && !STOP.has(next.toLowerCase()) && !/^(?:runs?|is|are|has|have)$/i.test(next)) return whole;
    return word;
  });
}

/** Content words of a text (norms, stop words and numbers left out). */
function contentNorms(s: string): string[] {
  return tokenize(s)
    .map((t) => t.norm)
    .filter((w) => w.length > 2 && !STOP.has(w) && !/^\d/.test(w));
}

/** Whether some claim already recites every content word of the feature. */
function recited(a: Analysis, key: string, predicate: string): boolean {
  const words = [...new Set([...key.split(' '), ...contentNorms(predicate.replace(/^\w+\s/, ''))])];
  if (words.length === 0) return true;
  for (const ct of a.claimTokens.values()) if (words.every((w) => ct.byNorm.has(w))) return true;
  return false;
}

/** "the X" for terms the claims do not introduce become "a X" (the first time). */
function fixArticles(s: string, available: Set<string>): string {
  const tokens = tokenize(s);
  const gapOk = (i: number) => i + 1 < tokens.length && /^[ \t]*$/.test(s.slice(tokens[i].end, tokens[i + 1].start));
  const introduced = new Set(available);
  const edits: [number, number, string][] = [];
  for (const p of findPhrases(tokens, gapOk)) {
    const words: Token[] = tokens.slice(p.first, p.last + 1);
    const key = words.map((t) => t.norm).join(' ');
    const det = tokens[p.detFirst];
    if (p.kind === 'indefinite') introduced.add(key);
    else if (p.kind === 'definite' && !introduced.has(key) && p.detFirst === p.first - 1) {
      const plural = words[words.length - 1].text.toLowerCase() !== words[words.length - 1].norm;
      edits.push([det.start, words[0].start, plural ? '' : indefiniteArticle(words[0].text) + ' ']);
      introduced.add(key);
    }
  }
  for (const [st, en, rep] of edits.reverse()) s = s.slice(0, st) + rep + s.slice(en);
  return s;
}

/** What the claim claims, as its preamble names it: "monitoring system" for "A monitoring
 *  system for ovens, comprising". Falls back to the claim's category. */
export function claimSubject(a: Analysis, c: Claim): string {
  // The nearest claim of the chain that names its subject itself ("An organic EL device ...
  // comprising the material of claim 1" claims a device, not a material).
  const chain = claimWithAncestors(a, c.number).reverse();
  const root = chain.find((x) => /^\s*(?:an?|one)\s/i.test(x.preamble)) ?? chain[chain.length - 1] ?? c;
  const pre = collapse(root.preamble).replace(/^(?:an?|one|the)\s+/i, '');
  const m =
    /^([^,;:()]*?)(?=\s+(?:for|of|to|in|on|at|by|with|that|which|wherein|comprising|including|having|containing|consisting|according|as|configured|adapted|operable|employable|usable|suitable|capable|used|represented|[a-z]+ed)\b|[,;:(]|$)/i.exec(
      pre,
    );
  const head = m ? m[1].trim() : '';
  const cat = c.category || root.category;
  if (head && head.split(' ').length <= 5) return head;
  return cat || 'invention';
}

// ---------------------------------------------------------------------------------------------
// Dependent claims

interface Candidate {
  text: string;
  feature: Feature;
}

function dependentCandidates(a: Analysis, parent: Claim, count: number): Candidate[] {
  const terms = availableTerms(a, parent.number);
  const features = findFeatures(a, terms).filter((f) => !recited(a, f.key, f.predicate));
  features.sort((x, y) => y.score - x.score || x.passage.order - y.passage.order || x.predicate.localeCompare(y.predicate));
  const available = new Set(terms.keys());
  const category = claimSubject(a, parent);
  const subjectKey = tokenize(category)
    .map((t) => t.norm)
    .join(' ');
  const perTerm = new Map<string, number>();
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const f of features) {
    if (out.length >= count * 6) break;
    if ((perTerm.get(f.key) ?? 0) >= 2) continue;
    const fixed = featureBody(f, terms, subjectKey, available);
    const sig = contentNorms(fixed).join(' ');
    if (seen.has(sig)) continue;
    seen.add(sig);
    perTerm.set(f.key, (perTerm.get(f.key) ?? 0) + 1);
    out.push({ text: `The ${category} of claim ${parent.number}, ${fixed}.`, feature: f });
  }
  return out;
}

function featureBody(f: Feature, terms: Map<string, { phrase: string; plural: boolean }>, subjectKey: string, available: Set<string>): string {
  const body =
    f.key === subjectKey && f.introduces && /^(?:comprises|includes|comprise|include)\b/.test(f.predicate)
      ? `further comprising ${f.predicate.replace(/^\w+\s/, '')}`
      : `wherein the ${terms.get(f.key)!.phrase} ${f.predicate}`;
  return fixArticles(body, available);
}

function dependentSegments(a: Analysis, parent: Claim, count: number, signal?: AbortSignal): Segment[] {
  const next = nextClaimNumber(a);
  const cands = dependentCandidates(a, parent, count);
  if (cands.length === 0) return [];
  // Check every candidate against its parent in one temporary matter.
  const generated: GeneratedClaim[] = cands.map((c, i) => ({ number: next + i, text: `${next + i}. ${c.text}`, start: 0 }));
  const findings = checkGeneratedClaims(a, generated, signal);
  // Keep only candidates every check passes (dependent-scope included): no warning, no error.
  const kept = cands.map((c, i) => ({ c, f: findings.get(next + i) ?? [] })).filter((x) => !x.f.some((f) => f.severity !== 'info'));
  return kept.slice(0, count).map((x, i) => {
    const number = next + i;
    const lead = i === 0 ? '' : '\n\n';
    const text = `${lead}${number}. ${x.c.text}`;
    const oldPrefix = `${next + cands.indexOf(x.c)}. `.length;
    const shift = lead.length + `${number}. `.length - oldPrefix;
    return { text, source: [sourceOf(a, x.c.feature.passage)], findings: x.f.map((f) => ({ ...f, claim: number, start: f.start + shift, end: f.end + shift })) };
  });
}

// ---------------------------------------------------------------------------------------------
// Continue a claim

function continueSegments(a: Analysis, claim: Claim, partialText?: string): Segment[] {
  const partial = (partialText ?? collapse(claim.text).replace(/\.\s*$/, '')).replace(/\s+$/, '');
  const sep = partialText !== undefined && /\s$/.test(partialText) ? '' : ' ';
  const terms = availableTerms(a, claim.number);
  // Within the claim's own text too: terms introduced so far in the partial.
  const atBoundary = /[;:]$/.test(partial) || /\b(?:and|or)$/.test(partial);
  if (partialText !== undefined && !atBoundary && !/[.,]$/.test(partial)) {
    const words = nextWords(a, partial);
    if (words) return [{ text: sep + words.text, source: [sourceOf(a, words.passage)] }];
  }
  const features = findFeatures(a, terms).filter((f) => !recited(a, f.key, f.predicate) && !recitedIn(partial, f));
  features.sort((x, y) => y.score - x.score || x.passage.order - y.passage.order || x.predicate.localeCompare(y.predicate));
  const available = new Set(terms.keys());
  for (const k of textKeys(partial)) available.add(k);
  if (atBoundary) {
    // A new element: what the claimed thing (or a term of it) comprises.
    const el = features.find((f) => f.introduces && /^(?:comprises|includes|comprise|include|has|have|contains|contain)\b/.test(f.predicate));
    if (el) {
      const body = fixArticles(el.predicate.replace(/^\w+\s/, ''), available);
      return [{ text: `\n   ${body};`, source: [sourceOf(a, el.passage)] }];
    }
  }
  const f = features[0];
  if (!f) throw new DraftError('nothing-to-draft', `the disclosure has no passage that adds to a term of claim ${claim.number} which the claims do not already recite`);
  const body = featureBody(
    f,
    terms,
    tokenize(claimSubject(a, claim))
      .map((t) => t.norm)
      .join(' '),
    available,
  );
  const punct = /[,;:]$/.test(partial) ? '' : ',';
  return [{ text: `${punct}${atBoundary ? '\n   ' : ' '}${body}`, source: [sourceOf(a, f.passage)] }];
}

function textKeys(s: string): string[] {
  const tokens = tokenize(s);
  const gapOk = (i: number) => i + 1 < tokens.length && /^\s*$/.test(s.slice(tokens[i].end, tokens[i + 1].start));
  return findPhrases(tokens, gapOk)
    .filter((p) => p.kind === 'indefinite')
    .map((p) =>
      tokens
        .slice(p.first, p.last + 1)
        .map((t) => t.norm)
        .join(' '),
    );
}

function recitedIn(partial: string, f: Feature): boolean {
  const norms = new Set(tokenize(partial).map((t) => t.norm));
  const words = contentNorms(f.predicate.replace(/^\w+\s/, ''));
  return words.length > 0 && words.every((w) => norms.has(w));
}

/** The words that most often follow the partial's last words in the disclosure. */
function nextWords(a: Analysis, partial: string): { text: string; passage: Passage } | undefined {
  const tail = tokenize(partial).slice(-6);
  if (tail.length === 0) return undefined;
  const sentences = disclosureSentences(a);
  const byUri = new Map<string, Passage[]>();
  for (const p of sentences) (byUri.get(p.uri) ?? byUri.set(p.uri, []).get(p.uri)!).push(p);
  for (let len = tail.length; len >= 2; len--) {
    const seq = tail.slice(tail.length - len).map((t) => t.norm);
    if (seq.every((w) => STOP.has(w))) continue;
    const found = new Map<string, { n: number; text: string; passage: Passage }>();
    for (const { part, text } of partTextAndTokens(a)) {
      const tokens = part.tokens;
      const list = byUri.get(part.uri) ?? [];
      for (let i = 0; i + len < tokens.length; i++) {
        if (tokens[i].norm !== seq[0]) continue;
        let ok = true;
        for (let k = 1; k < len; k++) if (tokens[i + k].norm !== seq[k] || part.sentenceOf[i + k] !== part.sentenceOf[i]) ok = false;
        if (!ok) continue;
        const after = tokens[i + len - 1].end;
        if (/^[.,;:]/.test(text.slice(after, after + 1))) continue;
        const passage = list.find((p) => p.start <= tokens[i].start && p.end > after);
        if (!passage) continue;
        const numerals = part.numerals.filter((n) => n.start >= after && n.start < passage.end).map((n) => [n.start, n.end] as [number, number]);
        const rest = cleanRest(text, after, passage.end, numerals);
        if (!rest) continue;
        const words = rest.split(' ').slice(0, 12).join(' ');
        const norm = words.toLowerCase();
        const e = found.get(norm);
        if (e) e.n++;
        else found.set(norm, { n: 1, text: words, passage });
      }
    }
    if (found.size) {
      const best = [...found.values()].sort((x, y) => y.n - x.n || x.passage.order - y.passage.order)[0];
      return { text: best.text, passage: best.passage };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// A claim from a passage

function claimSegments(a: Analysis, passageText: string, given: DraftSource | undefined, signal?: AbortSignal): Segment[] {
  const passage = collapse(passageText)
    .replace(
      /^(?:in (?:some|one|certain|another|an|various)\s+(?:\w+\s+)?(?:embodiments?|implementations?|examples?|aspects?)(?: of the (?:present )?(?:invention|disclosure))?|optionally|alternatively|preferably),?\s*/i,
      '',
    )
    .replace(/\s*\((?:\d{1,4}[a-z]?'?(?:,\s*)?)+\)/g, '')
    .replace(/([A-Za-z])\s+\d{1,4}[a-z]?'?(?=[\s,.;:)]|$)/g, '$1');
  if (!/\p{L}/u.test(passage)) throw new DraftError('nothing-to-draft', 'the passage is empty');
  const source = given ?? findSource(a, passageText);
  const method = methodClaim(passage, nextClaimNumber(a));
  if (method) {
    const findings = checkGeneratedClaims(a, [{ number: nextClaimNumber(a), text: method.join(''), start: 0 }], signal).get(nextClaimNumber(a)) ?? [];
    return linesToSegments(method, findings, source);
  }
  const tokens = tokenize(passage);
  const gapOk = (i: number) => i + 1 < tokens.length && /^\s*$/.test(passage.slice(tokens[i].end, tokens[i + 1].start));
  const phrases = findPhrases(tokens, gapOk);
  let subject: string | undefined;
  let elements: string[] = [];
  const first = phrases[0];
  if (first) {
    let j = first.last + 1;
    while (j < tokens.length && MODALS.has(tokens[j].text.toLowerCase())) j++;
    const v = tokens[j]?.text.toLowerCase();
    if (v && /^(?:comprises?|includes?|contains?|has|have|having|including|comprising)$/.test(v)) {
      subject = passage.slice(tokens[first.first].start, tokens[first.last].end);
      const object = passage.slice(tokens[j].end).replace(/^\s*(?:of\s+)?/, '');
      const end = /\.(?:\s|$)/.exec(object);
      elements = splitList((end ? object.slice(0, end.index) : object).replace(/[.\s]+$/, ''));
    }
  }
  if (!subject || elements.length === 0) {
    // No "X comprises A, B and C": the claimed thing is the matter's own category, and the
    // elements the passage's indefinite noun phrases with what qualifies them.
    const root = broadestIndependent(a);
    subject = root ? claimSubject(a, root) : 'device';
    elements = [];
    for (const p of phrases.filter((x) => x.kind === 'indefinite')) {
      const start = tokens[p.detFirst].start;
      const m = /^[^,;.]*/.exec(passage.slice(start))!;
      const el = m[0]
        .replace(/\s+(?:and|or)\s*$/, '')
        .replace(/\s+(?:and|or)\s+(?:a|an)\s.*$/, '')
        .trim();
      if (el && !elements.some((e) => e.includes(el) || el.includes(e))) elements.push(el);
      if (elements.length >= 6) break;
    }
  }
  elements = elements.map((e) => e.replace(/^(?:the|said)\s+/i, (_m) => `${indefiniteArticle(e.replace(/^\S+\s+/, ''))} `)).filter((e) => /\p{L}/u.test(e));
  if (elements.length === 0) throw new DraftError('nothing-to-draft', 'the passage names no element to claim (no "a ..." or "an ..." noun phrase)');
  subject = subject.replace(/^(?:the|said|a|an)\s+/i, '');
  const next = nextClaimNumber(a);
  const pre = `${next}. ${sentenceCase(indefiniteArticle(subject))} ${subject} comprising`;
  const lines = elements.length === 1 ? [`${pre} ${elements[0]}.`] : [`${pre}:`, ...elements.map((e, i) => `\n   ${e}${i === elements.length - 1 ? '.' : i === elements.length - 2 ? '; and' : ';'}`)];
  const text = lines.join('');
  const findings = checkGeneratedClaims(a, [{ number: next, text, start: 0 }], signal).get(next) ?? [];
  return linesToSegments(lines, findings, source);
}

/** One segment per line; each finding goes with the segment it starts in. */
function linesToSegments(lines: string[], findings: DraftFinding[], source: DraftSource | undefined): Segment[] {
  const src = source ? [source] : [];
  let at = 0;
  return lines.map((l) => {
    const s = at;
    at += l.length;
    const fs = findings.filter((f) => f.start >= s && f.start < at).map((f) => ({ ...f, start: f.start - s, end: f.end - s }));
    return { text: l, source: src, ...(fs.length ? { findings: fs } : {}) };
  });
}

/** "a method is provided for X, the method including receiving A, creating B, and providing C"
 *  → a method claim with one step per line; undefined when the passage is not a method of steps. */
function methodClaim(passage: string, next: number): string[] | undefined {
  const sentence = passage.split(/\.(?:\s|$)/)[0];
  const m =
    /\b(?:a|an|the)\s+((?:[\w-]+\s+){0,3}?(?:method|process))\b(?:\s+is\s+provided|\s+is\s+disclosed)?\s*((?:for|of)\s+[^,;:]+?)?\s*,?\s*(?:(?:the|said)\s+(?:method|process)\s+)?(?:including|comprising|comprises|includes)\s*:?\s+(.*)$/i.exec(
      sentence,
    );
  if (!m) return undefined;
  const chunks = m[3].split(/\s*(?:;|,)\s*(?:and\s+)?/);
  const steps: string[] = [];
  let carry = '';
  for (const c of chunks) {
    const t = c.trim().replace(/^and\s+/i, '');
    if (!t) continue;
    if (/^[a-z]+ing\b/i.test(t) && !/^(?:according|including|comprising)\b/i.test(t)) {
      steps.push(carry ? `${carry}, ${t}` : t);
      carry = '';
    } else if (steps.length === 0 && !carry && !/^(?:responsive|in response|upon|after|when|if|where)\b/i.test(t)) return undefined;
    else carry = carry ? `${carry}, ${t}` : t;
  }
  if (carry && steps.length) steps[steps.length - 1] += `, ${carry}`;
  if (steps.length < 2) return undefined;
  const pre = `${next}. A ${m[1].toLowerCase()}${m[2] ? ' ' + m[2].trim() : ''}, the ${m[1].toLowerCase().split(' ').pop()} comprising:`;
  return [pre, ...steps.map((st, i) => `\n   ${st}${i === steps.length - 1 ? '.' : i === steps.length - 2 ? '; and' : ';'}`)];
}

function splitList(s: string): string[] {
  const parts = s.split(/\s*(?:;|,\s*(?:and|or)\s+|,\s+|\s+and\s+(?=(?:a|an|one|at least|two|the)\b))\s*/i);
  return parts.map((p) => p.trim()).filter((p) => /^(?:a|an|one or more|at least one|two|three|a plurality of|the)\b/i.test(p));
}

function findSource(a: Analysis, passage: string): DraftSource | undefined {
  const want = collapse(passage).toLowerCase();
  const p = disclosureSentences(a).find((s) => s.text.toLowerCase().includes(want.slice(0, 80)) || want.includes(s.text.toLowerCase()));
  return p ? sourceOf(a, p) : undefined;
}
