// Where an accepted abstract goes: the matter's abstract section or file (its body replaced), a
// new "## Abstract" section in a single-file matter, or a new abstract.md beside the claims.
// No `vscode` import.
import { countWords } from '../../core/index';

export const ABSTRACT_WORD_LIMIT = 150;

export type AbstractPlan =
  { kind: 'replace'; uri: string; start: number; end: number; newText: string } | { kind: 'insert'; uri: string; at: number; newText: string } | { kind: 'create'; uri: string; newText: string };

export interface AbstractTarget {
  /** The current abstract's body (after its heading), as the core found it. */
  abstract?: { uri: string; start: number; end: number };
  documents: { uri: string; role: string; text: string }[];
  /** The matter folder (a URI string without a trailing slash). */
  root: string;
}

/** Words as the core's abstract check counts them. */
export function countAbstractWords(text: string): number {
  return countWords(text);
}

/** A one-line status of an abstract against the limit. */
export function abstractStatus(text: string): { words: number; over: boolean; label: string } {
  const words = countAbstractWords(text);
  const over = words > ABSTRACT_WORD_LIMIT;
  return { words, over, label: `${words} / ${ABSTRACT_WORD_LIMIT} words${over ? ` — ${words - ABSTRACT_WORD_LIMIT} over the limit (37 CFR 1.72(b))` : ''}` };
}

/** The abstract as one paragraph (the rule wants one). */
export function normalizeAbstract(text: string): string {
  return text
    .replace(/^\s*#+\s*abstract[^\n]*\n/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function planAbstract(target: AbstractTarget, abstractText: string): AbstractPlan {
  const body = normalizeAbstract(abstractText);
  const a = target.abstract;
  if (a) {
    const doc = target.documents.find((d) => d.uri === a.uri);
    const text = doc?.text ?? '';
    // Keep the blank line after the heading and what follows the section.
    const before = text.slice(0, a.start);
    const lead = before.length === 0 ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const after = text.slice(a.end);
    const trail = after.length === 0 ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
    return { kind: 'replace', uri: a.uri, start: a.start, end: a.end, newText: lead + body + trail };
  }
  const combined = target.documents.find((d) => d.role === 'combined');
  if (combined) {
    // Before the description (or the claims), after the title.
    const m = /^##\s+(?:detailed\s+)?description\b|^##\s+(?:background|field|technical field|claims)\b/im.exec(combined.text);
    const at = m ? m.index : combined.text.length;
    const pre = at > 0 && !combined.text.slice(0, at).endsWith('\n\n') ? (combined.text.slice(0, at).endsWith('\n') ? '\n' : '\n\n') : '';
    return { kind: 'insert', uri: combined.uri, at, newText: `${pre}## Abstract\n\n${body}\n\n` };
  }
  return { kind: 'create', uri: `${target.root.replace(/\/+$/, '')}/abstract.md`, newText: `# Abstract\n\n${body}\n` };
}
