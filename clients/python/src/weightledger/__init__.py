"""WeightLedger's Python client: register model checkpoints with a WeightLedger server (hashed
here, as the CLI hashes them), read them back, check a destination; hooks for training loops."""

from .client import Artifact, Check, Client, Identity, Lineage, Registration
from .errors import AuthError, BadInput, NotFound, Unavailable, WeightLedgerError
from .hashing import FileEntry, HashedArtifact, hash_path, manifest_bytes
from .hooks import CheckpointRegistrar, register_checkpoint

__all__ = [
    "Artifact", "AuthError", "BadInput", "Check", "CheckpointRegistrar", "Client", "FileEntry", "HashedArtifact", "Identity", "Lineage",
    "NotFound", "Registration", "Unavailable", "WeightLedgerError", "hash_path", "manifest_bytes", "register_checkpoint",
]
