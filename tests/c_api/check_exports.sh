#!/bin/sh
# Usage: check_exports.sh LIBRARY.so mcpguard.h
# The shared C library must export exactly the functions mcpguard.h declares
# with MCPGUARD_C_EXPORT: none missing (a binding would fail to load it),
# none extra (its C++ insides would clash with a host's own).
set -eu
lib=$1
header=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Declared: the name after MCPGUARD_C_EXPORT and its return type, up to "(".
grep -v '^#' "$header" | tr '\n' ' ' | grep -o 'MCPGUARD_C_EXPORT [^(;]*(' |
  sed 's/($//; s/.*[ *]\([A-Za-z_][A-Za-z0-9_]*\)$/\1/' | sort -u > "$tmp/declared"
# Exported: defined dynamic symbols, without version suffixes.
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -v '^$' |
  sort -u > "$tmp/exported"

status=0
if [ ! -s "$tmp/declared" ]; then
  echo "no MCPGUARD_C_EXPORT declarations found in $header" >&2
  exit 1
fi
missing=$(comm -23 "$tmp/declared" "$tmp/exported")
extra=$(comm -13 "$tmp/declared" "$tmp/exported")
if [ -n "$missing" ]; then
  echo "declared in mcpguard.h but not exported by $lib:" >&2
  echo "$missing" >&2
  status=1
fi
if [ -n "$extra" ]; then
  echo "exported by $lib but not declared in mcpguard.h:" >&2
  echo "$extra" | head -20 >&2
  status=1
fi
echo "$(wc -l < "$tmp/declared") functions declared, $(wc -l < "$tmp/exported") exported"
exit $status
