-- wrk's side of bench/api_load.sh: the request (METHOD, BODY and TOKEN from the environment,
-- a bearer token and a JSON body when given), an optional pause between a connection's
-- requests (PACED_MS: a steady rate instead of flat out), and wrk's summary as one parseable
-- line: requests, throughput, latency percentiles in milliseconds, non-2xx answers and socket
-- errors.
local token = os.getenv("TOKEN") or ""
local paced_ms = tonumber(os.getenv("PACED_MS") or "0")

wrk.method = os.getenv("METHOD") or "GET"
local body = os.getenv("BODY") or ""
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  -- The first request of a plan waits for its solve; the rest are answered from the cache.
  wrk.headers["Prefer"] = "wait=60"
end
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

if paced_ms > 0 then
  delay = function()
    return paced_ms
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout
  io.write(string.format(
    "LOAD requests=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, errors))
end
