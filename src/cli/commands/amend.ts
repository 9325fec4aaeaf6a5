// `patent-draft amend MATTER --since REF|FILE`: the claim listing for an office action response
// (37 CFR 1.121(c)) between an earlier version — a git ref or a file — and the working claims,
// with the new-matter findings against the application as filed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatFindingText } from '../../core/index';
import type { Finding, Matter, SourceDocument } from '../../core/index';
import { ListingError } from '../../filing/amend';
import { prepareListing, RoundTripError } from '../../filing/amendPrepare';
import { listingDocx } from '../../filing/listingDocx';
import { asFiledFromFile, type AsFiledVersion } from '../../filing/newMatter';
import { GitError, gitShow } from '../../node/git';
import { InputError, isInside, readRegularFile, writeNewFile } from '../../node/safeFs';
import { parseArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { mattersFor, readFormat } from './shared';

/** A previous version: a file when one is at that path, else a git ref. */
interface Version {
  label: string;
  kind: 'file' | 'ref';
  /** For a file: its text. */
  text?: string;
}

async function readVersion(spec: string, io: CliIo): Promise<Version> {
  const file = path.resolve(io.cwd, spec);
  const st = await fs.lstat(file).catch(() => undefined);
  if (!st) return { label: spec, kind: 'ref' };
  try {
    const { bytes } = await readRegularFile(file, { shown: spec });
    if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${spec} is a binary file, not Markdown text`);
    return { label: spec, kind: 'file', text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}

async function atRef(doc: SourceDocument, ref: string, optional: boolean): Promise<string | undefined> {
  try {
    return await gitShow(doc.uri, ref, { optional });
  } catch (err) {
    if (err instanceof GitError) throw new UsageError(`--since ${ref}: ${err.message}`);
    throw err;
  }
}

function claimsDocument(m: Matter): SourceDocument {
  const doc = m.documents.find((d) => d.role === 'claims') ?? m.documents.find((d) => d.role === 'combined');
  if (!doc) throw new UsageError(`${m.root} has no claims document (claims.md, or one document with a "## Claims" section)`);
  return doc;
}

/** The application as filed: every document of the matter at a ref, or the given file (it must hold a description). */
async function asFiledVersion(m: Matter, v: Version, claimsDoc: SourceDocument): Promise<AsFiledVersion | { skipped: string }> {
  if (v.kind === 'ref') {
    const documents: SourceDocument[] = [];
    for (const d of m.documents) {
      const text = await atRef(d, v.label, d !== claimsDoc);
      if (text !== undefined) documents.push({ uri: d.uri, text });
    }
    return { label: v.label, documents };
  }
  return asFiledFromFile(v.label, { uri: path.resolve(v.label), text: v.text! });
}

async function writeOut(io: CliIo, root: string, out: string, data: string | Buffer, force: boolean): Promise<string> {
  const target = path.resolve(io.cwd, out);
  const realRoot = await fs.realpath(root);
  const dir = await fs.realpath(path.dirname(target)).catch(() => undefined);
  if (!dir) throw new UsageError(`--out ${out}: the folder ${path.dirname(out)} does not exist`);
  if (!isInside(realRoot, path.join(dir, path.basename(target)))) throw new UsageError(`--out ${out} is outside the matter folder ${root}; write the listing inside the matter`);
  try {
    await writeNewFile(dir, path.basename(target), data, { replace: force, shown: out });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
  return out;
}

export const amendCommand: CliCommand = {
  name: 'amend',
  summary: 'claim listing for an office action response (37 CFR 1.121(c)) since a git ref or a file; new-matter check',
  usage: 'patent-draft amend MATTER --since REF|FILE [--as-filed REF|FILE] [--format md|docx|json] [--out FILE] [--force]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { strings: ['since', 'as-filed', 'format', 'out'], booleans: ['force'] });
    if (positional.length !== 1) throw new UsageError(positional.length === 0 ? 'give the matter folder (or its claims file)' : `expected one matter, got ${positional.length}`);
    if (typeof options.since !== 'string' || options.since === '')
      throw new UsageError('--since REF|FILE is required: the version the listing compares with (a git ref such as HEAD~1 or a tag, or a file)');
    const format = readFormat(options.format, ['md', 'docx', 'json'], 'md');
    if (format === 'docx' && typeof options.out !== 'string') throw new UsageError('--format docx needs --out FILE.docx (inside the matter)');
    const matters = await mattersFor(positional, io.cwd, { mode: 'amendment' });
    if (matters.length !== 1)
      throw new UsageError(matters.length === 0 ? `no matter found at ${positional[0]}` : `${positional[0]} holds ${matters.length} matters; name one (its folder or claims file)`);
    const matter = matters[0];
    const claimsDoc = claimsDocument(matter);
    const since = await readVersion(options.since, io);
    const previousText = since.kind === 'file' ? since.text! : (await atRef(claimsDoc, since.label, false))!;
    const asFiledSpec = typeof options['as-filed'] === 'string' ? await readVersion(options['as-filed'], io) : since;
    const asFiled = await asFiledVersion(matter, asFiledSpec, claimsDoc);
    const started = performance.now();
    let prepared;
    try {
      prepared = prepareListing({
        previous: { label: since.label, uri: claimsDoc.uri, text: previousText },
        working: { uri: claimsDoc.uri, text: claimsDoc.text },
        asFiled: 'skipped' in asFiled ? undefined : asFiled,
      });
    } catch (err) {
      if (err instanceof ListingError) throw new UsageError(`--since ${since.label}: ${err.message}`);
      if (err instanceof RoundTripError) {
        io.stderr(`patent-draft amend: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    const ms = performance.now() - started;
    let data: string | Buffer;
    if (format === 'json') data = JSON.stringify(prepared.json(), null, 2) + '\n';
    else if (format === 'docx') data = await listingDocx(prepared.listing);
    else data = prepared.markdown;
    if (typeof options.out === 'string') {
      await writeOut(io, matter.root, options.out, data, options.force === true);
      io.stderr(`wrote ${options.out}\n`);
    } else io.stdout(data as string);
    for (const note of prepared.listing.notes) io.stderr(`note: ${note}\n`);
    if ('skipped' in asFiled) io.stderr(`note: new-matter check skipped: ${asFiled.skipped}\n`);
    if (format !== 'json') for (const f of prepared.findings) io.stderr(formatFindingText(f as unknown as Finding, io.cwd) + '\n');
    const counts = new Map<string, number>();
    for (const c of prepared.listing.claims) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    io.stderr(
      `${prepared.listing.claims.length} claim(s) listed (${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}) since ${since.label}; ${prepared.findings.length} finding(s); ${ms.toFixed(0)} ms\n`,
    );
    return prepared.findings.length ? 1 : 0;
  },
};
