#include "policy/condition.h"
#include "policy/principal_matcher.h"

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

// A condition with its own field numbering, evaluated against one document.
struct TestCondition {
  FieldNumbering numbering;
  std::unique_ptr<Condition> condition;

  Truth Evaluate(const rapidjson::Value* scope, Undecided* undecided) const {
    ResolvedFields fields;
    fields.Reset(numbering.count());
    fields.Begin(scope);
    return condition->Evaluate(&fields, undecided);
  }
};

std::unique_ptr<TestCondition> CompileOrDie(const std::string& text) {
  mcpguard::v1::Condition proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  auto out = std::make_unique<TestCondition>();
  auto c = Condition::Compile(proto, &out->numbering);
  EXPECT_TRUE(c.ok()) << c.status();
  if (!c.ok()) return nullptr;
  out->condition = *std::move(c);
  return out;
}

absl::StatusOr<std::unique_ptr<Condition>> CompileProto(const mcpguard::v1::Condition& proto) {
  FieldNumbering numbering;
  return Condition::Compile(proto, &numbering);
}

const char* kParams = R"({
  "name": "read_file",
  "arguments": {"path": "/srv/docs/a.md", "count": 5, "flags": ["x"], "nested": {"k": "v"},
                "list": [{"p": "/etc/passwd"}], "n": null, "t": true}
})";

struct TruthCase {
  const char* name;
  const char* condition;
  Truth expected;
};

class ConditionTruthTest : public testing::TestWithParam<TruthCase> {};

TEST_P(ConditionTruthTest, Evaluates) {
  const TruthCase& c = GetParam();
  rapidjson::Document doc;
  doc.Parse(kParams);
  ASSERT_FALSE(doc.HasParseError());
  auto condition = CompileOrDie(c.condition);
  ASSERT_NE(condition, nullptr);
  Undecided undecided;
  EXPECT_EQ(condition->Evaluate(&doc, &undecided), c.expected) << c.condition;
  EXPECT_EQ(undecided.field != nullptr, c.expected == Truth::kUndecidable);
}

#define FIELD(ptr, m) "field { pointer: \"" ptr "\" " m " }"
#define T Truth::kTrue
#define F Truth::kFalse
#define U Truth::kUndecidable

