// English article and number agreement for edits the editor makes (rename, "the X" → "a X").
// Pure: no vscode import.

/** Words whose first letter is a vowel but whose first sound is not ("a unit", "a one-way valve"). */
const VOWEL_LETTER_CONSONANT_SOUND = /^(?:uni(?!nt|mp|nd|nh|ns|nv)|use|usu|ura|uro|uti|ubi|eu|ewe|one\b|once|ouija)/i;
/** Words whose first letter is a consonant but whose first sound is a vowel ("an hour"). */
const CONSONANT_LETTER_VOWEL_SOUND = /^(?:hour|honest|honou?r|heir|herb(?!al))/i;
/** Letters read as a vowel sound when spelled out (acronyms: "an LED", "an RF module", "a USB port"). */
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX'.split(''));

/** "a" or "an" for the phrase that follows it. */
export function indefiniteArticle(phrase: string): 'a' | 'an' {
  const word = phrase.trim().split(/[\s-]+/)[0] ?? '';
  if (!word) return 'a';
  if (/^\d/.test(word)) return /^(?:8|11|18|80|800)(?!\d)/.test(word) ? 'an' : 'a';
  const letters = word.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 2 && letters === letters.toUpperCase() && !/[AEIOU]{2}/.test(letters)) {
    // An acronym read letter by letter.
    return VOWEL_SOUND_LETTERS.has(letters[0]!) ? 'an' : 'a';
  }
  if (CONSONANT_LETTER_VOWEL_SOUND.test(word)) return 'an';
  if (VOWEL_LETTER_CONSONANT_SOUND.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** `word` with the capitalisation of `like` ("The" → "A", "THE" → "A", "the" → "a"). */
export function matchCase(word: string, like: string): string {
  if (!like) return word;
  if (like.length > 1 && like === like.toUpperCase() && /[A-Z]/.test(like)) return word.toUpperCase();
  if (like[0] === like[0]!.toUpperCase() && /[A-Z]/.test(like[0]!)) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** The article to write before `phrase`, given the article that was written ("a"/"an"/"A"/"An"). */
export function agreeArticle(written: string, phrase: string): string {
  if (!/^an?$/i.test(written)) return written;
  return matchCase(indefiniteArticle(phrase), written);
}

const IRREGULAR: Record<string, string> = {
  axis: 'axes',
  child: 'children',
  datum: 'data',
  foot: 'feet',
  index: 'indices',
  man: 'men',
  matrix: 'matrices',
  medium: 'media',
  mouse: 'mice',
  person: 'people',
  tooth: 'teeth',
  vertex: 'vertices',
  woman: 'women',
  criterion: 'criteria',
  phenomenon: 'phenomena',
  apparatus: 'apparatus',
  means: 'means',
  series: 'series',
  species: 'species',
};

export function pluralizeWord(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR[lower];
  if (irregular) return matchCase(irregular, word);
  if (/[^aeiou]y$/i.test(word)) return word.slice(0, -1) + 'ies';
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return word + 'es';
  if (/[^f]fe$/i.test(word) && !/safe$/i.test(word)) return word.slice(0, -2) + 'ves';
  return word + 's';
}

/** The head noun's position in a noun phrase: before "of", "for", "in", ... ("surface of the housing" → "surface"). */
function headWordIndex(words: string[]): number {
  const stop = words.findIndex((w, i) => i > 0 && /^(?:of|for|in|on|at|to|with|from|between|having|that|which)$/i.test(w));
  return (stop === -1 ? words.length : stop) - 1;
}

/** The plural of a noun phrase (its head noun made plural). */
export function pluralizePhrase(phrase: string): string {
  const parts = phrase.split(/(\s+)/);
  const words = parts.filter((_, i) => i % 2 === 0);
  const head = headWordIndex(words);
  if (head < 0) return phrase;
  const hyphen = words[head]!.split('-');
  hyphen[hyphen.length - 1] = pluralizeWord(hyphen[hyphen.length - 1]!);
  words[head] = hyphen.join('-');
  return parts.map((p, i) => (i % 2 === 0 ? words[i / 2]! : p)).join('');
}

/**
 * The text replacing a mention of a term when it is renamed: number kept (plural mentions get the
 * plural of the new name) and the case of the first letter kept ("Housing" → "Casing").
 */
export function renamedPhrase(newName: string, written: string, plural: boolean): string {
  let out = plural ? pluralizePhrase(newName) : newName;
  if (/^[A-Z][a-z]/.test(written) && /^[a-z]/.test(out)) out = out[0]!.toUpperCase() + out.slice(1);
  return out;
}
