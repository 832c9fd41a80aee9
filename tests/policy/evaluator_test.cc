// Decision semantics: deny overrides ask overrides allow, default effect,
// targets, principals, conditions that fail closed, and the index agreeing
// with a brute-force scan.
#include "policy/evaluator.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mcpguard/policy.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

std::shared_ptr<const CompiledPolicy> MustCompile(const std::string& text) {
  auto policy = CompilePolicy(text, {PolicyFormat::kTextproto, "test"});
  EXPECT_TRUE(policy.ok()) << policy.status() << "\n" << text;
  return policy.ok() ? *policy : nullptr;
}

struct Outcome {
  Decision decision;
  std::string rule;  // "" when no rule matched.
};

struct Message {
  Direction direction = Direction::kToServer;
  MessageKind kind = MessageKind::kRequest;
  std::string method = "tools/call";
  std::string tool = "read_file";  // "" = no tool
  std::string params = R"({"name":"read_file","arguments":{"path":"/srv/a"}})";
};

// Decides `m` with the caller's per-session state, as a session does for
// each message.
Outcome DecideIn(const CompiledPolicy& policy, const Message& m,
                 RuleApplicability* applicability, ResolvedFields* fields) {
  rapidjson::Document params;
  params.Parse(m.params.c_str());
  MessageFacts facts;
  facts.direction = m.direction;
  facts.kind = m.kind;
  facts.method = m.method;
  facts.has_name = !m.tool.empty();
  facts.name = m.tool;
  facts.name_kind = NameKindOf(facts.method);
  facts.scope = params.HasParseError() ? nullptr : &params;
  Evaluation e = Evaluate(policy.program(), facts, applicability, fields);
  return Outcome{e.decision, e.rule ? e.rule->id : ""};
}

Outcome Decide(const CompiledPolicy& policy, const Message& m, Principal principal = {},
               std::string server = "fs") {
  RuleApplicability applicability(std::move(principal), std::move(server));
  applicability.Reset(policy.program());
  ResolvedFields fields;
  fields.Reset(policy.program().field_count());
  return DecideIn(policy, m, &applicability, &fields);
}

std::string Rule(const std::string& id, const std::string& effect, const std::string& body) {
  return absl::StrCat("rules { id: \"", id, "\" effect: ", effect, " ", body, " }\n");
}

const char* kReadFile = "target { tools: \"read_file\" }";

// Every combination of matching effects decides the same way, whatever the
// order the rules are written in.
struct ComboCase {
  const char* name;
  std::vector<const char*> effects;  // Effects of rules that all match.
  const char* default_effect;
  Decision expected;
  const char* expected_rule;  // Id of the deciding rule: "r<i>" or "".
  // When the rules are written in reverse order, if it differs: among rules
  // of the winning effect, the first written wins.
  const char* expected_rule_reversed = nullptr;
};

class EffectComboTest : public testing::TestWithParam<ComboCase> {};

