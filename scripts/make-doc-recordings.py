#!/usr/bin/env python3
"""Writes recordings/ from the documentation examples in ../shared/seeds/.

Takes each page's request example (method, URL, headers without `Authorization`) and response
example (status, headers, body), and writes them in RecordingCodec's canonical format (sorted
keys, two spaces, LF, trailing newline); `DocumentationRecordingsTests` checks that decoding
and re-encoding a file with RecordingCodec gives the same bytes, and that they validate clean.
The capture time is the response's documented `Date`. Run:
python3 scripts/make-doc-recordings.py [SEEDS_DIR]
"""
import email.utils
import json
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
seeds = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "seeds")
version = re.search(r'current = "([^"]+)"', open(os.path.join(
    root, "Sources", "PartnerCenterContracts", "ToolVersion.swift")).read()).group(1)
SECRET = {"authorization", "proxy-authorization", "cookie"}


def blocks(text):
    return re.findall(r"```http\n(.*?)```", text, re.S)


def headers(lines):
    result = {}
    for line in lines:
        name, _, value = line.partition(":")
        if name.strip().lower() in SECRET:
            continue
        result[name.strip()] = value.strip()
    return result


def number(text):
    # RecordingCodec writes a number by its value: 0.0 as 0.
    value = float(text)
    return int(value) if value.is_integer() else value


written = {}
for name in sorted(os.listdir(seeds)):
    text = open(os.path.join(seeds, name), encoding="utf-8").read()
    found = blocks(text)
    request = next(b for b in found if b.startswith("GET "))
    response = next(b for b in found if b.startswith("HTTP/"))
    request_lines = request.strip("\n").split("\n")
    method, url, _ = request_lines[0].split(" ")
    head, _, body = response.partition("\n\n")
    response_lines = head.split("\n")
    status = int(response_lines[0].split(" ")[1])
    response_headers = headers(response_lines[1:])
    captured = email.utils.parsedate_to_datetime(response_headers["Date"])
    match = re.search(r"/v1/customers/([^/]+)/analytics/licenses/usage$", url)
    recording = {
        "formatVersion": 1,
        "endpoint": "customer-licenses-usage" if match else "partner-licenses-usage",
        "request": {"method": method, "url": url, "headers": headers(request_lines[1:])},
        "response": {"status": status, "headers": response_headers, "body": json.loads(body, parse_float=number)},
        "capturedAt": captured.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "toolVersion": version,
    }
    path = "partner/licenses-usage.json"
    if match:
        recording["customerId"] = match.group(1)
        path = f"customers/{match.group(1)}/licenses-usage.json"
    out = json.dumps(recording, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if path in written and written[path] != out:
        raise SystemExit(f"{name}: differs from an earlier translation of the same page")
    written[path] = out
for path, out in written.items():
    full = os.path.join(root, "recordings", path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(out)
    print("wrote recordings/" + path)
