"""Register every checkpoint a training run saves, with its parent and its compute.

Each checkpoint's parent is the previous checkpoint of the run, or, for the first, the base model
it was trained from (none: the run is a pretrain). Its own compute is the operations done since
the previous checkpoint, as the trainer counted them (method ``estimate``, the trainer named as
the estimator), so the ledger's cumulative compute of the last checkpoint is the base model's plus
the whole run's. ``CheckpointRegistrar`` is the plain function for any loop; ``transformers`` and
``lightning`` hold the framework callbacks.
"""

import os
import warnings
from typing import List, Optional, Sequence, Tuple

from .client import Client, Registration
from .errors import Unavailable


class CheckpointRegistrar:
    """Registers a run's checkpoints one after the other.

    ``name`` is the repository the checkpoints are named in (``acme/support-ft``), each tagged
    ``step-N``; ``base_model`` the reference of the model the run starts from (None: a pretrain).
    ``kind`` is the first checkpoint's kind (default ``finetune`` with a base model, ``pretrain``
    without); later ones continue it (``continued-pretrain`` after a pretrain).

    A server that cannot be reached does not stop training: the checkpoint waits (``pending``)
    with a warning and is registered, in order, with the next one or by ``flush()``; with
    ``strict=True`` the ``Unavailable`` error is raised instead. Bad input and a refused token are
    always raised: they will not fix themselves."""

    def __init__(self, client: Client, name: str, base_model: Optional[str] = None, kind: Optional[str] = None,
                 trained_in: Optional[str] = None, site: Optional[str] = None, developer: Optional[str] = None,
                 estimator: str = "training loop", ignore: Sequence[str] = (), strict: bool = False, log=None):
        self.client = client
        self.name = name
        self.base_model = base_model
        self.kind = kind or ("finetune" if base_model else "pretrain")
        self.facts = {key: value for key, value in
                      (("trained_in", trained_in), ("site", site), ("developer", developer)) if value is not None}
        self.estimator = estimator
        self.ignore = list(ignore)
        self.strict = strict
        self.log = log or (lambda line: warnings.warn(line, RuntimeWarning, stacklevel=3))
        self.previous: Optional[str] = None
        self.previous_operations = 0.0
        self.registered: List[Registration] = []
        self.pending: List[Tuple[str, int, Optional[float], Optional[str]]] = []

    def register(self, path, step: int, total_operations: Optional[float] = None,
                 estimator: Optional[str] = None) -> Optional[Registration]:
        """Registers the checkpoint at ``path`` saved at ``step`` (after any still pending).
        ``total_operations``: the run's operations so far (a trainer's running count); the
        checkpoint's own compute is what was added since the previous one. None: compute unknown
        (never zero). Returns its registration, or None while the server is unavailable."""
        self.pending.append((os.fspath(path), int(step), total_operations, estimator))
        done = self.flush()
        return done[-1] if done and not self.pending else None

    def flush(self) -> List[Registration]:
        """Registers what is pending, oldest first; stops at the first unavailable answer."""
        done = []
        while self.pending:
            path, step, total, estimator = self.pending[0]
            try:
                done.append(self._register(path, step, total, estimator))
            except Unavailable as error:
                if self.strict:
                    raise
                self.log("weightledger: %s; checkpoint %s waits (%d pending)" % (error, path, len(self.pending)))
                break
            self.pending.pop(0)
        return done

    def _register(self, path, step, total_operations, estimator) -> Registration:
        parents = [self.previous] if self.previous else ([self.base_model] if self.base_model else [])
        if self.previous is None:
            kind = self.kind
        else:
            kind = "continued-pretrain" if self.kind == "pretrain" else self.kind
        compute = None
        if total_operations is not None:
            compute = max(0.0, float(total_operations) - self.previous_operations)
        registration = self.client.register(
            path, name="%s:step-%d" % (self.name, step), parents=parents, kind=kind, compute=compute,
            estimator=(estimator or self.estimator) if compute is not None else None, ignore=self.ignore,
            **self.facts)
        self.previous = registration.digest
        if total_operations is not None:
            self.previous_operations = float(total_operations)
        self.registered.append(registration)
        return registration


def register_checkpoint(client: Client, path, name: str, parent: Optional[str] = None,
                        operations: Optional[float] = None, estimator: Optional[str] = None,
                        kind: Optional[str] = None, **facts) -> Registration:
    """One checkpoint, for a loop that keeps its own state: ``parent`` is the previous
    checkpoint's digest or the base model's reference; ``operations`` its own compute."""
    return client.register(
        os.fspath(path), name=name, parents=[parent] if parent else [],
        kind=kind or ("finetune" if parent else "pretrain"), compute=operations,
        estimator=estimator if operations is not None else None, **facts)
