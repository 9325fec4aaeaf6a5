// A small XML tokenizer and tree builder, enough for patent full-text XML (USPTO Red Book
// v4.x grants and applications, EPO ep-patent-document). One left-to-right pass with indexOf
// and character tests: linear time, no regular expressions, no backtracking.
//
// Handled: elements, attributes (single or double quoted), the five predefined entities,
// decimal and hexadecimal character references, CDATA sections, comments, processing
// instructions (dropped), the XML declaration, and DOCTYPE (its internal subset is skipped, so
// entities it declares are left as written). Not handled: namespaces (prefixes are kept as part
// of the name), DTD validation, external entities.

export interface XmlElement {
  type: 'element';
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  root: XmlElement;
  /** The DOCTYPE's root name, where there is a DOCTYPE. */
  doctype?: string;
}

/** A well-formedness error, with the 1-based line and column where it was found. */
export class XmlError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`not well-formed XML at line ${line}, column ${column}: ${reason}`);
    this.name = 'XmlError';
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    c === 0x5f || // _
    c === 0x3a || // :
    c >= 0xc0
  );
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Decodes entity and character references in text or an attribute value. Unknown named
 *  entities (declared in a DTD we do not read) are kept as written. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    // A reference is short: look for its ';' within a bounded window only.
    let semi = -1;
    const limit = Math.min(s.length, amp + 12);
    for (let k = amp + 1; k < limit; k++) {
      const c = s.charCodeAt(k);
      if (c === 0x3b) {
        semi = k;
        break;
      }
      if (c === 0x26 || isSpace(c) || c === 0x3c) break;
    }
    if (semi < 0) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    const ref = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const hex = ref.charCodeAt(1) === 0x78 || ref.charCodeAt(1) === 0x58;
      const digits = ref.slice(hex ? 2 : 1);
      if (digits.length > 0 && isDigits(digits, hex)) {
        const cp = parseInt(digits, hex ? 16 : 10);
        if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) rep = String.fromCodePoint(cp);
      }
    } else rep = PREDEFINED[ref];
    if (rep !== undefined) {
      out += s.slice(last, amp) + rep;
      last = semi + 1;
    }
    amp = s.indexOf('&', semi + 1);
  }
  return out + s.slice(last);
}

function isDigits(s: string, hex: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const dec = c >= 0x30 && c <= 0x39;
    if (dec) continue;
    if (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) continue;
    return false;
  }
  return true;
}

/** Parses one XML document into a tree. Whitespace-only text between elements is kept (the
 *  caller decides what is significant). Throws XmlError on malformed input. */
