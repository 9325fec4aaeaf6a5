// Every CLI sub-command, in the order `patent-draft --help` lists them.
import type { CliCommand } from '../command';
import { amendCommand } from './amend';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { generateCommand } from './generate';
import { importCommand } from './import';
import { lspCommand } from './lsp';
import { mcpCommand } from './mcp';
import { termsCommand } from './terms';
import { treeCommand } from './tree';
import { tritonCommand } from './triton';

export const commands: CliCommand[] = [checkCommand, treeCommand, termsCommand, importCommand, exportCommand, tritonCommand, mcpCommand, lspCommand, generateCommand, amendCommand];
