#!/usr/bin/env bash
# Builds the benchmarks (Release, in build-bench/), runs them 10 times each in
# one process and prints the medians and the ratios DESIGN.md budgets:
#   Check (50 rules) / parse floor      target <= 1.5 (without, then with validation)
#   Check (10,000 rules) / Check (50)   target <= 1.1
#   argument validation / parse floor   target <= 0.3
#   Check with argument conditions / parse floor   target <= 1.6
# Usage: benchmarks/run_benchmarks.sh [extra benchmark flags...]
# Environment: BUILD_DIR (default <repo>/build-bench), JOBS (default 2),
# OUT (the JSON results; default $BUILD_DIR/benchmarks.json), SKIP_BUILD=1 to
# run the binary already built.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
out="${OUT:-$build/benchmarks.json}"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DMCPGUARD_BUILD_TOOLS=OFF -DMCPGUARD_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$build" --target mcpguard_benchmarks -j"${JOBS:-2}" >/dev/null
fi

"$build/benchmarks/mcpguard_benchmarks" \
  --benchmark_repetitions=10 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out_format=json --benchmark_out="$out" \
  "$@" >/dev/null

python3 - "$out" <<'PY'
import json, sys

with open(sys.argv[1]) as f:
    results = json.load(f)
ctx = results["context"]
print(f"{ctx.get('date', '')}  {ctx.get('num_cpus', '?')} CPUs @ {ctx.get('mhz_per_cpu', '?')} MHz"
      f"  load {ctx.get('load_avg', '')}")
print(f"(libbenchmark itself was built as {ctx.get('library_build_type', '?')}; mcpguard is Release)")

medians, cvs = {}, {}
for b in results["benchmarks"]:
    if b.get("aggregate_name") == "median":
        medians[b["run_name"]] = b
    elif b.get("aggregate_name") == "cv":
        cvs[b["run_name"]] = b["cpu_time"]

def ns_per_message(name):
    b = medians.get(name)
    if b is None or "items_per_second" not in b:
        return None
    return 1e9 / b["items_per_second"]

# CPU time, not wall time: on a shared machine it is the steadier of the two.
print(f"\n{'benchmark (median of 10)':<27} {'ns/message':>10} {'messages/s':>11} {'MB/s':>7} {'cv':>6}")
order = ["BM_ParseFloor", "BM_ParseFloorPair", "BM_ParseFloorIterativePair", "BM_ParseDefault",
         "BM_JsonParserPair", "BM_Check50RulesUnvalidated", "BM_Check50Rules",
         "BM_Check10000Rules", "BM_CheckDenied", "BM_ParseFloorCall20", "BM_ValidateArguments20",
         "BM_ParseAndValidateCall20", "BM_ParseFloorToolsList", "BM_ValidateToolsList",
         "BM_ParseAndValidateToolsList", "BM_ParseFloorArguments", "BM_CheckArguments",
         "BM_ParseFloorToolsListPair", "BM_CheckToolsListFiltered", "BM_CheckToolsListUnfiltered",
         "BM_CheckNoRateLimit", "BM_CheckUnmatchedRateLimit", "BM_CheckOneRateLimit",
         "BM_TokenBucketTake"]
for name in sorted(medians, key=lambda n: order.index(n) if n in order else len(order)):
    b = medians[name]
    ns = ns_per_message(name)
    mbs = b.get("bytes_per_second", 0) / 1e6
    cv = cvs.get(name, float("nan")) * 100
    if ns is None:  # Throughput benchmarks (detectors): bytes only.
        print(f"{name:<34} {'':>10} {'':>4} {mbs:>7.1f} {cv:>5.1f}%")
        continue
    print(f"{name:<27} {ns:>10.1f} {1e9 / ns:>11,.0f} {mbs:>7.1f} {cv:>5.1f}%")

def ratio(label, num, den, target=None):
    a, b = ns_per_message(num), ns_per_message(den)
    if a is None or b is None:
        print(f"{label}: missing {num if a is None else den}")
        return
    r = a / b
    verdict = "" if target is None else ("  target <= %.1f: %s" % (target, "met" if r <= target else "MISSED"))
    print(f"{label:<44} {r:6.2f}x{verdict}")

print()
ratio("Check50RulesUnvalidated / ParseFloorPair", "BM_Check50RulesUnvalidated",
      "BM_ParseFloorPair", 1.5)
ratio("Check50Rules / ParseFloorPair (validating)", "BM_Check50Rules", "BM_ParseFloorPair", 1.5)
ratio("Check10000Rules / Check50Rules", "BM_Check10000Rules", "BM_Check50Rules", 1.1)
ratio("ValidateArguments20 / ParseFloorCall20", "BM_ValidateArguments20",
      "BM_ParseFloorCall20", 0.3)
ratio("ValidateToolsList / ParseFloorToolsList", "BM_ValidateToolsList",
      "BM_ParseFloorToolsList")
ratio("CheckArguments / ParseFloorArguments", "BM_CheckArguments", "BM_ParseFloorArguments", 1.6)
ratio("CheckToolsListFiltered / ParseFloorToolsListPair", "BM_CheckToolsListFiltered",
      "BM_ParseFloorToolsListPair")
ratio("CheckToolsListUnfiltered / ParseFloorToolsListPair", "BM_CheckToolsListUnfiltered",
      "BM_ParseFloorToolsListPair")
ratio("CheckOneRateLimit / CheckNoRateLimit", "BM_CheckOneRateLimit", "BM_CheckNoRateLimit")
ratio("CheckOneRateLimit / ParseFloorPair", "BM_CheckOneRateLimit", "BM_ParseFloorPair")
ratio("CheckNoRateLimit / ParseFloorPair", "BM_CheckNoRateLimit", "BM_ParseFloorPair")
ratio("JsonParserPair / ParseFloorPair (context)", "BM_JsonParserPair", "BM_ParseFloorPair")
ratio("ParseFloorIterativePair / ParseFloorPair", "BM_ParseFloorIterativePair", "BM_ParseFloorPair")
ratio("ParseDefault / ParseFloor (context)", "BM_ParseDefault", "BM_ParseFloor")

# Detectors: time per byte of scanning clean text against parsing the same
# bytes as a JSON string (target: at most 1, scanning no slower than parsing).
for size in ("1024", "65536", "1048576"):
    scan = medians.get(f"BM_DetectorScanClean/{size}")
    floor = medians.get(f"BM_DetectorParseFloor/{size}")
    if scan is None or floor is None:
        continue
    r = floor["bytes_per_second"] / scan["bytes_per_second"]
    print(f"{'DetectorScanClean / DetectorParseFloor ' + size:<44} {r:6.2f}x"
          f"  target <= 1.0: {'met' if r <= 1.0 else 'MISSED'}")
PY
