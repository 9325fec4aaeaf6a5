// English rules every host shares: "a"/"an" by sound, singular and plural (one table), case
// agreement, and replacing a term everywhere in a text with its plurals, capitals and articles kept
// right. Pure and bounded: no `vscode`, no `fs`; every loop and regex runs in linear time.
import { LineIndex } from './text';
import type { Claim, MatterDocument, TextEdit } from './types';

// ---------------------------------------------------------------------------------------------
// Indefinite article

/** Letters whose spoken name starts with a vowel sound: "an F", "an H", "an LED", "an X-ray". */
const VOWEL_NAMED_LETTERS = new Set('aefhilmnorsx');
/** Greek letters whose name starts with a vowel sound ("an α-helix", "a β-blocker"). */
const VOWEL_GREEK = new Set('αεηιοωυΑΕΗΙΟΩΥ');
/** Vowel letter, consonant sound: "a unit", "a user", "a European", "a one-way valve", "a once-through boiler". */
const VOWEL_LETTER_CONSONANT_SOUND = /^(?:uni(?!n|mp|mag|ll|dent|rr)|unanim|unary|us[aeiu]|ur[aeiou]|ut[aeiou]|ubi|uk|eu|ewe|one(?![a-z])|oneself|onefold|once|ouija)/;
/** Consonant letter, vowel sound: "an hour", "an honest", "an heir" (but "a hotel", "a historic"). */
const CONSONANT_LETTER_VOWEL_SOUND = /^(?:hour|honest|hono|heir|herb(?!al)|yt)/;
/** Capitals read as a word although the spelling rule below would spell them out. */
const ACRONYMS_READ_AS_WORDS = new Set(
  (
    'SCSI RISC SIMD NOX SOX SIM RAM ROM LAN WAN MAC NIC HUD LUT FET FAT NOR NAS SAN MOS LIN LUN HAMR SIP MAP ' +
    'FORTRAN HEMT HIPAA MIPS FLOPS ' +
    // English words written in capitals (logic levels, keywords, labels).
    'LOW HIGH NOT SET RESET RUN MAX MIN SUM LOG HOT NET HUB MISS HIT HOLD FAST SLOW FULL NULL LOCK'
  ).split(' '),
);
/** Capitals spelled out although they could be read as a word. */
const ACRONYMS_SPELLED = new Set('UART USART UMTS UNESCO LED SEM TEM FEM FIR NIR MIR ROI SUV SOI FOV HEV MEA FEC SAR HID LOS SOC SOM'.split(' '));
/** Word-initial consonant clusters English allows (a capitalised word starting otherwise is spelled out). */
const ONSETS = new Set(
  ('b c d f g h j k l m n p q r s t v w x y z bl br ch cl cr dr dw fl fr gl gr kl kn kr ph pl pr qu sc sh sk sl sm sn sp ' + 'st sw th tr tw wh wr scr shr spl spr squ str thr').split(' '),
);
/** Word-final consonant pairs English allows ("MEMS", "NAND", "SMART"). */
const CODAS = new Set('ck ct ft gh lb ld lf lk lm lp lt mp ms nd ng nk ns nt ps pt rb rc rd rf rg rk rl rm rn rp rs rt sk sp st ts xt'.split(' '));

/** Whether a run of capitals reads as a word ("NASA", "LIDAR", "MEMS") rather than letter by letter ("FPGA", "HTTP"). */
function readAsWord(caps: string): boolean {
  if (ACRONYMS_READ_AS_WORDS.has(caps)) return true;
  if (ACRONYMS_SPELLED.has(caps) || caps.length < 3) return false;
  const w = caps.toLowerCase();
  const onset = /^[^aeiouy]*/.exec(w)![0];
  if (onset.length === w.length || (onset && !ONSETS.has(onset))) return false;
  // A run of three consonants inside, or an unusual ending, is spelled out ("SRAM" passes the onset test only if "sr" did).
  if (/[^aeiouy]{3}/.test(w.slice(onset.length))) return false;
  const coda = /[^aeiouy]*$/.exec(w)![0];
  if (coda.length > 2 || (coda.length === 2 && !CODAS.has(coda))) return false;
  // Three-letter words are mostly spelled ("LED", "SEM"); the common ones read as words are listed.
  return caps.length > 3;
}

