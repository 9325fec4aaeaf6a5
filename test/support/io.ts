// A CLI io for in-process tests: records what a command printed.
import type { CliIo } from '../../src/cli/command';

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
