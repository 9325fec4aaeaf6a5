import assert from 'node:assert/strict';
import { ClassMapSink, FlatClasses, type ClassMap, type FormUse } from '../../src/core/checks/classes';

/** A ClassMap flattened as the class index reads it: class by class, forms by first use, with their ranks. */
function flattened(m: ClassMap): { key: string; form: string; uses: FormUse[]; keyRank: number; formRank: number }[] {
  const out: { key: string; form: string; uses: FormUse[]; keyRank: number; formRank: number }[] = [];
  let keyRank = 0;
  for (const [key, forms] of m) {
    let formRank = 0;
    for (const [form, uses] of forms) out.push({ key, form, uses, keyRank, formRank: formRank++ });
    keyRank++;
  }
  return out;
}

/** The same adds into a FlatClasses and a ClassMap. */
function both(adds: [string, string][]): [ReturnType<FlatClasses['finish']>, ReturnType<typeof flattened>] {
  const flat = new FlatClasses();
  const map: ClassMap = new Map();
  const sink = new ClassMapSink(map);
  adds.forEach(([key, form], i) => {
    const use: FormUse = { uri: '', start: i, end: i + 1, inClaims: false, plural: false };
    flat.add(key, form, use);
    sink.add(key, form, { ...use });
  });
  return [flat.finish(), flattened(map)];
}

describe('term-variant classes read flat', () => {
  it('gives the entries a ClassMap gives, in its order and ranks, for classes met out of order', () => {
    // A small pseudo-random sequence: classes and forms met again after others.
    let x = 12345;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const adds: [string, string][] = Array.from({ length: 2000 }, () => [`k${rnd(30)}`, `f${rnd(6)}`]);
    const [flat, map] = both(adds);
    assert.ok(map.length > 30);
    assert.deepEqual(flat, map);
  });

  it('finds a form again past the forms it scans (a class of 40 forms, each met three times)', () => {
    const adds: [string, string][] = [];
    for (let r = 0; r < 3; r++) for (let f = 0; f < 40; f++) adds.push(['|member', `form ${f}`], [`other${f % 4}`, 'x']);
    const [flat, map] = both(adds);
    assert.equal(flat.filter((e) => e.key === '|member').length, 40);
    assert.ok(flat.every((e) => e.uses.length === (e.key === '|member' ? 3 : 30)));
    assert.deepEqual(flat, map);
  });

  it('starts empty for each paragraph', () => {
    both([['a', 'b']]);
    const [flat, map] = both([['c', 'd']]);
    assert.deepEqual(
      flat.map((e) => [e.key, e.keyRank]),
      [['c', 0]],
    );
    assert.deepEqual(flat, map);
  });
});
