#!/usr/bin/env bash
# How long an import holds the SQLite write lock against other writes. Generates ROWS leads
# (seed 1); then RUNS times: a fresh SQLite file with one lead, bench/import_lock_probe.py
# changing that lead's status every 20 ms while `leadscore import` loads the file. The probe's
# longest wait is the longest the import kept the write lock from it. Once more with a bad row
# at the end of the file (the import refuses it). PROBE_MODE=sqlite-default makes the probe wait
# through SQLite's own busy timeout instead of the store's 1 ms retries (import_lock_probe.py).
# Usage: bench/import-lock.sh BUILD_DIR [ROWS] [RUNS]
set -euo pipefail
build=${1:?usage: bench/import-lock.sh BUILD_DIR [ROWS] [RUNS]}
rows=${2:-200000}
runs=${3:-5}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
cd "$(dirname "$0")/.."
cmake --build "$build" -j1 --target leadscore >/dev/null
bin="$build/leadscore"
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-import-lock.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); rows: $rows"
"$bin" generate --rows "$rows" --seed 1 --out "$work/leads.csv"
head -n 2 "$work/leads.csv" >"$work/one.csv"
{ cat "$work/leads.csv"; echo '41;"admin.";broken'; } >"$work/bad.csv"
# Long enough for the whole import: about 13 s per 1,000,000 rows on 2 shared cores, plus a margin
# (PROBE_SECONDS for a busier machine).
seconds=${PROBE_SECONDS:-$(( 5 + rows * 16 / 1000000 ))}

one() {  # FILE LABEL
  rm -f "$work"/bench.db*
  "$bin" import "$work/one.csv" --db "sqlite:$work/bench.db" >/dev/null
  python3 bench/import_lock_probe.py "$work/bench.db" "$seconds" "${PROBE_MODE:-store}" \
    >"$work/probe.txt" &
  local probe=$!
  sleep 1
  /usr/bin/time -f "$2: import %e s wall, %M KB peak RSS" \
    "$bin" import "$1" --db "sqlite:$work/bench.db" >/dev/null 2>"$work/time.txt" || true
  tail -n 1 "$work/time.txt"
  wait "$probe"
  sed 's/^/  /' "$work/probe.txt"
}

for run in $(seq 1 "$runs"); do one "$work/leads.csv" "run $run"; done
one "$work/bad.csv" "refused file"
