#!/usr/bin/env bash
# The README's first command: sets up what is missing, builds the mcpguard
# command, and replays a recorded MCP session against the sample
# filesystem policy, printing a verdict per message.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" --target mcpguard_cli >/dev/null
mcpguard=build/tools/mcpguard
policy=examples/filesystem/policy.textproto
session=examples/filesystem/session.jsonl

printf '\n$ mcpguard check %s\n' "$policy"
"$mcpguard" check "$policy"

printf '\n$ mcpguard eval --policy %s --principal alice --role dev %s\n' "$policy" "$session"
"$mcpguard" eval --policy "$policy" --principal alice --role dev "$session"
