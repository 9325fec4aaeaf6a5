-- Drives the Patent Draft language server with Neovim's built-in LSP client (nvim --headless -u NONE):
-- opens a claims file, waits for the diagnostics, hovers on "claim 1", renames a term through
-- vim.lsp.buf.rename, applies the preferred code action for the antecedent-basis finding, and writes
-- what it saw as JSON to $PD_OUT for the mocha test (test/lsp/neovim.test.ts) to assert on.
-- Neovim 0.7 (Debian bookworm) has start_client/buf_attach_client; newer ones have both too.
local out = {}
local function finish()
  local f = io.open(os.getenv('PD_OUT'), 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qall!')
end

local function find(bufnr, needle, nth)
  nth = nth or 1
  local seen = 0
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s = 0
    while true do
      local a = string.find(line, needle, s + 1, true)
      if not a then break end
      seen = seen + 1
      if seen == nth then return i - 1, a - 1 end
      s = a
    end
  end
  error('not found: ' .. needle)
end

local function lines(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function run()
  local root = os.getenv('PD_ROOT')
  local file = os.getenv('PD_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local raw = {}
  local client_id = vim.lsp.start_client({
    name = 'patent-draft',
    cmd = { os.getenv('PD_NODE'), '--import', 'tsx', root .. '/src/cli/main.ts', 'lsp', '--stdio' },
    cmd_cwd = root,
    root_dir = vim.fn.fnamemodify(file, ':h'),
    settings = { patentDraft = { debounceMs = 50 } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        raw[result.uri] = result.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  local client = vim.lsp.get_client_by_id(client_id)

  -- 1. Diagnostics, pushed after the open.
  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50), 'no diagnostics within 30 s')
  client = vim.lsp.get_client_by_id(client_id)
  out.server = client.name
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, {
      code = d.code, message = d.message, lnum = d.lnum, col = d.col, severity = d.severity, source = d.source,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end

  -- 2. Hover on "claim 1" (in claim 2's opening words).
  local hl, hc = find(bufnr, 'claim 1')
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = hl, character = hc + 2 } }, 10000, bufnr)
  out.hover = hover and hover.result and hover.result.contents.value or vim.NIL

  -- 3. Rename "seal" to "gasket" with the editor's own rename (prepareRename, then rename, edits applied to every file).
  local rl, rc = find(bufnr, 'a seal')
  vim.api.nvim_win_set_cursor(0, { rl + 1, rc + 3 })
  vim.lsp.buf.rename('gasket')
  assert(vim.wait(15000, function() return string.find(lines(bufnr), 'gasket', 1, true) ~= nil end, 50), 'rename did not apply')
  out.claimsAfterRename = lines(bufnr)
  local disclosure = vim.fn.bufnr(os.getenv('PD_DISCLOSURE'))
  out.disclosureAfterRename = disclosure >= 0 and lines(disclosure) or vim.NIL

  -- 4. The preferred code action of the antecedent-basis finding, applied as the server's WorkspaceEdit.
  local target
  assert(vim.wait(15000, function()
    for _, d in ipairs(raw[uri] or {}) do
      if d.code == 'antecedent-basis' then target = d return true end
    end
    return false
  end, 50), 'no antecedent-basis diagnostic')
  local actions = client.request_sync('textDocument/codeAction', { textDocument = { uri = uri }, range = target.range, context = { diagnostics = { target } } }, 10000, bufnr)
  out.actions = {}
  local chosen
  for _, a in ipairs(actions and actions.result or {}) do
    table.insert(out.actions, a.title)
    if a.isPreferred and not chosen then chosen = a end
  end
  assert(chosen, 'no preferred code action')
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  out.claimsAfterFix = lines(bufnr)
  -- The fix removes the finding once the server has re-analysed the edited buffer.
  out.findingGone = vim.wait(15000, function()
    for _, d in ipairs(raw[uri] or {}) do
      if d.code == 'antecedent-basis' then return false end
    end
    return true
  end, 50)
  out.ok = true
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
finish()
