import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeIo } from '../support/io';
import { importCommand } from '../../src/cli/commands/import';
import { commands } from '../../src/cli/commands/index';
import { runCli } from '../../src/cli/main';

const GRANT = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>
<us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>09999999</doc-number><kind>B2</kind></document-id></publication-reference>
<invention-title id="t">Folding ladder</invention-title>
</us-bibliographic-data-grant>
<abstract id="abstract"><p id="p-0001" num="0000">A ladder <b>10</b> folds.</p></abstract>
<description id="description"><heading id="h-0001" level="1">BACKGROUND</heading><p id="p-0002" num="0001">Ladders are tall.</p></description>
<claims id="claims">
<claim id="CLM-00001" num="00001"><claim-text>1. A ladder comprising:<claim-text>a rail; and</claim-text><claim-text>a hinge.</claim-text></claim-text></claim>
<claim id="CLM-00002" num="00002"><claim-text>2. The ladder of <claim-ref idref="CLM-00001">claim 1</claim-ref>, wherein the hinge locks.</claim-text></claim>
</claims>
</us-patent-grant>
`;

describe('cli: import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pd-import-'));
    writeFileSync(path.join(dir, 'ladder.xml'), GRANT);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is registered', () => {
    assert.ok(commands.includes(importCommand));
    assert.equal(importCommand.name, 'import');
  });

  it('writes <docNumber>/<docNumber>.md beside the working directory by default', async () => {
    const io = fakeIo(dir);
    assert.equal(await runCli(['import', 'ladder.xml'], io), 0, io.err);
    const file = path.join(dir, 'US09999999B2', 'US09999999B2.md');
    const md = readFileSync(file, 'utf8');
    assert.ok(md.startsWith('# Folding ladder\n\n## Abstract\n\nA ladder 10 folds.\n'));
    assert.ok(md.endsWith('## Claims\n\n1. A ladder comprising:\n   a rail; and\n   a hinge.\n\n2. The ladder of claim 1, wherein the hinge locks.\n'));
    assert.match(io.out, new RegExp(`wrote ${path.join('US09999999B2', 'US09999999B2.md').replace(/\\/g, '\\\\')}\\n`));
    assert.match(io.out, /US09999999B2: Folding ladder \(uspto-grant, 2 claims\)/);
    assert.equal(io.err, '');
  });

  it('writes into --out DIR, creating it', async () => {
    const io = fakeIo(dir);
    assert.equal(await importCommand.run(['ladder.xml', '--out', 'matters/ladder'], io), 0);
    assert.ok(existsSync(path.join(dir, 'matters', 'ladder', 'US09999999B2.md')));
    assert.match(io.out, /wrote matters[/\\]ladder[/\\]US09999999B2\.md/);
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    const target = path.join(dir, 'out', 'US09999999B2.md');
    mkdirSync(path.dirname(target));
    writeFileSync(target, 'my edits');
    const io = fakeIo(dir);
    assert.equal(await importCommand.run(['ladder.xml', '--out=out'], io), 1);
    assert.match(io.err, /US09999999B2\.md exists; not overwritten \(use --force\)/);
    assert.equal(readFileSync(target, 'utf8'), 'my edits');
    assert.equal(io.out, '');

    const forced = fakeIo(dir);
    assert.equal(await importCommand.run(['ladder.xml', '--out=out', '--force'], forced), 0);
    assert.ok(readFileSync(target, 'utf8').startsWith('# Folding ladder'));
  });

  it('exits 2 with a clear message for a missing file', async () => {
    const io = fakeIo(dir);
    assert.equal(await runCli(['import', 'nope.xml'], io), 2);
    assert.match(io.err, /patent-draft import: cannot read nope\.xml: no such file/);
  });

  it('exits 2 with the importer message for bad input', async () => {
    writeFileSync(path.join(dir, 'page.xml'), '<!DOCTYPE html><html><body>Not found</body></html>');
    writeFileSync(path.join(dir, 'broken.xml'), GRANT.replace('</abstract>', ''));
    writeFileSync(path.join(dir, 'other.xml'), '<?xml version="1.0"?><note>hi</note>');
    const cases: [string, RegExp][] = [
      ['page.xml', /page\.xml: this is an HTML page, not patent XML/],
      ['broken.xml', /broken\.xml: not well-formed XML at line 14, column 1: end tag <\/us-patent-grant> does not match the open element <abstract>/],
      ['other.xml', /other\.xml: not a patent document: the root element is <note>/],
    ];
    for (const [file, message] of cases) {
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', file], io), 2, file);
      assert.match(io.err, message);
      assert.doesNotMatch(io.err, /usage:/);
      assert.equal(io.out, '');
    }
    assert.ok(!existsSync(path.join(dir, 'US09999999B2')), 'nothing written');
  });

  it('exits 2 on bad usage', async () => {
    for (const args of [[], ['a.xml', 'b.xml'], ['ladder.xml', '--bogus']]) {
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', ...args], io), 2, args.join(' '));
      assert.match(io.err, /usage: patent-draft import FILE\.xml/);
    }
  });

  describe('never writes through a link at the target name', () => {
    const target = () => path.join(dir, 'out', 'US09999999B2.md');
    const victim = () => path.join(dir, 'victim.txt');
    beforeEach(() => mkdirSync(path.join(dir, 'out')));

    it('a dangling link: refused, nothing created where it points', async () => {
      symlinkSync(victim(), target());
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', 'ladder.xml', '--out', 'out'], io), 1);
      assert.match(io.err, /US09999999B2\.md is a symbolic link; not written through it/);
      assert.ok(!existsSync(victim()), 'the link target was not created');
      assert.ok(lstatSync(target()).isSymbolicLink());
    });

    it('a link to a file, with --force: refused, the file it points to unchanged', async () => {
      writeFileSync(victim(), 'precious\n');
      symlinkSync(victim(), target());
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', 'ladder.xml', '--out', 'out', '--force'], io), 1);
      assert.match(io.err, /is a symbolic link; not written through it/);
      assert.equal(readFileSync(victim(), 'utf8'), 'precious\n');
    });

    it('--force replaces a regular file atomically (no temporary file left)', async () => {
      writeFileSync(target(), 'old\n');
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', 'ladder.xml', '--out', 'out', '--force'], io), 0, io.err);
      assert.match(readFileSync(target(), 'utf8'), /^# Folding ladder/);
      assert.deepEqual(readdirSync(path.join(dir, 'out')), ['US09999999B2.md']);
    });
  });

  describe('encodings', () => {
    const latin1Grant = (decl: string) =>
      Buffer.from(GRANT.replace('<?xml version="1.0" encoding="UTF-8"?>', decl).replace('Folding ladder', 'Échelle pliante').replace('a hinge.', 'a hinge à ressort.'), 'latin1');

    it('honours the XML declaration: ISO-8859-1 is imported with its accents, no replacement character', async () => {
      writeFileSync(path.join(dir, 'latin1.xml'), latin1Grant('<?xml version="1.0" encoding="ISO-8859-1"?>'));
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', 'latin1.xml', '--out', 'out'], io), 0, io.err);
      const md = readFileSync(path.join(dir, 'out', 'US09999999B2.md'), 'utf8');
      assert.ok(md.startsWith('# Échelle pliante\n'));
      assert.ok(md.includes('a hinge à ressort.'));
      assert.ok(!md.includes('\uFFFD'));
    });

    it('Latin-1 bytes in a file that declares UTF-8: exit 2 with a clear message, nothing written', async () => {
      writeFileSync(path.join(dir, 'wrong.xml'), latin1Grant('<?xml version="1.0" encoding="UTF-8"?>'));
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', 'wrong.xml', '--out', 'out'], io), 2);
      assert.match(io.err, /wrong\.xml: the file is not valid UTF-8/);
      assert.ok(!existsSync(path.join(dir, 'out')));
    });

    it('UTF-16 with a byte order mark is read; an encoding it does not know is refused by name', async () => {
      writeFileSync(path.join(dir, 'u16.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GRANT.replace('UTF-8', 'UTF-16'), 'utf16le')]));
      const io = fakeIo(dir);
      assert.equal(await runCli(['import', 'u16.xml', '--out', 'u16'], io), 0, io.err);
      assert.match(readFileSync(path.join(dir, 'u16', 'US09999999B2.md'), 'utf8'), /^# Folding ladder/);
      writeFileSync(path.join(dir, 'ebcdic.xml'), GRANT.replace('UTF-8', 'EBCDIC-CP-US'));
      const bad = fakeIo(dir);
      assert.equal(await runCli(['import', 'ebcdic.xml'], bad), 2);
      assert.match(bad.err, /declares encoding "EBCDIC-CP-US", which Patent Draft does not read/);
    });
  });

  it('a FIFO as the input is refused at once (not waited on)', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.xml')]);
    const io = fakeIo(dir);
    assert.equal(await runCli(['import', 'pipe.xml'], io), 2);
    assert.match(io.err, /pipe\.xml is a named pipe \(FIFO\), not a regular file/);
  });
});
