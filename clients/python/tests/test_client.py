"""The client against a live `weightledger serve`: registrations the CLI sees, typed reads,
checks before hashing, retries and the exceptions that tell a pipeline what to do."""

import http.server
import json
import os
import threading
import time

import pytest

from weightledger import AuthError, BadInput, Client, NotFound, Unavailable, hash_path

from conftest import cli, cli_hash, free_port


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def test_register_show_lineage_check(server, tmp_path):
    client = Client(server.url, token=server.tokens["registrar"])
    assert client.whoami().role == "registrar"
    base = tmp_path / "base"
    write(base / "model-00001-of-00002.safetensors", os.urandom(5000))
    write(base / "model-00002-of-00002.safetensors", os.urandom(5000))
    first = client.register(str(base), name="acme/base:v1", kind="pretrain", trained_in="US", compute=3e26,
                            developer="Acme AI")
    assert first.status == "registered"
    assert first.digest == cli_hash(str(base))["digest"]
    tuned = client.register(write(tmp_path / "ft.safetensors", os.urandom(3000)), name="acme/ft:v1",
                            kind="finetune", parents=["acme/base:v1"], trained_in="SG", params=7e9, tokens=2e9)
    assert tuned.artifact.parents == [first.digest]
    assert tuned.artifact.compute["operations"] == pytest.approx(6 * 7e9 * 2e9)
    assert tuned.artifact.compute["method"] == "6ND"
    # What the CLI shows of the same ledger.
    shown = json.loads(cli("show", "acme/ft:v1", "--json", ledger=server.ledger).stdout)
    assert shown["digest"] == tuned.digest and shown["names"] == ["acme/ft:v1"]
    assert shown["locations"][0].endswith(str(tmp_path / "ft.safetensors"))
    reviewer = Client(server.url, token=server.tokens["reviewer"])
    again = reviewer.show("acme/ft:v1")
    assert again.digest == tuned.digest and again.cumulative_compute["operations"] == pytest.approx(3e26 + 8.4e19)
    lineage = reviewer.lineage("acme/ft:v1")
    assert lineage.root == tuned.digest and {node.digest for node in lineage.nodes} == {tuned.digest, first.digest}
    assert {node.digest for node in reviewer.lineage("acme/base:v1", descendants=True).nodes} == {
        first.digest, tuned.digest}
    check = reviewer.check("acme/ft:v1", to="CN", on="2025-03-01")
    assert check.needs_action and check.raw["licenseRequired"]
    assert not reviewer.check("acme/ft:v1", to="DE", on="2025-03-01").raw["licenseRequired"]
    # The same bytes again: nothing new, and safe to retry.
    assert client.register(str(base), name="acme/base:v1").status == "unchanged"


def test_errors_say_what_to_do(server, tmp_path):
    client = Client(server.url, token=server.tokens["registrar"])
    with pytest.raises(NotFound):
        client.show("acme/no-such-model:v1")
    with pytest.raises(BadInput) as refused:
        client.register(write(tmp_path / "x.bin", b"x"), name="acme/x:v1", trained_in="Atlantis")
    assert refused.value.status == 422 and refused.value.field == "trainedIn"
    with pytest.raises(BadInput):
        client.register(str(tmp_path / "missing.bin"), name="acme/missing:v1")
    with pytest.raises(AuthError) as wrong:
        Client(server.url, token="wlt_" + "0" * 40).show("acme/base:v1")
    assert wrong.value.status == 401


def test_the_token_is_checked_before_hashing(server, tmp_path):
    """A reviewer may not register: refused before the path is read (a FIFO would block or be
    refused as bad input if it were)."""
    fifo = str(tmp_path / "model.fifo")
    os.mkfifo(fifo)
    with pytest.raises(AuthError, match="reviewer"):
        Client(server.url, token=server.tokens["reviewer"]).register(fifo, name="acme/never:v1")
    with pytest.raises(BadInput, match="neither a regular file"):
        Client(server.url, token=server.tokens["registrar"]).register(fifo, name="acme/never:v1")


def test_an_unreachable_server_is_retried_then_unavailable():
    lines = []
    client = Client("http://127.0.0.1:%d" % free_port(), token="wlt_x", retries=2, log=lines.append)
    start = time.monotonic()
    with pytest.raises(Unavailable, match="cannot reach"):
        client.show("acme/base:v1")
    assert len(lines) == 2 and "trying again in 1 s" in lines[0] and "in 2 s" in lines[1]
    assert time.monotonic() - start >= 3


class Flaky(http.server.BaseHTTPRequestHandler):
    """503 with Retry-After: 1 twice, then the artifact."""

    calls = 0

    def do_GET(self):
        Flaky.calls += 1
        if Flaky.calls <= 2:
            self.send_response(503)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "the ledger is busy; try again"}}')
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"digest": "sha256:" + "a" * 64, "names": ["x/y:z"], "kind": "pretrain",
                                     "form": "file", "sizeBytes": 1}).encode())

    def log_message(self, *arguments):
        pass


def test_busy_answers_are_retried_after_what_the_server_says():
    port = free_port()
    httpd = http.server.HTTPServer(("127.0.0.1", port), Flaky)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        lines = []
        shown = Client("http://127.0.0.1:%d" % port, token="wlt_x", retries=3, log=lines.append).show("x/y:z")
        assert shown.names == ["x/y:z"] and Flaky.calls == 3
        assert all("503" in line and "in 1 s" in line for line in lines) and len(lines) == 2
        Flaky.calls = 0
        with pytest.raises(Unavailable) as gave_up:
            Client("http://127.0.0.1:%d" % port, token="wlt_x", retries=1, log=lines.append).show("x/y:z")
        assert gave_up.value.status == 503 and gave_up.value.retry_after == 1
    finally:
        httpd.shutdown()


def test_bad_arguments_are_refused_before_any_request():
    for url in ["", "ftp://host", "not a url", "http://"]:
        with pytest.raises(BadInput):
            Client(url, token="wlt_x")
    with pytest.raises(BadInput):
        Client("http://127.0.0.1:1", token="two words")
    with pytest.raises(BadInput):
        Client("http://127.0.0.1:1", token="wlt_x", retries=-1)
