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

# 3. The shared C library, from C with the C compiler alone, and from
# Python through ctypes when Python is there.
lib=$(dirname "$libdir")
test -f "$lib/libmcpguard_c.so"
c_api=$(cd "$consumer/../../c_api" && pwd)
cc -std=c99 -o "$work/c-consumer" "$c_api/c_consumer.c" -I"$prefix/include" \
   -L"$lib" -lmcpguard_c -Wl,-rpath,"$lib"
"$work/c-consumer" >"$work/c-consumer.out"
echo "shared C consumer: $(tr '\n' ' ' <"$work/c-consumer.out")"
if command -v python3 >/dev/null; then
  python3 "$c_api/ctypes_binding_test.py" "$lib/libmcpguard_c.so"
fi
