#include "policy/loader.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "mcpguard/policy.h"
#include "mcpguard/v1/policy.pb.h"

namespace mcpguard::internal {
namespace {

using google::protobuf::util::MessageDifferencer;

// The same realistic policy in both text formats. Line and column numbers in
// the tests below refer to these exact texts: edit them together.
constexpr absl::string_view kTextPolicy = R"pb(# Filesystem access for the docs agent.
name: "filesystem"
mode: ENFORCE
default_effect: DENY
limits { max_depth: 32 max_message_bytes: 4194304 }
rules {
  id: "read-docs"
  effect: ALLOW
  target {
    methods: "tools/call"
    tools: ["read_*",
            "list_*"]
  }
  principal { any { matchers { role: "reader" } matchers { scope: "docs:read" } } }
  condition {
    all {
      conditions { field { pointer: "/arguments/path" string { prefix: "/srv/docs/" } } }
      conditions { not { field { pointer: "/arguments/path" string { contains: ".." } } } }
    }
  }
}
rules {
  id: "no-big-reads"
  effect: DENY
  target { directions: TO_SERVER kinds: [REQUEST] methods: "tools/call" tools: "read_*" }
  condition { field { pointer: "/arguments/length" number { min: 0 max: 1048576 exclusive_max: true } } }
}
rules {
  id: "ask-writes"
  effect: ASK
  target { tools: "write_*" servers: "fs-*" }
  principal { not { subject { exact: "admin" ignore_case: true } } }
}
)pb";

constexpr absl::string_view kJsonPolicy = R"json({
  "name": "filesystem",
  "mode": "ENFORCE",
  "defaultEffect": "DENY",
  "limits": {"maxDepth": 32, "maxMessageBytes": "4194304"},
  "rules": [
    {
      "id": "read-docs",
      "effect": "ALLOW",
      "target": {
        "methods": ["tools/call"],
        "tools": ["read_*",
                  "list_*"]
      },
      "principal": {"any": {"matchers": [{"role": "reader"}, {"scope": "docs:read"}]}},
      "condition": {
        "all": {
          "conditions": [
            {"field": {"pointer": "/arguments/path", "string": {"prefix": "/srv/docs/"}}},
            {"not": {"field": {"pointer": "/arguments/path", "string": {"contains": ".."}}}}
          ]
        }
      }
    },
    {
      "id": "no-big-reads",
      "effect": "DENY",
      "target": {"directions": ["TO_SERVER"], "kinds": ["REQUEST"], "methods": ["tools/call"], "tools": ["read_*"]},
      "condition": {"field": {"pointer": "/arguments/length", "number": {"min": 0, "max": 1048576, "exclusiveMax": true}}}
    },
    {
      "id": "ask-writes",
      "effect": "ASK",
      "target": {"tools": ["write_*"], "servers": ["fs-*"]},
      "principal": {"not": {"subject": {"exact": "admin", "ignoreCase": true}}}
    }
  ]
}
)json";

struct Result {
  bool ok = false;
  LoadedPolicy loaded;
  std::vector<Diagnostic> diagnostics;
};

Result Load(absl::string_view bytes, PolicyFormat format) {
  Result r;
  r.ok = LoadPolicy(bytes, format, "p", &r.loaded, &r.diagnostics);
  return r;
}

std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics) lines.push_back(d.ToString());
  return absl::StrJoin(lines, "\n");
}

mcpguard::v1::Policy ParseText(absl::string_view text) {
  mcpguard::v1::Policy policy;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(std::string(text),
                                                            &policy));
  return policy;
}

// --- The same policy in every format -------------------------------------

