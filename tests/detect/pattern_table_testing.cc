#include "pattern_table_testing.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {

std::unique_ptr<TextScanner> ScannerOf(
    std::initializer_list<absl::Span<const PatternSpec>> families) {
  std::vector<const PatternSpec*> patterns;
  for (absl::Span<const PatternSpec> family : families) {
    for (const PatternSpec& p : family) patterns.push_back(&p);
  }
  auto scanner = TextScanner::Create(std::move(patterns));
  EXPECT_TRUE(scanner.ok()) << scanner.status();
  return scanner.ok() ? *std::move(scanner) : nullptr;
}

std::vector<std::string> IdsIn(const TextScanner& scanner, const std::string& text) {
  std::vector<Detection> found;
  scanner.Scan(text, &found);
  std::vector<std::string> ids;
  for (const Detection& d : found) ids.emplace_back(d.pattern->id);
  return ids;
}

void ExpectEachFound(const TextScanner& scanner, absl::Span<const PatternExample> examples,
                     absl::Span<const PatternSpec> family) {
  for (const PatternExample& example : examples) {
    const std::vector<std::string> ids = IdsIn(scanner, example.text);
    EXPECT_NE(std::find(ids.begin(), ids.end(), example.id), ids.end())
        << example.id << " not found in: " << example.text << " (found: "
        << absl::StrJoin(ids, ", ") << ")";
  }
  for (const PatternSpec& p : family) {
    const bool covered = std::any_of(examples.begin(), examples.end(),
                                     [&p](const PatternExample& e) { return p.id == e.id; });
    EXPECT_TRUE(covered) << p.id << " has no example";
  }
}

void ExpectClean(const TextScanner& scanner, absl::Span<const std::string> texts) {
  for (const std::string& text : texts) {
    const std::vector<std::string> ids = IdsIn(scanner, text);
    EXPECT_TRUE(ids.empty()) << "\"" << text << "\": " << absl::StrJoin(ids, ", ");
  }
}

}  // namespace mcpguard::internal
