// Every CLI sub-command, in the order `patent-draft --help` lists them.
import type { CliCommand } from '../command';
import { importCommand } from './import';
import { tritonCommand } from './triton';

export const commands: CliCommand[] = [importCommand, tritonCommand];
