// Noun phrases led by a determiner: "a first housing", "the outer surface", "said at least one
// sensor", "a plurality of fasteners". A deliberately conservative chunker: it stops at anything
// that could be a verb, a preposition or punctuation, because an over-long phrase is what turns
// into a false alarm.
import type { Token } from './words';

export type DeterminerKind = 'indefinite' | 'definite' | 'each';

export interface Phrase {
  determiner: string;
  kind: DeterminerKind;
  /** Token indices [first, last] of the phrase words (determiner excluded). */
  first: number;
  last: number;
  /** Token index of the determiner's first word. */
  detFirst: number;
  /** Token index of a reference numeral right after the phrase, if any. */
  numeral?: number;
  /** The phrase is followed by "of" (as in "the outer surface of the housing"). */
  ofFollows: boolean;
}

export const STOP = new Set(
  (
    'a an the said each every any all some no not nor and or but either neither both than then so as if whether while when where whereby wherein whereas which that who whom whose what ' +
    'of for to in on at by with from into onto over under between through within without about above below via per across along around upon against toward towards among amongst during after before behind beyond beside besides near inside outside throughout until till unto up down off out ' +
    'is are was were be been being has have had having do does did can could may might will would shall should must ' +
    'comprising comprises comprise comprised including includes include included containing contains contain consisting consists consist ' +
    'configured adapted operable arranged disposed positioned located coupled connected mounted attached provided formed defined selected used using ' +
    'it its itself they them their theirs this these those there here such same other another ' +
    'also further only even still just very more most less least respectively thereby therein thereof thereto therefrom therewith wherein whereupon ' +
    'one two three four five six seven eight nine ten plurality ' +
    // Adverbs and adjectives that follow a noun ("the pad away from", "the frame adjacent to").
    'away adjacent apart together therebetween thereon thereto forward forwards backward backwards rearward rearwards upward upwards ' +
    'downward downwards inward inwards outward outwards proximate opposite parallel perpendicular relative aside alone flush ' +
    'clockwise counterclockwise sideways beneath underneath overhead nearby closer closest shut loose taut idle off out ' +
    'open closed free tight attached detached engaged disengaged enough thereby whereby hereby'
  ).split(' '),
);

/** Words that end a noun phrase but may start one ("the prior position"): post-positive
 *  adjectives and prepositions ("the chamber prior to", "the interval since", "the server rather than"). */
const ENDS_PHRASE = new Set('since prior subsequent due according pursuant rather instead because versus vs except unless'.split(' '));
/** Adjectives that follow their noun when a preposition follows them ("a force sufficient to", "a
 *  value equal to"); comparatives do so before "than" ("a width greater than 2 mm"). */
const POSTPOSITIVE = new Set(
  ('equal sufficient suitable capable ready able similar identical proportional equivalent responsive resistant ' + 'available accessible compatible necessary effective free').split(' '),
);
/** Base-form verbs after a plural or coordinated subject ("the pin and the slot cooperate to"): they end
 *  the phrase when a determiner or a preposition follows. */
const BASE_VERBS = new Set(
  (
    'belong establish cooperate communicate overlap abut intersect coincide differ lie remain rotate extend engage ' +
    'define correspond constitute interact converge diverge touch reside combine couple protrude exceed occur ' +
    'represent cause enable allow permit prevent receive transmit generate produce determine'
  ).split(' '),
);
/** Determiners and possessives: a word right before one is a verb, not a noun ("form a ring"). */
const DETERMINERS_AFTER = /^(?:a|an|the|said|each|every|its|their)$/i;

const SKIP_FIRST = new Set([
  'same',
  'other',
  'like',
  'art',
  'following',
  'former',
  'latter',
  'foregoing',
  'above',
  'below',
  'aforementioned',
  'aforesaid',
  'invention',
  'present',
  'rest',
  'remainder',
  'case',
  'extent',
  'way',
  'manner',
  'fact',
  'group',
  'step',
  'steps',
  'method',
  'process',
  'use',
  'purpose',
  'time',
  'moment',
  'end',
  'instance',
  'example',
  'effect',
]);

