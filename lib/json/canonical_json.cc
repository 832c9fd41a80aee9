#include "json/canonical_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "json/json_string_escape.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& string) {
  return absl::string_view(string.GetString(), string.GetStringLength());
}

void AppendNumber(const rapidjson::Value& value, std::string* out) {
  char buffer[64];
  std::to_chars_result result;
  if (value.IsInt64()) {
    result = std::to_chars(buffer, buffer + sizeof(buffer), value.GetInt64());
  } else if (value.IsUint64()) {
    result = std::to_chars(buffer, buffer + sizeof(buffer), value.GetUint64());
  } else {
    const double d = value.GetDouble();
    // 2^63 is exact as a double; below it an integral double fits int64.
    if (std::trunc(d) == d && std::fabs(d) < 9223372036854775808.0) {
      result = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<int64_t>(d));
    } else {
      result = std::to_chars(buffer, buffer + sizeof(buffer), d);
    }
  }
  out->append(buffer, result.ptr);
}

}  // namespace

void AppendCanonicalJson(const rapidjson::Value& value, std::string* out) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      out->append("null");
      return;
    case rapidjson::kFalseType:
      out->append("false");
      return;
    case rapidjson::kTrueType:
      out->append("true");
      return;
    case rapidjson::kStringType:
      AppendJsonString(View(value), HexCase::kLower, out);
      return;
    case rapidjson::kNumberType:
      AppendNumber(value, out);
      return;
    case rapidjson::kArrayType: {
      out->push_back('[');
      bool first = true;
      for (const rapidjson::Value& item : value.GetArray()) {
        if (!first) out->push_back(',');
        first = false;
        AppendCanonicalJson(item, out);
      }
      out->push_back(']');
      return;
    }
    case rapidjson::kObjectType: {
      std::vector<const rapidjson::Value::Member*> members;
      members.reserve(value.MemberCount());
      for (const auto& member : value.GetObject()) members.push_back(&member);
      std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
        return View(a->name) < View(b->name);
      });
      out->push_back('{');
      bool first = true;
      for (const auto* member : members) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(View(member->name), HexCase::kLower, out);
        out->push_back(':');
        AppendCanonicalJson(member->value, out);
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace mcpguard::internal
