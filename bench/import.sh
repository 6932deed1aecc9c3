#!/usr/bin/env bash
# Import benchmark (target: import 1,000,000 leads from CSV into SQLite in <= 10 s,
# docs/PERFORMANCE.md, "Targets").
# Generates ROWS leads in the bank-additional layout (seed 1), imports them into a fresh SQLite
# file three times with hyperfine, then once more under /usr/bin/time -v for the peak memory,
# and exports them back to CSV once. Files go to a temporary folder that is removed at the end.
# Usage: bench/import.sh BUILD_DIR [ROWS]
set -euo pipefail
build=${1:?usage: bench/import.sh BUILD_DIR [ROWS]}
rows=${2:-1000000}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
cd "$(dirname "$0")/.."
cmake --build "$build" -j1 --target leadscore >/dev/null
bin="$build/leadscore"
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-import-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; rows: $rows"
echo "== generate"
/usr/bin/time -f "generate: %e s wall, %M KB peak RSS" \
  "$bin" generate --rows "$rows" --seed 1 --out "$work/leads.csv"
ls -l "$work/leads.csv" | awk '{printf "file: %.1f MB\n", $5 / 1e6}'

echo "== import into a fresh SQLite file"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --runs 3 --prepare "rm -f $work/bench.db $work/bench.db-wal $work/bench.db-shm" \
    "$bin import $work/leads.csv --db sqlite:$work/bench.db"
fi
rm -f "$work"/bench.db*
/usr/bin/time -f "import: %e s wall, %U s user, %S s system, %M KB peak RSS" \
  "$bin" import "$work/leads.csv" --db "sqlite:$work/bench.db"
ls -l "$work/bench.db" | awk '{printf "database: %.1f MB\n", $5 / 1e6}'

echo "== export back to CSV"
/usr/bin/time -f "export: %e s wall, %M KB peak RSS" \
  "$bin" export "$work/export.csv" --db "sqlite:$work/bench.db"
