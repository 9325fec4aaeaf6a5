// Reading an earlier version of a matter's file from git: `git show REF:path` through execFile
// (an argument list, never a shell string), with its output size, its time and its environment
// bounded. Used by `patent-draft amend --since REF`.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MAX_FILE_BYTES } from './workspace';

export class GitError extends Error {}

/** How long one git call may take before it is killed. */
export const GIT_TIMEOUT_MS = 15_000;
const MAX_REF_LENGTH = 256;

interface RunOptions {
  cwd: string;
  maxBytes?: number;
  timeoutMs?: number;
}

function size(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(0)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${bytes} bytes`;
}

/** Runs git with `args`; stdout as a Buffer, or a GitError naming what went wrong (never the output). */
function runGit(args: string[], opts: RunOptions): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  const timeout = opts.timeoutMs ?? GIT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      // No pager, no fsmonitor hook, no optional locks, no prompts: a read that cannot run anything else.
      ['--no-pager', '-c', 'core.fsmonitor=false', '-c', 'core.pager=cat', ...args],
      {
        cwd: opts.cwd,
        encoding: 'buffer',
        maxBuffer: maxBytes,
        timeout,
        killSignal: 'SIGKILL',
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
      },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string; code?: string | number };
        if (e.code === 'ENOENT') return reject(new GitError('git is not installed (or not on PATH); give the previous version as a file instead'));
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new GitError(`the file in git is larger than ${size(maxBytes)}, the most Patent Draft reads`));
        if (e.killed || e.signal === 'SIGKILL') return reject(new GitError(`git did not answer within ${timeout / 1000} s; stopped`));
        const first =
          Buffer.from(stderr ?? '')
            .toString('utf8')
            .split('\n')
            .find((l) => l.trim()) ?? `exit ${String(e.code)}`;
        reject(new GitError(first.replace(/^fatal:\s*/, '').slice(0, 300)));
      },
    );
  });
}

/** Refuses what git would read as an option or what no ref looks like. */
export function checkRef(ref: string): void {
  if (ref === '' || ref.length > MAX_REF_LENGTH) throw new GitError(`"${ref.slice(0, 40)}" is not a git ref (give a branch, tag or commit, at most ${MAX_REF_LENGTH} characters)`);
  if (ref.startsWith('-')) throw new GitError(`"${ref}" is not a git ref: it starts with "-"`);
  // Control characters, and ':' (which would make REF:path name another path).
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 32 || c === 127 || ref[i] === ':') throw new GitError(`"${ref.replace(/[\u0000-\u001f\u007f]/g, '?')}" is not a git ref: it holds ${ref[i] === ':' ? '":"' : 'a control character'}`);
  }
}

/** The top folder of the git work tree holding `dir`, or undefined where there is none. */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    const out = (await runGit(['rev-parse', '--show-toplevel'], { cwd: dir, maxBytes: 64 * 1024 })).toString('utf8').trim();
    return out ? await fs.realpath(out) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `ref` names a commit in the repository at `top`. */
export async function gitHasCommit(top: string, ref: string): Promise<boolean> {
  checkRef(ref);
  try {
    await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: top, maxBytes: 4096 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The text of `file` (an absolute path inside a git work tree) as it was at `ref`: `git show REF:path`.
 * Throws GitError with one sentence when there is no repository, no such ref, no such file at that
 * ref, the output is too large or git takes too long. `undefined` when the file did not exist at `ref`
 * and `optional` is set.
 */
export async function gitShow(file: string, ref: string, options: { optional?: boolean; maxBytes?: number; timeoutMs?: number } = {}): Promise<string | undefined> {
  checkRef(ref);
  const dir = await fs.realpath(path.dirname(file));
  const top = await gitTopLevel(dir);
  if (!top) throw new GitError(`${path.dirname(file)} is not in a git repository; give the previous version as a file (--since FILE)`);
  const rel = path
    .relative(top, path.join(dir, path.basename(file)))
    .split(path.sep)
    .join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new GitError(`${file} is outside the git work tree at ${top}`);
  if (!(await gitHasCommit(top, ref))) throw new GitError(`git has no commit "${ref}" in ${top}`);
  let out: Buffer;
  try {
    out = await runGit(['show', '--no-textconv', '--end-of-options', `${ref}:${rel}`], { cwd: top, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs });
  } catch (err) {
    if (err instanceof GitError && /does not exist in|exists on disk, but not in/.test(err.message)) {
      if (options.optional) return undefined;
      throw new GitError(`${rel} did not exist at ${ref}`);
    }
    throw err;
  }
  if (out.subarray(0, 8192).includes(0)) throw new GitError(`${rel} at ${ref} is a binary file, not Markdown text`);
  return out.toString('utf8').replace(/^\uFEFF/, '');
}
