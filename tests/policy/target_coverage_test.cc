#include "policy/target_coverage.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

struct GlobPair {
  const char* outer;
  const char* inner;
  bool covers;
};

class GlobCoversTest : public testing::TestWithParam<GlobPair> {};

TEST_P(GlobCoversTest, DecidesOnlyWhatItCan) {
  const GlobPair& c = GetParam();
  EXPECT_EQ(GlobCovers(*Glob::Compile(c.outer), *Glob::Compile(c.inner)), c.covers)
      << c.outer << " over " << c.inner;
}

INSTANTIATE_TEST_SUITE_P(
    Pairs, GlobCoversTest,
    testing::Values(GlobPair{"*", "read_file", true}, GlobPair{"read_*", "read_file", true},
                    GlobPair{"read_file", "read_file", true}, GlobPair{"read_*", "read_*", true},
                    GlobPair{"*", "read_*", true}, GlobPair{"**", "read_?", true},
                    GlobPair{"read_file", "read_*", false}, GlobPair{"write_*", "read_file", false},
                    // Covered, but two different wildcards are not compared.
                    GlobPair{"read*", "read_*", false},
                    // An escaped star is a literal.
                    GlobPair{"a*", "a\\*", true}, GlobPair{"a\\*", "a*", false}));

TEST(GlobListCovers, EmptyMeansAnything) {
  std::vector<Glob> none;
  std::vector<Glob> some = {*Glob::Compile("a"), *Glob::Compile("b")};
  std::vector<Glob> star = {*Glob::Compile("*")};
  EXPECT_TRUE(GlobListCovers(none, some));
  EXPECT_TRUE(GlobListCovers(none, none));
  EXPECT_FALSE(GlobListCovers(some, none));
  EXPECT_FALSE(GlobListCovers(star, none));
  EXPECT_TRUE(GlobListCovers(star, some));
  EXPECT_FALSE(GlobListCovers(std::vector<Glob>{*Glob::Compile("a")}, some));
}

// Requests and notifications to the server, as a target without
// directions or kinds looks at them from one side.
constexpr uint8_t kRequestsToServer = 0b000011;

CompiledTarget Make(const std::vector<std::string>& methods, const std::vector<std::string>& names,
                    NameKind kind, const std::vector<std::string>& servers = {}) {
  CompiledTarget target;
  target.slots = kRequestsToServer;
  for (const std::string& m : methods) target.methods.push_back(*Glob::Compile(m));
  for (const std::string& n : names) target.names.push_back(*Glob::Compile(n));
  target.name_kind = kind;
  for (const std::string& s : servers) target.servers.push_back(*Glob::Compile(s));
  return target;
}

TEST(TargetCovers, ComparesSlotsMethodsNamesAndServers) {
  const CompiledTarget all_tools = Make({}, {"*"}, NameKind::kTool);
  const CompiledTarget read = Make({}, {"read_file"}, NameKind::kTool);
  const CompiledTarget read_prompt = Make({}, {"read_file"}, NameKind::kPrompt);
  const CompiledTarget every_method = Make({"*"}, {}, NameKind::kNone);
  const CompiledTarget tools_call = Make({"tools/call"}, {}, NameKind::kNone);
  const CompiledTarget read_on_fs = Make({}, {"read_file"}, NameKind::kTool, {"fs"});
  EXPECT_TRUE(TargetCovers(all_tools, read, read.slots));
  EXPECT_FALSE(TargetCovers(read, all_tools, all_tools.slots));
  EXPECT_FALSE(TargetCovers(all_tools, read_prompt, read_prompt.slots));  // Another kind.
  EXPECT_TRUE(TargetCovers(every_method, read, read.slots));   // tools/call is a method.
  EXPECT_TRUE(TargetCovers(tools_call, read, read.slots));
  EXPECT_FALSE(TargetCovers(all_tools, tools_call, tools_call.slots));  // Not shown: no names.
  EXPECT_TRUE(TargetCovers(all_tools, read_on_fs, read_on_fs.slots));
  EXPECT_FALSE(TargetCovers(read_on_fs, read, read.slots));  // Only one server.
  // Slots: a response slot the outer target does not look at.
  EXPECT_FALSE(TargetCovers(all_tools, read, 0b100001));
  EXPECT_TRUE(TargetCovers(all_tools, read, 0b000001));
}

}  // namespace
}  // namespace mcpguard::internal
