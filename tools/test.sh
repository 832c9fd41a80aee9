#!/usr/bin/env bash
# The README's test command: sets up what is missing, builds warning-free and
# runs every test; then builds again with AddressSanitizer + UBSan and runs
# every test; then runs the concurrency tests under ThreadSanitizer.
# Build trees: build/ (release), build-asan/, build-tsan/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
export MCPGUARD_SPEC_DIR=${MCPGUARD_SPEC_DIR:-$(cd .. && pwd)/shared/mcp-spec}
# The official JSON-Schema-Test-Suite, as Debian ships it (tools/setup.sh).
export MCPGUARD_JSON_SCHEMA_TEST_SUITE=${MCPGUARD_JSON_SCHEMA_TEST_SUITE:-/usr/share/perl5/auto/share/dist/Test-JSON-Schema-Acceptance}

step() { printf '\n=== %s (%s) ===\n' "$*" "$(date -u +%H:%M:%S)"; }

# Totals over every stage, for the closing line.
passed=0 failed=0 skipped=0
# tally LOG [XML_DIR]: add a CTest or GoogleTest summary's counts. With
# XML_DIR (GoogleTest reports of binaries CTest ran whole), each binary counts
# as its cases instead of as one test.
tally() {
  local line
  if line=$(grep -E '[0-9]+ tests failed out of [0-9]+' "$1" | tail -n 1); then
    local total fail skip
    fail=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
    skip=$(grep -cE '^\s+[0-9]+ - .*\(Skipped\)$' "$1" || true)
    if [[ -n ${2:-} && -d $2 ]]; then
      local binaries cases case_skips
      binaries=$(find "$2" -name '*.xml' | wc -l)
      cases=$(cat "$2"/*.xml | grep -c '<testcase ' || true)
      case_skips=$(cat "$2"/*.xml | grep -c 'result="skipped"' || true)
      total=$((total - binaries + cases)) skip=$((skip + case_skips))
    fi
    passed=$((passed + total - fail - skip)) failed=$((failed + fail)) skipped=$((skipped + skip))
  elif line=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$1" | tail -n 1); then
    passed=$((passed + $(sed -E 's/.*\] ([0-9]+) test.*/\1/' <<<"$line")))
  fi
}

# Compiling is most of this script's time (three builds on CI's two cores);
# full debug info costs about a quarter of it. The release build carries
# none, the sanitizer builds line tables only (enough for their reports).
step "release build (-Wall -Wextra -Werror)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCPGUARD_WERROR=ON \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" >/dev/null
cmake --build build -j"$jobs"
step "tests (release)"
ctest --test-dir build --output-on-failure -j"$jobs" | tee build/ctest.log
tally build/ctest.log

step "AddressSanitizer + UndefinedBehaviorSanitizer build"
# One process per test binary (MCPGUARD_TEST_PER_CASE=OFF): a process per case
# made this stage eight times slower. Each binary writes a GoogleTest XML
# report, from which the cases are counted.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1" \
      -DMCPGUARD_SANITIZE=address,undefined \
      -DMCPGUARD_BUILD_BENCHMARKS=OFF -DMCPGUARD_TEST_PER_CASE=OFF >/dev/null
cmake --build build-asan -j"$jobs"
step "tests (ASan + UBSan)"
rm -rf build-asan/gtest-xml
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  GTEST_OUTPUT="xml:$PWD/build-asan/gtest-xml/" \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -E install_consumer \
  | tee build-asan/ctest.log
tally build-asan/ctest.log build-asan/gtest-xml

step "ThreadSanitizer: concurrent Check during SetPolicy, the audit queue, the proxy"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCPGUARD_SANITIZE=thread \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
      -DMCPGUARD_BUILD_BENCHMARKS=OFF -DMCPGUARD_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-tsan -j"$jobs" --target mcpguard_guard_test mcpguard_audit_test mcpguard_cli
TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/mcpguard_guard_test \
  --gtest_filter='Concurrency.*:AuditTest.*' | tee build-tsan/gtest.log
tally build-tsan/gtest.log
TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/mcpguard_audit_test | tee build-tsan/audit.log
tally build-tsan/audit.log
# The proxy's threads (two pumps, signals, the audit thread, metrics) under
# the end-to-end tests; a race report makes the proxy exit 66 and fail them.
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure \
  -R 'e2e_(proxy_robustness|filesystem|everything|integrity)' | tee build-tsan/ctest.log
tally build-tsan/ctest.log

step "all stages passed"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