function letterArticle(letter: string): 'a' | 'an' {
  return VOWEL_NAMED_LETTERS.has(letter.toLowerCase()) ? 'an' : 'a';
}

/** The article of a number by its spoken form: "an 8-bit", "an 11-pin", "an 18 mm", "an 80", "an 800"; "a 1-inch". */
function numberArticle(digits: string): 'a' | 'an' {
  const lead = digits.slice(0, ((digits.length - 1) % 3) + 1);
  const v = Number(lead);
  return v === 8 || v === 11 || v === 18 || (v >= 80 && v <= 89) || (v >= 800 && v <= 899) ? 'an' : 'a';
}

function wordArticle(word: string): 'a' | 'an' {
  const w = word.toLowerCase();
  if (CONSONANT_LETTER_VOWEL_SOUND.test(w)) return 'an';
  if (VOWEL_LETTER_CONSONANT_SOUND.test(w)) return 'a';
  return /^[aeiou]/.test(w) ? 'an' : 'a';
}

/** "a" or "an" for the phrase that follows it, by the sound of its first word. */
export function indefiniteArticle(phrase: string): 'a' | 'an' {
  const head = phrase
    .slice(0, 120)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  if (/^[^\p{L}\p{N}]*\.\d/u.test(head)) return 'a'; // ".5 mm": "a point five"
  const m = /[\p{L}\p{N}]+/u.exec(head);
  if (!m) return 'a';
  const token = m[0];
  const first = token[0]!;
  if (VOWEL_GREEK.has(first)) return 'an';
  if (/\d/.test(first)) return numberArticle(/^\d+/.exec(token)![0]);
  // A single letter ("X-ray", "U-shaped", "n-type") and letters with digits ("M8", "I2C", "CO2") are spelled.
  if (token.length === 1 || /\d/.test(token)) return letterArticle(first);
  // Capitals with a plural "s" ("LEDs", "SIMs"), and mixed case with two capitals ("SoC", "LiDAR").
  const bare = /^[A-Z]{2,}s$/.test(token) ? token.slice(0, -1) : token;
  // Lower case then capitals: the first letter is spelled ("an mRNA", "an eNB", "a gNB", "an iOS").
  if (/^[a-z][A-Z]/.test(bare)) return letterArticle(first);
  const capitals = bare.replace(/[^A-Z]/g, '').length;
  if (capitals >= 2 && capitals >= bare.length / 2) {
    const caps = bare.toUpperCase();
    // Spelled, "U" starts with a consonant sound ("a USB port", "a UART") and A, E, I, O with a vowel;
    // read as a word, the word's own rule ("an UNUSED", "a UNIX", "a ONE-WAY", "a EUROPEAN").
    if (/^[AEIOU]/.test(caps)) {
      if (caps === 'ONE' || readAsWord(caps)) return wordArticle(caps);
      return caps[0] === 'U' ? 'a' : 'an';
    }
    return readAsWord(caps) ? 'a' : letterArticle(first);
  }
  return wordArticle(token);
}

