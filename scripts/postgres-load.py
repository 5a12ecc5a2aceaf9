#!/usr/bin/env python3
"""Load test of the PostgreSQL backend (issue 17), loopback only.

In one run: registrations through ONE `weightledger serve` on a database of its own (the
baseline), then through THREE servers on one database, the load generator spreading the requests
across them and SIGKILLing the second server halfway. Afterwards every registration answered 201 must
be in the log, the log numbered without gaps, and `verify` (with a new mirror) clean. Prints both
throughputs side by side and their ratio. Exit 1 when an acknowledged registration is missing or
verify fails.

Usage: scripts/postgres-load.py BINARY ADMIN_URL [--seconds 8] [--clients 16]
ADMIN_URL: a role that may create databases (scripts/postgres-cluster.sh prints one).
"""
import argparse
import hashlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, sql):
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], check=True, capture_output=True,
                          text=True).stdout.strip()


def new_database(admin):
    name = "wl_load_" + uuid.uuid4().hex[:12]
    psql(admin, f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    parts = urllib.parse.urlsplit(admin)
    return name, urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


class Ledger:
    """A migrated database with a ledger and a registrar token, and the servers on it."""

    def __init__(self, binary, admin, work, label):
        self.binary, self.admin, self.work, self.label = binary, admin, work, label
        self.name, self.url = new_database(admin)
        self.cli(["migrate"])
        self.cli(["init"])
        self.token = self.cli(["token", "create", "--role", "registrar", "--name", "load"]).strip()
        self.servers = []

    def env(self, mirror):
        return dict(os.environ, WEIGHTLEDGER_DATABASE=self.url, WEIGHTLEDGER_MIRROR=mirror,
                    WEIGHTLEDGER_ACTOR="load@test")

    def cli(self, args, mirror=None):
        mirror = mirror or os.path.join(self.work, f"{self.label}-cli.db")
        result = subprocess.run([self.binary] + args, env=self.env(mirror), capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result.stdout

    def start(self, count):
        for index in range(count):
            port = free_port()
            log = open(os.path.join(self.work, f"{self.label}-server{index}.log"), "w")
            process = subprocess.Popen(
                [self.binary, "serve", "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=log,
                env=self.env(os.path.join(self.work, f"{self.label}-server{index}.db")))
            self.servers.append((port, process))
        for port, process in self.servers:
            for _ in range(400):
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    connection.request("GET", "/healthz")
                    if connection.getresponse().status == 200:
                        break
                except OSError:
                    time.sleep(0.05)
            else:
                raise SystemExit(f"a server on port {port} did not start")

    def stop(self):
        for _, process in self.servers:
            if process.poll() is None:
                process.terminate()
                process.wait()

    def drop(self):
        psql(self.admin, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def load(ledger, seconds, clients, kill_after=None):
    """Registrations from `clients` threads, round robin over the servers; a request that fails
    moves on to the next server, and a server that refuses connections leaves the rotation. Returns (acknowledged digests, other answers, errors, elapsed)."""
    acknowledged, answers, lock = set(), {}, threading.Lock()
    errors = [0]
    run = uuid.uuid4().hex
    deadline = time.monotonic() + seconds
    ports = [port for port, _ in ledger.servers]

    down = set()

    def client(number):
        connections, sent = {}, 0
        while time.monotonic() < deadline:
            live = [port for port in ports if port not in down] or ports
            port = live[(number + sent) % len(live)]
            sent += 1
            digest = "sha256:" + hashlib.sha256(f"{run}-{number}-{sent}".encode()).hexdigest()
            body = json.dumps({"digest": digest, "form": "file", "sizeBytes": 4096,
                               "files": [{"path": "model.safetensors", "size": 4096, "sha256": digest}],
                               "trainedIn": "US", "compute": {"operations": 1e21}})
            try:
                connection = connections.get(port) or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connections[port] = connection
                connection.request("POST", "/api/v1/artifacts", body, {
                    "Content-Type": "application/json", "Authorization": f"Bearer {ledger.token}"})
                response = connection.getresponse()
                response.read()
                with lock:
                    if response.status == 201:
                        acknowledged.add(digest)
                    else:
                        answers[response.status] = answers.get(response.status, 0) + 1
            except (OSError, http.client.HTTPException) as error:
                connections.pop(port, None)
                with lock:
                    errors[0] += 1
                    # A balancer's health check: a server that refuses connections leaves the rotation.
                    if isinstance(error, ConnectionRefusedError):
                        down.add(port)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    if kill_after is not None:
        time.sleep(kill_after)
        victim = ledger.servers[1][1]
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        print(f"   SIGKILLed server 2 (pid {victim.pid}) after {kill_after:.1f} s")
    for thread in threads:
        thread.join()
    return acknowledged, answers, errors[0], time.monotonic() - start


def check(ledger, acknowledged):
    """Every acknowledged registration is in the log; the log has no gaps; verify is clean."""
    problems = []
    stored = set(psql(ledger.url, "SELECT payload::json->>'digest' FROM events WHERE type = 'artifact.registered'")
                 .split())
    missing = acknowledged - stored
    if missing:
        problems.append(f"{len(missing)} acknowledged registrations are missing, e.g. {sorted(missing)[0]}")
    count, last = psql(ledger.url, "SELECT COUNT(*) || ' ' || COALESCE(MAX(seq), 0) FROM events").split()
    if count != last:
        problems.append(f"{count} events but the last is numbered {last}")
    verify = subprocess.run([ledger.binary, "verify"], env=ledger.env(os.path.join(ledger.work, f"{ledger.label}-verify.db")),
                            capture_output=True, text=True)
    if verify.returncode != 0:
        problems.append(f"verify exited {verify.returncode}: {verify.stderr.strip()}")
    return problems, len(stored), verify.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("admin_url")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=16)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    failed = False
    with tempfile.TemporaryDirectory() as work:
        rows = []
        for label, servers in [("one server", 1), ("three servers", 3)]:
            ledger = Ledger(binary, options.admin_url, work, label.replace(" ", "-"))
            try:
                ledger.start(servers)
                print(f"== {label}: {options.clients} clients for {options.seconds:.0f} s")
                kill = options.seconds / 2 if servers == 3 else None
                acknowledged, answers, errors, elapsed = load(ledger, options.seconds, options.clients, kill)
                ledger.stop()
                problems, stored, verified = check(ledger, acknowledged)
                rate = len(acknowledged) / elapsed
                rows.append((label, len(acknowledged), rate, answers, errors, stored, problems))
                print(f"   {len(acknowledged)} registrations answered 201 ({rate:.0f}/s), other answers {answers or 'none'}, "
                      f"{errors} connection errors; {stored} artifacts in the log")
                print(f"   {verified or 'verify printed nothing'}")
                for problem in problems:
                    print(f"   PROBLEM: {problem}")
                    failed = True
            finally:
                ledger.stop()
                ledger.drop()
        print("== side by side (registrations answered 201 per second, durable in PostgreSQL before each answer)")
        for label, count, rate, *_ in rows:
            print(f"   {label:<15} {rate:8.0f}/s   ({count} in {options.seconds:.0f} s)")
        if len(rows) == 2 and rows[0][2] > 0:
            print(f"   three servers / one server (baseline): {rows[1][2] / rows[0][2]:.2f}x "
                  f"(one of the three SIGKILLed halfway; every 201 present afterwards: "
                  f"{'yes' if not rows[1][6] else 'NO'})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
