// Detecting the lone low surrogate escapes that RapidJSON lets through.
//
// RapidJSON rejects a high surrogate escape (\uD800-\uDBFF) that is not
// followed by a low one, but decodes a lone low surrogate escape
// (\uDC00-\uDFFF) to the three bytes ED B0..BF xx, which are not UTF-8.
// The parser rejects those bytes when they appear raw (FindInvalidUtf8 stops
// the reader before them), so finding them in a decoded string means the
// input held a lone low surrogate escape.
#ifndef MCPGUARD_JSON_SURROGATES_H_
#define MCPGUARD_JSON_SURROGATES_H_

#include <cstddef>
#include <cstring>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// True if the decoded string holds the UTF-8-style encoding of a UTF-16
// surrogate code unit (ED A0..BF). Uses memchr, so it costs little on strings
// without 0xED bytes, which is nearly all of them.
inline bool HasSurrogateCodeUnit(const char* str, size_t length) {
  const char* end = str + length;
  const void* hit;
  while ((hit = std::memchr(str, 0xED, static_cast<size_t>(end - str))) != nullptr) {
    const char* p = static_cast<const char*>(hit);
    if (p + 1 < end && static_cast<unsigned char>(p[1]) >= 0xA0) return true;
    str = p + 1;
  }
  return false;
}

// The offset of the backslash of the first lone low surrogate escape in the
// JSON string whose contents start at `content_start` in `source` (just after
// the opening quote). Paired escapes (\uD83D\uDE00) are skipped. If none is
// found, which a caller that saw HasSurrogateCodeUnit should not observe,
// returns the offset of the opening quote.
size_t FindLoneSurrogateEscape(absl::string_view source, size_t content_start);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_SURROGATES_H_
