"""Checkpoints registered from training: the plain registrar, the Hugging Face Trainer callback
through transformers' own CallbackHandler (the dispatcher Trainer uses), and the Lightning
callback."""

import json
import os

import pytest

from weightledger import CheckpointRegistrar, Client, Unavailable, register_checkpoint
from weightledger.integrations import lightning_callback_class

from conftest import cli, cli_hash, free_port


def base_model(server, tmp_path, name):
    client = Client(server.url, token=server.tokens["registrar"])
    path = tmp_path / (name.replace("/", "_") + ".safetensors")
    path.write_bytes(os.urandom(4096))
    return client, client.register(str(path), name=name, kind="pretrain", trained_in="US", compute=2e25)


def shown(server, ref):
    return json.loads(cli("show", ref, "--json", ledger=server.ledger).stdout)


def test_a_plain_loop(server, tmp_path):
    client, base = base_model(server, tmp_path, "acme/loop-base:v1")
    registrar = CheckpointRegistrar(client, "acme/loop-ft", base_model="acme/loop-base:v1", trained_in="SG",
                                    estimator="my loop's flop counter")
    for step in (100, 200, 300):
        directory = tmp_path / ("ckpt-%d" % step)
        directory.mkdir()
        (directory / "model.safetensors").write_bytes(os.urandom(2048))
        registered = registrar.register(str(directory), step=step, total_operations=step * 1e18)
        assert registered.digest == cli_hash(str(directory))["digest"]
    last = shown(server, "acme/loop-ft:step-300")
    assert last["kind"] == "finetune" and last["trainedIn"] == "SG"
    assert last["compute"] == {"method": "estimate", "operations": 1e20,
                               "inputs": {"estimator": "my loop's flop counter"}}
    assert last["cumulativeCompute"]["operations"] == pytest.approx(2e25 + 3e20)
    chain = [shown(server, "acme/loop-ft:step-%d" % step)["parents"] for step in (100, 200, 300)]
    assert chain[0] == [base.digest]
    assert chain[1] == [registrar.registered[0].digest] and chain[2] == [registrar.registered[1].digest]
    # The one-call form, for loops that keep their own state.
    single = tmp_path / "one.safetensors"
    single.write_bytes(os.urandom(100))
    one = register_checkpoint(client, single, name="acme/loop-ft:extra", parent=registrar.registered[-1].digest,
                              operations=5e18, estimator="manual")
    assert one.artifact.compute["method"] == "estimate" and one.artifact.parents == [registrar.registered[-1].digest]


def test_an_unavailable_server_does_not_stop_training(server, tmp_path):
    client, _ = base_model(server, tmp_path, "acme/wait-base:v1")
    warnings = []
    registrar = CheckpointRegistrar(client, "acme/wait-ft", base_model="acme/wait-base:v1", log=warnings.append)
    client.retries = 0
    live = client.url
    client.url = "http://127.0.0.1:%d" % free_port()
    first = tmp_path / "a.safetensors"
    first.write_bytes(os.urandom(100))
    assert registrar.register(str(first), step=1, total_operations=1e18) is None
    assert len(registrar.pending) == 1 and "waits" in warnings[0]
    client.url = live
    second = tmp_path / "b.safetensors"
    second.write_bytes(os.urandom(100))
    assert registrar.register(str(second), step=2, total_operations=3e18).artifact.compute["operations"] == 2e18
    assert not registrar.pending
    assert shown(server, "acme/wait-ft:step-2")["parents"] == [shown(server, "acme/wait-ft:step-1")["digest"]]
    client.url = "http://127.0.0.1:%d" % free_port()
    strict = CheckpointRegistrar(client, "acme/strict-ft", strict=True)
    with pytest.raises(Unavailable):
        strict.register(str(first), step=1)


