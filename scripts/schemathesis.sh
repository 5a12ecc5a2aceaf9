#!/usr/bin/env bash
# Validates docs/openapi.yaml (openapi-spec-validator), then runs schemathesis (PyPI) against a live `weightledger serve` on the demo ledger, once per role,
# with the checks the server promises: no 500s, and every status, content type and body as
# docs/openapi.yaml says. Fails unless every case passes and at least 500 were generated.
# Usage: scripts/schemathesis.sh [path-to-weightledger]   (default: .build/debug/weightledger)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/weightledger}
work=$(mktemp -d)
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis
python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install -q openapi-spec-validator
python3 -c 'import sys, yaml; from openapi_spec_validator import validate; validate(yaml.safe_load(open("docs/openapi.yaml"))); print("docs/openapi.yaml: valid OpenAPI 3.1")'
(cd "$work" && "$OLDPWD/$binary" demo --ledger ledger.db >/dev/null)
for role in registrar reviewer auditor admin; do
    "$binary" token create --role "$role" --name "st-$role" --ledger "$work/ledger.db" > "$work/$role.token"
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --port "$port" --ledger "$work/ledger.db" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
total=0
for role in registrar reviewer auditor admin; do
    echo "== schemathesis as $role"
    out="$work/$role.out"
    set +e
    schemathesis run "http://127.0.0.1:$port/openapi.yaml" -H "Authorization: Bearer $(cat "$work/$role.token")" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
        --max-examples 25 --generation-deterministic --suppress-health-check all --no-color > "$out" 2>&1
    status=$?
    set -e
    line=$(grep -E "^\s*[0-9]+ generated" "$out" | tail -n 1 || true)
    echo "  ${line:-no summary} (exit $status)"
    if [ "$status" -ne 0 ]; then grep -vE "^\s*$" "$out" | tail -n 60; exit 1; fi
    total=$((total + $(echo "$line" | grep -oE "^\s*[0-9]+" | tr -d ' ')))
done
echo "schemathesis: $total generated requests, all passed"
[ "$total" -ge 500 ] || { echo "fewer than 500 requests"; exit 1; }
