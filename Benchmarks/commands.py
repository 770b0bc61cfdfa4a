#!/usr/bin/env python3
"""Times the built pc-contract as a user runs it, a fresh process per run, beside Python peers
(orjson plus jsonschema-rs, formats on) on the same inputs, and prints each ratio.

Usage: commands.py TOOL WORK   (run through Benchmarks/commands.sh, which builds the tool, makes
the inputs in WORK and a throwaway venv for the peers). Figures are medians of RUNS (default 5)
wall-clock runs; a ratio above 1 means pc-contract is faster.
"""
import os
import resource
import statistics
import subprocess
import sys
import time

import jsonschema_rs
import orjson

RUNS = int(os.environ.get("RUNS", "5"))
SCHEMA = os.path.join(os.path.dirname(__file__), "customer-usage-benchmark.schema.json")


def median_seconds(command, cwd=None):
    """The median wall time of RUNS fresh runs of `command`, after one warm-up run."""
    times = []
    for run in range(RUNS + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if run:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def peer(paths):
    """The peer as a fresh process: parse each file with orjson, validate its body."""
    return [sys.executable, __file__, "--peer"] + paths


def files_below(folder):
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found += [os.path.join(root, n) for n in sorted(names) if n.endswith(".json")]
    return found


def run_peer(paths):
    validator = jsonschema_rs.validator_for(
        orjson.loads(open(SCHEMA, "rb").read()), validate_formats=True)
    errors = 0
    for path in paths:
        files = files_below(path) if os.path.isdir(path) else [path]
        for file in files:
            document = orjson.loads(open(file, "rb").read())
            body = document["response"]["body"] if "response" in document else document
            errors += sum(1 for _ in validator.iter_errors(body))
    print(errors)


def parse_only(paths):
    for path in paths:
        for file in files_below(path):
            orjson.loads(open(file, "rb").read())


def report(name, ours, theirs, target):
    ratio = theirs / ours
    print(f"{name}: pc-contract {ours:.3f} s, {target[0]} {theirs:.3f} s, "
          f"{ratio:.2f}x ({target[1]})")


def main():
    if sys.argv[1] == "--peer":
        run_peer(sys.argv[2:])
        return
    if sys.argv[1] == "--parse":
        parse_only(sys.argv[2:])
        return
    tool, work = sys.argv[1:3]
    old, new = os.path.join(work, "recordings"), os.path.join(work, "changed")
    collection = os.path.join(work, "collection.json")
    count = len(files_below(old))
    report(f"validate DIR ({count} recordings)",
           median_seconds([tool, "validate", old]), median_seconds(peer([old])),
           ("peer", "target 3x"))
    report(f"check --offline ({count} recordings)",
           median_seconds([tool, "check", "--offline"], cwd=work), median_seconds(peer([old])),
           ("peer", "target 3x"))
    report("validate FILE (one customer, distinct identities)",
           median_seconds([tool, "validate", collection]),
           median_seconds(peer([collection])), ("peer", "target 3x"))
    diff = median_seconds([tool, "diff", old, new])
    parse = median_seconds([sys.executable, __file__, "--parse", old, new])
    print(f"diff OLD NEW ({count} recordings each, 30% of values changed): pc-contract "
          f"{diff:.3f} s, {diff / parse:.2f}x orjson parsing both folders ({parse:.3f} s; "
          f"target under 2x the time to parse both)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([tool, "capture", "customers", "--base-url", os.environ["REPLAY"], "--out",
                    os.path.join(work, "captured"), "--quiet"],
                   env=dict(os.environ, PARTNER_CENTER_TOKEN="benchmark"), check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"capture customers ({count} from a local replay, no latency): {wall:.2f} s wall, "
          f"{1000 * cpu / (count + 1):.2f} ms of CPU per response")


if __name__ == "__main__":
    main()