export function parseXml(input: string): XmlDocument {
  const s = input;
  const n = s.length;
  let i = 0;
  if (s.charCodeAt(0) === 0xfeff) i = 1; // byte order mark

  const fail = (reason: string, at: number): never => {
    let line = 1;
    let lineStart = 0;
    const stop = Math.min(at, n);
    for (let k = s.indexOf('\n'); k >= 0 && k < stop; k = s.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    throw new XmlError(reason, at, line, stop - lineStart + 1);
  };

  let root: XmlElement | undefined;
  let rootClosed = false;
  let doctype: string | undefined;
  const stack: XmlElement[] = [];

  const addText = (text: string, at: number) => {
    if (text.length === 0) return;
    const parent = stack[stack.length - 1];
    if (!parent) {
      for (let k = 0; k < text.length; k++) {
        if (!isSpace(text.charCodeAt(k))) fail(rootClosed ? 'text after the root element' : 'text before the root element', at + k);
      }
      return;
    }
    const prev = parent.children[parent.children.length - 1];
    if (prev && prev.type === 'text') prev.text += text;
    else parent.children.push({ type: 'text', text });
  };

  const readName = (at: number): number => {
    if (at >= n || !isNameStart(s.charCodeAt(at))) fail('expected a name', at);
    let k = at + 1;
    while (k < n && isNameChar(s.charCodeAt(k))) k++;
    return k;
  };

  const skipSpace = (at: number): number => {
    while (at < n && isSpace(s.charCodeAt(at))) at++;
    return at;
  };

  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      addText(decodeEntities(s.slice(i)), i);
      break;
    }
    if (lt > i) addText(decodeEntities(s.slice(i, lt)), i);
    const c1 = s.charCodeAt(lt + 1);

    if (c1 === 0x21 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) fail('unterminated comment', lt);
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) fail('unterminated CDATA section', lt);
        if (stack.length === 0) fail('CDATA outside the root element', lt);
        addText(s.slice(lt + 9, end), lt);
        i = end + 3;
      } else if (s.startsWith('<!DOCTYPE', lt)) {
        if (root) fail('DOCTYPE after the root element', lt);
        const nameStart = skipSpace(lt + 9);
        const nameEnd = readName(nameStart);
        doctype = s.slice(nameStart, nameEnd);
        i = skipDoctype(nameEnd);
      } else fail('unexpected "<!"', lt);
      continue;
    }

    if (c1 === 0x3f /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      if (end < 0) fail('unterminated processing instruction', lt);
      if (rootClosed && s.startsWith('<?xml', lt) && isSpace(s.charCodeAt(lt + 5))) {
        fail('a second XML declaration after the root element (several documents concatenated in one file?)', lt);
      }
      i = end + 2;
      continue;
    }

    if (c1 === 0x2f /* / */) {
      const nameEnd = readName(lt + 2);
      const name = s.slice(lt + 2, nameEnd);
      const gt = skipSpace(nameEnd);
      if (s.charCodeAt(gt) !== 0x3e) fail(`expected ">" to end </${name}`, gt);
      const open = stack.pop();
      if (!open) fail(`end tag </${name}> without a start tag`, lt);
      else if (open.name !== name) fail(`end tag </${name}> does not match the open element <${open.name}>`, lt);
      if (stack.length === 0) rootClosed = true;
      i = gt + 1;
      continue;
    }

    // Start tag.
    if (!isNameStart(c1)) fail('"<" not followed by a tag name (unescaped "<" in text?)', lt);
    const nameEnd = readName(lt + 1);
    const el: XmlElement = { type: 'element', name: s.slice(lt + 1, nameEnd), attrs: {}, children: [] };
    let k = nameEnd;
    let selfClosing = false;
    for (;;) {
      const afterSpace = skipSpace(k);
      const c = s.charCodeAt(afterSpace);
      if (c === 0x3e /* > */) {
        k = afterSpace + 1;
        break;
      }
      if (c === 0x2f /* / */ && s.charCodeAt(afterSpace + 1) === 0x3e) {
        selfClosing = true;
        k = afterSpace + 2;
        break;
      }
      if (afterSpace >= n) fail(`unterminated start tag <${el.name}>`, lt);
      if (afterSpace === k) fail(`expected whitespace, ">" or "/>" in <${el.name}>`, k);
      const attrEnd = readName(afterSpace);
      const attrName = s.slice(afterSpace, attrEnd);
      let eq = skipSpace(attrEnd);
      if (s.charCodeAt(eq) !== 0x3d /* = */) fail(`attribute ${attrName} has no value`, eq);
      eq = skipSpace(eq + 1);
      const quote = s.charCodeAt(eq);
      if (quote !== 0x22 && quote !== 0x27) fail(`attribute ${attrName} value is not quoted`, eq);
      const close = s.indexOf(quote === 0x22 ? '"' : "'", eq + 1);
      if (close < 0) fail(`unterminated value of attribute ${attrName}`, eq);
      const raw = s.slice(eq + 1, close);
      if (raw.indexOf('<') >= 0) fail(`"<" in the value of attribute ${attrName}`, eq + 1 + raw.indexOf('<'));
      if (Object.prototype.hasOwnProperty.call(el.attrs, attrName)) fail(`duplicate attribute ${attrName}`, afterSpace);
      el.attrs[attrName] = decodeEntities(raw);
      k = close + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) fail(`a second root element <${el.name}>`, lt);
    else root = el;
    if (selfClosing) {
      if (!parent) rootClosed = true;
    } else stack.push(el);
    i = k;
  }

  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    fail(`end of input inside <${open.name}> (missing </${open.name}>)`, n);
  }
  if (!root) fail('no root element', n);
  return { root: root as XmlElement, doctype };

  // Skips a DOCTYPE declaration from just after its name, internal subset included; returns the
  // offset after its closing ">".
  function skipDoctype(from: number): number {
    let k = from;
    let inSubset = false;
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c === 0x22 || c === 0x27) {
        const close = s.indexOf(c === 0x22 ? '"' : "'", k + 1);
        if (close < 0) break;
        k = close + 1;
      } else if (inSubset && s.startsWith('<!--', k)) {
        const end = s.indexOf('-->', k + 4);
        if (end < 0) break;
        k = end + 3;
      } else if (inSubset && s.startsWith('<?', k)) {
        const end = s.indexOf('?>', k + 2);
        if (end < 0) break;
        k = end + 2;
      } else if (c === 0x5b /* [ */ && !inSubset) {
        inSubset = true;
        k++;
      } else if (c === 0x5d /* ] */ && inSubset) {
        inSubset = false;
        k++;
      } else if (c === 0x3e /* > */ && !inSubset) {
        return k + 1;
      } else k++;
    }
    return fail('unterminated DOCTYPE', from);
  }
}

