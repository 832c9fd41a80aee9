#include "schema/utf8_length.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

size_t Utf8CodePointCount(absl::string_view text) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  size_t continuation = 0;
  // Eight bytes at a time: a byte continues a sequence when its top bits are
  // 10, i.e. bit 7 set and bit 6 clear.
  for (; end - p >= 8; p += 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof(word));
    const uint64_t high = word & 0x8080808080808080ull;
    const uint64_t not_six = (~word << 1) & 0x8080808080808080ull;
    continuation += static_cast<size_t>(__builtin_popcountll(high & not_six));
  }
  for (; p < end; ++p) continuation += (*p & 0xC0) == 0x80;
  return text.size() - continuation;
}

}  // namespace mcpguard::internal