TEST(LoaderTest, AllFormatsLoadTheSamePolicy) {
  const Result text = Load(kTextPolicy, PolicyFormat::kTextproto);
  ASSERT_TRUE(text.ok) << Describe(text.diagnostics);
  EXPECT_TRUE(text.diagnostics.empty());
  EXPECT_EQ(text.loaded.policy.rules_size(), 3);
  EXPECT_TRUE(text.loaded.policy.rules(1).condition().field().number().has_min());

  const Result json = Load(kJsonPolicy, PolicyFormat::kJson);
  ASSERT_TRUE(json.ok) << Describe(json.diagnostics);
  EXPECT_TRUE(json.diagnostics.empty());

  const std::string wire = text.loaded.policy.SerializeAsString();
  const Result binary = Load(wire, PolicyFormat::kBinary);
  ASSERT_TRUE(binary.ok) << Describe(binary.diagnostics);
  EXPECT_TRUE(binary.loaded.locations.empty());

  std::string diff;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(text.loaded.policy, json.loaded.policy)) << diff;
  EXPECT_TRUE(differencer.Compare(text.loaded.policy, binary.loaded.policy)) << diff;
}

TEST(LoaderTest, AutoDetectsJsonByItsFirstBrace) {
  const Result json = Load(absl::StrCat(" \n\t", kJsonPolicy), PolicyFormat::kAuto);
  ASSERT_TRUE(json.ok) << Describe(json.diagnostics);
  EXPECT_EQ(json.loaded.locations.Find("name"), std::make_pair(3, 3));
  const Result text = Load(kTextPolicy, PolicyFormat::kAuto);
  ASSERT_TRUE(text.ok) << Describe(text.diagnostics);
  EXPECT_EQ(text.loaded.policy.name(), "filesystem");
}

TEST(LoaderTest, EmptyTextprotoIsAnEmptyPolicy) {
  for (absl::string_view input : {"", "  \n# nothing yet\n"}) {
    const Result r = Load(input, PolicyFormat::kAuto);
    EXPECT_TRUE(r.ok) << Describe(r.diagnostics);
    EXPECT_EQ(r.loaded.policy.ByteSizeLong(), 0u);
  }
}

TEST(LoaderTest, FailedLoadLeavesThePolicyEmpty) {
  const Result r = Load("name: \"x\"\nbogus: 1\n", PolicyFormat::kTextproto);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.loaded.policy.ByteSizeLong(), 0u);
}

// --- Source locations ----------------------------------------------------

struct LocationCase {
  std::string name;
  PolicyFormat format;
  std::string path;
  int line;
  int column;
};

class LoaderLocationTest : public testing::TestWithParam<LocationCase> {};

TEST_P(LoaderLocationTest, PointsAtTheField) {
  const LocationCase& c = GetParam();
  const Result r = Load(c.format == PolicyFormat::kJson ? kJsonPolicy : kTextPolicy,
                        c.format);
  ASSERT_TRUE(r.ok) << Describe(r.diagnostics);
  EXPECT_EQ(r.loaded.locations.Find(c.path), std::make_pair(c.line, c.column));
}

constexpr PolicyFormat kText = PolicyFormat::kTextproto;
constexpr PolicyFormat kJson = PolicyFormat::kJson;