def test_the_transformers_trainer_callback(server, tmp_path):
    if os.environ.get("WEIGHTLEDGER_REQUIRE_TRANSFORMERS"):
        import numpy
        import transformers
    else:
        transformers = pytest.importorskip("transformers")
        numpy = pytest.importorskip("numpy")
    from safetensors.numpy import save_file
    from transformers import TrainerControl, TrainerState, TrainingArguments
    from transformers.trainer_callback import CallbackHandler

    from weightledger.integrations import WeightLedgerCallback

    client, base = base_model(server, tmp_path, "acme/hf-base:v1")
    callback = WeightLedgerCallback(client, "acme/hf-ft", base_model="acme/hf-base:v1", trained_in="DE")
    output = tmp_path / "out"
    args = TrainingArguments(output_dir=str(output), save_steps=10, report_to=[])
    handler = CallbackHandler([callback], None, None, None, None)
    state = TrainerState()
    control = TrainerControl()
    steps = (10, 20, 30)
    for step in steps:
        # What Trainer._save_checkpoint leaves: the weights by safetensors, the state by TrainerState.
        state.global_step = step
        state.total_flos = step * 4.0e15
        directory = output / ("checkpoint-%d" % step)
        directory.mkdir(parents=True)
        save_file({"w": numpy.full((8, 8), step, dtype=numpy.float32)}, str(directory / "model.safetensors"))
        state.save_to_json(str(directory / "trainer_state.json"))
        control = handler.on_save(args, state, control)
    handler.on_train_end(args, state, control)
    digests = [registration.digest for registration in callback.registrar.registered]
    assert digests == [cli_hash(str(output / ("checkpoint-%d" % step)))["digest"] for step in steps]
    last = shown(server, "acme/hf-ft:step-30")
    assert last["compute"]["method"] == "estimate" and last["compute"]["operations"] == pytest.approx(4e16)
    assert last["compute"]["inputs"]["estimator"] == "transformers Trainer state.total_flos"
    assert last["cumulativeCompute"]["operations"] == pytest.approx(2e25 + 1.2e17)
    assert shown(server, "acme/hf-ft:step-10")["parents"] == [base.digest]
    assert last["parents"] == [digests[1]] and last["trainedIn"] == "DE"
    assert transformers.__version__


class StandInCallback:
    """Lightning's Callback where Lightning (which needs PyTorch) is not installed: the hooks
    Lightning calls, with its signatures."""

    def __init__(self):
        pass


class StandInCheckpoint:
    def __init__(self):
        self.best_k_models = {}
        self.last_model_path = ""


class StandInTrainer:
    def __init__(self):
        self.checkpoint_callbacks = [StandInCheckpoint()]
        self.global_step = 0
        self.is_global_zero = True


def test_the_lightning_callback(server, tmp_path):
    try:
        from weightledger.integrations import WeightLedgerLightningCallback as Callback
        lightning = True
    except ImportError:
        Callback = lightning_callback_class(StandInCallback)
        lightning = False
    client, base = base_model(server, tmp_path, "acme/pl-base:v1")
    callback = Callback(client, "acme/pl-ft", base_model="acme/pl-base:v1", flops_per_batch=1e15)
    trainer = StandInTrainer()
    checkpoint = trainer.checkpoint_callbacks[0]
    for epoch, step in enumerate((50, 100)):
        trainer.global_step = step
        callback.on_train_batch_end(trainer, None, None, None, step)
        path = tmp_path / ("epoch=%d-step=%d.ckpt" % (epoch, step))
        path.write_bytes(os.urandom(1000))
        checkpoint.best_k_models[str(path)] = 0.5
        checkpoint.last_model_path = str(path)
        callback.on_train_epoch_end(trainer, None)
    callback.on_fit_end(trainer, None)
    registered = callback.registrar.registered
    assert len(registered) == 2, "each file once"
    last = shown(server, "acme/pl-ft:step-100")
    assert last["compute"]["operations"] == pytest.approx(5e16) and last["parents"] == [registered[0].digest]
    assert shown(server, "acme/pl-ft:step-50")["parents"] == [base.digest]
    print("lightning installed:", lightning)
