#include "policy/ascii_search.h"

#include <cstring>

#include "absl/strings/ascii.h"

namespace mcpguard::internal {
namespace {

bool EqualsLowered(const char* text, absl::string_view lowered) {
  for (size_t i = 0; i < lowered.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[i])) != lowered[i]) return false;
  }
  return true;
}

}  // namespace

bool ContainsIgnoringAsciiCase(absl::string_view haystack, absl::string_view lowered_needle) {
  const size_t m = lowered_needle.size();
  if (m == 0) return true;
  if (haystack.size() < m) return false;
  // Anchor on the needle's first byte that has no other case: memchr finds
  // its candidates far faster than a byte loop.
  size_t anchor = 0;
  while (anchor < m && absl::ascii_isalpha(static_cast<unsigned char>(lowered_needle[anchor]))) {
    ++anchor;
  }
  const char* const begin = haystack.data();
  const size_t last_start = haystack.size() - m;  // Last window's first byte.
  if (anchor == m) {
    const char first = lowered_needle[0];
    for (size_t i = 0; i <= last_start; ++i) {
      if (absl::ascii_tolower(static_cast<unsigned char>(begin[i])) == first &&
          EqualsLowered(begin + i, lowered_needle)) {
        return true;
      }
    }
    return false;
  }
  const char key = lowered_needle[anchor];
  const char* p = begin + anchor;
  const char* const end = begin + last_start + anchor + 1;  // Past the last anchor spot.
  while (p < end) {
    const void* hit = std::memchr(p, key, static_cast<size_t>(end - p));
    if (hit == nullptr) return false;
    const char* at = static_cast<const char*>(hit);
    if (EqualsLowered(at - anchor, lowered_needle)) return true;
    p = at + 1;
  }
  return false;
}

bool ContainsBytes(absl::string_view haystack, absl::string_view needle) {
  const size_t m = needle.size();
  if (m == 0) return true;
  if (haystack.size() < m) return false;
  const char* p = haystack.data();
  const char* const end = haystack.data() + (haystack.size() - m) + 1;  // Past the last start.
  while (p < end) {
    const void* hit = std::memchr(p, needle[0], static_cast<size_t>(end - p));
    if (hit == nullptr) return false;
    const char* at = static_cast<const char*>(hit);
    if (std::memcmp(at, needle.data(), m) == 0) return true;
    p = at + 1;
  }
  return false;
}

}  // namespace mcpguard::internal
