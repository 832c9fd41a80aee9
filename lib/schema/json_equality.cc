#include "schema/json_equality.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/json_number.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& s) {
  return absl::string_view(s.GetString(), s.GetStringLength());
}

JsonEquality Equal(const rapidjson::Value& a, const rapidjson::Value& b, uint32_t depth) {
  if (a.IsNumber() && b.IsNumber()) {
    return CompareNumbers(JsonNumber::From(a), JsonNumber::From(b)) == 0
               ? JsonEquality::kEqual
               : JsonEquality::kDifferent;
  }
  if (a.GetType() != b.GetType()) return JsonEquality::kDifferent;
  switch (a.GetType()) {
    case rapidjson::kStringType:
      return View(a) == View(b) ? JsonEquality::kEqual : JsonEquality::kDifferent;
    case rapidjson::kArrayType: {
      if (a.Size() != b.Size()) return JsonEquality::kDifferent;
      if (depth >= kMaxEqualityDepth) return JsonEquality::kTooDeep;
      for (rapidjson::SizeType i = 0; i < a.Size(); ++i) {
        const JsonEquality e = Equal(a[i], b[i], depth + 1);
        if (e != JsonEquality::kEqual) return e;
      }
      return JsonEquality::kEqual;
    }
    case rapidjson::kObjectType: {
      if (a.MemberCount() != b.MemberCount()) return JsonEquality::kDifferent;
      if (depth >= kMaxEqualityDepth) return JsonEquality::kTooDeep;
      for (auto m = a.MemberBegin(); m != a.MemberEnd(); ++m) {
        // Member names are unique, so equal counts and every name of a found
        // in b means the name sets are equal.
        auto other = b.FindMember(m->name);
        if (other == b.MemberEnd()) return JsonEquality::kDifferent;
        const JsonEquality e = Equal(m->value, other->value, depth + 1);
        if (e != JsonEquality::kEqual) return e;
      }
      return JsonEquality::kEqual;
    }
    default:
      return JsonEquality::kEqual;  // null, true, false: the type says it all.
  }
}

size_t Mix(size_t h, size_t v) { return (h ^ v) * 0x9E3779B97F4A7C15ull + (h >> 29); }

size_t Hash(const rapidjson::Value& value, uint32_t depth) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return 0x6e756c6c;
    case rapidjson::kFalseType:
      return 0x66616c73;
    case rapidjson::kTrueType:
      return 0x74727565;
    case rapidjson::kStringType:
      return Mix(3, absl::Hash<absl::string_view>()(View(value)));
    case rapidjson::kNumberType: {
      const JsonNumber n = JsonNumber::From(value);
      if (n.kind == JsonNumber::Kind::kInt) return Mix(4, static_cast<size_t>(n.i));
      if (n.kind == JsonNumber::Kind::kUint) return Mix(4, static_cast<size_t>(n.u));
      // An integral double in int64 or uint64 range hashes like the integer
      // it equals; any other double by its bits (only an equal double can
      // equal it). Huge integral doubles all hashed alike once, which made
      // uniqueItems over 10,000 of them quadratic (an adversarial review).
      if (std::floor(n.d) == n.d && n.d >= -9223372036854775808.0 &&
          n.d < 9223372036854775808.0) {
        return Mix(4, static_cast<size_t>(static_cast<int64_t>(n.d)));
      }
      if (std::floor(n.d) == n.d && n.d >= 0 && n.d < 18446744073709551616.0) {
        return Mix(4, static_cast<size_t>(static_cast<uint64_t>(n.d)));
      }
      uint64_t bits;
      std::memcpy(&bits, &n.d, sizeof(bits));
      return Mix(6, static_cast<size_t>(bits));
    }
    case rapidjson::kArrayType: {
      size_t h = Mix(7, value.Size());
      if (depth >= kMaxEqualityDepth) return h;
      for (const rapidjson::Value& item : value.GetArray()) h = Mix(h, Hash(item, depth + 1));
      return h;
    }
    case rapidjson::kObjectType: {
      // Order-independent: a sum of per-member hashes.
      size_t sum = 0;
      if (depth < kMaxEqualityDepth) {
        for (auto m = value.MemberBegin(); m != value.MemberEnd(); ++m) {
          sum += Mix(Hash(m->name, depth + 1), Hash(m->value, depth + 1));
        }
      }
      return Mix(Mix(8, value.MemberCount()), sum);
    }
  }
  return 0;
}

}  // namespace

JsonEquality JsonEqual(const rapidjson::Value& a, const rapidjson::Value& b) {
  return Equal(a, b, 0);
}

size_t JsonHash(const rapidjson::Value& value) { return Hash(value, 0); }

}  // namespace mcpguard::internal
