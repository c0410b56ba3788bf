#!/usr/bin/env bash
# Load test of `whipcount serve` on loopback: ingests ../shared/corpus/news.jsonl into a
# temporary database, starts the server, and runs wrk against each main query endpoint (who,
# timeline, tally, switches): requests/s, latency percentiles, errors, and p99 against the
# 50 ms goal (issue 7). Each endpoint runs twice: with the answer cache (what users get) and
# with --cache-mb 0 (every request runs its query). See bench/README.md.
#
#   bench/serve_load.sh                       # build/ binary, 20 s per endpoint, 100 connections
#   BUILD_DIR=build-x DURATION=5s bench/serve_load.sh
#   WHIPCOUNT_DB=corpus.db bench/serve_load.sh   # reuse a database instead of ingesting
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
BIN=$BUILD_DIR/src/cli/whipcount
CORPUS=${WHIPCOUNT_CORPUS:-../shared/corpus/news.jsonl}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-100}
WRK_THREADS=${WRK_THREADS:-2}
GOAL_MS=50
# Extra global flags for every whipcount run (e.g. "--no-syntax").
read -r -a FLAGS <<< "${WHIPCOUNT_FLAGS:-}"

if [ -z "${WHIPCOUNT_DB:-}" ] && [ ! -f "$CORPUS" ]; then
  echo "serve_load: $CORPUS is absent (no ../shared beside the repository): skipped"
  exit 0
fi
command -v wrk >/dev/null || { echo "serve_load: wrk is not installed (scripts/setup installs it)" >&2; exit 2; }
if [ ! -x "$BIN" ]; then
  echo "serve_load: building $BIN" >&2
  cmake --build "$BUILD_DIR" --target whipcount >&2
fi

tmp=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

DB=${WHIPCOUNT_DB:-$tmp/corpus.db}
if [ -z "${WHIPCOUNT_DB:-}" ]; then
  echo "serve_load: ingesting $CORPUS into a temporary database" >&2
  "$BIN" "${FLAGS[@]}" ingest "$CORPUS" --db "$DB" 2>&1 | tail -1 >&2
fi

start_server() {  # start_server EXTRA_FLAGS...: sets $server and $base
  "$BIN" "${FLAGS[@]}" serve --db "$DB" --port 0 "$@" > "$tmp/serve.out" 2> "$tmp/serve.err" &
  server=$!
  for _ in $(seq 1 600); do
    if [ -s "$tmp/serve.out" ]; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then cat "$tmp/serve.err" >&2; exit 2; fi
    sleep 0.1
  done
  base=$(sed -n '1s/^listening on //p' "$tmp/serve.out")
  [ -n "$base" ] || { echo "serve_load: the server printed no address" >&2; exit 2; }
}

stop_server() {
  kill -TERM "$server"
  wait "$server" || true
  server=""
}

# wrk's latency ("1.23ms", "850.00us", "1.10s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000;
    else if (v ~ /s$/) n *= 1000;
    printf "%.2f", n }'
}

endpoints=(
  "who|/api/who?target=Donald%20Trump&as_of=2016-06-20"
  "timeline|/api/timeline?actor=Hillary%20Clinton"
  "tally|/api/tally?as_of=2016-06-20&weight=members"
  "switches|/api/switches"
)

printf '%-9s %-6s %10s %9s %9s %9s %7s %9s %9s\n' endpoint cache "requests/s" "p50 ms" "p90 ms" \
  "p99 ms" errors timeouts "p99/goal"
for cache in on off; do
  if [ "$cache" = on ]; then start_server; else start_server --cache-mb 0; fi
  for entry in "${endpoints[@]}"; do
    name=${entry%%|*}
    url=$base${entry#*|}
    # The query must answer 200 before it is timed.
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    [ "$code" = 200 ] || { echo "serve_load: $url answered $code" >&2; exit 1; }
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" > "$tmp/wrk.txt"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk.txt")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$tmp/wrk.txt")")
    p90=$(to_ms "$(awk '$1 == "90%" {print $2}' "$tmp/wrk.txt")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$tmp/wrk.txt")")
    # Errors: connect, read and write failures and non-2xx answers. Timeouts (no answer within
    # wrk's 2 s) are counted apart: they are slowness, not failures.
    socket=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8}' "$tmp/wrk.txt")
    timeouts=$(awk '/Socket errors:/ {gsub(",", ""); print $10}' "$tmp/wrk.txt")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$tmp/wrk.txt")
    errors=$(( ${socket:-0} + ${non2xx:-0} ))
    ratio=$(awk -v p="$p99" -v g="$GOAL_MS" 'BEGIN { printf "%.2f", p / g }')
    printf '%-9s %-6s %10s %9s %9s %9s %7s %9s %9s\n' "$name" "$cache" "$rps" "$p50" "$p90" "$p99" \
      "$errors" "${timeouts:-0}" "$ratio"
  done
  stop_server
done
echo "($CONNECTIONS connections, $WRK_THREADS wrk threads, $DURATION per row; p99/goal < 1 meets the ${GOAL_MS} ms goal)"
