#!/usr/bin/env bash
# Installs what building and testing mcpguard needs on Debian 12, and only
# what is missing. Uses sudo when not root. Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libabsl-dev libprotobuf-dev protobuf-compiler rapidjson-dev libre2-dev
  libgtest-dev libgmock-dev libbenchmark-dev libssl-dev
  clang libclang-rt-dev  # libFuzzer and sanitizer runtimes
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