INSTANTIATE_TEST_SUITE_P(
    Loader, LoaderLocationTest,
    testing::Values(
        // Textproto: a field's name; list elements at the element itself.
        LocationCase{"TextName", kText, "name", 2, 1},
        LocationCase{"TextNested", kText, "limits.max_depth", 5, 10},
        LocationCase{"TextNestedSecond", kText, "limits.max_message_bytes", 5, 24},
        LocationCase{"TextRule", kText, "rules[1]", 22, 1},
        LocationCase{"TextRepeated", kText, "rules", 6, 1},
        LocationCase{"TextRuleId", kText, "rules[2].id", 29, 3},
        LocationCase{"TextScalarElement", kText, "rules[0].target.methods[0]", 10, 5},
        LocationCase{"TextListField", kText, "rules[0].target.tools", 11, 5},
        LocationCase{"TextListFirst", kText, "rules[0].target.tools[0]", 11, 13},
        LocationCase{"TextListSecondOnNextLine", kText, "rules[0].target.tools[1]", 12, 13},
        LocationCase{"TextEnumList", kText, "rules[1].target.kinds[0]", 25, 42},
        LocationCase{"TextNestedMessageList", kText,
                     "rules[0].principal.any.matchers[1].scope", 14, 60},
        LocationCase{"TextDeepCondition", kText,
                     "rules[0].condition.all.conditions[1].not.field.pointer", 18, 34},
        LocationCase{"TextConditionElement", kText,
                     "rules[0].condition.all.conditions[1]", 18, 7},
        LocationCase{"TextOptionalZero", kText,
                     "rules[1].condition.field.number.min", 26, 61},
        LocationCase{"TextBoolInNot", kText,
                     "rules[2].principal.not.subject.ignore_case", 32, 46},
        // Find falls back to the deepest recorded field.
        LocationCase{"TextFallback", kText,
                     "rules[0].condition.all.conditions[1].not.field.string.regex", 18, 61},
        LocationCase{"TextFallbackToRule", kText, "rules[2].target.methods[0]", 31, 3},
        // JSON: a field's key; array elements at the element.
        LocationCase{"JsonName", kJson, "name", 2, 3},
        LocationCase{"JsonCamelCaseKeyByProtoName", kJson, "limits.max_depth", 5, 14},
        LocationCase{"JsonStringInt64", kJson, "limits.max_message_bytes", 5, 30},
        LocationCase{"JsonRules", kJson, "rules", 6, 3},
        LocationCase{"JsonRuleElement", kJson, "rules[1]", 25, 5},
        LocationCase{"JsonArrayElementOnNextLine", kJson, "rules[0].target.tools[1]", 13, 19},
        LocationCase{"JsonEnumElement", kJson, "rules[1].target.kinds[0]", 28, 57},
        LocationCase{"JsonNestedMessageList", kJson,
                     "rules[0].principal.any.matchers[1].scope", 15, 63},
        LocationCase{"JsonMatcherElement", kJson,
                     "rules[0].principal.any.matchers[1]", 15, 62},
        LocationCase{"JsonDeepCondition", kJson,
                     "rules[0].condition.all.conditions[1].not.field.pointer", 20, 32},
        LocationCase{"JsonConditionElement", kJson,
                     "rules[0].condition.all.conditions[1]", 20, 13},
        LocationCase{"JsonOptionalZero", kJson,
                     "rules[1].condition.field.number.min", 29, 74},
        LocationCase{"JsonBoolByJsonName", kJson,
                     "rules[2].principal.not.subject.ignore_case", 35, 59},
        LocationCase{"JsonFallback", kJson,
                     "rules[2].principal.not.subject.regex", 35, 29},
        LocationCase{"Unknown", kJson, "nothing.here", 0, 0}),
    [](const testing::TestParamInfo<LocationCase>& case_info) {
      return case_info.param.name;
    });

TEST(LoaderTest, TextprotoListSyntaxPlacesEachElement) {
  // Protobuf records one location per `f: [...]`; each element still gets
  // its own, including message elements, `<>` delimiters, empty lists and
  // adjacent string literals (which concatenate into one element).
  constexpr absl::string_view kText =
      "rules: [{id: \"a\"}, <id: \"b\">]\n"
      "rules {\n"
      "  id: \"c\"\n"
      "  target { methods: [] methods: [\"x\" \"y\",\n"
      "    \"z\"] }\n"
      "}\n";
  const Result r = Load(kText, PolicyFormat::kTextproto);
  ASSERT_TRUE(r.ok) << Describe(r.diagnostics);
  ASSERT_EQ(r.loaded.policy.rules(2).target().methods_size(), 2);
  EXPECT_EQ(r.loaded.policy.rules(2).target().methods(0), "xy");
  const std::vector<std::pair<std::string, std::pair<int, int>>> want = {
      {"rules", {1, 1}},         {"rules[0]", {1, 9}},
      {"rules[0].id", {1, 10}},  {"rules[1]", {1, 20}},
      {"rules[1].id", {1, 21}},  {"rules[2]", {2, 1}},
      {"rules[2].target.methods", {4, 12}},
      {"rules[2].target.methods[0]", {4, 34}},
      {"rules[2].target.methods[1]", {5, 5}},
  };
  for (const auto& [path, location] : want) {
    EXPECT_EQ(r.loaded.locations.Find(path), location) << path;
  }
}

