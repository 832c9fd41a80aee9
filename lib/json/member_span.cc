#include "json/member_span.h"

#include <cstddef>
#include <cstring>

namespace mcpguard::internal {
namespace {

constexpr size_t kNone = absl::string_view::npos;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The offset in `source` of the opening quote of `name`, a key of the parse
// whose buffer is `base`, or kNone.
size_t QuoteOffset(const rapidjson::Value& name, const char* base, absl::string_view source) {
  if (!name.IsString()) return kNone;
  const char* text = name.GetString();
  if (text <= base || static_cast<size_t>(text - base) > source.size()) return kNone;
  const size_t quote = static_cast<size_t>(text - base) - 1;
  return source[quote] == '"' ? quote : kNone;
}

// Past the closing quote of the string whose opening quote is at `quote`
// and that decodes to `decoded` bytes.
size_t SkipString(absl::string_view source, size_t quote, size_t decoded) {
  // Keys rarely hold escapes. Any escape puts a backslash among the first
  // `decoded` bytes of the text (everything before the first escape is
  // copied as it is), so without one there, the text is exactly those
  // bytes and the closing quote follows them.
  const size_t content = quote + 1;
  if (decoded < source.size() - content && source[content + decoded] == '"' &&
      std::memchr(source.data() + content, '\\', decoded) == nullptr) {
    return content + decoded + 1;
  }
  for (size_t i = content; i < source.size(); ++i) {
    if (source[i] == '\\') {
      ++i;
    } else if (source[i] == '"') {
      return i + 1;
    }
  }
  return kNone;
}

size_t SkipSpace(absl::string_view source, size_t i) {
  while (i < source.size() && IsSpace(source[i])) ++i;
  return i;
}

// The end of the text before `end` without its trailing whitespace.
size_t TrimSpace(absl::string_view source, size_t end) {
  while (end > 0 && IsSpace(source[end - 1])) --end;
  return end;
}

}  // namespace

bool MemberValueSpan(absl::string_view source, const char* base,
                     absl::Span<const MemberStep> path, absl::string_view* span) {
  if (path.empty()) return false;
  const size_t quote = QuoteOffset(path.back().member->name, base, source);
  if (quote == kNone) return false;
  size_t colon = SkipString(source, quote, path.back().member->name.GetStringLength());
  if (colon == kNone) return false;
  colon = SkipSpace(source, colon);
  if (colon >= source.size() || source[colon] != ':') return false;
  const size_t begin = SkipSpace(source, colon + 1);

  // The next member after the value, at the deepest level that has one; the
  // objects below that level close in between.
  size_t end = source.size();
  size_t closing = path.size();
  bool comma = false;
  for (size_t level = path.size(); level-- > 0;) {
    const auto next = path[level].member + 1;
    if (next == path[level].object->MemberEnd()) continue;
    end = QuoteOffset(next->name, base, source);
    if (end == kNone) return false;
    closing = path.size() - 1 - level;
    comma = true;
    break;
  }
  end = TrimSpace(source, end);
  if (comma) {
    if (end == 0 || source[end - 1] != ',') return false;
    end = TrimSpace(source, end - 1);
  }
  for (size_t i = 0; i < closing; ++i) {
    if (end == 0 || source[end - 1] != '}') return false;
    end = TrimSpace(source, end - 1);
  }
  if (end <= begin) return false;
  *span = source.substr(begin, end - begin);
  return true;
}

}  // namespace mcpguard::internal
