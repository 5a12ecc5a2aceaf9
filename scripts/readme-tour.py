#!/usr/bin/env python3
"""Runs the README's "A short tour" block exactly as written, in a new directory, with the built
`weightledger` first on the PATH (as the README asks). Every command must exit 0, or 1 where the
README says 1 means "something is needed" (check, deploy, flags); any other status, or a file the
tour writes missing or empty, fails.

usage: scripts/readme-tour.py [DIRECTORY_WITH_WEIGHTLEDGER]   (default .build/debug)
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tour_block():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    section = text.split("## A short tour", 1)[1]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    if not match:
        sys.exit("readme-tour: no ```sh block under 'A short tour'")
    return match.group(1)


def main():
    binaries = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug"))
    if not os.access(os.path.join(binaries, "weightledger"), os.X_OK):
        sys.exit("readme-tour: no weightledger in %s" % binaries)
    block = tour_block()
    work = tempfile.mkdtemp(prefix="readme-tour-")
    # Each command's status, as bash sees it (the block itself is run unchanged).
    script = "set -o pipefail\ntrap 'echo \"__status $? $BASH_COMMAND\" >&2' DEBUG\n" + block + "\necho \"__status $? end\" >&2\n"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("WEIGHTLEDGER_")}
    environment["PATH"] = binaries + os.pathsep + environment.get("PATH", "")
    environment["WEIGHTLEDGER_ACTOR"] = "readme-tour"
    result = subprocess.run(["bash", "-c", script], cwd=work, env=environment, capture_output=True, text=True)
    # A DEBUG trap runs before each command with the status of the one before it.
    statuses = [line.split(" ", 2)[1:] for line in result.stderr.splitlines() if line.startswith("__status ")]
    previous = None
    failures = []
    ran = 0
    for status, command in statuses:
        if previous is not None:
            ran += 1
            allowed = {"0"}
            if re.match(r"weightledger (check|deploy|flags)\b", previous):
                allowed.add("1")
            if status not in allowed:
                failures.append("exit %s: %s" % (status, previous))
        previous = command
    for name in ["acme.db", "lineage.svg", "review.html", "review.pdf"]:
        path = os.path.join(work, "tour", "weightledger-demo-models", name) if name != "acme.db" else os.path.join(
            work, "tour", "acme.db")
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            failures.append("the tour did not write %s" % path)
    with open(os.path.join(work, "tour", "weightledger-demo-models", "lineage.svg"), errors="replace") as svg:
        if "<svg" not in svg.read():
            failures.append("lineage.svg is not an SVG drawing")
    other = [line for line in result.stderr.splitlines() if not line.startswith("__status ")]
    print("readme-tour: %d commands run in %s" % (ran, work))
    if failures:
        print("\n".join(other[-20:]))
        sys.exit("readme-tour: FAILED\n  " + "\n  ".join(failures))
    print("readme-tour: every command exited as the README says; acme.db, lineage.svg, review.html, review.pdf written")


if __name__ == "__main__":
    main()
