#!/usr/bin/env bash
# Counts source lines over a width (default 120) per module, generated files left out:
#   scripts/long-lines.sh [WIDTH] [ROOT]
# ROOT defaults to this checkout; pass another checkout to compare a baseline.
set -euo pipefail
width=${1:-120}
root=${2:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
generated='OpenAPIDocument.swift|ISO3166Table.swift|BuiltinPacks\+Data.swift'
total_long=0; total_lines=0
for dir in Sources/*/ Benchmarks/*/ Fuzz/*/ Tests/*/; do
    files=$(find "$dir" -name '*.swift' | grep -Ev "$generated" || true)
    [ -n "$files" ] || continue
    lines=$(cat $files | wc -l)
    long=$(awk -v w="$width" 'length($0) > w' $files | wc -l)
    total_long=$((total_long + long)); total_lines=$((total_lines + lines))
    printf '%-34s %6d lines %5d over %d\n' "${dir%/}" "$lines" "$long" "$width"
done
printf '%-34s %6d lines %5d over %d (%.1f per 1,000)\n' "total" "$total_lines" "$total_long" "$width" \
    "$(echo "scale=3; $total_long * 1000 / $total_lines" | bc)"
