#!/usr/bin/env bash
# Installs what building and testing mcpguard needs on Debian 12, and only
# what is missing. Uses sudo when not root. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git
  libabsl-dev libprotobuf-dev protobuf-compiler rapidjson-dev libre2-dev
  libgtest-dev libgmock-dev libbenchmark-dev libssl-dev libicu-dev
  clang libclang-rt-dev  # libFuzzer and sanitizer runtimes
  libtest-json-schema-acceptance-perl  # the official JSON-Schema-Test-Suite (draft7, 2020-12)
  python3  # the C library's ctypes binding test
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

# Reference software from the npm registry (pinned in package-lock.json): the
# official MCP TypeScript SDK for the differential test, ajv for the benchmark
# comparison. Reinstalled only when the lock file changed.
if command -v npm >/dev/null 2>&1; then
  stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp.source" 2>/dev/null; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp.source"
  else
    echo "setup: node_modules up to date"
  fi
else
  echo "setup: npm not found; the tests that need the MCP SDK will say they were skipped"
fi