// ---- Tree helpers ----

/** Child elements, optionally only those with one of `names`. */
export function childElements(el: XmlElement, ...names: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.type === 'element' && (names.length === 0 || names.includes(c.name))) out.push(c);
  }
  return out;
}

/** The first descendant (depth first, document order) named `name`, or undefined. */
export function findFirst(el: XmlElement, name: string): XmlElement | undefined {
  const stack: XmlNode[] = [...el.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (node.name === name) return node;
    for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]);
  }
  return undefined;
}

/** Every descendant named `name`, in document order (not descending into matches). */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlNode[] = [...el.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (node.name === name) {
      out.push(node);
      continue;
    }
    for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]);
  }
  return out;
}

/** All text under a node, concatenated as written (no whitespace changes). */
export function textContent(node: XmlNode): string {
  if (node.type === 'text') return node.text;
  let out = '';
  const stack: XmlNode[] = [node];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.type === 'text') out += cur.text;
    else for (let k = cur.children.length - 1; k >= 0; k--) stack.push(cur.children[k]);
  }
  return out;
}

/** The encodings an XML declaration may name that this decoder reads (TextDecoder labels). */
const XML_ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8', // ASCII is a subset: bytes over 0x7F fail the strict decode
  ascii: 'utf-8',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/**
 * The text of an XML document's bytes, in the encoding it declares: a byte order mark (UTF-8,
 * UTF-16) first, else the `encoding` of the XML declaration, else UTF-8 (the XML default). Bytes
 * that are not valid in that encoding, or an encoding this reader does not know, throw an Error
 * that says which and what to do; the result never holds a replacement character the file lacked.
 */
export function decodeXml(bytes: Uint8Array): string {
  const b = bytes;
  let label: string;
  let start = 0;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) ((label = 'utf-8'), (start = 3));
  else if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) ((label = 'utf-16le'), (start = 2));
  else if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) ((label = 'utf-16be'), (start = 2));
  else if (b.length >= 4 && b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0) label = 'utf-16le';
  else if (b.length >= 4 && b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f) label = 'utf-16be';
  else {
    // The declaration is ASCII in every ASCII-compatible encoding: read it from the first bytes.
    let head = '';
    for (let i = 0; i < Math.min(b.length, 200); i++) head += String.fromCharCode(b[i]);
    const decl = /^<\?xml[^>]{0,180}?\?>/.exec(head);
    const named = decl ? /\sencoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(decl[0])?.[1] : undefined;
    if (named === undefined) label = 'utf-8';
    else {
      const known = XML_ENCODINGS[named.toLowerCase()];
      if (!known)
        throw new Error(
          `the XML declares encoding "${named}", which Patent Draft does not read (it reads UTF-8, UTF-16, ISO-8859-1/Latin-1 and Windows-1252); convert it to UTF-8 first (e.g. \`iconv -f ${named} -t utf-8\`)`,
        );
      label = known;
    }
  }
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(b.subarray(start));
  } catch {
    const name = label === 'utf-8' ? 'UTF-8' : label.toUpperCase();
    throw new Error(
      `the file is not valid ${name}${label === 'utf-8' ? ' (the XML declares no other encoding; a Latin-1 file needs <?xml version="1.0" encoding="ISO-8859-1"?>)' : ''}; nothing was imported. Convert it (e.g. \`iconv -f latin1 -t utf-8\`) or fix its XML declaration`,
    );
  }
}
