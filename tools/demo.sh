#!/usr/bin/env bash
# The README's first command: sets up what is missing (Debian packages, the
# pinned npm packages), builds the mcpguard command, and runs a scripted
# session of the official MCP SDK client through `mcpguard proxy` in front
# of the real @modelcontextprotocol/server-filesystem and a notes server
# (examples/demo/): allowed calls, a path traversal, a denied destructive
# tool, a poisoned tool hidden, a rug pull, a secret redacted; then the
# audit log's record of every message.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/@modelcontextprotocol/sdk ]; then
  echo "demo: needs Node.js and npm (the MCP SDK and servers come from the npm registry)" >&2
  exit 2
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" --target mcpguard_cli >/dev/null
node examples/demo/demo.mjs build/tools/mcpguard
