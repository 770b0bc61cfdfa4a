#!/usr/bin/env bash
# Builds the benchmarks in release mode and measures parsing of the generated customer
# collection, compact and pretty-printed, then the same files with Python's parsers.
#
#   Benchmarks/run.sh            # 200,000 items
#   ITEMS=20000 Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=${SCRATCH_PATH:-.build-bench}
items=${ITEMS:-200000}
swift build -c release --scratch-path "$scratch" --product pc-contract-benchmarks
bench="$scratch/release/pc-contract-benchmarks"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for layout in compact pretty; do
  flag=$([ "$layout" = pretty ] && echo --pretty || true)
  echo "== $layout"
  "$bench" parse --items "$items" $flag
  "$bench" --write "$work/customers-$layout.json" --items "$items" $flag > /dev/null
  python3 Benchmarks/compare.py "$work/customers-$layout.json"
done
