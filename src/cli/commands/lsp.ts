// `patent-draft lsp --stdio`: the language server for any LSP editor (Neovim, Helix, Zed, Emacs,
// agent harnesses). stdout is the protocol; the server logs through the client (window/logMessage).
import { runStdioServer } from '../../lsp/server';
import { parseArgs, UsageError, type CliCommand } from '../command';

export const lspCommand: CliCommand = {
  name: 'lsp',
  summary: 'serve diagnostics, fixes, hovers and renames to any LSP editor (stdio)',
  usage: 'patent-draft lsp --stdio',
  async run(args) {
    const { positional, options } = parseArgs(args, { booleans: ['stdio'] });
    if (positional.length) throw new UsageError('lsp takes no paths: the client opens the documents');
    if (options.stdio !== true) throw new UsageError('give --stdio (the only transport): patent-draft lsp --stdio');
    await runStdioServer();
    return 0;
  },
};
