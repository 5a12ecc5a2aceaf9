#!/usr/bin/env python3
"""Does /healthz stay fast while thousands of idle or slow clients hold connections (issue 13 item 8)?

Starts `weightledger serve` on a fresh ledger on a free loopback port, then in one run:
  1. baseline: GET /healthz, each on a new connection, with nothing else connected;
  2. opens N connections: a third idle (connect, send nothing), a third slow heads (a byte of
     the request line and headers every second, slowloris), a third slow bodies (a full head
     with Content-Length, then a byte of body every second), and measures /healthz again
     while all of them are connected;
  3. waits past the header, body and idle timeouts and counts how each kind ended: slow heads
     and bodies must get 408 and be closed, idle connections must be closed.
Prints latency percentiles of both phases and their ratio (loaded / baseline), and exits 1
when a check fails: a healthz request failed, or a client was not closed by its timeout.

Usage: scripts/slow-clients.py [--binary PATH] [--clients 2000] [--requests 300]
       [--server-args "--idle-timeout 8 ..."] (a 0.3.0 binary shows the clients are never closed)
"""
import argparse
import os
import resource
import selectors
import shlex
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz(port, timeout=10.0):
    """Seconds for one GET /healthz on a new connection, or None when it failed."""
    start = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        if not data.startswith(b"HTTP/1.1 200") or not data.endswith(b"ok"):
            return None
    except OSError:
        return None
    return time.perf_counter() - start


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000
    return {"p50": pick(0.50), "p99": pick(0.99), "max": ordered[-1] * 1000}


def measure(port, count, tick=None):
    samples, failures = [], 0
    for _ in range(count):
        if tick:
            tick()
        took = healthz(port)
        if took is None:
            failures += 1
        else:
            samples.append(took)
    return samples, failures


