#!/usr/bin/env python3
"""Lists public declarations in Sources/ without a `///` summary line above them, and source
lines over 120 characters (generated files too, but the embedded packs); exits 1 when there are any.

    python3 scripts/check-docs.py [--counts]

`--counts` prints the figures per module and exits 0 (for before/after comparisons).
Members of a public enum's cases block and protocol requirements count like any other
declaration; `public init(from decoder:)`, `encode(to:)`, `description` and operator
implementations of standard protocols are exempt (the protocol documents them).
"""
import os
import re
import sys

# Generated files: no doc comments to check. Their lines are checked for width too, except the
# embedded policy packs, whose lines are the pack files' own JSON.
GENERATED = ("OpenAPIDocument.swift", "ISO3166Table.swift", "BuiltinPacks+Data.swift")
WIDE = ("BuiltinPacks+Data.swift",)
DECLARATION = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public|open)\s+(?:(?:static|final|override|mutating|nonisolated|indirect|convenience|required|private\(set\)|internal\(set\))\s+)*"
                         r"(func|var|let|init|struct|class|enum|protocol|typealias|actor|case|subscript|extension)\b(.*)")
EXEMPT = re.compile(r"init\(from decoder|func encode\(to encoder|var description: String|static func [<>=+\-*/]|func hash\(into"
                    r"|var debugDescription|init\?\(argument|init\(stringLiteral|init\(stringInterpolation|var errorDescription"
                    r"|func response\(from request|var status: HTTPResponse.Status")
WIDTH = 120


def undocumented(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    missing = []
    for number, line in enumerate(lines):
        match = DECLARATION.match(line)
        if not match or EXEMPT.search(line):
            continue
        if match.group(1) == "extension":
            continue
        previous = number - 1
        while previous >= 0 and (lines[previous].strip().startswith("@") or lines[previous].strip() == ""
                                 and False):
            previous -= 1
        if previous < 0 or not lines[previous].strip().startswith("///"):
            missing.append((number + 1, line.strip()))
    return missing, lines


def main():
    counts_only = "--counts" in sys.argv
    problems = 0
    totals = {}
    for root, _, files in sorted(os.walk("Sources")):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(root, file)
            module = path.split(os.sep)[1]
            missing, lines = undocumented(path)
            if file in GENERATED:
                missing = []
            long = [] if file in WIDE else [(i + 1, len(l)) for i, l in enumerate(lines) if len(l) > WIDTH]
            entry = totals.setdefault(module, [0, 0, 0])
            entry[0] += len(missing)
            entry[1] += len(long)
            entry[2] += len(lines)
            if not counts_only:
                for number, text in missing:
                    print(f"{path}:{number}: public declaration without a /// summary: {text[:90]}")
                for number, width in long:
                    print(f"{path}:{number}: {width} characters (over {WIDTH})")
            problems += len(missing) + len(long)
    for module, (missing, long, lines) in sorted(totals.items()):
        print(f"check-docs: {module:16} {lines:6} lines, {long:4} over {WIDTH}, {missing:4} undocumented public declarations")
    print(f"check-docs: {problems} problem(s)")
    return 0 if counts_only or problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
