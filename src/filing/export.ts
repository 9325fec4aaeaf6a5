// Export for filing: the matter checked the way a filing office checks claims, laid out, and
// rendered as DOCX (the USPTO's format), HTML or clean Markdown. Writing (src/node/safeFs) refuses to
// replace a file unless asked, and never writes through a symbolic link.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeMatter, CHECK_CODES, type Analysis } from '../core';
import type { CheckCode, Jurisdiction, Matter } from '../core/index';
import { basename } from '../core/index';
import { InputError, writeNewFile } from '../node/safeFs';
import { filingDocxBytes } from './docx';
import { filingGate, FILING_GATE_CODES, type FilingFinding } from './gate';
import { filingHtml } from './html';
import { filingMarkdown } from './markdown';
import { checkNesting, layoutForFiling, type FilingDocument } from './model';

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
  const layout = uri ? analysis.layoutOf(uri) : undefined;
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
  for (const d of matter.documents) checkNesting(d.text, basename(d.uri));
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
 *  matter) or its folder (split matter). A Markdown export gets "-filing" so it is not the source.
 *  `folder` is a path or a URI, as the matter's documents are named. */
export function exportTarget(matter: Matter, format: ExportFormat): { folder: string; name: string } {
  const docs = matter.documents.filter((d) => d.role !== 'glossary');
  const single = docs.length === 1 && docs[0].role === 'combined';
  const root = matter.root.replace(/[\\/]+$/, '');
  const stem = single ? basename(docs[0].uri).replace(/\.(md|markdown)$/i, '') : basename(root) || 'matter';
  const folder = single ? docs[0].uri.slice(0, Math.max(0, docs[0].uri.replace(/\\/g, '/').lastIndexOf('/'))) : root;
  return { folder, name: `${stem}${format === 'md' ? '-filing' : ''}.${format}` };
}

export function defaultExportPath(matter: Matter, format: ExportFormat): string {
  const t = exportTarget(matter, format);
  return path.join(t.folder, t.name);
}

/** Writes `bytes` to `file` through the one safe file layer: a new file only (O_EXCL|O_NOFOLLOW),
 *  or with `force` an atomic replacement of a regular file; a symbolic link (dangling or not), a
 *  folder or a FIFO at `file` is refused either way. Throws InputError (code 'EEXIST' when the file
 *  exists and `force` is not set). */
export async function writeExport(file: string, bytes: Buffer, force = false, shown = file): Promise<void> {
  const dir = path.dirname(file);
  try {
    await fs.access(dir);
  } catch {
    throw new InputError(`cannot write ${shown}: its folder does not exist`, 'ENOENT');
  }
  await writeNewFile(dir, path.basename(file), bytes, { replace: force, shown });
}
