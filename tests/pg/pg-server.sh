#!/bin/sh
# A throw-away PostgreSQL server for the tests.
#
#   pg-server.sh start DIR   initdb into a new temporary directory, start the server on a free
#                            loopback port (its unix socket inside that directory, fsync off),
#                            create the database leadscore_test, write its URL to DIR/url
#   pg-server.sh stop DIR    stop that server and remove its directory and DIR
#
# initdb refuses to run as root; as root the server runs as the `postgres` system user.
set -eu

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1
dir=$2

bindir=${LEADSCORE_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-server: no PostgreSQL server binaries (install postgresql)" >&2
  exit 1
fi

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  mkdir -p "$dir"
  [ -f "$dir/tmpdir" ] && stop_server
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-pg.XXXXXX")
  echo "$tmp" >"$dir/tmpdir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$tmp"; fi
  as_server_user "$bindir/initdb" -D "$tmp/data" -U leadscore --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
  # Pick a free port: try random ones until the server starts (it refuses a taken port).
  tries=0
  while :; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
    if as_server_user "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ $tries -ge 10 ]; then
      cat "$tmp/server.log" >&2
      echo "pg-server: could not start PostgreSQL" >&2
      exit 1
    fi
  done
  as_server_user "$bindir/createdb" -h 127.0.0.1 -p "$port" -U leadscore leadscore_test
  echo "postgresql://leadscore@127.0.0.1:$port/leadscore_test" >"$dir/url"
  echo "pg-server: $(cat "$dir/url") (data in $tmp)"
}

stop_server() {
  tmp=$(cat "$dir/tmpdir")
  if [ -d "$tmp/data" ]; then
    as_server_user "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$tmp" in
    */leadscore-pg.*) rm -rf "$tmp" ;;
  esac
}

case "$command" in
  start) start ;;
  stop)
    [ -f "$dir/tmpdir" ] && stop_server
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