INSTANTIATE_TEST_SUITE_P(
    All, ConditionTruthTest,
    testing::Values(
        TruthCase{"StringPrefixTrue", FIELD("/arguments/path", "string { prefix: \"/srv/\" }"), T},
        TruthCase{"StringPrefixFalse", FIELD("/arguments/path", "string { prefix: \"/etc/\" }"), F},
        TruthCase{"MissingFieldIsFalse", FIELD("/arguments/none", "string { exact: \"x\" }"), F},
        TruthCase{"NumberOnStringIsUndecidable",
                  FIELD("/arguments/path", "number { min: 1 }"), U},
        TruthCase{"StringOnNumberIsUndecidable",
                  FIELD("/arguments/count", "string { exact: \"5\" }"), U},
        TruthCase{"StringOnArrayIsUndecidable",
                  FIELD("/arguments/flags", "string { exact: \"x\" }"), U},
        TruthCase{"StringOnObjectIsUndecidable",
                  FIELD("/arguments/nested", "string { exact: \"x\" }"), U},
        TruthCase{"StringOnNullIsUndecidable", FIELD("/arguments/n", "string { exact: \"x\" }"), U},
        TruthCase{"StringOnBoolIsUndecidable", FIELD("/arguments/t", "string { exact: \"x\" }"), U},
        TruthCase{"NumberInRange", FIELD("/arguments/count", "number { min: 1 max: 5 }"), T},
        TruthCase{"NumberExclusiveMax", FIELD("/arguments/count", "number { max: 5 exclusive_max: true }"), F},
        TruthCase{"NumberExclusiveMin", FIELD("/arguments/count", "number { min: 5 exclusive_min: true }"), F},
        TruthCase{"NumberBelowMin", FIELD("/arguments/count", "number { min: 6 }"), F},
        TruthCase{"NumberOnlyMax", FIELD("/arguments/count", "number { max: 100 }"), T},
        TruthCase{"PresentTrue", FIELD("/arguments/path", "present: true"), T},
        TruthCase{"PresentNullCounts", FIELD("/arguments/n", "present: true"), T},
        TruthCase{"PresentFalseOnMissing", FIELD("/arguments/zzz", "present: false"), T},
        TruthCase{"PresentFalseOnPresent", FIELD("/arguments/path", "present: false"), F},
        TruthCase{"ArrayIndex", FIELD("/arguments/list/0/p", "string { prefix: \"/etc\" }"), T},
        TruthCase{"RootPointerOnObject", FIELD("", "present: true"), T},
        TruthCase{"AllTrue",
                  "all { conditions { " FIELD("/name", "string { exact: \"read_file\" }")
                  " } conditions { " FIELD("/arguments/count", "number { min: 1 }") " } }", T},
        TruthCase{"AllFalseBeatsUndecidable",
                  "all { conditions { " FIELD("/arguments/count", "string { exact: \"x\" }")
                  " } conditions { " FIELD("/name", "string { exact: \"other\" }") " } }", F},
        TruthCase{"AllTrueAndUndecidable",
                  "all { conditions { " FIELD("/arguments/count", "string { exact: \"x\" }")
                  " } conditions { " FIELD("/name", "string { exact: \"read_file\" }") " } }", U},
        TruthCase{"AnyTrueBeatsUndecidable",
                  "any { conditions { " FIELD("/arguments/count", "string { exact: \"x\" }")
                  " } conditions { " FIELD("/name", "string { exact: \"read_file\" }") " } }", T},
        TruthCase{"AnyFalseAndUndecidable",
                  "any { conditions { " FIELD("/arguments/count", "string { exact: \"x\" }")
                  " } conditions { " FIELD("/name", "string { exact: \"no\" }") " } }", U},
        TruthCase{"AnyAllFalse",
                  "any { conditions { " FIELD("/name", "string { exact: \"a\" }")
                  " } conditions { " FIELD("/name", "string { exact: \"b\" }") " } }", F},
        TruthCase{"NotTrue", "not { " FIELD("/name", "string { exact: \"x\" }") " }", T},
        TruthCase{"NotFalse", "not { " FIELD("/name", "string { exact: \"read_file\" }") " }", F},
        TruthCase{"NotKeepsUndecidable",
                  "not { " FIELD("/arguments/count", "string { exact: \"x\" }") " }", U}),
    [](const testing::TestParamInfo<TruthCase>& param_info) { return std::string(param_info.param.name); });

#undef T
#undef F
#undef U

TEST(Condition, NullScopeMeansEveryFieldIsMissing) {
  auto c = CompileOrDie(FIELD("/arguments/path", "string { prefix: \"/\" }"));
  EXPECT_EQ(c->Evaluate(nullptr, nullptr), Truth::kFalse);
  auto absent = CompileOrDie(FIELD("/arguments/path", "present: false"));
  EXPECT_EQ(absent->Evaluate(nullptr, nullptr), Truth::kTrue);
}

TEST(Condition, FieldsSharedByConditionsAreNumberedOnce) {
  auto c = CompileOrDie("all { conditions { " FIELD("/arguments/path", "string { prefix: \"/srv/\" }")
                        " } conditions { " FIELD("/arguments/path", "string { suffix: \".md\" }")
                        " } conditions { " FIELD("/arguments/count", "number { max: 9 }") " } }");
  EXPECT_EQ(c->numbering.count(), 2u);
  rapidjson::Document doc;
  doc.Parse(kParams);
  EXPECT_EQ(c->Evaluate(&doc, nullptr), Truth::kTrue);
}

