#!/usr/bin/env bash
# Re-makes the model-file and Hugging Face cache fixtures with the pinned libraries from PyPI
# (safetensors, gguf, onnx, huggingface_hub) in a throwaway venv and checks they are byte for byte
# the committed ones: the fixtures the tests read are what those libraries write today. .ci/run
# runs it; it needs network access to PyPI (skips, saying so, when pip cannot install).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${WL_FIXTURE_VENV:-.build/fixture-venv}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/pip" install -q safetensors==0.8.0 gguf==0.19.0 onnx==1.23.2 huggingface_hub==2.4.0 "numpy>=2,<3"; then
    echo "check-fixtures: could not install the pinned packages from PyPI; skipped"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
WL_FIXTURES_OUT="$work/model" "$venv/bin/python" scripts/make-model-fixtures.py > /dev/null
WL_FIXTURES_OUT="$work/hf-cache" "$venv/bin/python" scripts/make-hf-fixtures.py > /dev/null
mv "$work/hf-cache.json" "$work/hf-cache.json.made" 2>/dev/null || true
status=0
diff -r --no-dereference "$work/model" Tests/ModelFilesTests/Fixtures || status=1
diff -r --no-dereference "$work/hf-cache" Tests/CLITests/Fixtures/hf-cache || status=1
if [ -f "$work/hf-cache.json.made" ]; then diff "$work/hf-cache.json.made" Tests/CLITests/Fixtures/hf-cache.json || status=1; fi
# Signatures are randomised (ECDSA): the committed bundles are checked with model_signing itself,
# and the script that made them runs again (it verifies what it makes).
signing=${WL_SIGNING_VENV:-.build/signing-venv}
[ -x "$signing/bin/python" ] || python3 -m venv "$signing"
if "$signing/bin/pip" install -q model-signing==1.1.1 pyopenssl==26.4.0 sigstore==4.5.1; then
    fixtures=Tests/CLITests/Fixtures/signing
    "$signing/bin/model_signing" verify key "$fixtures/model" --signature "$fixtures/model.sig" \
        --public_key "$fixtures/pub.pem" >/dev/null 2>&1 || { echo "model_signing rejects model.sig"; status=1; }
    "$signing/bin/model_signing" verify certificate "$fixtures/model" --signature "$fixtures/model-cert.sig" \
        --certificate_chain "$fixtures/ca.pem" >/dev/null 2>&1 || { echo "model_signing rejects model-cert.sig"; status=1; }
    "$signing/bin/python" scripts/make-signing-fixtures.py "$work/signing" >/dev/null || status=1
    diff -r "$work/signing/model" "$fixtures/model" || status=1
    diff "$work/signing/sigstore-trusted_root.json" "$fixtures/sigstore-trusted_root.json" || status=1
else
    echo "check-fixtures: model-signing could not be installed from PyPI; the signing fixtures were not re-checked"
fi
if [ "$status" -ne 0 ]; then
    echo "check-fixtures: the libraries now write other bytes than the committed fixtures (above)"
    exit 1
fi
echo "check-fixtures: model files and the hub cache are what safetensors 0.8.0, gguf 0.19.0, onnx 1.23.2 and huggingface_hub 2.4.0 write; model_signing 1.1.1 verifies the signing fixtures"
