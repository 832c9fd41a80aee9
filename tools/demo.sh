#!/usr/bin/env bash
# The README's first command: sets up what is missing, builds the mcpguard
# command, runs the sample filesystem policy's unit tests, and replays a
# recorded MCP session against the policy, printing a verdict per message.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" --target mcpguard_cli >/dev/null
mcpguard=build/tools/mcpguard
policy=examples/filesystem/policy.textproto
session=examples/filesystem/session.jsonl
tests=examples/filesystem/policy_test.textproto

printf '\n$ mcpguard check %s\n' "$policy"
"$mcpguard" check "$policy"

printf '\n$ mcpguard test %s %s\n' "$policy" "$tests"
"$mcpguard" test "$policy" "$tests"

printf '\n$ mcpguard eval --policy %s --principal alice --role dev %s\n' "$policy" "$session"
"$mcpguard" eval --policy "$policy" --principal alice --role dev "$session"
