#!/usr/bin/env bash
# API benchmark (docs/PERFORMANCE.md, "Targets": ranked call list, page of 50, 1,000,000 leads,
# 32 connections, p99 <= 10 ms; server memory <= 300 MB RSS; the requests/s against the Express
# server are measured by bench/list-vs-express.sh).
# Generates ROWS leads, imports them into a fresh SQLite file, trains a model on them and scores
# them all, creates a sales account, starts `leadscore serve`, signs in, and runs wrk with 32
# connections for DURATION seconds on GET /api/leads (a page of 50 among the first ten). Prints
# wrk's latency distribution and the server's RSS after the run and at its peak.
# Usage: bench/api.sh BUILD_DIR [ROWS] [DURATION] [THREADS]
set -euo pipefail
build=${1:?usage: bench/api.sh BUILD_DIR [ROWS] [DURATION] [THREADS]}
rows=${2:-1000000}
duration=${3:-30}
threads=${4:-8}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
cd "$(dirname "$0")/.."
cmake --build "$build" -j1 --target leadscore >/dev/null
bin="$build/leadscore"
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-api-bench.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
db="sqlite:$work/api.db"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; leads: $rows; server threads: $threads"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "== data: generate, import, train, score"
"$bin" generate --rows "$rows" --seed 1 --out "$work/leads.csv" >/dev/null
"$bin" --db "$db" import "$work/leads.csv" | tail -n 1
rm -f "$work/leads.csv"
"$bin" --db "$db" train | head -n 3
/usr/bin/time -f "score: %e s" "$bin" --db "$db" score >/dev/null
password="bench-password-123"
echo "$password" | "$bin" --db "$db" user add --role sales --display-name "Bench Sales" bench >/dev/null

echo "== serve"
port=$(( 20000 + RANDOM % 20000 ))
"$bin" --db "$db" serve --port "$port" --threads "$threads" --no-access-log \
  --web-dir "$work/none" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/auth/login" | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/Ip' | tr -d '\r')
[[ -n "$cookie" ]] || { echo "sign-in failed"; cat "$work/serve.log"; exit 1; }
total=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port/api/leads?size=50" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "leads visible to the sales user: $total"
for page in 1 2 3; do
  curl -fs -o /dev/null -w "one request alone, page $page: %{time_total} s\n" \
    -H "Cookie: $cookie" "http://127.0.0.1:$port/api/leads?size=50&page=$page"
done
echo "RSS before the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== wrk: GET /api/leads?size=50&page=1..10, 32 connections, ${duration}s"
LEADSCORE_COOKIE="$cookie" wrk -t2 -c32 -d"${duration}s" --timeout 30s --latency -s bench/api_list.lua \
  "http://127.0.0.1:$port"
echo "RSS after the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)," \
  "peak: $(awk '/VmHWM/ {print $2, $3}' /proc/$server_pid/status)"