TEST(LoaderTest, BinaryHasNoLocations) {
  const Result r = Load(ParseText(kTextPolicy).SerializeAsString(),
                        PolicyFormat::kBinary);
  ASSERT_TRUE(r.ok) << Describe(r.diagnostics);
  EXPECT_EQ(r.loaded.locations.Find("rules[0].id"), std::make_pair(0, 0));
}

// --- Errors --------------------------------------------------------------

struct Want {
  int line;
  int column;
  std::string field;
  std::string message;
};

struct ErrorCase {
  std::string name;
  PolicyFormat format;
  std::string input;
  std::vector<Want> want;  // Every diagnostic, in order.
};

class LoaderErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(LoaderErrorTest, ReportsEveryErrorWithItsLocation) {
  const ErrorCase& c = GetParam();
  const Result r = Load(c.input, c.format);
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diagnostics.size(), c.want.size()) << Describe(r.diagnostics);
  for (size_t i = 0; i < c.want.size(); ++i) {
    const Diagnostic& d = r.diagnostics[i];
    SCOPED_TRACE(d.ToString());
    EXPECT_EQ(d.severity, Diagnostic::Severity::kError);
    EXPECT_EQ(d.file, "p");
    EXPECT_EQ(d.line, c.want[i].line);
    EXPECT_EQ(d.column, c.want[i].column);
    EXPECT_EQ(d.field, c.want[i].field);
    EXPECT_EQ(d.message, c.want[i].message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    LoaderTextproto, LoaderErrorTest,
    testing::Values(
        ErrorCase{"UnknownField", kText, "name: \"x\"\nrulez {\n  id: \"a\"\n}\n",
                  {{2, 1, "", "Message type \"mcpguard.v1.Policy\" has no field named \"rulez\"."}}},
        ErrorCase{"UnknownNestedField", kText,
                  "rules {\n  id: \"a\"\n  target { method: \"x\" }\n}\n",
                  {{3, 12, "", "Message type \"mcpguard.v1.Target\" has no field named \"method\"."}}},
        ErrorCase{"EveryUnknownField", kText,
                  "name: \"x\"\nfoo: 1\nrules {\n  idd: \"a\"\n"
                  "  target { methods: \"m\" bogus { x: 1 } }\n}\n",
                  {{2, 1, "", "Message type \"mcpguard.v1.Policy\" has no field named \"foo\"."},
                   {4, 3, "", "Message type \"mcpguard.v1.Rule\" has no field named \"idd\"."},
                   {5, 25, "", "Message type \"mcpguard.v1.Target\" has no field named \"bogus\"."}}},
        ErrorCase{"UnknownExtension", kText, "name: \"x\"\n[mcpguard.v1.future]: 1\n",
                  {{2, 1, "", "Ignoring extension \"mcpguard.v1.future\" which is not defined or is not an extension of \"mcpguard.v1.Policy\"."}}},
        ErrorCase{"UnknownEnumName", kText, "default_effect: PERMIT\n",
                  {{1, 17, "", "Unknown enumeration value of \"PERMIT\" for field \"default_effect\"."}}},
        ErrorCase{"NegativeUnsigned", kText, "limits { max_depth: -1 }\n",
                  {{1, 21, "", "Expected integer, got: -"}}},
        ErrorCase{"FieldTwice", kText, "name: \"a\"\nname: \"b\"\n",
                  {{2, 1, "", "Non-repeated field \"name\" is specified multiple times."}}},
        ErrorCase{"TwoOneofMembers", kText,
                  "rules {\n  condition {\n    field { string { exact: \"x\" } number { min: 1 } }\n  }\n}\n",
                  {{3, 35, "", "Field \"number\" is specified along with field \"string\", another member of oneof \"match\"."}}},
        ErrorCase{"UnclosedMessage", kText, "rules {\n  id: \"a\"\n",
                  {{3, 1, "", "Expected identifier, got: "}}},
        ErrorCase{"EscapedInvalidUtf8", kText, "rules {\n  id: \"\\xff\"\n}\n",
                  {{2, 3, "rules[0].id", "string is not valid UTF-8"}}},
        ErrorCase{"RawInvalidUtf8InListElement", kText,
                  "rules {\n  target { methods: [\"ok\",\n    \"\xc3\x28\"] }\n}\n",
                  {{3, 5, "rules[0].target.methods[1]", "string is not valid UTF-8"}}},
        ErrorCase{"EncodedSurrogate", kText, "name: \"\xed\xa0\x80\"\n",
                  {{1, 1, "name", "string is not valid UTF-8"}}}),
    [](const testing::TestParamInfo<ErrorCase>& case_info) { return case_info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    LoaderJson, LoaderErrorTest,
    testing::Values(
        ErrorCase{"UnknownKey", kJson, "{\n  \"name\": \"x\",\n  \"nmae\": \"y\"\n}",
                  {{3, 3, "nmae", "unknown field \"nmae\" in mcpguard.v1.Policy"}}},
        ErrorCase{"UnknownKeyNested", kJson,
                  "{\"rules\": [{\"id\": \"a\"},\n  {\"target\": {\"tool\": [\"x\"]}}]}",
                  {{2, 15, "rules[1].target.tool", "unknown field \"tool\" in mcpguard.v1.Target"}}},
        ErrorCase{"StringForMessage", kJson, "{\"limits\": \"big\"}",
                  {{1, 12, "limits", "expected an object (mcpguard.v1.Limits), got \"big\""}}},
        ErrorCase{"ObjectForScalar", kJson, "{\"name\": {\"first\": 1}}",
                  {{1, 10, "name", "expected a string, got an object"}}},
        ErrorCase{"NumberForString", kJson, "{\"rules\": [{\"id\": 7}]}",
                  {{1, 19, "rules[0].id", "expected a string, got 7"}}},
        ErrorCase{"BoolForEnum", kJson, "{\"defaultEffect\": true}",
                  {{1, 19, "default_effect", "expected a mcpguard.v1.Effect name or number, got true"}}},
        ErrorCase{"UnknownEnumName", kJson, "{\"defaultEffect\": \"PERMIT\"}",
                  {{1, 19, "default_effect", "unknown mcpguard.v1.Effect value \"PERMIT\""}}},
        ErrorCase{"LowercaseEnumName", kJson, "{\"mode\": \"audit\"}",
                  {{1, 10, "mode", "unknown mcpguard.v1.Mode value \"audit\""}}},
        ErrorCase{"FractionalEnum", kJson, "{\"mode\": 1.5}",
                  {{1, 10, "mode", "expected a mcpguard.v1.Mode name or number, got 1.5"}}},
        ErrorCase{"Uint32TooBig", kJson, "{\"limits\": {\"maxDepth\": 4294967296}}",
                  {{1, 25, "limits.max_depth", "expected an integer in the uint32 range, got 4294967296"}}},
        ErrorCase{"NegativeUint64", kJson, "{\"limits\": {\"maxMessageBytes\": -1}}",
                  {{1, 32, "limits.max_message_bytes", "expected an integer in the uint64 range, got -1"}}},
        ErrorCase{"FractionalInteger", kJson, "{\"limits\": {\"maxDepth\": 1.5}}",
                  {{1, 25, "limits.max_depth", "expected an integer in the uint32 range, got 1.5"}}},
        ErrorCase{"FractionalIntegerString", kJson, "{\"limits\": {\"maxDepth\": \"1.5\"}}",
                  {{1, 25, "limits.max_depth", "expected an integer in the uint32 range, got \"1.5\""}}},
        ErrorCase{"StringForBool", kJson,
                  "{\"rules\": [{\"principal\": {\"anyone\": \"yes\"}}]}",
                  {{1, 37, "rules[0].principal.anyone", "expected true or false, got \"yes\""}}},
        ErrorCase{"BadDoubleString", kJson,
                  "{\"rules\": [{\"condition\": {\"field\": {\"number\": {\"min\": \"ten\"}}}}]}",
                  {{1, 55, "rules[0].condition.field.number.min", "expected a number, got \"ten\""}}},
        ErrorCase{"SingleValueForRepeated", kJson,
                  "{\"rules\": [{\"target\": {\"methods\": \"tools/call\"}}]}",
                  {{1, 35, "rules[0].target.methods", "expected an array, got \"tools/call\""}}},
        ErrorCase{"NullElement", kJson,
                  "{\"rules\": [{\"target\": {\"methods\": [\"a\", null]}}]}",
                  {{1, 41, "rules[0].target.methods[1]", "expected an array element, got null"}}},
        ErrorCase{"NestedArray", kJson, "{\"rules\": [[{\"id\": \"a\"}]]}",
                  {{1, 12, "rules[0]", "expected an object (mcpguard.v1.Rule), got an array"}}},
        ErrorCase{"TwoOneofMembers", kJson,
                  "{\"rules\": [{\"principal\": {\n  \"anyone\": true,\n  \"role\": \"admin\"}}]}",
                  {{3, 3, "rules[0].principal.role",
                    "\"anyone\" and \"role\" are both set, but only one member of oneof \"kind\" may be"}}},
        ErrorCase{"SameFieldTwoSpellings", kJson,
                  "{\"limits\": {\"maxDepth\": 8,\n \"max_depth\": 9}}",
                  {{2, 2, "limits.max_depth", "field \"max_depth\" is set twice"}}},
        ErrorCase{"RootNotObject", kJson, "[{\"name\": \"x\"}]",
                  {{1, 1, "", "expected an object (mcpguard.v1.Policy), got an array"}}},
        ErrorCase{"MissingComma", kJson, "{\n  \"name\": \"x\"\n  \"mode\": \"AUDIT\"\n}",
                  {{3, 3, "", "Missing a comma or '}' after an object member."}}},
        ErrorCase{"TrailingComma", kJson, "{\"name\": \"x\",}",
                  {{1, 14, "", "Missing a name for object member."}}},
        ErrorCase{"Comment", kJson, "{\n// no comments in JSON\n\"name\": \"x\"}",
                  {{2, 1, "", "Missing a name for object member."}}},
        ErrorCase{"InvalidUtf8", kJson, "{\"name\": \"caf\xe9\"}",
                  {{1, 14, "", "Invalid encoding in string."}}},
        ErrorCase{"EmptyJson", kJson, "",
                  {{1, 1, "", "The document is empty."}}},
        ErrorCase{"NulAfterValue", kJson, std::string("{}\0{}", 5),
                  {{1, 3, "", "unexpected NUL byte after the JSON value"}}},
        ErrorCase{"EveryProblemInOneFile", kJson,
                  "{\n"
                  "  \"name\": \"fs\",\n"
                  "  \"defaultEffect\": \"PERMIT\",\n"
                  "  \"extra\": {\"deep\": {\"mode\": 7}},\n"
                  "  \"rules\": [\n"
                  "    {\"id\": \"a\", \"effect\": \"ALLOW\", \"target\": {\"methods\": [\"x\", 3]}},\n"
                  "    {\"id\": \"b\", \"efect\": \"DENY\", \"limits\": 1}\n"
                  "  ],\n"
                  "  \"limits\": {\"maxDepth\": -4}\n"
                  "}\n",
                  {{3, 20, "default_effect", "unknown mcpguard.v1.Effect value \"PERMIT\""},
                   {4, 3, "extra", "unknown field \"extra\" in mcpguard.v1.Policy"},
                   {6, 64, "rules[0].target.methods[1]", "expected a string, got 3"},
                   {7, 17, "rules[1].efect", "unknown field \"efect\" in mcpguard.v1.Rule"},
                   {7, 34, "rules[1].limits", "unknown field \"limits\" in mcpguard.v1.Rule"},
                   {9, 26, "limits.max_depth", "expected an integer in the uint32 range, got -4"}}},
        ErrorCase{"ErrorsBeforeASyntaxError", kJson,
                  "{\"nmae\": \"x\",\n \"mode\": \"AUDIT\" \"x\"}",
                  {{1, 2, "nmae", "unknown field \"nmae\" in mcpguard.v1.Policy"},
                   {2, 18, "", "Missing a comma or '}' after an object member."}}}),
    [](const testing::TestParamInfo<ErrorCase>& case_info) { return case_info.param.name; });

std::string NestedNots(int depth) {
  std::string json = "{\"rules\": [{\"condition\": ";
  for (int i = 0; i < depth; ++i) json += "{\"not\": ";
  json += "{}";
  for (int i = 0; i < depth; ++i) json += "}";
  return json + "}]}";
}

TEST(LoaderTest, JsonNestingIsLimitedWithALocation) {
  const Result ok = Load(NestedNots(95), PolicyFormat::kJson);
  EXPECT_TRUE(ok.ok) << Describe(ok.diagnostics);
  const Result deep = Load(NestedNots(200), PolicyFormat::kJson);
  EXPECT_FALSE(deep.ok);
  ASSERT_EQ(deep.diagnostics.size(), 1u) << Describe(deep.diagnostics);
  EXPECT_EQ(deep.diagnostics[0].message, "nested deeper than 100 levels");
  EXPECT_EQ(deep.diagnostics[0].line, 1);
  // Root, rules, rule and condition (at column 26) are 4 levels; the value of
  // the 97th "not" is the 101st.
  EXPECT_EQ(deep.diagnostics[0].column, 26 + 97 * 8);
}

// --- JSON that protobuf accepts: the scan must accept it too --------------

struct JsonCase {
  std::string name;
  std::string json;
  std::string want_text;  // The same policy as textproto.
};

class LoaderJsonAcceptsTest : public testing::TestWithParam<JsonCase> {};

TEST_P(LoaderJsonAcceptsTest, LoadsLikeTheTextproto) {
  const Result r = Load(GetParam().json, PolicyFormat::kJson);
  ASSERT_TRUE(r.ok) << Describe(r.diagnostics);
  std::string diff;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(ParseText(GetParam().want_text), r.loaded.policy))
      << diff;
}

INSTANTIATE_TEST_SUITE_P(
    Loader, LoaderJsonAcceptsTest,
    testing::Values(
        JsonCase{"Empty", "{}", ""},
        JsonCase{"ProtoFieldNames",
                 R"({"default_effect": "ALLOW", "limits": {"max_depth": 3, "max_in_flight_requests": 9}})",
                 "default_effect: ALLOW limits { max_depth: 3 max_in_flight_requests: 9 }"},
        JsonCase{"EnumNumbers", R"({"defaultEffect": 2, "mode": 2.0})",
                 "default_effect: DENY mode: AUDIT"},
        JsonCase{"Int64AsStringOrNumber",
                 R"({"limits": {"maxMessageBytes": "18446744073709551615", "maxStringLength": 1e3, "maxDepth": "0032"}})",
                 "limits { max_message_bytes: 18446744073709551615 max_string_length: 1000 max_depth: 32 }"},
        JsonCase{"Nulls",
                 R"({"name": null, "limits": null, "rules": [{"id": "r", "principal": {"anyone": null, "role": "x"}, "target": {"methods": null}}]})",
                 R"(rules { id: "r" principal { role: "x" } target {} })"},
        JsonCase{"OptionalDoubleZeroHasPresence",
                 R"({"rules": [{"condition": {"field": {"number": {"min": 0, "max": "-1.5e2"}}}}]})",
                 "rules { condition { field { number { min: 0 max: -150 } } } }"},
        JsonCase{"DoubleSpecials",
                 R"({"rules": [{"condition": {"field": {"number": {"min": "-Infinity", "max": "Infinity"}}}}]})",
                 "rules { condition { field { number { min: -inf max: inf } } } }"},
        JsonCase{"OneofMembersInNestedLists",
                 R"({"rules": [{"principal": {"all": {"matchers": [{"not": {"scope": "s"}}, {"subject": {"glob": "u-*"}}]}},
                              "condition": {"any": {"conditions": [{"field": {"pointer": "/a", "present": false}}, {"field": {"pointer": "/b", "string": {"regex": "x+"}}}]}}}]})",
                 R"(rules { principal { all { matchers { not { scope: "s" } } matchers { subject { glob: "u-*" } } } }
                            condition { any { conditions { field { pointer: "/a" present: false } } conditions { field { pointer: "/b" string { regex: "x+" } } } } } })"},
        JsonCase{"EscapesAndUnicode",
                 R"({"name": "caf\u00e9 \"q\" \\ \ud83d\ude00 ü"})",
                 "name: \"caf\xc3\xa9 \\\"q\\\" \\\\ \xf0\x9f\x98\x80 \xc3\xbc\""},
        JsonCase{"EnumLists",
                 R"({"rules": [{"target": {"directions": ["TO_SERVER", 2], "kinds": ["RESPONSE"]}}]})",
                 "rules { target { directions: TO_SERVER directions: TO_CLIENT kinds: RESPONSE } }"}),
    [](const testing::TestParamInfo<JsonCase>& case_info) { return case_info.param.name; });

