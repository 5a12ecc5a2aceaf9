#!/usr/bin/env bash
# Runs the demo with two weightledger binaries on the same ledger path and compares what they
# printed and recorded: the transcripts (temporary paths, times and the random ledger id
# normalised) and every event's type, actor and payload SHA-256.
#
#   scripts/compare-demo.sh OLD_BINARY NEW_BINARY
#
# Then both binaries run 21 read-only commands (show, list, lineage, check, flags, review in every
# format, policy, log prove, hash, verify; text and JSON) on copies of the old run's ledger: their outputs must be
# byte-identical. Exit 0 when everything agrees. Two kinds of event differ between any two runs, whatever the binary:
# ledger.created (a random ledger id) and log.checkpoint (its root commits to every event's
# recordedAt time); they are listed and compared with those values masked.
set -euo pipefail
old=$(cd "$(dirname "${1:?usage: compare-demo.sh OLD_BINARY NEW_BINARY}")" && pwd)/$(basename "$1")
new=$(cd "$(dirname "${2:?usage: compare-demo.sh OLD_BINARY NEW_BINARY}")" && pwd)/$(basename "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

normalise() {
    sed -E -e "s#${binary:-/nonexistent}#BINARY#g" -e "s#$work#WORK#g" \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' \
        -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/LEDGER-ID/g' \
        -e 's/(root|root hash) [0-9a-f]{64}/\1 ROOT/g' \
        -e 's#^[A-Za-z0-9+/]{43}=$#ROOT-BASE64#' \
        -e "s#$(date -u +%Y-%m-%d)#TODAY#g"
}

events() {
    sqlite3 -separator ' ' "$1" "SELECT seq, type, actor, CASE WHEN type IN ('ledger.created', 'log.checkpoint')
        THEN 'masked:' || json_remove(payload, '$.ledgerID', '$.rootHash') ELSE payload_sha256 END FROM events ORDER BY seq"
}

for side in old new; do
    binary=$(cd "$(dirname "${!side}")" && pwd)/$(basename "${!side}")
    mkdir -p "$work/run"
    "$binary" demo --ledger "$work/run/demo.db" > "$work/$side.out"
    normalise < "$work/$side.out" > "$work/$side.txt"
    events "$work/run/demo.db" | normalise > "$work/$side.events"
    # Two copies of the old run's ledger: a newer binary may add its migrations to the one it opens.
    [ "$side" = old ] && cp -r "$work/run" "$work/kept-old" && cp -r "$work/run" "$work/kept-new" || true
    rm -rf "$work/run"
done

# Read-only commands of both binaries on the old demo's ledger: the same bytes out.
commands=(
    "show acme/frontier-1:base --json" "show acme/frontier-1-merged:v1" "list" "list --json"
    "lineage acme/frontier-1-merged:v1" "lineage acme/frontier-1-merged:v1 --json" "lineage --dot acme/frontier-1:base"
    "lineage --descendants acme/frontier-1:base --json" "check acme/frontier-1-merged:v1 --to AE --on 2026-11-25 --json"
    "check acme/frontier-1-support:int4 --to IN --on 2026-11-25" "flags --on 2026-11-25" "flags --on 2026-11-25 --json"
    "review acme/frontier-1-support:int4 --to IN --on 2026-11-25 --format text"
    "review acme/frontier-1-support:int4 --to IN --on 2026-11-25 --format md"
    "review acme/frontier-1-support:int4 --to IN --on 2026-11-25 --format html"
    "review acme/frontier-1-support:int4 --to IN --on 2026-11-25 --format json"
    "policy list --on 2026-11-25" "policy show us-bis-ai-diffusion-2025 --on 2026-11-25 --json"
    "log prove acme/frontier-1-support:int4 --json" "hash weightledger-demo-models/frontier-1 --json"
    "verify --json"
)
same=0
for command in "${commands[@]}"; do
    # shellcheck disable=SC2086
    (cd "$work/kept-old" && "$old" $command --ledger demo.db 2>&1 | normalise) > "$work/a.out" || true
    (cd "$work/kept-new" && "$new" $command --ledger demo.db 2>&1 | normalise) > "$work/b.out" || true
    if cmp -s "$work/a.out" "$work/b.out"; then same=$((same + 1)); else echo "DIFFERENT: $command"; diff "$work/a.out" "$work/b.out" | head -n 10; fi
done

status=0
if diff -u "$work/old.txt" "$work/new.txt" > "$work/text.diff"; then
    echo "transcript: identical ($(wc -l < "$work/new.txt") lines, temporary paths, times and ids normalised)"
else
    echo "transcript: DIFFERENT"; cat "$work/text.diff"; status=1
fi
if diff -u "$work/old.events" "$work/new.events" > "$work/events.diff"; then
    echo "events: identical ($(wc -l < "$work/new.events") events; type, actor and payload SHA-256 of each)"
    grep -c masked "$work/new.events" | xargs -I{} echo "  ({} events compared with their random id / time-bound root masked)"
else
    echo "events: DIFFERENT"; cat "$work/events.diff"; status=1
fi
if [ "$same" -eq "${#commands[@]}" ]; then
    echo "commands: identical output for all ${#commands[@]} read-only commands on the same ledger"
else
    status=1
fi
exit $status
