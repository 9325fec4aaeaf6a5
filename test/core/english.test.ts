// The core's one copy of the English rules: a/an by sound, singular and plural, and replacing a term.
import assert from 'node:assert/strict';
import { agreeArticle, caseLike, findTerm, indefiniteArticle, matchCase, pluralize, pluralizeWord, replaceTerm, singularize, spellAsWritten } from '../../src/core/english';
import { singular } from '../../src/core/words';
import { analyze } from '../support/matter';

/** Each line: the article, then the phrase it goes before. */
const ARTICLES = `
an LED|an hour|an honest answer|an X-ray|an MRI scan|an FPGA|an HTTP request|an RF module|an SMS|an 8-bit bus
an 11-pin connector|an 18 mm bolt|an 80 mm fan|an 800 W motor|an 8000 rpm spindle|an 18,000 rpm spindle
a user|a one-way valve|a USB port|a SIM card|a eucalyptus oil|a unicorn|a European patent|a once-through boiler|a UV lamp
a 1-inch pipe|a 110 V supply|a 2D image|a 3-way valve|a 0.5 mm gap|a .5 mm gap|a 24-hour timer|a ubiquitous|a uniform layer
an umbrella|an unusual|a Ukrainian-style|a hotel|a historic|an heir|an honorary|an hourly rate|a unit|a united
a NASA|a LIDAR|a LiDAR sensor|a SCSI bus|a RADAR|a SONAR|a MEMS sensor|a NAND gate|a MOSFET|a RAM|a ROM|a LAN|a NOx sensor
an LEDs|an LCD|an SRAM|an SDRAM|an HDMI port|an NFC tag|an RFID tag|an HVAC unit|an SSD|an MPEG stream|an NVMe drive
an ASIC|an IC|an OLED|an EEPROM|an IEEE standard|a UART|a UAV|an mRNA|an eNB|a gNB|an iOS device|an SoC|a pH sensor
an M8 bolt|an I2C bus|a CO2 laser|an H2O|an α-helix|a β-blocker|an n-type layer|a p-type layer|an L-shaped bracket|a U-shaped channel
an O-ring|a T-junction|an S-curve|a y-axis|an x-axis|an element|an upper housing|an outer wall|a member|a spring
a uniaxial|an unidentified|an uninterrupted|an unimportant|a unidirectional|a urethane|an urgent|a usable|an usher|a utility
an utter|a eutectic|a ewe|an onerous|an only|a herbal|an herb|a yellow|a wheel|an item
a SIP session|a HIGH level|a LOW signal|a NOT gate|an XOR gate|an SQL query
an UNUSED|a UNIX|a ONE-WAY VALVE|a EUROPEAN|an EUV source|an EU|a unanimous|a unary operator|a utopia|an OUTER WALL|an ELEMENT|a USB|a UNESCO
`;

describe('core English: indefinite article', () => {
  const cases = ARTICLES.split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  it(`has a table of at least 60 phrases (${cases.length})`, () => assert.ok(cases.length >= 60));
  for (const c of cases) {
    const [art, ...rest] = c.split(' ');
    const phrase = rest.join(' ');
    it(`${art} ${phrase}`, () => assert.equal(indefiniteArticle(phrase), art));
  }
  it('reads past leading punctuation and copes with nothing', () => {
    assert.equal(indefiniteArticle('"LED" array'), 'an');
    assert.equal(indefiniteArticle('(optional) unit'), 'an');
    assert.equal(indefiniteArticle(''), 'a');
    assert.equal(indefiniteArticle('   '), 'a');
  });
  it('agrees with the written article and keeps its capital', () => {
    assert.equal(agreeArticle('a', 'LED'), 'an');
    assert.equal(agreeArticle('A', 'hour counter'), 'An');
    assert.equal(agreeArticle('An', 'USB port'), 'A');
    assert.equal(agreeArticle('AN', 'member'), 'A');
    assert.equal(agreeArticle('the', 'element'), 'the');
    assert.equal(agreeArticle('said', 'LED'), 'said');
  });
});

