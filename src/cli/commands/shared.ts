// Helpers shared by the CLI commands that read matters.
import { InputError, loadMatters } from '../../node/workspace';
import type { CheckSettings, Jurisdiction, Matter } from '../../core/index';
import { UsageError } from '../command';

export function readJurisdiction(v: unknown): Jurisdiction | undefined {
  if (v === undefined) return undefined;
  if (v === 'us' || v === 'ep') return v;
  throw new UsageError(`--jurisdiction must be "us" or "ep", not "${String(v)}"`);
}

export function readFormat<T extends string>(v: unknown, allowed: T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (allowed as string[]).includes(v)) return v as T;
  throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${String(v)}"`);
}

/** `notice` gets one line per file skipped or read with a problem (a wrong settings key, a file that is not UTF-8). */
export async function mattersFor(paths: string[], cwd: string, overrides: Partial<CheckSettings>, notice?: (message: string) => void): Promise<Matter[]> {
  if (paths.length === 0) throw new UsageError('give at least one file or folder');
  const path = await import('node:path');
  try {
    return await loadMatters(
      paths.map((p) => path.resolve(cwd, p)),
      overrides,
      { notice },
    );
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
