#!/usr/bin/env node
// Setup of the `lsp` suite: a real LSP client other than VS Code, Debian's neovim (its built-in
// client), installed when missing. The server itself runs from source (tsx), nothing to build.
import { ensureDebianPackages, log } from '../e2e/tooling.mjs';

ensureDebianPackages(['neovim']);
log('lsp suite: neovim present');