/** Nouns ending in -ing: always part of a noun phrase. */
const ING_NOUNS = new Set(
  (
    'housing bearing opening coupling casing fitting ring spring string thing wing king ceiling building wiring packaging tubing piping lining ' +
    'molding moulding setting bushing clothing lighting plumbing bedding padding flooring roofing siding framing bracing shielding coating ' +
    'plating winding gearing spacing dressing stuffing filling listing drawing painting landing docking parking marking recording rating'
  ).split(' '),
);
/** Gerunds used as modifiers ("signal processing unit"): part of the phrase only when a noun follows. */
const ING_MODIFIERS = new Set(
  (
    'processing computing sensing mounting locking heating cooling cutting engaging retaining receiving sealing switching steering ' +
    'printing imaging monitoring charging driving operating grounding bonding welding soldering testing training learning timing ' +
    'signaling signalling encoding decoding rendering scheduling matching filtering cleaning drying mixing feeding loading handling ' +
    'shipping writing reading sliding rolling folding floating rotating reciprocating fastening binding bending damping clamping braking ' +
    'firing networking messaging caching programming transmitting emitting injecting transporting blocking measuring control'
  ).split(' '),
);
/** Irregular past participles: verbs after a noun ("the instructions sent"). */
export const IRREGULAR_PARTICIPLES = new Set(
  (
    'sent built made held found known shown given taken done seen written chosen driven broken spun bound wound put laid paid kept left lost ' +
    'meant met sold told thought brought bought caught taught won worn torn born borne drawn grown thrown blown flown hidden ridden risen ' +
    'spoken stolen frozen woven beaten forgotten gotten begun sung stuck struck hung dug shot lit split spread shut hit cast sunk'
  ).split(' '),
);
/** Past participles spelled as nouns or base verbs: verbs when "by" follows ("set by", "cut by"). */
const BY_PARTICIPLES = new Set('set cut put read fed led shed spread run hit cast split'.split(' '));
const LY_NOUNS = new Set(['assembly', 'subassembly', 'supply', 'family', 'anomaly', 'monopoly', 'butterfly', 'jelly', 'belly', 'rally', 'ally', 'reply', 'poly']);
export const ED_WORDS = new Set(['hundred', 'bed', 'red', 'shed', 'sled', 'bred', 'wed', 'fled', 'led', 'embed', 'seabed', 'sled']);

