#include "policy/ascii_search.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/strings/ascii.h"

namespace mcpguard::internal {
namespace {

bool EqualsLowered(const char* text, absl::string_view lowered) {
  for (size_t i = 0; i < lowered.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(text[i])) != lowered[i]) return false;
  }
  return true;
}

// How often a byte that is not a letter turns up in the text of messages,
// roughly (paths, URLs, prose, numbers): lower is rarer.
int Commonness(unsigned char c) {
  switch (c) {
    case ' ': return 4;
    case '/': case '\n': return 3;
    case '.': case ',': case '-': case '_': case ':': case '"': return 2;
    default: return absl::ascii_isdigit(c) ? 2 : 1;
  }
}

// For a needle of letters only: `c | 0x20` is the needle's letter exactly
// when c is that letter in either case (the cases differ in bit 0x20 alone),
// so candidates for its first byte are found 16 bytes at a time.
bool ContainsLetters(absl::string_view haystack, absl::string_view lowered_letters) {
  const size_t m = lowered_letters.size();
  const char* const begin = haystack.data();
  const size_t starts = haystack.size() - m + 1;  // Windows to try; >= 1.
  const auto equals = [&](size_t at) {
    for (size_t k = 1; k < m; ++k) {
      if ((begin[at + k] | 0x20) != lowered_letters[k]) return false;
    }
    return true;
  };
  const char first = lowered_letters[0];
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i want = _mm_set1_epi8(first);
  // Each load stays inside the haystack: i + 16 <= starts <= size.
  for (; i + 16 <= starts; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + i));
    unsigned mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(chunk, case_bit), want)));
    for (; mask != 0; mask &= mask - 1) {
      if (equals(i + static_cast<size_t>(__builtin_ctz(mask)))) return true;
    }
  }
#endif
  for (; i < starts; ++i) {
    if ((begin[i] | 0x20) == first && equals(i)) return true;
  }
  return false;
}

}  // namespace

bool ContainsIgnoringAsciiCase(absl::string_view haystack, absl::string_view lowered_needle) {
  const size_t m = lowered_needle.size();
  if (m == 0) return true;
  if (haystack.size() < m) return false;
  // Anchor on a byte of the needle that has no other case, the least common
  // one: memchr finds its candidates far faster than a byte loop, and stops
  // at fewer false ones ("/.ssh/" anchors on ".", not on every "/" of a path).
  size_t anchor = m;
  for (size_t k = 0; k < m; ++k) {
    const unsigned char c = static_cast<unsigned char>(lowered_needle[k]);
    if (absl::ascii_isalpha(c)) continue;
    if (anchor == m || Commonness(c) < Commonness(
                                           static_cast<unsigned char>(lowered_needle[anchor]))) {
      anchor = k;
    }
  }
  if (anchor == m) return ContainsLetters(haystack, lowered_needle);
  const char* const begin = haystack.data();
  const size_t last_start = haystack.size() - m;  // Last window's first byte.
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
