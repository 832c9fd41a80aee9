// The policies the documentation shows compile, without a warning or a
// note: every ```textproto block in README.md and docs/policy.md that is a
// whole policy (starts with `name:`) or a list of rules (`rules {`), and
// every block that is one argument matcher (`path {`, `url {`, `command {`),
// compiled inside a rule. Blocks that show a lint finding (they start with
// `# warning` or `# note`) must draw exactly that one.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "mcpguard/policy.h"

namespace mcpguard {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(MCPGUARD_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The bodies of the ```textproto blocks of `markdown`.
std::vector<std::string> TextprotoBlocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  const std::string open = "```textproto\n";
  for (size_t at = markdown.find(open); at != std::string::npos;
       at = markdown.find(open, at)) {
    const size_t begin = at + open.size();
    const size_t end = markdown.find("```", begin);
    if (end == std::string::npos) break;
    blocks.push_back(markdown.substr(begin, end - begin));
    at = end + 3;
  }
  return blocks;
}

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// What a block of each kind must compile to: a clean policy, or one that
// draws the warning or note the documentation shows it for.
enum class Expect { kClean, kWarning, kNote };

// Returns the number of blocks compiled.
int CompileDocumentedPolicies(const std::string& file) {
  const std::string markdown = ReadSource(file);
  EXPECT_FALSE(markdown.empty()) << file;
  int compiled = 0;
  for (const std::string& block : TextprotoBlocks(markdown)) {
    std::string policy = block;
    Expect expect = Expect::kClean;
    if (StartsWith(block, "# warning")) {
      expect = Expect::kWarning;
    } else if (StartsWith(block, "# note")) {
      expect = Expect::kNote;
    } else if (StartsWith(block, "path {") || StartsWith(block, "url {") ||
               StartsWith(block, "command {")) {
      policy = "rules { id: \"documented\" effect: ALLOW target { tools: \"t\" } "
               "condition { field { pointer: \"/arguments/x\" " + block + " } } }";
    } else if (!StartsWith(block, "name:") && !StartsWith(block, "rules {")) {
      continue;  // A fragment (a target, a principal...) or a tests file.
    }
    PolicyLoadOptions options;
    options.format = PolicyFormat::kTextproto;
    options.source_name = file;
    std::vector<Diagnostic> diagnostics;
    auto result = CompilePolicy(policy, options, &diagnostics);
    EXPECT_TRUE(result.ok()) << file << ":\n" << block << "\n" << result.status();
    const Diagnostic::Severity severity =
        expect == Expect::kNote ? Diagnostic::Severity::kNote : Diagnostic::Severity::kWarning;
    int shown = 0;
    for (const Diagnostic& d : diagnostics) {
      // A clean block draws nothing; a warning example only what it shows.
      if (expect == Expect::kClean || d.severity != severity) {
        ADD_FAILURE() << file << ":\n" << block << "\n" << d.ToString();
      } else {
        ++shown;
      }
    }
    if (expect != Expect::kClean) {
      EXPECT_EQ(shown, 1) << file << ":\n" << block;
    }
    ++compiled;
  }
  return compiled;
}

TEST(DocumentedPolicies, ReadmeCompiles) {
  EXPECT_EQ(CompileDocumentedPolicies("README.md"), 1);
}

TEST(DocumentedPolicies, PolicyReferenceCompiles) {
  // The worked and rate-limit examples, the server-to-client rules, the
  // path, url and command matcher blocks, and the lint examples.
  EXPECT_EQ(CompileDocumentedPolicies("docs/policy.md"), 12);
}

}  // namespace
}  // namespace mcpguard
