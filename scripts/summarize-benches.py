#!/usr/bin/env python3
"""Summarise the last criterion run of brief's benches as Markdown tables.

Reads target/criterion/**/new/{benchmark,estimates}.json (written by
`cargo bench`) and prints the median of each benchmark with its 95%
confidence interval, plus the ratios issue 4 sets targets for: load against
the bare-parse floor, and each keystroke on `large` against `small`.
Numbers come only from criterion's files; nothing is typed in.

Usage: python3 scripts/summarize-benches.py [CRITERION_DIR]
"""

import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def load(directory):
    results = {}
    for path in glob.glob(os.path.join(directory, "**", "new", "benchmark.json"), recursive=True):
        with open(path) as f:
            bench = json.load(f)
        with open(os.path.join(os.path.dirname(path), "estimates.json")) as f:
            estimates = json.load(f)
        median = estimates["median"]
        results[bench["full_id"]] = (
            median["point_estimate"],
            median["confidence_interval"]["lower_bound"],
            median["confidence_interval"]["upper_bound"],
        )
    return results


def human(ns):
    if ns >= 1e9:
        return f"{ns / 1e9:.3g} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.3g} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.3g} µs"
    return f"{ns:.3g} ns"


def cell(results, key):
    if key not in results:
        return "–"
    median, low, high = results[key]
    return f"{human(median)} ({human(low)}–{human(high)})"


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TARGET, "criterion")
    results = load(directory)
    if not results:
        print(f"no criterion results under {directory}; run `cargo bench` first", file=sys.stderr)
        return 1
    median = lambda key: results[key][0] if key in results else None

    print("#### Load (`cargo bench --bench load`)\n")
    print("| size | bare parse (floor) | load | load ÷ floor | load from memory |")
    print("|---|---|---|---|---|")
    for size in ("small", "medium", "large"):
        floor, full = median(f"load/bare_parse/{size}"), median(f"load/load/{size}")
        ratio = f"{full / floor:.2f}×" if floor and full else "–"
        print(f"| {size} | {cell(results, f'load/bare_parse/{size}')} | "
              f"{cell(results, f'load/load/{size}')} | **{ratio}** | "
              f"{cell(results, f'load/load_in_memory/{size}')} |")
    for size in ("plain", "line"):
        print(f"| {size} (text only) | – | {cell(results, f'load/text_only/{size}')} | – | – |")

    print("\n#### First frame in process (`cargo bench --bench load`): preview or load, state at 200x60, draw\n")
    print("| size | median (95% CI) |")
    print("|---|---|")
    for size in ("small", "plain", "line", "large"):
        print(f"| {size} | {cell(results, f'first_frame/{size}')} |")

    print("\n#### The first frame's bytes (`cargo bench --bench load`): `terminal::encode_first_frame` at 200x60\n")
    print("| size | median (95% CI) |")
    print("|---|---|")
    for size in ("small", "large"):
        print(f"| {size} | {cell(results, f'first_frame_bytes/{size}')} |")

    print("\n#### The full load landing in the reader (`cargo bench --bench load`): swap, then a frame\n")
    print("| size | median (95% CI) |")
    print("|---|---|")
    for size in ("plain", "large"):
        print(f"| {size} | {cell(results, f'landing/{size}')} |")

    print("\n#### Keystroke → frame at 200x60 (`cargo bench --bench keys`)\n")
    print("| key | small | medium | large | large ÷ small | large ÷ medium | line |")
    print("|---|---|---|---|---|---|---|")
    groups = sorted({key.rsplit("/", 1)[0] for key in results if key.startswith("keys/")},
                    key=lambda g: (g != "keys/redraw_only", g))
    for group in groups:
        small, medium, large = (median(f"{group}/{size}") for size in ("small", "medium", "large"))
        ratio = f"{large / small:.2f}×" if small and large else "–"
        by_size = f"{large / medium:.2f}×" if medium and large else "–"
        name = group.split("/", 1)[1]
        print(f"| `{name}` | {cell(results, group + '/small')} | {cell(results, group + '/medium')} | "
              f"{cell(results, group + '/large')} | **{ratio}** | {by_size} | {cell(results, group + '/line')} |")

    print("\n#### Search (`cargo bench --bench search`)\n")
    print("| bench | median (95% CI) |")
    print("|---|---|")
    for key in sorted(k for k in results if k.startswith("search/")):
        print(f"| `{key}` | {cell(results, key)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
