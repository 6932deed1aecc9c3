#!/usr/bin/env bash
# Score refresh benchmark (docs/PERFORMANCE.md, "Targets": refresh the scores of 1,000,000
# leads on SQLite — read, encode, predict, write, grade — in <= 3 s). Generates ROWS leads
# (seed 1), imports them into a fresh SQLite file, trains the default model on the bundled
# training split, then times `leadscore score` twice (the second run also moves every score to
# previous_score).
# OMP_WAIT_POLICY=passive keeps XGBoost's OpenMP threads from spinning on a shared machine.
# Usage: bench/score_refresh.sh BUILD_DIR [ROWS]
set -euo pipefail
build=${1:?usage: bench/score_refresh.sh BUILD_DIR [ROWS]}
rows=${2:-1000000}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
cd "$(dirname "$0")/.."
cmake --build "$build" -j1 --target leadscore >/dev/null
bin="$build/leadscore"
export OMP_WAIT_POLICY=passive
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-score-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/bench.db"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; rows: $rows"
"$bin" generate --rows "$rows" --seed 1 --out "$work/leads.csv"
"$bin" import "$work/leads.csv" --db "$db" >/dev/null
"$bin" --db "$db" train --data data/bank-additional-train.csv | head -3
for run in 1 2; do
  /usr/bin/time -f "refresh $run: %e s wall, %U s user, %S s system, %M KB peak RSS" \
    "$bin" --db "$db" score 2>&1 | tr '\r' '\n' | grep -v '^scoring:'
done