/** `word` with the capitalisation of `like` ("The" → "A", "THE" → "A", "the" → "a"). */
export function matchCase(word: string, like: string): string {
  if (!like || !word) return word;
  if (like.length > 1 && like === like.toUpperCase() && /\p{Lu}/u.test(like)) return word.toUpperCase();
  if (/\p{Lu}/u.test(like[0]!)) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** The article to write before `phrase`, given the article that was written ("a"/"an"/"A"/"An"/"AN");
 *  any other determiner is returned as it is. */
export function agreeArticle(written: string, phrase: string): string {
  if (!/^an?$/i.test(written)) return written;
  return matchCase(indefiniteArticle(phrase), written);
}

// ---------------------------------------------------------------------------------------------
// Singular and plural: one table

/** Irregular nouns, singular then plural (and a few regular ones the singular rules would get wrong). */
const IRREGULAR_PAIRS =
  'foot feet,tooth teeth,child children,man men,woman women,mouse mice,index indices,matrix matrices,vertex vertices,' +
  'apex apices,appendix appendices,analysis analyses,axis axes,base bases,crisis crises,hypothesis hypotheses,thesis theses,' +
  'criterion criteria,phenomenon phenomena,medium media,stratum strata,curriculum curricula,lens lenses,process processes,' +
  'bus buses,status statuses,radius radii,nucleus nuclei,focus foci,stimulus stimuli,fungus fungi,half halves,knife knives,' +
  'leaf leaves,shelf shelves,wife wives,life lives,loaf loaves,calf calves,self selves,valve valves,curve curves,' +
  'groove grooves,sleeve sleeves,drive drives,wave waves,die dice,goose geese,ox oxen,quiz quizzes,gas gases,bias biases,' +
  'alias aliases,canvas canvases,atlas atlases,corpus corpora,genus genera,schema schemata,datum data';
const PLURAL_OF: Record<string, string> = {};
const SINGULAR_OF: Record<string, string> = {};
for (const pair of IRREGULAR_PAIRS.split(',')) {
  const [s, p] = pair.split(' ') as [string, string];
  PLURAL_OF[s] = p;
  SINGULAR_OF[p] = s;
}
// "data" is read as a mass noun in claims ("the data" after "a data set"): its singular stays "data".
SINGULAR_OF.data = 'data';
/** Plurals in use besides the table's ("indexes" next to "indices"): matched when replacing a term. */
const ALSO_PLURAL: Record<string, string> = { index: 'indexes', apex: 'apexes', vertex: 'vertexes', appendix: 'appendixes', apparatus: 'apparatuses', focus: 'focuses', radius: 'radiuses' };
/** Nouns whose plural is the singular. */
const INVARIANT = new Set('means series species apparatus chassis aircraft spacecraft hardware software firmware equipment information news kudos'.split(' '));
/** Words ending in "s" that are not plurals. */
const NO_SINGULAR = new Set([
  'means',
  'series',
  'species',
  'apparatus',
  'status',
  'process',
  'gas',
  'bus',
  'lens',
  'bias',
  'alias',
  'virus',
  'plus',
  'thus',
  'us',
  'yes',
  'this',
  'its',
  'has',
  'was',
  'is',
  'as',
  'always',
  'perhaps',
  'whereas',
  'across',
  'various',
  'previous',
  'numerous',
  'continuous',
  'analysis',
  'axis',
  'basis',
  'thesis',
  'synthesis',
  'diagnosis',
  'emphasis',
  'hypothesis',
  'chassis',
  'canvas',
  'atlas',
  'campus',
  'focus',
  'radius',
  'nucleus',
  'stimulus',
  'consensus',
  'corpus',
  'genus',
  'plexus',
  'sinus',
  'torus',
  'locus',
  'modulus',
  'calculus',
  'cosmos',
  'kudos',
  'physics',
  'mathematics',
  'electronics',
  'optics',
  'mechanics',
  'dynamics',
  'kinetics',
  'statistics',
  'ethics',
  'logistics',
  'genetics',
  'graphics',
  'economics',
  'acoustics',
  'aerodynamics',
  'hydraulics',
  'pneumatics',
  'news',
  'less',
  'unless',
  'glass',
  'mass',
  'class',
  'pass',
  'press',
  'stress',
  'access',
  'address',
  'success',
  'loss',
  'cross',
  'gross',
  'boss',
  'moss',
  'express',
  'wireless',
  'business',
  'thickness',
  'hardness',
  'its',
  'sometimes',
  'besides',
  'towards',
  'afterwards',
  'downwards',
  'upwards',
  'inwards',
  'outwards',
]);

/** Singular of an English noun (lower case in, lower case out). Conservative: unknown forms stay.
 *  Uncached; `singular` in words.ts is the cached one the checks use. */
export function singularWord(w: string): string {
  if (w.length <= 3) return w;
  // "lifting-means", "cross-members": only the last part of a hyphenated word is the noun.
  const hy = w.lastIndexOf('-');
  if (hy > 0 && w.length - hy > 4) return w.slice(0, hy + 1) + singularWord(w.slice(hy + 1));
  const irr = SINGULAR_OF[w];
  if (irr) return irr;
  if (NO_SINGULAR.has(w) || /(?:ss|us|is|ics|ness|less|ous)$/.test(w)) return w;
  if (/[^aeiou]ies$/.test(w)) return w.slice(0, -3) + 'y';
  if (/(?:ches|shes|xes|zzes|sses)$/.test(w)) return w.slice(0, -2);
  if (/(?:oes)$/.test(w) && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Plural of one noun, its case kept: "assembly" → "assemblies", "Axis" → "Axes", "LED" → "LEDs", "means" → "means". */
export function pluralizeWord(word: string): string {
  if (!/\p{L}/u.test(word)) return word;
  if (/^\p{Lu}{2,}$/u.test(word) && word.length <= 5) return word + 's';
  const lower = word.toLowerCase();
  const irregular = PLURAL_OF[lower];
  if (irregular) return matchCase(irregular, word);
  if (INVARIANT.has(lower) || /ics$/.test(lower)) return word;
  if (/sis$/.test(lower)) return word.slice(0, -2) + 'es';
  if (/[^aeiou]y$/.test(lower)) return word.slice(0, -1) + 'ies';
  if (/(?:s|x|z|ch|sh)$/.test(lower)) return word + 'es';
  return word + 's';
}

const HEAD_STOP = /^(?:of|for|in|on|at|to|with|from|between|having|that|which)$/i;

/** Applies `fn` to the head noun of a noun phrase: the word before "of", "for", ... or the last
 *  word, its last hyphen part ("cross-member"). Spacing kept. */
function mapHead(phrase: string, fn: (w: string) => string): string {
  const parts = phrase.split(/(\s+)/);
  let head = parts.length - 1;
  for (let i = 2; i < parts.length; i += 2)
    if (HEAD_STOP.test(parts[i]!)) {
      head = i - 2;
      break;
    }
  while (head >= 0 && !parts[head]) head -= 2;
  if (head < 0) return phrase;
  const hyphen = parts[head]!.split('-');
  hyphen[hyphen.length - 1] = fn(hyphen[hyphen.length - 1]!);
  parts[head] = hyphen.join('-');
  return parts.join('');
}

/** The plural of a noun phrase (its head noun made plural): "spring assembly" → "spring assemblies",
 *  "surface of the housing" → "surfaces of the housing", "means for fastening" unchanged. */
export function pluralize(phrase: string): string {
  return mapHead(phrase, pluralizeWord);
}

/** The singular of a noun phrase (its head noun), case kept: "Spring assemblies" → "Spring assembly". */
export function singularize(phrase: string): string {
  return mapHead(phrase, (w) => {
    const s = singularWord(w.toLowerCase());
    return s === w.toLowerCase() ? w : /^\p{Lu}{2,}$/u.test(w) ? s.toUpperCase() : matchCase(s, w);
  });
}

// ---------------------------------------------------------------------------------------------
// Finding and replacing a term

export interface TermMatchOptions {
  /** Also match the words joined the other way: "outer wall" finds "outer-wall" and the reverse (default true). */
  hyphenVariants?: boolean;
  /** At most this many matches (default 10000). */
  limit?: number;
}

export interface TermMatch {
  start: number;
  end: number;
  plural: boolean;
}

/** Longest text searched, and longest term, in characters. */
const MAX_TEXT = 20_000_000;
const MAX_TERM = 200;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Between two words of a term: spaces, or one line break (wrapped Markdown), never a blank line. */
const SPACE = '(?:[^\\S\\n]+|[^\\S\\n]*\\n[^\\S\\n]*)';

function formPattern(form: string, hyphenVariants: boolean): string {
  const words = form.split(/([\s-]+)/);
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i % 2 === 0) out += escapeRe(w);
    else out += hyphenVariants ? `(?:${SPACE}|-)` : w.includes('-') ? '-' : SPACE;
  }
  return out;
}

/** The singular the term is given as, and the written forms that are its singular and plurals. */
function termForms(term: string): { singular: string; forms: { text: string; plural: boolean }[] } {
  const given = term.trim().replace(/\s+/g, ' ');
  const sing = singularize(given);
  const forms = [{ text: sing, plural: false }];
  const plural = pluralize(sing);
  if (plural.toLowerCase() !== sing.toLowerCase()) forms.unshift({ text: plural, plural: true });
  const also = mapHead(sing, (w) => ALSO_PLURAL[w.toLowerCase()] ?? w);
  if (also !== sing) forms.unshift({ text: also, plural: true });
  return { singular: sing, forms };
}

/** Every whole-word occurrence of a term in `text`, singular or plural, in any case. */
export function findTerm(text: string, term: string, options: TermMatchOptions = {}): TermMatch[] {
  if (!term.trim() || term.length > MAX_TERM || text.length > MAX_TEXT) return [];
  const { forms } = termForms(term);
  const hyphen = options.hyphenVariants ?? true;
  const limit = options.limit ?? 10000;
  const re = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${forms.map((f) => `(${formPattern(f.text, hyphen)})`).join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');
  const out: TermMatch[] = [];
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
    const g = m.findIndex((x, i) => i > 0 && x !== undefined);
    out.push({ start: m.index, end: m.index + m[0].length, plural: forms[g - 1]!.plural });
  }
  return out;
}

/** `findTerm` for several terms at once: the matches sorted, the longer one kept where two overlap. */
export function findTerms(text: string, terms: readonly string[], options: TermMatchOptions = {}): TermMatch[] {
  const limit = options.limit ?? 10000;
  const found: TermMatch[] = [];
  for (const t of new Set(terms.map((x) => x.toLowerCase()))) found.push(...findTerm(text, t, { ...options, limit: limit - found.length }));
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TermMatch[] = [];
  for (const f of found) if (out.length === 0 || f.start >= out[out.length - 1]!.end) out.push(f);
  return out;
}

/** The article "a"/"an" written right before `offset` (one space or line break between), with its start. */
export function indefiniteBefore(text: string, offset: number): { word: string; start: number } | undefined {
  const before = text.slice(Math.max(0, offset - 12), offset);
  const m = /(?<![\p{L}\p{N}])(an?)(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)$/iu.exec(before);
  return m ? { word: m[1]!, start: offset - before.length + m.index } : undefined;
}

/** A word written with a capital past its first letter: an acronym ("UWB", "ASICs") or a name in
 *  mixed case ("μPatch", "iPhone"). Such a word never changes case. */
function markedCase(word: string): boolean {
  return word.length > 1 && /\p{Lu}/u.test(word.slice(1));
}

/**
 * A folded term ("uwb transmitter", "base-asic chip": lower case, as terms are compared) spelled the
 * way the document writes it: each word that any of `written` (forms of the same term as they appear,
 * any hyphenation or number) spells as an acronym or in mixed case keeps that spelling ("UWB
 * transmitter", "base-ASIC chip"); every other word stays as folded. Sentence capitals are the
 * caller's (see caseLike), so a term is shown and replaced as written, never as "Uwb transmitter".
 */
export function spellAsWritten(folded: string, written: readonly string[]): string {
  const marked = new Map<string, string>();
  for (const form of written) {
    for (const w of form.split(/[\s\-\u2010\u2011/]+/)) {
      if (!markedCase(w)) continue;
      const low = w.toLowerCase();
      if (!marked.has(low)) marked.set(low, w);
      // "ASICs" spells the singular "ASIC" too.
      if (/[^\p{Lu}]s$/u.test(w) && markedCase(w.slice(0, -1)) && !marked.has(low.slice(0, -1))) marked.set(low.slice(0, -1), w.slice(0, -1));
    }
  }
  if (marked.size === 0) return folded;
  return folded.replace(/[^\s\-\u2010\u2011/]+/g, (w) => marked.get(w.toLowerCase()) ?? w);
}

const SMALL_WORDS = /^(?:a|an|the|of|for|in|on|at|to|and|or|with|by)$/;

/** `replacement` written the way `written` is: ALL CAPS, Title Case, or a capital first letter
 *  (sentence start); otherwise as given. `given` is the term as the caller wrote it. */
export function caseLike(replacement: string, written: string, given: string): string {
  const letters = written.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && given !== given.toUpperCase()) return replacement.toUpperCase();
  const words = written.split(/[\s-]+/);
  if (words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w)) && !/^\p{Lu}/u.test(given.split(/[\s-]+/)[1] ?? '')) {
    return replacement.replace(/(^|[\s-])(\p{Ll})(\p{L}*)/gu, (all, sep: string, c: string, rest: string) => (sep && SMALL_WORDS.test(c + rest) ? all : sep + c.toUpperCase() + rest));
  }
  if (/^\p{Lu}/u.test(written) && !/^\p{Lu}/u.test(given)) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

export interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

/**
 * The edit that writes `replacement` over text[start, end), taking in the "a"/"an" right before it
 * when that article must change ("a spring" → "an elastic member"). `spoken` is the phrase whose
 * sound decides the article (the replacement before ALL CAPS, say); null for a plural (no article).
 */
export function replacementEdit(text: string, start: number, end: number, replacement: string, spoken: string | null = replacement): OffsetEdit {
  const art = spoken === null ? undefined : indefiniteBefore(text, start);
  if (art) {
    const allCaps = art.word === 'A' && replacement.length > 1 && replacement === replacement.toUpperCase() && /\p{Lu}/u.test(replacement);
    const newArt = allCaps ? indefiniteArticle(spoken!).toUpperCase() : matchCase(indefiniteArticle(spoken!), art.word);
    if (newArt !== art.word) return { offset: art.start, length: end - art.start, newText: newArt + text.slice(art.start + art.word.length, start) + replacement };
  }
  return { offset: start, length: end - start, newText: replacement };
}

export interface ReplaceTermOptions extends TermMatchOptions {
  /** Only occurrences inside these [start, end) spans (default: the whole text). */
  within?: readonly (readonly [number, number])[];
}

/**
 * The edits that replace a term everywhere in `text`: singular and plural forms of `from`, each by
 * the same number of `to` ("spring assemblies" → "hinge assemblies"), capitals kept ("Spring
 * assembly" → "Hinge assembly", ALL CAPS kept), whole words only, and the "a"/"an" right before
 * an occurrence made to agree ("a spring" → "an elastic member", then one edit from the article).
 * `from` and `to` may be given singular or plural. Sorted, without overlaps, at most `limit`.
 */
