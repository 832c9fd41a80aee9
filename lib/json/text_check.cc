#include "json/text_check.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mcpguard::internal {
namespace {

// Skips printable ASCII (0x20-0x7F) other than the backslash from `i`;
// returns the offset of the first other byte, or `size`. JSON is mostly
// printable ASCII, so this loop is where the time goes.
size_t SkipPrintableAscii(const unsigned char* p, size_t i, size_t size) {
#if defined(__SSE2__)
  // A byte is flagged if its high bit is set or, as a signed byte, it is
  // below 0x20, or it is a backslash: two compares and two ORs per 16 bytes.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i backslash = _mm_set1_epi8('\\');
  auto flagged = [&space, &backslash](__m128i s) {
    return _mm_or_si128(_mm_or_si128(s, _mm_cmplt_epi8(s, space)),
                        _mm_cmpeq_epi8(s, backslash));
  };
  while (i + 64 <= size) {
    const __m128i* q = reinterpret_cast<const __m128i*>(p + i);
    const __m128i any = _mm_or_si128(
        _mm_or_si128(flagged(_mm_loadu_si128(q)), flagged(_mm_loadu_si128(q + 1))),
        _mm_or_si128(flagged(_mm_loadu_si128(q + 2)), flagged(_mm_loadu_si128(q + 3))));
    if (_mm_movemask_epi8(any) != 0) break;
    i += 64;
  }
  while (i + 16 <= size) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const int bits = _mm_movemask_epi8(flagged(block));
    if (bits != 0) return i + static_cast<size_t>(__builtin_ctz(bits));
    i += 16;
  }
#endif
  while (i < size && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '\\') ++i;
  return i;
}

// The length of the well-formed UTF-8 sequence at p[i] (lead byte >= 0x80),
// or 0. Per Unicode Table 3-7 the lead byte fixes the length and the allowed
// range of the second byte.
size_t Utf8SequenceLength(const unsigned char* p, size_t i, size_t size) {
  const unsigned char lead = p[i];
  size_t length;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3;
    low = 0xA0;  // No overlongs.
  } else if (lead == 0xED) {
    length = 3;
    high = 0x9F;  // No surrogates.
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    length = 3;
  } else if (lead == 0xF0) {
    length = 4;
    low = 0x90;  // No overlongs.
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = 4;
  } else if (lead == 0xF4) {
    length = 4;
    high = 0x8F;  // Nothing above U+10FFFF.
  } else {
    return 0;  // A continuation byte, C0, C1 or F5-FF.
  }
  if (size - i < length) return 0;
  if (p[i + 1] < low || p[i + 1] > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

TextCheck CheckJsonText(const char* data, size_t size) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(data);
  TextCheck result;
  size_t i = 0;
  while ((i = SkipPrintableAscii(p, i, size)) < size) {
    const unsigned char c = p[i];
    if (c == '\\') {
      if (size - i >= 4 && p[i + 1] == 'u' && (p[i + 2] | 0x20) == 'd') {
        const unsigned char hex = p[i + 3] | 0x20;  // ASCII lower case.
        if (hex >= 'c' && hex <= 'f') result.low_surrogate_escape = true;
      }
      ++i;
      continue;
    }
    if (c < 0x20) {
      if (c == 0 || c == '\t' || c == '\n' || c == '\r') {
        ++i;
        continue;
      }
      result.problem = TextProblem::kControlCharacter;
      result.offset = i;
      return result;
    }
    const size_t length = Utf8SequenceLength(p, i, size);
    if (length == 0) {
      result.problem = TextProblem::kInvalidUtf8;
      result.offset = i;
      return result;
    }
    i += length;
  }
  result.offset = size;
  return result;
}

}  // namespace mcpguard::internal
