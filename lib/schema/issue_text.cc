#include "schema/issue_text.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "json/json_writer.h"
#include "schema/json_number.h"
#include "schema/schema_index.h"
#include "schema/schema_program.h"

namespace mcpguard::internal {

uint32_t PathDepth(const InstancePath* path) {
  uint32_t depth = 0;
  for (; path != nullptr && path->parent != nullptr; path = path->parent) ++depth;
  return depth;
}

std::string InstancePointer(const InstancePath* path) {
  std::vector<const InstancePath*> steps;
  for (; path != nullptr && path->parent != nullptr; path = path->parent) steps.push_back(path);
  std::string pointer;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if ((*it)->is_item) {
      absl::StrAppend(&pointer, "/", (*it)->index);
    } else {
      AppendPointerToken(&pointer, (*it)->member);
    }
  }
  return pointer;
}

std::string DescribeValue(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
      return "false";
    case rapidjson::kTrueType:
      return "true";
    case rapidjson::kNumberType:
      return FormatNumber(JsonNumber::From(value));
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      break;
  }
  constexpr size_t kMaxBytes = 40;
  absl::string_view text(value.GetString(), value.GetStringLength());
  bool cut = false;
  if (text.size() > kMaxBytes) {
    size_t end = kMaxBytes;
    // Do not split a UTF-8 sequence.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text = text.substr(0, end);
    cut = true;
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\u%04x", static_cast<unsigned char>(c));
      out += escape;
    } else {
      out.push_back(c);
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

std::string DescribeSchemaValue(const rapidjson::Value& value) {
  if (!value.IsObject() && !value.IsArray()) return DescribeValue(value);
  JsonTextBuffer buffer;
  JsonWriter writer(buffer);
  value.Accept(writer);
  constexpr size_t kMaxBytes = 40;
  absl::string_view text(buffer.GetString(), buffer.GetSize());
  if (text.size() <= kMaxBytes) return std::string(text);
  size_t end = kMaxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), "...");
}

absl::string_view JsonTypeName(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "boolean";
    case rapidjson::kObjectType:
      return "object";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kNumberType:
      return "number";
  }
  return "value";
}

std::string TypeMaskNames(uint8_t types) {
  std::vector<absl::string_view> names;
  if (types & kTypeNull) names.push_back("null");
  if (types & kTypeBoolean) names.push_back("boolean");
  if (types & kTypeObject) names.push_back("object");
  if (types & kTypeArray) names.push_back("array");
  if (types & kTypeNumber) {
    names.push_back("number");
  } else if (types & kTypeInteger) {
    names.push_back("integer");
  }
  if (types & kTypeString) names.push_back("string");
  return absl::StrJoin(names, " or ");
}

}  // namespace mcpguard::internal
