// `patent-draft import FILE.xml [--out DIR] [--force]`: turns a USPTO or EPO full-text XML
// document into a single-file Markdown matter. The XML is read as a regular file up to a size cap,
// decoded in the encoding it declares; the Markdown is written without following a symbolic link
// at the target name (a new file with O_EXCL|O_NOFOLLOW; --force replaces a regular file atomically).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { importPatentXml, type ImportedMatter } from '../../core/index';
import { decodeXml } from '../../core/index';
import { InputError, lstatOrUndefined, readRegularFile, writeNewFile } from '../../node/safeFs';
import { importDocxCommand } from '../../filing/importCli';
import { isWordDocument } from '../../filing/importDocx';
import { parseArgs, UsageError, type CliCommand } from '../command';

/** The largest XML read (a long published application is a few MB). */
export const MAX_XML_BYTES = 64 * 1024 * 1024;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a USPTO or EPO patent XML document, or a Word draft (.docx), as a Markdown matter',
  usage: 'patent-draft import FILE.xml|FILE.docx [--out DIR] [--force]   (DIR defaults to ./<document number>/ or ./<docx name>/)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { strings: ['out'], booleans: ['force'] });
    if (positional.length !== 1) {
      throw new UsageError(positional.length === 0 ? 'missing FILE.xml' : `expected one FILE.xml, got ${positional.length}`);
    }
    const file = path.resolve(io.cwd, positional[0]);
    let bytes: Buffer;
    try {
      bytes = (await readRegularFile(file, { maxBytes: MAX_XML_BYTES, shown: positional[0] })).bytes;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const why = err.code === 'ENOENT' ? `cannot read ${positional[0]}: no such file` : /a folder/.test(err.message) ? `cannot read ${positional[0]}: is a folder` : err.message;
      io.stderr(`patent-draft import: ${why}\n`);
      return 2;
    }
    if (isWordDocument(positional[0], bytes)) return importDocxCommand(bytes, positional[0], options, io);
    let matter: ImportedMatter;
    try {
      matter = importPatentXml(decodeXml(bytes));
    } catch (err) {
      io.stderr(`patent-draft import: ${positional[0]}: ${(err as Error).message}\n`);
      return 2;
    }

    const out = typeof options.out === 'string' ? path.resolve(io.cwd, options.out) : path.resolve(io.cwd, matter.files[0].name.replace(/\.md$/, ''));
    const targets = matter.files.map((f) => ({ ...f, path: path.join(out, f.name) }));
    // A name that exists in any form (a dangling link too) is not overwritten without --force, and a link never.
    const existing: { path: string; link: boolean }[] = [];
    for (const t of targets) {
      const st = await lstatOrUndefined(t.path);
      if (st) existing.push({ path: t.path, link: st.isSymbolicLink() });
    }
    const links = existing.filter((e) => e.link);
    if (links.length || (existing.length && !options.force)) {
      for (const e of existing) {
        io.stderr(
          `patent-draft import: ${rel(io.cwd, e.path)} ${e.link ? 'is a symbolic link; not written through it (remove the link, or choose another --out folder)' : 'exists; not overwritten (use --force)'}\n`,
        );
      }
      return 1;
    }
    try {
      await mkdir(out, { recursive: true });
      for (const t of targets) {
        await writeNewFile(out, t.name, t.text, { replace: options.force === true, shown: rel(io.cwd, t.path) });
        io.stdout(`wrote ${rel(io.cwd, t.path)}\n`);
      }
    } catch (err) {
      if (!(err instanceof InputError) && !(err as NodeJS.ErrnoException).code) throw err;
      io.stderr(`patent-draft import: ${err instanceof InputError ? err.message : `cannot write ${rel(io.cwd, out)}: ${(err as NodeJS.ErrnoException).code}`}\n`);
      return err instanceof InputError && err.code === 'EEXIST' ? 1 : 2;
    }
    io.stdout(`${matter.docNumber}: ${matter.title} (${matter.kind}, ${matter.claimRefs.size} claims)\n`);
    return 0;
  },
};

function rel(cwd: string, p: string): string {
  const r = path.relative(cwd, p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
}
