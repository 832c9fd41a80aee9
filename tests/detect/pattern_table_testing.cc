#include "pattern_table_testing.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <utility>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

std::vector<LabelledText> ReadCorpus(const std::string& path) {
  std::vector<LabelledText> corpus;
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return corpus;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("label") ||
        !doc["label"].IsString() || !doc.HasMember("text") || !doc["text"].IsString()) {
      ADD_FAILURE() << path << ":" << number << ": not {\"label\": string, \"text\": string}";
      continue;
    }
    LabelledText entry;
    entry.line = number;
    entry.label.assign(doc["label"].GetString(), doc["label"].GetStringLength());
    entry.text.assign(doc["text"].GetString(), doc["text"].GetStringLength());
    corpus.push_back(std::move(entry));
  }
  return corpus;
}


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
