#!/usr/bin/env node
// Setup of the `filing` suite: Debian's LibreOffice Writer (headless, renders the exported DOCX to
// PDF) and poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm read the PDF), installed when missing.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, log } from '../e2e/tooling.mjs';

try {
  ensureDebianPackages(['libreoffice-writer-nogui', 'poppler-utils']);
} catch (e) {
  console.error(`[filing-setup] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
mkdirSync(artifacts, { recursive: true });
log(`filing suite: LibreOffice and poppler present; PDFs and page images go to ${artifacts}`);
