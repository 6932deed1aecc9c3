#!/usr/bin/env bash
# Score refresh benchmark (docs/PERFORMANCE.md, "Targets": refresh the scores of 1,000,000
# leads — read, encode, predict, write, grade — on SQLite in <= 3 s, on PostgreSQL 15 with
# default durability in <= 10 s on one server and faster with two). Generates ROWS leads
# (seed 1), imports them into a fresh database, trains the default model on the bundled
# training split, then times `leadscore score` twice (the second run also moves every score to
# previous_score), with WORKERS `leadscore score --worker` processes helping each run (the
# chunks a second server would take). WORKERS may be a list ("0 1"): then each run is made once
# per count, one after the other on the same database, so that the counts compare side by side.
#
# ENGINE sqlite: a file in a temporary directory. ENGINE pg: a throwaway PostgreSQL server
# (initdb into a temporary directory, a loopback port) with the default durability — fsync and
# synchronous_commit on, unlike the test server of tests/pg/pg-server.sh.
#
# With ANCHOR=/path/to/another/leadscore the same runs are made with that binary too, on its own
# database with the same leads, each of its runs right after the same run of BUILD_DIR's binary:
# on a shared machine only such side-by-side ratios are trustworthy.
# OMP_WAIT_POLICY=passive keeps XGBoost's OpenMP threads from spinning on a shared machine.
# Usage: bench/score_refresh.sh BUILD_DIR [ROWS] [ENGINE] [WORKERS]
set -euo pipefail
build=${1:?usage: bench/score_refresh.sh BUILD_DIR [ROWS] [sqlite|pg] [WORKERS]}
rows=${2:-1000000}
engine=${3:-sqlite}
workers=${4:-0}
anchor=${ANCHOR:-}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
case "$engine" in sqlite|pg) ;; *) echo "engine: sqlite or pg" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
cmake --build "$build" -j1 --target leadscore >/dev/null
bin="$build/leadscore"
export OMP_WAIT_POLICY=passive
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-score-bench.XXXXXX")
pgbin=""
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  if [ -n "$pgbin" ] && [ -d "$work/pg" ]; then
    as_pg "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$engine" = pg ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [ "$(id -u)" -eq 0 ] && chown postgres "$work"
  as_pg "$pgbin/initdb" -D "$work/pg" -U leadscore --auth=trust -E UTF8 --locale=C.UTF-8 \
    >/dev/null
  port=$(( 20000 + RANDOM % 20000 ))
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work" start >/dev/null
  echo "postgresql: $("$pgbin/postgres" --version), fsync=$(as_pg "$pgbin/psql" -h 127.0.0.1 \
    -p "$port" -U leadscore -d postgres -Atc 'SHOW fsync'), synchronous_commit=$(as_pg \
    "$pgbin/psql" -h 127.0.0.1 -p "$port" -U leadscore -d postgres -Atc 'SHOW synchronous_commit')"
fi

# The database of binary number $1.
db_of() {
  if [ "$engine" = pg ]; then
    echo "postgresql://leadscore@127.0.0.1:$port/bench$1"
  else
    echo "sqlite:$work/bench$1.db"
  fi
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); rows: $rows; engine: $engine; workers: $workers"
"$bin" generate --rows "$rows" --seed 1 --out "$work/leads.csv"
binaries=("$bin")
[ -n "$anchor" ] && binaries+=("$anchor")
for i in "${!binaries[@]}"; do
  b=${binaries[$i]}
  [ "$engine" = pg ] && as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U leadscore "bench$i"
  "$b" import "$work/leads.csv" --db "$(db_of "$i")" >/dev/null
  "$b" --db "$(db_of "$i")" train --data data/bank-additional-train.csv | head -1
done

for run in 1 2; do
  for i in "${!binaries[@]}"; do
   for count in $workers; do
    b=${binaries[$i]}
    pids=()
    for w in $(seq 1 "$count"); do
      "$b" --db "$(db_of "$i")" score --worker --poll 20 >"$work/worker-$w.log" 2>&1 &
      pids+=($!)
    done
    [ "$count" -gt 0 ] && sleep 1  # the workers are up and polling
    /usr/bin/time -f "refresh $run ($b, $count workers): %e s wall, %U s user, %S s system, %M KB peak RSS" \
      "$b" --db "$(db_of "$i")" score 2>&1 | tr '\r' '\n' | grep -v '^scoring:'
    for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p" || true; done
    for w in $(seq 1 "$count"); do grep -h "scored" "$work/worker-$w.log" || true; done
   done
  done
done