/** A third-person verb or an auxiliary: what ends a noun phrase the chunker ran into a verb. */
export const VERB_LIKE = /^(?:[a-z-]{2,}[^s'u]s|[a-z-]+(?:ies|es)|is|are|has|have|can|may|will|does|do|manage|use|provide|receive|send|store|keep|cause|allow|enable|perform|execute|run)$/i;

const DIGITS = /^\d{1,4}[a-z]?['’]{0,2}$/;

const ADJECTIVE_ENDINGS = ['ive', 'ous', 'ful', 'able', 'ible'];
const VERB_ENDINGS = ['izes', 'ises', 'ates', 'ifies'];
function endsWithAny(w: string, endings: readonly string[]): boolean {
  for (const e of endings) if (w.endsWith(e)) return true;
  return false;
}

function isVerbish(t: Token, position: number, next?: Token): boolean {
  if (position === 0) return false;
  const w = t.text.toLowerCase();
  // A pronoun ends a noun phrase ("the second dopant us p-type", a slip of "is").
  if (ENDS_PHRASE.has(w) || t.text === 'us' || t.text === 'we') return true;
  const nw = next?.text.toLowerCase();
  if (nw === 'than' || (POSTPOSITIVE.has(w) && nw !== undefined && /^(?:to|for|of|with|in|so|that|as)$/.test(nw))) return true;
  if (BASE_VERBS.has(w) && next && (DETERMINERS_AFTER.test(next.text) || (STOP.has(nw!) && nw !== 'of'))) return true;
  if (IRREGULAR_PARTICIPLES.has(w)) return true;
  // "the frequency set by the control means": a participle that is also a noun, before its agent.
  if (nw === 'by' && BY_PARTICIPLES.has(w)) return true;
  if (w.length >= 5 && w.endsWith('ly') && !LY_NOUNS.has(w)) return true;
  if (w.length >= 6 && endsWithAny(w, ADJECTIVE_ENDINGS)) return true;
  if (ING_MODIFIERS.has(w)) return !next || STOP.has(nw!) || /^\d/.test(next.text) || /(?:ing|ed)$/i.test(next.text);
  if (w.length >= 5 && w.endsWith('ing') && !ING_NOUNS.has(w)) return true;
  if (w.length >= 5 && w.endsWith('ed') && !w.endsWith('eed') && !ED_WORDS.has(w)) return true;
  if (endsWithAny(w, VERB_ENDINGS)) return true;
  return false;
}

/** An -ly adverb ("sequentially"), not a noun like "assembly". */
export function isAdverb(w: string): boolean {
  return w.length >= 5 && w.endsWith('ly') && !LY_NOUNS.has(w);
}

const STARTERS = new Set(['a', 'an', 'another', 'plural', 'multiple', 'several', 'the', 'said', 'each', 'every', 'one', 'two', 'at', 'three', 'four', 'five', 'six']);

/** Finds the determiner-led noun phrases of a token stream. `gapOk(i)` says whether tokens i and
 *  i+1 are separated by nothing but spaces (no punctuation). */
/** The phrases whose determiner stands in tokens [from, to) (reading on past `to`). */
export function findPhrases(tokens: Token[], gapOk: (i: number) => boolean, from = 0, to = tokens.length): Phrase[] {
  const out: Phrase[] = [];
  // Each token's lower case, made once when first asked for (the loops below ask several times).
  const lows: (string | undefined)[] = new Array(tokens.length);
  const lower = (i: number) => {
    if (i >= tokens.length) return '';
    let v = lows[i];
    if (v === undefined) lows[i] = v = tokens[i].text.toLowerCase();
    return v;
  };
  for (let i = from; i < to; i++) {
    // Fast path: most words cannot start a phrase (a determiner's norm is its lower case).
    if (!STARTERS.has(tokens[i].norm)) continue;
    const w = lower(i);
    let kind: DeterminerKind | undefined;
    let j = i + 1;
    if (w === 'a' || w === 'an' || w === 'another' || w === 'plural' || w === 'multiple' || w === 'several') kind = 'indefinite';
    else if (w === 'the' || w === 'said') kind = 'definite';
    else if (w === 'each' || w === 'every') kind = 'each';
    else if ((w === 'one' || w === 'two') && lower(i + 1) === 'or' && lower(i + 2) === 'more') {
      kind = 'indefinite';
      j = i + 3;
    } else if (w === 'at' && lower(i + 1) === 'least' && /^(?:one|two|three|four)$/.test(lower(i + 2))) {
      kind = 'indefinite';
      j = i + 3;
    } else if (/^(?:two|three|four|five|six)$/.test(w) && i > 0 && !STOP.has(lower(i + 1))) {
      kind = 'indefinite';
    }
    if (!kind) continue;
    if (!gapOk(i) && j === i + 1) continue;
    // "the at least one X", "said one or more X", "a plurality of X", "the plurality of X", "a pair of X"
    for (;;) {
      const a = lower(j);
      if ((a === 'one' || a === 'two') && lower(j + 1) === 'or' && lower(j + 2) === 'more') j += 3;
      else if (a === 'at' && lower(j + 1) === 'least' && /^(?:one|two|three|four)$/.test(lower(j + 2))) j += 3;
      else if (/^(?:plurality|set|pair|number|series|multiplicity|array|collection)$/.test(a) && lower(j + 1) === 'of' && kind !== 'each') {
        j += 2;
      } else if (a === 'further' || a === 'additional' || a === 'respective' || a === 'corresponding' || a === 'new') j += 1;
      else break;
    }
    if (j >= tokens.length || !gapOk(j - 1)) continue;
    const firstWord = lower(j);
    if (STOP.has(firstWord) || DIGITS.test(tokens[j].text) || SKIP_FIRST.has(firstWord)) continue;
    let k = j;
    while (k + 1 < tokens.length && k - j < 5 && gapOk(k)) {
      const nt = tokens[k + 1];
      const nw = lower(k + 1);
      const after = k + 2 < tokens.length && gapOk(k + 1) ? tokens[k + 2] : undefined;
      if (STOP.has(nw) || DIGITS.test(nt.text) || isVerbish(nt, k + 1 - j, after)) break;
      k++;
    }
    // "the hook engages the lid", "the R groups form a ring": a last word followed by a determiner is the verb.
    if (k > j && k + 1 < tokens.length && gapOk(k)) {
      const next = tokens[k + 1].text;
      if (/^(?:a|an|the|said)$/i.test(next) || (VERB_LIKE.test(tokens[k].text) && /^(?:it|its|them|their|one|two)$/i.test(next))) k--;
    }
    // A lone participle ("the identified one or more computers") is not a noun phrase.
    if (k === j && /(?:ed|ing)$/i.test(tokens[j].text) && !ING_NOUNS.has(firstWord) && !ED_WORDS.has(firstWord)) continue;
    const after = k + 1;
    const numeral = after < tokens.length && gapOk(k) && DIGITS.test(tokens[after].text) ? after : undefined;
    // "the bead (36) of a piston": a numeral in parentheses between the phrase and "of".
    const ofAt = numeral !== undefined ? numeral + 1 : after < tokens.length && DIGITS.test(tokens[after].text) ? after + 1 : after;
    out.push({
      determiner:
        j === i + 1
          ? tokens[i].text
          : tokens
              .slice(i, j)
              .map((t) => t.text)
              .join(' '),
      kind,
      first: j,
      last: k,
      detFirst: i,
      numeral,
      ofFollows: lower(ofAt) === 'of',
    });
    i = k;
  }
  return out;
}
