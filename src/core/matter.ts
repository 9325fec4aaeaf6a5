// A matter: the documents of one patent application, each with its role, and where in each
// document the title, the abstract, the claims and the disclosure stand.
import { parseMarkdown, type MarkdownStructure } from './markdown';
import { LineIndex } from './text';
import type { CheckSettings, DocumentRole, GlossaryEntry, Matter, MatterDocument, SourceDocument } from './types';
import { memoTable } from './caches';
import { matchesAnyGlob } from './glob';

export interface FilePatterns {
  claims: string[];
  disclosure: string[];
  abstract: string[];
}

export const DEFAULT_PATTERNS: FilePatterns = {
  claims: ['**/claims.md', '**/*claims*.md'],
  disclosure: ['**/disclosure*.md', '**/spec*.md', '**/description*.md', '**/invention-disclosure*.md'],
  abstract: ['**/abstract*.md'],
};

export const DEFAULT_SETTINGS: CheckSettings = { jurisdiction: 'us', mode: 'drafting', severity: {} };

export interface Section {
  kind: 'title' | 'abstract' | 'claims' | 'disclosure';
  start: number;
  end: number;
  heading?: string;
}

/** What the core knows of one document's layout. Cached on the document's text. */
export interface DocumentLayout {
  uri: string;
  role: DocumentRole;
  md: MarkdownStructure;
  lines: LineIndex;
  title?: { text: string; start: number; end: number };
  claims?: Section;
  abstract?: Section;
  disclosure: Section[];
}

const ROLES = new Set<DocumentRole>(['claims', 'disclosure', 'abstract', 'combined', 'glossary']);

/** Builds a matter from documents; documents with no recognisable role are left out. */
export function createMatter(root: string, docs: SourceDocument[], settings: Partial<CheckSettings> = {}, glossary: GlossaryEntry[] = [], patterns: FilePatterns = DEFAULT_PATTERNS): Matter {
  const documents: MatterDocument[] = [];
  const entries = [...glossary];
  for (const d of docs) {
    const role = detectRole(d, patterns);
    if (!role) continue;
    if (role === 'glossary') for (const e of parseGlossary(d.text)) entries.push(e);
    else {
      const fm = parseMarkdown(d.text).frontMatter?.data.glossary;
      if (Array.isArray(fm))
        for (const item of fm) {
          const e = parseGlossaryItem(item);
          if (e) entries.push(e);
        }
    }
    documents.push({ ...d, role });
  }
  return {
    root,
    documents,
    glossary: entries,
    settings: { ...DEFAULT_SETTINGS, ...settings, severity: { ...DEFAULT_SETTINGS.severity, ...(settings.severity ?? {}) } },
  };
}

export const CLAIMS_HEADING = /^(?:(?:the\s+)?claims?|what\s+is\s+claimed(?:\s+is)?|what\s+i\s+claim(?:\s+is)?|i\s+claim|we\s+claim|claims\s+listing|listing\s+of\s+(?:the\s+)?claims)\s*:?$/i;
const CLAIMS_LEAD = /^ {0,3}(?:\*\*)?(?:what\s+is\s+claimed\s+is|what\s+we\s+claim\s+is|what\s+i\s+claim\s+is|i\s+claim|we\s+claim|claims)\s*:(?:\*\*)?[ \t]*$/im;
export const ABSTRACT_HEADING = /^abstract(?:\s+of\s+the\s+disclosure)?\s*:?$/i;

export function basename(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
}