class Clients:
    """N connections of three kinds, driven by one selector; records how each one ended."""

    HEAD = b"POST /api/v1/artifacts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"

    def __init__(self, port, count, token):
        self.selector = selectors.DefaultSelector()
        self.clients = []
        for i in range(count):
            kind = ("idle", "slow-head", "slow-body")[i % 3]
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.setblocking(False)
            client = {"socket": s, "kind": kind, "sent": 0, "answer": b"", "closed": None, "opened": time.time()}
            if kind == "slow-body":
                auth = b"Authorization: Bearer " + token.encode() + b"\r\n"
                s.send(self.HEAD + auth + b"Content-Length: 100000\r\n\r\n")
            self.selector.register(s, selectors.EVENT_READ, client)
            self.clients.append(client)
        self.last_drip = 0.0

    def pump(self, seconds=0.0):
        """Reads what the server sent (answers, closes) and drips a byte to each slow client each second."""
        deadline = time.time() + seconds
        while True:
            now = time.time()
            if now - self.last_drip >= 1.0:
                self.last_drip = now
                for c in self.clients:
                    if c["closed"] is None and c["kind"] != "idle":
                        payload = self.HEAD if c["kind"] == "slow-head" else b" "
                        try:
                            c["socket"].send(payload[c["sent"] % len(payload):][:1])
                            c["sent"] += 1
                        except OSError:
                            self.close(c, now)
            for key, _ in self.selector.select(timeout=max(0.0, min(0.05, deadline - time.time()))):
                c = key.data
                try:
                    chunk = c["socket"].recv(4096)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    chunk = b""
                if chunk:
                    c["answer"] += chunk
                else:
                    self.close(c, time.time())
            if time.time() >= deadline:
                return

    def close(self, c, when):
        if c["closed"] is None:
            c["closed"] = when - c["opened"]
            self.selector.unregister(c["socket"])
            c["socket"].close()

    def open_count(self):
        return sum(1 for c in self.clients if c["closed"] is None)

    def summary(self, kind):
        mine = [c for c in self.clients if c["kind"] == kind]
        closed = [c for c in mine if c["closed"] is not None]
        answered = sum(1 for c in closed if c["answer"].startswith(b"HTTP/1.1 408"))
        longest = max((c["closed"] for c in closed), default=0.0)
        return len(mine), len(closed), answered, longest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/weightledger")
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--server-args", default="--idle-timeout 20 --header-timeout 10 --body-timeout 10")
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.clients + 512)), hard))
    work = tempfile.mkdtemp(prefix="wl-slow-")
    ledger = os.path.join(work, "ledger.db")
    # Slow bodies carry a registrar's token, so the server waits for the body instead of answering 401.
    token = subprocess.run(
        [args.binary, "token", "create", "--role", "registrar", "--name", "slow-body", "--ledger", ledger],
        check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    server = subprocess.Popen(
        [args.binary, "serve", "--port", str(port), "--ledger", ledger] + shlex.split(args.server_args),
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "server.err"), "w"))
    failed = []
    try:
        for _ in range(100):
            if healthz(port, timeout=1) is not None:
                break
            time.sleep(0.1)
        else:
            sys.exit("the server did not start: " + open(os.path.join(work, "server.err")).read())
        print(f"server: {args.binary} serve {args.server_args} (ulimit -n {resource.getrlimit(resource.RLIMIT_NOFILE)[0]})")

        base, base_failures = measure(port, args.requests)
        b = percentiles(base)
        print(f"baseline  /healthz x{args.requests}, nothing else connected: "
              f"p50 {b['p50']:.2f} ms  p99 {b['p99']:.2f} ms  max {b['max']:.2f} ms  failed {base_failures}")

        opened_at = time.time()
        clients = Clients(port, args.clients, token)
        clients.pump(1.5)
        held = clients.open_count()
        loaded, loaded_failures = measure(port, args.requests, tick=lambda: clients.pump(0))
        still = clients.open_count()
        l = percentiles(loaded) if loaded else {"p50": 0, "p99": 0, "max": 0}
        print(f"loaded    /healthz x{args.requests}, {held} of {args.clients} idle/slow clients connected "
              f"({still} still at the end): p50 {l['p50']:.2f} ms  p99 {l['p99']:.2f} ms  max {l['max']:.2f} ms  "
              f"failed {loaded_failures}")
        if loaded:
            print(f"ratio loaded/baseline: p50 {l['p50'] / b['p50']:.2f}x  p99 {l['p99'] / b['p99']:.2f}x")
        if base_failures or loaded_failures:
            failed.append(f"{base_failures + loaded_failures} healthz requests failed")
        if held < args.clients * 0.99:
            failed.append(f"only {held} of {args.clients} clients were connected while measuring")

        # Wait past the longest timeout (plus slack), then see how each kind ended.
        timeouts = dict(zip(shlex.split(args.server_args)[::2], shlex.split(args.server_args)[1::2]))
        longest = max(float(v) for k, v in timeouts.items() if k.endswith("-timeout")) if timeouts else 60.0
        clients.pump(max(0.0, opened_at + longest + 5 - time.time()))
        for kind, limit, needs_408 in (
            ("idle", timeouts.get("--idle-timeout"), False),
            ("slow-head", timeouts.get("--header-timeout"), True),
            ("slow-body", timeouts.get("--body-timeout"), True),
        ):
            total, closed, answered, latest = clients.summary(kind)
            print(f"{kind:9} clients: {closed}/{total} closed by the server (latest after {latest:.1f} s, "
                  f"timeout {limit} s); {answered} answered 408")
            if closed < total:
                failed.append(f"{total - closed} {kind} clients still open after {longest + 5:.0f} s")
            if needs_408 and answered < closed:
                other = next(c["answer"][:40] for c in clients.clients if c["kind"] == kind and c["closed"] is not None
                             and not c["answer"].startswith(b"HTTP/1.1 408"))
                failed.append(f"{closed - answered} {kind} clients closed without a 408 (one got {other!r})")
        after = healthz(port)
        print(f"after: /healthz {'%.2f ms' % (after * 1000) if after else 'FAILED'}")
        if after is None:
            failed.append("healthz failed after the clients were closed")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # 0.3.0 waits for its open connections to end
            server.kill()
            server.wait()
    if failed:
        print("FAILED: " + "; ".join(failed))
        sys.exit(1)
    print("ok: healthz answered throughout and every idle or slow client was closed by its timeout")


if __name__ == "__main__":
    main()
