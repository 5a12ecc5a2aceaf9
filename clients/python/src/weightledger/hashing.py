"""Artifact digests exactly as ``weightledger hash`` and ``register`` compute them
(schema/manifest.md): a file's SHA-256, or a directory's canonical manifest hashed."""

import concurrent.futures
import fnmatch
import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from .errors import BadInput

MANIFEST_HEADER = b"weightledger-manifest-v1\n"
DEFAULT_IGNORES = (".git/", ".github/", ".gitattributes", ".gitignore")
MAX_PATH_BYTES = 4096
MAX_NAME_BYTES = 255
_CHUNK = 8 << 20


@dataclass(frozen=True)
class FileEntry:
    """One file of an artifact: its path relative to the artifact, size and SHA-256 hex."""

    path: str
    size: int
    sha256: str

    def to_json(self):
        return {"path": self.path, "size": self.size, "sha256": "sha256:" + self.sha256}


@dataclass(frozen=True)
class HashedArtifact:
    """What hashing a path gives: the digest the ledger records (``sha256:…``), whether it was a
    file or a directory, the total size and every file."""

    digest: str
    form: str
    size_bytes: int
    files: List[FileEntry] = field(default_factory=list)


def manifest_bytes(files: Sequence[FileEntry]) -> bytes:
    """The canonical manifest of a directory's files (sorted by the paths' UTF-8 bytes)."""
    lines = [MANIFEST_HEADER]
    for entry in sorted(files, key=lambda f: f.path.encode("utf-8")):
        lines.append(("%s %d %s\n" % (entry.sha256, entry.size, entry.path)).encode("utf-8"))
    return b"".join(lines)


def path_problem(relative: str) -> Optional[str]:
    """Why a relative path cannot be in a manifest, or None (the rules of Manifest.validate)."""
    if not relative:
        return "is empty"
    if relative.startswith("/"):
        return "is absolute"
    if len(relative.encode("utf-8")) > MAX_PATH_BYTES:
        return "is longer than %d bytes" % MAX_PATH_BYTES
    for char in relative:
        if char == "\\":
            return "contains a backslash"
        if " " <= char <= "~":
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            return "contains a control character (U+%04X)" % ord(char)
        if category in ("Cf", "Zl", "Zp"):
            return "contains an invisible formatting character (U+%04X)" % ord(char)
    for part in relative.split("/"):
        if part in ("", ".", ".."):
            return "has an empty, . or .. part"
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            return "has a part longer than %d bytes" % MAX_NAME_BYTES
    return None


def _ignored(patterns, relative: str, name: str, is_directory: bool) -> bool:
    for pattern in patterns:
        glob = pattern
        if glob.endswith("/"):
            if not is_directory:
                continue
            glob = glob[:-1]
        # fnmatch(3) without flags: case-sensitive, '*' matches '/' too.
        if fnmatch.fnmatchcase(relative, glob) or fnmatch.fnmatchcase(name, glob):
            return True
    return False


def _walk(root: str, follow_symlinks: bool, patterns) -> List[str]:
    out = []
    root_info = os.stat(root)

    def walk(relative: str, visiting):
        directory = os.path.join(root, relative) if relative else root
        for raw in os.listdir(os.fsencode(directory)):
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise BadInput("%s: is not valid UTF-8" % os.path.join(directory, os.fsdecode(raw)))
            child_relative = name if not relative else relative + "/" + name
            child = os.path.join(root, child_relative)
            problem = path_problem(child_relative)
            if problem:
                raise BadInput("%s: the name %s" % (child, problem))
            info = os.lstat(child)
            if stat.S_ISLNK(info.st_mode):
                if _ignored(patterns, child_relative, name, False):
                    continue
                if not follow_symlinks:
                    raise BadInput("%s: a symbolic link (pass follow_symlinks=True to hash what it points to)" % child)
                info = os.stat(child)
            if stat.S_ISDIR(info.st_mode):
                if _ignored(patterns, child_relative, name, True):
                    continue
                key = (info.st_dev, info.st_ino)
                if key in visiting:
                    raise BadInput("%s: a symbolic link leads back into its own directory" % child)
                walk(child_relative, visiting | {key})
            elif stat.S_ISREG(info.st_mode):
                if _ignored(patterns, child_relative, name, False):
                    continue
                out.append(child_relative)
            else:
                if _ignored(patterns, child_relative, name, False):
                    continue
                raise BadInput("%s: neither a regular file nor a directory" % child)

    walk("", {(root_info.st_dev, root_info.st_ino)})
    return out


def sha256_file(path: str):
    """(hex SHA-256, size) of a file, refusing one that changes while it is read."""
    with open(path, "rb") as handle:
        before = os.fstat(handle.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise BadInput("%s: not a regular file" % path)
        digest = hashlib.sha256()
        size = 0
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
        after = os.fstat(handle.fileno())
    if (before.st_size, before.st_mtime_ns, before.st_ino) != (after.st_size, after.st_mtime_ns, after.st_ino) or (
        size != after.st_size
    ):
        raise BadInput("%s: changed while it was being hashed" % path)
    return digest.hexdigest(), size


def hash_path(path, jobs: Optional[int] = None, follow_symlinks: bool = False, ignore: Sequence[str] = ()):
    """The artifact at ``path`` hashed as the CLI hashes it: a file's SHA-256, or a directory's
    manifest digest, files hashed in ``jobs`` threads (hashlib releases the GIL)."""
    path = os.fspath(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise BadInput("%s: %s" % (path, error.strerror)) from None
    if stat.S_ISREG(info.st_mode):
        hex_digest, size = sha256_file(path)
        name = os.path.basename(os.path.normpath(path))
        return HashedArtifact("sha256:" + hex_digest, "file", size, [FileEntry(name, size, hex_digest)])
    if not stat.S_ISDIR(info.st_mode):
        raise BadInput("%s: neither a regular file nor a directory" % path)
    patterns = list(DEFAULT_IGNORES) + list(ignore)
    try:
        relatives = _walk(path, follow_symlinks, patterns)
    except OSError as error:
        raise BadInput("%s: %s" % (error.filename or path, error.strerror)) from None
    if not relatives:
        raise BadInput("%s: no files to hash" % path)
    workers = max(1, jobs or min(8, os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        hashed = list(pool.map(lambda r: sha256_file(os.path.join(path, r)), relatives))
    files = sorted(
        (FileEntry(r, size, hex_digest) for r, (hex_digest, size) in zip(relatives, hashed)),
        key=lambda f: f.path.encode("utf-8"),
    )
    digest = hashlib.sha256(manifest_bytes(files)).hexdigest()
    return HashedArtifact("sha256:" + digest, "directory", sum(f.size for f in files), files)
