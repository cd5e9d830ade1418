#!/usr/bin/env bash
# A bounded load on the HTTP API (make bench), on SQLite and on PostgreSQL: for each backend,
# a store with one user and the coalition scenario, `reassure serve` on a free loopback port,
# then wrk (Debian's) against the routes for a few seconds each:
#   - flat out (-t1 -c8): throughput and latencies (LOAD lines);
#   - paced at about 1,000 requests/s (wrk's delay()): the latencies the issue's target is
#     stated at, p99 under 10 ms (LOAD ... paced=1 and a TARGET line);
#   - the coalition's cached plan asked again and again, flat out and paced: the plan cache's
#     latency, and a BENCH line against solving it with the CLI (the peer: what a server without
#     the cache does).
# Everything on 127.0.0.1; every run is bounded by its duration.
# Usage: bench/api_load.sh <reassure binary> [seconds per route, default 5] [backends, default
#        "sqlite postgresql"]
set -euo pipefail
binary=$(realpath "$1")
seconds=${2:-5}
backends=${3:-sqlite postgresql}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
scenario=$root/scenarios/coalition/scenario.yaml
work=$(mktemp -d)
server=""
pg_state=""
cleanup() {
  [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  [ -n "$pg_state" ] && bash "$root/tests/store/pg_cluster.sh" stop "$pg_state" || true
  rm -rf "$work"
}
trap cleanup EXIT

# wrk's summary line for one route: METHOD PATH [BODY] [paced]
load() {
  local method=$1 path=$2 body=${3:-} paced=${4:-0} connections=8
  [ "$paced" = 1 ] && connections=12
  METHOD=$method BODY=$body TOKEN=$token PACED_MS=$([ "$paced" = 1 ] && echo 8 || echo 0) \
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$here/api_load.lua" "$url$path" |
    grep '^LOAD' | sed "s|^LOAD|LOAD backend=$backend route=$method:$path paced=$paced|"
}

# yes if $1 < $2 (decimal numbers), else no.
below() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? "yes" : "no" }'; }
# yes if the rate $1 reached 1,000 requests/s and $2 < $3, else no.
at_rate_below() { awk -v r="$1" -v a="$2" -v b="$3" 'BEGIN { print (r >= 1000 && a < b) ? "yes" : "no" }'; }

start_server() {
  local db=$1 log=$work/serve.log
  # The rate limit is per client address and everything here comes from 127.0.0.1: lift it.
  "$binary" serve --listen 127.0.0.1:0 --rate-limit 0 --db "$db" >"$log" 2>/dev/null &
  server=$!
  for _ in $(seq 200); do
    grep -q "listening on" "$log" && break
    sleep 0.05
  done
  url=$(sed -n 's/^reassure: listening on //p' "$log")
  [ -n "$url" ] || { echo "api_load: the server did not start" >&2; exit 1; }
}

stop_server() {
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
}

# The CLI's own solve of the coalition's base plan, wall seconds: the cache's peer.
started=$(date +%s.%N)
"$binary" plan "$scenario" --format json >/dev/null
cli_plan_seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')

echo "# api_load: wrk -t1 -c8 -d${seconds}s per route (paced: -c12, 8 ms between requests per connection), server and wrk on the same $(nproc) cores"
for backend in $backends; do
  case $backend in
    sqlite) db=sqlite:$work/hq.db ;;
    postgresql)
      pg_state=$work/pg
      mkdir -p "$pg_state"
      bash "$root/tests/store/pg_cluster.sh" start "$pg_state" >/dev/null
      db=$(cat "$pg_state/url")
      ;;
    *) echo "api_load: unknown backend $backend" >&2; exit 2 ;;
  esac
  token=$("$binary" user add bench --nation FR --role planner --db "$db" | sed -n 's/^token: //p')
  "$binary" scenario add coalition "$scenario" --db "$db" >/dev/null
  start_server "$db"

  for path in /healthz /scenarios /scenarios/coalition/versions /scenarios/coalition/versions/1 \
    "/scenarios/coalition/versions/1/status?as_of=2026-01-06"; do
    load GET "$path"
  done
  for path in /scenarios/coalition/versions/1 "/scenarios/coalition/versions/1/status?as_of=2026-01-06"; do
    line=$(load GET "$path" "" 1)
    echo "$line"
    p99=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")
    rps=$(sed -n 's/.* rps=\([0-9]*\).*/\1/p' <<<"$line")
    echo "TARGET backend=$backend route=GET:$path rps=$rps p99_ms=$p99 target=p99<10ms_at_1000rps met=$(at_rate_below "$rps" "$p99" 10)"
  done

  # The first request solves (and waits for it); every later one is a cache hit. Flat out for
  # the throughput, then paced for the time one cached plan takes to serve.
  plan=/scenarios/coalition/versions/1/plans
  load POST "$plan" '{"variant": "base"}'
  line=$(load POST "$plan" '{"variant": "base"}' 1)
  echo "$line"
  p50=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  p99=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  rps=$(sed -n 's/.* rps=\([0-9]*\).*/\1/p' <<<"$line")
  awk -v b="$backend" -v ms="$p50" -v peer="$cli_plan_seconds" 'BEGIN {
    printf "BENCH cached_plan_%s ours=%.6f peer=cli_plan:%.3f ratio=%.0f\n", b, ms / 1000, peer, peer / (ms / 1000) }'
  echo "TARGET backend=$backend route=POST:$plan rps=$rps p50_ms=$p50 p99_ms=$p99 target=cached_plan<2ms met=$(below "$p50" 2)"
  stop_server
done
