#include "json/pointer.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

// RapidJSON arrays hold at most 2^32-1 elements, so a longer index can never
// resolve; treating it as a plain name avoids overflow.
constexpr int64_t kMaxIndex = 0xFFFFFFFFll;

// The token's array index if it is canonical decimal ("0", or no leading zero
// and digits only, RFC 6901 section 4), else -1.
int64_t CanonicalIndex(absl::string_view token) {
  if (token.empty() || token.size() > 10) return -1;
  if (token.size() > 1 && token[0] == '0') return -1;
  int64_t index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return -1;
    index = index * 10 + (c - '0');
  }
  return index <= kMaxIndex ? index : -1;
}

}  // namespace

absl::StatusOr<JsonPointer> JsonPointer::Parse(absl::string_view text) {
  JsonPointer pointer;
  pointer.text_ = std::string(text);
  if (text.empty()) return pointer;
  if (text[0] != '/') {
    return absl::InvalidArgumentError(absl::StrCat(
        "JSON pointer \"", text, "\" must start with '/' at offset 0"));
  }
  // Each token runs from just after a '/' to the next '/' or the end.
  size_t pos = 1;
  while (true) {
    Token token;
    size_t i = pos;
    for (; i < text.size() && text[i] != '/'; ++i) {
      if (text[i] != '~') {
        token.name.push_back(text[i]);
        continue;
      }
      const char next = i + 1 < text.size() ? text[i + 1] : '\0';
      if (next != '0' && next != '1') {
        return absl::InvalidArgumentError(
            absl::StrCat("JSON pointer \"", text,
                         "\" has '~' not followed by '0' or '1' at offset ", i));
      }
      token.name.push_back(next == '0' ? '~' : '/');
      ++i;
    }
    token.index = CanonicalIndex(token.name);
    pointer.tokens_.push_back(std::move(token));
    if (i >= text.size()) break;
    pos = i + 1;
  }
  return pointer;
}

const rapidjson::Value* JsonPointer::Resolve(const rapidjson::Value& root,
                                             const rapidjson::Value** blocked) const {
  *blocked = nullptr;
  const rapidjson::Value* value = &root;
  for (const Token& token : tokens_) {
    if (value->IsObject()) {
      // Compare length then bytes: names may hold NUL, and building a
      // StringRef for FindMember buys nothing over this loop.
      const rapidjson::Value* found = nullptr;
      for (auto it = value->MemberBegin(); it != value->MemberEnd(); ++it) {
        const rapidjson::Value& name = it->name;
        if (name.IsString() && name.GetStringLength() == token.name.size() &&
            std::memcmp(name.GetString(), token.name.data(), token.name.size()) == 0) {
          found = &it->value;
          break;
        }
      }
      if (found == nullptr) return nullptr;
      value = found;
    } else if (value->IsArray()) {
      if (token.index < 0) {
        // A member name where an array is: another shape. "-" (the element
        // past the end, RFC 6901) and "01" name no element.
        if (token.name != "-" && !absl::ascii_isdigit(static_cast<unsigned char>(
                                     token.name.empty() ? 'x' : token.name[0]))) {
          *blocked = value;
        }
        return nullptr;
      }
      if (static_cast<uint64_t>(token.index) >= value->Size()) return nullptr;
      value = &(*value)[static_cast<rapidjson::SizeType>(token.index)];
    } else {
      // Null names nothing; a string, number or boolean has no members.
      if (!value->IsNull()) *blocked = value;
      return nullptr;
    }
  }
  return value;
}

void AppendPointerToken(std::string* pointer, absl::string_view token) {
  pointer->push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer->append("~0");
    } else if (c == '/') {
      pointer->append("~1");
    } else {
      pointer->push_back(c);
    }
  }
}

}  // namespace mcpguard::internal
