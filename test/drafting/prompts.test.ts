// Prompts and context: templates with placeholders, a matter's own template, passages chosen by
// shared claim terms within the token budget, deterministically.
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { analyzeMatter, createMatter, type Analysis } from '../../src/core';
import { buildPrompt, DEFAULT_TEMPLATES, estimateTokens, fillTemplate, promptTemplatePath, selectPassages, TASK_KINDS } from '../../src/drafting';

const DIR = path.join(__dirname, 'fixtures', 'sensor');
function fixture(): Analysis {
  const docs = ['claims.md', 'disclosure.md'].map((f) => ({ uri: path.join(DIR, f), text: readFileSync(path.join(DIR, f), 'utf8') }));
  return analyzeMatter(createMatter(DIR, docs, {}, [{ preferred: 'controller', avoid: ['control unit'] }]));
}

describe('drafting: prompts and context', () => {
  const a = fixture();

  it('every task has a default template, and every placeholder is filled', () => {
    for (const kind of TASK_KINDS) {
      assert.ok(DEFAULT_TEMPLATES[kind].length > 0);
      const task =
        kind === 'dependent' || kind === 'continue'
          ? { kind, claim: 2 }
          : kind === 'claim'
            ? { kind, passage: 'The monitoring system may further comprise a display configured to show the readings.' }
            : { kind };
      const p = buildPrompt(task as never, { analysis: a });
      assert.doesNotMatch(p.text, /\{\{/);
      assert.equal(p.template, 'default');
      assert.match(p.text, /Monitoring system with a protected sensor/);
      assert.match(p.text, /- controller \(not: control unit\)/);
    }
    const dep = buildPrompt({ kind: 'dependent', claim: 2 }, { analysis: a });
    // The claim and its ancestors, root first.
    assert.match(
      dep.text,
      /1\. A monitoring system comprising: a housing; a sensor disposed in the housing; and a controller configured to read the sensor\.\n2\. The monitoring system of claim 1, wherein the housing is made of aluminum\./,
    );
    assert.equal(dep.nextNumber, 3);
  });

  it("a matter's own template replaces the default; unknown placeholders stay as written", () => {
    const p = buildPrompt({ kind: 'abstract' }, { analysis: a, templates: { abstract: 'Summarise {{claim}} ({{unknown}}) for "{{title}}".' } });
    assert.equal(p.template, 'matter');
    assert.equal(
      p.text,
      'Summarise 1. A monitoring system comprising: a housing; a sensor disposed in the housing; and a controller configured to read the sensor. ({{unknown}}) for "Monitoring system with a protected sensor".',
    );
    assert.equal(promptTemplatePath('abstract'), '.patentdraft/prompts/abstract.md');
    assert.equal(fillTemplate('{{ count }}-{{count}}', { count: '4' }), '4-4');
  });

  it('passages: those sharing the most claim terms, within the budget, in document order', () => {
    const keys = ['sensor', 'housing', 'controller'];
    const all = selectPassages(a, keys, 10000);
    const first = all.map((p) => p.text);
    assert.ok(first.includes('In some embodiments the sensor 104 comprises a thermocouple.'));
    assert.ok(!first.some((t) => /industrial ovens/.test(t)), 'a passage sharing no claim term is left out');
    for (let i = 1; i < all.length; i++) assert.ok(all[i].order > all[i - 1].order);
    // A tight budget keeps the passages with the most shared terms.
    const tight = selectPassages(a, keys, 40);
    assert.ok(tight.reduce((n, p) => n + estimateTokens(p.text) + 2, 0) <= 40);
    const best = Math.max(...all.map((p) => p.terms.length));
    assert.ok(tight.length > 0 && tight.every((p) => p.terms.length === best), JSON.stringify(tight.map((p) => p.terms)));
    assert.deepEqual(selectPassages(fixture(), keys, 40), tight);
    assert.deepEqual(selectPassages(a, keys, 0), []);
  });

  it('the claim task leaves the passage itself out of the context', () => {
    const text = 'In some embodiments the sensor 104 comprises a thermocouple.';
    const doc = a.matter.documents.find((d) => d.uri.endsWith('disclosure.md'))!;
    const at = doc.text.indexOf(text);
    const layout = a.context.layoutOf(doc.uri)!;
    const p = buildPrompt({ kind: 'claim', passage: text, passageSource: { uri: doc.uri, range: layout.lines.range(at, at + text.length), excerpt: text } }, { analysis: a });
    assert.ok(!p.passages.some((x) => x.text === text));
    assert.equal(p.text.split(text).length - 1, 1);
  });
});
