// Every check, with cases that must fire and cases that must not.
import assert from 'node:assert/strict';
import { analyze, at, claimsOnly, codes } from '../support/matter';

const DISCLOSURE = [
  '# Bicycle brake',
  '',
  '## Detailed Description',
  '',
  'The brake 10 has a housing 12, a lever 14 pivoted on the housing 12, and a spring 16. The spring 16 biases the lever 14.',
  'A fastening member 18 holds the housing 12 on the frame. The fastening member 18 is a bolt. The fastening member 18 has a head.',
  'A cable 20 runs from the lever 14 to a caliper 22. In some embodiments the sensor comprises a thermocouple.',
  '',
].join('\n');

describe('checks', () => {
  describe('claim-numbering', () => {
    it('fires on a gap, a duplicate and out-of-order numbers, with a renumber fix', () => {
      const a = claimsOnly('1. A brake.\n\n3. The brake of claim 1.\n\n3. The brake of claim 1.\n\n2. The brake of claim 1.\n');
      const f = codes(a, 'claim-numbering');
      assert.deepEqual(
        f.map((x) => x.message.split(':')[0].split(' ').slice(0, 3).join(' ')),
        ['Gap in claim', 'Claim number 3', 'Claim 2 is'],
      );
      const fix = f[0].fixes![0];
      assert.match(fix.title, /Renumber/);
      assert.deepEqual(
        fix.edits.map((e) => e.newText),
        ['2', '4'],
      );
    });
    it('does not fire on consecutive numbers', () => {
      assert.equal(codes(claimsOnly('1. A brake.\n2. The brake of claim 1.\n3. The brake of claim 2.\n'), 'claim-numbering').length, 0);
    });
    it('in amendment mode asks for the canceled claim to keep its number', () => {
      const a = claimsOnly('1. (Original) A brake.\n\n3. (New) The brake of claim 1.\n', { mode: 'amendment' });
      const [f] = codes(a, 'claim-numbering');
      assert.match(f.message, /"2\. \(Canceled\)"/);
      assert.equal(f.fixes, undefined);
      assert.equal(codes(claimsOnly('1. (Original) A brake.\n2. (Canceled)\n3. (New) The brake of claim 1.\n', { mode: 'amendment' }), 'claim-numbering').length, 0);
    });
  });

  describe('claim-dependency', () => {
    it('fires on a missing claim, itself, a later claim and a cycle', () => {
      const a = claimsOnly('1. A brake.\n2. The brake of claim 9.\n3. The brake of claim 3.\n4. The brake of claim 5.\n5. The brake of claim 4.\n');
      const msgs = codes(a, 'claim-dependency').map((f) => f.message);
      assert.ok(msgs.some((m) => /claim 9, which does not exist/.test(m)));
      assert.ok(msgs.some((m) => /Claim 3 depends on itself/.test(m)));
      assert.ok(msgs.some((m) => /later claim \(5\)/.test(m)));
      assert.ok(msgs.some((m) => /Circular dependency: claim 4 → claim 5 → claim 4/.test(m)));
      const missing = codes(a, 'claim-dependency').find((f) => /does not exist/.test(f.message))!;
      assert.equal(missing.fixes![0].edits[0].newText, 'claim 1');
      assert.equal(at(a, missing), 'claim 9');
    });
    it('does not fire on proper dependencies', () => {
      assert.equal(codes(claimsOnly('1. A brake.\n2. The brake of claim 1.\n3. The brake of claim 1 or 2.\n'), 'claim-dependency').length, 0);
    });
    it('fires on a body reference to a claim that does not exist', () => {
      const a = claimsOnly('1. A compound X.\n2. A composition comprising a carrier and the compound of claim 7.\n');
      const [f] = codes(a, 'claim-dependency');
      assert.match(f.message, /claim 7, which does not exist/);
      assert.equal(at(a, f), 'claim 7');
    });
    it('fires on a dependency without the word "claim", with a fix that inserts it', () => {
      const a = claimsOnly(
        '1. A valve.\n2. The valve of 1, wherein the seat is round.\n3. The valve according to 2, further comprising a spring.\n4. The valve as claimed in 1 or 2, wherein the spring is steel.\n5. The valve according to 9, wherein the seat is steel.\n',
      );
      const f = codes(a, 'claim-dependency');
      assert.deepEqual(
        f.map((x) => [x.claim, at(a, x), x.severity, x.confidence]),
        [
          [2, '1', 'error', 'high'],
          [3, '2', 'error', 'high'],
          [4, '1 or 2', 'error', 'high'],
          [5, '9', 'error', 'medium'],
        ],
      );
      assert.equal(f[0].fixes![0].edits[0].newText, 'claim ');
      assert.equal(f[2].fixes![0].edits[0].newText, 'claims ');
      assert.deepEqual(a.claims[2].parents, [2]);
    });
    it('does not fire on a quantity, a step count or a formula number after "of"', () => {
      const a = claimsOnly(
        '1. A valve of 3 mm, wherein the seat is round.\n2. The method of 2-step heating, wherein the oven is hot.\n3. The valve of claim 1, wherein the seat has a diameter of 3, and a rim.\n4. The yield of 1,6-hexane, wherein the rate is high.\n',
      );
      assert.equal(codes(a, 'claim-dependency').length, 0);
    });
  });

  describe('multiple-dependency', () => {
    it('fires on cumulative references and on a multiple dependent claim on another, in US mode', () => {
      const a = claimsOnly('1. A brake.\n2. The brake of claim 1.\n3. The brake of claims 1 and 2.\n4. The brake of claim 1 or 2.\n5. The brake of claim 3 or 4.\n');
      const f = codes(a, 'multiple-dependency');
      assert.ok(f.some((x) => x.claim === 3 && /cumulatively/.test(x.message)));
      assert.equal(f.find((x) => x.claim === 3)!.fixes![0].edits[0].newText, 'claims 1 or 2');
      assert.ok(f.some((x) => x.claim === 5 && /itself a multiple dependent claim/.test(x.message)));
      assert.ok(!f.some((x) => x.claim === 4));
    });
    it('is off in EP mode', () => {
      const a = claimsOnly('1. A brake.\n2. The brake of claim 1.\n3. The brake of claim 1 or 2.\n4. The brake of claim 2 or 3.\n', { jurisdiction: 'ep' });
      assert.equal(codes(a, 'multiple-dependency').length, 0);
    });
  });

  describe('canceled-parent', () => {
    it('fires on a dependency on a canceled claim, not on a pending one', () => {
      const a = claimsOnly('1. (Original) A brake.\n2. (Canceled)\n3. (Original) The brake of claim 2.\n4. (Original) The brake of claim 1.\n', { mode: 'amendment' });
      const f = codes(a, 'canceled-parent');
      assert.deepEqual(
        f.map((x) => x.claim),
        [3],
      );
    });
  });

  describe('claim-form', () => {
    it('fires on a lower-case start, a missing period and two sentences', () => {
      const a = claimsOnly('1. a brake comprising a lever\n2. The brake of claim 1. It is red.\n');
      const msgs = codes(a, 'claim-form').map((f) => f.message);
      assert.ok(msgs.some((m) => /does not begin with a capital/.test(m)));
      assert.ok(msgs.some((m) => /does not end with a period/.test(m)));
      assert.ok(msgs.some((m) => /more than one sentence/.test(m)));
    });
    it('does not fire where a formula or structure left out of the text ends the claim', () => {
      const a = claimsOnly(
        [
          '1. A compound having the formula:',
          '2. The compound of claim 1, of formula (I):',
          '3. The method of claim 1, wherein the compound is',
          '4. A composition comprising a compound selected from the group consisting of:\n   (a) Arg-Pro-Pro;\n   (b)\n   (c)',
          '5. The compound of claim 1 having the structure ![structure](s.png)',
        ].join('\n\n') + '\n',
      );
      assert.deepEqual(
        codes(a, 'claim-form').map((f) => f.message),
        [],
      );
    });
    it('in EP mode asks only for a numeral after the name the description gives it, not for counts', () => {
      const claims = '1. A brake comprising a housing 12, wherein the lever has 12 teeth, the housing has 12, 14 or 16 bores and the housing 12-fold symmetry.\n';
      const a = analyze({ 'claims.md': claims, 'disclosure.md': DISCLOSURE }, { jurisdiction: 'ep' });
      const f = codes(a, 'claim-form');
      assert.deepEqual(
        f.map((x) => [at(a, x), x.confidence]),
        [['12', 'medium']],
      );
      assert.equal(f[0].range.start.offset, a.matter.documents.find((d) => d.uri.endsWith('claims.md'))!.text.indexOf('12'));
    });
    it('still fires on a claim that stops short with no formula in sight', () => {
      const a = claimsOnly('1. A brake comprising a lever, wherein the lever is\n\n2. A brake comprising:\n   (a) a lever;\n   (b)\n');
      assert.deepEqual(
        codes(a, 'claim-form').map((f) => [f.claim, f.confidence]),
        [
          [1, 'high'],
          [2, 'high'],
        ],
      );
    });
    it('does not fire on abbreviations, decimals or a proper claim', () => {
      const a = claimsOnly('1. A brake comprising a lever of about 2.5 cm, e.g. Steel, as in FIG. 2.\n');
      assert.equal(codes(a, 'claim-form').length, 0);
    });
    it('in EP mode asks for reference signs in parentheses', () => {
      const a = analyze({ 'claims.md': '1. A brake comprising a housing 12 and a lever (14).\n', 'disclosure.md': DISCLOSURE }, { jurisdiction: 'ep' });
      const f = codes(a, 'claim-form');
      assert.equal(f.length, 1);
      assert.equal(at(a, f[0]), '12');
      assert.equal(f[0].fixes![0].edits[0].newText, '(12)');
    });
    it('in EP mode leaves claim numbers alone, also inside a list ("claims 1 or 12")', () => {
      const claims =
        '1. A brake comprising a housing (12).\n' +
        Array.from({ length: 11 }, (_, i) => `${i + 2}. A brake according to claim 1, wherein the housing (12) is red.`).join('\n') +
        '\n13. A brake according to claims 1 or 12, wherein the lever (14) is long.\n';
      const a = analyze({ 'claims.md': claims, 'disclosure.md': DISCLOSURE }, { jurisdiction: 'ep' });
      assert.deepEqual(
        codes(a, 'claim-form').map((f) => f.message),
        [],
      );
    });
  });

  describe('antecedent-basis', () => {
    it('fires on "the X" without an earlier "a X", pointing at the words, with a fix', () => {
      const a = claimsOnly('1. A brake comprising a housing, wherein the lever is mounted on the housing.\n');
      const [f, ...rest] = codes(a, 'antecedent-basis');
      assert.equal(rest.length, 0);
      assert.equal(at(a, f), 'the lever');
      assert.equal(f.severity, 'warning');
      assert.equal(f.fixes![0].edits[0].newText, 'a ');
    });
    it('uses every ancestor on the path, and every path of a multiple dependent claim', () => {
      const text = [
        '1. A brake comprising a housing.',
        '2. The brake of claim 1, further comprising a lever.',
        '3. The brake of claim 2, wherein the lever is on the housing.',
        '4. The brake of claim 1 or 2, wherein the lever is long.',
      ].join('\n');
      const f = codes(claimsOnly(text), 'antecedent-basis');
      assert.deepEqual(
        f.map((x) => x.claim),
        [4],
        'claim 3 is fine through claim 2; claim 4 lacks "a lever" on the path through claim 1',
      );
    });
    it('accepts plurals, "said", "at least one", "a plurality of", ordinals and "first and second"', () => {
      const text = [
        '1. A brake comprising a plurality of levers, at least one spring, first and second pads, and one or more cables, ' +
          'wherein said levers, the at least one spring, the first pad, the second pad and each cable are steel.',
      ].join('\n');
      assert.equal(codes(claimsOnly(text), 'antecedent-basis').length, 0);
    });
    it('gives "the outer surface of the housing" a lower severity as possibly inherent', () => {
      const [f] = codes(claimsOnly('1. A brake comprising a housing, wherein the outer surface of the housing is smooth.\n'), 'antecedent-basis');
      assert.equal(f.severity, 'info');
      assert.match(f.message, /may be inherent/);
    });
    it('fires when "a X" is introduced again on one path so "the X" is ambiguous', () => {
      const a = claimsOnly('1. A brake comprising a spring.\n2. The brake of claim 1, further comprising a spring, wherein the spring is stiff.\n');
      const f = codes(a, 'antecedent-basis');
      assert.equal(f.length, 1);
      assert.match(f[0].message, /ambiguous/);
    });
    it('does not fire on "the group consisting of", "the same" or a verb after the noun', () => {
      const a = claimsOnly('1. A brake comprising a pad selected from the group consisting of rubber and resin, wherein the pad engages the same rim.\n');
      assert.equal(codes(a, 'antecedent-basis').length, 0);
    });
    it('honours a suppression comment', () => {
      const a = claimsOnly('<!-- patent-draft-disable-next-line antecedent-basis -->\n1. A brake, wherein the lever is long.\n');
      assert.equal(codes(a, 'antecedent-basis').length, 0);
    });
  });

  describe('term-unsupported', () => {
    it('fires on a claim term absent from the disclosure', () => {
      const a = analyze({ 'claims.md': '1. A brake comprising a housing, a lever and a hydraulic piston.\n', 'disclosure.md': DISCLOSURE });
      const f = codes(a, 'term-unsupported');
      assert.deepEqual(
        f.map((x) => at(a, x)),
        ['hydraulic piston'],
      );
    });
    it('accepts plural, hyphenation and spacing variants', () => {
      const disc = DISCLOSURE + '\nThe sub-assembly includes two data bases and several cables.\n';
      const a = analyze({ 'claims.md': '1. A brake comprising a subassembly, a database and a cable.\n', 'disclosure.md': disc });
      assert.equal(codes(a, 'term-unsupported').length, 0);
    });
  });

  describe('term-variant', () => {
    it('fires on the minority form with a fix to the dominant one', () => {
      const a = analyze({ 'claims.md': '1. A brake comprising a housing and a fastener member holding the housing.\n', 'disclosure.md': DISCLOSURE });
      const f = codes(a, 'term-variant');
      assert.equal(f.length, 1);
      assert.equal(at(a, f[0]), 'fastener member');
      assert.equal(f[0].fixes![0].edits[0].newText, 'fastening member');
      assert.match(f[0].message, /variant of "fastening member" \(3× vs 1×/);
    });
    it('fires on hyphenation drift and not on unrelated terms', () => {
      const disc = 'The sub-assembly holds a pin. The sub-assembly is steel. The subassembly is light. A first arm and a second arm.\n';
      const a = analyze({ 'claims.md': '1. A brake comprising a first arm and a second arm.\n', 'disclosure.md': '# T\n\n## Description\n\n' + disc });
      const f = codes(a, 'term-variant');
      assert.deepEqual(
        f.map((x) => at(a, x)),
        ['subassembly'],
      );
    });
  });

  describe('numeral-conflict', () => {
    it('fires on one numeral with two names and on one name with two numerals', () => {
      const disc =
        '# T\n\n## Description\n\nFIG. 1 shows the brake. The housing 12 is round. The housing 12 is steel. The return spring 12 is red. The brake lever 30 moves. The brake lever 30 pivots. The brake lever 30 stops. The brake lever 32 is long.\n';
      const a = analyze({ 'claims.md': '1. A brake.\n', 'disclosure.md': disc });
      const f = codes(a, 'numeral-conflict');
      assert.equal(f.length, 2);
      assert.equal(at(a, f[0]), 'return spring 12');
      assert.equal(f[0].fixes![0].edits[0].newText, 'housing');
      assert.equal(at(a, f[1]), '32');
    });
    it('does not fire on siblings 12a/12b, on "upper housing 12" or on figure numbers', () => {
      const disc = '# T\n\n## Description\n\nAs shown in FIG. 1, the housing 12 has housings 12a and 12b. The upper housing 12 is steel. Claim 1 and step 3 are examples; 10 mm is small.\n';
      assert.equal(codes(analyze({ 'claims.md': '1. A brake.\n', 'disclosure.md': disc }), 'numeral-conflict').length, 0);
    });
  });

  describe('glossary', () => {
    it('fires on a term to avoid, in claims and disclosure, with a fix', () => {
      const a = analyze({ 'claims.md': '1. A brake comprising a fixing member.\n', 'disclosure.md': '# T\n\n## Description\n\nThe fixing members hold it.\n' }, {}, [
        { preferred: 'fastening member', avoid: ['fixing member'] },
      ]);
      const f = codes(a, 'glossary');
      assert.deepEqual(
        f.map((x) => at(a, x)),
        ['fixing member', 'fixing members'],
      );
      assert.deepEqual(
        f.map((x) => x.fixes![0].edits[0].newText),
        ['fastening member', 'fastening members'],
      );
    });
    it('reads the glossary from .patentdraft/glossary.md', () => {
      const a = analyze({
        'claims.md': '1. A brake comprising a fixing member.\n',
        '.patentdraft/glossary.md': '# Glossary\n\n- **fastening member**: holds the housing. Avoid: fixing member, fastener\n',
      });
      assert.equal(codes(a, 'glossary').length, 1);
      assert.equal(codes(analyze({ 'claims.md': '1. A brake comprising a fastening member.\n' }), 'glossary').length, 0);
    });
  });

  describe('relative-term, means-plus-function, patent-profanity (info)', () => {
    it('fire on terms of degree, "means for", nonce words and absolute words', () => {
      const a = claimsOnly(
        '1. A brake comprising means for stopping a wheel, a control module configured to brake, and a pad of about 2 cm, such as rubber, wherein the pad must always be critical.\n',
      );
      assert.deepEqual(
        codes(a, 'relative-term').map((f) => at(a, f)),
        ['about', 'such as'],
      );
      assert.deepEqual(
        codes(a, 'means-plus-function').map((f) => at(a, f)),
        ['means for', 'module configured to'],
      );
      assert.deepEqual(
        codes(a, 'patent-profanity').map((f) => at(a, f)),
        ['must', 'always', 'critical'],
      );
      assert.ok(a.findings.filter((f) => ['relative-term', 'means-plus-function', 'patent-profanity'].includes(f.code)).every((f) => f.severity === 'info'));
    });
    it('patent-profanity: permissive "if necessary", "as required", "not necessarily" pass; a limiting "is required" fires; "essentially" is left to relative-term', () => {
      const a = claimsOnly(
        '1. A pump comprising a seal that is replaced if necessary, cleaned as required and not necessarily removed, wherein a filter is required and the housing is essentially round.\n',
      );
      assert.deepEqual(
        codes(a, 'patent-profanity').map((f) => at(a, f)),
        ['required'],
      );
      assert.deepEqual(
        codes(a, 'relative-term').map((f) => at(a, f)),
        ['essentially'],
      );
    });
    it('relative-term: "p-type" and "n-type" layers are terms of art, "Z-type" is not', () => {
      const a = claimsOnly('1. A diode comprising a p-type layer, an n-type layer and a Z-type contact.\n');
      assert.deepEqual(
        codes(a, 'relative-term').map((f) => at(a, f)),
        ['Z-type'],
      );
    });
    it('do not fire on plain structural language or "consisting essentially of"', () => {
      const a = claimsOnly('1. A system for braking consisting essentially of a lever and a steel pad.\n');
      assert.equal(codes(a).filter((f) => ['relative-term', 'means-plus-function', 'patent-profanity'].includes(f.code)).length, 0);
    });
  });

  describe('abstract and title', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    it('fires on over 150 words (error), under 50 (warning), two paragraphs and legal phraseology', () => {
      const long = analyze({ 'claims.md': '1. A brake.\n', 'abstract.md': `# Abstract\n\n${words(151)}\n` });
      assert.equal(codes(long, 'abstract')[0].severity, 'error');
      const short = analyze({ 'claims.md': '1. A brake.\n', 'abstract.md': `# Abstract\n\nThis invention relates to brakes. Said brake comprising a lever.\n\nMore.\n` });
      const msgs = codes(short, 'abstract').map((f) => f.message);
      assert.ok(msgs.some((m) => /words; MPEP/.test(m)));
      assert.ok(msgs.some((m) => /2 paragraphs/.test(m)));
      assert.ok(msgs.some((m) => /opens with "This invention relates to/.test(m)));
      assert.ok(msgs.some((m) => /"Said"/.test(m)));
      assert.ok(msgs.some((m) => /"comprising"/.test(m)));
    });
    it('does not fire on a clean abstract of 50–150 words', () => {
      const a = analyze({ 'claims.md': '1. A brake.\n', 'abstract.md': `# Abstract\n\nA bicycle brake includes ${words(60)}.\n` });
      assert.equal(codes(a, 'abstract').length, 0);
    });
    it('title: fires on "Improved" and a leading article, not on a plain title', () => {
      const t = (title: string) => codes(analyze({ 'app.md': `# ${title}\n\n## Description\n\nA brake.\n\n## Claims\n\n1. A brake.\n` }), 'title');
      assert.match(t('Improved Bicycle Brake')[0].message, /"Improved"/);
      assert.match(t('A Bicycle Brake')[0].message, /article "A"/);
      assert.equal(t('Bicycle brake with a pivoting lever').length, 0);
      assert.equal(t('x'.repeat(501))[0].severity, 'error');
    });
  });

  describe('settings', () => {
    it('turns a check off or changes its severity per code', () => {
      const text = '1. A brake, wherein the lever is long.\n';
      assert.equal(codes(claimsOnly(text, { severity: { 'antecedent-basis': 'off' } }), 'antecedent-basis').length, 0);
      assert.equal(codes(claimsOnly(text, { severity: { 'antecedent-basis': 'error' } }), 'antecedent-basis')[0].severity, 'error');
    });
  });
});
