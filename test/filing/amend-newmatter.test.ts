// New matter (35 USC 132(a), MPEP 2163.06; EPC Art. 123(2)): words the claims added since the
// version as filed, without support in the application as filed, get a `new-matter` finding that
// names the version compared with; supported additions get none.
import assert from 'node:assert/strict';
import { findNewMatter, type AsFiledVersion } from '../../src/filing/newMatter';

const DISCLOSURE = `# Valve

## Detailed Description

A valve 10 has a housing 12 and a stem 14. The stem 14 is made of steel or brass and slides in a bore 16
of the housing 12. The housing 12 is cast from iron. A seal 18 closes the bore 16. The bore 16 is 5 mm wide.

The valve 10 may be used in water lines and in gas lines of all kinds, in homes and in plants, and it can be
taken apart for cleaning without tools of any kind.
`;

const FILED_CLAIMS = `# Claims

1. A valve comprising a housing and a stem.

2. The valve of claim 1, wherein the stem is made of steel.

3. The valve of claim 1, further comprising a handle wheel.
`;

const AS_FILED: AsFiledVersion = {
  label: 'v1-as-filed',
  documents: [
    { uri: 'm/disclosure.md', text: DISCLOSURE },
    { uri: 'm/claims.md', text: FILED_CLAIMS },
  ],
};

function working(...texts: string[]) {
  return { uri: 'm/claims.md', text: `# Claims\n\n${texts.map((t, i) => `${i + 1}. ${t}`).join('\n\n')}\n` };
}

describe('new matter against the application as filed', () => {
  it('fires on an added term the disclosure as filed does not hold, naming the as-filed version', () => {
    const w = working(
      'A valve comprising a housing and a stem, the housing having a titanium coating.',
      'The valve of claim 1, wherein the stem is made of steel.',
      'The valve of claim 1, further comprising a handle wheel.',
    );
    const f = findNewMatter(AS_FILED, w);
    assert.equal(f.length, 1);
    assert.equal(f[0].code, 'new-matter');
    assert.equal(f[0].claim, 1);
    assert.equal(f[0].data?.term, 'titanium coating');
    assert.equal(f[0].data?.asFiled, 'v1-as-filed');
    assert.match(f[0].message, /v1-as-filed/);
    assert.match(f[0].message, /35 USC 132\(a\)/);
    // The range is the added words in the working claims.
    const line = w.text.split('\n')[f[0].range.start.line];
    assert.equal(line.slice(f[0].range.start.character, f[0].range.end.character), 'titanium coating');
  });

  it('does not fire on an added term the description as filed supports', () => {
    const w = working(
      'A valve comprising a housing and a brass stem, and a seal closing a bore of the housing.',
      'The valve of claim 1, wherein the stem is made of steel.',
      'The valve of claim 1, further comprising a handle wheel.',
    );
    assert.deepEqual(findNewMatter(AS_FILED, w), []);
  });

  it('the original claims are part of the disclosure as filed: a limitation moved from one claim to another is supported', () => {
    const w = working('A valve comprising a housing, a stem and a handle wheel.', 'The valve of claim 1, wherein the stem is made of steel.', '(Canceled)');
    assert.deepEqual(findNewMatter(AS_FILED, w), []);
  });

  it('fires on every unsupported term of a new claim, and on a new value', () => {
    const w = working(
      'A valve comprising a housing and a stem.',
      'The valve of claim 1, wherein the stem is made of steel.',
      'The valve of claim 1, further comprising a handle wheel.',
      'The valve of claim 1, wherein the bore is 7 mm wide and has a ceramic liner.',
    );
    const f = findNewMatter(AS_FILED, w);
    assert.deepEqual(
      f.map((x) => [x.claim, x.data?.term]),
      [
        [4, 'ceramic liner'],
        [4, '7'],
      ],
    );
    assert.match(f[0].message, /^New claim 4 adds "ceramic liner"/);
  });

  it('a value the description states is supported', () => {
    const w = working(
      'A valve comprising a housing and a stem.',
      'The valve of claim 1, wherein the stem is made of steel.',
      'The valve of claim 1, further comprising a handle wheel.',
      'The valve of claim 1, wherein the bore is 5 mm wide.',
    );
    assert.deepEqual(findNewMatter(AS_FILED, w), []);
  });

  it('words found in the description but never together: a medium-confidence finding', () => {
    const w = working(
      'A valve comprising a housing and a stem.',
      'The valve of claim 1, wherein the stem is made of steel.',
      'The valve of claim 1, further comprising a handle wheel.',
      'The valve of claim 1, further comprising a cleaning seal.',
    );
    const f = findNewMatter(AS_FILED, w);
    assert.equal(f.length, 1);
    assert.equal(f[0].confidence, 'medium');
    assert.equal(f[0].data?.support, 'scattered');
  });

  it('reads the OLD disclosure: support that only the working description has does not count', () => {
    const w = working(
      'A valve comprising a housing and a stem, the housing having a titanium coating.',
      'The valve of claim 1, wherein the stem is made of steel.',
      'The valve of claim 1, further comprising a handle wheel.',
    );
    const withNewDescription: AsFiledVersion = { ...AS_FILED, documents: [{ uri: 'm/disclosure.md', text: DISCLOSURE + '\nThe housing 12 has a titanium coating.\n' }, AS_FILED.documents[1]] };
    assert.equal(findNewMatter(AS_FILED, w).length, 1);
    assert.equal(findNewMatter(withNewDescription, w).length, 0);
  });
});

describe('new matter: the correction of an obvious error', () => {
  it('one word put right ("prot" → "port") is not new matter; another word in its place is', () => {
    const filed: AsFiledVersion = { label: 'filed', documents: [AS_FILED.documents[0], { uri: 'm/claims.md', text: '# Claims\n\n1. A valve comprising a housing having a prot.\n' }] };
    const fixed = { uri: 'm/claims.md', text: '# Claims\n\n1. A valve comprising a housing having a port.\n' };
    assert.deepEqual(findNewMatter(filed, fixed), []);
    const other = { uri: 'm/claims.md', text: '# Claims\n\n1. A valve comprising a housing having a vent.\n' };
    assert.deepEqual(
      findNewMatter(filed, other).map((f) => f.data?.term),
      ['vent'],
    );
  });
});