// What the editor relied on when it re-exported these rules (src/extension/articles.ts, now gone: the
// editor calls the core directly).
describe("core English: the editor's cases", () => {
  it('chooses a/an by sound', () => {
    assert.equal(indefiniteArticle('element'), 'an');
    assert.equal(indefiniteArticle('member'), 'a');
    assert.equal(indefiniteArticle('unit'), 'a');
    assert.equal(indefiniteArticle('upper housing'), 'an');
    assert.equal(indefiniteArticle('hour'), 'an');
    assert.equal(indefiniteArticle('one-way valve'), 'a');
    assert.equal(indefiniteArticle('LED array'), 'an');
    assert.equal(indefiniteArticle('USB port'), 'a');
    assert.equal(indefiniteArticle('European patent'), 'a');
    assert.equal(indefiniteArticle('8-bit register'), 'an');
  });
  it('keeps the written case', () => {
    assert.equal(matchCase('a', 'An'), 'A');
    assert.equal(matchCase('an', 'the'), 'an');
    assert.equal(agreeArticle('An', 'member'), 'A');
    assert.equal(agreeArticle('a', 'element'), 'an');
    assert.equal(agreeArticle('the', 'element'), 'the');
    assert.equal(agreeArticle('said', 'element'), 'said');
  });
  it('pluralises the head noun of a phrase', () => {
    assert.equal(pluralize('member'), 'members');
    assert.equal(pluralize('outer surface of the housing'), 'outer surfaces of the housing');
    assert.equal(pluralize('battery'), 'batteries');
    assert.equal(pluralize('box'), 'boxes');
    assert.equal(pluralize('key'), 'keys');
    assert.equal(pluralize('cross-member'), 'cross-members');
    assert.equal(pluralize('means'), 'means');
  });
});

describe('core English: singular and plural', () => {
  const PAIRS: [string, string][] = [
    ['assembly', 'assemblies'],
    ['axis', 'axes'],
    ['datum', 'data'],
    ['apparatus', 'apparatus'],
    ['means', 'means'],
    ['series', 'series'],
    ['species', 'species'],
    ['chassis', 'chassis'],
    ['bus', 'buses'],
    ['index', 'indices'],
    ['matrix', 'matrices'],
    ['vertex', 'vertices'],
    ['leaf', 'leaves'],
    ['shelf', 'shelves'],
    ['knife', 'knives'],
    ['child', 'children'],
    ['foot', 'feet'],
    ['tooth', 'teeth'],
    ['mouse', 'mice'],
    ['man', 'men'],
    ['analysis', 'analyses'],
    ['criterion', 'criteria'],
    ['phenomenon', 'phenomena'],
    ['medium', 'media'],
    ['nucleus', 'nuclei'],
    ['stimulus', 'stimuli'],
    ['battery', 'batteries'],
    ['key', 'keys'],
    ['box', 'boxes'],
    ['switch', 'switches'],
    ['valve', 'valves'],
    ['roof', 'roofs'],
    ['lens', 'lenses'],
    ['gas', 'gases'],
    ['process', 'processes'],
    ['glass', 'glasses'],
    ['hypothesis', 'hypotheses'],
    ['human', 'humans'],
  ];
  for (const [s, p] of PAIRS) {
    it(`${s} / ${p}`, () => {
      assert.equal(pluralizeWord(s), p);
      if (s !== 'datum' && p.length > 3) assert.equal(singular(p), s, "the checks' singular reads the same table");
    });
  }
  it('keeps "data" as the checks read it (a mass noun)', () => assert.equal(singular('data'), 'data'));
  it('singularises only the last part of a hyphenated word', () => {
    assert.equal(singular('lifting-means'), 'lifting-means');
    assert.equal(singular('cross-members'), 'cross-member');
    assert.equal(singular('x-rays'), 'x-ray');
    assert.equal(singular('gas-lens'), 'gas-lens');
  });
  it('pluralises the head of a noun phrase, case kept', () => {
    assert.equal(pluralize('spring assembly'), 'spring assemblies');
    assert.equal(pluralize('means for fastening'), 'means for fastening');
    assert.equal(pluralize('outer surface of the housing'), 'outer surfaces of the housing');
    assert.equal(pluralize('cross-member'), 'cross-members');
    assert.equal(pluralize('X-ray'), 'X-rays');
    assert.equal(pluralize('LED'), 'LEDs');
    assert.equal(pluralize('Axis'), 'Axes');
  });
  it('singularises the head of a noun phrase, case kept', () => {
    assert.equal(singularize('Spring assemblies'), 'Spring assembly');
    assert.equal(singularize('surfaces of the housings'), 'surface of the housings');
    assert.equal(singularize('means'), 'means');
    assert.equal(singularize('SPRINGS'), 'SPRING');
  });
});

