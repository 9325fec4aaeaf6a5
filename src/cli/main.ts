// `patent-draft` command-line entry point. Sub-commands live in ./commands, one per file,
// and are listed in ./commands/index.ts.
import { commands } from './commands/index';
import { UsageError, type CliIo } from './command';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout('0.1.0\n');
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`patent-draft: unknown command "${name}"\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`patent-draft ${name}: ${err.message}\nusage: ${cmd.usage}\n`);
      return 2;
    }
    io.stderr(`patent-draft ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `usage: patent-draft <command> [options]\n\ncommands:\n${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}\n`;
}

/** Runs the CLI on this process's arguments and sets its exit code (bin/patent-draft.js). */
export function main(): void {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`patent-draft: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();
