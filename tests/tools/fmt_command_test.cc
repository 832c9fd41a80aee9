// `mcpguard fmt`: canonical textproto, through the built command.
#include <sys/stat.h>

#include <string>
#include <vector>

#include "cli_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::mcpguard::cli_testing::kPolicy;
using ::mcpguard::cli_testing::Lines;
using ::mcpguard::cli_testing::ReadFile;
using ::mcpguard::cli_testing::RunMcpguard;
using ::mcpguard::cli_testing::RunResult;
using ::mcpguard::cli_testing::WriteTemp;
using ::testing::ElementsAre;
using ::testing::StartsWith;

constexpr char kMessy[] =
    "rules{id:'a' effect:ALLOW target{methods:[\"ping\",'tools/list']}}   name:\"caf\xc3\xa9\"\n";
constexpr char kCanonical[] =
    "name: \"caf\xc3\xa9\"\n"
    "rules {\n"
    "  id: \"a\"\n"
    "  effect: ALLOW\n"
    "  target {\n"
    "    methods: \"ping\"\n"
    "    methods: \"tools/list\"\n"
    "  }\n"
    "}\n";

// "sha256 <hash>" from check's "POLICY: ok (N rules, sha256 HASH)" line.
std::string HashOf(const std::string& policy) {
  RunResult r = RunMcpguard("check " + policy);
  const size_t at = r.out.find("sha256 ");
  return at == std::string::npos ? r.out : r.out.substr(at, 7 + 64);
}

TEST(FmtCommand, PrintsCanonicalTextproto) {
  RunResult r = RunMcpguard("fmt " + WriteTemp("messy.textproto", kMessy));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, kCanonical);
}

TEST(FmtCommand, ConvertsJsonToTextproto) {
  RunResult r = RunMcpguard(
      "fmt " + WriteTemp("p.json",
                         "{\"rules\": [{\"target\": {\"methods\": [\"ping\", \"tools/list\"]},"
                         " \"effect\": \"ALLOW\", \"id\": \"a\"}], \"name\": \"caf\xc3\xa9\"}"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kCanonical);
}

TEST(FmtCommand, ExamplePolicyKeepsItsMeaningAndLosesItsComments) {
  RunResult r = RunMcpguard("fmt " + kPolicy);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, kPolicy + ": warning: the canonical form has no comments; this file's are "
                             "left out\n");
  std::string formatted = WriteTemp("formatted.textproto", r.out);
  EXPECT_EQ(HashOf(formatted), HashOf(kPolicy));
  // Formatting is idempotent, and a file without comments draws no warning.
  RunResult again = RunMcpguard("fmt " + formatted);
  EXPECT_EQ(again.out, r.out);
  EXPECT_EQ(again.err, "");
}

TEST(FmtCommand, InPlaceRewritesAtomicallyAndKeepsPermissions) {
  std::string path = WriteTemp("inplace.textproto", std::string("# header\n") + kMessy);
  ASSERT_EQ(chmod(path.c_str(), 0640), 0);
  RunResult r = RunMcpguard("fmt --in-place " + path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, path + ": formatted\n");
  EXPECT_EQ(r.err, path + ": warning: the canonical form has no comments; this file's are "
                          "dropped from it\n");
  EXPECT_EQ(ReadFile(path), kCanonical);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  RunResult again = RunMcpguard("fmt --in-place " + path);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, path + ": unchanged\n");
}

TEST(FmtCommand, InPlaceLeavesFilesThatDoNotParseOrAreNotTextproto) {
  const std::string broken_text = "rules { id: \"a\" effect: MAYBE }\n";
  std::string broken = WriteTemp("broken.textproto", broken_text);
  const std::string json_text = "{\"name\": \"j\"}";
  std::string json = WriteTemp("p.json", json_text);
  RunResult r = RunMcpguard("fmt --in-place " + broken + " " + json);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(Lines(r.err),
              ElementsAre(StartsWith(broken + ":1:25: error: Unknown enumeration value of "
                                              "\"MAYBE\""),
                          json + ": error: --in-place rewrites textproto files only; this one "
                                 "is JSON (redirect the output into a .textproto file instead)"));
  EXPECT_EQ(ReadFile(broken), broken_text);
  EXPECT_EQ(ReadFile(json), json_text);
}

TEST(FmtCommand, MissingFileIsAnError) {
  RunResult r = RunMcpguard("fmt /nonexistent/policy.textproto " + kPolicy);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("/nonexistent/policy.textproto: error: no such policy file\n"));
  EXPECT_THAT(r.out, StartsWith("name: \"filesystem-example\"\n"));
}

}  // namespace
