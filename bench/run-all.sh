#!/usr/bin/env bash
# Runs every benchmark of docs/PERFORMANCE.md against the binaries in BUILD_DIR.
# Each driver prints its own figures; together they take several minutes on 2 cores.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=passive

echo "== import";          bench/import.sh "$build"
echo "== import lock";     bench/import-lock.sh "$build"
echo "== K-Means";         bench/kmeans.sh "$build"
echo "== training";        "$build/bench/train_bench"
echo "== single lead";     "$build/bench/score_bench"
echo "== refresh";         bench/score_refresh.sh "$build" 1000000
echo "== ranked list API"; bench/api.sh "$build" 1000000 30 8
