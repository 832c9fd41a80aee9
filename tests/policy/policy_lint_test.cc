// The policy lint (lib/policy/policy_lint.cc): each warning and note, where
// it points, what it says, and its absence on policies that are fine.
#include "policy/policy_lint.h"

#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/policy.h"

namespace mcpguard {
namespace {

constexpr Diagnostic::Severity kWarning = Diagnostic::Severity::kWarning;
constexpr Diagnostic::Severity kNote = Diagnostic::Severity::kNote;

constexpr char kVersions[] = "2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28";

// The policy's warnings and notes; the policy must compile.
std::vector<Diagnostic> Findings(const std::string& text) {
  std::vector<Diagnostic> diagnostics;
  auto policy = CompilePolicy(text, {PolicyFormat::kTextproto, "p.textproto"}, &diagnostics);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return diagnostics;
}

std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.ToString());
  return absl::StrJoin(lines, "\n");
}

struct Expected {
  Diagnostic::Severity severity;
  int line;
  std::string field;
  std::string message;
};

struct LintCase {
  const char* name;
  std::string policy;
  std::vector<Expected> findings;  // Empty: the policy is clean.
};

class PolicyLintTest : public testing::TestWithParam<LintCase> {};

std::string CaseName(const testing::TestParamInfo<LintCase>& param) { return param.param.name; }

TEST_P(PolicyLintTest, ReportsExactlyTheExpectedFindings) {
  const LintCase& c = GetParam();
  std::vector<Diagnostic> got = Findings(c.policy);
  ASSERT_EQ(got.size(), c.findings.size()) << Describe(got);
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].severity, c.findings[i].severity) << got[i].ToString();
    EXPECT_EQ(got[i].file, "p.textproto");
    EXPECT_EQ(got[i].line, c.findings[i].line) << got[i].ToString();
    EXPECT_EQ(got[i].field, c.findings[i].field) << got[i].ToString();
    EXPECT_EQ(got[i].message, c.findings[i].message);
  }
}

std::string NoMethod(const std::string& method) {
  return "\"" + method + "\" is not a method of any MCP version (" + kVersions +
         "): validation rejects it before any rule (set validation.allow_unknown_methods to "
         "pass such methods to the rules)";
}

std::string NoMethodMatch(const std::string& glob) {
  return "\"" + glob + "\" matches no method of any MCP version (" + kVersions +
         "): validation rejects other methods before any rule (set "
         "validation.allow_unknown_methods to pass them to the rules)";
}

const char kNotePrefix[] =
    " allows, unconditionally, a wider target that includes this rule's, so whatever this "
    "condition does not catch is allowed: the condition is a blocklist and the only check. If "
    "that is not meant, give the ALLOW a condition that says what is acceptable, or write this "
    "condition under `not` as one";