TEST(Condition, EachMessageResolvesItsOwnFields) {
  auto c = CompileOrDie(FIELD("/arguments/path", "string { prefix: \"/srv/\" }"));
  rapidjson::Document srv, etc;
  srv.Parse(R"({"arguments": {"path": "/srv/a"}})");
  etc.Parse(R"({"arguments": {"path": "/etc/a"}})");
  // One cache across messages, as in a session: Begin forgets the last one.
  ResolvedFields fields;
  fields.Reset(c->numbering.count());
  fields.Begin(&srv);
  EXPECT_EQ(c->condition->Evaluate(&fields, nullptr), Truth::kTrue);
  fields.Begin(&etc);
  EXPECT_EQ(c->condition->Evaluate(&fields, nullptr), Truth::kFalse);
  fields.Begin(nullptr);
  EXPECT_EQ(c->condition->Evaluate(&fields, nullptr), Truth::kFalse);
  fields.Begin(&srv);
  EXPECT_EQ(c->condition->Evaluate(&fields, nullptr), Truth::kTrue);
}

TEST(Condition, DescribesUndecidableField) {
  rapidjson::Document doc;
  doc.Parse(kParams);
  auto c = CompileOrDie(FIELD("/arguments/count", "string { prefix: \"/\" }"));
  Undecided undecided;
  ASSERT_EQ(c->Evaluate(&doc, &undecided), Truth::kUndecidable);
  EXPECT_EQ(undecided.field->DescribeUndecided(undecided),
            "/arguments/count is a number; the matcher expects a string");
}

struct ErrorCase {
  const char* name;
  const char* condition;
  const char* message;  // Exact status message.
};

class ConditionErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ConditionErrorTest, RejectedWithPath) {
  const ErrorCase& c = GetParam();
  mcpguard::v1::Condition proto;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(c.condition, &proto));
  auto compiled = CompileProto(proto);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().message(), c.message);
}

INSTANTIATE_TEST_SUITE_P(
    All, ConditionErrorTest,
    testing::Values(
        ErrorCase{"Empty", "", "condition sets nothing (all, any, not or field)"},
        ErrorCase{"EmptyAll", "all {}", "all has no conditions"},
        ErrorCase{"NoMatcher", "field { pointer: \"/a\" }",
                  "field sets no matcher (string, number, present, path, url, command or length)"},
        ErrorCase{"NumberNoBounds", "field { pointer: \"/a\" number {} }",
                  "field.number: set min, max or both"},
        ErrorCase{"NumberEmptyRange", "field { pointer: \"/a\" number { min: 5 max: 1 } }",
                  "field.number: the range [5, 1] is empty"},
        ErrorCase{"NumberNaN", "field { pointer: \"/a\" number { min: nan } }",
                  "field.number.min: must be a finite number"},
        ErrorCase{"NestedPath",
                  "any { conditions { field { pointer: \"/a\" } } conditions { not { field { "
                  "pointer: \"/b\" string { regex: \"(\" } } } } }",
                  "any.conditions[0]: field sets no matcher (string, number, present, path, url, "
                  "command or length)"}),
    [](const testing::TestParamInfo<ErrorCase>& param_info) { return std::string(param_info.param.name); });

TEST(Condition, BadPointerIsRejectedWithFieldPath) {
  mcpguard::v1::Condition proto;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      "all { conditions { field { pointer: \"arguments/path\" present: true } } }", &proto));
  auto compiled = CompileProto(proto);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.status().message().rfind("all.conditions[0]: field.pointer: ", 0), 0u)
      << compiled.status();
}

TEST(Condition, NestingIsBounded) {
  std::string text = FIELD("/a", "present: true");
  for (int i = 0; i < kMaxMatcherNesting + 2; ++i) text = "not { " + text + " }";
  mcpguard::v1::Condition proto;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto));
  auto compiled = CompileProto(proto);
  ASSERT_FALSE(compiled.ok());
  EXPECT_NE(compiled.status().message().find("nest deeper than"), absl::string_view::npos);
}

}  // namespace
}  // namespace mcpguard::internal
