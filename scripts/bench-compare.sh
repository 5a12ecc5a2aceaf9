#!/usr/bin/env bash
# Runs the benchmarks of a baseline checkout and of this one in the same script, one after the
# other per benchmark, and prints the new figure as a ratio of the baseline's:
#
#   scripts/bench-compare.sh BASELINE_CHECKOUT [SECONDS]
#
# BASELINE_CHECKOUT is another clone at the revision to compare with (e.g.
# `git clone -q . ../base && git -C ../base checkout aa84f12`); both are built in release.
# Benchmarks: `weightledger-bench log`, `flags`, `audit` (100,000 artifacts or events) and
# `scripts/bench-server.sh SECONDS` (wrk on loopback). Needs wrk and sqlite3. Prints each
# benchmark's own output to bench-compare.log in the current directory.
set -euo pipefail
base=$(cd "${1:?usage: bench-compare.sh BASELINE_CHECKOUT [SECONDS]}" && pwd)
seconds=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
log=$PWD/bench-compare.log
: > "$log"

for tree in "$base" "$here"; do
    (cd "$tree" && swift build -c release 2>&1 | tail -n 1)
done

# figure NAME TREE COMMAND…: runs COMMAND in TREE, appends its output to the log, prints nothing.
run() {
    local tree=$1; shift
    echo "== $tree: $*" >> "$log"
    (cd "$tree" && "$@") >> "$log" 2>&1
}

# extract PATTERN FIELD: the FIELD-th number on the last log line matching PATTERN.
extract() {
    grep -E "$1" "$log" | tail -n 1 | grep -oE '[0-9]+(\.[0-9]+)?' | sed -n "${2}p"
}

report() {  # label old new unit higher-is-better(1/0)
    awk -v label="$1" -v old="$2" -v new="$3" -v unit="$4" -v higher="$5" 'BEGIN {
        ratio = new / old
        verdict = (higher ? ratio >= 0.9 : ratio <= 1.1) ? "within 10%" : "REGRESSED by more than 10%"
        if ((higher && ratio > 1) || (!higher && ratio < 1)) verdict = "faster"
        printf "%-34s baseline %10s %-6s now %10s %-6s  %.2f× baseline  %s\n", label, old, unit, new, unit, ratio, verdict
    }'
}

echo "== weightledger-bench log (100,000 appends, verify, proofs)"
run "$base" .build/release/weightledger-bench log
old_append=$(extract "^append .*baseline" 3); old_verify=$(extract "^verify" 2); old_prove=$(extract "^prove" 2)
run "$here" .build/release/weightledger-bench log
new_append=$(extract "^append .*baseline" 3); new_verify=$(extract "^verify" 2); new_prove=$(extract "^prove" 2)
report "log: 100,000 appends" "$old_append" "$new_append" s 0
report "log: verify" "$old_verify" "$new_verify" s 0
report "log: inclusion proof" "$old_prove" "$new_prove" ms 0

echo "== weightledger-bench flags (100,000 artifacts in chains 10 deep)"
run "$base" .build/release/weightledger-bench flags
old_process=$(extract "^flags +in process" 3); old_text=$(extract "^flags +CLI, text" 1); old_json=$(extract "^flags +CLI, --json" 1)
run "$here" .build/release/weightledger-bench flags
new_process=$(extract "^flags +in process" 3); new_text=$(extract "^flags +CLI, text" 1); new_json=$(extract "^flags +CLI, --json" 1)
report "flags: in process" "$old_process" "$new_process" s 0
report "flags: CLI text" "$old_text" "$new_text" s 0
report "flags: CLI --json" "$old_json" "$new_json" s 0

echo "== weightledger-bench audit (--rehash none over 100,000 artifacts)"
run "$base" .build/release/weightledger-bench audit
old_first=$(extract "^audit .*second" 2)
run "$here" .build/release/weightledger-bench audit
new_first=$(extract "^audit .*second" 2)
report "audit: first" "$old_first" "$new_first" s 0
report "audit: second" "$old_second" "$new_second" s 0

echo "== scripts/bench-server.sh $seconds (wrk, 64 connections, loopback)"
run "$base" scripts/bench-server.sh "$seconds"
old_health=$(extract "^healthz" 1); old_lineage=$(extract "^lineage GET" 1); old_register=$(extract "^registration POST" 1)
run "$here" scripts/bench-server.sh "$seconds"
new_health=$(extract "^healthz" 1); new_lineage=$(extract "^lineage GET" 1); new_register=$(extract "^registration POST" 1)
report "server: GET /healthz" "$old_health" "$new_health" req/s 1
report "server: lineage GET" "$old_lineage" "$new_lineage" req/s 1
report "server: registration POST" "$old_register" "$new_register" req/s 1
echo "(each benchmark's own output: $log)"
