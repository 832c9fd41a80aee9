// Fuzzes CommandWord's promises on any bytes: it returns, the word fits in
// the input, and a command accepted with metacharacters disallowed has none
// outside single quotes (checked by an independent scan below, not by the
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

// True when a metacharacter byte lies outside every single-quoted span. A
// "'" opens a span only outside "..." and when no backslash escapes it; the
// span ends at the next "'" (or the end of the input).
bool HasMetacharacterOutsideSingleQuotes(absl::string_view input) {
  bool in_double = false;
  for (size_t i = 0; i < input.size(); ++i) {
    const char c = input[i];
    if (absl::string_view(";&|`$<>()\n\r").find(c) != absl::string_view::npos) return true;
    if (c == '\\') {
      // The escaped byte is checked too, but it opens or closes nothing.
      if (i + 1 < input.size() &&
          absl::string_view(";&|`$<>()\n\r").find(input[i + 1]) != absl::string_view::npos) {
        return true;
      }
      ++i;
    } else if (c == '"') {
      in_double = !in_double;
    } else if (c == '\'' && !in_double) {
      const size_t close = input.find('\'', i + 1);
      if (close == absl::string_view::npos) return false;
      i = close;
    }
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
