#include "base/non_ascii.h"

#include <cstdint>
#include <cstring>

namespace mcpguard::internal {

bool HasNonAscii(absl::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint64_t w[4];
    std::memcpy(w, p + i, sizeof(w));
    if ((w[0] | w[1] | w[2] | w[3]) & kHigh) return true;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return true;
  }
  return false;
}

}  // namespace mcpguard::internal
