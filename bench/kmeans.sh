#!/bin/sh
# K-Means benchmarks (target: 1,000,000 x 2 points, k = 5, <= 1 s, docs/PERFORMANCE.md,
# "Targets"; and the elbow on 200 rows).
# Usage: bench/kmeans.sh BUILD_DIR [extra Google Benchmark flags]
# Runs from the project root so that data/Mall_Customers.csv is found.
set -eu
build=${1:?usage: bench/kmeans.sh BUILD_DIR}
shift
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
cd "$(dirname "$0")/.."
cmake --build "$build" -j1 --target kmeans_bench >/dev/null
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
exec "$build/bench/kmeans_bench" "$@"
