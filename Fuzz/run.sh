#!/usr/bin/env bash
# Builds the JSON parser fuzzer (libFuzzer + AddressSanitizer) and runs it.
#
#   Fuzz/run.sh                   # ten minutes
#   SECONDS_TO_RUN=3600 Fuzz/run.sh
#
# The work corpus, Fuzz/corpus-work/ (git-ignored), starts from the committed seeds in
# Fuzz/corpus/ and keeps what the fuzzer finds between runs. Crashing inputs are written to
# Fuzz/out/ as crash-<sha1>; turn each into a regression test in Tests/JSONCoreTests.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p Fuzz/out Fuzz/corpus-work
swiftc -sanitize=fuzzer,address -parse-as-library -O \
  Sources/JSONCore/*.swift Fuzz/ParserFuzzer.swift -o Fuzz/out/parser-fuzzer
cp -n Fuzz/corpus/* Fuzz/corpus-work/ 2>/dev/null || true

# The Swift runtime's backtracer would only add noise to AddressSanitizer's report.
export SWIFT_BACKTRACE=enable=no
exec Fuzz/out/parser-fuzzer \
  -max_total_time="${SECONDS_TO_RUN:-600}" \
  -max_len="${MAX_LEN:-4096}" \
  -dict=Fuzz/json.dict \
  -artifact_prefix=Fuzz/out/ \
  -print_final_stats=1 \
  Fuzz/corpus-work
