#!/usr/bin/env python3
"""Random-corruption campaign: every damaged ledger exits 3, or verifies clean with SQLite's
integrity_check ok; nothing crashes and nothing answers "bad input" (exit 2).

Makes one ledger with the binary (registrations with lineage, names, an organisation, a
license, a deployment, a token, a checkpoint), then, for each run, copies it, changes 1 to 8
random bytes (a random new value at a random offset), and runs `verify`, `list --json` and
`audit` on the copy. Allowed: verify 3; or verify 0 with `PRAGMA integrity_check` = ok. For
`list` and `audit`: 0, 1 or 3. Anything else (2, a signal, a hang over 60 s) is a failure,
printed with the seed that reproduces it.

    scripts/corrupt-ledgers.py .build/debug/weightledger --runs 300 [--seed 1]
"""
import argparse
import collections
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile


def run(binary, ledger, *args, cwd):
    env = dict(os.environ, WEIGHTLEDGER_LEDGER=ledger, WEIGHTLEDGER_ACTOR="campaign@test")
    try:
        done = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
                              errors="replace")
        return done.returncode, (done.stdout + done.stderr).strip().splitlines()[-1:] or [""]
    except subprocess.TimeoutExpired:
        return "timeout", [""]


def make_ledger(binary, work, artifacts):
    ledger = os.path.join(work, "base.db")
    def ok(*args):
        code, tail = run(binary, ledger, *args, cwd=work)
        if code not in (0, 1):
            sys.exit(f"setup failed: weightledger {' '.join(args)} exited {code}: {tail[0]}")
    ok("org", "add", "Acme Labs", "--hq", "US", "--revenue-usd", "1e8", "--revenue-year", "2025")
    for index in range(artifacts):
        path = os.path.join(work, f"m{index}.bin")
        with open(path, "wb") as out:
            out.write(random.Random(index).randbytes(512 + index))
        args = ["register", path, "--name", f"acme/m{index}:v1", "--trained-in", "US", "--developer", "Acme Labs"]
        args += ["--compute", "3e26"] if index % 5 == 0 else ["--parent", f"acme/m{index - index % 5}:v1",
                                                              "--compute", "1e24"]
        ok(*args)
    ok("license", "add", "--authority", "BIS", "--number", "L-1", "--artifact", "acme/m0:v1", "--to", "IN")
    ok("deploy", "acme/m0:v1", "--to", "IN", "--license", "BIS/L-1")
    ok("token", "create", "--role", "auditor", "--name", "nightly")
    ok("log", "checkpoint")
    code, tail = run(binary, ledger, "verify", cwd=work)
    if code != 0:
        sys.exit(f"the fresh ledger does not verify: {tail[0]}")
    return ledger


def integrity(path):
    """SQLite's own verdict on the file: "ok", or its first complaint."""
    db = None
    try:
        db = sqlite3.connect(path)
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return f"{error}"
    finally:
        if db is not None:
            db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--artifacts", type=int, default=40)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="wl-corrupt-")
    try:
        base = make_ledger(binary, work, options.artifacts)
        size = os.path.getsize(base)
        outcomes = collections.Counter()
        failures = []
        for number in range(options.runs):
            seed = options.seed * 1_000_003 + number
            rng = random.Random(seed)
            copy = os.path.join(work, "copy.db")
            for leftover in (copy, copy + "-wal", copy + "-shm", copy + ".audit-lock"):
                if os.path.exists(leftover):
                    os.remove(leftover)
            shutil.copyfile(base, copy)
            with open(copy, "r+b") as file:
                for _ in range(rng.randint(1, 8)):
                    offset = rng.randrange(size)
                    file.seek(offset)
                    old = file.read(1)[0]
                    file.seek(offset)
                    file.write(bytes([(old + rng.randint(1, 255)) % 256]))
            verify, why = run(binary, copy, "verify", cwd=work)
            if verify == 0 and (verdict := integrity(copy)) != "ok":
                failures.append((seed, f"verify 0 but integrity_check says: {verdict}"))
            elif verify not in (0, 3):
                failures.append((seed, f"verify exited {verify}: {why[0]}"))
            outcomes[f"verify {verify}"] += 1
            for args in (["list", "--json"], ["audit"]):
                code, why = run(binary, copy, *args, cwd=work)
                outcomes[f"{args[0]} {code}"] += 1
                if code not in (0, 1, 3):
                    failures.append((seed, f"{' '.join(args)} exited {code}: {why[0]}"))
        print(f"corrupt-ledgers: {options.runs} damaged copies of a {size}-byte ledger: "
              + ", ".join(f"{key}: {count}" for key, count in sorted(outcomes.items())))
        for seed, what in failures[:20]:
            print(f"  FAILED seed {seed}: {what}")
        print(f"corrupt-ledgers: {len(failures)} failure(s)")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
