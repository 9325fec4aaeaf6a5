// Wording checks, info by default: relative terms, means-plus-function, "patent profanity".
import type { DisclosurePart, ParagraphIndex } from '../disclosure';
import { wordSpans } from '../words';
import type { Check, CheckContext } from './context';

interface WordRule {
  re: RegExp;
  message: (m: string, claim?: number) => string;
}

function scanClaims(ctx: CheckContext, rules: WordRule[], code: 'relative-term' | 'means-plus-function' | 'patent-profanity', report: Parameters<Check>[1]) {
  const masked = ctx.claimsLayout?.md.masked;
  if (!masked) return;
  for (const c of ctx.claims) {
    if (c.canceled) continue;
    const s = c.textRange.start.offset;
    for (const r of rules) {
      r.re.lastIndex = 0;
      for (let m = r.re.exec(c.text); m; m = r.re.exec(c.text)) {
        report(code, { message: r.message(m[0], c.number), uri: c.uri, start: s + m.index, end: s + m.index + m[0].length, claim: c.number, data: { phrase: m[0] } });
      }
    }
  }
}

const RELATIVE: WordRule[] = [
  {
    // "about" is a term of degree before a quantity ("about 5 mm"), a preposition otherwise ("pivots about a hinge").
    re: /\babout(?=\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|half|twice|the\s+same|equal)\b)|\b(?:approximately|substantially|generally|relatively|significantly|sufficiently|considerably|slightly|nearly|roughly|essentially(?!\s+of\b))\b/gi,
    message: (m, n) => `"${m}" in claim ${n} is a term of degree: the description must give a standard for measuring it, or the claim is indefinite (MPEP 2173.05(b)).`,
  },
  {
    re: /\b(?:such\s+as|or\s+the\s+like|and\s+the\s+like|or\s+similar|for\s+example|e\.g\.)/gi,
    message: (m, n) => `"${m}" in claim ${n} is exemplary language: it leaves unclear whether what follows limits the claim (MPEP 2173.05(d)).`,
  },
];

/** "X-type" (MPEP 2173.05(b)(III)(E)); a plain "type of" is ordinary English and is left alone. The word before "-type" is found by a bounded
 *  backward scan rather than a regex such as /[\w-]+-type/, which backtracks quadratically on a long
 *  hyphenated run. */
/** "-type" words that name a definite class in their art: conductivity types of semiconductors, wild type. */
const TERM_OF_ART_TYPE = /^(?:[pn][+-]?|wild|n-channel|p-channel)-type$/i;

function findTypeWords(text: string): { index: number; match: string }[] {
  const out: { index: number; match: string }[] = [];
  const re = /-type\b/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0][0] !== '-') {
      out.push({ index: m.index, match: m[0] });
      continue;
    }
    let s = m.index;
    while (s > 0 && m.index - s < 40 && /[\w-]/.test(text[s - 1])) s--;
    const word = text.slice(s, m.index + m[0].length);
    if (s < m.index && !TERM_OF_ART_TYPE.test(word)) out.push({ index: s, match: word });
  }
  return out;
}

/** 35 USC 112(f), MPEP 2181: "means for", or a nonce word with functional language and no structure. */
export const meansPlusFunction: Check = (ctx, report) => {
  const masked = ctx.claimsLayout?.md.masked;
  if (!masked) return;
  const MEANS = /\b(?:means|step)\s+(?:for|to)\b/gi;
  const NONCE =
    /\b(module|unit|mechanism|element|component|device|logic|engine|circuitry)\s+(?:for\s+[a-z]+ing\b|(?:configured|operable|adapted|arranged|programmed|designed)\s+to\b|so\s+as\s+to\b|capable\s+of\b)/gi;
  for (const c of ctx.claims) {
    if (c.canceled) continue;
    const s = c.textRange.start.offset;
    const preambleEnd = c.transitionRange ? c.transitionRange.start.offset - s : c.dependency ? c.dependency.range.end.offset - s : 0;
    MEANS.lastIndex = 0;
    for (let m = MEANS.exec(c.text); m; m = MEANS.exec(c.text)) {
      const isStep = /^step/i.test(m[0]);
      report('means-plus-function', {
        message: `"${m[0]}" in claim ${c.number} invokes 35 USC 112(f): the claim covers the ${isStep ? 'acts' : 'structure'} described in the specification for that function and equivalents, so the description must disclose ${isStep ? 'them' : 'corresponding structure'} (MPEP 2181).`,
        uri: c.uri,
        start: s + m.index,
        end: s + m.index + m[0].length,
        claim: c.number,
        data: { phrase: m[0] },
      });
    }
    NONCE.lastIndex = 0;
    for (let m = NONCE.exec(c.text); m; m = NONCE.exec(c.text)) {
      if (m.index < preambleEnd) continue;
      report('means-plus-function', {
        message: `"${m[0]}" in claim ${c.number}: "${m[1]}" is a nonce word followed by functional language; without structure recited for it, it may be read under 35 USC 112(f) (MPEP 2181(I)(A), Williamson v. Citrix).`,
        uri: c.uri,
        start: s + m.index,
        end: s + m.index + m[0].length,
        claim: c.number,
        data: { phrase: m[0], nonce: m[1] },
      });
    }
  }
};

