import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { importPatentXml, PLACEHOLDERS, readClaimRefs } from '../../src/core/importer';

// ---- Hand-written snippets ----

const V45_GRANT = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>
<us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03" file="US09999999-20150106.XML" country="US">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>09999999</doc-number><kind>B2</kind><date>20150106</date></document-id></publication-reference>
<application-reference appl-type="utility"><document-id><country>US</country><doc-number>13000000</doc-number></document-id></application-reference>
<invention-title id="d2e53">Widget &amp; gadget with H<sub>2</sub>O cooling</invention-title>
</us-bibliographic-data-grant>
<abstract id="abstract">
<p id="p-0001" num="0000">A widget <b>10</b> has a housing <b>12</b> &#x2014; see <figref idref="DRAWINGS">FIG. 1</figref>.</p>
</abstract>
<description id="description">
<?BRFSUM description="Brief Summary" end="lead"?>
<heading id="h-0001" level="1">FIELD OF THE INVENTION</heading>
<p id="p-0002" num="0001">The widget <b>10</b> holds 5 cm<sup>3</sup> of water.</p>
<p id="p-0003" num="0002">Heat is given by:
<maths id="MATH-US-00001" num="00001"><math><mi>Q</mi><mo>=</mo><mi>m</mi></math></maths>
where Q is heat.</p>
<p id="p-0004" num="0003"><tables id="TABLE-US-00001" num="00001"><table><tgroup cols="1"><tbody><row><entry>a</entry></row></tbody></tgroup></table></tables></p>
<p id="p-0005" num="0004">where:<dl><dt>Q</dt><dd>is heat;</dd><dt>m</dt><dd>is mass <i>in kg</i>.</dd></dl></p>
<ul id="ul0001" list-style="bullet"><li id="ul0001-0001">first item</li><li id="ul0001-0002">second item</li></ul>
<?BRFSUM description="Brief Summary" end="tail"?>
</description>
<us-claim-statement>What is claimed is:</us-claim-statement>
<claims id="claims">
<claim id="CLM-00001" num="00001">
<claim-text>1. A widget comprising:
<claim-text>a housing <b>12</b>; and</claim-text>
<claim-text>a cooler comprising:
<claim-text>a fan, and</claim-text>
<claim-text>a duct.</claim-text>
</claim-text>
</claim-text>
</claim>
<claim id="CLM-00002" num="00002">
<claim-text>2. The widget according to <claim-ref idref="CLM-00001">claim 1</claim-ref>, wherein the fan is quiet.</claim-text>
</claim>
<claim id="CLM-00003" num="00003">
<claim-text>3. The widget according to <claim-ref idref="CLM-00001">claim 1</claim-ref> or <claim-ref idref="CLM-00002">2</claim-ref>, wherein the duct is short.</claim-text>
</claim>
<claim id="CLM-00004" num="00004">
<claim-text>4. The widget according to any of <claim-ref idref="CLM-00001-CLM-00003">claims 1 to 3</claim-ref>, further comprising a lid.</claim-text>
</claim>
</claims>
</us-patent-grant>
`;

const V40_APPLICATION = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-application SYSTEM "us-patent-application-v40-2004-12-02.dtd" [ ]>
<us-patent-application lang="EN" dtd-version="v4.0 2004-12-02" file="US20059999999A1-20050106.XML">
<us-bibliographic-data-application lang="EN" country="US">
<publication-reference><document-id><country>US</country><doc-number>20059999999</doc-number><kind>A1</kind></document-id></publication-reference>
<invention-title>Blood sugar pet</invention-title>
</us-bibliographic-data-application>
<abstract id="abstract"><p id="A-0001" num="none">A device with a virtual creature. </p></abstract>
<description id="description"><heading id="h-0001" level="1">Background of the Invention</heading><p id="P-0001" num="0001">Text.</p></description>
<claims id="claims">
<claim id="CLM-00001" num="00001">
<claim-text><b>1</b>. A simulation device, comprising: 
<claim-text>a housing; </claim-text>
<claim-text>a display means; and </claim-text>
</claim-text>
 </claim>
<claim id="CLM-00002" num="00002">
<claim-text><b>2</b>. The device as set forth in <claim-ref idref="CLM-00001">claim 1</claim-ref>, wherein said device has an input device. </claim-text>
 </claim>
<claim id="CLM-00003" num="00003">
<claim-text><b>3</b>. The device as set forth in <claim-ref idref="CLM-00001 CLM-00002">claims 1 or 2</claim-ref>, which is small. </claim-text>
 </claim>
<claim id="CLM-00004" num="00004">
<claim-text><b>4</b>. The device of <claim-ref>claims 2 to 3</claim-ref>, which is blue. </claim-text>
 </claim>
</claims>
</us-patent-application>`;

