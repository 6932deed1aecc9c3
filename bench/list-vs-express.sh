#!/usr/bin/env bash
# The ranked call list side by side with the Express + pg anchor (Express 4, Node cluster of 2,
# PostgreSQL 15, default settings), in one run on one machine: the same 1,000,000-row size, a page
# of 50, wrk -t2 -c32 on page 1 and on random pages 1..200. leadscore serves from SQLite here.
# Figures go into docs/PERFORMANCE.md as ratios against the anchor measured in the same run.
# Usage: bench/list-vs-express.sh BUILD_DIR ANCHOR_DIR [ROWS] [DURATION]
#   ANCHOR_DIR: the anchor's sources (copied to a temporary folder; `npm ci && ./setup.sh` there)
set -euo pipefail
build=${1:?usage: bench/list-vs-express.sh BUILD_DIR ANCHOR_DIR [ROWS] [DURATION]}
anchor_src=${2:?usage: bench/list-vs-express.sh BUILD_DIR ANCHOR_DIR [ROWS] [DURATION]}
rows=${3:-1000000}
duration=${4:-20}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
case "$anchor_src" in /*) ;; *) anchor_src="$PWD/$anchor_src" ;; esac
cd "$(dirname "$0")/.."
bin="$build/leadscore"
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-vs-express.XXXXXX")
chmod 755 "$work"  # the anchor runs PostgreSQL as the postgres user from inside it
anchor="$work/anchor"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -d /tmp/express-anchor-pg/data ]]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/express-anchor-pg/data stop -m fast >/dev/null 2>&1 || true
    rm -rf /tmp/express-anchor-pg
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; rows: $rows; date: $(date -u '+%Y-%m-%d %H:%M UTC')"

echo "== the anchor: Express + pg on PostgreSQL"
cp -r "$anchor_src" "$anchor"
(cd "$anchor" && npm ci --silent >/dev/null 2>&1 && ./setup.sh "$rows" >/dev/null)
(cd "$anchor" && DURATION="${duration}s" ./bench.sh) | tee "$work/anchor.txt" | sed -n '/===== summary/,$p'

echo "== leadscore on SQLite"
db="sqlite:$work/list.db"
"$bin" generate --rows "$rows" --seed 1 --out "$work/leads.csv" >/dev/null
"$bin" --db "$db" import "$work/leads.csv" | tail -n 1
rm -f "$work/leads.csv"
"$bin" --db "$db" train >/dev/null
"$bin" --db "$db" score >/dev/null
password="bench-password-123"
echo "$password" | "$bin" --db "$db" user add --role sales --display-name "Bench Sales" bench >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
"$bin" --db "$db" serve --port "$port" --no-access-log --web-dir "$work/none" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/auth/login" | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/Ip' | tr -d '\r')
[[ -n "$cookie" ]] || { echo "sign-in failed"; cat "$work/serve.log"; exit 1; }
cat > "$work/random.lua" <<'LUA'
local counter = 0
function setup(thread) counter = counter + 1; thread:set("tid", counter) end
function init(args) math.randomseed(1000 + tid) end
function request()
  return wrk.format("GET", "/api/leads?size=50&page=" .. math.random(1, 200))
end
LUA
url="http://127.0.0.1:$port/api/leads"
wrk -t2 -c32 -d5s -H "Cookie: $cookie" "$url?size=50&page=1" >/dev/null
wrk -t2 -c32 -d"${duration}s" --latency -H "Cookie: $cookie" "$url?size=50&page=1" > "$work/ls-page1.txt"
wrk -t2 -c32 -d"${duration}s" --latency -H "Cookie: $cookie" -s "$work/random.lua" "$url" > "$work/ls-random.txt"
rss=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)
peak=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)

rate() { awk '/^Requests\/sec:/{print $2}' "$1"; }
p99() { awk '$1=="99%"{print $2}' "$1"; }
a1=$(grep -m1 '^page=1 ' "$work/anchor.txt" | awk '{print $3}')
ar=$(grep -m1 '^random page' "$work/anchor.txt" | awk '{print $5}')
echo
echo "===== side by side (rows=$rows, wrk -t2 -c32 -d${duration}s, $(nproc) cores shared by wrk and the servers)"
printf '%-28s %12s %10s\n' "" "req/s" "p99"
printf '%-28s %12s %10s\n' "anchor page=1" "$a1" "$(grep -m1 '^page=1 ' "$work/anchor.txt" | awk '{print $7}')"
printf '%-28s %12s %10s\n' "leadscore page=1" "$(rate "$work/ls-page1.txt")" "$(p99 "$work/ls-page1.txt")"
printf '%-28s %12s %10s\n' "anchor random 1..200" "$ar" "$(grep -m1 '^random page' "$work/anchor.txt" | awk '{print $9}')"
printf '%-28s %12s %10s\n' "leadscore random 1..200" "$(rate "$work/ls-random.txt")" "$(p99 "$work/ls-random.txt")"
echo "ratio page=1: $(awk -v a="$a1" -v b="$(rate "$work/ls-page1.txt")" 'BEGIN{printf "%.2f", b/a}')x;" \
  "ratio random: $(awk -v a="$ar" -v b="$(rate "$work/ls-random.txt")" 'BEGIN{printf "%.2f", b/a}')x"
echo "leadscore RSS after the runs: $((rss / 1024)) MiB, peak $((peak / 1024)) MiB"