export const relativeTerm: Check = (ctx, report) => {
  scanClaims(ctx, RELATIVE, 'relative-term', report);
  for (const c of ctx.claims) {
    if (c.canceled) continue;
    const s = c.textRange.start.offset;
    for (const { index, match } of findTypeWords(c.text)) {
      report('relative-term', {
        message: `"${match}" in claim ${c.number}: "type" widens a term to an unascertainable scope (MPEP 2173.05(b)(III)(E)).`,
        uri: c.uri,
        start: s + index,
        end: s + index + match.length,
        claim: c.number,
        data: { phrase: match },
      });
    }
  }
};

const PROFANITY =
  /\b(?:(?:the\s+)?present\s+invention|this\s+invention|critical(?:ly)?|essential|crucial|vital|indispensable|must|always|never|necessar(?:y|ily)|required|requires|imperative|mandatory)\b/gi;

/** "if necessary", "as required", "where needed", "not necessarily": these permit, they do not limit. ("Essentially" is
 *  a term of degree, reported by relative-term in the claims.) */
const PERMISSIVE_BEFORE = /\b(?:if|as|when|whenever|where|wherever|than|unless|not|need\s+not)\s+(?:(?:is|are|be|it\s+is|otherwise|so)\s+)?$/i;

const profanityHits = new WeakMap<DisclosurePart, [number, number][]>();

function findProfanity(masked: string, start: number, end: number): [number, number][] {
  const text = masked.slice(start, end);
  const out: [number, number][] = [];
  PROFANITY.lastIndex = 0;
  for (let m = PROFANITY.exec(text); m; m = PROFANITY.exec(text)) {
    if (/^necessar|^required$/i.test(m[0]) && PERMISSIVE_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
    out.push([start + m.index, start + m.index + m[0].length]);
  }
  return out;
}

/** One paragraph's matches, relative to it, each with whether the words before it are to be read (a
 *  permissive "if necessary"), and whether a match may run on into the next paragraph (its text ends
 *  with a word that starts a phrase of the pattern): kept with the paragraph's index. */
interface ParagraphHits {
  hits: [number, number, boolean][];
  open: boolean;
}
const paragraphHits = new WeakMap<ParagraphIndex, ParagraphHits>();
const OPEN_END = /\b(?:the|present|this)\s+$/i;

function hitsOf(para: ParagraphIndex): ParagraphHits {
  let v = paragraphHits.get(para);
  if (v) return v;
  const text = para.text;
  const hits: [number, number, boolean][] = [];
  PROFANITY.lastIndex = 0;
  for (let m = PROFANITY.exec(text); m; m = PROFANITY.exec(text)) hits.push([m.index, m.index + m[0].length, /^necessar|^required$/i.test(m[0])]);
  v = { hits, open: OPEN_END.test(text) };
  paragraphHits.set(para, v);
  return v;
}

/** A part's matches, as `findProfanity` over its text finds them: from its paragraphs' own matches (an edit
 *  re-reads the paragraph it is in), unless a match may cross a paragraph break, where the part is read whole. */
function partProfanity(part: DisclosurePart, masked: string): [number, number][] {
  const per = part.paragraphs.map((p) => hitsOf(p.para));
  if (per.some((h) => h.open)) return findProfanity(masked, part.start, part.end);
  const out: [number, number][] = [];
  for (let i = 0; i < per.length; i++) {
    const o = part.paragraphs[i].offset;
    for (const [s, e, lookBack] of per[i].hits) {
      const at = o + s;
      if (lookBack && PERMISSIVE_BEFORE.test(masked.slice(Math.max(part.start, at - 24), at))) continue;
      out.push([at, o + e]);
    }
  }
  return out;
}

/** Words that limit or characterise the invention and are later held against it. */
export const patentProfanity: Check = (ctx, report) => {
  const seen = new Set<string>();
  const scan = (uri: string, masked: string, start: number, end: number, inClaims: boolean, part?: DisclosurePart) => {
    let hits = part ? profanityHits.get(part) : undefined;
    if (!hits) {
      hits = part ? partProfanity(part, masked) : findProfanity(masked, start, end);
      if (part) profanityHits.set(part, hits);
    }
    for (const [hs, he] of hits) {
      const k = `${uri}:${hs}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const word = masked.slice(hs, he).replace(/\s+/g, ' ');
      report('patent-profanity', {
        message: /invention/i.test(word)
          ? `"${word}" characterises the whole invention: statements about "the invention" are read as limiting every claim; prefer "in some embodiments" or "the disclosure".`
          : `"${word}" ${inClaims ? 'in a claim' : 'in the description'} marks a feature as indispensable, which can narrow every claim's scope; prefer permissive wording ("may", "in some embodiments").`,
        uri,
        start: hs,
        end: he,
        data: { phrase: word },
      });
    }
  };
  for (const c of ctx.claims) if (!c.canceled && ctx.claimsLayout) scan(c.uri, ctx.claimsLayout.md.masked, c.textRange.start.offset, c.textRange.end.offset, true);
  for (const part of ctx.disclosure) {
    const l = ctx.layoutOf(part.uri);
    if (l) scan(part.uri, l.md.masked, part.start, part.end, false, part);
  }
};

