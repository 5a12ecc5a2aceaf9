"""The client's digests are the CLI's: on the repository's model fixtures, the demo's models,
random trees (odd names, nesting, empty files, version-control files) and the refusals."""

import os
import random
import shutil
import stat

import pytest

from weightledger import BadInput, hash_path
from weightledger.hashing import manifest_bytes

from conftest import ROOT, cli_hash

FIXTURES = os.path.join(ROOT, "Tests", "ModelFilesTests", "Fixtures")

NAMES = ["model.safetensors", "a-b.bin", "a", "B", "é.bin", "e\u0301.bin", "space name.json", "日本.gguf",
         "x.y.z", "_", "~tilde", "#hash", "[brackets]", "a b c", ".hidden", "weights.00001"]


def compare(path, *options, **kwargs):
    ours = hash_path(path, **kwargs)
    theirs = cli_hash(path, *options)
    assert ours.digest == theirs["digest"], path
    assert ours.form == theirs["form"]
    assert ours.size_bytes == theirs["sizeBytes"]
    assert [entry.to_json() for entry in ours.files] == theirs["files"]
    return ours


@pytest.mark.parametrize("name", sorted(os.listdir(FIXTURES)) if os.path.isdir(FIXTURES) else [])
def test_every_model_fixture(name, binary):
    compare(os.path.join(FIXTURES, name))


def random_tree(root, seed):
    rng = random.Random(seed)
    for index in range(rng.randint(1, 25)):
        depth = rng.randint(0, 3)
        parts = [rng.choice(NAMES) + ("" if level == depth else ".d") for level in range(depth + 1)]
        path = os.path.join(root, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.isdir(path):
            continue
        with open(path, "wb") as handle:
            handle.write(rng.randbytes(rng.choice([0, 1, 7, 4096, 70000])) if hasattr(rng, "randbytes")
                         else bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 7, 300]))))
    # version control files are left out by both
    os.makedirs(os.path.join(root, ".git", "objects"), exist_ok=True)
    with open(os.path.join(root, ".git", "objects", "pack"), "wb") as handle:
        handle.write(b"not weights")
    with open(os.path.join(root, ".gitattributes"), "w") as handle:
        handle.write("*.bin filter=lfs\n")


@pytest.mark.parametrize("seed", range(40))
def test_random_trees(seed, tmp_path, binary):
    root = tmp_path / "model"
    root.mkdir()
    random_tree(str(root), seed)
    ours = compare(str(root))
    assert not any(entry.path.startswith(".git/") or entry.path == ".gitattributes" for entry in ours.files)
    for entry in ours.files[:3]:
        assert compare(str(root / entry.path)).digest == "sha256:" + entry.sha256


def test_manifest_order_is_by_utf8_bytes(tmp_path, binary):
    for name in ["a-b.bin", "a/b.bin", "a.bin", "Z", "é"]:
        path = tmp_path / "m" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(name.encode())
    ours = compare(str(tmp_path / "m"))
    assert [entry.path for entry in ours.files] == ["Z", "a-b.bin", "a.bin", "a/b.bin", "é"]
    assert manifest_bytes(ours.files).startswith(b"weightledger-manifest-v1\n")


def test_ignore_and_links_as_the_cli(tmp_path, binary):
    root = tmp_path / "m"
    (root / "logs").mkdir(parents=True)
    (root / "w.safetensors").write_bytes(b"w" * 100)
    (root / "logs" / "run.txt").write_bytes(b"log")
    (root / "notes.md").write_bytes(b"n")
    compare(str(root), "--ignore", "logs/", "--ignore", "*.md", ignore=["logs/", "*.md"])
    (root / "link.safetensors").symlink_to(root / "w.safetensors")
    compare(str(root), "--follow-symlinks", follow_symlinks=True)
    with pytest.raises(BadInput, match="symbolic link"):
        hash_path(str(root))


@pytest.mark.parametrize("case", ["fifo", "control", "empty", "missing", "loop"])
def test_refused_as_the_cli_refuses(case, tmp_path, binary):
    root = tmp_path / "m"
    root.mkdir()
    (root / "ok.bin").write_bytes(b"ok")
    options = []
    kwargs = {}
    if case == "fifo":
        os.mkfifo(root / "pipe")
    elif case == "control":
        (root / "bad\x1bname").write_bytes(b"x")
    elif case == "empty":
        (root / "ok.bin").unlink()
        (root / "sub").mkdir()
    elif case == "missing":
        shutil.rmtree(root)
    elif case == "loop":
        (root / "sub").mkdir()
        (root / "sub" / "up").symlink_to(root)
        options, kwargs = ["--follow-symlinks"], {"follow_symlinks": True}
    with pytest.raises(BadInput):
        hash_path(str(root), **kwargs)
    from conftest import cli
    result = cli("hash", str(root), *options, check=False)
    assert result.returncode == 2, result.stderr


def test_a_large_file_in_parallel_threads(tmp_path, binary):
    root = tmp_path / "big"
    root.mkdir()
    for index in range(6):
        (root / ("shard-%d.bin" % index)).write_bytes(os.urandom(3 << 20))
    assert compare(str(root), jobs=4).size_bytes == 6 * (3 << 20)
