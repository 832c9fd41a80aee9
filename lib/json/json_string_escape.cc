#include "json/json_string_escape.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdint>
#include <cstring>

namespace mcpguard::internal {
namespace {

bool MustEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

size_t FirstByteToEscapeByBytes(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (MustEscape(static_cast<unsigned char>(p[i]))) return i;
  }
  return n;
}

#if defined(__SSE2__)
// Bit i set when byte i of `v` must be escaped.
uint32_t EscapeMask(__m128i v) {
  const __m128i control_max = _mm_set1_epi8(0x1F);
  // Unsigned c <= 0x1F exactly when max(c, 0x1F) == 0x1F.
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, control_max), control_max);
  const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}

__m128i Load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

template <typename T>
T LoadWord(const char* p) {
  T word;
  std::memcpy(&word, p, sizeof(word));
  return word;
}

#endif  // defined(__SSE2__)

}  // namespace

// Never reads outside `text`: a tail shorter than a block is read by loads
// that end at its last byte and overlap bytes already seen, which are
// clean (else the scan would have stopped there).
size_t FirstByteToEscape(absl::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
#if defined(__SSE2__)
  if (n >= 16) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      const uint32_t mask = EscapeMask(Load16(p + i));
      if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
    }
    if (i == n) return n;
    // The last 16 bytes; the first 16 - (n - i) of them were seen.
    const uint32_t mask = EscapeMask(Load16(p + n - 16)) >> (16 - (n - i));
    return mask != 0 ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
  if (n >= 8) {
    // Bytes 0-7 in lanes 0-7, bytes n-8 .. n-1 in lanes 8-15.
    const uint32_t mask = EscapeMask(_mm_set_epi64x(static_cast<int64_t>(LoadWord<uint64_t>(p + n - 8)),
                                                    static_cast<int64_t>(LoadWord<uint64_t>(p))));
    if ((mask & 0xFF) != 0) return static_cast<size_t>(__builtin_ctz(mask));
    return mask != 0 ? n - 16 + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
  if (n >= 4) {
    // Bytes 0-3 in lanes 0-3, bytes n-4 .. n-1 in lanes 4-7; the other
    // lanes are zero and masked off.
    const uint32_t mask = EscapeMask(_mm_set_epi32(0, 0, static_cast<int32_t>(LoadWord<uint32_t>(p + n - 4)),
                                                   static_cast<int32_t>(LoadWord<uint32_t>(p)))) &
                          0xFF;
    if ((mask & 0xF) != 0) return static_cast<size_t>(__builtin_ctz(mask));
    return mask != 0 ? n - 8 + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
#endif  // defined(__SSE2__)
  return FirstByteToEscapeByBytes(p, n);
}

void AppendJsonString(absl::string_view text, HexCase hex, std::string* out) {
  const char* digits = hex == HexCase::kUpper ? "0123456789ABCDEF" : "0123456789abcdef";
  size_t run = FirstByteToEscape(text);
  if (run == text.size()) {  // Nearly always: one append.
    const size_t at = out->size();
    out->resize(at + run + 2);
    char* d = &(*out)[at];
    d[0] = '"';
    if (run != 0) std::memcpy(d + 1, text.data(), run);  // data() may be null when empty.
    d[run + 1] = '"';
    return;
  }
  out->push_back('"');
  for (;;) {
    out->append(text.data(), run);
    if (run == text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[run]);
    char escape[6] = {'\\', 0, 0, 0, 0, 0};
    size_t length = 2;
    switch (c) {
      case '"': escape[1] = '"'; break;
      case '\\': escape[1] = '\\'; break;
      case '\b': escape[1] = 'b'; break;
      case '\f': escape[1] = 'f'; break;
      case '\n': escape[1] = 'n'; break;
      case '\r': escape[1] = 'r'; break;
      case '\t': escape[1] = 't'; break;
      default:
        std::memcpy(escape + 1, "u00", 3);
        escape[4] = digits[c >> 4];
        escape[5] = digits[c & 0xF];
        length = 6;
    }
    out->append(escape, length);
    text.remove_prefix(run + 1);
    run = FirstByteToEscape(text);
  }
  out->push_back('"');
}

}  // namespace mcpguard::internal
