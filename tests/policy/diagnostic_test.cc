#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "mcpguard/policy.h"

namespace mcpguard {
namespace {

struct ToStringCase {
  std::string name;
  Diagnostic diagnostic;
  std::string want;
};

Diagnostic Make(Diagnostic::Severity severity, std::string file, int line,
                int column, std::string field, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  d.field = std::move(field);
  d.message = std::move(message);
  return d;
}

constexpr Diagnostic::Severity kError = Diagnostic::Severity::kError;
constexpr Diagnostic::Severity kWarning = Diagnostic::Severity::kWarning;

class DiagnosticToStringTest : public testing::TestWithParam<ToStringCase> {};

TEST_P(DiagnosticToStringTest, FormatsLikeACompiler) {
  EXPECT_EQ(GetParam().diagnostic.ToString(), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Diagnostic, DiagnosticToStringTest,
    testing::Values(
        ToStringCase{"Full",
                     Make(kError, "fs.textproto", 12, 7, "rules[2].id",
                          "duplicate rule id \"read\""),
                     "fs.textproto:12:7: error: duplicate rule id \"read\" "
                     "[rules[2].id]"},
        ToStringCase{"Warning",
                     Make(kWarning, "fs.json", 3, 1, "rules",
                          "policy has no ALLOW rule"),
                     "fs.json:3:1: warning: policy has no ALLOW rule [rules]"},
        ToStringCase{"NoField", Make(kError, "p", 1, 2, "", "bad"),
                     "p:1:2: error: bad"},
        ToStringCase{"NoColumn", Make(kError, "p", 4, 0, "name", "bad"),
                     "p:4: error: bad [name]"},
        ToStringCase{"NoLocation",
                     Make(kError, "p.binpb", 0, 0, "",
                          "not a valid binary mcpguard.v1.Policy"),
                     "p.binpb: error: not a valid binary mcpguard.v1.Policy"},
        ToStringCase{"ColumnWithoutLineIsIgnored",
                     Make(kError, "p", 0, 5, "", "bad"), "p: error: bad"},
        ToStringCase{"NoFile", Make(kError, "", 0, 0, "x", "bad"),
                     "error: bad [x]"},
        ToStringCase{"Defaults", Diagnostic{}, "error: "}),
    [](const testing::TestParamInfo<ToStringCase>& case_info) {
      return case_info.param.name;
    });

}  // namespace
}  // namespace mcpguard
