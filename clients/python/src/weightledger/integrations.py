"""Callbacks for training frameworks, built on first use so that importing ``weightledger`` needs
neither framework:

- ``WeightLedgerCallback``: a Hugging Face ``transformers`` ``TrainerCallback``. Each ``on_save``
  registers ``OUTPUT_DIR/checkpoint-STEP`` (main process only) with the previous checkpoint (or
  the base model) as parent and, as its own compute, the growth of ``state.total_flos`` since the
  previous checkpoint (method ``estimate``, estimator ``transformers Trainer state.total_flos``).
- ``WeightLedgerLightningCallback``: a PyTorch Lightning ``Callback``. The checkpoint files its
  ``ModelCheckpoint`` callbacks saved are registered, oldest first, at the end of each training
  batch and epoch, validation and fit (Lightning runs checkpoint callbacks after the others, so a
  file is registered at the next of these); compute is ``flops_per_batch`` × batches since the
  previous checkpoint when given (Lightning keeps no count of its own), else unknown.
"""

import os

from .hooks import CheckpointRegistrar

TRANSFORMERS_ESTIMATOR = "transformers Trainer state.total_flos"


def _transformers_callback():
    from transformers import TrainerCallback
    from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR

    class WeightLedgerCallback(TrainerCallback):
        """Registers every checkpoint the Trainer saves (see the module's documentation)."""

        def __init__(self, client, name, base_model=None, **options):
            self.registrar = CheckpointRegistrar(
                client, name, base_model=base_model, estimator=TRANSFORMERS_ESTIMATOR, **options)

        def on_save(self, args, state, control, **kwargs):
            if not state.is_world_process_zero:
                return control
            path = os.path.join(args.output_dir, "%s-%d" % (PREFIX_CHECKPOINT_DIR, state.global_step))
            self.registrar.register(path, step=state.global_step, total_operations=state.total_flos)
            return control

        def on_train_end(self, args, state, control, **kwargs):
            if state.is_world_process_zero:
                self.registrar.flush()
            return control

    return WeightLedgerCallback


def _lightning_base():
    try:
        from lightning.pytorch import Callback
    except ImportError:
        from pytorch_lightning import Callback
    return Callback


def lightning_callback_class(base):
    """The Lightning callback on ``base`` (Lightning's ``Callback``; tests pass a stand-in where
    Lightning, which needs PyTorch, is not installed)."""

    class WeightLedgerLightningCallback(base):
        """Registers the checkpoint files Lightning saves (see the module's documentation)."""

        def __init__(self, client, name, base_model=None, flops_per_batch=None, **options):
            super().__init__()
            self.registrar = CheckpointRegistrar(
                client, name, base_model=base_model, estimator="lightning flops_per_batch × batches", **options)
            self.flops_per_batch = flops_per_batch
            self.seen = set()

        def _saved(self, trainer):
            paths = []
            for checkpoint in getattr(trainer, "checkpoint_callbacks", []) or []:
                for path in list(getattr(checkpoint, "best_k_models", {}) or {}) + [
                        getattr(checkpoint, "last_model_path", "")]:
                    if path and path not in self.seen and os.path.isfile(path):
                        paths.append(path)
            return sorted(set(paths), key=lambda p: (os.stat(p).st_mtime_ns, p))

        def _register_new(self, trainer):
            if not getattr(trainer, "is_global_zero", True):
                return
            for path in self._saved(trainer):
                self.seen.add(path)
                total = None
                if self.flops_per_batch is not None:
                    total = float(self.flops_per_batch) * float(trainer.global_step)
                self.registrar.register(path, step=int(trainer.global_step), total_operations=total)

        def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
            self._register_new(trainer)

        def on_train_epoch_end(self, trainer, pl_module):
            self._register_new(trainer)

        def on_validation_end(self, trainer, pl_module):
            self._register_new(trainer)

        def on_fit_end(self, trainer, pl_module):
            self._register_new(trainer)
            self.registrar.flush()

    return WeightLedgerLightningCallback


def __getattr__(name):
    if name == "WeightLedgerCallback":
        return _transformers_callback()
    if name == "WeightLedgerLightningCallback":
        return lightning_callback_class(_lightning_base())
    raise AttributeError(name)
