-- wrk script for scripts/bench-server.sh: each request registers new bytes (a unique digest per
-- thread and request) as a fine-tune of the demo's base model. Counts non-201 answers.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  failures = 0
  math.randomseed(os.time() + id * 7919)
  prefix = string.format("%08x%08x", id, math.random(0, 0x7fffffff))
end

function request()
  counter = counter + 1
  local hex = prefix .. string.format("%016x", counter) .. string.format("%032x", 0)
  local digest = "sha256:" .. hex
  local body = '{"digest":"' .. digest .. '","form":"file","sizeBytes":4096,"files":[{"path":"model.safetensors","size":4096,"sha256":"'
    .. digest .. '"}],"parents":["' .. os.getenv("WL_PARENT") .. '"],"trainedIn":"US","compute":{"operations":1e21}}'
  return wrk.format("POST", "/api/v1/artifacts", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("WL_TOKEN")}, body)
end

function response(status, headers, body)
  if status ~= 201 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failures") end
  io.write(string.format("not-201: %d\n", total))
end
