-- wrk script: GET of one path with a bearer token. Arguments: path, token.
function init(args)
  path, auth = args[1], "Bearer " .. args[2]
end

function request()
  return wrk.format("GET", path, { ["Authorization"] = auth })
end
