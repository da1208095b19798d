#!/usr/bin/env python3
"""Lists every crate of brief's Cargo.lock with its licence, its licence
files and what it is used for, as Markdown: the licence list an
air-gapped site audits before it brings the bundle in.

Run from a folder where cargo finds every crate (scripts/offline-bundle
runs it in the bundle, whose third-party/ holds them); it reads only `cargo metadata` and `cargo tree`, offline.

    python3 scripts/list-licences.py > THIRD-PARTY-LICENSES.md
"""

import collections
import json
import os
import subprocess
import sys

HOST = "x86_64-unknown-linux-gnu"
LICENCE_FILES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")


def metadata(*extra):
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--offline", *extra],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def built(edges, target):
    """(name, version) of every crate `cargo tree` builds with these kinds of
    dependency for `target` ("all": any platform). cargo tree resolves
    features as a build does; `cargo metadata`'s graph also lists optional
    dependencies no feature turns on."""
    out = subprocess.run(
        ["cargo", "tree", "--locked", "--offline", "-e", edges, "--target", target,
         "--prefix", "none", "--format", "{p}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    crates = set()
    for line in out.splitlines():
        words = line.split()
        if len(words) >= 2 and words[1].startswith("v"):
            crates.add((words[0], words[1][1:]))
    return crates


def licence_files(manifest_path):
    folder = os.path.dirname(manifest_path)
    found = sorted(
        name
        for name in os.listdir(folder)
        if name.upper().startswith(LICENCE_FILES)
    )
    rel = os.path.relpath(folder)
    return [f"{rel}/{name}" for name in found]


def main():
    everything = metadata()
    program_here = built("normal,build", HOST)
    program_anywhere = built("normal,build", "all")
    tests = built("normal,build,dev", "all")
    root = everything["resolve"]["root"]
    packages = sorted(
        (p for p in everything["packages"] if p["id"] != root),
        key=lambda p: (p["name"], p["version"]),
    )
    own = next(p for p in everything["packages"] if p["id"] == root)
    by_licence = collections.Counter(p.get("license") or "(none given)" for p in packages)

    out = sys.stdout
    out.write("# Third-party licences\n\n")
    out.write(
        f"brief {own['version']} is licensed {own['license']}. The bundle holds the "
        f"{len(packages)} crates of its Cargo.lock, each with the licence files it "
        "was published with: the registry's in third-party/, and any crate brief "
        "patches in vendor/ (see vendor/README.md). This list is made by scripts/list-licences.py "
        "from `cargo metadata` and `cargo tree`, so it matches Cargo.lock exactly.\n\n"
    )
    out.write(
        "Used for: **brief** is built with brief on Linux x86-64 (into the program, "
        "or run while it compiles: build scripts and derive macros); "
        "**brief, other platforms** only on other targets (cargo needs them present to "
        "resolve Cargo.lock, but does not build them here); **tests** only for "
        "`cargo test` and the benchmarks; **not built**: in Cargo.lock for a feature "
        "brief does not turn on.\n\n"
    )
    out.write("## By licence\n\n| licence | crates |\n|---|---|\n")
    for licence, count in sorted(by_licence.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"| {licence} | {count} |\n")
    out.write("\n## Crates\n\n| crate | version | licence | used for | licence files |\n")
    out.write("|---|---|---|---|---|\n")
    missing = []
    for package in packages:
        crate = (package["name"], package["version"])
        if crate in program_here:
            use = "brief"
        elif crate in program_anywhere:
            use = "brief, other platforms"
        elif crate in tests:
            use = "tests"
        else:
            use = "not built"
        files = licence_files(package["manifest_path"])
        if package.get("license_file"):
            files.append(os.path.relpath(os.path.join(
                os.path.dirname(package["manifest_path"]), package["license_file"])))
        files = sorted(set(files))
        licence = package.get("license") or "(none given)"
        if not files:
            missing.append(package["name"])
        shown = ", ".join(f"`{f}`" for f in files) or "(none in the crate)"
        out.write(f"| {package['name']} | {package['version']} | {licence} | {use} | {shown} |\n")
    if missing:
        out.write(
            "\nCrates published without a licence file of their own (their licence is "
            f"the expression above): {', '.join(sorted(set(missing)))}.\n"
        )


if __name__ == "__main__":
    main()
