// The tokens of a textproto, positioned exactly as protobuf's TextFormat
// parser sees them. The textproto loader uses them where the parser's own
// positions fall short: to place each element of `f: [a, b]` (the parser
// records one location for the whole list) and to move an error reported at
// the token *after* the culprit (unknown field, unknown enum value, ...) back
// onto the culprit.
#ifndef MCPGUARD_POLICY_TEXTPROTO_TOKENS_H_
#define MCPGUARD_POLICY_TEXTPROTO_TOKENS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Positions are protobuf's: 0-based lines and columns, a tab advancing the
// column to the next multiple of 8.
using TextPosition = std::pair<int, int>;  // (line, column)

class TextprotoTokens {
 public:
  // Tokenizes all of `text` (up to the first tokenizer error, if any).
  explicit TextprotoTokens(absl::string_view text);

  // Where each element written in the field occurrence whose name starts at
  // `field_name` begins: one element at the field name for `f: v` and `f {}`,
  // each element's first token inside `f: [v1, v2]`, nothing for `f: []`.
  // Empty as well if no token starts at `field_name`.
  std::vector<TextPosition> ElementsOf(TextPosition field_name) const;

  // The start of the token (or `[extension.name]`) just before `position`;
  // `position` itself if there is none.
  TextPosition Before(TextPosition position) const;

 private:
  struct Token {
    TextPosition position;
    std::string text;
  };
  std::vector<Token> tokens_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_TEXTPROTO_TOKENS_H_