// --- Binary --------------------------------------------------------------

TEST(LoaderTest, BinaryRejectsGarbage) {
  const Result r = Load("\xff\xff\xff", PolicyFormat::kBinary);
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].ToString(), "p: error: not a valid binary mcpguard.v1.Policy");
}

TEST(LoaderTest, BinaryRejectsInvalidUtf8) {
  // Field 1 (name), length 1, byte 0xff.
  const Result r = Load(std::string("\x0a\x01\xff", 3), PolicyFormat::kBinary);
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message, "not a valid binary mcpguard.v1.Policy");
}

TEST(LoaderTest, BinaryRejectsEveryUnknownField) {
  mcpguard::v1::Policy policy = ParseText(kTextPolicy);
  policy.GetReflection()->MutableUnknownFields(&policy)->AddVarint(99, 1);
  mcpguard::v1::Target* target = policy.mutable_rules(1)->mutable_target();
  target->GetReflection()->MutableUnknownFields(target)->AddLengthDelimited(42, "x");
  const Result r = Load(policy.SerializeAsString(), PolicyFormat::kBinary);
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diagnostics.size(), 2u) << Describe(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].ToString(),
            "p: error: unknown field number 99 in mcpguard.v1.Policy "
            "(written for a newer schema?)");
  EXPECT_EQ(r.diagnostics[1].ToString(),
            "p: error: unknown field number 42 in mcpguard.v1.Target "
            "(written for a newer schema?) [rules[1].target]");
}

