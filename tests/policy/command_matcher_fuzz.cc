// Fuzzes CommandWord's promises on any bytes: it returns, the word fits in
// the input, and a command accepted with metacharacters disallowed has none
// outside single quotes and comments (checked by an independent scan below, not by the
// code under test). Allowing metacharacters only relaxes the check: with
// them disallowed the answer is the same or kMetacharacter. A violated
// property aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/string_view.h"
#include "policy/command_matcher.h"

namespace {

using mcpguard::internal::CommandProblem;

void Fail(const char* what) {
  std::fprintf(stderr, "command_matcher_fuzz: %s\n", what);
  std::abort();
}

bool IsMetacharacter(char c) {
  return absl::string_view(";&|`$<>()\n\r").find(c) != absl::string_view::npos;
}

// True when a metacharacter byte lies outside every single-quoted span and
// every comment. A "'" opens a span only outside "..." and when no
// backslash escapes it; the span ends at the next "'" (or the end of the
// input). A "#" where a word starts (at the start, or after an unquoted,
// unescaped blank or metacharacter) starts a comment, which ends before the
// next newline: the shell runs nothing in it, quotes included.
bool HasMetacharacterOutsideSingleQuotes(absl::string_view input) {
  bool in_double = false;
  bool word_start = true;
  for (size_t i = 0; i < input.size(); ++i) {
    const char c = input[i];
    if (IsMetacharacter(c)) return true;
    if (c == '\\') {
      // The escaped byte is checked too, but it opens or closes nothing.
      if (i + 1 < input.size() && IsMetacharacter(input[i + 1])) return true;
      ++i;
      word_start = false;
      continue;
    }
    if (c == '"') {
      in_double = !in_double;
    } else if (c == '\'' && !in_double) {
      const size_t close = input.find('\'', i + 1);
      if (close == absl::string_view::npos) return false;
      i = close;
    } else if (c == '#' && !in_double && word_start) {
      const size_t newline = input.find('\n', i);
      if (newline == absl::string_view::npos) return false;
      i = newline - 1;  // The newline itself is read next.
    }
    word_start = !in_double && (c == ' ' || c == '\t');
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > mcpguard::internal::kMaxCommandBytes + 1) return 0;
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  char strict_word[mcpguard::internal::kMaxCommandBytes];
  char loose_word[mcpguard::internal::kMaxCommandBytes];
  size_t strict_length = 0, loose_length = 0;
  const CommandProblem strict =
      mcpguard::internal::CommandWord(input, false, strict_word, &strict_length);
  const CommandProblem loose =
      mcpguard::internal::CommandWord(input, true, loose_word, &loose_length);
  if (strict_length > size || loose_length > size) Fail("word longer than the input");
  if (strict != CommandProblem::kNone && strict_length != 0) Fail("length set on a problem");
  if (strict != loose && strict != CommandProblem::kMetacharacter) {
    Fail("disallowing metacharacters changed a problem other than to kMetacharacter");
  }
  if (strict == CommandProblem::kNone) {
    if (HasMetacharacterOutsideSingleQuotes(input)) Fail("accepted a metacharacter");
    if (input.find('\0') != absl::string_view::npos) Fail("accepted a NUL");
    if (loose_length != strict_length ||
        std::memcmp(strict_word, loose_word, strict_length) != 0) {
      Fail("allowing metacharacters changed the word");
    }
  }
  return 0;
}
