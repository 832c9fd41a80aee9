// Shared by the pattern-table tests: a scanner over whole families, and the
// two checks every table gets (each pattern finds its example attack; the
// benign texts stay clean).
#ifndef MCPGUARD_TESTS_DETECT_PATTERN_TABLE_TESTING_H_
#define MCPGUARD_TESTS_DETECT_PATTERN_TABLE_TESTING_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "detect/pattern_spec.h"
#include "detect/text_scanner.h"

namespace mcpguard::internal {

// Every pattern of `families`; null (and a test failure) if RE2 refuses one.
std::unique_ptr<TextScanner> ScannerOf(
    std::initializer_list<absl::Span<const PatternSpec>> families);

// The ids of the patterns found in `text`, in order of offset.
std::vector<std::string> IdsIn(const TextScanner& scanner, const std::string& text);

struct PatternExample {
  const char* id;
  std::string text;
};

// Each example's pattern is among those found in its text, and every
// pattern of `family` has an example.
void ExpectEachFound(const TextScanner& scanner, absl::Span<const PatternExample> examples,
                     absl::Span<const PatternSpec> family);

// No pattern finds anything in any of `texts`.
void ExpectClean(const TextScanner& scanner, absl::Span<const std::string> texts);

// A labelled corpus (tests/data/detect/*.jsonl): {"label": ..., "text": ...}
// per line.
struct LabelledText {
  int line = 0;  // 1-based, in the corpus file.
  std::string label;
  std::string text;
};
// Every entry of `path`; a line that is not one is a test failure.
std::vector<LabelledText> ReadCorpus(const std::string& path);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_TESTS_DETECT_PATTERN_TABLE_TESTING_H_
