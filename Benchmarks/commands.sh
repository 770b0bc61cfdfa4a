#!/usr/bin/env bash
# The commands as users run them, timed beside Python peers: builds the release tool, captures
# RECORDINGS customers from a local replay (the folder users have), changes 30% of its values
# for diff, writes an ITEMS-item collection, installs orjson and jsonschema-rs into a throwaway
# venv (needs PyPI) and runs Benchmarks/commands.py. Usage: Benchmarks/commands.sh [RECORDINGS] [ITEMS]
set -euo pipefail
cd "$(dirname "$0")/.."
recordings="${1:-5000}"
items="${2:-200000}"
work="$(mktemp -d)"
replay=""
trap '[ -n "$replay" ] && kill "$replay" 2>/dev/null; rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet orjson jsonschema-rs
swift build -c release --product pc-contract >/dev/null
swift build -c release --product pc-contract-benchmarks >/dev/null
tool="$PWD/.build/release/pc-contract"

"$tool" replay --port 0 --synthesize "$recordings" --seed 7 --quiet >"$work/port" &
replay=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
export REPLAY="http://127.0.0.1:$(head -n 1 "$work/port")"
PARTNER_CENTER_TOKEN=benchmark "$tool" capture customers --base-url "$REPLAY" \
  --out "$work/recordings" --quiet
"$work/venv/bin/python" - "$work/recordings" "$work/changed" <<'PY'
import os, random, shutil, sys
import orjson
old, new = sys.argv[1:3]
shutil.copytree(old, new)
random.seed(7)
for root, _, names in os.walk(new):
    for name in names:
        path = os.path.join(root, name)
        recording = orjson.loads(open(path, "rb").read())
        for item in recording["response"]["body"]["items"]:
            if random.random() < 0.3:
                item["licensesActive"] = item["licensesActive"] + 1
        open(path, "wb").write(orjson.dumps(recording, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
PY
.build/release/pc-contract-benchmarks --write "$work/collection.json" --items "$items" --one-customer >/dev/null
"$work/venv/bin/python" Benchmarks/commands.py "$tool" "$work"
