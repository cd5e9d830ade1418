#!/usr/bin/env bash
# A bounded load on the HTTP API (make bench): starts `reassure serve` on a free loopback port,
# runs wrk (Debian's) against each route for a few seconds, prints one LOAD line per route
# (throughput, p50/p90/p99 latencies) and stops the server. Everything on 127.0.0.1.
# Usage: bench/api_load.sh <reassure binary> [seconds per route, default 5]
set -euo pipefail
binary=$1
seconds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

# The rate limit is per client address and everything here comes from 127.0.0.1: lift it.
"$binary" serve --listen 127.0.0.1:0 --rate-limit 0 >"$log" 2>/dev/null &
server=$!
for _ in $(seq 100); do
  grep -q "listening on" "$log" && break
  sleep 0.05
done
url=$(sed -n 's/^reassure: listening on //p' "$log")
[ -n "$url" ] || { echo "api_load: the server did not start" >&2; exit 1; }
echo "# api_load: $url, wrk -t1 -c8 -d${seconds}s per route, server and wrk on the same $(nproc) cores"

for route in /healthz /openapi.json /metrics; do
  line=$(wrk -t1 -c8 -d"${seconds}s" --latency -s "$here/api_load.lua" "$url$route" | grep '^LOAD')
  echo "${line/LOAD/LOAD route=$route}"
done
