// A CLI io for in-process tests: records what a command printed.
import type { CliIo } from '../../src/cli/command';
import { runCli } from '../../src/cli/main';

export function fakeIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}

/** Runs the CLI in process from the current folder; returns its exit code and what it printed. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(process.cwd());
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}
