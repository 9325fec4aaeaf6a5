// Incremental analysis (issue 11, Speed): the disclosure is indexed per paragraph with offsets relative to
// the paragraph, so an edit re-indexes the paragraph it is in. Findings after a sequence of edits through
// one AnalysisCache must be those of a cold analysis of the same text, on every corpus document; and an
// edit in the middle of the description keeps every other paragraph's index (by identity).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AnalysisCache, analyzeMatter, createMatter, type Analysis } from '../../src/core';
import { CORPUS, hasCorpus } from '../support/matter';

const DEV = path.resolve(CORPUS, '../uspto-dev');
const docs = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^US.*\.md$/.test(f))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

function analyse(file: string, text: string, cache = new AnalysisCache()): Analysis {
  return analyzeMatter(createMatter(path.dirname(file), [{ uri: file, text }]), { cache });
}

/** What a host shows of a finding. */
function shown(a: Analysis): string[] {
  return a.findings.map(
    (f) => `${f.code} ${f.range.start.offset}-${f.range.end.offset} ${f.severity} ${f.confidence} ${f.message} ${JSON.stringify(f.fixes ?? null)} ${JSON.stringify(f.related ?? null)}`,
  );
}

/** The terms and numerals a host lists (support sentences and numerals read off the assembled index). */
function listed(a: Analysis): string {
  return JSON.stringify([
    a.terms.map((t) => [t.key, t.support.count, t.support.first?.range.start.offset, t.numerals]),
    a.numerals.map((n) => [n.numeral, n.key, n.range.start.offset, n.range.end.offset]),
  ]);
}

/** The middle of the description, at a word start, and the paragraph breaks around it. */
function middle(text: string): { at: number; breakAfter: number; sentenceEnd: number } {
  const start = text.indexOf('## Description') >= 0 ? text.indexOf('## Description') : 0;
  const claims = text.indexOf('\n## Claims');
  const end = claims > start ? claims : text.length;
  let at = Math.floor((start + end) / 2);
  while (at < end && text[at] !== ' ') at++;
  at++;
  const breakAfter = text.indexOf('\n\n', at);
  const sentenceEnd = text.indexOf('. ', at);
  return { at, breakAfter, sentenceEnd };
}

/** Insert and delete a character, split a paragraph after a sentence, join two paragraphs. */
function edits(text: string): string[] {
  const { at, breakAfter, sentenceEnd } = middle(text);
  const out: string[] = [];
  let t = text.slice(0, at) + 'x' + text.slice(at);
  out.push(t);
  t = t.slice(0, at) + t.slice(at + 1);
  out.push(t);
  t = t.slice(0, at - 1) + t.slice(at);
  out.push(t);
  if (sentenceEnd > 0) {
    const s = sentenceEnd - 1;
    t = t.slice(0, s + 1) + '\n\n' + t.slice(s + 2);
    out.push(t);
  }
  const join = t.indexOf('\n\n', breakAfter > 0 ? breakAfter - 2 : at);
  if (join > 0) {
    t = t.slice(0, join) + ' ' + t.slice(join + 2);
    out.push(t);
  }
  return out;
}

function checkDocument(file: string, everyStep: boolean): void {
  const text = readFileSync(file, 'utf8');
  const cache = new AnalysisCache();
  analyse(file, text, cache);
  const steps = edits(text);
  for (let i = 0; i < steps.length; i++) {
    const warm = analyse(file, steps[i], cache);
    if (!everyStep && i < steps.length - 1) continue;
    const cold = analyse(file, steps[i]);
    assert.deepEqual(shown(warm), shown(cold), `${path.basename(file)}: findings after edit ${i + 1} differ from a cold analysis`);
    assert.equal(listed(warm), listed(cold), `${path.basename(file)}: terms or numerals after edit ${i + 1} differ from a cold analysis`);
  }
}

describe('incremental analysis: edits through one AnalysisCache give the findings of a cold analysis', function () {
  this.timeout(180000);
  if (!hasCorpus)
    it('is skipped: ../shared/corpus is absent', function () {
      this.skip();
    });
  for (const file of docs(CORPUS)) it(`uspto/${path.basename(file)} (every step)`, () => checkDocument(file, true));
  for (const file of docs(DEV)) it(`uspto-dev/${path.basename(file)}`, () => checkDocument(file, false));
});