describe('core English: finding and replacing a term', () => {
  const apply = (text: string, from: string, to: string) => {
    let out = text;
    for (const e of [...replaceTerm(text, from, to)].reverse()) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
    return out;
  };

  it('replaces singular and plural by the same number, capitals kept', () => {
    const t = 'A spring assembly 10. The spring assemblies and Spring assembly 12; SPRING ASSEMBLY; Spring Assembly Overview.';
    assert.equal(apply(t, 'spring assembly', 'hinge assembly'), 'A hinge assembly 10. The hinge assemblies and Hinge assembly 12; HINGE ASSEMBLY; Hinge Assembly Overview.');
  });
  it('fixes the article before each occurrence', () => {
    assert.equal(apply('a spring and A spring; the springs; a first spring', 'spring', 'elastic member'), 'an elastic member and An elastic member; the elastic members; a first elastic member');
    assert.equal(apply('an LED, a\nLED', 'LED', 'USB port'), 'a USB port, a\nUSB port');
    assert.equal(apply('A SPRING', 'spring', 'elastic member'), 'AN ELASTIC MEMBER');
  });
  it('matches whole words only, and hyphen/space variants', () => {
    assert.equal(apply('springs, spring-loaded, springboard, coil spring, outer-spring', 'spring', 'coil'), 'coils, spring-loaded, springboard, coil coil, outer-spring');
    assert.equal(apply('the outer-wall and the outer wall and outer walls', 'outer wall', 'shell'), 'the shell and the shell and shells');
    assert.deepEqual(findTerm('the outer-wall and the outer wall', 'outer wall', { hyphenVariants: false }).length, 1);
    assert.deepEqual(findTerm('a spring\n\nassembly', 'spring assembly'), [], 'a blank line ends a phrase');
  });
  it('reads irregular and alternative plurals, and a plural "from"', () => {
    assert.equal(apply('the indices and the indexes and an index', 'index', 'pointer'), 'the pointers and the pointers and a pointer');
    assert.equal(apply('an axis and two axes', 'axis', 'shaft'), 'a shaft and two shafts');
    assert.equal(apply('the spring assemblies and a spring assembly', 'spring assemblies', 'hinge assemblies'), 'the hinge assemblies and a hinge assembly');
    assert.equal(apply('the means for fastening', 'means for fastening', 'fastener'), 'the fastener');
  });
  it('keeps the capitals the new term is given with', () => {
    assert.equal(caseLike('LED array', 'lamp', 'lamp'), 'LED array');
    assert.equal(apply('a lamp and the lamps', 'lamp', 'LED'), 'an LED and the LEDs');
    assert.equal(apply('Spring assembly 10 has a spring assembly.', 'Spring assembly', 'Hinge assembly'), 'Hinge assembly 10 has a hinge assembly.', "a sentence capital on both is not the term's");
    assert.equal(apply('A Bluetooth module.', 'Bluetooth module', 'radio module'), 'A radio module.');
  });
  it('is bounded', () => {
    const big = 'a spring '.repeat(30000);
    assert.equal(replaceTerm(big, 'spring', 'coil', { limit: 100 }).length, 100);
    assert.deepEqual(replaceTerm('spring', 'x'.repeat(300), 'coil'), []);
    assert.deepEqual(replaceTerm('spring', 'spring', ''), []);
  });
  it('only inside the spans given', () => {
    const t = 'spring. spring. spring.';
    assert.deepEqual(
      replaceTerm(t, 'spring', 'coil', { within: [[8, 15]] }).map((e) => e.offset),
      [8],
    );
  });
});