/** Role by front matter (`patent: claims|disclosure|abstract|combined`), file name, then content. */
export function detectRole(doc: SourceDocument, patterns: FilePatterns = DEFAULT_PATTERNS): DocumentRole | undefined {
  const path = doc.uri.replace(/\\/g, '/');
  if (/(^|\/)\.patentdraft\/glossary\.md$/i.test(path)) return 'glossary';
  if (!/\.(md|markdown)$/i.test(path.replace(/[?#].*$/, ''))) return undefined;
  const md = parseMarkdown(doc.text);
  const declared = md.frontMatter?.data.patent;
  if (typeof declared === 'string' && ROLES.has(declared.toLowerCase() as DocumentRole)) return declared.toLowerCase() as DocumentRole;
  if (/(^|\/)glossary\.md$/i.test(path) && /\/\.?patentdraft\//i.test(path)) return 'glossary';
  const hasClaimsHeading = md.headings.some((h) => CLAIMS_HEADING.test(h.text)) || CLAIMS_LEAD.test(md.masked);
  const hasOtherSections = md.headings.some((h) => ABSTRACT_HEADING.test(h.text) || /description|background|summary|field/i.test(h.text));
  if (matchesAny(path, patterns.claims)) return 'claims';
  if (matchesAny(path, patterns.abstract)) return 'abstract';
  if (matchesAny(path, patterns.disclosure)) return hasClaimsHeading ? 'combined' : 'disclosure';
  if (hasClaimsHeading && hasOtherSections) return 'combined';
  return undefined;
}

/** Whether a document's path matches any of `globs` (each as a file name pattern: at any depth); the one
 *  glob matcher, `matchGlob` in ./glob, bounded against hostile patterns. */
export function matchesAny(path: string, globs: string[]): boolean {
  return matchesAnyGlob(path, globs);
}

const layoutCache = new WeakMap<object, DocumentLayout>();
const layoutByText = memoTable(() => new Map<string, DocumentLayout>());

/** The layout of one document of a matter. */
export function layoutDocument(doc: MatterDocument): DocumentLayout {
  const cached = layoutCache.get(doc);
  if (cached) return cached;
  const key = doc.uri + '\u0000' + doc.role;
  const prev = layoutByText().get(key);
  if (prev && prev.md.text === doc.text) {
    layoutCache.set(doc, prev);
    return prev;
  }
  const md = parseMarkdown(doc.text);
  const lines = new LineIndex(doc.text);
  const layout: DocumentLayout = { uri: doc.uri, role: doc.role, md, lines, disclosure: [] };
  const bodyStart = md.frontMatter?.end ?? 0;
  const fmTitle = md.frontMatter?.data.title;
  const h1 = md.headings.find((h) => h.level === 1 && !CLAIMS_HEADING.test(h.text) && !ABSTRACT_HEADING.test(h.text));
  if (typeof fmTitle === 'string' && fmTitle) {
    const at = doc.text.indexOf(fmTitle);
    layout.title = { text: fmTitle, start: at < 0 ? 0 : at, end: at < 0 ? 0 : at + fmTitle.length };
  } else if (h1 && (doc.role === 'combined' || doc.role === 'disclosure')) {
    const s = doc.text.indexOf(h1.text, h1.start);
    layout.title = { text: h1.text, start: s, end: s + h1.text.length };
  }
  const end = doc.text.length;
  if (doc.role === 'claims') {
    const h = md.headings.find((x) => CLAIMS_HEADING.test(x.text));
    layout.claims = { kind: 'claims', start: h ? h.end : bodyStart, end, heading: h?.text };
  } else if (doc.role === 'abstract') {
    const h = md.headings.find((x) => ABSTRACT_HEADING.test(x.text)) ?? md.headings[0];
    layout.abstract = { kind: 'abstract', start: h ? h.end : bodyStart, end, heading: h?.text };
  } else if (doc.role === 'disclosure' || doc.role === 'combined') {
    const taken: Section[] = [];
    md.headings.forEach((h, i) => {
      const kind = CLAIMS_HEADING.test(h.text) ? 'claims' : ABSTRACT_HEADING.test(h.text) ? 'abstract' : undefined;
      if (!kind) return;
      let sEnd = end;
      for (let j = i + 1; j < md.headings.length; j++) {
        if (md.headings[j].level <= h.level) {
          sEnd = md.headings[j].start;
          break;
        }
      }
      taken.push({ kind, start: h.end, end: sEnd, heading: h.text });
    });
    if (!taken.some((s) => s.kind === 'claims')) {
      CLAIMS_LEAD.lastIndex = 0;
      const m = CLAIMS_LEAD.exec(md.masked);
      if (m) {
        let sEnd = end;
        const after = md.headings.find((h) => h.start > m.index);
        if (after) sEnd = after.start;
        taken.push({ kind: 'claims', start: m.index + m[0].length, end: sEnd, heading: m[0].trim() });
      }
    }
    taken.sort((a, b) => a.start - b.start);
    for (const s of taken) {
      if (s.kind === 'claims' && !layout.claims) layout.claims = s;
      if (s.kind === 'abstract' && !layout.abstract) layout.abstract = s;
    }
    // The disclosure is everything else but the title line and the taken sections' headings.
    let pos = bodyStart;
    const cut = [...taken].map((s) => {
      const hd = md.headings.find((h) => h.end === s.start);
      return [hd ? hd.start : s.start, s.end] as [number, number];
    });
    if (layout.title && layout.title.end > 0) cut.push([lineStartOf(doc.text, layout.title.start), layout.title.end]);
    cut.sort((a, b) => a[0] - b[0]);
    for (const [s, e] of cut) {
      if (s > pos) layout.disclosure.push({ kind: 'disclosure', start: pos, end: s });
      pos = Math.max(pos, e);
    }
    if (pos < end) layout.disclosure.push({ kind: 'disclosure', start: pos, end });
  }
  layoutCache.set(doc, layout);
  layoutByText().set(key, layout);
  if (layoutByText().size > 256) layoutByText().delete(layoutByText().keys().next().value as string);
  return layout;
}

function lineStartOf(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Glossary file: list items `- **preferred**: definition. Avoid: x, y` or `- preferred — avoid: x, y`. */
export function parseGlossary(text: string): GlossaryEntry[] {
  const md = parseMarkdown(text);
  const out: GlossaryEntry[] = [];
  for (const line of md.masked.split('\n')) {
    const m = /^\s*[-*+]\s+(.*\S)\s*$/.exec(line);
    if (!m) continue;
    const e = parseGlossaryItem(m[1]);
    if (e) out.push(e);
  }
  return out;
}

export function parseGlossaryItem(item: string): GlossaryEntry | undefined {
  let preferred: string;
  let rest: string;
  const bold = /^\*\*([^*]+)\*\*\s*[:—–-]?\s*(.*)$/.exec(item);
  if (bold) {
    preferred = bold[1];
    rest = bold[2];
  } else {
    const sep = /\s*(?::|\s—\s|\s–\s|\s-\s)\s*/.exec(item);
    preferred = sep ? item.slice(0, sep.index) : item;
    rest = sep ? item.slice(sep.index + sep[0].length) : '';
  }
  preferred = preferred.trim();
  if (!preferred) return undefined;
  const avoidAt = /\b(?:avoid|not|instead of|do not use)\s*:?\s*/i.exec(rest);
  let avoid: string[] = [];
  let definition = rest;
  if (avoidAt) {
    const list = rest.slice(avoidAt.index + avoidAt[0].length).replace(/\.\s*$/, '');
    avoid = list
      .split(/\s*(?:,|;|\bor\b)\s*/)
      .map((s) => s.replace(/^["'“]|["'”]$/g, '').trim())
      .filter((s) => s && s.toLowerCase() !== preferred.toLowerCase());
    definition = rest.slice(0, avoidAt.index).trim();
  }
  return { preferred, avoid, definition: definition.replace(/[.\s]+$/, '') || undefined };
}
