// SchemaValidator: array keywords.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/evaluated_set.h"
#include "schema/issue_text.h"
#include "schema/json_equality.h"
#include "schema/schema_program.h"
#include "schema/schema_validator.h"

namespace mcpguard::internal {
namespace {

// Up to this many items, uniqueItems compares pairs instead of hashing.
constexpr rapidjson::SizeType kUniquePairwiseLimit = 8;

// kTooDeep counts as equal: uniqueItems fails closed.
bool SameItem(const rapidjson::Value& a, const rapidjson::Value& b) {
  // Strings inline: a string equals only a string of the same bytes.
  if (a.IsString() || b.IsString()) {
    return a.IsString() && b.IsString() && a.GetStringLength() == b.GetStringLength() &&
           SameNameBytes(a.GetString(), b.GetString(), a.GetStringLength());
  }
  return JsonEqual(a, b) != JsonEquality::kDifferent;
}

// For an array of at most kUniquePairwiseLimit items, all strings: compares
// the pairs (views read once) and returns true, with *duplicate and the
// first equal pair set; false (nothing set) when some item is not a string.
bool UniqueShortStrings(const rapidjson::Value& v, rapidjson::SizeType* first,
                        rapidjson::SizeType* second, bool* duplicate) {
  const rapidjson::SizeType size = v.Size();
  const char* data[kUniquePairwiseLimit];
  rapidjson::SizeType length[kUniquePairwiseLimit];
  for (rapidjson::SizeType i = 0; i < size; ++i) {
    if (!v[i].IsString()) return false;
    data[i] = v[i].GetString();
    length[i] = v[i].GetStringLength();
  }
  for (rapidjson::SizeType i = 0; i < size; ++i) {
    for (rapidjson::SizeType j = i + 1; j < size; ++j) {
      if (length[i] == length[j] && SameNameBytes(data[i], data[j], length[i])) {
        *first = i;
        *second = j;
        *duplicate = true;
        return true;
      }
    }
  }
  return true;
}

}  // namespace

bool SchemaValidator::ValidateArray(uint32_t node, const InstanceAt& at,
                                    EvaluatedSet* evaluated) {
  const ArrayKeywords& k = p_.arrays[p_.nodes[node].array];
  const rapidjson::Value& v = *at.value;
  const rapidjson::SizeType size = v.Size();
  if (size < k.min_items) {
    return Fail(at.path, node, "minItems", [&] {
      return absl::StrCat("array has ", size, " items, fewer than the minimum ", k.min_items);
    });
  }
  if (k.max_items != kNoIndex && size > k.max_items) {
    return Fail(at.path, node, "maxItems", [&] {
      return absl::StrCat("array has ", size, " items, more than the maximum ", k.max_items);
    });
  }
  if (k.unique_items && size > 1 && !ValidateUniqueItems(node, at)) return false;
  const rapidjson::SizeType prefix = std::min<rapidjson::SizeType>(size, k.prefix_items.count);
  // Items whose schema is a leaf (LeafCheck) skip the dispatch unless it
  // would hit max_validation_depth.
  const bool leaves = at.depth + 1 < p_.options.max_validation_depth;
  for (rapidjson::SizeType i = 0; i < prefix; ++i) {
    if (leaves && LeafPasses(p_, p_.leaves[p_.node_lists[k.prefix_items.begin + i]], v[i])) {
      if (evaluated != nullptr) evaluated->Mark(i);
      continue;
    }
    const InstancePath step{at.path, {}, i, true};
    if (!Validate(p_.node_lists[k.prefix_items.begin + i], Item(at, step, v[i]), nullptr)) {
      return false;
    }
    if (evaluated != nullptr) evaluated->Mark(i);
  }
  if (k.items != kNoIndex && size > prefix) {
    const bool none_allowed = (p_.nodes[k.items].flags & SchemaNode::kFalseSchema) != 0;
    const LeafCheck& leaf = p_.leaves[k.items];
    for (rapidjson::SizeType i = prefix; i < size; ++i) {
      if (leaves && LeafPasses(p_, leaf, v[i])) continue;
      const InstancePath step{at.path, {}, i, true};
      if (none_allowed) {
        return Fail(&step, k.items, "", [&] {
          return absl::StrCat("item ", i, " is not allowed (at most ", prefix, " items)");
        });
      }
      const InstanceAt child = Item(at, step, v[i]);
      if (!(leaves ? ValidateChild(k.items, leaf, child) : Validate(k.items, child, nullptr))) {
        return false;
      }
    }
    if (evaluated != nullptr) evaluated->MarkAll();
  }
  if (k.contains != kNoIndex && !ValidateContains(node, at, evaluated)) return false;
  return true;
}

bool SchemaValidator::ValidateContains(uint32_t node, const InstanceAt& at,
                                       EvaluatedSet* evaluated) {
  const ArrayKeywords& k = p_.arrays[p_.nodes[node].array];
  const rapidjson::Value& v = *at.value;
  const uint32_t min = k.has_min_contains ? k.min_contains : 1;
  // Without annotations or a maximum, counting can stop at the minimum.
  const bool count_all = evaluated != nullptr || k.has_max_contains;
  uint32_t matches = 0;
  ++quiet_;
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    if (!count_all && matches >= min) break;
    const InstancePath step{at.path, {}, i, true};
    const size_t mark = UnknownMark();
    if (Validate(k.contains, Item(at, step, v[i]), nullptr)) {
      ++matches;
      if (evaluated != nullptr) evaluated->Mark(i);
    } else {
      UnknownRollback(mark);
    }
    if (aborted_) break;
  }
  --quiet_;
  if (aborted_) return false;
  if (matches < min) {
    if (!k.has_min_contains) {
      return Fail(at.path, node, "contains",
                  [] { return std::string("no item matches the contains schema"); });
    }
    return Fail(at.path, node, "minContains", [&] {
      return absl::StrCat(matches, " items match contains, fewer than the minimum ", min);
    });
  }
  if (k.has_max_contains && matches > k.max_contains) {
    return Fail(at.path, node, "maxContains", [&] {
      return absl::StrCat(matches, " items match contains, more than the maximum ",
                          k.max_contains);
    });
  }
  return true;
}