// --- SourceMap -----------------------------------------------------------

struct FindCase {
  std::string name;
  std::string path;
  std::pair<int, int> want;
};

class SourceMapFindTest : public testing::TestWithParam<FindCase> {};

TEST_P(SourceMapFindTest, FallsBackToTheLongestRecordedPrefix) {
  SourceMap map;
  map.Add("rules", 3, 1);
  map.Add("rules[2]", 20, 1);
  map.Add("rules[2].condition", 24, 3);
  map.Add("rules[2].condition.field", 24, 15);
  map.Add("rules[2].target.methods[0]", 22, 14);
  map.Add("name", 1, 1);
  EXPECT_EQ(map.Find(GetParam().path), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    SourceMap, SourceMapFindTest,
    testing::Values(
        FindCase{"Exact", "rules[2].condition.field", {24, 15}},
        FindCase{"OneLevelUp", "rules[2].condition.field.pointer", {24, 15}},
        FindCase{"SkipsMissingLevels", "rules[2].condition.all.conditions[1].field", {24, 3}},
        FindCase{"IndexToElement", "rules[2].principal", {20, 1}},
        FindCase{"ElementToField", "rules[5].id", {3, 1}},
        FindCase{"IndexedLeaf", "rules[2].target.methods[0]", {22, 14}},
        FindCase{"OtherIndexOfLeaf", "rules[2].target.methods[1]", {20, 1}},
        FindCase{"NoPrefixMatchInsideAName", "names", {0, 0}},
        FindCase{"Nothing", "limits.max_depth", {0, 0}},
        FindCase{"EmptyPath", "", {0, 0}}),
    [](const testing::TestParamInfo<FindCase>& case_info) { return case_info.param.name; });

TEST(SourceMapTest, FirstLocationWins) {
  SourceMap map;
  EXPECT_TRUE(map.empty());
  map.Add("name", 1, 1);
  map.Add("name", 9, 9);
  EXPECT_FALSE(map.empty());
  EXPECT_EQ(map.Find("name"), std::make_pair(1, 1));
}

}  // namespace
}  // namespace mcpguard::internal
