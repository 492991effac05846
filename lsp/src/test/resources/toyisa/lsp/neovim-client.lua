-- Drives toyisa's language server from Neovim's own LSP client (headless), and writes what the
-- server answered to a JSON file for LspNeovimTest to check. Paths come from the environment.
local out = {}
local cmd = vim.fn.json_decode(os.getenv('TOYISA_LSP_CMD'))
local dir = os.getenv('TOYISA_DIR')

local function finish()
  vim.fn.writefile({vim.fn.json_encode(out)}, os.getenv('TOYISA_OUT'))
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({ cmd = cmd, root_dir = dir, name = 'toyisa' })
  out.client = client_id ~= nil

  local function open(name)
    vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/' .. name))
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].filetype = 'pasm'
    vim.lsp.buf_attach_client(buf, client_id)
    return buf
  end

  local function request(buf, method, params)
    local res = vim.lsp.buf_request_sync(buf, method, params, 20000)
    if not res or not res[client_id] then return { error = 'no answer' } end
    return res[client_id]
  end

  local function at(buf, line, character)
    return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
  end

  -- Diagnostics of a broken file.
  local broken = open('broken.pasm')
  vim.wait(20000, function() return #vim.diagnostic.get(broken) > 0 end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(broken)) do
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message })
  end
  local fix_params = { textDocument = { uri = vim.uri_from_bufnr(broken) },
    range = { start = { line = 3, character = 8 }, ['end'] = { line = 3, character = 8 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(broken, 3) } }
  out.fixes = request(broken, 'textDocument/codeAction', fix_params)

  -- A program that includes another file.
  local main = open('main.pasm')
  vim.wait(5000, function() return false end, 200) -- let the server's diagnostics of it arrive
  out.main_diagnostics = #vim.diagnostic.get(main)
  local lines = vim.api.nvim_buf_get_lines(main, 0, -1, false)
  local function find(text)
    for i, l in ipairs(lines) do
      local c = string.find(l, text, 1, true)
      if c then return i - 1, c - 1 end
    end
  end
  local l, c = find('mov c, 42')
  out.hover_line = l
  out.hover = request(main, 'textDocument/hover', at(main, l, c + 1))
  l, c = find('call show')
  out.definition = request(main, 'textDocument/definition', at(main, l, c + 6))
  out.references = request(main, 'textDocument/references',
    vim.tbl_extend('force', at(main, l, c + 6), { context = { includeDeclaration = true } }))
  l, c = find('greeting:')
  out.label_hover = request(main, 'textDocument/hover', at(main, l, c + 1))
  l, c = find('mov a, 12h')
  out.hal_hover = request(main, 'textDocument/hover', at(main, l, c + 8))
  l, c = find('mov c, 42')
  out.completion_operand = request(main, 'textDocument/completion', at(main, l, c + 7))
  out.completion_statement = request(main, 'textDocument/completion', at(main, l, c))
  l, c = find('call show')
  local rename = request(main, 'textDocument/rename', vim.tbl_extend('force', at(main, l, c + 6), { newName = 'display' }))
  out.rename = rename
  if rename.result then
    vim.lsp.util.apply_workspace_edit(rename.result, 'utf-16')
    out.main_after_rename = vim.api.nvim_buf_get_lines(main, 0, -1, false)
    out.lib_after_rename = vim.api.nvim_buf_get_lines(vim.fn.bufnr(dir .. '/lib.pasm'), 0, -1, false)
  end
  out.symbols = request(main, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(main) } })
  out.formatting = request(main, 'textDocument/formatting',
    { textDocument = { uri = vim.uri_from_bufnr(main) }, options = { tabSize = 8, insertSpaces = true } })

  local client = vim.lsp.get_client_by_id(client_id)
  client.stop()
  out.stopped = vim.wait(10000, function() return client.is_stopped() end, 50)
end)
if not ok then out.lua_error = tostring(err) end
finish()