describe("core English: the checks' fixes use it", () => {
  it('a glossary fix corrects the article before the preferred term', () => {
    const a = analyze({ 'claims.md': '1. A door closer comprising a spring and a damper, wherein the spring is preloaded.\n' }, {}, [{ preferred: 'elastic member', avoid: ['spring'] }]);
    const fs = a.findings.filter((f) => f.code === 'glossary');
    assert.equal(fs.length, 2);
    const doc = a.matter.documents[0]!;
    const edits = fs.map((f) => f.fixes![0]!.edits[0]!);
    assert.deepEqual(
      edits.map((e) => [doc.text.slice(e.range.start.offset, e.range.end.offset), e.newText]),
      [
        ['a spring', 'an elastic member'],
        ['spring', 'elastic member'],
      ],
    );
  });
  it('the antecedent fix introduces "an LED", "an hour counter", "a USB port"', () => {
    const a = analyze({ 'claims.md': '1. A lamp comprising a housing, wherein the LED is lit, the hour counter is reset, and the USB port is powered.\n' });
    const titles = a.findings.filter((f) => f.code === 'antecedent-basis').map((f) => f.fixes?.[0]?.title);
    assert.ok(titles.includes('Introduce it here: "an LED"'), String(titles));
    assert.ok(titles.includes('Introduce it here: "an hour counter"'), String(titles));
    assert.ok(titles.includes('Introduce it here: "a USB port"'), String(titles));
  });
});

describe('english: terms spelled as the document writes them (issue 15, item 1)', () => {
  it('keeps acronyms and mixed-case names, folds nothing else', () => {
    assert.equal(spellAsWritten('uwb transmitter', ['UWB-transmitter']), 'UWB transmitter');
    assert.equal(spellAsWritten('base asic chip', ['base ASIC chips', 'base-ASIC chip']), 'base ASIC chip');
    assert.equal(spellAsWritten('μpatch', ['μPatch']), 'μPatch');
    assert.equal(spellAsWritten('memory element', ['Memory element']), 'memory element', "a sentence capital is not the term's");
    assert.equal(spellAsWritten('gate device', []), 'gate device');
  });
});

describe('term-variant and the term table spell acronyms as written (issue 15, item 1)', () => {
  const claims = `# Claims

1. A device comprising: a UWB transmitter; a base ASIC chip coupled to the UWB transmitter; and a memory element.

2. The device of claim 1, wherein the base ASIC chip drives the UWB transmitter and the memory element.

3. The device of claim 1, wherein the UWB-transmitter is coupled to the base-ASIC chip.
`;
  const disclosure = `# Description

The device has a UWB transmitter 10, a base ASIC chip 12 and a memory element 14. The UWB transmitter sends data.
The base ASIC chip drives the UWB transmitter.
`;
  it('offers "UWB transmitter" and "base ASIC chip", never "Uwb transmitter" or "base asic chip"', () => {
    const a = analyze({ 'claims.md': claims, 'disclosure.md': disclosure });
    const variants = a.findings.filter((f) => f.code === 'term-variant');
    const texts = variants.flatMap((f) => [f.message, ...(f.fixes ?? []).flatMap((x) => [x.title, ...x.edits.map((e) => e.newText)])]).join(' | ');
    assert.match(texts, /"UWB-transmitter" is a variant of "UWB transmitter"/);
    assert.match(texts, /Replace with "UWB transmitter"/);
    assert.match(texts, /Replace with "base ASIC chip"/);
    assert.doesNotMatch(texts, /Uwb|uwb|asic/);
    const labels = a.terms.map((t) => t.label);
    assert.ok(labels.includes('UWB transmitter') && labels.includes('base ASIC chip'), labels.join(', '));
  });
});
