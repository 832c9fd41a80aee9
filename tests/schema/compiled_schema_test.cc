// CompiledSchema as a whole: compile errors with their pointers, dialect
// selection, Find/Validate(at), the recursion bound and x-mcpguard-closed.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "schema_testing.h"

namespace mcpguard::internal {
namespace {

struct CompileErrorCase {
  const char* name;
  const char* schema;
  absl::StatusCode code;
  const char* message_prefix;  // The pointer and the start of the message.
};

void PrintTo(const CompileErrorCase& c, std::ostream* os) { *os << c.name; }

class CompileErrorTest : public testing::TestWithParam<CompileErrorCase> {};

TEST_P(CompileErrorTest, NamesThePointer) {
  const CompileErrorCase& c = GetParam();
  auto schema = CompileForTest(c.schema);
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().code(), c.code) << schema.status();
  EXPECT_THAT(std::string(schema.status().message()), testing::StartsWith(c.message_prefix));
}

const CompileErrorCase kCompileErrors[] = {
    {"MinimumNotNumber", R"({"properties":{"a":{"minimum":"1"}}})",
     absl::StatusCode::kInvalidArgument, "/properties/a/minimum: must be a number"},
    {"UnknownType", R"({"type":"str"})", absl::StatusCode::kInvalidArgument,
     "/type: must be one of"},
    {"TypeArrayEntry", R"({"type":["string",1]})", absl::StatusCode::kInvalidArgument,
     "/type/1: must be one of"},
    {"NegativeCount", R"({"items":{"minLength":-1}})", absl::StatusCode::kInvalidArgument,
     "/items/minLength: must be a non-negative integer"},
    {"FractionalCount", R"({"maxItems":1.5})", absl::StatusCode::kInvalidArgument,
     "/maxItems: must be a non-negative integer"},
    {"MultipleOfZero", R"({"multipleOf":0})", absl::StatusCode::kInvalidArgument,
     "/multipleOf: must be greater than 0"},
    {"SchemaNotObject", R"({"properties":{"a":3}})", absl::StatusCode::kInvalidArgument,
     "/properties/a: a schema must be an object or a boolean"},
    {"AllOfEmpty", R"({"allOf":[]})", absl::StatusCode::kInvalidArgument,
     "/allOf: must be a non-empty array"},
    {"RequiredNotStrings", R"({"required":["a",2]})", absl::StatusCode::kInvalidArgument,
     "/required/1: must be a string"},
    {"ItemsArrayIn2020", R"({"items":[{}]})", absl::StatusCode::kInvalidArgument,
     "/items: must be a schema"},
    {"BadRegex", R"j({"pattern":"(a"})j", absl::StatusCode::kInvalidArgument,
     "/pattern: invalid regular expression"},
    {"Lookahead", R"j({"properties":{"a":{"pattern":"(?=a)"}}})j", absl::StatusCode::kUnimplemented,
     "/properties/a/pattern: pattern is not supported by RE2"},
    {"Backreference", R"j({"patternProperties":{"(a)\\1":{}}})j", absl::StatusCode::kUnimplemented,
     "/patternProperties/(a)\\1: pattern is not supported by RE2"},
    {"RemoteRef", R"({"properties":{"a":{"$ref":"http://example.com/x.json"}}})",
     absl::StatusCode::kUnimplemented,
     "/properties/a/$ref: \"http://example.com/x.json\" points to another document"},
    {"DanglingPointer", R"({"$ref":"#/$defs/missing"})", absl::StatusCode::kInvalidArgument,
     "/$ref: \"#/$defs/missing\" does not point to a schema"},
    {"UnknownAnchor", R"({"$ref":"#nope"})", absl::StatusCode::kInvalidArgument,
     "/$ref: no anchor \"nope\""},
    {"UnknownDialect", R"({"$schema":"http://json-schema.org/draft-04/schema#"})",
     absl::StatusCode::kUnimplemented, "/$schema: unsupported dialect"},
    {"ClosedNotBoolean", R"({"x-mcpguard-closed":1})", absl::StatusCode::kInvalidArgument,
     "/x-mcpguard-closed: must be a boolean"},
    {"IdNotString", R"({"$defs":{"a":{"$id":5}}})", absl::StatusCode::kInvalidArgument,
     "/$defs/a/$id: must be a string"},
};
INSTANTIATE_TEST_SUITE_P(Schema, CompileErrorTest, testing::ValuesIn(kCompileErrors),
                         [](const testing::TestParamInfo<CompileErrorCase>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(CompiledSchema, RejectsTooManyNodes) {
  SchemaOptions options;
  options.max_nodes = 3;
  auto schema = CompileForTest(R"({"allOf":[{},{},{}]})", options);
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(), "/allOf/2: more than 3 subschemas");
}

TEST(CompiledSchema, RejectsDeepNesting) {
  SchemaOptions options;
  options.max_schema_depth = 2;
  auto schema = CompileForTest(R"({"not":{"not":{"not":{}}}})", options);
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().message(), "/not/not/not: subschemas nested deeper than 2");
}

TEST(CompiledSchema, SelectsDialectFromSchemaKeyword) {
  auto draft7 = CompileForTest(R"({"$schema":"http://json-schema.org/draft-07/schema#"})");
  ASSERT_TRUE(draft7.ok());
  EXPECT_EQ((*draft7)->dialect(), SchemaDialect::kDraft7);
  auto modern = CompileForTest(R"({"$schema":"https://json-schema.org/draft/2020-12/schema"})");
  ASSERT_TRUE(modern.ok());
  EXPECT_EQ((*modern)->dialect(), SchemaDialect::kDraft2020_12);
  SchemaOptions options;
  options.default_dialect = SchemaDialect::kDraft7;
  auto defaulted = CompileForTest("{}", options);
  ASSERT_TRUE(defaulted.ok());
  EXPECT_EQ((*defaulted)->dialect(), SchemaDialect::kDraft7);
}

TEST(CompiledSchema, DialectDecidesItemsMeaning) {
  // draft-07 array items is a tuple; prefixItems means nothing there.
  auto draft7 = CompileForTest(
      R"({"$schema":"http://json-schema.org/draft-07/schema#","items":[{"type":"string"}],"prefixItems":[false]})");
  ASSERT_TRUE(draft7.ok()) << draft7.status();
  rapidjson::Document instance = ParseJsonForTest(R"(["a", 1])");
  EXPECT_TRUE((*draft7)->Validate(instance));
}

TEST(CompiledSchema, FindAndValidateAt) {
  auto schema = CompileForTest(R"({"$defs":{"Tool":{"required":["name"]}},"type":"array"})");
  ASSERT_TRUE(schema.ok());
  auto tool = (*schema)->Find("/$defs/Tool");
  ASSERT_TRUE(tool.has_value());
  EXPECT_FALSE((*schema)->Find("/$defs/Nope").has_value());
  rapidjson::Document instance = ParseJsonForTest(R"({"title":"x"})");
  SchemaIssue issue;
  EXPECT_FALSE((*schema)->Validate(*tool, instance, &issue));
  EXPECT_EQ(issue.schema_pointer, "/$defs/Tool/required");
  EXPECT_EQ(issue.message, "missing required member \"name\"");
  EXPECT_FALSE((*schema)->Validate(instance));  // Root wants an array.
}

TEST(CompiledSchema, SelfReferenceFailsAtTheDepthBound) {
  for (const char* text : {R"({"$ref":"#"})", R"({"not":{"$ref":"#"}})",
                           R"({"anyOf":[{"$ref":"#"}]})"}) {
    auto schema = CompileForTest(text);
    ASSERT_TRUE(schema.ok()) << text;
    rapidjson::Document instance = ParseJsonForTest("1");
    SchemaIssue issue;
    EXPECT_FALSE((*schema)->Validate(instance, &issue)) << text;
    EXPECT_EQ(issue.instance_pointer, "");
    EXPECT_EQ(issue.message,
              "validation deeper than max_validation_depth 256 (instance nesting plus references)")
        << text;
  }
}

// $defs d0..d{levels}, each an `keyword` of two $refs to the next: 2^levels
// visits of the last from a schema of a few kilobytes.
std::string RefDag(int levels, const std::string& keyword) {
  std::string defs;
  for (int i = 0; i < levels; ++i) {
    const std::string next = "{\"$ref\":\"#/$defs/d" + std::to_string(i + 1) + "\"}";
    defs += "\"d" + std::to_string(i) + "\":{\"" + keyword + "\":[" + next + "," + next + "]},";
  }
  defs += "\"d" + std::to_string(levels) + "\":{\"type\":\"object\"}";
  return "{\"$defs\":{" + defs + "},\"$ref\":\"#/$defs/d0\"}";
}

// Found by an adversarial review: a 2 KB tool schema of 30 such levels kept
// a check busy for longer than 30 s; the depth bound never triggered.
TEST(CompiledSchema, VisitsThatMultiplyFailAtTheStepBound) {
  // The instances that make each keyword try both branches at every level:
  // allOf on a valid one, anyOf on an invalid one, oneOf on either.
  const struct {
    const char* keyword;
    std::vector<const char*> instances;
  } cases[] = {{"allOf", {R"({"a":1})"}}, {"anyOf", {"1"}}, {"oneOf", {R"({"a":1})", "1"}}};
  for (const auto& [keyword, instances] : cases) {
    auto schema = CompileForTest(RefDag(40, keyword));
    ASSERT_TRUE(schema.ok()) << keyword << ": " << schema.status();
    for (const char* text : instances) {
      rapidjson::Document instance = ParseJsonForTest(text);
      SchemaIssue issue;
      EXPECT_FALSE((*schema)->Validate(instance, &issue)) << keyword << " " << text;
      EXPECT_THAT(issue.message, testing::HasSubstr("max_validation_steps 1000000"))
          << keyword << " " << text;
    }
  }
  // Under `not` too: the bound fails the validation, it is not a failure
  // that `not` turns into a pass.
  std::string negated = RefDag(40, "allOf");
  negated.replace(negated.rfind("\"$ref\""), 0, "\"not\":{\"$ref\":\"#/$defs/d0\"},");
  auto schema = CompileForTest(negated);
  ASSERT_TRUE(schema.ok()) << schema.status();
  rapidjson::Document instance = ParseJsonForTest(R"({"a":1})");
  SchemaIssue issue;
  EXPECT_FALSE((*schema)->Validate(instance, &issue));
  EXPECT_THAT(issue.message, testing::HasSubstr("max_validation_steps"));
  // Few levels stay well inside the bound, and validate as they should.
  auto small = CompileForTest(RefDag(10, "allOf"));
  ASSERT_TRUE(small.ok());
  rapidjson::Document object = ParseJsonForTest(R"({"a":1})");
  EXPECT_TRUE((*small)->Validate(object));
  rapidjson::Document number = ParseJsonForTest("1");
  EXPECT_FALSE((*small)->Validate(number));
}

// A string of `bytes` bytes alternating 'a' and 'b' (no 'c'), as a JSON text.
std::string AbString(size_t bytes) {
  std::string text(bytes, 'a');
  for (size_t i = 1; i < bytes; i += 2) text[i] = 'b';
  return "\"" + text + "\"";
}

// Found by an adversarial review: `a[ab]{1000}c` outgrows RE2's DFA memory
// on a long string of a and b, and RE2's NFA then takes 5 s over 1 MB (the
// server writes both the output schema and the structuredContent checked
// against it). The bound refuses before searching, at the keyword.
TEST(CompiledSchema, PatternWorkPastTheBoundFailsClosedAtTheKeyword) {
  auto schema = CompileForTest(R"({"properties":{"s":{"pattern":"a[ab]{1000}c"}}})");
  ASSERT_TRUE(schema.ok()) << schema.status();
  // About 1,000 instructions times 40,000 bytes: past 2^25.
  rapidjson::Document long_string = ParseJsonForTest("{\"s\":" + AbString(40000) + "}");
  SchemaIssue issue;
  EXPECT_FALSE((*schema)->Validate(long_string, &issue));
  EXPECT_EQ(issue.instance_pointer, "/s");
  EXPECT_EQ(issue.schema_pointer, "/properties/s/pattern");
  EXPECT_THAT(issue.message, testing::HasSubstr("max_pattern_work 33554432"));
  // Inside the bound the pattern is searched as ever: no 'c', no match...
  rapidjson::Document short_string = ParseJsonForTest("{\"s\":" + AbString(1000) + "}");
  EXPECT_FALSE((*schema)->Validate(short_string, &issue));
  EXPECT_EQ(issue.schema_pointer, "/properties/s/pattern");
  EXPECT_THAT(issue.message, testing::HasSubstr("does not match the pattern"));
  // ...and a match where there is one.
  std::string matching = AbString(1101);  // An 'a' 1,001 bytes before the 'c'.
  matching.insert(matching.size() - 1, "c");
  rapidjson::Document match = ParseJsonForTest("{\"s\":" + matching + "}");
  EXPECT_TRUE((*schema)->Validate(match));
}

TEST(CompiledSchema, PatternWorkIsSummedOverTheValidation) {
  // Two strings each inside the bound, together past it. (The pattern
  // matches them early: the charge is the worst case, not the time taken.)
  auto schema = CompileForTest(R"({"items":{"pattern":"[ab]{1000}"}})");
  ASSERT_TRUE(schema.ok()) << schema.status();
  rapidjson::Document one = ParseJsonForTest("[" + AbString(20000) + "]");
  SchemaIssue issue;
  EXPECT_TRUE((*schema)->Validate(one, &issue)) << issue.message;
  rapidjson::Document two = ParseJsonForTest("[" + AbString(20000) + "," + AbString(20000) + "]");
  EXPECT_FALSE((*schema)->Validate(two, &issue));
  EXPECT_EQ(issue.instance_pointer, "/1");
  EXPECT_THAT(issue.message, testing::HasSubstr("max_pattern_work"));
}

TEST(CompiledSchema, PatternWorkBoundsPropertyNamesAndCannotBeNegated) {
  // patternProperties searches each member's name.
  auto names = CompileForTest(R"({"patternProperties":{"a[ab]{1000}c":{}}})");
  ASSERT_TRUE(names.ok()) << names.status();
  rapidjson::Document object = ParseJsonForTest("{" + AbString(40000) + ":1}");
  SchemaIssue issue;
  EXPECT_FALSE((*names)->Validate(object, &issue));
  EXPECT_EQ(issue.schema_pointer, "/patternProperties/a[ab]{1000}c");
  EXPECT_THAT(issue.message, testing::HasSubstr("max_pattern_work"));
  // Under `not`, the bound still fails the validation.
  auto negated = CompileForTest(R"({"not":{"pattern":"a[ab]{1000}c"}})");
  ASSERT_TRUE(negated.ok()) << negated.status();
  rapidjson::Document text = ParseJsonForTest(AbString(40000));
  EXPECT_FALSE((*negated)->Validate(text, &issue));
  EXPECT_THAT(issue.message, testing::HasSubstr("max_pattern_work"));
}

TEST(CompiledSchema, PatternWorkBoundIsAnOption) {
  SchemaOptions options;
  options.max_pattern_work = 1000;
  auto schema = CompileForTest(R"({"pattern":"[0-9]+x"})", options);
  ASSERT_TRUE(schema.ok()) << schema.status();
  rapidjson::Document small = ParseJsonForTest("\"12x\"");
  EXPECT_TRUE((*schema)->Validate(small));
  rapidjson::Document large = ParseJsonForTest("\"" + std::string(1000, '1') + "x\"");
  SchemaIssue issue;
  EXPECT_FALSE((*schema)->Validate(large, &issue));
  EXPECT_THAT(issue.message, testing::HasSubstr("max_pattern_work 1000 "));
  // A pattern matched without RE2 is linear and charged nothing.
  auto simple = CompileForTest(R"({"pattern":"^[0-9]+x$"})", options);
  ASSERT_TRUE(simple.ok()) << simple.status();
  EXPECT_TRUE((*simple)->Validate(large));
}

TEST(CompiledSchema, ManyItemsThroughAReferenceStayInsideTheStepBound) {
  auto schema = CompileForTest(
      R"({"$defs":{"item":{"type":"integer"}},"items":{"$ref":"#/$defs/item"}})");
  ASSERT_TRUE(schema.ok());
  std::string array = "[";
  for (int i = 0; i < 200000; ++i) array += i == 0 ? "1" : ",1";
  array += "]";
  rapidjson::Document instance = ParseJsonForTest(array);
  SchemaIssue issue;
  EXPECT_TRUE((*schema)->Validate(instance, &issue)) << issue.message;
}

// Found by an adversarial review: RE2 compiled "\pL{100}" to ~120,000
// instructions before the size check refused it, seconds for a few dozen;
// and thousands of accepted patterns in one tools/list kept 400 MB.
TEST(CompiledSchema, RegexSizeIsBoundedPerPatternAndPerDocument) {
  auto huge = CompileForTest(R"({"pattern":"\\pL{100}|zI"})");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(huge.status().message()),
              testing::StartsWith("/pattern: regular expression too large"));
  auto one = CompileForTest(R"({"pattern":"a{1000}"})");
  ASSERT_TRUE(one.ok()) << one.status();
  // Sixty of them in one document are too many together.
  std::string all_of;
  for (int i = 0; i < 60; ++i) {
    all_of += (i == 0 ? "" : ",") + std::string(R"({"pattern":"a{1000})") + std::to_string(i) +
              R"("})";
  }
  auto many = CompileForTest(R"({"allOf":[)" + all_of + "]}");
  ASSERT_FALSE(many.ok());
  const std::string message(many.status().message());
  EXPECT_THAT(message, testing::HasSubstr("the schema's regular expressions are too large together"));
  EXPECT_THAT(message, testing::StartsWith("/allOf/"));
}

TEST(CompiledSchema, DeepInstanceFailsCleanly) {
  SchemaOptions options;
  options.max_validation_depth = 8;
  auto schema = CompileForTest(R"({"items":{"$ref":"#"}})", options);
  ASSERT_TRUE(schema.ok());
  rapidjson::Document shallow = ParseJsonForTest("[[[]]]");
  EXPECT_TRUE((*schema)->Validate(shallow));
  rapidjson::Document deep = ParseJsonForTest("[[[[[[[[[[[]]]]]]]]]]]");
  SchemaIssue issue;
  EXPECT_FALSE((*schema)->Validate(deep, &issue));
  EXPECT_THAT(issue.message, testing::HasSubstr("max_validation_depth 8"));
}

TEST(CompiledSchema, ClosedReportsUnknownMembersWithoutFailing) {
  auto schema = CompileForTest(
      R"({"properties":{"a":{},"nested":{"properties":{"b":{}},"x-mcpguard-closed":true}},
          "patternProperties":{"^x-":{}},"x-mcpguard-closed":true})");
  ASSERT_TRUE(schema.ok()) << schema.status();
  rapidjson::Document instance =
      ParseJsonForTest(R"({"a":1,"x-ok":2,"extra":3,"nested":{"b":1,"c/d":2}})");
  std::vector<SchemaIssue> unknown;
  EXPECT_TRUE((*schema)->Validate(instance, nullptr, &unknown));
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_EQ(unknown[0].instance_pointer, "/extra");
  EXPECT_EQ(unknown[0].schema_pointer, "/x-mcpguard-closed");
  EXPECT_EQ(unknown[0].message, "unknown member \"extra\"");
  EXPECT_EQ(unknown[1].instance_pointer, "/nested/c~1d");
  EXPECT_EQ(unknown[1].schema_pointer, "/properties/nested/x-mcpguard-closed");
}

TEST(CompiledSchema, ClosedReportsOnlyFromTheValidatingBranch) {
  auto schema = CompileForTest(
      R"({"anyOf":[{"required":["kind"],"properties":{"kind":{"const":1}},"x-mcpguard-closed":true},
                   {"properties":{"other":{}},"x-mcpguard-closed":true}]})");
  ASSERT_TRUE(schema.ok());
  rapidjson::Document instance = ParseJsonForTest(R"({"kind":2,"other":1})");
  std::vector<SchemaIssue> unknown;
  EXPECT_TRUE((*schema)->Validate(instance, nullptr, &unknown));
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].instance_pointer, "/kind");
  EXPECT_EQ(unknown[0].schema_pointer, "/anyOf/1/x-mcpguard-closed");
}

