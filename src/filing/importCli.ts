// The .docx branch of `patent-draft import`: a Word draft becomes DIR/<name>.md (DIR defaults to
// ./<name>/), written without following a symbolic link and never over a file without --force. The
// import report (tracked changes, comments, images) goes to stderr and into the Markdown itself.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from '../cli/command';
import { InputError, writeNewFile } from '../node/safeFs';
import { describeImportReport, DocxImportError, importDocx, type ImportedDocx } from './importDocx';

export async function importDocxCommand(bytes: Buffer, shown: string, options: { out?: unknown; force?: unknown }, io: CliIo): Promise<number> {
  let imported: ImportedDocx;
  const started = performance.now();
  try {
    imported = await importDocx(bytes, shown);
  } catch (err) {
    if (!(err instanceof DocxImportError)) throw err;
    io.stderr(`patent-draft import: ${shown}: ${err.message}\n`);
    return 2;
  }
  const file = imported.files[0];
  const out = typeof options.out === 'string' ? path.resolve(io.cwd, options.out) : path.resolve(io.cwd, file.name.replace(/\.md$/, ''));
  const target = path.join(out, file.name);
  const rel = path.relative(io.cwd, target);
  const shownTarget = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : target;
  try {
    await mkdir(out, { recursive: true });
    await writeNewFile(out, file.name, file.text, { replace: options.force === true, shown: shownTarget });
  } catch (err) {
    if (!(err instanceof InputError) && !(err as NodeJS.ErrnoException).code) throw err;
    io.stderr(`patent-draft import: ${err instanceof InputError ? err.message : `cannot write ${shownTarget}: ${(err as NodeJS.ErrnoException).code}`}\n`);
    return err instanceof InputError && err.code === 'EEXIST' ? 1 : 2;
  }
  for (const line of describeImportReport(imported.report)) io.stderr(`patent-draft import: ${shown}: ${line}\n`);
  io.stdout(`wrote ${shownTarget}\n`);
  io.stdout(`${shown}: ${imported.title || '(no title)'} (Word document, ${imported.paragraphs} numbered paragraph(s), ${imported.claims} claim(s), ${(performance.now() - started).toFixed(0)} ms)\n`);
  return 0;
}