const EPO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ep-patent-document PUBLIC "-//EPO//EP PATENT DOCUMENT 1.5//EN" "ep-patent-document-v1-5.dtd">
<ep-patent-document id="EP1234567B1" file="EP04999999NWB1.xml" lang="en" country="EP" doc-number="1234567" kind="B1" date-publ="20100101" status="n" dtd-version="ep-patent-document-v1-5">
<SDOBI lang="en">
<B000><eptags><B001EP>ATBECH</B001EP></eptags></B000>
<B100><B110>1234567</B110><B120><B121>EUROPEAN PATENT SPECIFICATION</B121></B120><B130>B1</B130><B190>EP</B190></B100>
<B500><B540><B541>de</B541><B542>Schraubendreher</B542><B541>en</B541><B542>Screwdriver</B542><B541>fr</B541><B542>Tournevis</B542></B540></B500>
</SDOBI>
<description id="desc" lang="en">
<heading id="h0001">TECHNICAL FIELD</heading>
<p id="p0001" num="0001">The invention relates to a screwdriver (1) with a handle (2).</p>
</description>
<claims id="claims01" lang="de">
<claim id="c-de-01-0001" num="0001"><claim-text>Schraubendreher (1) mit einem Griff (2).</claim-text></claim>
</claims>
<claims id="claims02" lang="en">
<claim id="c-en-01-0001" num="0001"><claim-text>A screwdriver (1) comprising:<claim-text>a handle (2); and</claim-text><claim-text>a blade (3).</claim-text></claim-text></claim>
<claim id="c-en-01-0002" num="0002"><claim-text>2. The screwdriver according to <claim-ref idref="c-en-01-0001">claim 1</claim-ref>, wherein the blade (3) is flat.</claim-text></claim>
<claim id="c-en-01-0003" num="0003"><claim-text>3.5 mm bits for the screwdriver of <claim-ref idref="c-en-01-0001-c-en-01-0002">claims 1 to 2</claim-ref>.</claim-text></claim>
</claims>
<claims id="claims03" lang="fr">
<claim id="c-fr-01-0001" num="0001"><claim-text>Tournevis (1).</claim-text></claim>
</claims>
</ep-patent-document>`;

function claimsSection(md: string): string {
  const at = md.indexOf('\n## Claims\n');
  assert.ok(at >= 0, 'no ## Claims section');
  return md.slice(at + '\n## Claims\n'.length).trim();
}

function importError(xml: string): string {
  try {
    importPatentXml(xml);
  } catch (err) {
    assert.ok(err instanceof Error);
    return err.message;
  }
  assert.fail('expected importPatentXml to throw');
}

describe('importer: hand-written documents', () => {
  it('imports a v4.5 grant into the single-file Markdown layout', () => {
    const m = importPatentXml(V45_GRANT);
    assert.equal(m.kind, 'uspto-grant');
    assert.equal(m.docNumber, 'US09999999B2');
    assert.equal(m.title, 'Widget & gadget with H2O cooling');
    assert.equal(m.files.length, 1);
    assert.equal(m.files[0].name, 'US09999999B2.md');
    const md = m.files[0].text;
    assert.ok(md.startsWith('# Widget & gadget with H2O cooling\n\n## Abstract\n\nA widget 10 has a housing 12 — see FIG. 1.\n\n## Description\n\n'));
    assert.ok(md.includes('\n### Field Of The Invention\n\nThe widget 10 holds 5 cm3 of water.\n'));
    assert.ok(md.includes(`\nHeat is given by:\n\n${PLACEHOLDERS.formula}\n\nwhere Q is heat.\n`), md);
    assert.ok(md.includes(`\n${PLACEHOLDERS.table}\n`));
    assert.ok(md.includes('\n- first item\n- second item\n'));
    assert.ok(md.includes('\nwhere:\n\nQ is heat;\n\nm is mass in kg.\n'), md);
    assert.ok(!/[<>]/.test(md.replace(/^#+ /gm, '')), 'no markup left');
    assert.ok(md.endsWith('lid.\n'));
    assert.equal(
      claimsSection(md),
      [
        '1. A widget comprising:',
        '   a housing 12; and',
        '   a cooler comprising:',
        '      a fan, and',
        '      a duct.',
        '',
        '2. The widget according to claim 1, wherein the fan is quiet.',
        '',
        '3. The widget according to claim 1 or 2, wherein the duct is short.',
        '',
        '4. The widget according to any of claims 1 to 3, further comprising a lid.',
      ].join('\n'),
    );
  });

  it('reads claim references from idrefs, ranges included', () => {
    const m = importPatentXml(V45_GRANT);
    assert.deepEqual(
      [...m.claimRefs],
      [
        [1, []],
        [2, [1]],
        [3, [1, 2]],
        [4, [1, 2, 3]],
      ],
    );
    assert.deepEqual([...readClaimRefs(V45_GRANT)], [...m.claimRefs]);
  });

  it('imports a v4.0 application: bold claim numbers, trailing spaces, IDREFS and a claim-ref without idref', () => {
    const m = importPatentXml(V40_APPLICATION);
    assert.equal(m.kind, 'uspto-application');
    assert.equal(m.docNumber, 'US20059999999A1');
    assert.equal(m.title, 'Blood sugar pet');
    const md = m.files[0].text;
    assert.ok(md.includes('\n## Abstract\n\nA device with a virtual creature.\n'));
    assert.ok(md.includes('\n### Background Of The Invention\n\nText.\n'));
    assert.equal(
      claimsSection(md),
      [
        '1. A simulation device, comprising:',
        '   a housing;',
        '   a display means; and',
        '',
        '2. The device as set forth in claim 1, wherein said device has an input device.',
        '',
        '3. The device as set forth in claims 1 or 2, which is small.',
        '',
        '4. The device of claims 2 to 3, which is blue.',
      ].join('\n'),
    );
    assert.deepEqual(
      [...m.claimRefs],
      [
        [1, []],
        [2, [1]],
        [3, [1, 2]],
        [4, [2, 3]],
      ],
    );
  });

  it('imports an EPO document, taking the English title and claims', () => {
    const m = importPatentXml(EPO);
    assert.equal(m.kind, 'epo');
    assert.equal(m.docNumber, 'EP1234567B1');
    assert.equal(m.title, 'Screwdriver');
    const md = m.files[0].text;
    assert.equal(m.files[0].name, 'EP1234567B1.md');
    assert.ok(md.startsWith('# Screwdriver\n\n## Description\n\n### Technical Field\n\nThe invention relates to a screwdriver (1) with a handle (2).\n'));
    assert.ok(!md.includes('## Abstract'), 'no abstract in this document');
    assert.equal(
      claimsSection(md),
      '1. A screwdriver (1) comprising:\n   a handle (2); and\n   a blade (3).\n\n2. The screwdriver according to claim 1, wherein the blade (3) is flat.' +
        '\n\n3. 3.5 mm bits for the screwdriver of claims 1 to 2.',
    );
    assert.deepEqual(
      [...m.claimRefs],
      [
        [1, []],
        [2, [1]],
        [3, [1, 2]],
      ],
    );
  });

  it('takes the first claims when there are no English ones', () => {
    const noEn = EPO.replace(/<claims id="claims02"[\s\S]*?<\/claims>/, '').replace('<B541>en</B541><B542>Screwdriver</B542>', '');
    const m = importPatentXml(noEn);
    assert.equal(m.title, 'Schraubendreher');
    assert.equal(claimsSection(m.files[0].text), '1. Schraubendreher (1) mit einem Griff (2).');
  });

  it('never turns a document number into a path', () => {
    const evil = V45_GRANT.replace('<doc-number>09999999</doc-number>', '<doc-number>../../etc/passwd</doc-number>');
    const name = importPatentXml(evil).files[0].name;
    assert.ok(!name.includes('/') && !name.includes('\\') && !name.startsWith('.'), name);
    assert.ok(name.endsWith('.md'));
  });
});

describe('importer: errors', () => {
  it('rejects an empty string', () => {
    assert.match(importError(''), /^empty input/);
    assert.match(importError('  \n '), /^empty input/);
  });

  it('rejects an HTML page', () => {
    const html = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>US 8930553 B2</title></head><body><p>Patent</body></html>';
    assert.match(importError(html), /HTML page, not patent XML/);
    assert.match(importError('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'), /HTML page/);
  });

  it('rejects 1 MB of text on a single line, quickly', () => {
    const t0 = performance.now();
    assert.match(importError('lorem ipsum '.repeat(90000)), /^not XML: the input starts with "lorem ipsum lorem/);
    assert.ok(performance.now() - t0 < 1000);
  });

  it('rejects unbalanced tags with the place and the tag names', () => {
    const broken = V45_GRANT.replace('</claim-text>\n</claim>\n<claim id="CLM-00002"', '</claim>\n<claim id="CLM-00002"');
    assert.match(importError(broken), /^not well-formed XML at line \d+, column \d+: end tag <\/claim> does not match the open element <claim-text>/);
    assert.match(importError(V45_GRANT.slice(0, V45_GRANT.indexOf('</abstract>'))), /not well-formed XML.*end of input inside <abstract> \(missing <\/abstract>\)/);
  });

  it('rejects XML that is not a patent document', () => {
    assert.match(importError('<?xml version="1.0"?><rss><channel/></rss>'), /not a patent document: the root element is <rss>/);
  });

  it('rejects a patent document without claims', () => {
    assert.match(importError(V45_GRANT.replace(/<claims id="claims">[\s\S]*<\/claims>/, '')), /US09999999B2 has no claims/);
    assert.match(importError(V45_GRANT.replace(/<claims id="claims">[\s\S]*<\/claims>/, '<claims id="claims"></claims>')), /has no claims/);
    assert.throws(() => readClaimRefs('<us-patent-grant/>'), /no claims/);
  });
});

// ---- The corpus: our Markdown against the corpus's Markdown ----

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/uspto');

/** Documents whose corpus Markdown drops the space after a subscript in claims ("X<sub>5 </sub>and"
 *  written "X5and"); the importer keeps it ("X5 and"). */
const SUBSCRIPT_SPACE_DROPPED = new Set(['US08927118']);

/** Whole files identical to the corpus (no lists, tables or formulae in them). */
const IDENTICAL = new Set(['US06859910', 'US08930553', 'US20050004437A1']);

interface Sections {
  title: string;
  abstract: string;
  claims: Map<number, string>;
}

function sections(md: string): Sections {
  const title = /^# (.*)$/m.exec(md)?.[1] ?? '';
  const abstract = (/\n## Abstract\n([\s\S]*?)\n## /.exec(md)?.[1] ?? '').trim();
  const claims = new Map<number, string>();
  let current = 0;
  for (const line of claimsSection(md).split('\n')) {
    const m = /^(\d+)\. (.*)$/.exec(line);
    if (m) {
      current = Number(m[1]);
      claims.set(current, m[2]);
    } else if (line.trim() && current) claims.set(current, `${claims.get(current)}\n${line}`);
  }
  return { title, abstract, claims };
}

const ws = (s: string) => s.replace(/\s+/g, ' ').trim();
const withoutPlaceholders = (s: string) =>
  s
    .split('\n')
    .filter((l) => !(Object.values(PLACEHOLDERS) as string[]).includes(l.trim()))
    .join('\n');

describe('importer: corpus documents', function () {
  before(function () {
    if (!existsSync(CORPUS)) {
      console.log(`      skipped: the corpus folder ${CORPUS} is absent (it lives beside the repository, not in it)`);
      this.skip();
    }
  });

  const names = existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.xml'))
        .map((f) => f.slice(0, -4))
    : [];

  it('../shared/corpus/uspto holds the eight documents', () => {
    assert.equal(names.length, 8);
  });

  for (const name of names) {
    it(`${name}: same title, abstract, claim count and claim text as the corpus Markdown`, () => {
      const xml = readFileSync(path.join(CORPUS, `${name}.xml`), 'utf8');
      const expected = readFileSync(path.join(CORPUS, `${name}.md`), 'utf8');
      const m = importPatentXml(xml);
      const ours = m.files[0].text;
      const a = sections(ours);
      const b = sections(expected);
      assert.equal(a.title, b.title);
      assert.equal(m.title, b.title);
      assert.equal(ws(a.abstract), ws(b.abstract));
      assert.equal(a.claims.size, b.claims.size);
      assert.deepEqual([...a.claims.keys()], [...b.claims.keys()]);
      let subscriptSpacing = 0;
      for (const [n, text] of a.claims) {
        const ourText = ws(withoutPlaceholders(text));
        const theirText = ws(b.claims.get(n)!);
        if (ourText === theirText) continue;
        // The one known corpus artifact: a lost space after a subscript. Nothing else may differ.
        assert.equal(ourText.replace(/ /g, ''), theirText.replace(/ /g, ''), `claim ${n} differs`);
        subscriptSpacing++;
      }
      assert.equal(subscriptSpacing > 0, SUBSCRIPT_SPACE_DROPPED.has(name), `claims differing in subscript spacing: ${subscriptSpacing}`);
      // Element lines and nesting: the same line structure (placeholders aside).
      for (const [n, text] of a.claims) {
        const indents = (s: string) => s.split('\n').map((l) => /^ */.exec(l)![0].length);
        assert.deepEqual(indents(withoutPlaceholders(text)), indents(b.claims.get(n)!), `claim ${n} element lines`);
      }
      if (IDENTICAL.has(name)) assert.equal(ours, expected);
    });

    it(`${name}: claim references agree with the claim text`, () => {
      const xml = readFileSync(path.join(CORPUS, `${name}.xml`), 'utf8');
      const refs = readClaimRefs(xml);
      const claims = sections(readFileSync(path.join(CORPUS, `${name}.md`), 'utf8')).claims;
      assert.deepEqual([...refs.keys()], [...claims.keys()]);
      let dependent = 0;
      for (const [n, targets] of refs) {
        const text = claims.get(n)!;
        if (targets.length) dependent++;
        for (const t of targets) {
          assert.ok(t < n, `claim ${n} refers forward to ${t}`);
          assert.match(text, new RegExp(`claims? (?:[\\d, ]*(?:and|or|to) )?[\\d, ]*\\b${t}\\b`), `claim ${n} refers to ${t}`);
        }
        if (/^(?:The|A|An)\b[^.]*?\bclaim \d+/.test(text)) assert.ok(targets.length > 0, `claim ${n} has a reference in its text`);
      }
      assert.ok(dependent > 0);
    });
  }
});
