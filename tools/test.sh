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

step() { printf '\n=== %s ===\n' "$*"; }

step "release build (-Wall -Wextra -Werror)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCPGUARD_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
step "tests (release)"
ctest --test-dir build --output-on-failure -j"$jobs"

step "AddressSanitizer + UndefinedBehaviorSanitizer build"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMCPGUARD_SANITIZE=address,undefined \
      -DMCPGUARD_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j"$jobs"
step "tests (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -E install_consumer

step "ThreadSanitizer: concurrent Check during SetPolicy"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCPGUARD_SANITIZE=thread \
      -DMCPGUARD_BUILD_BENCHMARKS=OFF -DMCPGUARD_BUILD_TOOLS=OFF -DMCPGUARD_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-tsan -j"$jobs" --target mcpguard_guard_test
TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/mcpguard_guard_test --gtest_filter='Concurrency.*'

step "all tests passed"
