// Fuzzes RegexPrefilter's one promise: MayMatch is false only for texts the
// regex cannot match. The input is a pattern, a NUL byte, then a text; a
// pattern RE2 rejects is skipped. A violated property aborts, which libFuzzer
// reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/string_view.h"
#include "policy/regex_prefilter.h"
#include "re2/re2.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\0');
  if (split == absl::string_view::npos) return 0;
  const absl::string_view pattern = input.substr(0, split);
  const absl::string_view text = input.substr(split + 1);
  for (bool case_sensitive : {true, false}) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(case_sensitive);
    options.set_max_mem(8 << 20);
    RE2 re(re2::StringPiece(pattern.data(), pattern.size()), options);
    if (!re.ok()) return 0;
    const mcpguard::internal::RegexPrefilter prefilter =
        mcpguard::internal::RegexPrefilter::Derive(pattern, options);
    if (!prefilter.MayMatch(text) &&
        RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re)) {
      std::fprintf(stderr, "regex_prefilter_fuzz: prefilter rejected a text the regex matches\n");
      std::abort();
    }
  }
  return 0;
}
