// Equality of two short byte strings without a call into libc.
//
// Design note: a check compares many short strings (keys, method and tool
// names, request ids) that are mostly equal when their lengths are, so every
// comparison ran memcmp to the end through the PLT, which costs more than the
// comparison itself for strings this short. Up to 16 bytes two loads per side
// do it: for a length n in [8, 16] the first 8 and the last 8 bytes (which
// overlap when n < 16) cover every byte, likewise 4 + 4 for [4, 8) and
// 2 + 2 for [2, 4). Longer strings still go to memcmp. No load leaves
// either string.
#ifndef MCPGUARD_BASE_BYTES_EQUAL_H_
#define MCPGUARD_BASE_BYTES_EQUAL_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

namespace bytes_equal_internal {
template <typename Word>
inline Word Load(const char* p) {
  Word w;
  std::memcpy(&w, p, sizeof(w));
  return w;
}
template <typename Word>
inline bool HeadAndTailEqual(const char* x, const char* y, size_t n) {
  return Load<Word>(x) == Load<Word>(y) &&
         Load<Word>(x + n - sizeof(Word)) == Load<Word>(y + n - sizeof(Word));
}
}  // namespace bytes_equal_internal

inline bool BytesEqual(absl::string_view a, absl::string_view b) {
  using bytes_equal_internal::HeadAndTailEqual;
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    if (n > 16) return std::memcmp(x, y, n) == 0;
    return HeadAndTailEqual<uint64_t>(x, y, n);
  }
  if (n >= 4) return HeadAndTailEqual<uint32_t>(x, y, n);
  if (n >= 2) return HeadAndTailEqual<uint16_t>(x, y, n);
  return n == 0 || x[0] == y[0];
}

// For hash containers keyed by views.
struct BytesEqualTo {
  bool operator()(absl::string_view a, absl::string_view b) const { return BytesEqual(a, b); }
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_BYTES_EQUAL_H_
