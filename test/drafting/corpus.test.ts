// The built-in engine on every document of the USPTO corpus: the abstract's length, form and
// terms; every dependent claim candidate names an existing claim and passes the core's antecedent
// check against it; the output is the same on every run.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { analyzeMatter, countWords, type Analysis } from '../../src/core';
import { loadMatters } from '../../src/node/workspace';
import { BuiltinBackend, checkAbstract, checkGeneratedClaims, claimsInOutput, collectDraft, DraftError, type DraftTask } from '../../src/drafting';
import { tokenize } from '../../src/core/words';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/uspto');
const DEV = path.resolve(__dirname, '../../../shared/corpus/uspto-dev');
const docs = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md'))
      .sort()
  : [];
const devDocs = existsSync(DEV)
  ? readdirSync(DEV)
      .filter((f) => /^US.*\.md$/.test(f))
      .sort()
  : [];
const engine = new BuiltinBackend();
const run = (a: Analysis, task: DraftTask) => collectDraft(engine.generate(task, { analysis: a }));

describe('drafting: built-in engine on the USPTO corpus', function () {
  this.timeout(60000);
  before(function () {
    if (docs.length === 0) {
      console.log(`    (corpus not found at ${CORPUS}: corpus drafting tests skipped)`);
      this.skip();
    }
  });

  let candidates = 0;
  for (const name of docs) {
    describe(name, () => {
      let a: Analysis;
      before(async () => {
        const [m] = await loadMatters([path.join(CORPUS, name)]);
        a = analyzeMatter(m);
      });

      it('abstract: 50-150 words, one paragraph, recites the main terms of claim 1, same every run', async () => {
        const r = await run(a, { kind: 'abstract' });
        const words = countWords(r.text);
        assert.ok(words >= 50 && words <= 150, `${words} words`);
        assert.doesNotMatch(r.text, /\n/);
        assert.doesNotMatch(r.text, /\bsaid\b|\bcomprising\b|\bmeans\b/);
        assert.ok(r.complete);
        // The main terms: the first three claim 1 introduces, by normalised word ("means" is recast).
        const norms = new Set(tokenize(r.text).map((t) => t.norm));
        const claim1 = a.context.tokensByNumber.get(1)!;
        const main = claim1.mentions
          .filter((m) => m.kind === 'indefinite')
          .slice(0, 3)
          .map((m) => m.key);
        assert.ok(main.length > 0);
        for (const k of main)
          assert.ok(
            k
              .split(' ')
              .filter((w) => w !== 'means')
              .every((w) => norms.has(w)),
            `claim 1 term "${k}" not in the abstract`,
          );
        const again = await run(a, { kind: 'abstract' });
        assert.deepEqual(again.chunks, r.chunks);
        assertAbstractForm(a, r.text);
      });

      it('dependent claims of claim 1: each names an existing claim and passes the antecedent check; same every run', async () => {
        const r = await run(a, { kind: 'dependent', claim: 1 });
        const gen = claimsInOutput(r.text);
        candidates += gen.length;
        for (const g of gen) {
          const m = /^\d+\. The [\w -]+ of claim (\d+), (?:wherein|further comprising) /.exec(g.text);
          assert.ok(m, g.text);
          assert.ok(a.context.byNumber.has(Number(m[1])), `claim ${m[1]} does not exist`);
          assert.ok(g.number > Math.max(...a.claims.map((c) => c.number)));
        }
        const findings = checkGeneratedClaims(a, gen);
        for (const g of gen)
          assert.deepEqual(
            findings
              .get(g.number)!
              .filter((f) => f.code === 'antecedent-basis')
              .map((f) => f.message),
            [],
            g.text,
          );
        for (const c of r.chunks) assert.ok(c.source && c.source.length === 1 && c.source[0].excerpt.length > 0);
        const again = await run(a, { kind: 'dependent', claim: 1 });
        assert.equal(again.text, r.text);
      });

      it('continue claim 1 and a claim from a passage: grounded and stable', async () => {
        for (const task of [
          { kind: 'continue', claim: 1 },
          { kind: 'claim', passage: a.context.disclosure.length ? '' : '' },
        ] as DraftTask[]) {
          if (task.kind === 'claim') {
            const p = (await import('../../src/drafting')).disclosureSentences(a).find((s) => /\b(?:comprises|includes|has)\s+an?\b/.test(s.text));
            if (!p) continue;
            task.passage = p.text;
          }
          let r;
          try {
            r = await run(a, task);
          } catch (e) {
            assert.ok(e instanceof DraftError && e.code === 'nothing-to-draft', String(e));
            continue;
          }
          assert.ok(r.text.trim().length > 0);
          assert.ok(r.chunks.every((c) => c.source && c.source.length > 0));
          assert.deepEqual((await run(a, task)).chunks, r.chunks);
        }
      });
    });
  }

  after(() => {
    if (docs.length) assert.ok(candidates >= 8, `only ${candidates} dependent claim candidates over the whole corpus`);
  });
});

