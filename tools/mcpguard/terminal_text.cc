#include "terminal_text.h"

#include <cstdint>

#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace mcpguard::cli {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void AppendHex(uint32_t value, int digits, std::string* out) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out->push_back(kHex[(value >> shift) & 15]);
  }
}

// C1 controls (U+0080-U+009F: U+009B is CSI to some terminals), bidi
// controls (which reorder what follows on the line) and other invisible
// characters (which hide a difference between two names).
bool MustEscape(UChar32 c) {
  return u_charType(c) == U_CONTROL_CHAR || u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) ||
         u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

}  // namespace

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const uint8_t u = bytes[i];
    if (u < 0x80) {
      if (u == '\\') {
        out.append("\\\\");
      } else if (u < 0x20 || u == 0x7F) {
        out.append("\\x");
        AppendHex(u, 2, &out);
      } else {
        out.push_back(static_cast<char>(u));
      }
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      // Not UTF-8: each byte of the bad sequence as \xHH.
      for (int32_t k = start; k < i; ++k) {
        out.append("\\x");
        AppendHex(bytes[k], 2, &out);
      }
    } else if (MustEscape(c)) {
      out.append(c > 0xFFFF ? "\\U" : "\\u");
      AppendHex(static_cast<uint32_t>(c), c > 0xFFFF ? 8 : 4, &out);
    } else {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace mcpguard::cli
