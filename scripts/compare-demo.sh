#!/usr/bin/env bash
# Runs the demo with two weightledger binaries on the same ledger path and compares what they
# printed and recorded: the transcripts (temporary paths, times and the random ledger id
# normalised) and every event's type, actor and payload SHA-256.
#
#   scripts/compare-demo.sh OLD_BINARY NEW_BINARY
#
# Exit 0 when both agree. Two kinds of event differ between any two runs, whatever the binary:
# ledger.created (a random ledger id) and log.checkpoint (its root commits to every event's
# recordedAt time); they are listed and compared with those values masked.
set -euo pipefail
old=${1:?usage: compare-demo.sh OLD_BINARY NEW_BINARY}
new=${2:?usage: compare-demo.sh OLD_BINARY NEW_BINARY}
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
    rm -rf "$work/run"
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
exit $status
