#include "json/duplicate_keys.h"

#include <algorithm>
#include <cstddef>
#include <functional>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {
namespace {

// Below this many keys the quadratic scan beats sorting: MCP objects mostly
// have a handful of members, and comparing short views is a few instructions.
constexpr size_t kMaxPairwiseKeys = 16;

}  // namespace

const absl::string_view* FindDuplicateKey(absl::string_view* keys, size_t count) {
  if (count < 2) return nullptr;
  if (count <= kMaxPairwiseKeys) {
    // The outer loop walks in document order, so the first hit is the
    // earliest repeat.
    for (size_t j = 1; j < count; ++j) {
      for (size_t i = 0; i < j; ++i) {
        if (keys[i] == keys[j]) return &keys[j];
      }
    }
    return nullptr;
  }
  // Order by content, then by position, so each run of equal keys starts with
  // its first occurrence and the run's second element is its first repeat.
  std::less<const char*> before;
  std::sort(keys, keys + count,
            [&before](absl::string_view a, absl::string_view b) {
              const int c = a.compare(b);
              return c != 0 ? c < 0 : before(a.data(), b.data());
            });
  const absl::string_view* earliest = nullptr;
  for (size_t i = 1; i < count; ++i) {
    if (keys[i] != keys[i - 1]) continue;
    if (i >= 2 && keys[i - 1] == keys[i - 2]) continue;  // Not the first repeat.
    if (earliest == nullptr || before(keys[i].data(), earliest->data())) {
      earliest = &keys[i];
    }
  }
  return earliest;
}

}  // namespace mcpguard::internal
