// Deep equality and hashing of JSON values as JSON Schema defines them for
// enum, const and uniqueItems: numbers compare by value (1 == 1.0), objects
// ignore member order, strings compare byte-wise.
#ifndef MCPGUARD_SCHEMA_JSON_EQUALITY_H_
#define MCPGUARD_SCHEMA_JSON_EQUALITY_H_

#include <cstddef>
#include <cstdint>

#include "rapidjson/document.h"

namespace mcpguard::internal {

// Nesting beyond which JsonEqual gives up (see kTooDeep). Instances from
// mcpguard's parser are far shallower.
inline constexpr uint32_t kMaxEqualityDepth = 512;

enum class JsonEquality { kEqual, kDifferent, kTooDeep };

// Compares a and b. kTooDeep when both are still equal at kMaxEqualityDepth
// nesting; callers decide which way that fails closed. Never allocates.
// Objects compare in O(n*m) member lookups.
JsonEquality JsonEqual(const rapidjson::Value& a, const rapidjson::Value& b);

// A hash consistent with JsonEqual: equal values hash alike (an integral
// double hashes like the integer). Stops descending at kMaxEqualityDepth,
// which only adds collisions. Never allocates.
size_t JsonHash(const rapidjson::Value& value);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_JSON_EQUALITY_H_