INSTANTIATE_TEST_SUITE_P(
    NeverMatches, PolicyLintTest,
    testing::Values(
        LintCase{"UnknownMethod",
                 "rules {\n"
                 "  id: \"a\"\n"
                 "  effect: ALLOW\n"
                 "  target { methods: \"ping\" methods: \"tools/cal\" }\n"
                 "}\n",
                 {{kWarning, 4, "rules[0].target.methods[1]", NoMethod("tools/cal")}}},
        LintCase{"GlobMatchingNoMethod",
                 "rules {\n"
                 "  id: \"a\"\n"
                 "  effect: DENY\n"
                 "  target {\n"
                 "    methods: \"tool/*\"\n"
                 "  }\n"
                 "}\n",
                 {{kWarning, 5, "rules[0].target.methods[0]", NoMethodMatch("tool/*")}}},
        LintCase{"UnknownMethodsAllowed",
                 "validation { allow_unknown_methods: true }\n"
                 "rules { id: \"a\" effect: ALLOW target { methods: \"x/*\" methods: \"y\" } }\n",
                 {}},
        LintCase{"UnknownMethodsWithoutMcpValidation",
                 "validation { mcp_messages: OFF }\n"
                 "rules { id: \"a\" effect: ALLOW target { methods: \"x/*\" methods: \"y\" } }\n",
                 {}},
        LintCase{"ScopeRequirementUnknownMethod",
                 "rules { id: \"a\" effect: ALLOW target { methods: \"ping\" } }\n"
                 "scope_requirements {\n"
                 "  id: \"s\"\n"
                 "  scopes: \"admin\"\n"
                 "  target { methods: \"admin/*\" }\n"
                 "}\n",
                 {{kWarning, 5, "scope_requirements[0].target.methods[0]",
                   NoMethodMatch("admin/*")}}},
        LintCase{"RequestLookedForInTheWrongDirection",
                 "rules {\n"
                 "  id: \"results\"\n"
                 "  effect: DENY\n"
                 "  target { directions: TO_CLIENT methods: \"tools/call\" }\n"
                 "}\n",
                 {{kWarning, 4, "rules[0].target",
                   "can never match: under MCP validation the messages of the methods it names "
                   "travel only as request to_server, response to_client, and the target looks "
                   "only at request to_client, notification to_client (see its directions and "
                   "kinds)"}}},
        LintCase{"ResponseToANotification",
                 "rules {\n"
                 "  id: \"r\"\n"
                 "  effect: DENY\n"
                 "  target { kinds: RESPONSE methods: \"notifications/*\" }\n"
                 "}\n",
                 {{kWarning, 4, "rules[0].target",
                   "can never match: under MCP validation the messages of the methods it names "
                   "travel only as notification to_server, notification to_client, and the "
                   "target looks only at response to_server, response to_client (see its "
                   "directions and kinds)"}}},
        LintCase{"DirectionsWithoutMcpValidation",
                 "validation { mcp_messages: OFF }\n"
                 "rules { id: \"r\" effect: DENY target { kinds: RESPONSE methods: \"notifications/*\" } }\n",
                 {}},
        LintCase{"PrincipalAndItsNegation",
                 "rules {\n"
                 "  id: \"a\"\n"
                 "  effect: ALLOW\n"
                 "  target { tools: \"x\" }\n"
                 "  principal { all {\n"
                 "    matchers { role: \"dev\" }\n"
                 "    matchers { not { role: \"dev\" } }\n"
                 "  } }\n"
                 "}\n",
                 {{kWarning, 7, "rules[0].principal.all.matchers[1]",
                   "can never match: the principal matcher matches nobody: `all` holds a matcher "
                   "(all.matchers[0]) and its negation (all.matchers[1])"}}},
        LintCase{"PrincipalNotAnyone",
                 "rules { id: \"a\" effect: DENY target { tools: \"x\" }\n"
                 "  principal { not { anyone: true } } }\n",
                 {{kWarning, 2, "rules[0].principal",
                   "can never match: the principal matcher matches nobody: `not { anyone: true }` "
                   "matches nobody"}}},
        LintCase{"PrincipalAnyOfNobody",
                 "rules { id: \"a\" effect: DENY target { tools: \"x\" }\n"
                 "  principal { any { matchers { not { anyone: true } } } } }\n",
                 {{kWarning, 2, "rules[0].principal",
                   "can never match: the principal matcher matches nobody: no matcher of `any` "
                   "can match anyone"}}},
        LintCase{"PresentAndAbsent",
                 "rules {\n"
                 "  id: \"a\"\n"
                 "  effect: DENY\n"
                 "  target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/p\" present: true } }\n"
                 "    conditions { field { pointer: \"/arguments/p\" present: false } }\n"
                 "  } }\n"
                 "}\n",
                 {{kWarning, 7, "rules[0].condition.all.conditions[1].field",
                   "can never match: the condition is never true: /arguments/p must be present "
                   "(all.conditions[0].field) and absent (all.conditions[1].field)"}}},
        LintCase{"AbsentButMatched",
                 "rules {\n"
                 "  id: \"a\"\n"
                 "  effect: DENY\n"
                 "  target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/p\" present: false } }\n"
                 "    conditions { all { conditions {\n"
                 "      field { pointer: \"/arguments/p\" string { prefix: \"/\" } } } } }\n"
                 "  } }\n"
                 "}\n",
                 {{kWarning, 8, "rules[0].condition.all.conditions[1].all.conditions[0].field",
                   "can never match: the condition is never true: /arguments/p must be absent "
                   "(all.conditions[0].field) and match all.conditions[1].all.conditions[0].field, "
                   "which is false for a missing field"}}},
        LintCase{"DisjointNumberRangesInAnAllow",
                 "rules {\n"
                 "  id: \"a\"\n"
                 "  effect: ALLOW\n"
                 "  target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/n\" number { min: 10 } } }\n"
                 "    conditions { field { pointer: \"/arguments/n\" number { max: 10 exclusive_max: true } } }\n"
                 "  } }\n"
                 "}\n",
                 {{kWarning, 7, "rules[0].condition.all.conditions[1].field",
                   "can never match: the condition is never true: /arguments/n must be a number "
                   "in [10, +inf) (all.conditions[0].field) and in (-inf, 10) "
                   "(all.conditions[1].field)"}}},
        LintCase{"DisjointNumberRangesInADeny",
                 "rules {\n"
                 "  id: \"a\"\n"
                 "  effect: DENY\n"
                 "  target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/n\" number { min: 10 } } }\n"
                 "    conditions { field { pointer: \"/arguments/n\" number { max: 5 } } }\n"
                 "  } }\n"
                 "}\n",
                 {{kWarning, 7, "rules[0].condition.all.conditions[1].field",
                   "the condition is never true: /arguments/n must be a number in [10, +inf) "
                   "(all.conditions[0].field) and in (-inf, 5] (all.conditions[1].field); the "
                   "rule matches only when /arguments/n has another type (undecidable, so the "
                   "rule applies: fail closed)"}}},
        LintCase{"DisjointLengths",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/s\" length { min: 5 } } }\n"
                 "    conditions { field { pointer: \"/arguments/s\" length { max: 4 } } }\n"
                 "  } } }\n",
                 {{kWarning, 4, "rules[0].condition.all.conditions[1].field",
                   "can never match: the condition is never true: /arguments/s must be a string "
                   "of length [5, +inf] (all.conditions[0].field) and [0, 4] "
                   "(all.conditions[1].field)"}}},
        LintCase{"TwoExactValues",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/m\" string { exact: \"r\" } } }\n"
                 "    conditions { field { pointer: \"/arguments/m\" string { exact: \"w\" } } }\n"
                 "  } } }\n",
                 {{kWarning, 4, "rules[0].condition.all.conditions[1].field",
                   "can never match: the condition is never true: /arguments/m must equal \"r\" "
                   "(all.conditions[0].field) and \"w\" (all.conditions[1].field)"}}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    NoFalseContradictions, PolicyLintTest,
    testing::Values(
        // Different elements can satisfy each matcher.
        LintCase{"ElementsAny",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/n\" elements: ANY number { min: 10 } } }\n"
                 "    conditions { field { pointer: \"/arguments/n\" elements: ANY number { max: 5 } } }\n"
                 "  } } }\n",
                 {}},
        // `any` is true when one branch is.
        LintCase{"AnyOfOpposites",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { any {\n"
                 "    conditions { field { pointer: \"/arguments/p\" present: true } }\n"
                 "    conditions { field { pointer: \"/arguments/p\" present: false } }\n"
                 "  } } }\n",
                 {}},
        LintCase{"TouchingRanges",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/n\" number { min: 10 } } }\n"
                 "    conditions { field { pointer: \"/arguments/n\" number { max: 10 } } }\n"
                 "  } } }\n",
                 {}},
        LintCase{"ExactValuesFoldingCase",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/m\" string { exact: \"R\" ignore_case: true } } }\n"
                 "    conditions { field { pointer: \"/arguments/m\" string { exact: \"r\" ignore_case: true } } }\n"
                 "  } } }\n",
                 {}},
        LintCase{"DifferentPointers",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { all {\n"
                 "    conditions { field { pointer: \"/arguments/a\" present: true } }\n"
                 "    conditions { field { pointer: \"/arguments/b\" present: false } }\n"
                 "  } } }\n",
                 {}},
        LintCase{"PrincipalRoleAndOtherRole",
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" }\n"
                 "  principal { all { matchers { role: \"dev\" } matchers { not { role: \"ops\" } } } } }\n",
                 {}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    NeverDecides, PolicyLintTest,
    testing::Values(
        LintCase{"AllowUnderAnEarlierUnconditionalDeny",
                 "rules { id: \"no-tools\" effect: DENY target { tools: \"*\" } }\n"
                 "rules {\n"
                 "  id: \"read\"\n"
                 "  effect: ALLOW\n"
                 "  target { tools: \"read_file\" }\n"
                 "  condition { field { pointer: \"/arguments/path\" string { prefix: \"/srv/\" } } }\n"
                 "}\n",
                 {{kWarning, 2, "rules[1]",
                   "never decides: rule \"no-tools\" (line 1) denies, unconditionally, every "
                   "message this rule matches, and a deny overrides an allow"}}},
        LintCase{"AskUnderALaterDeny",
                 "rules { id: \"ask\" effect: ASK target { methods: \"tools/call\" } }\n"
                 "rules { id: \"deny-all\" effect: DENY target { methods: \"*\" } }\n",
                 {{kWarning, 1, "rules[0]",
                   "never decides: rule \"deny-all\" (line 2) denies, unconditionally, every "
                   "message this rule matches, and a deny overrides an ask"}}},
        LintCase{"AllowUnderAnAsk",
                 "rules { id: \"ask\" effect: ASK target { tools: \"write_*\" } }\n"
                 "rules { id: \"w\" effect: ALLOW target { tools: \"write_*\" } principal { role: \"dev\" } }\n",
                 {{kWarning, 2, "rules[1]",
                   "never decides: rule \"ask\" (line 1) asks about, unconditionally, every "
                   "message this rule matches, and an ask overrides an allow"}}},
        LintCase{"RepeatedDeny",
                 "rules { id: \"d1\" effect: DENY target { tools: \"rm\" tools: \"rmdir\" } }\n"
                 "rules { id: \"d2\" effect: DENY target { tools: \"rm\" }\n"
                 "  condition { field { pointer: \"/arguments/force\" present: true } } }\n",
                 {{kWarning, 2, "rules[1]",
                   "never decides: rule \"d1\" (line 1), written before it, already denies, "
                   "unconditionally, every message this rule matches"}}},
        LintCase{"SamePrincipal",
                 "rules { id: \"d\" effect: DENY target { tools: \"*\" } principal { role: \"guest\" } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" } principal { role: \"guest\" } }\n",
                 {{kWarning, 2, "rules[1]",
                   "never decides: rule \"d\" (line 1) denies, unconditionally, every message "
                   "this rule matches, and a deny overrides an allow"}}},
        // tools/call requests only travel to the server: a deny of every
        // request to the server covers an allow that names no direction.
        LintCase{"DirectionsValidationRulesOut",
                 "rules { id: \"d\" effect: DENY target { directions: TO_SERVER kinds: REQUEST methods: \"*\" } }\n"
                 "rules { id: \"a\" effect: ALLOW target { methods: \"tools/call\" } }\n",
                 {{kWarning, 2, "rules[1]",
                   "never decides: rule \"d\" (line 1) denies, unconditionally, every message "
                   "this rule matches, and a deny overrides an allow"}}},
        LintCase{"SameGlob",
                 "rules { id: \"d\" effect: DENY target { tools: \"debug_*\" servers: \"*\" } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"debug_*\" servers: \"prod\" } }\n",
                 {{kWarning, 2, "rules[1]",
                   "never decides: rule \"d\" (line 1) denies, unconditionally, every message "
                   "this rule matches, and a deny overrides an allow"}}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    DecidesSometimes, PolicyLintTest,
    testing::Values(
        LintCase{"ConditionalDeny",
                 "rules { id: \"d\" effect: DENY target { tools: \"*\" }\n"
                 "  condition { field { pointer: \"/arguments/path\" string { contains: \"..\" } } } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"read_file\" }\n"
                 "  condition { field { pointer: \"/arguments/path\" string { prefix: \"/srv/\" } } } }\n",
                 {}},
        LintCase{"DenyForOtherPrincipals",
                 "rules { id: \"d\" effect: DENY target { tools: \"*\" } principal { not { role: \"admin\" } } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" } }\n",
                 {}},
        LintCase{"NarrowerDeny",
                 "rules { id: \"d\" effect: DENY target { tools: \"delete_*\" } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"*\" } }\n",
                 {}},
        // Two different wildcards: not compared.
        LintCase{"OverlappingGlobs",
                 "rules { id: \"d\" effect: DENY target { tools: \"read*\" } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"read_*\" } }\n",
                 {}},
        LintCase{"DenyOnOneServer",
                 "rules { id: \"d\" effect: DENY target { tools: \"*\" servers: \"prod\" } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"x\" } }\n",
                 {}},
        LintCase{"DenyOfRequestsOnly",
                 "rules { id: \"d\" effect: DENY target { kinds: REQUEST tools: \"*\" } }\n"
                 "rules { id: \"a\" effect: ALLOW target { kinds: RESPONSE tools: \"x\" } }\n",
                 {}},
        // A RECORD rule is recorded whatever decides.
        LintCase{"RecordUnderADeny",
                 "rules { id: \"d\" effect: DENY target { tools: \"*\" } }\n"
                 "rules { id: \"r\" effect: RECORD target { tools: \"x\" } }\n",
                 {}},
        LintCase{"AllowUnderALaterAllow",
                 "rules { id: \"a1\" effect: ALLOW target { tools: \"x\" }\n"
                 "  condition { field { pointer: \"/arguments/p\" present: true } } }\n"
                 "rules { id: \"a2\" effect: ALLOW target { tools: \"*\" } }\n",
                 {}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    WideAllow, PolicyLintTest,
    testing::Values(
        LintCase{"BlocklistBesideAWiderAllow",
                 "rules {\n"
                 "  id: \"no-force-delete\"\n"
                 "  effect: DENY\n"
                 "  target { tools: \"delete_*\" }\n"
                 "  condition { field { pointer: \"/arguments/force\" present: true } }\n"
                 "}\n"
                 "rules { id: \"everything\" effect: ALLOW target { tools: \"*\" } }\n",
                 {{kNote, 5, "rules[0].condition",
                   std::string("rule \"everything\" (line 7)") + kNotePrefix}}},
        LintCase{"AllowlistUnderNot",
                 "rules { id: \"git-only\" effect: DENY target { tools: \"run_*\" }\n"
                 "  condition { not { field { pointer: \"/arguments/command\"\n"
                 "    command { executables: \"git\" } } } } }\n"
                 "rules { id: \"everything\" effect: ALLOW target { tools: \"*\" } }\n",
                 {}},
        LintCase{"AllowWithItsOwnCondition",
                 "rules { id: \"d\" effect: DENY target { tools: \"delete_*\" }\n"
                 "  condition { field { pointer: \"/arguments/force\" present: true } } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"*\" }\n"
                 "  condition { field { pointer: \"/arguments/path\" path { roots: \"/srv\" } } } }\n",
                 {}},
        // The ALLOW never decides (the last rule denies everything it
        // matches): it leaves nothing to the DENY's condition.
        LintCase{"ShadowedAllowGivesNoNote",
                 "rules { id: \"d\" effect: DENY target { tools: \"delete_*\" }\n"
                 "  condition { field { pointer: \"/arguments/force\" present: true } } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"*\" } }\n"
                 "rules { id: \"x\" effect: DENY target { tools: \"*\" } }\n",
                 {{kWarning, 3, "rules[1]",
                   "never decides: rule \"x\" (line 4) denies, unconditionally, every message "
                   "this rule matches, and a deny overrides an allow"}}},
        // RFC 6901 has no wildcard (found by a review: such a DENY applied
        // to every response once a pointer through an array became
        // undecidable).
        LintCase{"WildcardPointer",
                 "rules { id: \"d\" effect: DENY target { kinds: RESPONSE tools: \"*\" }\n"
                 "  condition { any { conditions { field { pointer: \"/content/*/text\"\n"
                 "    string { contains: \"KEY\" } } } } } }\n",
                 {{kWarning, 2, "rules[0].condition.any.conditions[0].field.pointer",
                   "JSON Pointers have no wildcard: \"/content/*/text\" names a member called "
                   "\"*\" (through an array, every message is undecidable); for each element "
                   "of an array, write `elements: ANY` (or ALL) with an `element_pointer`"}}},
        LintCase{"StarInsideANameIsNoWildcard",
                 "rules { id: \"d\" effect: DENY target { tools: \"t\" }\n"
                 "  condition { field { pointer: \"/a*b\" present: true } } }\n",
                 {}},
        LintCase{"SameTarget",
                 "rules { id: \"d\" effect: DENY target { tools: \"delete_file\" }\n"
                 "  condition { field { pointer: \"/arguments/force\" present: true } } }\n"
                 "rules { id: \"a\" effect: ALLOW target { tools: \"delete_file\" } }\n",
                 {}}),
    CaseName);

TEST(PolicyLint, SilentWhenThePolicyHasErrors) {
  std::vector<Diagnostic> diagnostics;
  auto policy = CompilePolicy(
      "rules { id: \"d\" effect: DENY target { tools: \"*\" } }\n"
      "rules { id: \"a\" effect: ALLOW target { tools: \"x\" } }\n"
      "rules { id: \"b\" effect: ALLOW target { methods: \"tool/*\" bogus: 1 } }\n",
      {PolicyFormat::kTextproto, "p.textproto"}, &diagnostics);
  ASSERT_FALSE(policy.ok());
  for (const Diagnostic& d : diagnostics) {
    EXPECT_EQ(d.severity, Diagnostic::Severity::kError) << d.ToString();
  }
}

TEST(PolicyLint, CompilerNameWarningIsNotRepeated) {
  // The compiler already says a tool rule whose methods exclude tools/call
  // never matches; the lint adds nothing, and nothing is shadowed by it.
  std::vector<Diagnostic> got = Findings(
      "rules { id: \"a\" effect: DENY target { methods: \"tools/list\" tools: \"x\" } }\n"
      "rules { id: \"b\" effect: ALLOW target { tools: \"x\" } }\n");
  ASSERT_EQ(got.size(), 1u) << Describe(got);
  EXPECT_EQ(got[0].field, "rules[0].target.tools");
}

TEST(PolicyLint, NoteDoesNotPrintAsWarning) {
  std::vector<Diagnostic> got = Findings(
      "rules { id: \"d\" effect: DENY target { tools: \"delete_*\" }\n"
      "  condition { field { pointer: \"/arguments/force\" present: true } } }\n"
      "rules { id: \"a\" effect: ALLOW target { tools: \"*\" } }\n");
  ASSERT_EQ(got.size(), 1u) << Describe(got);
  EXPECT_EQ(got[0].ToString(),
            std::string("p.textproto:2:3: note: rule \"a\" (line 3)") + kNotePrefix +
                " [rules[0].condition]");
}

TEST(PolicyLint, JsonPoliciesGetLines) {
  std::vector<Diagnostic> diagnostics;
  auto policy = CompilePolicy(
      "{\"rules\": [\n"
      "  {\"id\": \"d\", \"effect\": \"DENY\", \"target\": {\"tools\": [\"*\"]}},\n"
      "  {\"id\": \"a\", \"effect\": \"ALLOW\", \"target\": {\"tools\": [\"x\"]}}\n"
      "]}\n",
      {PolicyFormat::kJson, "p.json"}, &diagnostics);
  ASSERT_TRUE(policy.ok()) << policy.status();
  ASSERT_EQ(diagnostics.size(), 1u) << Describe(diagnostics);
  EXPECT_EQ(diagnostics[0].line, 3);
  EXPECT_EQ(diagnostics[0].message,
            "never decides: rule \"d\" (line 2) denies, unconditionally, every message this rule "
            "matches, and a deny overrides an allow");
}

}  // namespace
}  // namespace mcpguard
