#!/usr/bin/env bash
# Load benchmark of `weightledger serve` with wrk (Debian's wrk), loopback only, 64 connections.
# Baseline: GET /healthz on the same server in the same run (HTTP with no ledger work); the
# lineage and registration figures are printed with their ratio to it.
# Targets (issue 7): >= 5,000 lineage GETs/s, >= 1,000 durable registrations/s, p99 < 50 ms, no failures.
# Usage: scripts/bench-server.sh [seconds]   (builds the release binary if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
swift build -c release --product weightledger 2>&1 | tail -n 1
binary=.build/release/weightledger
. scripts/demo-server.sh
reader=$(demo_server_token reviewer bench-reader)
registrar=$(demo_server_token registrar bench-registrar)
demo_server_start

run() {  # name, then wrk arguments; prints one line, leaves rate in $rate
    local name=$1; shift
    local out="$work/$name.out"
    wrk -t 2 -c 64 -d "${seconds}s" --latency "$@" > "$out" 2>&1
    rate=$(awk '/^Requests\/sec/ {print $2}' "$out")
    local p99 failures
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    failures=$(awk '/Non-2xx/ {print $5} /Socket errors/ {print $0}' "$out" | tr '\n' ' ')
    local extra
    extra=$(grep -E "^not-201" "$out" || true)
    printf "%-22s %10s req/s   p99 %8s   %s%s\n" "$name" "$rate" "$p99" "${failures:-no failed request}" "${extra:+ ($extra)}"
}

echo "== wrk, 2 threads, 64 connections, ${seconds}s each; server: $binary serve (release)"
run "healthz (baseline)" "$base/healthz"
baseline=$rate
run "lineage GET" -H "Authorization: Bearer $reader" "$base/api/v1/artifacts/acme%2Ffrontier-1-support%3Aint4/lineage"
lineage=$rate
before=$(sqlite3 "$ledger" "SELECT COUNT(*) FROM artifacts")
WL_TOKEN=$registrar WL_PARENT=acme/frontier-1:base run "registration POST" -s scripts/bench-server.lua "$base"
registrations=$rate
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
after=$(sqlite3 "$ledger" "SELECT COUNT(*) FROM artifacts")
echo "artifacts on disk after the server stopped: $before -> $after ($((after - before)) registered)"
"$binary" verify --ledger "$ledger" | tail -n 1
python3 - "$baseline" "$lineage" "$registrations" <<'PY'
import sys
baseline, lineage, registrations = map(float, sys.argv[1:])
print(f"lineage GET / healthz baseline: {lineage / baseline:.2f}x; registration POST / healthz baseline: {registrations / baseline:.3f}x")
PY
