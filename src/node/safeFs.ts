// The one file layer every host that reads a matter from disk goes through (CLI, MCP server, agent
// tools, workspace reading, prompt templates): it reads only regular files, inside the matter when a
// root is given, up to a size cap, without ever blocking on a FIFO or a device; and it replaces a
// file only by an atomic compare-and-replace that keeps every byte the edits did not touch.
//
// Reads: lstat + realpath containment, then open with O_NOFOLLOW|O_NONBLOCK (a FIFO opens without
// waiting for a writer) and fstat of the descriptor (what was opened is what is checked). On Linux
// the descriptor's own path (/proc/self/fd/N) is checked against the root too, so a folder swapped
// for a symbolic link between the checks and the open cannot lead the read out of the matter.
//
// Writes: under a lock file beside the target, the target is re-read and compared with the text the
// edits were computed on; the new bytes go to a temporary file created with O_EXCL|O_NOFOLLOW in the
// target's folder (opened once, by descriptor on Linux, so a folder swapped for a link cannot move
// the write out of the matter), fsync'd; the target is verified unchanged again, renamed over, and
// the folder fsync'd. A write that landed in the old file during the rename is detected through the
// descriptor still open on it, and that write is put back.
import { randomBytes } from 'node:crypto';
import { constants as C, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { MAX_FILE_BYTES, MAX_SMALL_FILE_BYTES } from './limits';

/** Unreadable or refused input: the message says which file and what to change. Exit code 2 in the CLI. */
export class InputError extends Error {
  /** 'ENOENT' when the file does not exist (callers treat optional files as absent). */
  code?: string;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** A write refused or undone because the file is not in the state the edits were computed on. */
export class WriteConflict extends InputError {}

export { MAX_FILE_BYTES, MAX_SMALL_FILE_BYTES };

const O_NOFOLLOW = C.O_NOFOLLOW ?? 0;
const O_NONBLOCK = C.O_NONBLOCK ?? 0;
const O_DIRECTORY = C.O_DIRECTORY ?? 0;
let PROC_FD = process.platform === 'linux';

/** Tests only: run the path-based fallback (as off Linux) even where /proc/self/fd exists. */
export function usePathFallbackForTests(on: boolean): void {
  PROC_FD = !on && process.platform === 'linux';
}

export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export interface ReadOptions {
  /** The matter folder (a real path): the file must be inside it, also after symbolic links. */
  root?: string;
  /** Default MAX_FILE_BYTES. */
  maxBytes?: number;
  /** How the file is named in messages (default: its path). */
  shown?: string;
  /** What kind of file, in the size message (default "files of this kind"). */
  what?: string;
}

export interface FileBytes {
  /** The real path read. */
  path: string;
  bytes: Buffer;
  stat: Stats;
}

function mb(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function limit(n: number): string {
  return n % 1048576 === 0 ? `${n / 1048576} MB` : mb(n);
}

/** The refusal of a file over a bound, worded the same by every workspace (src/core/workspace.ts). */
export function tooLargeError(shown: string, size: number, max: number, what = 'files of this kind'): InputError {
  return new InputError(`${shown} is ${mb(size)}; Patent Draft reads ${what} up to ${limit(max)} (split it, or check that this is the right file)`, 'EFBIG');
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function errnoMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'it is a symbolic link (not followed)';
  return code ?? (err as Error)?.name ?? 'unreadable';
}

/** The path the kernel holds for an open descriptor (Linux), or undefined where there is none. */
async function fdPath(fd: number): Promise<string | undefined> {
  if (!PROC_FD) return undefined;
  try {
    return await fs.readlink(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/** Reads at most `max` bytes of an open file (one more to see whether it is larger). */
async function readBounded(handle: fs.FileHandle, max: number, shown: string, what = 'files of this kind'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(1 << 20, max + 1 - total);
    if (want <= 0) break;
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buf, 0, want, total);
    if (bytesRead === 0) break;
    chunks.push(buf.subarray(0, bytesRead));
    total += bytesRead;
  }
  if (total > max) throw new InputError(`${shown} is larger than ${limit(max)}; Patent Draft reads ${what} up to ${limit(max)} (split it, or check that this is the right file)`, 'EFBIG');
  return Buffer.concat(chunks, total);
}

/**
 * Reads a regular file: inside `root` when one is given (a symbolic link that leads out is
 * refused), never a FIFO, device, socket or folder, at most `maxBytes`. Throws InputError with a
 * message that names the file (code 'ENOENT' when it does not exist).
 */
export async function readRegularFile(file: string, opts: ReadOptions = {}): Promise<FileBytes> {
  const shown = opts.shown ?? file;
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  let link: Stats;
  try {
    link = await fs.lstat(file);
  } catch (err) {
    throw new InputError(`cannot read ${shown}: ${errnoMessage(err)}`, (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'ENOENT' : (err as NodeJS.ErrnoException).code);
  }
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch (err) {
    throw new InputError(
      `cannot read ${shown}: ${link.isSymbolicLink() ? 'it is a symbolic link to nothing' : errnoMessage(err)}`,
      link.isSymbolicLink() ? 'EDANGLING' : (err as NodeJS.ErrnoException).code,
    );
  }
  if (opts.root !== undefined && !isInside(opts.root, real)) {
    throw new InputError(`${shown} is ${link.isSymbolicLink() ? 'a symbolic link to a file' : 'reached through a symbolic link'} outside the matter folder; not read`, 'EOUTSIDE');
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(real, C.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    throw new InputError(`cannot read ${shown}: ${errnoMessage(err)}`, (err as NodeJS.ErrnoException).code);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new InputError(`${shown} is ${kindOf(st)}, not a regular file; not read`, 'ENOTREG');
    if (opts.root !== undefined) {
      const held = await fdPath(handle.fd);
      if (held !== undefined && !isInside(opts.root, held)) throw new InputError(`${shown} moved outside the matter folder while it was read; not read`, 'EOUTSIDE');
    }
    const what = opts.what ?? 'files of this kind';
    if (st.size > max) throw tooLargeError(shown, st.size, max, what);
    const bytes = await readBounded(handle, max, shown, what);
    return { path: real, bytes, stat: st };
  } finally {
    await handle.close();
  }
}

/** Whether a path names something (not following a final symbolic link): for "exists" checks. */
export async function lstatOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(p);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Text

export interface DecodedText {
  text: string;
  /** The bytes started with a UTF-8 byte order mark (kept on write). */
  bom: boolean;
  /** The bytes are valid UTF-8; when false, `text` holds U+FFFD for the bad bytes. */
  utf8: boolean;
  /** The offset of the first byte that is not UTF-8, when there is one. */
  badOffset?: number;
}

/** The offset of the first byte sequence that is not valid UTF-8, or -1. Linear, no allocation. */
export function invalidUtf8Offset(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) ((need = 1), (min = 0x80));
    else if (c >= 0xe0 && c <= 0xef) ((need = 2), (min = 0x800));
    else if (c >= 0xf0 && c <= 0xf4) ((need = 3), (min = 0x10000));
    else return i;
    if (i + need >= n) return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes UTF-8 bytes (a leading BOM noted and removed); invalid bytes become U+FFFD and are flagged. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const bad = invalidUtf8Offset(body);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  return bad < 0 ? { text, bom, utf8: true } : { text, bom, utf8: false, badOffset: bad + (bom ? 3 : 0) };
}

/** The sentence a host shows when a file is read with replacement characters. */
export function notUtf8Message(shown: string, badOffset: number | undefined): string {
  return `${shown} is not UTF-8 text (byte ${badOffset ?? 0} is not valid UTF-8, e.g. Latin-1 or Windows-1252); read with replacement characters, and the write tools will not change it (convert it to UTF-8 first, e.g. \`iconv -f latin1 -t utf-8\`)`;
}

/** The new text with the line ends of the old one, when the old one uses one kind throughout
 *  (an inserted "\n" becomes "\r\n" in a CRLF file). Mixed or LF files are left as they are. */
export function keepLineEnds(before: string, after: string): string {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before.charCodeAt(i);
    if (c === 13) {
      if (before.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf > 0 && lf === 0 && cr === 0) return after.replace(/\r?\n/g, '\r\n');
  if (cr > 0 && lf === 0 && crlf === 0) return after.replace(/\r?\n/g, '\r');
  return after;
}

// ---------------------------------------------------------------------------------------------
// Atomic compare-and-replace

/** Test hooks: called at the named moments of a replace (to swap a folder, write concurrently...). */
export interface WriteHooks {
  afterLock?: () => void | Promise<void>;
  beforeTemp?: () => void | Promise<void>;
  beforeRename?: () => void | Promise<void>;
  afterRename?: () => void | Promise<void>;
}

export interface ReplaceOptions {
  /** The matter folder (real path): the file and its folder must stay inside it. */
  root: string;
  /** The text (BOM removed) the new text was computed from; the write is refused if the file now holds another. */
  expected: string;
  /** How the file is named in messages. */
  shown?: string;
  maxBytes?: number;
  /** A lock older than this is taken as left by a crashed writer (default 30 s). */
  staleLockMs?: number;
  /** How long to wait for another writer's lock (default 3 s). */
  lockWaitMs?: number;
  hooks?: WriteHooks;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A folder held open: paths under it resolve through the descriptor on Linux, not by name again. */
class HeldFolder {
  private constructor(
    readonly handle: fs.FileHandle,
    readonly ref: string,
  ) {}

  static async open(dir: string, root: string, shown: string): Promise<HeldFolder> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(dir, C.O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    } catch (err) {
      throw new InputError(
        `cannot write ${shown}: its folder ${errnoMessage(err) === 'it is a symbolic link (not followed)' ? 'became a symbolic link' : 'cannot be opened (' + errnoMessage(err) + ')'}; nothing was written`,
        'EOUTSIDE',
      );
    }
    const held = await fdPath(handle.fd);
    const real = held ?? (await fs.realpath(dir).catch(() => ''));
    if (!real || !isInside(root, real)) {
      await handle.close();
      throw new InputError(`Refused: the folder of ${shown} is outside the matter folder; nothing was written`, 'EOUTSIDE');
    }
    return new HeldFolder(handle, held !== undefined ? `/proc/self/fd/${handle.fd}` : dir);
  }

  at(name: string): string {
    return `${this.ref}/${name}`;
  }

  /** Off Linux, the folder is reached by name: it must still be the folder that was opened. */
  async verify(root: string, shown: string): Promise<void> {
    if (PROC_FD) return;
    const [a, b] = await Promise.all([this.handle.stat(), fs.lstat(this.ref).catch(() => undefined)]);
    const real = await fs.realpath(this.ref).catch(() => '');
    if (!b || !b.isDirectory() || a.ino !== b.ino || a.dev !== b.dev || !isInside(root, real)) {
      throw new InputError(`Refused: the folder of ${shown} was replaced while writing; nothing was written`, 'EOUTSIDE');
    }
  }

  async sync(): Promise<void> {
    await this.handle.sync().catch(() => undefined); // not every file system syncs a folder
  }
}

async function acquireLock(folder: HeldFolder, name: string, shown: string, staleMs: number, waitMs: number): Promise<() => Promise<void>> {
  const lockName = `.${name}.patent-draft.lock`;
  const lock = folder.at(lockName);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const h = await fs.open(lock, C.O_WRONLY | C.O_CREAT | C.O_EXCL | O_NOFOLLOW, 0o600);
      await h.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await h.close();
      return async () => {
        await fs.unlink(lock).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`cannot write ${shown}: cannot create its lock file (${errnoMessage(err)}); nothing was written`);
    }
    const st = await fs.lstat(lock).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > staleMs) {
      await fs.unlink(lock).catch(() => undefined); // left by a writer that crashed
      continue;
    }
    if (Date.now() > deadline) {
      throw new WriteConflict(`${shown} is being written by another Patent Draft process (lock file ${lockName}); nothing was written. Call the tool again in a moment.`);
    }
    await sleep(15);
  }
}

/** Creates a new temporary file beside `name` (O_EXCL|O_NOFOLLOW, in the held folder), writes and
 *  fsyncs `data`; returns its name. */
async function writeTemp(folder: HeldFolder, name: string, data: string | Buffer, mode: number): Promise<string> {
  const tmp = `.${name}.${randomBytes(6).toString('hex')}.tmp`;
  const t = await fs.open(folder.at(tmp), C.O_WRONLY | C.O_CREAT | C.O_EXCL | O_NOFOLLOW, mode & 0o777);
  try {
    await t.chmod(mode & 0o7777).catch(() => undefined);
    await t.writeFile(data);
    await t.sync();
  } catch (err) {
    await fs.unlink(folder.at(tmp)).catch(() => undefined);
    throw err;
  } finally {
    await t.close();
  }
  return tmp;
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

/** The bytes now in an open file (read from offset 0), bounded. */
async function bytesOf(handle: fs.FileHandle, max: number, shown: string): Promise<Buffer> {
  return readBounded(handle, max, shown);
}

/**
 * Replaces `file` with `after` if it still holds `expected`, atomically, keeping the BOM, the line
 * ends and the bytes outside the edits; refuses a file that is read-only, not UTF-8, not a regular
 * file, outside the root, or changed since `expected` was read. Throws InputError/WriteConflict.
 */
export async function replaceFileText(file: string, after: string, opts: ReplaceOptions): Promise<void> {
  const shown = opts.shown ?? path.basename(file);
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  const hooks = opts.hooks ?? {};
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch (err) {
    throw new InputError(`cannot write ${shown}: ${errnoMessage(err)}; nothing was written`, 'ENOENT');
  }
  if (!isInside(opts.root, real)) throw new InputError(`Refused: ${shown} is outside the matter folder; nothing was written`, 'EOUTSIDE');
  const name = path.basename(real);
  const folder = await HeldFolder.open(path.dirname(real), opts.root, shown);
  let release: (() => Promise<void>) | undefined;
  let target: fs.FileHandle | undefined;
  let tmp: string | undefined;
  let handedOver = false;
  try {
    release = await acquireLock(folder, name, shown, opts.staleLockMs ?? 30000, opts.lockWaitMs ?? 3000);
    await hooks.afterLock?.();
    try {
      target = await fs.open(folder.at(name), C.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (err) {
      throw new InputError(`cannot write ${shown}: ${errnoMessage(err)}; nothing was written`, (err as NodeJS.ErrnoException).code);
    }
    const st = await target.stat();
    if (!st.isFile()) throw new InputError(`Refused: ${shown} is ${kindOf(st)}, not a regular file; nothing was written`, 'ENOTREG');
    if (
      (st.mode & 0o222) === 0 ||
      (await fs.access(folder.at(name), C.W_OK).then(
        () => false,
        () => true,
      ))
    ) {
      throw new InputError(`Refused: ${shown} is read-only; nothing was written. Make it writable (chmod u+w) if the tools may change it.`, 'EROFS');
    }
    const original = await bytesOf(target, max, shown);
    const now = decodeUtf8(original);
    if (!now.utf8) {
      throw new InputError(
        `Refused: ${shown} is not UTF-8 text (byte ${now.badOffset} is not valid UTF-8, e.g. Latin-1); rewriting it would replace characters, so nothing was written. Convert it to UTF-8 first (e.g. \`iconv -f latin1 -t utf-8\`).`,
        'EILSEQ',
      );
    }
    if (now.text !== opts.expected) throw new WriteConflict(`${shown} changed on disk while the edit was computed; nothing was written. Call the tool again.`);
    const out = Buffer.concat([now.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(keepLineEnds(now.text, after), 'utf8')]);

    await hooks.beforeTemp?.();
    await folder.verify(opts.root, shown);
    tmp = await writeTemp(folder, name, out, st.mode);

    await hooks.beforeRename?.();
    await folder.verify(opts.root, shown);
    // The target must still be the file that was compared, holding the same bytes.
    const atName = await fs.lstat(folder.at(name)).catch(() => undefined);
    if (!atName || !sameFile(atName, st) || !(await bytesOf(target, max, shown)).equals(original)) {
      throw new WriteConflict(`${shown} changed on disk while it was being written; nothing was written. Call the tool again.`);
    }
    await fs.rename(folder.at(tmp), folder.at(name));
    tmp = undefined;
    await folder.sync();
    await hooks.afterRename?.();

    // Another program that opened the old file just before the rename wrote into it: put its write
    // back now, and watch the old file a little longer for a write that comes late (an editor saving
    // in place that opened the file just before the rename); the watch then owns the descriptors.
    const late = await bytesOf(target, max, shown);
    if (!late.equals(original)) {
      await restoreLateWrite(folder, name, target, out, max, shown);
      throw new WriteConflict(`${shown} was written by another program while this tool was writing it; that program's version was kept and nothing of this call was applied. Call the tool again.`);
    }
    void watchOldFile(folder, name, target, original, out, max, shown);
    target = undefined;
    handedOver = true;
  } finally {
    if (tmp) await fs.unlink(folder.at(tmp)).catch(() => undefined);
    await target?.close();
    await release?.();
    if (!handedOver) await folder.handle.close();
  }
}

/** How long after a replace the old file is watched for a late in-place write, in steps (ms). */
const WATCH_STEPS_MS = [2, 5, 10, 20, 40, 80, 150, 300, 500];

/** Watches the replaced file for a while; a write into it that arrives late is put back at the name
 *  (it is a save that lost the race by moments: it wins, as it would have a moment later). */
async function watchOldFile(folder: HeldFolder, name: string, old: fs.FileHandle, original: Buffer, ours: Buffer, max: number, shown: string): Promise<void> {
  try {
    for (const ms of WATCH_STEPS_MS) {
      await new Promise((r) => setTimeout(r, ms).unref());
      const st = await old.stat();
      if (st.size === original.length && (await bytesOf(old, max, shown)).equals(original)) continue;
      await restoreLateWrite(folder, name, old, ours, max, shown);
      break;
    }
  } catch {
    /* best effort: the name is never touched unless it still holds what this replace wrote */
  } finally {
    await old.close().catch(() => undefined);
    await folder.handle.close().catch(() => undefined);
  }
}

/** Puts the bytes another writer left in the replaced file back at the name, once that writer is
 *  done (the old file unchanged for a moment: an editor's save truncates first and writes after;
 *  bounded wait), and only if the name still holds what this replace wrote: a newer write stays. */
async function restoreLateWrite(folder: HeldFolder, name: string, old: fs.FileHandle, ours: Buffer, max: number, shown: string): Promise<void> {
  let theirs = await bytesOf(old, max, shown);
  for (let waited = 0, still = 0; waited < 1000 && still < 30; waited += 10) {
    await sleep(10);
    const again = await bytesOf(old, max, shown);
    if (again.equals(theirs)) still += 10;
    else ((theirs = again), (still = 0));
  }
  const tmp = await writeTemp(folder, name, theirs, (await old.stat()).mode);
  const cur = await fs.open(folder.at(name), C.O_RDONLY | O_NOFOLLOW | O_NONBLOCK).catch(() => undefined);
  let put = false;
  try {
    if (cur && (await cur.stat()).isFile() && (await bytesOf(cur, max, shown)).equals(ours)) {
      await fs.rename(folder.at(tmp), folder.at(name));
      put = true;
    }
  } finally {
    await cur?.close();
    if (!put) await fs.unlink(folder.at(tmp)).catch(() => undefined);
  }
  await folder.sync();
}

export interface CreateOptions {
  /** Replace an existing regular file (atomically); a symbolic link or anything else is refused. */
  replace?: boolean;
  shown?: string;
}

/**
 * Writes a new file `name` in `dir` without ever following a symbolic link at that name (dangling
 * or not): a new name is created with O_EXCL|O_NOFOLLOW; with `replace`, an existing regular file
 * is replaced atomically (temporary file, fsync, rename). Throws InputError (code 'EEXIST' when the
 * name exists and `replace` is not set).
 */
export async function writeNewFile(dir: string, name: string, data: string | Buffer, opts: CreateOptions = {}): Promise<void> {
  const shown = opts.shown ?? path.join(dir, name);
  if (name.includes('/') || name.includes('\\') || name === '.' || name === '..') throw new InputError(`Internal: ${JSON.stringify(name)} is not a file name`);
  const realDir = await fs.realpath(dir);
  const folder = await HeldFolder.open(realDir, realDir, shown);
  try {
    const existing = await fs.lstat(folder.at(name)).catch(() => undefined);
    if (existing) {
      if (existing.isSymbolicLink()) throw new InputError(`${shown} is a symbolic link; not written through it (remove the link, or choose another --out folder)`, 'ELINK');
      if (!existing.isFile()) throw new InputError(`${shown} is ${kindOf(existing)}; not replaced`, 'ENOTREG');
      if (!opts.replace) throw new InputError(`${shown} exists; not overwritten (use --force)`, 'EEXIST');
      const tmp = await writeTemp(folder, name, data, existing.mode);
      try {
        const again = await fs.lstat(folder.at(name)).catch(() => undefined);
        if (again && !again.isFile()) throw new InputError(`${shown} became ${kindOf(again)} while writing; not replaced`, 'ELINK');
        await fs.rename(folder.at(tmp), folder.at(name));
      } finally {
        await fs.unlink(folder.at(tmp)).catch(() => undefined);
      }
    } else {
      let h: fs.FileHandle;
      try {
        h = await fs.open(folder.at(name), C.O_WRONLY | C.O_CREAT | C.O_EXCL | O_NOFOLLOW, 0o666);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError(code === 'EEXIST' ? `${shown} appeared while writing; not overwritten` : `cannot write ${shown}: ${errnoMessage(err)}`, code);
      }
      try {
        await h.writeFile(data);
        await h.sync();
      } finally {
        await h.close();
      }
    }
    await folder.sync();
  } finally {
    await folder.handle.close();
  }
}
