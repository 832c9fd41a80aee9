#include "json/canonical_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& string) {
  return absl::string_view(string.GetString(), string.GetStringLength());
}

void AppendString(absl::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // Start of the bytes not yet copied.
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run, i - run);
    run = i + 1;
    out->push_back('\\');
    switch (c) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '\b': out->push_back('b'); break;
      case '\f': out->push_back('f'); break;
      case '\n': out->push_back('n'); break;
      case '\r': out->push_back('r'); break;
      case '\t': out->push_back('t'); break;
      default:
        out->append("u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xf]);
    }
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
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
      AppendString(View(value), out);
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
        AppendString(View(member->name), out);
        out->push_back(':');
        AppendCanonicalJson(member->value, out);
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace mcpguard::internal