/** What an abstract must never hold: our own abstract check's findings, claim references, the
 *  document speaking of itself ("relates to", "present disclosure"). */
function assertAbstractForm(a: Analysis, text: string): void {
  assert.deepEqual(
    checkAbstract(a, text).map((f) => f.message),
    [],
  );
  assert.doesNotMatch(text, /\bclaims?\s+\d/i);
  assert.doesNotMatch(text, /\brelates?\s+(?:generally\s+)?to\b|\bpresent\s+(?:disclosure|invention)\b|\bpertains\s+to\b/i);
  assert.doesNotMatch(text, /\n/);
  const words = countWords(text);
  assert.ok(words >= 50 && words <= 150, `${words} words`);
}

describe('drafting: dependent claims of claim 1 over both corpora', function () {
  this.timeout(180000);
  it('at least one candidate on 90% of the documents; each passes every check, names claim 1 with its preamble, shows its source', async function () {
    const all = [...docs.map((d) => path.join(CORPUS, d)), ...devDocs.map((d) => path.join(DEV, d))];
    if (all.length === 0) this.skip();
    let covered = 0;
    for (const file of all) {
      const [m] = await loadMatters([file]);
      const a = analyzeMatter(m);
      const first = a.claims.find((c) => !c.canceled && c.parents.length === 0)!;
      const r = await run(a, { kind: 'dependent', claim: first.number });
      const gen = claimsInOutput(r.text);
      if (gen.length) covered++;
      const findings = checkGeneratedClaims(a, gen);
      for (const g of gen) {
        assert.match(g.text, new RegExp(`^\\d+\\. The [^,]+ of claim ${first.number}, (?:wherein|further comprising) `), g.text);
        assert.deepEqual(
          findings
            .get(g.number)!
            .filter((f) => f.severity !== 'info')
            .map((f) => `${f.code}: ${f.message}`),
          [],
          `${path.basename(file)}: ${g.text}`,
        );
      }
      for (const c of r.chunks) assert.ok(c.source?.length === 1 && c.source[0].excerpt.length > 0);
    }
    assert.ok(covered >= Math.ceil(all.length * 0.9), `${covered} of ${all.length} documents get a dependent claim for claim 1`);
  });
});

describe('drafting: built-in abstract on the tuning corpus (uspto-dev)', function () {
  this.timeout(120000);
  before(function () {
    if (devDocs.length === 0) this.skip();
  });
  for (const name of devDocs) {
    it(`${name}: no abstract finding, no claim reference, no self-reference, 50-150 words`, async () => {
      const [m] = await loadMatters([path.join(DEV, name)]);
      const a = analyzeMatter(m);
      assertAbstractForm(a, (await run(a, { kind: 'abstract' })).text);
    });
  }
});