TEST_P(EffectComboTest, DenyOverridesAskOverridesAllow) {
  const ComboCase& c = GetParam();
  for (int reversed = 0; reversed < 2; ++reversed) {
    std::string text = absl::StrCat("default_effect: ", c.default_effect, "\n");
    size_t n = c.effects.size();
    for (size_t k = 0; k < n; ++k) {
      size_t i = reversed ? n - 1 - k : k;
      text += Rule(absl::StrCat("r", i), c.effects[i], kReadFile);
    }
    auto policy = MustCompile(text);
    ASSERT_NE(policy, nullptr);
    Outcome o = Decide(*policy, Message());
    EXPECT_EQ(o.decision, c.expected) << text;
    const char* expected_rule =
        reversed && c.expected_rule_reversed ? c.expected_rule_reversed : c.expected_rule;
    EXPECT_EQ(o.rule, expected_rule) << text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, EffectComboTest,
    testing::Values(
        ComboCase{"NoRuleDefaultDeny", {}, "DENY", Decision::kDeny, ""},
        ComboCase{"NoRuleDefaultAllow", {}, "ALLOW", Decision::kAllow, ""},
        ComboCase{"NoRuleDefaultAsk", {}, "ASK", Decision::kAsk, ""},
        ComboCase{"AllowOnly", {"ALLOW"}, "DENY", Decision::kAllow, "r0"},
        ComboCase{"DenyOnly", {"DENY"}, "ALLOW", Decision::kDeny, "r0"},
        ComboCase{"AskOnly", {"ASK"}, "DENY", Decision::kAsk, "r0"},
        ComboCase{"AllowDeny", {"ALLOW", "DENY"}, "ALLOW", Decision::kDeny, "r1"},
        ComboCase{"AllowAsk", {"ALLOW", "ASK"}, "DENY", Decision::kAsk, "r1"},
        ComboCase{"AskDeny", {"ASK", "DENY"}, "ALLOW", Decision::kDeny, "r1"},
        ComboCase{"AllThree", {"ALLOW", "ASK", "DENY"}, "ALLOW", Decision::kDeny, "r2"},
        ComboCase{"TwoDeniesFirstWins", {"DENY", "ALLOW", "DENY"}, "ALLOW", Decision::kDeny, "r0",
                  "r2"}),
    [](const testing::TestParamInfo<ComboCase>& param_info) { return std::string(param_info.param.name); });

TEST(Evaluator, DefaultEffectUnsetIsDeny) {
  auto policy = MustCompile(Rule("other", "ALLOW", "target { tools: \"write_file\" }"));
  EXPECT_EQ(Decide(*policy, Message()).decision, Decision::kDeny);
}

TEST(Evaluator, ResponsesWithoutRuleInheritTheirRequestsDecision) {
  auto policy = MustCompile("default_effect: DENY\n");
  Message response;
  response.direction = Direction::kToClient;
  response.kind = MessageKind::kResponse;
  EXPECT_EQ(Decide(*policy, response).decision, Decision::kAllow);
}

TEST(Evaluator, RulesWithoutKindsDoNotSeeResponses) {
  auto policy = MustCompile(Rule("deny-read", "DENY", kReadFile));
  Message response;
  response.direction = Direction::kToClient;
  response.kind = MessageKind::kResponse;
  EXPECT_EQ(Decide(*policy, response).decision, Decision::kAllow);
  auto explicit_policy = MustCompile(
      Rule("deny-read-result", "DENY", "target { kinds: RESPONSE tools: \"read_file\" }"));
  Outcome o = Decide(*explicit_policy, response);
  EXPECT_EQ(o.decision, Decision::kDeny);
  EXPECT_EQ(o.rule, "deny-read-result");
}

struct TargetCase {
  const char* name;
  const char* target;
  Message message;
  bool matches;
};

Message Msg(Direction d, MessageKind k, const char* method, const char* tool) {
  Message m;
  m.direction = d;
  m.kind = k;
  m.method = method;
  m.tool = tool;
  return m;
}

constexpr Direction kS = Direction::kToServer;
constexpr Direction kC = Direction::kToClient;
constexpr MessageKind kReq = MessageKind::kRequest;
constexpr MessageKind kNote = MessageKind::kNotification;

class TargetTest : public testing::TestWithParam<TargetCase> {};

TEST_P(TargetTest, Matches) {
  const TargetCase& c = GetParam();
  auto policy = MustCompile(absl::StrCat("default_effect: DENY\n",
                                         Rule("r", "ALLOW", absl::StrCat("target { ", c.target, " }"))));
  ASSERT_NE(policy, nullptr);
  Outcome o = Decide(*policy, c.message);
  EXPECT_EQ(o.rule == "r", c.matches) << c.target;
}

INSTANTIATE_TEST_SUITE_P(
    All, TargetTest,
    testing::Values(
        TargetCase{"ExactTool", "tools: \"read_file\"", Msg(kS, kReq, "tools/call", "read_file"), true},
        TargetCase{"OtherTool", "tools: \"read_file\"", Msg(kS, kReq, "tools/call", "write_file"), false},
        TargetCase{"ToolGlob", "tools: \"read_*\"", Msg(kS, kReq, "tools/call", "read_text_file"), true},
        TargetCase{"ToolGlobMiss", "tools: \"read_*\"", Msg(kS, kReq, "tools/call", "write_file"), false},
        TargetCase{"ToolRuleIgnoresToollessMethod", "tools: \"*\"", Msg(kS, kReq, "tools/list", ""), false},
        TargetCase{"MethodExact", "methods: \"tools/list\"", Msg(kS, kReq, "tools/list", ""), true},
        TargetCase{"MethodOther", "methods: \"tools/list\"", Msg(kS, kReq, "ping", ""), false},
        TargetCase{"MethodGlob", "methods: \"notifications/*\"",
                   Msg(kS, kNote, "notifications/initialized", ""), true},
        TargetCase{"MethodGlobUnknownMethod", "methods: \"resources/*\"",
                   Msg(kS, kReq, "resources/read", ""), true},
        TargetCase{"MethodStarCoversToolCalls", "methods: \"*\"",
                   Msg(kS, kReq, "tools/call", "anything"), true},
        TargetCase{"MethodAndTool", "methods: \"tools/call\" tools: \"a\"",
                   Msg(kS, kReq, "tools/call", "a"), true},
        TargetCase{"DirectionToServerOnly", "directions: TO_SERVER methods: \"ping\"",
                   Msg(kC, kReq, "ping", ""), false},
        TargetCase{"DirectionToClient", "directions: TO_CLIENT methods: \"sampling/createMessage\"",
                   Msg(kC, kReq, "sampling/createMessage", ""), true},
        TargetCase{"DefaultKindsIncludeNotifications", "methods: \"notifications/*\"",
                   Msg(kC, kNote, "notifications/progress", ""), true},
        TargetCase{"KindRequestExcludesNotification", "kinds: REQUEST methods: \"*\"",
                   Msg(kS, kNote, "notifications/initialized", ""), false},
        TargetCase{"ServerMatches", "methods: \"ping\" servers: \"f*\"", Msg(kS, kReq, "ping", ""), true},
        TargetCase{"ServerMismatch", "methods: \"ping\" servers: \"github\"",
                   Msg(kS, kReq, "ping", ""), false},
        // Resources and prompts: the name a method carries (message `tool`
        // here is that name), matched only for the methods of its kind.
        TargetCase{"ResourceGlob", "resources: \"file:///srv/*\"",
                   Msg(kS, kReq, "resources/read", "file:///srv/a"), true},
        TargetCase{"ResourceImpliesSubscribe", "resources: \"file:///srv/*\"",
                   Msg(kS, kReq, "resources/subscribe", "file:///srv/a"), true},
        TargetCase{"ResourceMiss", "resources: \"file:///srv/*\"",
                   Msg(kS, kReq, "resources/read", "file:///etc/passwd"), false},
        TargetCase{"ResourceGlobUnderMethodGlob", "methods: \"resources/*\" resources: \"a*\"",
                   Msg(kS, kReq, "resources/read", "abc"), true},
        TargetCase{"ResourceRuleIgnoresToolOfSameName", "methods: \"*\" resources: \"a*\"",
                   Msg(kS, kReq, "tools/call", "abc"), false},
        TargetCase{"ToolRuleIgnoresPromptOfSameName", "methods: \"*\" tools: \"summarize\"",
                   Msg(kS, kReq, "prompts/get", "summarize"), false},
        TargetCase{"PromptExact", "prompts: \"summarize\"",
                   Msg(kS, kReq, "prompts/get", "summarize"), true},
        TargetCase{"PromptRuleIgnoresList", "prompts: \"*\"", Msg(kS, kReq, "prompts/list", ""),
                   false}),
    [](const testing::TestParamInfo<TargetCase>& param_info) { return std::string(param_info.param.name); });

struct PrincipalCase {
  const char* name;
  const char* matcher;
  Principal principal;
  bool matches;
};

class PrincipalTest : public testing::TestWithParam<PrincipalCase> {};

TEST_P(PrincipalTest, Matches) {
  const PrincipalCase& c = GetParam();
  auto policy = MustCompile(
      Rule("r", "ALLOW", absl::StrCat(kReadFile, " principal { ", c.matcher, " }")));
  ASSERT_NE(policy, nullptr);
  EXPECT_EQ(Decide(*policy, Message(), c.principal).rule == "r", c.matches) << c.matcher;
}

INSTANTIATE_TEST_SUITE_P(
    All, PrincipalTest,
    testing::Values(
        PrincipalCase{"Anyone", "anyone: true", Principal{}, true},
        PrincipalCase{"SubjectExact", "subject { exact: \"alice\" }", Principal{"alice", {}, {}}, true},
        PrincipalCase{"SubjectOther", "subject { exact: \"alice\" }", Principal{"bob", {}, {}}, false},
        PrincipalCase{"SubjectSuffix", "subject { suffix: \"@corp.example\" }",
                      Principal{"alice@corp.example", {}, {}}, true},
        PrincipalCase{"Role", "role: \"dev\"", Principal{"a", {"ops", "dev"}, {}}, true},
        PrincipalCase{"RoleMissing", "role: \"dev\"", Principal{"a", {"ops"}, {}}, false},
        PrincipalCase{"Scope", "scope: \"files:read\"", Principal{"a", {}, {"files:read"}}, true},
        PrincipalCase{"ScopeIsNotRole", "scope: \"dev\"", Principal{"a", {"dev"}, {}}, false},
        PrincipalCase{"AllBoth", "all { matchers { role: \"dev\" } matchers { scope: \"s\" } }",
                      Principal{"a", {"dev"}, {"s"}}, true},
        PrincipalCase{"AllOne", "all { matchers { role: \"dev\" } matchers { scope: \"s\" } }",
                      Principal{"a", {"dev"}, {}}, false},
        PrincipalCase{"AnyOne", "any { matchers { role: \"dev\" } matchers { scope: \"s\" } }",
                      Principal{"a", {}, {"s"}}, true},
        PrincipalCase{"Not", "not { role: \"contractor\" }", Principal{"a", {"dev"}, {}}, true},
        PrincipalCase{"NotExcludes", "not { role: \"contractor\" }",
                      Principal{"a", {"contractor"}, {}}, false}),
    [](const testing::TestParamInfo<PrincipalCase>& param_info) { return std::string(param_info.param.name); });

TEST(Evaluator, UndecidableConditionFailsClosed) {
  // The attacker sends the path as an array to dodge a string matcher.
  Message m;
  m.params = R"({"name":"read_file","arguments":{"path":["/etc/passwd"]}})";
  const char* cond =
      "condition { field { pointer: \"/arguments/path\" string { prefix: \"/etc/\" } } }";
  auto deny = MustCompile(Rule("allow-all", "ALLOW", kReadFile) +
                          Rule("deny-etc", "DENY", absl::StrCat(kReadFile, " ", cond)));
  Outcome o = Decide(*deny, m);
  EXPECT_EQ(o.decision, Decision::kDeny);
  EXPECT_EQ(o.rule, "deny-etc");

  const char* allow_cond =
      "condition { field { pointer: \"/arguments/path\" string { prefix: \"/srv/\" } } }";
  auto allow = MustCompile(Rule("allow-srv", "ALLOW", absl::StrCat(kReadFile, " ", allow_cond)));
  o = Decide(*allow, m);
  EXPECT_EQ(o.decision, Decision::kDeny);
  EXPECT_EQ(o.rule, "");
}

TEST(Evaluator, ConditionsSelectAmongRules) {
  auto policy = MustCompile(
      Rule("allow-srv", "ALLOW",
           absl::StrCat(kReadFile, " condition { field { pointer: \"/arguments/path\" string { "
                                   "prefix: \"/srv/\" } } }")) +
      Rule("deny-dotdot", "DENY",
           absl::StrCat(kReadFile, " condition { field { pointer: \"/arguments/path\" string { "
                                   "contains: \"..\" } } }")));
  Message ok;
  ok.params = R"({"name":"read_file","arguments":{"path":"/srv/a.md"}})";
  EXPECT_EQ(Decide(*policy, ok).rule, "allow-srv");
  Message traversal;
  traversal.params = R"({"name":"read_file","arguments":{"path":"/srv/../etc/passwd"}})";
  EXPECT_EQ(Decide(*policy, traversal).rule, "deny-dotdot");
  Message outside;
  outside.params = R"({"name":"read_file","arguments":{"path":"/home/x"}})";
  Outcome o = Decide(*policy, outside);
  EXPECT_EQ(o.decision, Decision::kDeny);
  EXPECT_EQ(o.rule, "");
}

// The index must never change a decision: compare with a plain scan of all
// rules over random policies and messages.
TEST(Evaluator, IndexAgreesWithBruteForce) {
  std::mt19937 rng(12345);
  const std::vector<std::string> methods = {"tools/call", "tools/list", "ping",
                                            "resources/read", "notifications/initialized"};
  const std::vector<std::string> method_patterns = {"tools/call", "tools/*", "*", "ping",
                                                    "resources/read", "notifications/*"};
  const std::vector<std::string> tools = {"read_file", "read_text", "write_file", "exec", "x"};
  const std::vector<std::string> tool_patterns = {"read_file", "read_*", "*", "write_file",
                                                  "*_file", "exec", "nothing"};
  const char* effects[] = {"ALLOW", "DENY", "ASK"};
  for (int round = 0; round < 60; ++round) {
    std::string text = "default_effect: DENY\n";
    struct Spec { std::vector<std::string> m, t; std::string effect; bool to_client; };
    std::vector<Spec> specs;
    int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      Spec s;
      int nm = static_cast<int>(rng() % 3), nt = static_cast<int>(rng() % 3);
      if (nm == 0 && nt == 0) nm = 1;
      for (int k = 0; k < nm; ++k) s.m.push_back(method_patterns[rng() % method_patterns.size()]);
      for (int k = 0; k < nt; ++k) s.t.push_back(tool_patterns[rng() % tool_patterns.size()]);
      s.effect = effects[rng() % 3];
      s.to_client = rng() % 4 == 0;
      std::string target = s.to_client ? "directions: TO_CLIENT " : "";
      for (auto& x : s.m) target += absl::StrCat("methods: \"", x, "\" ");
      for (auto& x : s.t) target += absl::StrCat("tools: \"", x, "\" ");
      text += Rule(absl::StrCat("r", i), s.effect, absl::StrCat("target { ", target, "}"));
      specs.push_back(s);
    }
    auto policy = MustCompile(text);
    ASSERT_NE(policy, nullptr);
    for (const std::string& method : methods) {
      for (const std::string& tool : tools) {
        bool has_tool = method == "tools/call";
        Message m = Msg(kS, kReq, method.c_str(), has_tool ? tool.c_str() : "");
        // Brute force.
        int best = -1, best_priority = 3;
        for (int i = 0; i < n; ++i) {
          const Spec& s = specs[i];
          if (s.to_client) continue;
          auto any = [](const std::vector<std::string>& pats, const std::string& v) {
            for (auto& p : pats) {
              if (Glob::Compile(p)->Matches(v)) return true;
            }
            return false;
          };
          if (!s.m.empty() && !any(s.m, method)) continue;
          if (!s.t.empty() && (!has_tool || !any(s.t, tool))) continue;
          int pr = s.effect == "DENY" ? 0 : s.effect == "ASK" ? 1 : 2;
          if (pr < best_priority) best_priority = pr, best = i;
        }
        Outcome o = Decide(*policy, m);
        std::string expected = best < 0 ? "" : absl::StrCat("r", best);
        ASSERT_EQ(o.rule, expected) << text << "\nmethod=" << method << " tool=" << tool;
      }
    }
  }
}

