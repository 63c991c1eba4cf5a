-- One request, repeated: method and body from the environment, headers from wrk's -H flags.
-- done() prints one line "BENCH_JSON {...}": latency percentiles (microseconds), requests/s and
-- the answers by class (a 3xx is counted apart: a redirect to /login would mean a lost session).
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
wrk.method = method
if body ~= "" then wrk.body = body end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, redirects, bad = 0, 0, 0
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status >= 300 and status < 400 then
    redirects = redirects + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_redirects, total_bad = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + (thread:get("ok") or 0)
    total_redirects = total_redirects + (thread:get("redirects") or 0)
    total_bad = total_bad + (thread:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "rps": %.3f, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "mean_us": %.1f, "max_us": %d, "ok": %d, "redirects": %d, "bad": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max,
    total_ok, total_redirects, total_bad, e.connect, e.read, e.write, e.timeout))
end
