#!/usr/bin/env bash
# A private PostgreSQL for the tests and the benchmark: start | stop | status | url.
# Installs the server with apt-get when it is missing (CI is a fresh machine, as root), runs it as
# the unprivileged `postgres` user (initdb refuses root), under /tmp, on 127.0.0.1 only.
set -euo pipefail

dir="${AKKACOLLAB_PG_DIR:-/tmp/akkacollab-pg}"
port="${AKKACOLLAB_PG_PORT:-55432}"
db="akkacollab"
data="$dir/data"
log="$dir/server.log"
url="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=$db;Pooling=true;Maximum Pool Size=50"

find_bin() {
  # The server's own bin folder (pg_ctl on PATH may be a lone symlink into it).
  local found
  found="$(ls -1d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$found" ]]; then
    found="$(command -v pg_ctl 2>/dev/null || true)"
    [[ -n "$found" ]] && found="$(readlink -f "$found")"
  fi
  [[ -n "$found" ]] && dirname "$found"
}

ensure_installed() {
  bin="$(find_bin || true)"
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "postgres.sh: pg_ctl/initdb not found; installing postgresql with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(find_bin)"
  fi
}

# Runs a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir "$dir" --shell /bin/sh postgres
    fi
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() { [[ -d "$data" ]] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

start() {
  ensure_installed
  mkdir -p "$dir"
  [[ "$(id -u)" == 0 ]] && { id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /bin/sh postgres; chown postgres "$dir"; }
  if running; then
    echo "postgres.sh: already running on 127.0.0.1:$port" >&2
  else
    if [[ ! -s "$data/PG_VERSION" ]]; then
      rm -rf "$data"
      as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
  fi
  if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  fi
  echo "postgres.sh: up on 127.0.0.1:$port, database $db" >&2
}

stop() {
  bin="$(find_bin || true)"
  if [[ -n "$bin" ]] && running; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    echo "postgres.sh: stopped" >&2
  else
    echo "postgres.sh: not running" >&2
  fi
}

case "${1:-}" in
  start) start; echo "$url" ;;
  stop) stop ;;
  status) bin="$(find_bin || true)"; if [[ -n "$bin" ]] && running; then echo "running on 127.0.0.1:$port"; else echo "stopped"; exit 3; fi ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
