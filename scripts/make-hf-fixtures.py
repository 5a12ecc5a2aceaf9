#!/usr/bin/env python3
"""Builds Tests/CLITests/Fixtures/hf-cache: a Hugging Face hub cache laid out as huggingface_hub
lays it out (blobs named by their SHA-256 for LFS files and by their git blob SHA-1 otherwise,
refs/<ref> holding the commit, snapshots/<commit>/ of relative symbolic links made by
huggingface_hub's own _create_symlink), then checks it with huggingface_hub.scan_cache_dir, the
library's own reader of the cache. Nothing is downloaded.

Pinned: huggingface_hub==2.4.0, safetensors==0.8.0, numpy. Run:
    /tmp/fx/bin/pip install huggingface_hub==2.4.0 safetensors==0.8.0 numpy
    /tmp/fx/bin/python scripts/make-hf-fixtures.py
"""
import hashlib
import json
import os
import shutil
import sys

import numpy as np
from huggingface_hub import scan_cache_dir
from huggingface_hub.file_download import _create_symlink
from safetensors.numpy import save

OUT = os.environ.get("WL_FIXTURES_OUT") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "CLITests", "Fixtures", "hf-cache")


def card(front):
    lines = ["---"] + front + ["---", "", "# Model card", "", "A tiny fixture model."]
    return ("\n".join(lines) + "\n").encode()


def repo(name, commit, files, refs=("main",)):
    """One cached model repository: files maps a path to (bytes, is_lfs)."""
    folder = os.path.join(OUT, "models--" + name.replace("/", "--"))
    for sub in ("blobs", "refs", "snapshots/" + commit):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    for ref in refs:
        with open(os.path.join(folder, "refs", ref), "w") as handle:
            handle.write(commit)
    for path, (data, lfs) in files.items():
        blob = hashlib.sha256(data).hexdigest() if lfs else hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        with open(os.path.join(folder, "blobs", blob), "wb") as handle:
            handle.write(data)
        _create_symlink(os.path.join(folder, "blobs", blob), os.path.join(folder, "snapshots", commit, path))


def weights(seed):
    rng = np.random.default_rng(seed)
    return save({"model.embed_tokens.weight": rng.standard_normal((16, 8)).astype(np.float32),
                 "lm_head.weight": rng.standard_normal((16, 8)).astype(np.float32)})


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    config = json.dumps({"architectures": ["LlamaForCausalLM"], "model_type": "llama"}).encode()
    repo("acme/tiny-base", "1" * 40, {
        "model.safetensors": (weights(1), True), "config.json": (config, False),
        "README.md": (card(["license: apache-2.0", "pipeline_tag: text-generation"]), False)})
    repo("acme/tiny-chat", "2" * 40, {
        "model.safetensors": (weights(2), True), "config.json": (config, False),
        "README.md": (card(["license: apache-2.0", "base_model: acme/tiny-base", "base_model_relation: finetune",
                            "datasets:", "- acme/chat-data", "pipeline_tag: text-generation"]), False)})
    repo("acme/tiny-chat-int8", "3" * 40, {
        "model.safetensors": (weights(3), True), "config.json": (config, False),
        "README.md": (card(["base_model:", "- acme/tiny-chat", "base_model_relation: quantized"]), False)},
        refs=("main", "v1.0"))
    repo("acme/tiny-merge", "4" * 40, {
        "model.safetensors": (weights(4), True), "config.json": (config, False),
        "README.md": (card(["base_model:", "- acme/tiny-chat", "- other/not-in-the-ledger",
                            "base_model_relation: merge"]), False)})
    info = scan_cache_dir(OUT)  # the library's own reading of the cache
    assert not info.warnings, info.warnings
    summary = {r.repo_id: {"revisions": sorted(v.commit_hash for v in r.revisions),
                           "refs": {ref: v.commit_hash for v in r.revisions for ref in v.refs},
                           "files": sorted(f.file_name for v in r.revisions for f in v.files)}
               for r in info.repos}
    with open(os.path.join(OUT, "..", "hf-cache.json"), "w") as handle:
        json.dump(summary, handle, indent=2, sort_keys=True)
        handle.write("\n")
    print(json.dumps(summary, indent=2, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
