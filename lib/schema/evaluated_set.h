// The members (of an object) or items (of an array) that some keyword has
// evaluated at one instance location: the annotations unevaluatedProperties
// and unevaluatedItems read (JSON Schema 2020-12 core, section 11).
#ifndef MCPGUARD_SCHEMA_EVALUATED_SET_H_
#define MCPGUARD_SCHEMA_EVALUATED_SET_H_

#include <cstddef>
#include <cstdint>

#include "absl/container/inlined_vector.h"

namespace mcpguard::internal {

// Indices are member positions (rapidjson member order) or item indices.
// Holds up to 128 indices without allocating. Only schemas that use
// unevaluated* ever create one.
class EvaluatedSet {
 public:
  void Mark(size_t index) {
    const size_t word = index / 64;
    if (word >= words_.size()) words_.resize(word + 1, 0);
    words_[word] |= uint64_t{1} << (index % 64);
  }
  void MarkAll() { all_ = true; }
  bool Has(size_t index) const {
    if (all_) return true;
    const size_t word = index / 64;
    return word < words_.size() && (words_[word] >> (index % 64) & 1) != 0;
  }
  void Merge(const EvaluatedSet& other) {
    all_ = all_ || other.all_;
    if (other.words_.size() > words_.size()) words_.resize(other.words_.size(), 0);
    for (size_t i = 0; i < other.words_.size(); ++i) words_[i] |= other.words_[i];
  }

 private:
  absl::InlinedVector<uint64_t, 2> words_;
  bool all_ = false;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_EVALUATED_SET_H_
