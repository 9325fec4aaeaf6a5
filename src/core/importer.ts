// Imports a published patent document (USPTO full-text XML v4.x grant or application, or an
// EPO ep-patent-document) as a single-file Markdown matter:
//
//   # Title
//   ## Abstract
//   ## Description      (original headings as ###)
//   ## Claims           (a numbered list; each claim element on its own line, 3 spaces a level)
//
// No markup is left: reference numerals, figure and claim references become plain text; tables,
// formulae and chemical structures become a one-line placeholder.
import { childElements, findAll, findFirst, parseXml, textContent, XmlError, type XmlElement, type XmlNode } from './xml';

export type ImportedKind = 'uspto-grant' | 'uspto-application' | 'epo';

export interface ImportedMatter {
  kind: ImportedKind;
  docNumber: string;
  title: string;
  files: { name: string; text: string }[];
  /** For every claim number, the claim numbers its <claim-ref> elements point at ([] for none). */
  claimRefs: Map<number, number[]>;
}

/** Placeholders written where a document has content Markdown text cannot carry. */
export const PLACEHOLDERS = {
  table: '[Table]',
  formula: '[Formula]',
  chemistry: '[Chemical structure]',
  image: '[Image]',
} as const;

const ROOTS: Record<string, ImportedKind> = {
  'us-patent-grant': 'uspto-grant',
  'us-patent-application': 'uspto-application',
  'ep-patent-document': 'epo',
};

/** Parses the XML and checks it is a patent document we read; throws a specific Error if not. */
function loadPatent(xml: string): { root: XmlElement; kind: ImportedKind } {
  if (typeof xml !== 'string' || xml.trim().length === 0) {
    throw new Error('empty input: expected a USPTO or EPO patent XML document');
  }
  let k = 0;
  while (k < xml.length && (xml.charCodeAt(k) === 0xfeff || /\s/.test(xml[k]))) k++;
  const head = xml.slice(k, k + 512).toLowerCase();
  const looksHtml = head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<!--') && head.includes('<html'));
  if (looksHtml) throw new Error('this is an HTML page, not patent XML (download the XML full text, not the web page)');
  if (xml[k] !== '<') {
    const sample = xml.slice(k, k + 40).replace(/\s+/g, ' ');
    throw new Error(`not XML: the input starts with "${sample}${xml.length - k > 40 ? '…' : ''}" instead of "<"`);
  }
  let root: XmlElement;
  try {
    root = parseXml(xml).root;
  } catch (err) {
    if (err instanceof XmlError) throw new Error(err.message);
    throw err;
  }
  if (root.name.toLowerCase() === 'html') throw new Error('this is an HTML page, not patent XML');
  const kind = ROOTS[root.name];
  if (!kind) {
    throw new Error(`not a patent document: the root element is <${root.name}>, expected <us-patent-grant>, <us-patent-application> or <ep-patent-document>`);
  }
  return { root, kind };
}

export function importPatentXml(xml: string): ImportedMatter {
  const { root, kind } = loadPatent(xml);
  const doc = kind === 'epo' ? readEpo(root) : readUspto(root);
  const claimsEl = doc.claims;
  if (!claimsEl) throw new Error(`${doc.docNumber || 'the document'} has no claims (no <claims> element)`);
  const claims = childElements(claimsEl, 'claim');
  if (claims.length === 0) throw new Error(`${doc.docNumber || 'the document'} has no claims (its <claims> element holds no <claim>)`);

  const out: string[] = [];
  out.push(`# ${doc.title || doc.docNumber || 'Untitled'}`, '');
  if (doc.abstract) {
    const paras = blockLines(doc.abstract.children).filter((l) => l.length > 0);
    if (paras.length) out.push('## Abstract', '', ...joinParagraphs(paras), '');
  }
  if (doc.description) {
    const lines = descriptionLines(doc.description);
    if (lines.length) out.push('## Description', '', ...joinParagraphs(lines), '');
  }
  out.push('## Claims', '');
  const claimBlocks = claims.map((c, idx) => claimLines(c, idx + 1));
  for (let k = 0; k < claimBlocks.length; k++) {
    out.push(...claimBlocks[k]);
    if (k < claimBlocks.length - 1) out.push('');
  }
  const text =
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n';
  const docNumber = doc.docNumber;
  return {
    kind,
    docNumber,
    title: doc.title,
    files: [{ name: `${safeFileName(docNumber) || 'patent'}.md`, text }],
    claimRefs: claimRefsOf(claimsEl),
  };
}

/** The claim references of every claim, read from the <claim-ref idref> attributes (the true
 *  dependency of each claim as the office marked it up). */
