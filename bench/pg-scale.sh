#!/usr/bin/env bash
# PostgreSQL at a bank's scale, side by side with the Express + pg anchor (the seed's stack), in
# one run on one machine (docs/PERFORMANCE.md, "PostgreSQL at 1,000,000 leads").
#
# Starts one throw-away PostgreSQL 15 server (initdb into a temporary folder, a loopback port,
# DEFAULT durability: fsync, synchronous_commit and full_page_writes on; only the memory and
# checkpoint settings of docs/OPERATIONS.md, "Sizing for 10 million leads", printed below),
# generates one lead file (`leadscore generate`, seed 1) and measures:
#   1. the anchor: its own setup (COPY of its rows, indexes) and its list bench (page 1 and
#      random pages 1..200, wrk -t2 -c32), as its README runs them;
#   2. `leadscore import` of the file into PostgreSQL and into a fresh SQLite file;
#   3. `leadscore serve` start-up to its first page answered (a session made beforehand), on
#      each engine;
#   4. the ranked list, page 1 and random pages 1..200, wrk -t2 -c32, on each engine, and the
#      server's RSS.
# Prints a table; removes the servers and temporary files at the end.
# Usage: bench/pg-scale.sh BUILD_DIR ANCHOR_DIR [ROWS] [DURATION]
#   ANCHOR_DIR: the anchor's sources (copied to a temporary folder; `npm ci && ./setup.sh` there)
set -euo pipefail
usage="usage: bench/pg-scale.sh BUILD_DIR ANCHOR_DIR [ROWS] [DURATION]"
build=${1:?$usage}
anchor_src=${2:?$usage}
rows=${3:-1000000}
duration=${4:-20}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
case "$anchor_src" in /*) ;; *) anchor_src="$PWD/$anchor_src" ;; esac
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=passive
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
bin="$build/leadscore"
pgbin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-pg-scale.XXXXXX")
chmod 755 "$work"  # PostgreSQL runs as the postgres user from inside it
server_pid=""
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -f "$work/pg/data/postmaster.pid" ]]; then
    as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ -d /tmp/express-anchor-pg/data ]]; then
    as_pg "$pgbin/pg_ctl" -D /tmp/express-anchor-pg/data stop -m fast >/dev/null 2>&1 || true
    rm -rf /tmp/express-anchor-pg
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The settings of docs/OPERATIONS.md for this machine's size (durability left at its default).
pg_settings=(shared_buffers=1GB work_mem=16MB maintenance_work_mem=512MB max_wal_size=8GB
             checkpoint_timeout=15min checkpoint_completion_target=0.9 wal_compression=on
             max_connections=200)
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB;" \
  "rows: $rows; date: $(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgresql: $("$pgbin/postgres" --version | awk '{print $3}'), fsync=on synchronous_commit=on" \
  "full_page_writes=on (defaults); ${pg_settings[*]}"

# --- the anchor -----------------------------------------------------------------------------
echo "== the anchor: Express + pg on PostgreSQL (its own setup.sh and bench.sh)"
cp -r "$anchor_src" "$work/anchor"
(cd "$work/anchor" && npm ci --silent >/dev/null 2>&1 && ./setup.sh "$rows") > "$work/anchor-setup.txt"
grep '^load:' "$work/anchor-setup.txt"
(cd "$work/anchor" && DURATION="${duration}s" ./bench.sh) > "$work/anchor.txt"
sed -n '/===== summary/,/^raw wrk/p' "$work/anchor.txt" | grep -v '^raw wrk'
anchor_out=$(sed -n 's|^raw wrk output in \(/tmp/express-anchor-bench\.[A-Za-z0-9]*\)$|\1|p' "$work/anchor.txt")
[[ -n "$anchor_out" ]] && rm -rf "$anchor_out"

# --- our PostgreSQL server ------------------------------------------------------------------
mkdir -p "$work/pg"
[[ $(id -u) -eq 0 ]] && chown postgres "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg/data" -U leadscore --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$work/pg/initdb.log" 2>&1
pg_opts="-c listen_addresses=127.0.0.1 -k $work/pg"
for s in "${pg_settings[@]}"; do pg_opts+=" -c $s"; done
for _ in $(seq 1 10); do
  pg_port=$(( 20000 + RANDOM % 40000 ))
  as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
    -o "$pg_opts -p $pg_port" start >/dev/null 2>&1 && break
  pg_port=""
done
[[ -n "$pg_port" ]] || { cat "$work/pg/server.log"; exit 1; }
as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U leadscore leadscore
pg_url="postgresql://leadscore@127.0.0.1:$pg_port/leadscore"
sqlite_url="sqlite:$work/scale.db"

echo "== generate $rows leads (seed 1)"
"$bin" generate --rows "$rows" --seed 1 --out "$work/leads.csv" >/dev/null
ls -l "$work/leads.csv" | awk '{printf "file: %.1f MB\n", $5 / 1e6}'

declare -A import_s import_rss score_s start_health start_page ls_rate1 ls_p99_1 ls_rater ls_p99_r rss_after rss_peak
timed() {  # timed OUT_PREFIX CMD...: wall seconds and peak RSS (MiB) of CMD into $OUT_PREFIX.{s,rss}
  local prefix=$1; shift
  /usr/bin/time -f "%e %M" -o "$prefix.time" "$@" >"$prefix.out" 2>&1 || { cat "$prefix.out"; return 1; }
  awk '{print $1}' "$prefix.time" >"$prefix.s"
  awk '{printf "%d\n", $2 / 1024}' "$prefix.time" >"$prefix.rss"
}
password="bench-password-123"
sign_in() {  # sign_in PORT: prints the session cookie
  curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$1/api/auth/login" | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/Ip' | tr -d '\r'
}
start_server() {  # start_server ENGINE URL: sets server_pid and port
  port=$(( 20000 + RANDOM % 20000 ))
  "$bin" --db "$2" serve --port "$port" --no-access-log --web-dir "$work/none" \
    >"$work/serve-$1.log" 2>&1 &
  server_pid=$!
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cat > "$work/random.lua" <<'LUA'
local counter = 0
function setup(thread) counter = counter + 1; thread:set("tid", counter) end
function init(args) math.randomseed(1000 + tid) end
function request()
  return wrk.format("GET", "/api/leads?size=50&page=" .. math.random(1, 200))
end
LUA

for engine in postgresql sqlite; do
  if [[ $engine == postgresql ]]; then db=$pg_url; else db=$sqlite_url; fi
  echo "== leadscore on $engine: import, train, score"
  timed "$work/import-$engine" "$bin" --db "$db" import "$work/leads.csv"
  import_s[$engine]=$(cat "$work/import-$engine.s")
  import_rss[$engine]=$(cat "$work/import-$engine.rss")
  tail -n 1 "$work/import-$engine.out"
  echo "import: ${import_s[$engine]} s, peak RSS ${import_rss[$engine]} MiB"
  "$bin" --db "$db" train --data data/bank-additional-train.csv >/dev/null
  timed "$work/score-$engine" "$bin" --db "$db" score
  score_s[$engine]=$(cat "$work/score-$engine.s")
  echo "score refresh: ${score_s[$engine]} s"
  echo "$password" | "$bin" --db "$db" user add --role sales --display-name "Bench Sales" bench >/dev/null

  # A session made on a first server (sessions are rows of the database), for the start-up
  # measurement of a second one.
  start_server "$engine" "$db"
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  cookie=$(sign_in "$port")
  [[ -n "$cookie" ]] || { echo "sign-in failed"; cat "$work/serve-$engine.log"; exit 1; }
  stop_server

  # Start-up: from the launch to /healthz, and to the first page of the list answered.
  t0=$(date +%s.%N)
  start_server "$engine" "$db"
  health=""
  for _ in $(seq 1 3000); do
    if [[ -z "$health" ]] && curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
      health=$(date +%s.%N)
    fi
    if [[ -n "$health" ]] && curl -fs -o /dev/null -H "Cookie: $cookie" \
        "http://127.0.0.1:$port/api/leads?size=50&page=1"; then
      break
    fi
    sleep 0.01
  done
  t1=$(date +%s.%N)
  start_health[$engine]=$(awk -v a="$t0" -v b="$health" 'BEGIN{printf "%.2f", b - a}')
  start_page[$engine]=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b - a}')
  echo "start-up: /healthz after ${start_health[$engine]} s, first page after ${start_page[$engine]} s"

  url="http://127.0.0.1:$port/api/leads"
  wrk -t2 -c32 -d5s -H "Cookie: $cookie" "$url?size=50&page=1" >/dev/null
  wrk -t2 -c32 -d5s -H "Cookie: $cookie" -s "$work/random.lua" "$url" >/dev/null
  wrk -t2 -c32 -d"${duration}s" --latency -H "Cookie: $cookie" "$url?size=50&page=1" \
    >"$work/wrk-$engine-page1.txt"
  wrk -t2 -c32 -d"${duration}s" --latency -H "Cookie: $cookie" -s "$work/random.lua" "$url" \
    >"$work/wrk-$engine-random.txt"
  rss_after[$engine]=$(( $(awk '/VmRSS/ {print $2}' /proc/$server_pid/status) / 1024 ))
  rss_peak[$engine]=$(( $(awk '/VmHWM/ {print $2}' /proc/$server_pid/status) / 1024 ))
  ls_rate1[$engine]=$(awk '/^Requests\/sec:/{print $2}' "$work/wrk-$engine-page1.txt")
  ls_p99_1[$engine]=$(awk '$1=="99%"{print $2}' "$work/wrk-$engine-page1.txt")
  ls_rater[$engine]=$(awk '/^Requests\/sec:/{print $2}' "$work/wrk-$engine-random.txt")
  ls_p99_r[$engine]=$(awk '$1=="99%"{print $2}' "$work/wrk-$engine-random.txt")
  for f in page1 random; do
    errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk-$engine-$f.txt" || true)
    [[ -z "$errors" ]] || echo "wrk $engine $f: $errors"
  done
  stop_server
done
rm -f "$work/leads.csv"
pg_size=$("$pgbin/psql" -X -At -h 127.0.0.1 -p "$pg_port" -U leadscore -d leadscore \
  -c "SELECT pg_size_pretty(pg_database_size('leadscore'))")

anchor_copy=$(sed -n 's/^load:.* copy=\([0-9.]*\)s.*/\1/p' "$work/anchor-setup.txt")
anchor_total=$(sed -n 's/^load:.* total=\([0-9.]*\)s.*/\1/p' "$work/anchor-setup.txt")
a1=$(awk '/^page=1 /{print $3}' "$work/anchor.txt" | head -n 1)
a1p=$(awk '/^page=1 /{print $7}' "$work/anchor.txt" | head -n 1)
ar=$(awk '/^random page/{print $5}' "$work/anchor.txt" | head -n 1)
arp=$(awk '/^random page/{print $9}' "$work/anchor.txt" | head -n 1)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", b / a}'; }

