// Finding a repeated key among one object's keys.
#ifndef MCPGUARD_JSON_DUPLICATE_KEYS_H_
#define MCPGUARD_JSON_DUPLICATE_KEYS_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "base/bytes_equal.h"

namespace mcpguard::internal {

// Looks for two equal keys (byte-wise, after unescaping; keys may hold NUL)
// among `keys[0, count)`, whose data pointers must be increasing in document
// order (views into one in situ buffer). Returns the first key in document
// order that repeats an earlier one, or nullptr. Small objects are compared
// pairwise; larger ones are sorted in place, so the caller must not rely on the
// order of `keys` afterwards. The result points into `keys`. Never allocates.
const absl::string_view* FindDuplicateKeyOutOfLine(absl::string_view* keys, size_t count);

// Equal keys. Keys of one object that have the same length mostly differ in
// their first or last byte ("type" and "text", "content" and "isError"), so
// those are compared first.
inline bool SameKey(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return a.front() == b.front() && a.back() == b.back() && BytesEqual(a, b);
}

// The parser asks this of every object it closes, and most have two or three
// members (keys of different lengths, mostly), so those are compared here.
inline const absl::string_view* FindDuplicateKey(absl::string_view* keys, size_t count) {
  if (count > 3) return FindDuplicateKeyOutOfLine(keys, count);
  if (count < 2) return nullptr;
  if (SameKey(keys[1], keys[0])) return &keys[1];
  if (count == 3 && (SameKey(keys[2], keys[0]) || SameKey(keys[2], keys[1]))) return &keys[2];
  return nullptr;
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_DUPLICATE_KEYS_H_
