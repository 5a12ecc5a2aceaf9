#!/usr/bin/env bash
# Hashing benchmark (issue "Hashing at the hardware's speed"), run by hand on a release build:
#   scripts/bench-hash.sh [WORKDIR]        (default WORKDIR: /tmp/wl-bench-hash; needs ~5 GiB free, ~25 GiB sparse)
# Generates a model directory of 4 × 512 MiB shards and a single 2 GiB file, warms the page cache,
# and prints wall time, GB/s and ratios for weightledger hash against, in the same script:
# `openssl dgst -sha256` over the files one after another, `sha256sum`, and model_signing 1.1.1
# (`model_signing sign key`, PyPI, installed into a venv when it can be). Then: registering an
# artifact of 10,000 small files, and peak RSS while hashing a 20 GB directory (sparse files).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/wl-bench-hash}"
mkdir -p "$work"
cd "$root"
swift build -c release --product weightledger >/dev/null
wl="$root/.build/release/weightledger"

cd "$work"
if [ ! -f single.bin ]; then
    echo "generating 4 × 512 MiB shards and a 2 GiB file in $work"
    mkdir -p shards
    for i in 1 2 3 4; do head -c 536870912 /dev/urandom > "shards/model-0000$i-of-00004.safetensors"; done
    head -c 2147483648 /dev/urandom > single.bin
fi
if [ ! -d small ]; then
    python3 - <<'PY'
import os
for i in range(10000):
    d = 'small/d%02d' % (i % 100)
    os.makedirs(d, exist_ok=True)
    with open(f'{d}/f{i:05d}.bin', 'wb') as f:
        f.write(os.urandom(1000 + i % 3000))
PY
fi
cat shards/* single.bin > /dev/null   # warm the page cache

# best of three wall-clock runs, in seconds
best() {
    local best=""
    for _ in 1 2 3; do
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null 2>&1
        end=$(date +%s.%N)
        best=$(python3 -c "import sys; a=float(sys.argv[1]); b=sys.argv[2]; print(a if b=='' or a<float(b) else b)" "$(python3 -c "print($end-$start)")" "$best")
    done
    echo "$best"
}
gbps() { python3 -c "print(f'{2147483648/float($1)/1e9:.2f}')"; }
ratio() { python3 -c "print(f'{float($1)/float($2):.2f}')"; }

shards_wl=$(best "$wl" hash --quiet shards)
shards_openssl=$(best sh -c 'for f in shards/*; do openssl dgst -sha256 "$f"; done')
shards_sha256sum=$(best sh -c 'sha256sum shards/*')
single_wl=$(best "$wl" hash --quiet single.bin)
single_openssl=$(best openssl dgst -sha256 single.bin)
single_sha256sum=$(best sha256sum single.bin)

ms=""
venv="$work/model-signing-venv"
if [ ! -x "$venv/bin/model_signing" ]; then
    (python3 -m venv "$venv" && "$venv/bin/pip" install -q model-signing==1.1.1 pyopenssl) >/dev/null 2>&1 || true
fi
if [ -x "$venv/bin/model_signing" ]; then
    [ -f ec.pem ] || openssl ecparam -name prime256v1 -genkey -noout -out ec.pem
    ms=$(best "$venv/bin/model_signing" --log-level ERROR sign key --private_key ec.pem --signature ms.sig shards)
fi

echo
echo "== 4 × 512 MiB shards (warm cache, best of 3)"
printf "%-34s %7.3f s  %5s GB/s\n" "weightledger hash" "$shards_wl" "$(gbps "$shards_wl")"
printf "%-34s %7.3f s  %5s GB/s  weightledger is %s× faster (target ≥ 1.8)\n" "openssl dgst -sha256, one by one" "$shards_openssl" "$(gbps "$shards_openssl")" "$(ratio "$shards_openssl" "$shards_wl")"
printf "%-34s %7.3f s  %5s GB/s  weightledger is %s× faster\n" "sha256sum" "$shards_sha256sum" "$(gbps "$shards_sha256sum")" "$(ratio "$shards_sha256sum" "$shards_wl")"
if [ -n "$ms" ]; then
    printf "%-34s %7.3f s  %5s GB/s  weightledger is %s× faster (target ≥ 1.25)\n" "model_signing 1.1.1 sign key" "$ms" "$(gbps "$ms")" "$(ratio "$ms" "$shards_wl")"
else
    echo "model_signing: could not be installed here; not measured"
fi
echo "== single 2 GiB file (warm cache, best of 3)"
printf "%-34s %7.3f s  %5s GB/s  %s× openssl's speed (target ≥ 0.95)\n" "weightledger hash" "$single_wl" "$(gbps "$single_wl")" "$(ratio "$single_openssl" "$single_wl")"
printf "%-34s %7.3f s  %5s GB/s\n" "openssl dgst -sha256" "$single_openssl" "$(gbps "$single_openssl")"
printf "%-34s %7.3f s  %5s GB/s\n" "sha256sum" "$single_sha256sum" "$(gbps "$single_sha256sum")"

echo "== registering an artifact of 10,000 small files (target < 3 s)"
rm -f small.db
start=$(date +%s.%N)
"$wl" register small --ledger small.db --name bench/small:v1 --compute 1e20 --quiet > /dev/null
end=$(date +%s.%N)
python3 -c "print(f'register 10,000 files: {$end-$start:.3f} s')"

echo "== peak RSS hashing a 20 GB directory (4 × 5 GB sparse files; target < 256 MiB)"
mkdir -p big
for i in 1 2 3 4; do [ -f "big/shard-$i.bin" ] || truncate -s 5G "big/shard-$i.bin"; done
/usr/bin/time -f "hash 20 GB: %e s wall, peak RSS %M KiB" "$wl" hash --quiet big 2>&1 >/dev/null | tail -n 1
