#!/usr/bin/env bash
# Compares pc-contract's parse and parse+validate throughput with Python tools on the same
# generated document: orjson, jsonschema-rs, fastjsonschema and jsonschema, installed into a
# throwaway venv (needs PyPI). Usage: Benchmarks/compare-python.sh [ITEMS]
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet orjson jsonschema-rs fastjsonschema jsonschema

swift build -c release --product pc-contract-benchmarks >/dev/null
bench=.build/release/pc-contract-benchmarks
"$bench" --write "$work/document.json" --items "$items"
output="$("$bench" parse-validate --input "$work/document.json" --repetitions 3)"
echo "$output"
parse=$(echo "$output" | sed -n 's/^parse: .* = \([0-9.]*\) MB\/s.*/\1/p' | head -n 1)
validate=$(echo "$output" | sed -n 's/^validate: .* = \([0-9.]*\) MB\/s.*/\1/p' | head -n 1)
end_to_end=$(echo "$output" | sed -n 's/^parse+validate: .* = \([0-9.]*\) MB\/s.*/\1/p' | head -n 1)
"$work/venv/bin/python" Benchmarks/compare-validators.py "$work/document.json" \
  Benchmarks/customer-usage-benchmark.schema.json "$parse" "$validate" "$end_to_end"