/** A small seeded generator (the same edits on every run). */
function lcg(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

/** One edit of a kind at a position the generator picks: insert or delete a character, split a paragraph at a
 *  sentence end, merge two paragraphs, change a claim reference or a claim's number, add a term (a new one, or a
 *  hyphenated variant of two words the text writes apart). */
function randomEdit(text: string, pick: (n: number) => number, kind: number): string {
  const claimsAt = Math.max(0, text.indexOf('\n## Claims'));
  const at = (from = 0, to = text.length) => {
    let i = from + pick(Math.max(1, to - from));
    while (i < to && /\S/.test(text[i - 1] ?? ' ')) i++;
    return Math.min(i, text.length);
  };
  const nth = (re: RegExp, from = 0, to = text.length) => {
    const hits = [...text.slice(from, to).matchAll(re)];
    return hits.length ? hits[pick(hits.length)] : undefined;
  };
  switch (kind) {
    case 0: {
      const i = at();
      return text.slice(0, i) + 'q' + text.slice(i);
    }
    case 1: {
      const i = at();
      return text.slice(0, i) + text.slice(i + 1);
    }
    case 2: {
      const m = nth(/\. (?=[A-Z])/g, 0, claimsAt || text.length);
      return m ? text.slice(0, m.index! + 1) + '\n\n' + text.slice(m.index! + 2) : text;
    }
    case 3: {
      const m = nth(/[a-z.]\n\n(?=[A-Za-z])/g, 0, claimsAt || text.length);
      return m ? text.slice(0, m.index! + 1) + ' ' + text.slice(m.index! + 3) : text;
    }
    case 4: {
      const m = nth(/claim (\d+)/g, claimsAt);
      if (!m) return text;
      const i = claimsAt + m.index! + 6;
      return text.slice(0, i) + String(Math.max(1, Number(m[1]) - 1 + pick(3))) + text.slice(i + m[1].length);
    }
    case 5: {
      const m = nth(/^(\d+)\. /gm, claimsAt);
      if (!m) return text;
      const i = claimsAt + m.index!;
      return text.slice(0, i) + String(Number(m[1]) + 1) + text.slice(i + m[1].length);
    }
    case 6: {
      const i = at(claimsAt);
      return text.slice(0, i) + 'a fastening member and the fastener member 12 ' + text.slice(i);
    }
    default: {
      const m = nth(/\b([a-z]{4,}) ([a-z]{4,})\b/g);
      return m ? text.slice(0, m.index!) + `${m[1]}-${m[2]}` + text.slice(m.index! + m[0].length) : text;
    }
  }
}

describe('incremental analysis: edits anywhere in a corpus document equal a cold analysis', function () {
  this.timeout(180000);
  if (!hasCorpus)
    it('is skipped: ../shared/corpus is absent', function () {
      this.skip();
    });
  const largest = path.join(CORPUS, 'US08927118.md');
  if (hasCorpus)
    it(`uspto/US08927118.md: 40 edits of every kind at positions across the document`, () => {
      const pick = lcg(11);
      const cache = new AnalysisCache();
      let text = readFileSync(largest, 'utf8');
      analyse(largest, text, cache);
      for (let i = 0; i < 40; i++) {
        const kind = i % 8;
        text = randomEdit(text, pick, kind);
        const warm = analyse(largest, text, cache);
        const cold = analyse(largest, text);
        assert.deepEqual(shown(warm), shown(cold), `edit ${i + 1} (kind ${kind}): findings differ from a cold analysis`);
        assert.equal(listed(warm), listed(cold), `edit ${i + 1} (kind ${kind}): terms or numerals differ from a cold analysis`);
      }
    });

  // A split matter made at test time from a corpus document: the claims in claims.md, the rest in description.md.
  const split = path.join(path.resolve(CORPUS, '../uspto-dev'), 'US07521044B2.md');
  if (hasCorpus && existsSync(split))
    it('uspto-dev/US07521044B2.md as a split matter (claims.md, description.md): 24 edits in either file', () => {
      const whole = readFileSync(split, 'utf8');
      const cut = whole.indexOf('\n## Claims');
      const files = { claims: whole.slice(cut + 1), description: whole.slice(0, cut + 1) };
      const matterOf = () =>
        createMatter('/m', [
          { uri: '/m/claims.md', text: files.claims },
          { uri: '/m/description.md', text: files.description },
        ]);
      const pick = lcg(5);
      const cache = new AnalysisCache();
      analyzeMatter(matterOf(), { cache });
      for (let i = 0; i < 24; i++) {
        const kind = i % 8;
        const which = kind >= 4 && kind <= 6 ? 'claims' : i % 3 === 0 ? 'claims' : 'description';
        files[which] = randomEdit(files[which], pick, kind);
        const warm = analyzeMatter(matterOf(), { cache });
        const cold = analyzeMatter(matterOf());
        assert.deepEqual(shown(warm), shown(cold), `edit ${i + 1} (kind ${kind}, ${which}): findings differ from a cold analysis`);
        assert.equal(listed(warm), listed(cold), `edit ${i + 1} (kind ${kind}, ${which}): terms or numerals differ`);
      }
    });
});

describe('incremental analysis: paragraphs', () => {
  const file = '/m/spec.md';
  const para = (i: number) =>
    `The housing ${10 + i} holds a spring ${20 + i}. The spring ${20 + i} presses the lever ${30 + i} against the housing ${10 + i}. In this embodiment the lever ${30 + i} turns about a pin ${40 + i} held in the housing ${10 + i}, and a cover ${50 + i} closes it. The cover ${50 + i} is made of a plastic material.`;
  const doc = (ps: string[]) =>
    `# Widget\n\n## Description\n\n${ps.join('\n\n')}\n\n## Claims\n\n1. A widget comprising a housing and a spring.\n\n2. The widget of claim 1, wherein the lever is bent.\n`;
  const base = Array.from({ length: 40 }, (_, i) => para(i));

  it('an edit in the middle of the description re-indexes only the paragraphs next to it', () => {
    const cache = new AnalysisCache();
    const before = analyse(file, doc(base), cache).disclosure[0];
    const edited = [...base];
    edited[20] = edited[20].replace('holds', 'holdsx');
    const after = analyse(file, doc(edited), cache).disclosure[0];
    assert.equal(after.paragraphs.length, before.paragraphs.length);
    const old = new Set(before.paragraphs.map((p) => p.para));
    const fresh = after.paragraphs.filter((p) => !old.has(p.para)).length;
    // The edited paragraph, and at most its neighbours (whose context it is).
    assert.ok(fresh >= 1 && fresh <= 3, `re-indexed ${fresh} of ${after.paragraphs.length} paragraphs`);
    // Offsets after the edit are shifted, read from the same paragraph index.
    assert.equal(after.paragraphs[30].para, before.paragraphs[30].para);
    assert.equal(after.paragraphs[30].offset, before.paragraphs[30].offset + 1);
  });

  it('many tiny paragraphs are indexed in blocks of a bounded count (not one index each)', () => {
    const tiny = Array.from({ length: 20000 }, (_, i) => `Rod ${(i % 90) + 10}.`);
    const text = doc(tiny);
    const cache = new AnalysisCache();
    const part = analyse(file, text, cache).disclosure[0];
    assert.ok(part.paragraphs.length <= text.length / 200 + 1, `${part.paragraphs.length} paragraph indexes for ${text.length} characters`);
    const warm = analyse(file, text.replace('Rod 55.', 'Rod 55x.'), cache);
    assert.deepEqual(shown(warm), shown(analyse(file, text.replace('Rod 55.', 'Rod 55x.'))));
  });

  it('reads patent-profanity per paragraph as a pass over the whole text does (a phrase or a permissive word across a break)', () => {
    const long = para(3);
    const ps = [`${long} The spring is used as`, `necessary in some embodiments. ${long}`, `${long} This relates to the present`, `invention as a whole. ${long}`, `${long} A cover is essential.`];
    const cache = new AnalysisCache();
    const a = analyse(file, doc(ps), cache);
    const part = a.disclosure[0];
    assert.ok(part.paragraphs.length >= 5, `${part.paragraphs.length} paragraph indexes`);
    const words = a.findings.filter((f) => f.code === 'patent-profanity').map((f) => a.matter.documents[0].text.slice(f.range.start.offset, f.range.end.offset).replace(/\s+/g, ' '));
    // "as" + "necessary" across the break permits; "the present" + "invention" is one phrase; "essential" stands.
    assert.deepEqual(words, ['the present invention', 'essential']);
    const edited = [...ps];
    edited[4] = edited[4].replace('essential', 'essentia');
    assert.deepEqual(shown(analyse(file, doc(edited), cache)), shown(analyse(file, doc(edited))));
  });

  it('a claim term the description comes to support (or stops supporting) in a far paragraph is read again', () => {
    const withFlange = (ps: string[]) => doc(ps).replace('a housing and a spring.', 'a housing, a spring and a flange bracket.');
    const cache = new AnalysisCache();
    const unsupported = (a: Analysis) => a.findings.filter((f) => f.code === 'term-unsupported').map((f) => String(f.data?.key));
    const before = analyse(file, withFlange(base), cache);
    assert.ok(unsupported(before).includes('flange bracket'), unsupported(before).join(', '));
    const edited = [...base];
    edited[30] = edited[30].replace('a cover', 'a flange bracket');
    const warm = analyse(file, withFlange(edited), cache);
    assert.ok(!unsupported(warm).includes('flange bracket'));
    assert.deepEqual(shown(warm), shown(analyse(file, withFlange(edited))));
    const back = analyse(file, withFlange(base), cache);
    assert.deepEqual(shown(back), shown(before));
  });

  it('an edit in the abstract, before the description, answers support as a cold analysis does (the description only moved)', () => {
    const withAbstract = (abstract: string, ps: string[]) =>
      doc(ps).replace('## Description', `## Abstract\n\n${abstract}\n\n## Description`).replace('a housing and a spring.', 'a housing, a spring and a flange bracket.');
    const unsupported = (a: Analysis) => a.findings.filter((f) => f.code === 'term-unsupported').map((f) => String(f.data?.key));
    const cache = new AnalysisCache();
    const short = 'A widget holds a spring in a housing.';
    const long = 'A widget of metal holds a spring in a housing.';
    const flange = [...base];
    flange[30] = flange[30].replace('a cover', 'a flange bracket');
    // The abstract grows and shrinks (the description moves by as much), alone or with a far paragraph that comes to name
    // the term or stops (one edit replacing both, as a replace-all does).
    const steps: [string, string[]][] = [
      [short, base],
      [long, base],
      [long, flange],
      [short, base],
      [long, flange],
      [long, base],
    ];
    const seen: boolean[] = [];
    for (const [abstract, ps] of steps) {
      const warm = analyse(file, withAbstract(abstract, ps), cache);
      assert.deepEqual(shown(warm), shown(analyse(file, withAbstract(abstract, ps))), abstract);
      seen.push(unsupported(warm).includes('flange bracket'));
    }
    assert.deepEqual(seen, [true, true, false, true, false, true]);
  });

  it('an edit in the claims keeps the disclosure part itself', () => {
    const cache = new AnalysisCache();
    const a = analyse(file, doc(base), cache);
    const b = analyse(file, doc(base).replace('lever is bent', 'lever is bentx'), cache);
    assert.equal(b.disclosure[0], a.disclosure[0]);
  });

  it('reads a numeral list, a heading and a repeated paragraph across paragraph breaks as a cold analysis does', () => {
    const tricky = [
      'The arms 14\n\n16 and 18 are shown in FIG. 1.',
      '## Detailed Description\n\nHousing 12 holds the spring 20',
      'Of course, the lever 30 is bent.',
      para(1),
      para(1),
      'A data base 40 and a sub-assembly 42; the database 40 and the subassembly 42 are shown (12) here.',
      'The carbon-atoms, and the carbon atoms 44.',
    ];
    const cache = new AnalysisCache();
    analyse(file, doc(base), cache);
    for (let k = 0; k < tricky.length; k++) {
      const ps = [...base.slice(0, 10), ...tricky.slice(0, k + 1), ...base.slice(10)];
      const warm = analyse(file, doc(ps), cache);
      const cold = analyse(file, doc(ps));
      assert.deepEqual(shown(warm), shown(cold));
      assert.equal(listed(warm), listed(cold));
    }
    // The repeated paragraph is one index, placed twice.
    const part = analyse(file, doc([...base.slice(0, 10), ...tricky, ...base.slice(10)]), cache).disclosure[0];
    assert.ok(
      part.numerals.some((n) => n.numeral === '16' && n.name === 'arm'),
      'the listed numeral after a paragraph break',
    );
    assert.equal(
      part.sentences.length,
      part.paragraphs.reduce((n, p) => n + p.para.sentenceStart.length, 0),
    );
  });
});
