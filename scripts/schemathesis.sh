#!/usr/bin/env bash
# Validates docs/openapi.yaml (openapi-spec-validator), then runs schemathesis (PyPI) against a live `weightledger serve` on the demo ledger, once per role,
# with the checks the server promises: no 500s, and every status, content type and body as
# docs/openapi.yaml says. Fails unless every case passes and at least 500 were generated.
# Usage: scripts/schemathesis.sh [path-to-weightledger]   (default: .build/debug/weightledger)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/weightledger}
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis
python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install -q openapi-spec-validator
python3 -c 'import sys, yaml; from openapi_spec_validator import validate; validate(yaml.safe_load(open("docs/openapi.yaml"))); print("docs/openapi.yaml: valid OpenAPI 3.1")'
. scripts/demo-server.sh
for role in registrar reviewer auditor admin; do
    demo_server_token "$role" "st-$role" > "$work/$role.token"
done
demo_server_start
total=0
for role in registrar reviewer auditor admin; do
    echo "== schemathesis as $role"
    out="$work/$role.out"
    set +e
    schemathesis run "$base/openapi.yaml" -H "Authorization: Bearer $(cat "$work/$role.token")" \
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
