#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests, from Debian's postgresql package.
#   scripts/postgres.sh start   starts one on a free port of 127.0.0.1, data in a temporary folder; prints its URL
#   scripts/postgres.sh stop    stops it and removes its folder
#   scripts/postgres.sh url     prints the URL of the running one
# The server's folder is remembered in $KHABAR_PG_STATE (default: a file in /tmp named after this checkout, so
# that two checkouts on one machine each have their own server).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${KHABAR_PG_STATE:-/tmp/khabar-postgres-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1).state}

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# initdb refuses to run as root: run the server as the package's postgres user (or nobody) where we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    id -u "$user" >/dev/null 2>&1 || user=nobody
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$user" -- "$@"
    else
      su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

owner() {
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody
  else
    id -un
  fi
}

start() {
  if [ -f "$STATE" ] && [ -d "$(cat "$STATE")" ]; then
    stop >/dev/null 2>&1 || true
  fi
  local bin
  bin=$(find_bin) || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 3; }
  local dir port user
  dir=$(mktemp -d /tmp/khabar-pg.XXXXXX)
  port=$(free_port)
  user=$(owner)
  chown "$user" "$dir" 2>/dev/null || true
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U khabar --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$dir/data" -U khabar --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # Listen on 127.0.0.1 only, with the socket in the server's own folder; fsync off: the data is thrown away.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U khabar khabar
  echo "$dir" >"$STATE"
  echo "postgresql://khabar@127.0.0.1:$port/khabar" >"$dir/url"
  cat "$dir/url"
}

stop() {
  [ -f "$STATE" ] || { echo "no server started by this script" >&2; return 0; }
  local dir bin
  dir=$(cat "$STATE")
  bin=$(find_bin) || true
  if [ -n "${bin:-}" ] && [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) cat "$(cat "$STATE")/url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
