#!/usr/bin/env bash
# mcpguard against ajv on the same schemas and messages, parse included on
# both sides (JsonParser::Parse + CompiledSchema::Validate against
# JSON.parse + ajv's compiled validator), in one run:
#   1. build build-bench/ (Release) unless SKIP_BUILD=1;
#   2. write the fixtures (mcpguard_benchmarks --dump_validation_fixtures);
#   3. time mcpguard (Google Benchmark, median of 10) and ajv (node, median of 10);
#   4. print ns/message and mcpguard / ajv (target: <= 0.5, i.e. 2x faster).
# Needs node and `npm ci` (ajv is pinned in package.json).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-bench}"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DMCPGUARD_BUILD_TOOLS=OFF -DMCPGUARD_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$build" --target mcpguard_benchmarks -j"${JOBS:-2}" >/dev/null
fi
bench="$build/benchmarks/mcpguard_benchmarks"
fixtures="$(mktemp -d)"
trap 'rm -rf "$fixtures"' EXIT

"$bench" --dump_validation_fixtures="$fixtures"
"$bench" --benchmark_filter='BM_ParseAndValidate(Call20|ToolsList)$' \
  --benchmark_repetitions=10 --benchmark_report_aggregates_only=true \
  --benchmark_format=json >"$fixtures/mcpguard.json" 2>/dev/null
node "$repo/benchmarks/ajv/bench.mjs" "$fixtures" >"$fixtures/ajv.json"

python3 - "$fixtures/mcpguard.json" "$fixtures/ajv.json" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
ajv = json.load(open(sys.argv[2]))
ctx = ours["context"]
print(f"{ctx.get('date', '')}  {ctx.get('num_cpus', '?')} CPUs  load {ctx.get('load_avg', '')}"
      f"  node {ajv['node']}  ajv {ajv['ajv']}")
median = {b["run_name"]: 1e9 / b["items_per_second"]
          for b in ours["benchmarks"] if b.get("aggregate_name") == "median"}
rows = [("tools/call, 20 arguments", "BM_ParseAndValidateCall20", "call20"),
        ("tools/list result, 100 tools", "BM_ParseAndValidateToolsList", "tools_list")]
print(f"\n{'parse + validate':<30} {'mcpguard ns':>12} {'ajv ns':>10} {'mcpguard/ajv':>13}")
for label, ours_name, ajv_name in rows:
    a, b = median[ours_name], ajv[ajv_name]
    verdict = "met" if a / b <= 0.5 else "MISSED"
    print(f"{label:<30} {a:>12.0f} {b:>10.0f} {a / b:>12.2f}x  target <= 0.5: {verdict}")
PY
