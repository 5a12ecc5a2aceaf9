"""Fixtures: the `weightledger` binary this repository builds, and a live server on a fresh ledger."""

import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BINARY = os.environ.get("WEIGHTLEDGER_BIN", os.path.join(ROOT, ".build", "debug", "weightledger"))


def cli(*arguments, ledger=None, check=True):
    """Runs the CLI; returns the completed process."""
    command = [BINARY] + list(arguments) + (["--ledger", ledger] if ledger else [])
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "WEIGHTLEDGER_ACTOR": "pytest"})
    if check and result.returncode != 0:
        raise AssertionError("%s: exit %d: %s" % (" ".join(command), result.returncode, result.stderr))
    return result


def cli_hash(path, *options):
    """The CLI's own record of a path: `weightledger hash PATH --json`."""
    answer = json.loads(cli("hash", path, "--json", *options).stdout)
    return answer[0] if isinstance(answer, list) else answer


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def binary():
    if not os.access(BINARY, os.X_OK):
        pytest.fail("no weightledger binary at %s (swift build, or set WEIGHTLEDGER_BIN)" % BINARY)
    return BINARY


class Server:
    def __init__(self, directory):
        self.directory = directory
        self.ledger = os.path.join(directory, "ledger.db")
        cli("init", ledger=self.ledger)
        self.tokens = {}
        for role in ("registrar", "reviewer", "admin"):
            out = cli("token", "create", "--role", role, "--name", "py-" + role, ledger=self.ledger).stdout
            self.tokens[role] = out.strip().splitlines()[-1].strip()
        cli("org", "add", "Acme AI", "--hq", "US", ledger=self.ledger)
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log = open(os.path.join(directory, "server.log"), "w")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--port", str(self.port), "--ledger", self.ledger], stdout=self.log, stderr=self.log)
        for _ in range(200):
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def server(binary):
    with tempfile.TemporaryDirectory() as directory:
        running = Server(directory)
        try:
            yield running
        finally:
            running.stop()
