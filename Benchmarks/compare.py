#!/usr/bin/env python3
"""Times Python JSON parsers on a file, for comparison with pc-contract-benchmarks.

    swift run -c release pc-contract-benchmarks --write /tmp/customers.json
    python3 Benchmarks/compare.py /tmp/customers.json

Prints lines in the benchmark's format: `json.loads: 82.1 MB in 0.912 s = 90.0 MB/s (best of 5)`.
Uses the standard library's json, and orjson when it is installed.
"""
import json
import sys
import time


def measure(name, function, data, repetitions=5):
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        result = function(data)
        elapsed = time.perf_counter() - start
        del result
        best = min(best, elapsed)
    megabytes = len(data) / 1_000_000
    print(f"{name}: {megabytes:.1f} MB in {best:.3f} s = {megabytes / best:.1f} MB/s (best of {repetitions})")


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip())
        return 2
    with open(sys.argv[1], "rb") as file:
        data = file.read()
    measure("json.loads", json.loads, data)
    try:
        import orjson
    except ImportError:
        print("orjson: not installed")
    else:
        measure("orjson.loads", orjson.loads, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
