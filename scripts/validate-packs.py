#!/usr/bin/env python3
"""Validates policies/*.json (and any files given) against schema/policy-pack.schema.json, and
data/accelerators.json against schema/accelerators.schema.json.
Run by .ci/run; needs the jsonschema package (pip install jsonschema).
Usage: python3 scripts/validate-packs.py [extra-pack.json ...]
"""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "schema/policy-pack.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
files = sorted((root / "policies").glob("*.json")) + [pathlib.Path(p) for p in sys.argv[1:]]
failed = 0
for path in files:
    errors = sorted(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))), key=lambda e: list(e.absolute_path))
    for error in errors:
        failed += 1
        print(f"{path}: at $.{'.'.join(str(p) for p in error.absolute_path)}: {error.message}", file=sys.stderr)
    if not errors:
        print(f"valid: {path.relative_to(root) if path.is_relative_to(root) else path}")
accelerators = json.loads((root / "schema/accelerators.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(accelerators)
table = root / "data/accelerators.json"
errors = list(jsonschema.Draft202012Validator(accelerators).iter_errors(json.loads(table.read_text(encoding="utf-8"))))
for error in errors:
    failed += 1
    print(f"{table}: at $.{'.'.join(str(p) for p in error.absolute_path)}: {error.message}", file=sys.stderr)
if not errors:
    print(f"valid: {table.relative_to(root)}")
sys.exit(1 if failed else 0)
