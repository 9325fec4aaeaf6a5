// Where and how a term goes into the matter's glossary (`.patentdraft/glossary.md`, the file the
// core reads). Pure: no vscode import.
import type { WorkspaceEdit } from 'vscode-languageserver-types';

export const GLOSSARY_PATH = '.patentdraft/glossary.md';

/** One glossary line in the core's format: `- **preferred**: Avoid: x, y.` */
export function glossaryLine(preferred: string, avoid: readonly string[]): string {
  const clean = (s: string) =>
    s
      .replace(/[*\r\n]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const p = clean(preferred);
  const a = [...new Set(avoid.map(clean).filter((x) => x && x.toLowerCase() !== p.toLowerCase()))];
  return a.length ? `- **${p}**: Avoid: ${a.join(', ')}.` : `- **${p}**`;
}

/** The text of a new glossary file holding one entry. */
export function newGlossaryText(line: string): string {
  return `# Glossary\n\nPreferred terms of this matter, one a line: \`- **preferred**: definition. Avoid: variant, variant.\`\n\n${line}\n`;
}

/** The text to insert at the end of an existing glossary so that `line` stands on its own line. */
export function appendGlossaryText(existing: string, line: string): string {
  if (existing.length === 0) return `${line}\n`;
  return existing.endsWith('\n') ? `${line}\n` : `\n${line}\n`;
}

/** Whether the glossary text already lists `preferred` as a preferred term (case-insensitive). */
export function glossaryHas(existing: string, preferred: string): boolean {
  const want = preferred.trim().toLowerCase();
  return existing.split('\n').some((l) => {
    const m = /^\s*[-*+]\s+(?:\*\*([^*]+)\*\*|([^:—–]+?))\s*(?:[:—–-]|$)/.exec(l);
    const p = (m?.[1] ?? m?.[2] ?? '').trim().toLowerCase();
    return p === want;
  });
}

/** The suppression comment for a line, merged into one already there. */
export function suppressLineEdit(lineText: string, code: string): { start: number; end: number; newText: string } {
  const existing = /<!--\s*patent-draft-disable-line\b([^>]*?)-->/.exec(lineText);
  if (existing) {
    const codes = existing[1]!.split(/[\s,]+/).filter(Boolean);
    if (codes.length === 0 || codes.includes(code)) return { start: existing.index, end: existing.index, newText: '' };
    const merged = `<!-- patent-draft-disable-line ${[...codes, code].join(' ')} -->`;
    return { start: existing.index, end: existing.index + existing[0].length, newText: merged };
  }
  const trimmedEnd = lineText.replace(/\s+$/, '').length;
  return { start: trimmedEnd, end: lineText.length, newText: `${trimmedEnd > 0 ? ' ' : ''}<!-- patent-draft-disable-line ${code} -->` };
}

/** The edit that adds `preferred` (avoiding `avoid`) to the glossary at `uri`: appended to its text,
 *  or a new file (documentChanges create) when it does not exist and the client can create files.
 *  undefined: already listed, or no way to make the file. */
export function glossaryEntryEdit(uri: string, text: string | undefined, preferred: string, avoid: readonly string[], canCreateFiles: boolean): WorkspaceEdit | undefined {
  if (text !== undefined && glossaryHas(text, preferred)) return undefined;
  const line = glossaryLine(preferred, avoid);
  if (text !== undefined) {
    const lines = text.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    return { changes: { [uri]: [{ range: { start: end, end }, newText: appendGlossaryText(text, line) }] } };
  }
  if (!canCreateFiles) return undefined;
  const start = { line: 0, character: 0 };
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: newGlossaryText(line) }] },
    ],
  };
}
