// The commands' option parser (node:util parseArgs underneath): values, booleans, repeats, `--`,
// and one clear UsageError for each kind of mistake.
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../src/cli/command.js';

const spec = { strings: ['format', 'rate'], booleans: ['force'], multi: ['code'] };

describe('cli: option parser', () => {
  it('reads values, booleans, repeats and positionals in any order', () => {
    const r = parseArgs(['m', '--format', 'json', '--force', '--code=a', '--code', 'b', 'n'], spec);
    assert.deepEqual(r.positional, ['m', 'n']);
    assert.deepEqual(r.options, { format: 'json', force: true, code: ['a', 'b'] });
  });

  it('keeps --flag=false and --flag=true meaning what they say', () => {
    assert.equal(parseArgs(['--force=false'], spec).options.force, false);
    assert.equal(parseArgs(['--force=true'], spec).options.force, true);
  });

  it('takes everything after -- as positional, and a value with = even when it starts with a dash', () => {
    assert.deepEqual(parseArgs(['--', '--format', 'x'], spec).positional, ['--format', 'x']);
    assert.equal(parseArgs(['--rate=-1'], spec).options.rate, '-1');
  });

  it('says which option is wrong', () => {
    assert.throws(
      () => parseArgs(['--nope'], spec),
      (e: unknown) => e instanceof UsageError && /unknown option --nope/.test(e.message),
    );
    assert.throws(
      () => parseArgs(['--format'], spec),
      (e: unknown) => e instanceof UsageError && /--format needs a value/.test(e.message),
    );
    assert.throws(
      () => parseArgs(['--force=maybe'], spec),
      (e: unknown) => e instanceof UsageError && /--force takes no value/.test(e.message),
    );
  });
});
