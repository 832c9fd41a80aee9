#include "json/surrogates.h"

#include <cstddef>

#include "absl/strings/string_view.h"
#include "json/hex_digit.h"

namespace mcpguard::internal {
namespace {

// The value of four hex digits at `pos`, or -1 if they are not all there.
int Hex4(absl::string_view source, size_t pos) {
  if (pos + 4 > source.size()) return -1;
  int value = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    const int digit = HexDigitValue(source[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

size_t FindLoneSurrogateEscape(absl::string_view source, size_t content_start) {
  size_t i = content_start;
  while (i < source.size() && source[i] != '"') {
    if (source[i] != '\\') {
      ++i;
      continue;
    }
    if (i + 1 >= source.size()) break;
    if (source[i + 1] != 'u') {
      i += 2;  // A one-character escape, including \" and \\.
      continue;
    }
    const int unit = Hex4(source, i + 2);
    if (unit >= 0xDC00 && unit <= 0xDFFF) return i;
    // The reader has already checked that a high surrogate is followed by a
    // low one, so skip the pair as a whole.
    i += (unit >= 0xD800 && unit <= 0xDBFF) ? 12 : 6;
  }
  return content_start - 1;
}

}  // namespace mcpguard::internal
