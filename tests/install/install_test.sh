#!/usr/bin/env bash
# Usage: install_test.sh BUILD_DIR CONSUMER_SRC CXX
set -euo pipefail
build_dir=$1 consumer=$2 cxx=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log"
test -f "$prefix/include/mcpguard/guard.h"
test -f "$prefix/include/mcpguard/mcpguard.h"
test -f "$prefix/lib/libmcpguard.a" || test -f "$prefix/lib64/libmcpguard.a"

# 1. CMake package.
cmake -S "$consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_CXX_COMPILER="$cxx" >"$work/configure.log"
cmake --build "$work/cmake-build" >"$work/build.log"
out=$("$work/cmake-build/consumer")
echo "find_package consumer: $out"
[ "$out" = "allow read / deny rule=no-etc" ]

# 2. pkg-config.
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -n 1)
flags=$(PKG_CONFIG_PATH=$libdir pkg-config --cflags --libs mcpguard)
# shellcheck disable=SC2086
"$cxx" -std=c++17 -o "$work/pc-consumer" "$consumer/main.cc" $flags
out=$("$work/pc-consumer")
echo "pkg-config consumer: $out"
[ "$out" = "allow read / deny rule=no-etc" ]