export function replaceTerm(text: string, from: string, to: string, options: ReplaceTermOptions = {}): OffsetEdit[] {
  let toClean = to.trim().replace(/\s+/g, ' ');
  if (!toClean || toClean.length > MAX_TERM) return [];
  let fromGiven = from.trim().replace(/\s+/g, ' ');
  // Both given with a sentence capital ("Spring assembly" → "Hinge assembly"): the capital is the
  // sentence's, not the term's; each occurrence keeps its own.
  const capitalised = /^\p{Lu}\p{Ll}*(?![\p{L}\p{N}])/u;
  if (capitalised.test(fromGiven) && capitalised.test(toClean)) {
    fromGiven = fromGiven[0]!.toLowerCase() + fromGiven.slice(1);
    toClean = toClean[0]!.toLowerCase() + toClean.slice(1);
  }
  const fromPlural = singularize(fromGiven).toLowerCase() !== fromGiven.toLowerCase();
  const toSingular = fromPlural ? singularize(toClean) : toClean;
  const toPlural = pluralize(toSingular);
  const given = termForms(fromGiven).singular;
  const edits: OffsetEdit[] = [];
  for (const m of findTerm(text, fromGiven, options)) {
    if (options.within && !options.within.some(([s, e]) => s <= m.start && m.end <= e)) continue;
    const written = text.slice(m.start, m.end);
    const base = m.plural ? toPlural : toSingular;
    const edit = replacementEdit(text, m.start, m.end, caseLike(base, written, given), m.plural ? null : base);
    if (edit.newText !== text.slice(edit.offset, edit.offset + edit.length)) edits.push(edit);
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------
// Across a matter: the one replacement the editor's rename and the agent's tool both use

/** What `replaceTermInMatter` reads of an analysis: its documents and claims. */
export interface ReplaceScope {
  matter: { documents: readonly MatterDocument[] };
  claims: readonly Pick<Claim, 'uri' | 'textRange'>[];
}

/**
 * `replaceTerm` in every document of a matter (scope "matter"; the glossary aside) or in the claims'
 * texts only (scope "claims"), as document edits. At most `limit` edits in all.
 */
export function replaceTermInMatter(analysis: ReplaceScope, from: string, to: string, scope: 'claims' | 'matter' = 'matter', limit = 10000): TextEdit[] {
  const out: TextEdit[] = [];
  for (const d of analysis.matter.documents) {
    if (d.role === 'glossary' || out.length >= limit) continue;
    const claims = analysis.claims.filter((c) => c.uri === d.uri);
    if (scope === 'claims' && claims.length === 0) continue;
    const within = scope === 'claims' ? claims.map((c) => [c.textRange.start.offset, c.textRange.end.offset] as const) : undefined;
    const edits = replaceTerm(d.text, from, to, { within, limit: limit - out.length });
    if (!edits.length) continue;
    const lines = new LineIndex(d.text);
    for (const e of edits) out.push({ uri: d.uri, range: lines.range(e.offset, e.offset + e.length), newText: e.newText });
  }
  return out;
}