echo
echo "===== side by side (rows=$rows, wrk -t2 -c32 -d${duration}s, $(nproc) cores shared by wrk and the servers)"
printf '%-44s %14s %14s %14s\n' "" "anchor" "leadscore pg" "leadscore sqlite"
printf '%-44s %14s %14s %14s\n' "import (s; anchor: COPY / COPY+indexes)" "$anchor_copy / $anchor_total" \
  "${import_s[postgresql]}" "${import_s[sqlite]}"
printf '%-44s %14s %14s %14s\n' "import peak RSS (MiB)" "-" "${import_rss[postgresql]}" "${import_rss[sqlite]}"
printf '%-44s %14s %14s %14s\n' "score refresh (s)" "-" "${score_s[postgresql]}" "${score_s[sqlite]}"
printf '%-44s %14s %14s %14s\n' "start-up to /healthz (s)" "-" "${start_health[postgresql]}" "${start_health[sqlite]}"
printf '%-44s %14s %14s %14s\n' "start-up to first page (s)" "-" "${start_page[postgresql]}" "${start_page[sqlite]}"
printf '%-44s %14s %14s %14s\n' "page 1: requests/s" "$a1" "${ls_rate1[postgresql]}" "${ls_rate1[sqlite]}"
printf '%-44s %14s %14s %14s\n' "page 1: p99" "$a1p" "${ls_p99_1[postgresql]}" "${ls_p99_1[sqlite]}"
printf '%-44s %14s %14s %14s\n' "random pages 1..200: requests/s" "$ar" "${ls_rater[postgresql]}" "${ls_rater[sqlite]}"
printf '%-44s %14s %14s %14s\n' "random pages 1..200: p99" "$arp" "${ls_p99_r[postgresql]}" "${ls_p99_r[sqlite]}"
printf '%-44s %14s %14s %14s\n' "server RSS after the runs / peak (MiB)" "-" \
  "${rss_after[postgresql]} / ${rss_peak[postgresql]}" "${rss_after[sqlite]} / ${rss_peak[sqlite]}"
echo "ratios against the anchor, page 1: pg $(ratio "$a1" "${ls_rate1[postgresql]}"), sqlite $(ratio "$a1" "${ls_rate1[sqlite]}");" \
  "random pages: pg $(ratio "$ar" "${ls_rater[postgresql]}"), sqlite $(ratio "$ar" "${ls_rater[sqlite]}")"
echo "import against the anchor's COPY: pg $(ratio "$anchor_copy" "${import_s[postgresql]}")"
echo "leadscore database on PostgreSQL: $pg_size; load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