export function readClaimRefs(xml: string): Map<number, number[]> {
  const { root, kind } = loadPatent(xml);
  const claimsEl = kind === 'epo' ? pickByLang(findAll(root, 'claims')) : findFirst(root, 'claims');
  if (!claimsEl || childElements(claimsEl, 'claim').length === 0) throw new Error('the document has no claims');
  return claimRefsOf(claimsEl);
}

// ---- Document parts ----

interface Parts {
  docNumber: string;
  title: string;
  abstract?: XmlElement;
  description?: XmlElement;
  claims?: XmlElement;
}

function readUspto(root: XmlElement): Parts {
  const biblio = childElements(root, 'us-bibliographic-data-grant', 'us-bibliographic-data-application')[0] ?? root;
  const pubRef = findFirst(biblio, 'publication-reference');
  const docId = pubRef ? findFirst(pubRef, 'document-id') : undefined;
  let docNumber = '';
  if (docId) {
    const part = (name: string) => {
      const e = childElements(docId, name)[0];
      return e ? collapse(textContent(e)) : '';
    };
    docNumber = `${part('country')}${part('doc-number')}${part('kind')}`;
  }
  if (!docNumber) docNumber = (root.attrs.file ?? '').replace(/[-.].*$/, '');
  const titleEl = findFirst(biblio, 'invention-title');
  return {
    docNumber: docNumber.replace(/\s+/g, ''),
    title: titleEl ? inlineText(titleEl.children) : '',
    abstract: childElements(root, 'abstract')[0],
    description: childElements(root, 'description')[0],
    claims: childElements(root, 'claims')[0] ?? findFirst(root, 'claims'),
  };
}

function readEpo(root: XmlElement): Parts {
  const sdobi = childElements(root, 'SDOBI')[0];
  let docNumber = `${root.attrs.country ?? ''}${root.attrs['doc-number'] ?? ''}${root.attrs.kind ?? ''}`;
  let title = '';
  if (sdobi) {
    if (!root.attrs['doc-number']) {
      const t = (name: string) => {
        const e = findFirst(sdobi, name);
        return e ? collapse(textContent(e)) : '';
      };
      docNumber = `${t('B190') || 'EP'}${t('B110')}${t('B130')}`;
    }
    const b540 = findFirst(sdobi, 'B540');
    if (b540) {
      // B540 holds (B541 language, B542 title) pairs.
      const titles: { lang: string; text: string }[] = [];
      let lang = '';
      for (const c of childElements(b540)) {
        if (c.name === 'B541') lang = collapse(textContent(c)).toLowerCase();
        else if (c.name === 'B542') titles.push({ lang, text: inlineText(c.children) });
      }
      title = (titles.find((t) => t.lang === 'en') ?? titles[0])?.text ?? '';
    }
  }
  if (!docNumber) docNumber = root.attrs.id ?? '';
  return {
    docNumber: docNumber.replace(/\s+/g, ''),
    title,
    abstract: pickByLang(childElements(root, 'abstract')),
    description: pickByLang(childElements(root, 'description')),
    claims: pickByLang(childElements(root, 'claims')),
  };
}

/** The English one of several language versions, else the first. */
function pickByLang(els: XmlElement[]): XmlElement | undefined {
  return els.find((e) => (e.attrs.lang ?? '').toLowerCase() === 'en') ?? els[0];
}

function safeFileName(s: string): string {
  return s
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100);
}

// ---- Text ----

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Elements that are blocks of their own inside a paragraph. */
const BLOCKS = new Set(['ul', 'ol', 'dl', 'tables', 'table', 'maths', 'chemistry', 'figure', 'p', 'heading', 'claim-text']);

function placeholderFor(name: string): string | undefined {
  switch (name) {
    case 'tables':
    case 'table':
      return PLACEHOLDERS.table;
    case 'maths':
    case 'math':
      return PLACEHOLDERS.formula;
    case 'chemistry':
    case 'chem':
      return PLACEHOLDERS.chemistry;
    case 'figure':
    case 'img':
      return PLACEHOLDERS.image;
    default:
      return undefined;
  }
}

/** Inline content as one line of plain text: markup dropped, whitespace collapsed. */
function inlineText(nodes: XmlNode[]): string {
  let out = '';
  const walk = (list: XmlNode[]) => {
    for (const node of list) {
      if (node.type === 'text') out += node.text;
      else if (node.name === 'br') out += ' ';
      else {
        const ph = placeholderFor(node.name);
        if (ph) out += ` ${ph} `;
        else walk(node.children);
      }
    }
  };
  walk(nodes);
  return collapse(out);
}

/** Block content (paragraph children, abstract, list items) as lines: one line per paragraph,
 *  lists as "- item" lines, tables/formulae as placeholder lines. */