bool SchemaValidator::ValidateUniqueItems(uint32_t node, const InstanceAt& at) {
  const rapidjson::Value& v = *at.value;
  const rapidjson::SizeType size = v.Size();
  rapidjson::SizeType first = 0, second = 0;
  bool duplicate = false;
  if (size <= kUniquePairwiseLimit && UniqueShortStrings(v, &first, &second, &duplicate)) {
    // Settled: every item is a string.
  } else if (size <= kUniquePairwiseLimit) {
    for (rapidjson::SizeType i = 0; i < size && !duplicate; ++i) {
      for (rapidjson::SizeType j = i + 1; j < size; ++j) {
        if (SameItem(v[i], v[j])) {
          first = i;
          second = j;
          duplicate = true;
          break;
        }
      }
    }
  } else {
    // Sort by hash, then compare only items whose hashes collide:
    // O(n log n) plus the equal-hash runs.
    std::vector<std::pair<size_t, rapidjson::SizeType>> hashes;
    hashes.reserve(size);
    for (rapidjson::SizeType i = 0; i < size; ++i) hashes.emplace_back(JsonHash(v[i]), i);
    std::sort(hashes.begin(), hashes.end());
    for (size_t run = 0; run < hashes.size() && !duplicate;) {
      size_t end = run + 1;
      while (end < hashes.size() && hashes[end].first == hashes[run].first) ++end;
      for (size_t a = run; a < end && !duplicate; ++a) {
        for (size_t b = a + 1; b < end; ++b) {
          if (SameItem(v[hashes[a].second], v[hashes[b].second])) {
            first = std::min(hashes[a].second, hashes[b].second);
            second = std::max(hashes[a].second, hashes[b].second);
            duplicate = true;
            break;
          }
        }
      }
      run = end;
    }
  }
  if (!duplicate) return true;
  return Fail(at.path, node, "uniqueItems",
              [&] { return absl::StrCat("items ", first, " and ", second, " are equal"); });
}

bool SchemaValidator::ValidateUnevaluatedItems(uint32_t node, const InstanceAt& at,
                                               EvaluatedSet* evaluated) {
  const uint32_t target = p_.arrays[p_.nodes[node].array].unevaluated_items;
  const bool none_allowed = (p_.nodes[target].flags & SchemaNode::kFalseSchema) != 0;
  const rapidjson::Value& v = *at.value;
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    if (evaluated->Has(i)) continue;
    const InstancePath step{at.path, {}, i, true};
    if (none_allowed) {
      return Fail(&step, target, "",
                  [&] { return absl::StrCat("item ", i, " is not allowed (unevaluatedItems)"); });
    }
    if (!Validate(target, Item(at, step, v[i]), nullptr)) return false;
  }
  evaluated->MarkAll();
  return true;
}

}  // namespace mcpguard::internal
