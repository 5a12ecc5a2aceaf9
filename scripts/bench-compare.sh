#!/usr/bin/env bash
# Runs the benchmarks of a baseline checkout and of this one in the same script, alternating
# baseline and new in each of ROUNDS rounds, and prints each figure's median with the new one as
# a ratio of the baseline's:
#
#   scripts/bench-compare.sh BASELINE_CHECKOUT [SECONDS] [ROUNDS]
#
# BASELINE_CHECKOUT is another clone at the revision to compare with (e.g.
# `git clone -q . ../base && git -C ../base checkout aa84f12`); both are built in release.
# Benchmarks: `weightledger-bench log`, `flags`, `audit` (100,000 artifacts or events) and
# `scripts/bench-server.sh SECONDS` (wrk on loopback; 10 s by default). ROUNDS defaults to 3:
# on two shared cores one run of the server benchmark varies by ±30%, so only medians of
# alternating runs say anything. Needs wrk and sqlite3. Each run's own output goes to
# bench-compare.log in the current directory.
set -euo pipefail
base=$(cd "${1:?usage: bench-compare.sh BASELINE_CHECKOUT [SECONDS] [ROUNDS]}" && pwd)
seconds=${2:-10}
rounds=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
log=$PWD/bench-compare.log
: > "$log"
# Each run generates its own ledgers: the benchmarks otherwise reuse one file in $TMPDIR.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for tree in "$base" "$here"; do
    (cd "$tree" && swift build -c release 2>&1 | tail -n 1)
done

# run SIDE TREE COMMAND…: runs COMMAND in TREE, appending its output to the log and to SIDE's file.
run() {
    local side=$1 tree=$2; shift 2
    echo "== $side ($tree): $*" >> "$log"
    (cd "$tree" && "$@") 2>&1 | tee -a "$log" >> "$scratch/$side.out"
}

# figures SIDE PATTERN FIELD: the FIELD-th number of every line of SIDE's output matching PATTERN.
figures() {
    grep -E "$2" "$scratch/$1.out" | while read -r line; do
        echo "$line" | grep -oE '[0-9]+(\.[0-9]+)?' | sed -n "${3}p"
    done
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

report() {  # label pattern field unit higher-is-better(1/0)
    local old new
    old=$(figures base "$2" "$3" | median)
    new=$(figures new "$2" "$3" | median)
    awk -v label="$1" -v old="$old" -v new="$new" -v unit="$4" -v higher="$5" -v n="$rounds" 'BEGIN {
        ratio = new / old
        verdict = (higher ? ratio >= 0.9 : ratio <= 1.1) ? "within 10%" : "REGRESSED by more than 10%"
        if ((higher && ratio > 1) || (!higher && ratio < 1)) verdict = "better"
        printf "%-30s baseline %10s %-5s now %10s %-5s %.2f× baseline  %s (median of %d)\n", label, old, unit, new, unit, ratio, verdict, n
    }'
}

for round in $(seq "$rounds"); do
    for side in base new; do
        tree=$base; [ "$side" = new ] && tree=$here
        run "$side" "$tree" .build/release/weightledger-bench log
        run "$side" "$tree" .build/release/weightledger-bench flags --keep "$scratch/flags-$side-$round.db"
        run "$side" "$tree" .build/release/weightledger-bench audit --keep "$scratch/audit-$side-$round.db"
        run "$side" "$tree" scripts/bench-server.sh "$seconds"
        rm -f "$scratch"/*-"$side"-"$round".db
    done
done

echo "== weightledger-bench log (100,000 appends, verify, proofs)"
report "log: 100,000 appends" "^append .*baseline" 3 s 0
report "log: verify" "^verify" 2 s 0
report "log: inclusion proof" "^prove" 2 ms 0
echo "== weightledger-bench flags (100,000 artifacts in chains 10 deep)"
report "flags: in process" "^flags +in process" 3 s 0
report "flags: CLI text" "^flags +CLI, text" 1 s 0
report "flags: CLI --json" "^flags +CLI, --json" 1 s 0
echo "== weightledger-bench audit (--rehash none over 100,000 artifacts)"
report "audit: first" "^audit .*first" 2 s 0
report "audit: second" "^audit .*second" 2 s 0
echo "== scripts/bench-server.sh $seconds (wrk, 2 threads, 64 connections, loopback)"
report "server: GET /healthz" "^healthz" 1 req/s 1
report "server: lineage GET" "^lineage GET +[0-9]" 1 req/s 1
report "server: registration POST" "^registration POST +[0-9]" 1 req/s 1
echo "(each run's own output: $log)"
