#!/usr/bin/env bash
# Makes Tests/CLITests/Fixtures/ledger-0.3.0.db with a WeightLedger 0.3.0 binary, and
# Tests/CLITests/Fixtures/ledger-0.3.0-checks.txt with what that binary's `check --json` said for
# cases that involve none of the facts added later (organisations, corrections, withdrawals):
# CompatibilityTests opens the ledger with the current binary, verifies it and compares.
#
#   git worktree add /tmp/wl-0.3.0 aa84f12 && (cd /tmp/wl-0.3.0 && swift build -c release)
#   scripts/make-v030-fixture.sh /tmp/wl-0.3.0/.build/release/weightledger
set -euo pipefail
old=${1:?usage: make-v030-fixture.sh OLD_BINARY}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/Tests/CLITests/Fixtures"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WEIGHTLEDGER_LEDGER="$work/ledger.db" WEIGHTLEDGER_ACTOR="fixture@0.3.0"
cd "$work"
for name in frontier int4 open late tune; do head -c 4096 /dev/zero | tr '\0' "${name:0:1}" > "$name.bin"; done
"$old" register frontier.bin --name acme/frontier:v1 --compute 3e26 --trained-in US > /dev/null
"$old" register int4.bin --name acme/frontier:int4 --kind quantize --parent acme/frontier:v1 > /dev/null
"$old" register open.bin --name open/atlas:v1 --compute 4e25 --trained-in FR --published https://example.org/atlas > /dev/null
"$old" register late.bin --name acme/late:v1 --compute 3e26 --trained-in US --published https://example.org/late \
    --published-on 2025-06-01 > /dev/null
"$old" register tune.bin --name open/atlas-tune:v1 --parent open/atlas:v1 --compute 1e24 --trained-in IN > /dev/null
"$old" deploy acme/frontier:int4 --to IN --on 2026-11-20 > /dev/null || true
"$old" license add --authority BIS --number L-7 --artifact acme/frontier:int4 --to IN --valid-until 2027-12-31 > /dev/null
"$old" log checkpoint > /dev/null
"$old" verify > /dev/null
cp ledger.db "$out/ledger-0.3.0.db"
# REF TO ON POLICY → the codes 0.3.0 found, sorted.
{
    while read -r ref to on policy; do
        codes=$("$old" check "$ref" --to "$to" --on "$on" --policy "$policy" --json \
            | python3 -c 'import json,sys; print(",".join(sorted(f["code"] for f in json.load(sys.stdin)["findings"])))' \
            || true)
        echo "$ref $to $on $policy ${codes:--}"
    done <<'CASES'
acme/frontier:v1 IN 2026-11-25 us-bis-ai-diffusion-2025
acme/frontier:v1 CN 2026-11-25 us-bis-ai-diffusion-2025
acme/frontier:v1 AE 2025-03-01 us-bis-ai-diffusion-2025
acme/frontier:int4 IN 2026-11-25 us-bis-ai-diffusion-2025
acme/frontier:int4 CN 2026-11-25 us-bis-ai-diffusion-2025
open/atlas:v1 CN 2026-11-25 us-bis-ai-diffusion-2025
open/atlas-tune:v1 CN 2026-11-25 us-bis-ai-diffusion-2025
acme/late:v1 CN 2025-07-01 us-bis-ai-diffusion-2025
acme/frontier:v1 FR 2026-11-25 eu-ai-act-gpai
open/atlas:v1 DE 2026-11-25 eu-ai-act-gpai
acme/frontier:v1 IN 2024-06-01 us-eo-14110
CASES
} > "$out/ledger-0.3.0-checks.txt"
ls -l "$out"
