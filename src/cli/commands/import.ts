// `patent-draft import FILE.xml [--out DIR] [--force]`: turns a USPTO or EPO full-text XML
// document into a single-file Markdown matter.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importPatentXml, type ImportedMatter } from '../../core/importer';
import { parseArgs, UsageError, type CliCommand } from '../command';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a USPTO or EPO patent XML document as a Markdown matter',
  usage: 'patent-draft import FILE.xml [--out DIR] [--force]   (DIR defaults to ./<document number>/)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { strings: ['out'], booleans: ['force'] });
    if (positional.length !== 1) {
      throw new UsageError(positional.length === 0 ? 'missing FILE.xml' : `expected one FILE.xml, got ${positional.length}`);
    }
    const file = path.resolve(io.cwd, positional[0]);
    let xml: string;
    try {
      xml = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (err as Error).message;
      io.stderr(`patent-draft import: cannot read ${positional[0]}: ${why}\n`);
      return 2;
    }
    let matter: ImportedMatter;
    try {
      matter = importPatentXml(xml);
    } catch (err) {
      io.stderr(`patent-draft import: ${positional[0]}: ${(err as Error).message}\n`);
      return 2;
    }

    const out = typeof options.out === 'string' ? path.resolve(io.cwd, options.out) : path.resolve(io.cwd, matter.files[0].name.replace(/\.md$/, ''));
    const targets = matter.files.map((f) => ({ ...f, path: path.join(out, f.name) }));
    const existing = targets.filter((t) => existsSync(t.path));
    if (existing.length && !options.force) {
      for (const t of existing) io.stderr(`patent-draft import: ${rel(io.cwd, t.path)} exists; not overwritten (use --force)\n`);
      return 1;
    }
    await mkdir(out, { recursive: true });
    for (const t of targets) {
      await writeFile(t.path, t.text, 'utf8');
      io.stdout(`wrote ${rel(io.cwd, t.path)}\n`);
    }
    io.stdout(`${matter.docNumber}: ${matter.title} (${matter.kind}, ${matter.claimRefs.size} claims)\n`);
    return 0;
  },
};

function rel(cwd: string, p: string): string {
  const r = path.relative(cwd, p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : p;
}
