// The policies the documentation shows compile: every ```textproto block in
// README.md and docs/policy.md that is a whole policy (starts with `name:`),
// and every block that is one argument matcher (`path {`, `url {`,
// `command {`), compiled inside a rule.
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

// Returns the number of blocks compiled.
int CompileDocumentedPolicies(const std::string& file) {
  const std::string markdown = ReadSource(file);
  EXPECT_FALSE(markdown.empty()) << file;
  int compiled = 0;
  for (const std::string& block : TextprotoBlocks(markdown)) {
    std::string policy;
    if (StartsWith(block, "name:")) {
      policy = block;
    } else if (StartsWith(block, "path {") || StartsWith(block, "url {") ||
               StartsWith(block, "command {")) {
      policy = "rules { id: \"documented\" effect: ALLOW target { tools: \"t\" } "
               "condition { field { pointer: \"/arguments/x\" " + block + " } } }";
    } else {
      continue;
    }
    PolicyLoadOptions options;
    options.format = PolicyFormat::kTextproto;
    options.source_name = file;
    auto result = CompilePolicy(policy, options);
    EXPECT_TRUE(result.ok()) << file << ":\n" << block << "\n" << result.status();
    ++compiled;
  }
  return compiled;
}

TEST(DocumentedPolicies, ReadmeCompiles) {
  EXPECT_EQ(CompileDocumentedPolicies("README.md"), 1);
}

TEST(DocumentedPolicies, PolicyReferenceCompiles) {
  // The rate-limit and worked examples, and the path, url and command
  // matcher blocks.
  EXPECT_EQ(CompileDocumentedPolicies("docs/policy.md"), 5);
}

}  // namespace
}  // namespace mcpguard
