#include "policy/textproto_tokens.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace mcpguard::internal {
namespace {

// The parser already reported every error the tokenizer can find.
class IgnoreErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, int, const std::string&) override {}
};

bool Opens(const std::string& s) { return s == "{" || s == "<" || s == "["; }
bool Closes(const std::string& s) { return s == "}" || s == ">" || s == "]"; }

}  // namespace

TextprotoTokens::TextprotoTokens(absl::string_view text) {
  google::protobuf::io::ArrayInputStream input(text.data(),
                                               static_cast<int>(text.size()));
  IgnoreErrors errors;
  google::protobuf::io::Tokenizer tokenizer(&input, &errors);
  // The settings TextFormat's parser uses, so positions agree with its own.
  tokenizer.set_allow_f_after_float(true);
  tokenizer.set_comment_style(google::protobuf::io::Tokenizer::SH_COMMENT_STYLE);
  tokenizer.set_require_space_after_number(false);
  tokenizer.set_allow_multiline_strings(true);
  while (tokenizer.Next()) {
    const auto& token = tokenizer.current();
    tokens_.push_back({{token.line, token.column}, token.text});
  }
}

std::vector<TextPosition> TextprotoTokens::ElementsOf(
    TextPosition field_name) const {
  auto it = std::lower_bound(
      tokens_.begin(), tokens_.end(), field_name,
      [](const Token& t, const TextPosition& p) { return t.position < p; });
  if (it == tokens_.end() || it->position != field_name) return {};
  size_t t = static_cast<size_t>(it - tokens_.begin()) + 1;
  if (t < tokens_.size() && tokens_[t].text == ":") ++t;
  if (t >= tokens_.size() || tokens_[t].text != "[") return {field_name};

  std::vector<TextPosition> elements;
  ++t;  // '['
  if (t < tokens_.size() && tokens_[t].text == "]") return elements;
  while (t < tokens_.size()) {
    elements.push_back(tokens_[t].position);
    // Skip one element: up to the ',' or ']' at this list's own level.
    // Strings are single tokens, so brackets inside them do not count.
    for (int depth = 0; t < tokens_.size(); ++t) {
      const std::string& s = tokens_[t].text;
      if (Opens(s)) ++depth;
      if (Closes(s) && depth-- == 0) break;
      if (s == "," && depth == 0) break;
    }
    if (t >= tokens_.size() || tokens_[t].text != ",") break;
    ++t;
  }
  return elements;
}

TextPosition TextprotoTokens::Before(TextPosition position) const {
  auto it = std::lower_bound(
      tokens_.begin(), tokens_.end(), position,
      [](const Token& t, const TextPosition& p) { return t.position < p; });
  if (it == tokens_.begin()) return position;
  --it;
  if (it->text == "]") {
    // An extension name: back to its '['.
    while (it != tokens_.begin() && it->text != "[") --it;
  }
  return it->position;
}

}  // namespace mcpguard::internal