/** 37 CFR 1.72(b), MPEP 608.01(b): one paragraph, 50–150 words, no legal phraseology. */
export const abstractCheck: Check = (ctx, report) => {
  const l = ctx.abstractLayout;
  const sec = l?.abstract;
  if (!l || !sec) return;
  const text = l.md.masked.slice(sec.start, sec.end);
  const tokens = wordSpans(l.md.masked, sec.start, sec.end);
  if (tokens.length === 0) {
    report('abstract', { message: 'The abstract is empty; an abstract of 50 to 150 words is required (37 CFR 1.72(b)).', uri: l.uri, start: sec.start, end: sec.start, severity: 'error' });
    return;
  }
  const first = tokens[0].start;
  const last = tokens[tokens.length - 1].end;
  const words = tokens.length;
  if (words > 150) {
    report('abstract', {
      message: `The abstract has ${words} words; it may not exceed 150 words (37 CFR 1.72(b)). Cut ${words - 150}.`,
      uri: l.uri,
      start: tokens[150].start,
      end: last,
      severity: 'error',
      data: { words },
    });
  } else if (words < 50) {
    report('abstract', {
      message: `The abstract has ${words} words; MPEP 608.01(b) asks for 50 to 150 words.`,
      uri: l.uri,
      start: first,
      end: last,
      data: { words },
    });
  }
  const paragraphs = text
    .trim()
    .split(/\n[ \t]*\n/)
    .filter((p) => p.trim()).length;
  if (paragraphs > 1) {
    report('abstract', {
      message: `The abstract has ${paragraphs} paragraphs; it must be a single paragraph (MPEP 608.01(b)).`,
      uri: l.uri,
      start: first,
      end: last,
      data: { paragraphs },
    });
  }
  const open = /^(?:this|the\s+present|the)\s+(?:invention|disclosure|application|patent)\s+(?:relates|pertains|is\s+directed|concerns|describes|provides)\b[^.]*/i.exec(text.slice(first - sec.start));
  if (open) {
    report('abstract', {
      message: `The abstract opens with "${open[0].split(/\s+/).slice(0, 4).join(' ')}…"; avoid phrases that can be implied and start with what the invention is or does (MPEP 608.01(b)).`,
      uri: l.uri,
      start: first,
      end: first + open[0].length,
    });
  }
  const LEGAL = /\b(?:means|said|comprising|comprises)\b/gi;
  for (let m = LEGAL.exec(text); m; m = LEGAL.exec(text)) {
    const repl: Record<string, string> = { means: 'a device', said: 'the', comprising: 'including', comprises: 'includes' };
    const w = m[0].toLowerCase();
    const start = sec.start + m.index;
    const rep = repl[w];
    report('abstract', {
      message: `Legal phraseology "${m[0]}" in the abstract; write "${rep}" or plain words instead (MPEP 608.01(b)).`,
      uri: l.uri,
      start,
      end: start + m[0].length,
      fixes:
        w === 'means'
          ? undefined
          : [
              {
                title: `Replace with "${rep}"`,
                edits: [{ uri: l.uri, range: l.lines.range(start, start + m[0].length), newText: /^[A-Z]/.test(m[0]) ? rep[0].toUpperCase() + rep.slice(1) : rep }],
                preferred: true,
              },
            ],
    });
  }
};

/** 37 CFR 1.72(a), MPEP 606: at most 500 characters; no "new", "improved", or leading article. */
export const titleCheck: Check = (ctx, report) => {
  const l = ctx.titleLayout;
  const t = l?.title;
  if (!l || !t || t.end <= t.start) return;
  if (t.text.length > 500) {
    report('title', { message: `The title has ${t.text.length} characters; it may not exceed 500 (37 CFR 1.72(a)).`, uri: l.uri, start: t.start, end: t.end, severity: 'error' });
  }
  const m = /^(?:(new|novel|improved|improvement\s+(?:in|of))|(a|an|the))\b/i.exec(t.text);
  if (m) {
    report('title', {
      message: m[1]
        ? `The title starts with "${m[0]}"; words such as "new" or "improved" are not to be used in a title (MPEP 606).`
        : `The title starts with the article "${m[0]}"; begin with the subject itself (MPEP 606).`,
      uri: l.uri,
      start: t.start,
      end: t.start + m[0].length,
      fixes: [{ title: `Remove "${m[0]}"`, edits: [{ uri: l.uri, range: l.lines.range(t.start, t.start + m[0].length + (t.text[m[0].length] === ' ' ? 1 : 0)), newText: '' }] }],
    });
  }
};