TEST(CompiledSchema, ClosedIsIgnoredWithoutACollector) {
  auto schema = CompileForTest(R"({"x-mcpguard-closed":true})");
  ASSERT_TRUE(schema.ok());
  rapidjson::Document instance = ParseJsonForTest(R"({"a":1})");
  EXPECT_TRUE((*schema)->Validate(instance));
}

TEST(CompiledSchema, FormatsAssertedWhenAsked) {
  SchemaOptions options;
  options.assert_formats = true;
  auto schema = CompileForTest(R"({"properties":{"when":{"format":"date-time"},"x":{"format":"color"}}})",
                               options);
  ASSERT_TRUE(schema.ok());
  rapidjson::Document good = ParseJsonForTest(R"({"when":"2024-02-29T12:00:00Z","x":"?"})");
  EXPECT_TRUE((*schema)->Validate(good));
  rapidjson::Document bad = ParseJsonForTest(R"({"when":"2023-02-29T12:00:00Z"})");
  SchemaIssue issue;
  EXPECT_FALSE((*schema)->Validate(bad, &issue));
  EXPECT_EQ(issue.instance_pointer, "/when");
  EXPECT_EQ(issue.schema_pointer, "/properties/when/format");
  EXPECT_EQ(issue.message, "\"2023-02-29T12:00:00Z\" is not a valid date-time");
}

TEST(CompiledSchema, DynamicRefFollowsTheDynamicScope) {
  // A generic list whose items are typed by the schema that refers to it.
  auto schema = CompileForTest(R"({
    "$id": "https://example.com/strings",
    "$dynamicAnchor": "item",
    "type": "string",
    "$defs": {
      "list": {"$id": "list", "type": "array", "items": {"$dynamicRef": "#item"},
               "$defs": {"default": {"$dynamicAnchor": "item"}}},
      "root": {"$id": "root", "$ref": "list"}
    }
  })");
  ASSERT_TRUE(schema.ok()) << schema.status();
  auto root = (*schema)->Find("/$defs/root");
  ASSERT_TRUE(root.has_value());
  rapidjson::Document numbers = ParseJsonForTest("[1, 2]");
  // Entered through /$defs/root, "item" resolves to the list's own anchor.
  EXPECT_TRUE((*schema)->Validate(*root, numbers));
}

}  // namespace
}  // namespace mcpguard::internal
