// A bounded look inside a ZIP container (a .docx) before anything else unpacks it: the central
// directory is read for the entry count and the sizes each entry declares, and every entry is then
// inflated with a hard output cap (its declared size, within a total budget), so a zip bomb or an
// entry that lies about its size stops with a clear message instead of filling memory. XML entries
// are scanned for their nesting depth. Only what a Word document uses is accepted: stored or
// deflated entries, no encryption, no ZIP64.
import { inflateRawSync } from 'node:zlib';

export const ZIP_LIMITS = {
  /** The .docx file itself. */
  fileBytes: 64 * 1024 * 1024,
  entries: 5_000,
  /** All entries together, unpacked. */
  totalBytes: 256 * 1024 * 1024,
  /** One XML part unpacked (word/document.xml of a long application is a few MB). */
  xmlBytes: 64 * 1024 * 1024,
  /** Unpacked over packed: XML packs 5-30 times; a bomb thousands of times. */
  ratio: 200,
  xmlDepth: 256,
};

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  packed: number;
  size: number;
  dataStart: number;
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`;
}

/** The entries the central directory lists; throws ZipError when the container is not one we read. */
export function zipEntries(buf: Buffer, limits = ZIP_LIMITS): ZipEntry[] {
  if (buf.length > limits.fileBytes) throw new ZipError(`the file is ${mb(buf.length)}; Patent Draft reads Word documents up to ${mb(limits.fileBytes)}`);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new ZipError('not a Word document (.docx): the file is not a ZIP container');
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('the .docx is damaged: its ZIP directory is missing (was the download cut short?)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('the .docx uses ZIP64, which a Word document of this size does not need; save it again from Word');
  if (count > limits.entries) throw new ZipError(`the .docx holds ${count} parts; Patent Draft reads up to ${limits.entries}`);
  if (cdOffset + cdSize > eocd) throw new ZipError('the .docx is damaged: its ZIP directory points outside the file');
  const out: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipError('the .docx is damaged: a ZIP directory entry is malformed');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const packed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, Math.min(eocd, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipError('the .docx is encrypted (password-protected); remove the protection in Word and save it again');
    if (method !== 0 && method !== 8) throw new ZipError(`the .docx part ${JSON.stringify(name.slice(0, 80))} uses ZIP method ${method}; only stored and deflated parts are read`);
    if (packed === 0xffffffff || size === 0xffffffff) throw new ZipError('the .docx uses ZIP64 sizes; save it again from Word');
    total += size;
    if (total > limits.totalBytes) throw new ZipError(`the .docx unpacks to more than ${mb(limits.totalBytes)}; not read (a zip bomb, or far larger than any application)`);
    if (size > 1024 * 1024 && size > packed * limits.ratio)
      throw new ZipError(`the .docx part ${JSON.stringify(name.slice(0, 80))} unpacks ${Math.round(size / Math.max(1, packed))} times its packed size; not read (a zip bomb?)`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new ZipError('the .docx is damaged: a ZIP entry header is missing');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + packed > buf.length) throw new ZipError('the .docx is damaged: a ZIP entry runs past the end of the file');
    out.push({ name, method, packed, size, dataStart });
  }
  return out;
}

/** One entry's bytes, never more than it declares. */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const data = buf.subarray(e.dataStart, e.dataStart + e.packed);
  if (e.method === 0) {
    if (e.packed !== e.size) throw new ZipError(`the .docx part ${JSON.stringify(e.name.slice(0, 80))} is damaged (stored size mismatch)`);
    return data;
  }
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch (err) {
    const tooLarge = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
    throw new ZipError(
      tooLarge
        ? `the .docx part ${JSON.stringify(e.name.slice(0, 80))} unpacks to more than the ${e.size} bytes it declares; not read (a zip bomb?)`
        : `the .docx part ${JSON.stringify(e.name.slice(0, 80))} is damaged: ${(err as Error).message}`,
    );
  }
  if (out.length !== e.size) throw new ZipError(`the .docx part ${JSON.stringify(e.name.slice(0, 80))} is damaged: it unpacks to ${out.length} bytes, not the ${e.size} it declares`);
  return out;
}

/** The deepest element nesting in an XML text (a linear scan; comments, CDATA, declarations skipped). */
export function xmlDepth(xml: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    const c = xml.charCodeAt(i + 1);
    if (c === 0x21 /* ! */) {
      const close = xml.startsWith('<!--', i) ? xml.indexOf('-->', i + 4) : xml.startsWith('<![CDATA[', i) ? xml.indexOf(']]>', i + 9) : xml.indexOf('>', i + 2);
      if (close < 0) break;
      i = xml.indexOf('<', close + 1);
      continue;
    }
    const end = xml.indexOf('>', i + 1);
    if (end < 0) break;
    if (c === 0x2f /* / */) depth = Math.max(0, depth - 1);
    else if (c !== 0x3f /* ? */ && xml.charCodeAt(end - 1) !== 0x2f) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    }
    i = xml.indexOf('<', end + 1);
  }
  return max;
}

export interface CheckedZip {
  entries: ZipEntry[];
  /** The XML parts, unpacked (word/document.xml, styles, numbering, ...): what a converter reads. */
  xml: Map<string, string>;
}

/** Validates a whole .docx container: every part unpacked within its bounds, every XML part within
 *  the depth bound. Other converters (mammoth) may then read the same bytes safely. */
export function checkDocxContainer(buf: Buffer, limits = ZIP_LIMITS): CheckedZip {
  const entries = zipEntries(buf, limits);
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new ZipError('not a Word document (.docx): it has no word/document.xml (is it another Office format?)');
  const xml = new Map<string, string>();
  for (const e of entries) {
    const isXml = /\.(xml|rels)$/i.test(e.name);
    if (isXml && e.size > limits.xmlBytes) throw new ZipError(`the .docx part ${JSON.stringify(e.name.slice(0, 80))} is ${mb(e.size)}; Patent Draft reads parts up to ${mb(limits.xmlBytes)}`);
    const bytes = inflateEntry(buf, e);
    if (!isXml) continue;
    const text = bytes.toString('utf8');
    const depth = xmlDepth(text, limits.xmlDepth);
    if (depth > limits.xmlDepth) throw new ZipError(`the .docx part ${JSON.stringify(e.name.slice(0, 80))} nests elements more than ${limits.xmlDepth} deep; not read`);
    xml.set(e.name, text);
  }
  return { entries, xml };
}
