// `patent-draft export MATTER [--format docx|md|html] [--jurisdiction us|ep] [--out FILE] [--force]`:
// the matter laid out for filing (src/filing), written next to it. Refuses, with the findings, when
// the claims would not pass a filing office's checks (numbering, dependencies, status identifiers),
// unless --force. Exit 0 written, 1 refused (findings or an existing file), 2 bad usage or input.
import path from 'node:path';
import { displayPath } from '../../core/index';
import { defaultExportPath, EXPORT_FORMATS, exportMatter, writeExport } from '../../filing/export';
import { InputError } from '../../node/safeFs';
import { FilingError } from '../../filing/model';
import { parseArgs, UsageError, type CliCommand } from '../command';
import { mattersFor, readFormat, readJurisdiction } from './shared';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a matter for filing: DOCX (USPTO/EPO layout), HTML or clean Markdown',
  usage: 'patent-draft export MATTER [--format docx|md|html] [--jurisdiction us|ep] [--out FILE] [--force]',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { strings: ['format', 'jurisdiction', 'out'], booleans: ['force'] });
    const format = readFormat(options.format, EXPORT_FORMATS, 'docx');
    const jurisdiction = readJurisdiction(options.jurisdiction);
    if (positional.length !== 1) throw new UsageError(positional.length ? 'give one matter (a file or a folder)' : 'give the matter: a file or a folder');
    const matters = await mattersFor(positional, io.cwd, jurisdiction ? { jurisdiction } : {});
    if (matters.length !== 1) {
      throw new UsageError(matters.length ? `${positional[0]} holds ${matters.length} matters; name one file or folder` : `no matter found in ${positional[0]} (no claims or disclosure Markdown)`);
    }
    const matter = matters[0];
    const started = performance.now();
    let result;
    try {
      result = await exportMatter(matter, { format, jurisdiction });
    } catch (err) {
      if (err instanceof FilingError) {
        io.stderr(`patent-draft export: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    const force = options.force === true;
    for (const f of result.findings) io.stderr(`${displayPath(f.uri, io.cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}\n`);
    if (result.findings.length && !force) {
      io.stderr(`patent-draft export: not written: ${result.findings.length} finding(s) a filing office would object to; fix them (patent-draft check) or export anyway with --force\n`);
      return 1;
    }
    const out = typeof options.out === 'string' ? path.resolve(io.cwd, options.out) : defaultExportPath(matter, format);
    try {
      await writeExport(out, result.bytes, force, displayPath(out, io.cwd));
    } catch (err) {
      if (!(err instanceof InputError) && !(err as NodeJS.ErrnoException).code) throw err;
      io.stderr(`patent-draft export: ${err instanceof InputError ? err.message : `cannot write ${displayPath(out, io.cwd)}: ${(err as NodeJS.ErrnoException).code}`}\n`);
      return err instanceof InputError && err.code === 'EEXIST' ? 1 : 2;
    }
    const d = result.document;
    for (const n of d.notes) io.stderr(`patent-draft export: note: ${n}\n`);
    io.stdout(
      `wrote ${displayPath(out, io.cwd)} (${format}, ${d.jurisdiction.toUpperCase()} layout): ${d.paragraphs} numbered paragraph(s), ${d.claims.length} claim(s), ${(result.bytes.length / 1024).toFixed(1)} KB in ${(performance.now() - started).toFixed(0)} ms${result.findings.length ? `, with ${result.findings.length} finding(s) (--force)` : ''}\n`,
    );
    return 0;
  },
};
