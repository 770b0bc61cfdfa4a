#!/usr/bin/env python3
"""Writes the parser fuzzer's seed corpus, Fuzz/corpus/, from small public inputs.

Seeds: "data" values of the JSON Schema Test Suite (draft 2020-12), the JSON response bodies
of the Partner Center documentation samples, and hand-written edge cases (valid and invalid).
Run from the repository root: python3 Fuzz/make-seeds.py [SHARED_DIR]
"""
import glob
import hashlib
import json
import os
import re
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
out = "Fuzz/corpus"
os.makedirs(out, exist_ok=True)
seeds = []

# 1. Two small "data" values from every test-suite file.
for path in sorted(glob.glob(os.path.join(shared, "json-schema-test-suite/tests-draft2020-12/*.json"))):
    taken = 0
    with open(path, encoding="utf-8") as file:
        groups = json.load(file)
    for group in groups:
        for test in group["tests"]:
            text = json.dumps(test["data"], ensure_ascii=False, separators=(",", ":"))
            if 2 <= len(text) <= 400 and taken < 2:
                seeds.append(("suite", text.encode("utf-8")))
                taken += 1

# 2. JSON bodies of the documentation samples, as written (4-space indented).
for path in sorted(glob.glob(os.path.join(shared, "seeds/*.txt"))):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    for match in re.finditer(r"HTTP/1\.1 200 OK\n(?:[^\n]+\n)*\n(\{.*?\n\})", text, re.S):
        body = match.group(1)
        seeds.append(("doc", body.encode("utf-8")))
        value = json.loads(body)
        seeds.append(("doc", json.dumps(value, separators=(",", ":")).encode("utf-8")))
        seeds.append(("doc", json.dumps(value, indent=2, sort_keys=True).encode("utf-8")))
        for item in value.get("items", [])[:3]:
            seeds.append(("doc", json.dumps(item, separators=(",", ":")).encode("utf-8")))

# 3. Edge cases.
edge = [
    b"\xef\xbb\xbf{\"bom\": true}",
    b"[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u00e9\\uD83D\\uDE00\"]",
    b"\"\\uD800\"", b"\"\\uDC00\"", b"\"\\uD800\\u0041\"",
    b"[0, -0, 1.0, -1.5e-7, 1E+400, 1e-400, 18446744073709551616, 0.0075, 123456789012345678901234567890]",
    b"[9223372036854775807, -9223372036854775808, 9223372036854775808, 1e1000000000]",
    b"{\"a\": 1, \"a\": 2, \"b\": {\"c\": [], \"c\": {}}}",
    b"{\"\xc3\xa9\": 1, \"e\xcc\x81\": 2}",
    b"[\"\xf4\x8f\xbf\xbf\", \"\xe6\x97\xa5\xe6\x9c\xac\", \"\xc3\xa9\"]",
    b"[" * 600 + b"]" * 600,
    b"{\"k\":" * 100 + b"null" + b"}" * 100,
    b"[1,]", b"{\"a\":1,}", b"// comment\n1", b"01", b"NaN", b"+1", b".5", b"1.", b"\"\x01\"",
    b"\"\xc0\xaf\"", b"\"\xed\xa0\x80\"", b"\"\xf4\x90\x80\x80\"", b"\"\xe2\x82\"", b"\xc2\xa0[]",
    b"[true, false, null, \"\", {}, []]",
    b"{\"customerId\":\"3e4f1d2a-0000-4000-8000-000000000001\",\"usagePercent\":83.33,\"licensesActive\":125}",
    b"  \r\n\t[ ]\r\n",
]
for text in edge:
    seeds.append(("edge", text))

unique = {}
for kind, data in seeds:
    unique.setdefault(data, kind)
for data, kind in unique.items():
    name = f"{kind}-{hashlib.sha1(data).hexdigest()[:12]}.json"
    with open(os.path.join(out, name), "wb") as file:
        file.write(data)
print(f"wrote {len(unique)} seeds to {out}")