// A session keeps the index's recent answers per slot; taking turns among
// more tools than it remembers, in random order and across directions, must
// decide exactly as a fresh lookup does.
TEST(Evaluator, RecentLookupsDecideAsFreshLookups) {
  std::string text = "default_effect: DENY\n";
  const std::vector<std::string> tools = {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "glob_a"};
  const char* effects[] = {"ALLOW", "DENY", "ASK"};
  for (size_t i = 0; i + 1 < tools.size(); ++i) {
    text += Rule(absl::StrCat("r", i), effects[i % 3],
                 absl::StrCat("target { tools: \"", tools[i], "\" }"));
    text += Rule(absl::StrCat("c", i), effects[(i + 1) % 3],
                 absl::StrCat("target { directions: TO_CLIENT kinds: RESPONSE tools: \"",
                              tools[i], "\" }"));
  }
  text += Rule("g", "ASK", "target { tools: \"glob_*\" }");
  auto policy = MustCompile(text);
  ASSERT_NE(policy, nullptr);
  RuleApplicability applicability(Principal{}, "fs");
  applicability.Reset(policy->program());
  ResolvedFields fields;
  fields.Reset(policy->program().field_count());
  std::mt19937 rng(7);
  for (int step = 0; step < 2000; ++step) {
    const bool response = rng() % 3 == 0;
    Message m = Msg(response ? kC : kS, response ? MessageKind::kResponse : kReq, "tools/call",
                    tools[rng() % (step < 1000 ? 3 : tools.size())].c_str());
    Outcome cached = DecideIn(*policy, m, &applicability, &fields);
    Outcome fresh = Decide(*policy, m);
    ASSERT_EQ(cached.rule, fresh.rule) << "step " << step << " tool " << m.tool;
    ASSERT_EQ(cached.decision, fresh.decision) << "step " << step;
  }
}

}  // namespace
}  // namespace mcpguard::internal
