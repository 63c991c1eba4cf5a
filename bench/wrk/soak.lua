-- The soak: mixed reads and writes as one coordinator, paced by delay() to a target rate.
-- Run with one connection per thread (-t N -c N): each thread then has exactly one request in
-- flight, so response() always answers the last request() and the row versions can be tracked.
--
-- Environment: BENCH_INST, BENCH_NET (slugs), BENCH_MEMBERS (interaction-model row ids, comma-separated),
-- BENCH_ROWS (id:partner:urlencoded forms,... — each row is saved with its partner and forms unchanged),
-- BENCH_CSRF (urlencoded token), BENCH_TEXT (urlencoded text prefix), BENCH_DELAY_MS (mean pause
-- before each request; 0 = as fast as possible), BENCH_VERSIONS (id:version,... at the start),
-- BENCH_TARGET_RPS and BENCH_THREADS: every WINDOW seconds each thread corrects its pause so that
-- its own rate is target / threads, whatever the latency does meanwhile.
--
-- A 409 on the model-row save is an expected answer (somebody else saved the row first): the
-- fresh version is read from the returned form and used next time.
local inst = os.getenv("BENCH_INST")
local net = os.getenv("BENCH_NET")
local csrf = os.getenv("BENCH_CSRF")
local text = os.getenv("BENCH_TEXT") or "bench"
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local target_rps = tonumber(os.getenv("BENCH_TARGET_RPS") or "0")
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "1")
local WINDOW = 5  -- seconds between corrections of the pause

local MIX = {"desk", "member", "network", "inst_history", "desk", "note", "network", "member",
             "net_history", "desk"}

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local function split(s)
  local out = {}
  for item in string.gmatch(s or "", "[^,]+") do table.insert(out, item) end
  return out
end

function init(args)
  ok, expected, bad = 0, 0, 0
  writes, conflicts = 0, 0
  n = 0
  math.randomseed(index * 7919)
  local all = split(os.getenv("BENCH_MEMBERS"))
  -- Each thread edits its own row and one row shared by every thread (conflicts happen there).
  mine = {all[1 + (index % #all)], all[1]}
  versions = {}
  for _, id in ipairs(mine) do versions[id] = 1 end
  for pair in string.gmatch(os.getenv("BENCH_VERSIONS") or "", "[^,]+") do
    local id, version = string.match(pair, "(%d+):(%d+)")
    if id and versions[id] then versions[id] = tonumber(version) end
  end
  rows = {}
  for triple in string.gmatch(os.getenv("BENCH_ROWS") or "", "[^,]+") do
    local id, partner, forms = string.match(triple, "(%d+):([^:]+):(.*)")
    if id then rows[id] = {partner = partner, forms = forms} end
  end
  last, last_member = nil, nil
  pause = delay_ms
  window_start, window_count = os.time(), 0
end

local function headers_with(extra)
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

local FORM = {["Content-Type"] = "application/x-www-form-urlencoded"}

function request()
  n = n + 1
  last = MIX[1 + ((n + index) % #MIX)]
  if last == "desk" then
    return wrk.format("GET", "/i/" .. inst .. "/", headers_with())
  elseif last == "network" then
    return wrk.format("GET", "/n/" .. net .. "/", headers_with())
  elseif last == "inst_history" then
    return wrk.format("GET", "/i/" .. inst .. "/history", headers_with())
  elseif last == "net_history" then
    return wrk.format("GET", "/n/" .. net .. "/history", headers_with())
  elseif last == "note" then
    local h = headers_with({["HX-Request"] = "true", ["HX-Target"] = "notes",
                            ["Content-Type"] = FORM["Content-Type"]})
    local body = "body=" .. text .. "+" .. index .. "-" .. n .. "&csrf_token=" .. csrf
    return wrk.format("POST", "/i/" .. inst .. "/notes", h, body)
  else
    last_member = mine[1 + (n % #mine)]
    local h = headers_with({["HX-Request"] = "true", ["HX-Target"] = "model-row-" .. last_member,
                            ["Content-Type"] = FORM["Content-Type"]})
    local row = rows[last_member] or {partner = "", forms = ""}
    local body = "partner=" .. row.partner .. "&forms=" .. row.forms ..
                 "&social_effect=" .. text .. "+" .. index .. "-" .. n ..
                 "&version=" .. versions[last_member] .. "&csrf_token=" .. csrf
    return wrk.format("POST", "/n/" .. net .. "/model/" .. last_member .. "/edit", h, body)
  end
end

function delay()
  if delay_ms <= 0 then return 0 end
  local now = os.time()
  if target_rps > 0 and now - window_start >= WINDOW then
    local achieved = window_count / (now - window_start)
    local wanted = target_rps / thread_count
    if achieved > 0 then
      -- cycle = pause + latency; move the pause by the difference between the wanted and the seen cycle
      pause = math.max(0, pause + 0.7 * (1000 / wanted - 1000 / achieved))
    end
    window_start, window_count = now, 0
  end
  return math.floor(pause * (0.5 + math.random()))
end

function response(status, headers, body)
  window_count = window_count + 1
  if last == "member" then
    writes = writes + 1
    if status == 200 then
      ok = ok + 1
      versions[last_member] = versions[last_member] + 1
      return
    elseif status == 409 then
      expected = expected + 1
      conflicts = conflicts + 1
      local fresh = string.match(body or "", 'name="version" type="hidden" value="(%d+)"')
                    or string.match(body or "", 'name="version" value="(%d+)"')
      if fresh then versions[last_member] = tonumber(fresh) end
      return
    end
    bad = bad + 1
    return
  end
  if last == "note" then writes = writes + 1 end
  if status >= 200 and status < 400 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local t = {ok = 0, expected = 0, bad = 0, writes = 0, conflicts = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "rps": %.3f, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "mean_us": %.1f, "max_us": %d, "ok": %d, "expected_409": %d, "bad": %d, ' ..
    '"writes": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max,
    t.ok, t.expected, t.bad, t.writes, e.connect, e.read, e.write, e.timeout))
end
