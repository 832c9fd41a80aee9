#include "json/duplicate_keys.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {
namespace {

// Below this many keys the quadratic scan beats sorting: MCP objects mostly
// have a handful of members, and comparing short views is a few instructions.
constexpr size_t kMaxPairwiseKeys = 16;

// Which of 64 bits a key sets, chosen by its length and first and last
// bytes. Equal keys always choose the same bit.
unsigned KeySignature(absl::string_view key) {
  uint32_t h = static_cast<uint32_t>(key.size()) * 0x9E3779B1u;
  if (!key.empty()) {
    h ^= (static_cast<uint32_t>(static_cast<unsigned char>(key.front())) << 8 |
          static_cast<unsigned char>(key.back())) * 0x85EBCA6Bu;
  }
  return h >> 26;
}

}  // namespace

const absl::string_view* FindDuplicateKeyOutOfLine(absl::string_view* keys, size_t count) {
  if (count < 2) return nullptr;
  if (count <= kMaxPairwiseKeys) {
    // Signatures first: most objects have no two keys that share one, and
    // then only keys that do are compared.
    unsigned char signatures[kMaxPairwiseKeys];
    uint64_t seen = 0;
    bool shared = false;
    for (size_t i = 0; i < count; ++i) {
      signatures[i] = static_cast<unsigned char>(KeySignature(keys[i]));
      shared |= (seen >> signatures[i] & 1) != 0;
      seen |= uint64_t{1} << signatures[i];
    }
    if (!shared) return nullptr;
    // The outer loop walks in document order, so the first hit is the
    // earliest repeat.
    for (size_t j = 1; j < count; ++j) {
      for (size_t i = 0; i < j; ++i) {
        if (signatures[i] == signatures[j] && SameKey(keys[i], keys[j])) return &keys[j];
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
