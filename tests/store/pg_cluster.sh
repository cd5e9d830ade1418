#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the store's tests: real, local and unprivileged.
#
#   pg_cluster.sh start STATE_DIR   initdb into a new temporary folder, start postgres on
#                                   127.0.0.1 on a free port (unix sockets in that folder), and
#                                   write the connection URL to STATE_DIR/url
#   pg_cluster.sh stop STATE_DIR    stop that server and delete its folder
#
# postgres refuses to run as root: run as root, the cluster belongs to the `postgres` system
# user the Debian package creates. Authentication is by a random password (scram-sha-256),
# kept in the URL file, which only the caller can read.
set -euo pipefail

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
action=${1:-}
state=${2:-}
[[ ( $action == start || $action == stop ) && -n $state ]] ||
  { echo "usage: $0 start|stop STATE_DIR" >&2; exit 2; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [[ -f $state/datadir ]] || return 0
  local data
  data=$(cat "$state/datadir")
  if [[ -f $data/postmaster.pid ]]; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || true
  fi
  rm -rf "$(dirname "$data")"
  rm -f "$state/datadir" "$state/url"
}

if [[ $action == stop ]]; then
  stop
  exit 0
fi

mkdir -p "$state"
stop  # a cluster left over by an interrupted run
root=$(mktemp -d /tmp/reassure-pg.XXXXXX)
[[ $(id -u) -eq 0 ]] && chown postgres: "$root"
chmod 700 "$root"
data=$root/data
echo "$data" >"$state/datadir"

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
umask 077
printf '%s\n' "$password" >"$root/pwfile"
[[ $(id -u) -eq 0 ]] && chown postgres: "$root/pwfile"
as_owner "$bin/initdb" -D "$data" -U reassure --pwfile="$root/pwfile" -A scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 ||
  { cat "$root/initdb.log" >&2; exit 1; }
rm -f "$root/pwfile"

# A free port: try a few at random; one taken between the check and the start fails the start,
# and the next one is tried. Bounded.
for attempt in $(seq 1 20); do
  port=$(( 20000 + RANDOM % 40000 ))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi  # in use
  if as_owner "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$root -c fsync=on" \
      start >/dev/null; then
    printf 'postgresql://reassure:%s@127.0.0.1:%s/postgres\n' "$password" "$port" >"$state/url"
    echo "PostgreSQL 15 on 127.0.0.1:$port, data in $data"
    exit 0
  fi
done
cat "$root/server.log" >&2
echo "could not start PostgreSQL on a free port after 20 attempts" >&2
exit 1
