-- wrk script: saves (PATCH) or opens (GET) the benchmark drafts, each request with its owner's
-- bearer token. Arguments: mode ("patch" | "get"), a file of "application-id token" lines.
-- Each wrk thread takes every n-th line and goes round its own drafts, so no two requests in
-- flight touch the same draft (PATCH without If-Match still claims the version it read).
local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  local count = tonumber(args[3])
  items = {}
  local line_number = 0
  for line in io.lines(args[2]) do
    if line_number % count == thread_index then
      local id, token = line:match("^(%S+)%s+(%S+)$")
      table.insert(items, { path = "/api/v1/applications/" .. id, auth = "Bearer " .. token })
    end
    line_number = line_number + 1
  end
  next_item = 0
  saves = 0
end

function request()
  next_item = next_item % #items + 1
  local item = items[next_item]
  if mode == "patch" then
    saves = saves + 1
    local body = '{"mainContent":"举办为期三天的国际研讨会（第' .. saves .. '次保存）。"}'
    return wrk.format("PATCH", item.path,
      { ["Authorization"] = item.auth, ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", item.path, { ["Authorization"] = item.auth })
end
