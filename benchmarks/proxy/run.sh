#!/usr/bin/env bash
# The proxy's added latency per tools/call round trip: builds the proxy
# benchmark (Release, in build-bench/), runs straight and proxied round
# trips interleaved, 5 repetitions each, and prints the medians of their p50
# and p99 and the difference (target: under 50 µs added at the median).
# Usage: benchmarks/proxy/run.sh [extra benchmark flags...]
# Environment: BUILD_DIR (default <repo>/build-bench), JOBS (default 2),
# SKIP_BUILD=1 to run the binary already built.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
out="$build/proxy_benchmark.json"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DMCPGUARD_BUILD_TOOLS=ON \
    -DMCPGUARD_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$build" --target mcpguard_proxy_benchmark -j"${JOBS:-2}" >/dev/null
fi

"$build/benchmarks/proxy/mcpguard_proxy_benchmark" \
  --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
  --benchmark_min_time=1 \
  --benchmark_format=json --benchmark_out_format=json --benchmark_out="$out" \
  "$@" >/dev/null

python3 - "$out" <<'PY'
import json, statistics, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("run_type") == "iteration"]
def median(proxied, counter):
    return statistics.median(b[counter] for b in runs if f"proxied:{proxied}" in b["name"])
for counter in ("p50_us", "p99_us"):
    direct, proxied = median(0, counter), median(1, counter)
    print(f"{counter}: direct {direct:7.1f} µs   through the proxy {proxied:7.1f} µs   "
          f"added {proxied - direct:6.1f} µs")
PY
