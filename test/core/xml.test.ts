import assert from 'node:assert/strict';
import { childElements, decodeEntities, findAll, findFirst, parseXml, textContent, XmlError } from '../../src/core/xml';

function parseError(xml: string): XmlError {
  try {
    parseXml(xml);
  } catch (err) {
    assert.ok(err instanceof XmlError, `expected XmlError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(xml.slice(0, 60))} to fail`);
}

describe('xml: parseXml', () => {
  it('builds elements, attributes and text in document order', () => {
    const { root } = parseXml(`<a x="1" y='two'><b/>one<c z = "3">two</c>three</a>`);
    assert.equal(root.name, 'a');
    assert.deepEqual(root.attrs, { x: '1', y: 'two' });
    assert.deepEqual(
      root.children.map((c) => (c.type === 'text' ? c.text : `<${c.name}>`)),
      ['<b>', 'one', '<c>', 'three'],
    );
    assert.equal(findFirst(root, 'c')?.attrs.z, '3');
    assert.equal(textContent(root), 'onetwothree');
  });

  it('decodes the predefined entities and character references, in text and attributes', () => {
    const { root } = parseXml(`<a t="x &amp; y &#x3bc;">&lt;b&gt; &quot;q&quot; &apos;s&apos; &#65;&#x42;&#X43; &#x3bc;&#8212;&#x1F600;</a>`);
    assert.equal(root.attrs.t, 'x & y μ');
    assert.equal(textContent(root), `<b> "q" 's' ABC μ—😀`);
  });

  it('keeps unknown entities and a stray ampersand as written', () => {
    assert.equal(decodeEntities('a &lsqb; b & c &amp d &#xZZ; &#0;'), 'a &lsqb; b & c &amp d &#xZZ; &#0;');
    assert.equal(decodeEntities('&amp;amp;'), '&amp;');
  });

  it('reads CDATA literally and merges it with neighbouring text', () => {
    const { root } = parseXml('<a>x <![CDATA[<b>&amp;</b> ]]]]> y</a>');
    assert.equal(root.children.length, 1);
    assert.equal(textContent(root), 'x <b>&amp;</b> ]] y');
  });

  it('skips comments, processing instructions, the declaration and a DOCTYPE with an internal subset', () => {
    const xml = `\ufeff<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "x.dtd" [
  <!ENTITY e "a>b]">
  <!-- a comment with > and ] inside -->
  <?pi ] > ?>
]>
<!-- before -->
<us-patent-grant><?BRFSUM description="Brief Summary" end="lead"?><p>text<!-- hidden --> more</p></us-patent-grant>
<!-- after -->`;
    const doc = parseXml(xml);
    assert.equal(doc.doctype, 'us-patent-grant');
    assert.equal(doc.root.name, 'us-patent-grant');
    assert.equal(childElements(doc.root).length, 1);
    assert.equal(textContent(doc.root), 'text more');
  });

  it('finds descendants in document order without descending into matches', () => {
    const { root } = parseXml('<r><c id="1"><c id="2"/></c><x><c id="3"/></x></r>');
    assert.deepEqual(
      findAll(root, 'c').map((c) => c.attrs.id),
      ['1', '3'],
    );
    assert.equal(findFirst(root, 'x')?.name, 'x');
    assert.equal(findFirst(root, 'nope'), undefined);
  });

  it('reports mismatched and unclosed tags with line and column', () => {
    const e = parseError('<a>\n  <b>text</a>');
    assert.match(e.message, /line 2, column 10: end tag <\/a> does not match the open element <b>/);
    assert.equal(e.line, 2);
    assert.match(parseError('<a><b>').message, /missing <\/b>/);
    assert.match(parseError('<a></a></b>').message, /<\/b> without a start tag/);
  });

  it('rejects other malformed input with specific reasons', () => {
    assert.match(parseError('').message, /no root element/);
    assert.match(parseError('just text').message, /text before the root element/);
    assert.match(parseError('<a/>tail').message, /text after the root element/);
    assert.match(parseError('<a/><b/>').message, /second root element <b>/);
    assert.match(parseError('<a x=1/>').message, /attribute x value is not quoted/);
    assert.match(parseError('<a x="1" x="2"/>').message, /duplicate attribute x/);
    assert.match(parseError('<a>1 < 2</a>').message, /unescaped "<"/);
    assert.match(parseError('<a><!-- open</a>').message, /unterminated comment/);
    assert.match(parseError('<a><![CDATA[x</a>').message, /unterminated CDATA/);
    assert.match(parseError('<a x="1').message, /unterminated value/);
    assert.match(parseError('<!DOCTYPE a [ <!ENTITY e "x"> <a/>').message, /unterminated DOCTYPE/);
    assert.match(parseError('<?xml version="1.0"?><a/>\n<?xml version="1.0"?><a/>').message, /second XML declaration.*concatenated/);
  });

  it('runs in linear time on large and pathological inputs', () => {
    const mb = 1 << 20;
    const cases: [string, () => void][] = [
      ['1 MB of text on one line', () => assert.throws(() => parseXml('x'.repeat(mb)), XmlError)],
      ['1 MB of ampersands', () => assert.equal(textContent(parseXml(`<a>${'&'.repeat(mb)}</a>`).root).length, mb)],
      ['1 MB attribute', () => assert.equal(parseXml(`<a v="${'&#;'.repeat(mb / 3)}"/>`).root.attrs.v.length, 3 * Math.floor(mb / 3))],
      ['200k nested elements', () => assert.equal(findAll(parseXml('<a>'.repeat(200000) + '</a>'.repeat(200000)).root, 'a').length, 1)],
      ['200k unclosed "<a"', () => assert.throws(() => parseXml('<a'.repeat(200000)), XmlError)],
      ['100k siblings', () => assert.equal(parseXml(`<r>${'<p i="1">t &amp; u</p>'.repeat(100000)}</r>`).root.children.length, 100000)],
    ];
    for (const [name, run] of cases) {
      const t0 = performance.now();
      run();
      const ms = performance.now() - t0;
      assert.ok(ms < 2000, `${name} took ${ms.toFixed(0)} ms`);
    }
  });
});
