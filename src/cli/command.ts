// The shape of one CLI sub-command. Commands write through `io` (never console directly) so
// tests can run them in-process and read what they printed.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working directory paths are resolved against. */
  cwd: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 ok, 1 findings/failure, 2 usage or unreadable input. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad usage or unreadable input: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Minimal option parser: `--flag value`, `--flag=value`, booleans listed in `booleans`. */
export function parseArgs(
  args: string[],
  spec: { strings?: string[]; booleans?: string[]; multi?: string[] },
): { positional: string[]; options: Record<string, string | boolean | string[]> } {
  const strings = new Set(spec.strings ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const multi = new Set(spec.multi ?? []);
  const positional: string[] = [];
  const options: Record<string, string | boolean | string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (booleans.has(name)) {
      options[name] = eq >= 0 ? a.slice(eq + 1) !== 'false' : true;
      continue;
    }
    if (!strings.has(name) && !multi.has(name)) throw new UsageError(`unknown option --${name}`);
    let value: string;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= args.length) throw new UsageError(`option --${name} needs a value`);
      value = args[++i];
    }
    if (multi.has(name)) {
      const prev = options[name];
      options[name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else options[name] = value;
  }
  return { positional, options };
}
