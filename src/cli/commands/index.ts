// Every CLI sub-command, in the order `patent-draft --help` lists them.
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
