// Export for filing: the matter checked the way a filing office checks claims, laid out, and
// rendered as DOCX (the USPTO's format), HTML or clean Markdown. Writing refuses to replace a file
// unless asked, and never writes through a symbolic link.
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeMatter, CHECK_CODES, type Analysis } from '../core';
import type { CheckCode, Jurisdiction, Matter } from '../core/types';
import { basename } from '../core/matter';
import { filingDocxBytes } from './docx';
import { filingGate, FILING_GATE_CODES, type FilingFinding } from './gate';
import { filingHtml } from './html';
import { filingMarkdown } from './markdown';
import { layoutForFiling, type FilingDocument } from './model';

export type ExportFormat = 'docx' | 'md' | 'html';
export const EXPORT_FORMATS: ExportFormat[] = ['docx', 'md', 'html'];

export interface ExportOptions {
  format: ExportFormat;
  /** Defaults to the matter's own setting. */
  jurisdiction?: Jurisdiction;
}

export interface ExportResult {
  /** The claims findings that stop a filing; empty when the matter can be filed as it is. */
  findings: FilingFinding[];
  document: FilingDocument;
  bytes: Buffer;
  format: ExportFormat;
  analysis: Analysis;
}

/** The matter as the checks see it for filing: only the gate's codes (and claim-form, whose EP fixes
 *  give the reference signs), on whatever the settings say, every finding kept. */
function filingMatter(matter: Matter, jurisdiction: Jurisdiction): Matter {
  const wanted = new Set<CheckCode>([...FILING_GATE_CODES, 'claim-form']);
  const severity: Matter['settings']['severity'] = {};
  for (const c of CHECK_CODES) if (!wanted.has(c)) severity[c] = 'off';
  return { ...matter, settings: { ...matter.settings, jurisdiction, severity, minConfidence: undefined } };
}

/** EP (Rule 43(7) EPC): the core's claim-form fixes that put a bare reference sign in parentheses. */
function referenceSignEdits(analysis: Analysis): { start: number; end: number; newText: string }[] {
  const uri = analysis.claimsUri;
  const layout = uri ? analysis.context.layoutOf(uri) : undefined;
  if (!layout) return [];
  const out: { start: number; end: number; newText: string }[] = [];
  for (const f of analysis.findings) {
    if (f.code !== 'claim-form') continue;
    for (const fix of f.fixes ?? []) {
      for (const e of fix.edits) {
        if (e.uri !== uri) continue;
        const old = layout.md.text.slice(e.range.start.offset, e.range.end.offset);
        if (/^\d{1,4}[a-z']?$/.test(old) && e.newText === `(${old})`) out.push({ start: e.range.start.offset, end: e.range.end.offset, newText: e.newText });
      }
    }
  }
  return out;
}

/** Checks and renders a matter; writes nothing. */
export async function exportMatter(matter: Matter, options: ExportOptions): Promise<ExportResult> {
  const jurisdiction = options.jurisdiction ?? matter.settings.jurisdiction;
  const analysis = analyzeMatter(filingMatter(matter, jurisdiction));
  const findings = filingGate(analysis);
  const document = layoutForFiling(analysis, { jurisdiction, claimEdits: jurisdiction === 'ep' ? referenceSignEdits(analysis) : [] });
  let bytes: Buffer;
  if (options.format === 'docx') bytes = await filingDocxBytes(document);
  else if (options.format === 'html') bytes = Buffer.from(filingHtml(document), 'utf8');
  else bytes = Buffer.from(filingMarkdown(document), 'utf8');
  return { findings, document, bytes, format: options.format, analysis };
}

/** Where an export goes by default: next to the matter, named after its document (single-file
 *  matter) or its folder (split matter). A Markdown export gets "-filing" so it is not the source. */
export function defaultExportPath(matter: Matter, format: ExportFormat): string {
  const docs = matter.documents.filter((d) => d.role !== 'glossary');
  const single = docs.length === 1 && docs[0].role === 'combined';
  const stem = single ? basename(docs[0].uri).replace(/\.(md|markdown)$/i, '') : path.basename(matter.root) || 'matter';
  return path.join(single ? path.dirname(docs[0].uri) : matter.root, `${stem}${format === 'md' ? '-filing' : ''}.${format}`);
}

export class ExportWriteError extends Error {
  constructor(
    message: string,
    readonly reason: 'exists' | 'not-a-file' | 'io',
  ) {
    super(message);
  }
}

/** Writes `bytes` to `file`: a new file only (O_EXCL), or with `force` a replacement of a regular
 *  file through a temporary file and a rename. A symbolic link, a folder or a FIFO at `file` is
 *  refused either way; nothing is ever written through a link. */
export async function writeExport(file: string, bytes: Buffer, force = false): Promise<void> {
  let st;
  try {
    st = await fs.lstat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ExportWriteError(`cannot check ${file}: ${(err as Error).message}`, 'io');
  }
  if (st) {
    if (st.isSymbolicLink()) throw new ExportWriteError(`${file} is a symbolic link; the export does not write through links (choose another --out)`, 'not-a-file');
    if (!st.isFile()) throw new ExportWriteError(`${file} exists and is not a regular file (choose another --out)`, 'not-a-file');
    if (!force) throw new ExportWriteError(`${file} exists; not overwritten (use --force to replace it)`, 'exists');
  }
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const target = st ? path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`) : file;
  let handle;
  try {
    handle = await fs.open(target, flags, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ExportWriteError(`${file} exists; not overwritten (use --force to replace it)`, 'exists');
    if (code === 'ELOOP') throw new ExportWriteError(`${file} is a symbolic link; the export does not write through links`, 'not-a-file');
    throw new ExportWriteError(`cannot write ${file}: ${code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`, 'io');
  }
  try {
    await handle.writeFile(bytes);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(target).catch(() => undefined);
    throw new ExportWriteError(`cannot write ${file}: ${(err as Error).message}`, 'io');
  }
  await handle.close();
  if (target !== file) {
    try {
      await fs.rename(target, file);
    } catch (err) {
      await fs.unlink(target).catch(() => undefined);
      throw new ExportWriteError(`cannot replace ${file}: ${(err as Error).message}`, 'io');
    }
  }
}