function blockLines(nodes: XmlNode[], listDepth = 0): string[] {
  const lines: string[] = [];
  let pending: XmlNode[] = [];
  const flush = () => {
    const t = inlineText(pending);
    if (t) lines.push(t);
    pending = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || !BLOCKS.has(node.name)) {
      pending.push(node);
      continue;
    }
    flush();
    if (node.name === 'ul' || node.name === 'ol') lines.push(...listLines(node, listDepth));
    else if (node.name === 'dl') lines.push(...definitionLines(node));
    else if (node.name === 'p' || node.name === 'claim-text') lines.push(...blockLines(node.children, listDepth));
    else if (node.name === 'heading') {
      const t = inlineText(node.children);
      if (t) lines.push(t);
    } else {
      const ph = placeholderFor(node.name);
      if (ph) lines.push(ph);
      else lines.push(...blockLines(node.children, listDepth));
    }
  }
  flush();
  return lines;
}

/** A definition list as one line per term: "R1 is an alkyl group". */
function definitionLines(dl: XmlElement): string[] {
  const lines: string[] = [];
  let term = '';
  for (const c of childElements(dl)) {
    const t = inlineText(c.children);
    if (c.name === 'dt') {
      if (term) lines.push(term);
      term = t;
    } else {
      const line = [term, t].filter(Boolean).join(' ');
      if (line) lines.push(line);
      term = '';
    }
  }
  if (term) lines.push(term);
  return lines;
}

/** Marks a line as a bullet of a list, kept together with its neighbours (no blank line). */
const LIST_MARK = '\u0001';

function listLines(list: XmlElement, depth: number): string[] {
  const lines: string[] = [];
  // USPTO lists are mostly list-style="none" with the label in the text ("1. ...", "a. ..."):
  // their items become plain paragraphs; other lists become Markdown bullets.
  const bare = (list.attrs['list-style'] ?? '').toLowerCase() === 'none';
  let n = 0;
  for (const li of childElements(list)) {
    // A wrapper item holding only a nested list (USPTO does this) adds no bullet or level.
    const onlyList = li.children.every((c) => (c.type === 'text' ? c.text.trim() === '' : c.name === 'ul' || c.name === 'ol'));
    if (onlyList) {
      lines.push(...blockLines(li.children, depth));
      continue;
    }
    const inner = blockLines(li.children, bare ? depth : depth + 1);
    if (bare) {
      lines.push(...inner);
      continue;
    }
    n++;
    const bullet = list.name === 'ol' ? `${n}. ` : '- ';
    const indent = '  '.repeat(depth);
    inner.forEach((l, k) => {
      if (l.startsWith(LIST_MARK)) lines.push(l);
      else lines.push(LIST_MARK + indent + (k === 0 ? bullet : '  ') + l);
    });
  }
  return lines;
}

/** Title case as the corpus writes headings: "FIELD OF THE INVENTION" -> "Field Of The Invention". */
function titleCase(s: string): string {
  let out = '';
  let prevLetter = false;
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const isLetter = lower !== ch.toUpperCase();
    out += isLetter ? (prevLetter ? lower : ch.toUpperCase()) : ch;
    prevLetter = isLetter || (prevLetter && ch === "'");
  }
  return out;
}

/** The description's lines: "### " headings, paragraphs, list lines and placeholders. */
function descriptionLines(desc: XmlElement): string[] {
  const lines: string[] = [];
  const walk = (el: XmlElement) => {
    for (const node of el.children) {
      if (node.type === 'text') {
        const t = collapse(node.text);
        if (t) lines.push(t);
        continue;
      }
      if (node.name === 'heading') {
        const t = inlineText(node.children);
        if (t) lines.push(`### ${titleCase(t)}`);
      } else if (node.name === 'p') lines.push(...blockLines(node.children));
      else if (node.name === 'ul' || node.name === 'ol') lines.push(...listLines(node, 0));
      else if (node.name === 'dl') lines.push(...definitionLines(node));
      else if (placeholderFor(node.name)) lines.push(placeholderFor(node.name)!);
      else walk(node); // description-of-drawings, description-of-embodiments, ... wrappers
    }
  };
  walk(desc);
  return lines;
}

/** Lines separated by blank lines, except between the lines of one list. */
function joinParagraphs(lines: string[]): string[] {
  const out: string[] = [];
  lines.forEach((l, k) => {
    const inList = l.startsWith(LIST_MARK);
    if (k > 0 && !(inList && lines[k - 1].startsWith(LIST_MARK))) out.push('');
    out.push(inList ? l.slice(1) : l);
  });
  return out;
}

// ---- Claims ----

const INDENT = '   ';

