// Shared by the filing tests: a small matter with every construct the export must carry (or drop),
// a CLI io that records output, and reading a .docx's parts back with the JSZip that mammoth brings.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
export { fakeIo } from '../support/io';

export const MATTER = `---
title: Folding ladder with a locking hinge
secret-front-matter: FRONTMATTER-MARKER
---
# Folding ladder with a locking hinge

<!-- COMMENT-MARKER: a note for the drafter -->

## Field

The invention relates to *ladders* and **hinges** made of steel with H<sub>2</sub>O-resistant paint rated to 10<sup>6</sup> cycles.

## Background

Ladders are tall. The load follows \`F = m * g\` at the hinge 12.
<!-- patent-draft-disable-next-line relative-term -->
A rail 10 is substantially straight.

| Part | Numeral |
|---|---|
| rail | 10 |
| hinge | 12 |

## Detailed Description

FIG. 2 shows the ladder. The rail 10 carries the hinge 12.

## Claims

1. A ladder comprising:
   a rail 10; and
   a hinge 12 coupled to the rail 10, the hinge 12 having:
      a pin; and
      a lock.

2. The ladder of claim 1, wherein the hinge 12 locks.

3. The ladder of claim 2, wherein the rail 10 is steel.

## Abstract

A ladder has a rail and a locking hinge that folds.
`;

export function tempDir(prefix = 'pd-filing-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A folder holding the matter as ladder.md. */
export function matterDir(text = MATTER, name = 'ladder.md'): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, name), text);
  return dir;
}

export async function docxPart(bytes: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file(name);
  if (!f) throw new Error(`no ${name} in the .docx`);
  return f.async('string');
}

/** The paragraphs of document.xml, each as its XML and its visible text. */
export function paragraphs(documentXml: string): { xml: string; text: string }[] {
  const out: { xml: string; text: string }[] = [];
  for (const m of documentXml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)) {
    const xml = m[0];
    const text = [...xml.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    out.push({ xml, text });
  }
  return out;
}

/** The corpora of real US patents, where this checkout has them (beside the project, as in test/support). */
export const CORPUS_DIRS = ['uspto', 'uspto-dev'].map((d) => path.resolve(__dirname, '../../../shared/corpus', d)).filter((d) => existsSync(d));
