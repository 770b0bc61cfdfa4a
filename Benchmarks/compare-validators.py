#!/usr/bin/env python3
"""Times Python JSON Schema validators on the benchmark document and prints our ratio to each.

Usage: compare-validators.py DOCUMENT SCHEMA OUR_PARSE_MBPS OUR_VALIDATE_MBPS OUR_END_TO_END_MBPS

Run through Benchmarks/compare-python.sh, which makes a throwaway venv and the document.
Figures are MB/s of the document's size, best of three runs, format assertion on, all errors.
fastjsonschema stops at the first error, so it runs on the document without its planted invalid
items; Python jsonschema is slow enough that it runs on the first 20,000 items and is scaled.
"""
import sys
import time

import fastjsonschema
import jsonschema
import jsonschema_rs
import orjson


def best_of(runs, body):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    document_path, schema_path = sys.argv[1:3]
    our_parse, our_validate, our_end_to_end = (float(figure) for figure in sys.argv[3:6])
    raw = open(document_path, "rb").read()
    schema = orjson.loads(open(schema_path, "rb").read())
    megabytes = len(raw) / 1e6
    print(f"document: {megabytes:.1f} MB")

    parse_seconds = best_of(3, lambda: orjson.loads(raw))
    instance = orjson.loads(raw)
    rs = jsonschema_rs.validator_for(schema, validate_formats=True)
    rs_errors = []
    rs_seconds = best_of(3, lambda: rs_errors.append(sum(1 for _ in rs.iter_errors(instance))))
    end_to_end_seconds = best_of(
        3, lambda: sum(1 for _ in rs.iter_errors(orjson.loads(raw))))

    valid_instance = dict(instance)
    valid_instance["items"] = [item for item in instance["items"] if rs.is_valid(
        {"totalCount": 1, "items": [item], "attributes": {"objectType": "Collection"}})]
    valid_instance["totalCount"] = len(valid_instance["items"])
    fast = fastjsonschema.compile(schema, formats={})
    fast_seconds = best_of(3, lambda: fast(valid_instance))

    sample = dict(instance)
    sample["items"] = instance["items"][:20000]
    share = len(sample["items"]) / max(1, len(instance["items"]))
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    slow_seconds = best_of(1, lambda: sum(1 for _ in checker.iter_errors(sample))) / share

    rows = [
        ("orjson parse", megabytes / parse_seconds, our_parse),
        ("jsonschema-rs validate (parsed)", megabytes / rs_seconds, our_validate),
        ("orjson + jsonschema-rs end to end", megabytes / end_to_end_seconds, our_end_to_end),
        ("fastjsonschema validate (parsed, valid items only)", megabytes / fast_seconds, our_validate),
        ("python jsonschema validate (parsed, scaled from 20k items)", megabytes / slow_seconds,
         our_validate),
    ]
    print(f"jsonschema-rs found {rs_errors[-1]} errors")
    for name, rate, ours in rows:
        print(f"{name}: {rate:.1f} MB/s; pc-contract is {ours / rate:.2f}x")


if __name__ == "__main__":
    main()
