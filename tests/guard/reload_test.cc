// Engine::Reload: a good file is put in force; anything else leaves the
// policy in force as it was and says why.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guard/policy_files_testing.h"
#include "mcpguard/guard.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;
using testing_files::ToolPolicy;
using testing_files::EngineOnNewFile;
using testing_files::WriteFileAtomically;

constexpr char kCall[] =
    R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"t"}})";

std::string Copy(std::string_view text) { return std::string(text); }

class ReloadTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("policy.textproto");
    engine_ = EngineOnNewFile(path_);
    ASSERT_NE(engine_, nullptr);
    hash_ = Copy(engine_->policy()->hash());
  }

  // The verdict of a new session's call of "t".
  Verdict CallT() { return engine_->NewSession({})->Check(kCall, Direction::kToServer); }

  // The policy in force is still the first one, and decides as it did.
  void ExpectOldPolicyInForce() {
    EXPECT_EQ(engine_->policy()->hash(), hash_);
    Verdict v = CallT();
    EXPECT_TRUE(v.allowed());
    EXPECT_EQ(v.rule_id(), "allow-t");
  }

  testing_files::TempDir dir_;
  std::string path_;
  std::unique_ptr<Engine> engine_;
  std::string hash_;
};

TEST_F(ReloadTest, GoodFileSwapsDecisions) {
  ASSERT_TRUE(CallT().allowed());
  WriteFileAtomically(path_, ToolPolicy("deny-t", "DENY"));
  std::vector<Diagnostic> diagnostics;
  ASSERT_TRUE(engine_->Reload(path_, &diagnostics).ok());
  EXPECT_TRUE(diagnostics.empty());
  Verdict v = CallT();
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "deny-t");
  EXPECT_EQ(v.policy()->name(), "deny-t");
  EXPECT_NE(engine_->policy()->hash(), hash_);
  EXPECT_EQ(v.policy()->hash(), engine_->policy()->hash());
}

TEST_F(ReloadTest, ExistingSessionsSeeTheReloadedPolicy) {
  auto session = engine_->NewSession({});
  ASSERT_TRUE(session->Check(kCall, Direction::kToServer).allowed());
  WriteFileAtomically(path_, ToolPolicy("deny-t", "DENY"));
  ASSERT_TRUE(engine_->Reload(path_).ok());
  EXPECT_EQ(session->Check(
                R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"t"}})",
                Direction::kToServer)
                .rule_id(),
            "deny-t");
}

TEST_F(ReloadTest, SyntaxErrorKeepsTheOldPolicyAndNamesFileAndLine) {
  WriteFileAtomically(path_, "name: \"broken\"\nrules {\n  id: = \"x\"\n}\n");
  std::vector<Diagnostic> diagnostics;
  absl::Status status = engine_->Reload(path_, &diagnostics);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr(absl::StrCat("reload of ", path_, " failed; the policy in force (",
                                     hash_.substr(0, 12), ") stays: ", path_, ":3:")));
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics[0].file, path_);
  EXPECT_EQ(diagnostics[0].line, 3);
  ExpectOldPolicyInForce();
}

TEST_F(ReloadTest, CompileErrorKeepsTheOldPolicyAndNamesFileAndLine) {
  WriteFileAtomically(path_,
                      "name: \"broken\"\n"
                      "rules {\n"
                      "  id: \"no-effect\"\n"
                      "  target { tools: \"t\" }\n"
                      "}\n");
  std::vector<Diagnostic> diagnostics;
  absl::Status status = engine_->Reload(path_, &diagnostics);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr(absl::StrCat(path_, ":2:1: error: rule has no effect")));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].line, 2);
  EXPECT_EQ(diagnostics[0].field, "rules[0]");
  ExpectOldPolicyInForce();
}

TEST_F(ReloadTest, MissingFileIsNotFoundAndKeepsTheOldPolicy) {
  const std::string missing = dir_.File("absent.textproto");
  absl::Status status = engine_->Reload(missing);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(status.message()),
            absl::StrCat("reload of ", missing, " failed; the policy in force (",
                         hash_.substr(0, 12), ") stays: ", missing, ": no such policy file"));
  ExpectOldPolicyInForce();
}

// A policy rewritten in place (truncated, then written) is empty for a
// moment, or holds its header comment alone; a reload must not put that
// moment in force as a policy of defaults.
TEST_F(ReloadTest, AnEmptyFileIsRefusedAndKeepsTheOldPolicy) {
  for (const char* blank : {"", " \n\t\r\n", "# The policy of the team.\n# Owner: sec\n"}) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << blank;
    std::vector<Diagnostic> diagnostics;
    absl::Status status = engine_->Reload(path_, &diagnostics);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_THAT(std::string(status.message()),
                HasSubstr(absl::StrCat(path_, ": error: the file sets nothing")));
    ASSERT_FALSE(diagnostics.empty());
    EXPECT_EQ(diagnostics.back().severity, Diagnostic::Severity::kError);
    EXPECT_EQ(diagnostics.back().file, path_);
    ExpectOldPolicyInForce();
  }
  // A policy of defaults can still be put in force, with something in it.
  WriteFileAtomically(path_, "name: \"defaults\"\n");
  EXPECT_TRUE(engine_->Reload(path_).ok());
  EXPECT_EQ(CallT().decision(), Decision::kDeny);
}

TEST_F(ReloadTest, ReloadingTheSameFileKeepsTheSameHash) {
  ASSERT_TRUE(engine_->Reload(path_).ok());
  EXPECT_EQ(engine_->policy()->hash(), hash_);
}

}  // namespace
}  // namespace mcpguard
