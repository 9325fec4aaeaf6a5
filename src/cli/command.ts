import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';

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

/**
 * The commands' option parser, on `node:util`'s parseArgs: `--flag value`, `--flag=value`, booleans
 * listed in `booleans` (also `--flag=false`), repeatable options in `multi`, `--` ends the options.
 * Anything else starting with `--` is a UsageError naming the option.
 */
export function parseArgs(args: string[], spec: { strings?: string[]; booleans?: string[]; multi?: string[] }): { positional: string[]; options: Record<string, string | boolean | string[]> } {
  const booleans = new Set(spec.booleans ?? []);
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const name of spec.strings ?? []) options[name] = { type: 'string' };
  for (const name of spec.multi ?? []) options[name] = { type: 'string', multiple: true };
  for (const name of booleans) options[name] = { type: 'boolean' };
  // node:util rejects a value on a boolean; keep `--flag=false` / `--flag=true` meaning what they say.
  const negated = new Set<string>();
  const argv: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      argv.push(...args.slice(i));
      break;
    }
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    if (m && booleans.has(m[1]!)) {
      if (m[2] === 'false') negated.add(m[1]!);
      else if (m[2] === 'true') argv.push(`--${m[1]}`);
      else throw new UsageError(`option --${m[1]} takes no value (or =true / =false)`);
      continue;
    }
    argv.push(a);
  }
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: false });
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
  const out: Record<string, string | boolean | string[]> = {};
  for (const [k, v] of Object.entries(parsed.values)) if (v !== undefined) out[k] = v as string | boolean | string[];
  for (const k of negated) out[k] = false;
  return { positional: parsed.positionals, options: out };
}

/** node:util's parse errors, as one short line in the CLI's words. */
function usageMessage(e: unknown): string {
  const code = (e as { code?: string }).code;
  const msg = e instanceof Error ? e.message : String(e);
  const option = /'(-{1,2}[^' ]+)/.exec(msg)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/argument missing/.test(msg)) return `option ${option} needs a value`;
    if (/does not take an argument/.test(msg)) return `option ${option} takes no value`;
  }
  return msg.split('\n')[0]!.slice(0, 200);
}
