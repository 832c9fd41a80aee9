// Fuzzes the gates' one promise (detect/gate.h): a gated scan finds exactly
// what a scan of the whole text finds, with the default detectors (every
// secret, personal data, instruction and exfiltration pattern). Both also
// scan the text as FoldForMatching reads it (detect/match_fold.h), whose
// map back to the original is checked too: every folded byte comes from a
// character inside the text, in order, and every detection lies inside the
// text. A difference or a broken map aborts, which libFuzzer reports as a
// crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"
#include "detect/match_fold.h"
#include "detect/pattern_spec.h"
#include "detect/text_scanner.h"

namespace {

using mcpguard::internal::Detection;
using mcpguard::internal::PatternSpec;
using mcpguard::internal::TextScanner;

const TextScanner& DefaultScanner() {
  static const TextScanner* const scanner = [] {
    std::vector<const PatternSpec*> patterns;
    for (auto family :
         {mcpguard::internal::SecretPatterns(), mcpguard::internal::PiiPatterns(),
          mcpguard::internal::InstructionPatterns(), mcpguard::internal::ExfiltrationPatterns()}) {
      for (const PatternSpec& p : family) patterns.push_back(&p);
    }
    auto created = TextScanner::Create(patterns);
    if (!created.ok() || !(*created)->gated()) std::abort();
    return created->release();
  }();
  return *scanner;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  mcpguard::internal::FoldedText folded;
  if (mcpguard::internal::FoldForMatching(text, &folded)) {
    if (folded.source.size() != folded.text.size() ||
        folded.source_length.size() != folded.text.size()) {
      std::abort();
    }
    uint32_t last = 0;
    for (size_t i = 0; i < folded.text.size(); ++i) {
      if (folded.source[i] < last || folded.source_length[i] == 0 ||
          folded.source[i] + folded.source_length[i] > size) {
        std::fprintf(stderr, "gated_scan_fuzz: folded byte %zu maps outside the text\n", i);
        std::abort();
      }
      last = folded.source[i];
    }
  }
  std::vector<Detection> gated, whole;
  DefaultScanner().Scan(text, &gated);
  DefaultScanner().ScanWhole(text, &whole);
  bool same = gated.size() == whole.size();
  for (size_t i = 0; same && i < gated.size(); ++i) {
    same = gated[i].pattern == whole[i].pattern && gated[i].offset == whole[i].offset &&
           gated[i].length == whole[i].length;
  }
  for (const Detection& d : gated) {
    if (d.offset + d.length > size) std::abort();
  }
  if (!same) {
    std::fprintf(stderr, "gated_scan_fuzz: %zu gated findings, %zu whole-text findings\n",
                 gated.size(), whole.size());
    for (const Detection& d : whole) {
      std::fprintf(stderr, "  whole: %.*s at %zu+%zu\n", static_cast<int>(d.pattern->id.size()),
                   d.pattern->id.data(), d.offset, d.length);
    }
    for (const Detection& d : gated) {
      std::fprintf(stderr, "  gated: %.*s at %zu+%zu\n", static_cast<int>(d.pattern->id.size()),
                   d.pattern->id.data(), d.offset, d.length);
    }
    std::abort();
  }
  return 0;
}
