#!/usr/bin/env bash
# Fuzzes the safetensors and GGUF header readers (run by hand, outside the test suite):
#   scripts/fuzz-model-files.sh [RUNS]      (default 1,000,000 inputs for each fuzzer)
# 1. libFuzzer, coverage-guided, with AddressSanitizer: Fuzz/weightledger-fuzz built with
#    -sanitize=fuzzer,address -DFUZZING (scratch path .build-fuzz), seeded with valid files.
# 2. The same target as a plain program: a deterministic mutation fuzzer (release build).
# Inputs that crash are copied to Tests/ModelFilesTests/Regressions/, which the test suite replays;
# the script then exits 1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-1000000}"
work="${FUZZ_WORK:-/tmp/wl-fuzz}"
regressions="$root/Tests/ModelFilesTests/Regressions"
cd "$root"
mkdir -p "$work/corpus" "$work/crashes"

echo "== building the libFuzzer target (ASan)"
swift build -c release --product weightledger-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | tail -n 1
echo "== building the plain mutation fuzzer"
swift build -c release --product weightledger-fuzz 2>&1 | tail -n 1
"$root/.build/release/weightledger-fuzz" corpus "$work/corpus"

echo "== libFuzzer: $runs runs"
status=0
(cd "$work" && "$root/.build-fuzz/release/weightledger-fuzz" -runs="$runs" -max_len=8192 -timeout=10 -rss_limit_mb=512 \
    -artifact_prefix="$work/crashes/" -print_final_stats=1 corpus 2>&1 | grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss|==|SUMMARY)" ) || status=1

echo "== mutation fuzzer: $runs inputs"
"$root/.build/release/weightledger-fuzz" mutate "$runs" 1 || status=1

crashes=$(find "$work/crashes" -type f | wc -l)
if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
    mkdir -p "$regressions"
    find "$work/crashes" -type f -exec cp {} "$regressions/" \;
    echo "FOUND $crashes crashing input(s); copied to $regressions (the test suite replays them)"
    exit 1
fi
echo "no crash, no sanitizer report, no timeout, RSS under 512 MB"
