#include "json/json_string_escape.h"

#include <emmintrin.h>

#include <cstdint>
#include <cstring>

namespace mcpguard::internal {
namespace {

bool MustEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

}  // namespace

size_t FirstByteToEscape(absl::string_view text) {
  const char* data = text.data();
  const size_t n = text.size();
  size_t i = 0;
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    // Unsigned c <= 0x1F exactly when max(c, 0x1F) == 0x1F.
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, control_max), control_max);
    const __m128i special =
        _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const uint32_t mask = static_cast<uint32_t>(_mm_movemask_epi8(special));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  for (; i < n; ++i) {
    if (MustEscape(static_cast<unsigned char>(data[i]))) return i;
  }
  return n;
}

void AppendJsonString(absl::string_view text, HexCase hex, std::string* out) {
  const char* digits = hex == HexCase::kUpper ? "0123456789ABCDEF" : "0123456789abcdef";
  out->push_back('"');
  for (;;) {
    const size_t run = FirstByteToEscape(text);
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
  }
  out->push_back('"');
}

}  // namespace mcpguard::internal
