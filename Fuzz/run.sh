#!/usr/bin/env bash
# Builds a fuzzer (libFuzzer + AddressSanitizer) and runs it.
#
#   Fuzz/run.sh                   # the JSON parser, ten minutes
#   Fuzz/run.sh http              # the replay server's HTTP request parser
#   SECONDS_TO_RUN=3600 Fuzz/run.sh
#
# The work corpus, Fuzz/corpus-work/ (Fuzz/corpus-work-http/ for http; git-ignored), starts
# from the committed seeds in Fuzz/corpus/ (Fuzz/corpus-http/) and keeps what the fuzzer finds
# between runs. Crashing inputs are written to Fuzz/out/ as crash-<sha1>; turn each into a
# regression test in Tests/JSONCoreTests (Tests/PartnerCenterContractsTests/Replay for http).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-parser}"
mkdir -p Fuzz/out
case "$target" in
  parser)
    sources=(Sources/JSONCore/*.swift Fuzz/ParserFuzzer.swift)
    seeds=Fuzz/corpus work=Fuzz/corpus-work dict=Fuzz/json.dict max_len="${MAX_LEN:-4096}"
    ;;
  http)
    sources=(Sources/PartnerCenterContracts/HTTP/HTTPHeaders.swift
      Sources/PartnerCenterContracts/HTTP/HTTPServerRequest.swift
      Sources/PartnerCenterContracts/HTTP/HTTPRequestParser.swift Fuzz/HTTPRequestFuzzer.swift)
    seeds=Fuzz/corpus-http work=Fuzz/corpus-work-http dict=Fuzz/http.dict
    max_len="${MAX_LEN:-2048}"
    ;;
  *)
    echo "usage: Fuzz/run.sh [parser|http]" >&2
    exit 2
    ;;
esac

mkdir -p "$work"
swiftc -sanitize=fuzzer,address -parse-as-library -package-name PartnerCenterContracts -O "${sources[@]}" -o "Fuzz/out/$target-fuzzer"
cp -n "$seeds"/* "$work"/ 2>/dev/null || true

# The Swift runtime's backtracer would only add noise to AddressSanitizer's report.
export SWIFT_BACKTRACE=enable=no
exec "Fuzz/out/$target-fuzzer" \
  -max_total_time="${SECONDS_TO_RUN:-600}" \
  -max_len="$max_len" \
  -dict="$dict" \
  -artifact_prefix=Fuzz/out/ \
  -print_final_stats=1 \
  "$work"
