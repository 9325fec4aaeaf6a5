// Small helpers for tests: build a matter from inline documents and analyse it.
import { analyzeMatter, createMatter, type Analysis, type CheckCode, type CheckSettings, type Finding, type GlossaryEntry } from '../../src/core';
import * as path from 'node:path';
import { existsSync } from 'node:fs';

export function analyze(docs: Record<string, string>, settings: Partial<CheckSettings> = {}, glossary: GlossaryEntry[] = []): Analysis {
  const sources = Object.entries(docs).map(([name, text]) => ({ uri: `/m/${name}`, text }));
  return analyzeMatter(createMatter('/m', sources, settings, glossary));
}

export function claimsOnly(claims: string, settings: Partial<CheckSettings> = {}): Analysis {
  return analyze({ 'claims.md': claims }, settings);
}

export function codes(a: Analysis, code?: CheckCode): Finding[] {
  return a.findings.filter((f) => !code || f.code === code);
}

/** The text a finding points at. */
export function at(a: Analysis, f: Finding): string {
  const doc = a.matter.documents.find((d) => d.uri === f.uri)!;
  return doc.text.slice(f.range.start.offset, f.range.end.offset);
}

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus/uspto');
export const hasCorpus = existsSync(CORPUS);
