-- The plan cell save (htmx): POST .../items/<id>/cells/responsible with the version last seen.
-- Run with one connection per thread (-t N -c N): each thread has one request in flight, so
-- response() answers the last request() and the item's version is tracked exactly.
--
-- Environment: BENCH_PATH (".../plans/<plan>/items/%d/cells/responsible", %d = the item id),
-- BENCH_ITEMS (item ids, comma-separated: thread i saves item i, so threads do not conflict),
-- BENCH_VERSIONS (id:version,... read from the cell forms just before this run), BENCH_CSRF
-- (urlencoded token), BENCH_TEXT (urlencoded value prefix).
--
-- Every save changes the value (an odd/even suffix), so each request is a real UPDATE (the
-- version goes up by one). A 409 (a stale version: should not happen with one thread per item) is
-- counted apart as an expected answer, and the fresh version is read from the returned form.
local path = os.getenv("BENCH_PATH")
local csrf = os.getenv("BENCH_CSRF")
local text = os.getenv("BENCH_TEXT") or "bench"

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  ok, redirects, bad, expected = 0, 0, 0, 0
  n = 0
  local all = {}
  for item in string.gmatch(os.getenv("BENCH_ITEMS") or "", "[^,]+") do table.insert(all, item) end
  item = all[1 + ((index - 1) % #all)]
  version = 1
  for pair in string.gmatch(os.getenv("BENCH_VERSIONS") or "", "[^,]+") do
    local id, v = string.match(pair, "(%d+):(%d+)")
    if id == item then version = tonumber(v) end
  end
  target = "item-" .. item .. "-responsible"
end

function request()
  n = n + 1
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["HX-Request"] = "true"
  headers["HX-Target"] = target
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "value=" .. text .. "+" .. index .. "-" .. n .. "&version=" .. version .. "&csrf_token=" .. csrf
  return wrk.format("POST", string.format(path, tonumber(item)), headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    version = version + 1
  elseif status == 409 then
    expected = expected + 1
    local fresh = string.match(body or "", 'name="version"[^>]-value="(%d+)"')
      or string.match(body or "", 'value="(%d+)"[^>]-name="version"')
    if fresh then version = tonumber(fresh) end
  elseif status >= 300 and status < 400 then
    redirects = redirects + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_redirects, total_bad, total_expected = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + (thread:get("ok") or 0)
    total_redirects = total_redirects + (thread:get("redirects") or 0)
    total_bad = total_bad + (thread:get("bad") or 0)
    total_expected = total_expected + (thread:get("expected") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "rps": %.3f, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "mean_us": %.1f, "max_us": %d, "ok": %d, "redirects": %d, "bad": %d, ' ..
    '"expected_409": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max,
    total_ok, total_redirects, total_bad, total_expected, e.connect, e.read, e.write, e.timeout))
end