/** One claim as Markdown lines: "N. text" then its elements, 3 spaces a nesting level. */
function claimLines(claim: XmlElement, ordinal: number): string[] {
  const number = claimNumber(claim) ?? ordinal;
  const lines: { depth: number; text: string }[] = [];
  const emit = (depth: number, nodes: XmlNode[]) => {
    const t = inlineText(nodes);
    if (t) lines.push({ depth, text: t });
  };
  const walk = (el: XmlElement, depth: number) => {
    let pending: XmlNode[] = [];
    for (const node of el.children) {
      if (node.type === 'element' && node.name === 'claim-text') {
        emit(depth, pending);
        pending = [];
        walk(node, depth + 1);
      } else if (node.type === 'element' && (node.name === 'ul' || node.name === 'ol' || node.name === 'p')) {
        emit(depth, pending);
        pending = [];
        walk(node, depth);
      } else if (node.type === 'element' && placeholderFor(node.name)) {
        emit(depth, pending);
        pending = [];
        lines.push({ depth, text: placeholderFor(node.name)! });
      } else pending.push(node);
    }
    emit(depth, pending);
  };
  walk(claim, -1); // top-level <claim-text> elements are depth 0
  if (lines.length === 0) return [`${number}. (no text)`];
  // Drop the number the claim text starts with ("1. A system", "<b>1</b>. A system").
  const first = lines[0];
  // Only its own number, and not a decimal ("3.5 mm wire ..." in a claim 3 without a number).
  const lead = /^(\d+)\s*[.)]\s*/.exec(first.text);
  if (lead && Number(lead[1]) === number && !/^\d/.test(first.text.slice(lead[0].length))) first.text = first.text.slice(lead[0].length);
  const out = [`${number}. ${first.text}`.trimEnd()];
  for (const l of lines.slice(1)) out.push(INDENT.repeat(Math.max(1, l.depth)) + l.text);
  return out;
}

function claimNumber(claim: XmlElement): number | undefined {
  const num = parseInt(claim.attrs.num ?? '', 10);
  if (Number.isFinite(num) && num > 0) return num;
  const m = /(\d+)\s*$/.exec(claim.attrs.id ?? '');
  return m ? parseInt(m[1], 10) : undefined;
}

function claimRefsOf(claimsEl: XmlElement): Map<number, number[]> {
  const claims = childElements(claimsEl, 'claim');
  const idToNumber = new Map<string, number>();
  claims.forEach((c, k) => {
    if (c.attrs.id) idToNumber.set(c.attrs.id, claimNumber(c) ?? k + 1);
  });
  const refs = new Map<number, number[]>();
  claims.forEach((c, k) => {
    const number = claimNumber(c) ?? k + 1;
    const targets: number[] = [];
    const add = (t: number | undefined) => {
      if (t !== undefined && t > 0 && t !== number && !targets.includes(t)) targets.push(t);
    };
    for (const ref of findAll(c, 'claim-ref')) {
      const idref = (ref.attrs.idref ?? '').trim();
      const fromIds = idref ? parseIdref(idref, idToNumber) : [];
      if (fromIds.length) fromIds.forEach(add);
      else numbersInText(textContent(ref)).forEach(add);
    }
    refs.set(number, targets);
  });
  return refs;
}

/** "CLM-00001", "CLM-00001 CLM-00002" (IDREFS) or a range "CLM-00001-CLM-00003". */
function parseIdref(idref: string, idToNumber: Map<string, number>): number[] {
  const out: number[] = [];
  const digits = (id: string): number | undefined => {
    let k = id.length;
    while (k > 0 && id.charCodeAt(k - 1) >= 0x30 && id.charCodeAt(k - 1) <= 0x39) k--;
    return k < id.length ? parseInt(id.slice(k), 10) : undefined;
  };
  for (const token of idref.split(/[\s,]+/)) {
    if (!token) continue;
    const known = idToNumber.get(token);
    if (known !== undefined) {
      out.push(known);
      continue;
    }
    // A range: two ids joined by "-" (the second one starting with a letter).
    let ranged = false;
    for (let k = token.indexOf('-'); k > 0 && !ranged; k = token.indexOf('-', k + 1)) {
      const next = token.charCodeAt(k + 1);
      if (!((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a))) continue;
      const left = token.slice(0, k);
      const right = token.slice(k + 1);
      const a = idToNumber.get(left) ?? digits(left);
      const b = idToNumber.get(right) ?? digits(right);
      if (a !== undefined && b !== undefined && b >= a && b - a < 1000) {
        for (let v = a; v <= b; v++) out.push(v);
        ranged = true;
      }
    }
    if (ranged) continue;
    const n = digits(token);
    if (n !== undefined) out.push(n);
  }
  return out;
}

/** Claim numbers in reference text: "claim 1", "claims 1 to 3", "claims 1, 2 or 4". */
function numbersInText(text: string): number[] {
  const out: number[] = [];
  const re = /(\d+)(?:\s*(?:-|–|to|through)\s*(\d+))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const a = parseInt(m[1], 10);
    const b = m[2] ? parseInt(m[2], 10) : a;
    if (b >= a && b - a < 1000) for (let v = a; v <= b; v++) out.push(v);
  }
  return out;
}
