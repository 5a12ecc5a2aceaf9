#!/usr/bin/env python3
"""Checks that every target imports only what Package.swift declares for it, and that the
library and executable targets import only modules of lower layers.

The layers are the block of `// N Module, Module` lines under "Layers" in Package.swift; the
README's "Layout" table must give every module the same layer. Run from the package root
(`.ci/run` does); exits 1 naming each import that is undeclared or points up or sideways.
"""
import json
import os
import re
import subprocess
import sys

# Modules of the toolchain and the system: importing them needs no declaration.
SYSTEM = {"Foundation", "FoundationNetworking", "FoundationEssentials", "Dispatch", "Glibc", "Darwin", "Testing",
          "XCTest", "Synchronization", "_Concurrency", "os"}
# Modules that packages' products bring, by product name.
PRODUCT_MODULES = {"GRDB": ["GRDB"], "ArgumentParser": ["ArgumentParser"], "Logging": ["Logging"],
                   "Hummingbird": ["Hummingbird", "HummingbirdCore"], "HummingbirdTesting": ["HummingbirdTesting"], "Yams": ["Yams"],
                    "PostgresNIO": ["PostgresNIO"], "NIOSSL": ["NIOSSL"], "NIOPosix": ["NIOPosix"],
                    "NIOCore": ["NIOCore"]}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+|(?:public|internal|package)\s+)?import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def layers_from_manifest(text):
    block = re.search(r"// Layers[^\n]*\n(?://\D[^\n]*\n)*?((?://\s+\d+\s+[^\n]*\n)+)", text)
    if not block:
        sys.exit("check-imports: no '// Layers' block of '// N Module, …' lines in Package.swift")
    layers = {}
    for line in block.group(1).splitlines():
        number, names = re.match(r"//\s+(\d+)\s+(.*)", line).groups()
        for name in re.split(r"[,\s]+", names.split("—")[0].strip()):
            if name:
                layers[name] = int(number)
    return layers


def layers_from_readme(text):
    layers = {}
    for number, name in re.findall(r"^\|\s*(\d+)\s*\|\s*`([A-Za-z]+)`\s*\|", text, re.M):
        layers[name] = int(number)
    return layers


def main():
    manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True,
                                         text=True).stdout)
    layers = layers_from_manifest(open("Package.swift").read())
    problems = []
    readme = layers_from_readme(open("README.md").read())
    if readme != layers:
        problems.append(f"README 'Layout' layers {sorted(readme.items())} differ from Package.swift's {sorted(layers.items())}")
    targets = {t["name"]: t for t in manifest["targets"]}
    for name, target in sorted(targets.items()):
        if target["type"] == "system":
            continue
        declared = set()
        for dependency in target["dependencies"]:
            if "byName" in dependency:
                declared.add(dependency["byName"][0])
            elif "target" in dependency:
                declared.add(dependency["target"][0])
            elif "product" in dependency:
                declared.update(PRODUCT_MODULES.get(dependency["product"][0], [dependency["product"][0]]))
        library = target["type"] in ("regular", "executable") and not target.get("path", "").startswith(("Tests", "Benchmarks", "Fuzz"))
        if library and name not in layers:
            problems.append(f"{name}: not in Package.swift's layer block")
        root = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
        for directory, _, files in os.walk(root):
            for file in sorted(files):
                if not file.endswith(".swift"):
                    continue
                path = os.path.join(directory, file)
                for module in IMPORT.findall(open(path, encoding="utf-8").read()):
                    if module in SYSTEM or module == name:
                        continue
                    if module not in declared:
                        problems.append(f"{path}: imports {module}, which Package.swift does not declare for {name}")
                    elif library and module in layers and layers[module] >= layers[name]:
                        problems.append(f"{path}: {name} (layer {layers[name]}) imports {module} (layer {layers[module]})")
    for problem in problems:
        print("check-imports:", problem)
    print(f"check-imports: {len(targets)} targets, {len(layers)} layered modules, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
