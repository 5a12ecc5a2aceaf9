#!/usr/bin/env python3
"""Checks a filed review against the log without the ledger, with nothing of WeightLedger's code.

    scripts/verify-report.py REVIEW.json [--checkpoint NOTE]

REVIEW.json is `weightledger review REF --format json`. For every event under `log.events`:
the leaf hash is SHA-256(0x00 || entry) (RFC 6962), the entry's own `seq` and `type` are the
event's, and the RFC 9162 inclusion proof leads from the leaf to `log.rootHash` at `log.treeSize`.
The recorded checkpoint's consistency proof must show the report's log extends it. With
--checkpoint (a note from `weightledger log checkpoint`, signed or not, kept outside the ledger),
the report's log must be that checkpoint's log or extend it; an extension is checked with the
consistency proof the report carries for the ledger's latest checkpoint when that is the one given.

Prints one line per check and exits 0 when all hold, 1 when one does not, 2 on unreadable input.
Written from RFC 6962 / RFC 9162 for third parties (and for the tests, as an independent check).
"""
import argparse
import base64
import hashlib
import json
import sys


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, proof, first_root, second_root):
    """RFC 9162 section 2.1.4.2."""
    if first == second:
        return not proof and first_root == second_root
    if first == 0 or first > second or not proof and first & (first - 1) != 0:
        return False
    if first & (first - 1) == 0:
        proof = [first_root] + proof
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node(c, fr)
            sr = node(c, sr)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def parse_checkpoint(text):
    """(origin, size, root) from a checkpoint note (C2SP tlog-checkpoint), signed or not."""
    lines = text.split("\n")
    return lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report")
    parser.add_argument("--checkpoint")
    args = parser.parse_args()
    try:
        with open(args.report, encoding="utf-8") as f:
            log = json.load(f)["log"]
        size, root = log["treeSize"], bytes.fromhex(log["rootHash"])
        outside = None
        if args.checkpoint:
            with open(args.checkpoint, encoding="utf-8") as f:
                outside = parse_checkpoint(f.read())
    except (OSError, ValueError, KeyError, IndexError) as error:
        print(f"cannot read the input: {error}", file=sys.stderr)
        return 2

    failures = 0

    def check(ok, what):
        nonlocal failures
        failures += 0 if ok else 1
        print(("ok    " if ok else "FAIL  ") + what)

    if base64.b64decode(log["rootHashBase64"]) != root:
        check(False, "rootHash and rootHashBase64 name the same root")
    for event in log["events"]:
        entry = event["entry"].encode("utf-8")
        leaf = hashlib.sha256(b"\x00" + entry).digest()
        stated = json.loads(entry)
        same = stated["seq"] == event["seq"] and stated["type"] == event["type"]
        check(leaf.hex() == event["leafHash"] and same, f"event {event['seq']} ({event['type']}): leaf hash")
        proof = [bytes.fromhex(p) for p in event["proof"]]
        check(verify_inclusion(event["leafIndex"], size, leaf, proof, root),
              f"event {event['seq']}: included in the log of {size} events")
    recorded = log.get("checkpoint")
    if recorded:
        proof = [bytes.fromhex(p) for p in recorded["consistencyProof"]]
        check(verify_consistency(recorded["size"], size, proof, bytes.fromhex(recorded["rootHash"]), root),
              f"the report's log extends the ledger's checkpoint of {recorded['size']} events")
    if outside:
        _, outside_size, outside_root = outside
        if outside_size == size:
            check(outside_root == root, f"the report's root is the given checkpoint's ({size} events)")
        elif recorded and recorded["size"] == outside_size:
            proof = [bytes.fromhex(p) for p in recorded["consistencyProof"]]
            check(verify_consistency(outside_size, size, proof, outside_root, root),
                  f"the report's log extends the given checkpoint of {outside_size} events")
        else:
            check(False, f"the given checkpoint ({outside_size} events) is neither the report's log ({size}) "
                  "nor the checkpoint the report proves against")
    print(f"{len(log['events'])} events, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
