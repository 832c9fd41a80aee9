// Fuzzes Glob against a dynamic-programming matcher written from the syntax
// alone (`*` any run, `?` one byte, `\` escapes, letters folded on request).
// Input: a flags byte (bit 0: ignore case), the pattern up to the first
// "\n", the text after it. Properties: Compile fails only for an empty
// pattern or a trailing unpaired `\`; Matches agrees with the reference; a
// literal glob matches exactly its literal. A violation aborts, which
// libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "policy/glob.h"

namespace {

using mcpguard::internal::Glob;

void Fail(const char* what, absl::string_view pattern, absl::string_view text) {
  std::fprintf(stderr, "glob_fuzz: %s (pattern of %zu bytes, text of %zu)\n", what,
               pattern.size(), text.size());
  std::abort();
}

struct Token {
  enum Kind { kStar, kAny, kByte } kind;
  char byte;
};

// False for a trailing unpaired `\`.
bool Tokenize(absl::string_view pattern, std::vector<Token>* tokens) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*') {
      tokens->push_back({Token::kStar, 0});
    } else if (c == '?') {
      tokens->push_back({Token::kAny, 0});
    } else if (c == '\\') {
      if (++i == pattern.size()) return false;
      tokens->push_back({Token::kByte, pattern[i]});
    } else {
      tokens->push_back({Token::kByte, c});
    }
  }
  return true;
}

bool ReferenceMatch(const std::vector<Token>& tokens, absl::string_view text, bool ignore_case) {
  const size_t n = tokens.size(), m = text.size();
  const auto fold = [ignore_case](char c) {
    return ignore_case ? absl::ascii_tolower(static_cast<unsigned char>(c)) : c;
  };
  // next[j]: tokens[i + 1 ..] match text[j ..]; row[j]: tokens[i ..] do.
  std::vector<char> next(m + 1, 0), row(m + 1, 0);
  next[m] = 1;
  for (size_t i = n; i-- > 0;) {
    const Token& t = tokens[i];
    for (size_t j = m + 1; j-- > 0;) {
      switch (t.kind) {
        case Token::kStar: row[j] = next[j] || (j < m && row[j + 1]); break;
        case Token::kAny: row[j] = j < m && next[j + 1]; break;
        case Token::kByte:
          row[j] = j < m && fold(t.byte) == fold(text[j]) && next[j + 1];
          break;
      }
    }
    next.swap(row);
  }
  return next[0] != 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 512) return 0;
  const bool ignore_case = (data[0] & 1) != 0;
  const absl::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const size_t cut = rest.find('\n');
  const absl::string_view pattern = rest.substr(0, cut);
  const absl::string_view text =
      cut == absl::string_view::npos ? absl::string_view() : rest.substr(cut + 1);

  std::vector<Token> tokens;
  const bool well_formed = Tokenize(pattern, &tokens) && !pattern.empty();
  const absl::StatusOr<Glob> glob = Glob::Compile(pattern, ignore_case);
  if (glob.ok() != well_formed) Fail("Compile disagrees on validity", pattern, text);
  if (!glob.ok()) return 0;
  if (glob->Matches(text) != ReferenceMatch(tokens, text, ignore_case)) {
    Fail("Matches disagrees with the reference", pattern, text);
  }
  if (glob->is_literal()) {
    const bool equal = ignore_case ? absl::EqualsIgnoreCase(text, glob->literal())
                                   : text == glob->literal();
    if (glob->Matches(text) != equal) Fail("a literal glob is not its literal", pattern, text);
  }
  return 0;
}
