// Table-driven checks of each keyword family: the verdict and, on failure,
// the exact instance pointer, schema pointer and message.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "schema_testing.h"

namespace mcpguard::internal {
namespace {

struct KeywordCase {
  const char* name;
  const char* schema;
  const char* instance;
  bool valid;
  const char* instance_pointer = "";
  const char* schema_pointer = "";
  const char* message = "";
};

void PrintTo(const KeywordCase& c, std::ostream* os) { *os << c.name; }

class KeywordTest : public testing::TestWithParam<KeywordCase> {};

TEST_P(KeywordTest, VerdictAndIssue) {
  const KeywordCase& c = GetParam();
  auto schema = CompileForTest(c.schema);
  ASSERT_TRUE(schema.ok()) << schema.status();
  rapidjson::Document instance = ParseJsonForTest(c.instance);
  SchemaIssue issue;
  EXPECT_EQ((*schema)->Validate(instance, &issue), c.valid);
  if (c.valid) return;
  EXPECT_EQ(issue.instance_pointer, c.instance_pointer);
  EXPECT_EQ(issue.schema_pointer, c.schema_pointer);
  EXPECT_EQ(issue.message, c.message);
  // The verdict does not depend on asking for the issue.
  EXPECT_FALSE((*schema)->Validate(instance));
}

std::string CaseName(const testing::TestParamInfo<KeywordCase>& param_info) {
  return param_info.param.name;
}

const KeywordCase kTypeCases[] = {
    {"StringOk", R"({"type":"string"})", R"("a")", true},
    {"StringGotNumber", R"({"type":"string"})", "5", false, "", "/type",
     "expected string, got number"},
    {"IntegerAcceptsWholeDouble", R"({"type":"integer"})", "1.0", true},
    {"IntegerRejectsFraction", R"({"type":"integer"})", "1.5", false, "", "/type",
     "expected integer, got number"},
    {"NumberAcceptsInteger", R"({"type":"number"})", "7", true},
    {"UnionNamesAll", R"({"type":["string","null"]})", "true", false, "", "/type",
     "expected null or string, got boolean"},
    {"NestedPointer", R"({"properties":{"a":{"items":{"type":"boolean"}}}})",
     R"({"a":[true,1]})", false, "/a/1", "/properties/a/items/type",
     "expected boolean, got number"},
    {"EscapedMemberNames", R"({"properties":{"a/b~c":{"type":"null"}}})", R"({"a/b~c":0})",
     false, "/a~1b~0c", "/properties/a~1b~0c/type", "expected null, got number"},
};
INSTANTIATE_TEST_SUITE_P(Type, KeywordTest, testing::ValuesIn(kTypeCases), CaseName);

const KeywordCase kEnumConstCases[] = {
    {"ConstNumbersByValue", R"({"const":1})", "1.0", true},
    {"ConstDeep", R"({"const":{"a":[1,{"b":null}]}})", R"({"a":[1.0,{"b":null}]})", true},
    {"ConstObjectOrderIgnored", R"({"const":{"a":1,"b":2}})", R"({"b":2,"a":1})", true},
    {"ConstMismatch", R"({"const":"text"})", R"("image")", false, "", "/const",
     R"("image" is not the constant "text")"},
    {"ConstFalseIsNotZero", R"({"const":false})", "0", false, "", "/const",
     "0 is not the constant false"},
    {"EnumHit", R"({"enum":["a",[1],null]})", "[1.0]", true},
    {"EnumMiss", R"({"enum":["a","b","c"]})", R"("d")", false, "", "/enum",
     R"("d" is not one of the 3 allowed values)"},
    {"EnumSingle", R"({"enum":["a"]})", "2", false, "", "/enum",
     R"(2 is not the allowed value "a")"},
};
INSTANTIATE_TEST_SUITE_P(EnumConst, KeywordTest, testing::ValuesIn(kEnumConstCases), CaseName);

const KeywordCase kNumberCases[] = {
    {"MaximumOk", R"({"maximum":2})", "2", true},
    {"Maximum", R"({"maximum":2})", "3", false, "", "/maximum",
     "3 is greater than the maximum 2"},
    {"Minimum", R"({"minimum":1.5})", "1", false, "", "/minimum",
     "1 is less than the minimum 1.5"},
    {"ExclusiveMaximum", R"({"exclusiveMaximum":2})", "2", false, "", "/exclusiveMaximum",
     "2 is not less than the exclusive maximum 2"},
    {"ExclusiveMinimum", R"({"exclusiveMinimum":0})", "0.0", false, "", "/exclusiveMinimum",
     "0 is not greater than the exclusive minimum 0"},
    {"BigIntegerAgainstDouble", R"({"maximum":9007199254740992})", "9007199254740993", false, "",
     "/maximum", "9007199254740993 is greater than the maximum 9007199254740992"},
    {"MultipleOfDecimal", R"({"multipleOf":0.0001})", "0.0075", true},
    {"MultipleOfTenth", R"({"multipleOf":0.1})", "0.3", true},
    {"MultipleOfInteger", R"({"multipleOf":3})", "-9", true},
    {"MultipleOfFails", R"({"multipleOf":2})", "7", false, "", "/multipleOf",
     "7 is not a multiple of 2"},
    {"MultipleOfFractionFails", R"({"multipleOf":0.01})", "0.075", false, "", "/multipleOf",
     "0.075 is not a multiple of 0.01"},
    {"MultipleOfHuge", R"({"type":"integer","multipleOf":0.5})", "1e308", true},
    {"NumbersIgnoreStrings", R"({"maximum":1})", R"("5")", true},
};
INSTANTIATE_TEST_SUITE_P(Number, KeywordTest, testing::ValuesIn(kNumberCases), CaseName);

const KeywordCase kStringCases[] = {
    {"MinLengthCodePoints", R"({"minLength":2})", "\"\xF0\x9F\x92\xA9\"", false, "", "/minLength",
     "string of 1 characters is shorter than the minimum length 2"},
    {"MaxLengthCodePoints", R"({"maxLength":2})", "\"\xC3\xA9\xC3\xA9\"", true},
    {"MaxLength", R"({"maxLength":2})", R"("abc")", false, "", "/maxLength",
     "string of 3 characters is longer than the maximum length 2"},
    {"PatternUnanchored", R"({"pattern":"b+"})", R"("abbc")", true},
    {"Pattern", R"({"pattern":"^[a-z]+$"})", R"("A1")", false, "", "/pattern",
     R"("A1" does not match the pattern "^[a-z]+$")"},
    {"FormatIsAnnotationByDefault", R"({"format":"email"})", R"("nope")", true},
    // Members take the inline leaf check, which settles lengths by bytes
    // when it can (n bytes hold between ceil(n / 4) and n code points).
    {"LeafMinLengthFourByteChar", R"({"properties":{"a":{"minLength":2}}})",
     "{\"a\":\"\xF0\x9F\x92\xA9\"}", false, "/a", "/properties/a/minLength",
     "string of 1 characters is shorter than the minimum length 2"},
    {"LeafMinLengthFiveBytes", R"({"properties":{"a":{"minLength":2}}})",
     "{\"a\":\"\xF0\x9F\x92\xA9x\"}", true},
    {"LeafMinLengthTwoByteChars", R"({"properties":{"a":{"minLength":3}}})",
     "{\"a\":\"\xC3\xA9\xC3\xA9\"}", false, "/a", "/properties/a/minLength",
     "string of 2 characters is shorter than the minimum length 3"},
    {"LeafMaxLengthTwoByteChars", R"({"properties":{"a":{"maxLength":2}}})",
     "{\"a\":\"\xC3\xA9\xC3\xA9\"}", true},
    {"LeafPatternLongRun", R"({"properties":{"h":{"pattern":"^[0-9a-f]{40}$"}}})",
     R"({"h":"0123456789abcdef0123456789abcdef0123456G"})", false, "/h",
     "/properties/h/pattern",
     R"("0123456789abcdef0123456789abcdef0123456G" does not match the pattern "^[0-9a-f]{40}$")"},
};
INSTANTIATE_TEST_SUITE_P(String, KeywordTest, testing::ValuesIn(kStringCases), CaseName);

const KeywordCase kArrayCases[] = {
    {"MinItems", R"({"minItems":2})", "[1]", false, "", "/minItems",
     "array has 1 items, fewer than the minimum 2"},
    {"MaxItems", R"({"maxItems":1})", "[1,2]", false, "", "/maxItems",
     "array has 2 items, more than the maximum 1"},
    {"ItemsSchema", R"({"items":{"type":"integer"}})", "[1,2,\"x\"]", false, "/2",
     "/items/type", "expected integer, got string"},
    {"PrefixItems", R"({"prefixItems":[{"type":"string"}],"items":false})", R"(["a",1])", false,
     "/1", "/items", "item 1 is not allowed (at most 1 items)"},
    {"Draft7TupleAdditionalItems",
     R"({"$schema":"http://json-schema.org/draft-07/schema#","items":[{}],"additionalItems":{"type":"null"}})",
     "[1,2]", false, "/1", "/additionalItems/type", "expected null, got number"},
    {"ContainsNone", R"({"contains":{"const":3}})", "[1,2]", false, "", "/contains",
     "no item matches the contains schema"},
    {"MinContains", R"({"contains":{"const":1},"minContains":2})", "[1,2]", false, "",
     "/minContains", "1 items match contains, fewer than the minimum 2"},
    {"MaxContains", R"({"contains":{"const":1},"maxContains":1})", "[1,1]", false, "",
     "/maxContains", "2 items match contains, more than the maximum 1"},
    {"MinContainsZero", R"({"contains":{"const":1},"minContains":0})", "[]", true},
    {"UniqueItems", R"({"uniqueItems":true})", R"([1,{"a":1},1.0])", false, "", "/uniqueItems",
     "items 0 and 2 are equal"},
    {"UniqueItemsHashed", R"({"uniqueItems":true})", "[0,1,2,3,4,5,6,7,8,9,{\"a\":[1]},{\"a\":[1.0]}]",
     false, "", "/uniqueItems", "items 10 and 11 are equal"},
    {"UniqueItemsDistinct", R"({"uniqueItems":true})", "[0,1,2,3,4,5,6,7,8,9,false,0.5,\"0\"]", true},
    // Short arrays of strings compare their bytes directly.
    {"UniqueStrings", R"({"uniqueItems":true})", R"(["a","bb","a"])", false, "", "/uniqueItems",
     "items 0 and 2 are equal"},
    {"UniqueLongStrings", R"({"uniqueItems":true})",
     R"(["abcdefghijklmnopq","abcdefghijklmnopr","abcdefghijklmnopq"])", false, "",
     "/uniqueItems", "items 0 and 2 are equal"},
    {"UniqueStringsDifferInMiddle", R"({"uniqueItems":true})",
     R"(["abcdefghijk","abcdefXhijk","abcdefghijkl"])", true},
    {"UniqueStringsAndNumbers", R"({"uniqueItems":true})", R"(["1",1,"x",1.0])", false, "",
     "/uniqueItems", "items 1 and 3 are equal"},
    // Object and array members and items go straight to their keywords.
    {"NestedObjectMember", R"({"properties":{"o":{"type":"object","properties":{"x":{"type":"integer"}}}}})",
     R"({"o":{"x":"s"}})", false, "/o/x", "/properties/o/properties/x/type",
     "expected integer, got string"},
    {"NestedObjectRequired", R"({"properties":{"o":{"type":["object","string"],"required":["x"]}}})",
     R"({"o":{}})", false, "/o", "/properties/o/required", R"(missing required member "x")"},
    {"NestedObjectWrongType", R"({"properties":{"o":{"type":"object","required":["x"]}}})",
     R"({"o":[]})", false, "/o", "/properties/o/type", "expected object, got array"},
    {"NestedEnumObject", R"({"properties":{"o":{"enum":[{"x":1}],"required":["x"]}}})",
     R"({"o":{"x":2}})", false, "/o", "/properties/o/enum",
     R"(an object is not the allowed value {"x":1})"},
    {"ConstLongArray", R"({"const":["aaaaaaaaaa","bbbbbbbbbb","cccccccccc","dd"]})", "[]", false,
     "", "/const", R"(an array is not the constant ["aaaaaaaaaa","bbbbbbbbbb","cccccccccc",...)"},
    {"ItemsObjects", R"({"items":{"type":"object","required":["a"]}})", R"([{"a":1},{}])", false,
     "/1", "/items/required", R"(missing required member "a")"},
    {"ItemsArrays", R"({"items":{"type":"array","maxItems":1}})", "[[1],[1,2]]", false, "/1",
     "/items/maxItems", "array has 2 items, more than the maximum 1"},
};
INSTANTIATE_TEST_SUITE_P(Array, KeywordTest, testing::ValuesIn(kArrayCases), CaseName);

const KeywordCase kObjectCases[] = {
    {"Required", R"({"properties":{"name":{}},"required":["name","id"]})", R"({"id":1})", false,
     "", "/required", R"(missing required member "name")"},
    {"RequiredNotInProperties", R"({"required":["id"]})", R"({"x":1})", false, "", "/required",
     R"(missing required member "id")"},
    {"AdditionalPropertiesFalse", R"({"properties":{"a":{}},"additionalProperties":false})",
     R"({"a":1,"b":2})", false, "/b", "/additionalProperties", R"(member "b" is not allowed)"},
    {"AdditionalPropertiesSchema", R"({"patternProperties":{"^x-":{}},"additionalProperties":{"type":"string"}})",
     R"({"x-a":1,"b":2})", false, "/b", "/additionalProperties/type",
     "expected string, got number"},
    {"PatternProperties", R"({"patternProperties":{"^n":{"type":"number"}}})",
     R"({"name":"x"})", false, "/name", "/patternProperties/^n/type",
     "expected number, got string"},
    {"PropertyNames", R"({"propertyNames":{"maxLength":3}})", R"({"abcd":1})", false, "/abcd",
     "/propertyNames/maxLength",
     R"(member name "abcd": string of 4 characters is longer than the maximum length 3)"},
    {"MinProperties", R"({"minProperties":1})", "{}", false, "", "/minProperties",
     "object has 0 members, fewer than the minimum 1"},
    {"MaxProperties", R"({"maxProperties":1})", R"({"a":1,"b":2})", false, "", "/maxProperties",
     "object has 2 members, more than the maximum 1"},
    {"DependentRequired", R"({"dependentRequired":{"a":["b"]}})", R"({"a":1})", false, "",
     "/dependentRequired/a", R"(member "b" is required when "a" is present)"},
    {"DependentSchemas", R"({"dependentSchemas":{"a":{"required":["c"]}}})", R"({"a":1})", false,
     "", "/dependentSchemas/a/required", R"(missing required member "c")"},
    {"Draft7Dependencies",
     R"({"$schema":"http://json-schema.org/draft-07/schema#","dependencies":{"a":["b"],"c":{"maxProperties":1}}})",
     R"({"c":1,"d":2})", false, "", "/dependencies/c/maxProperties",
     "object has 2 members, more than the maximum 1"},
    {"ManyRequiredPresent",
     R"({"properties":{"a":{},"b":{},"c":{}},"required":["c","a","b"]})", R"({"b":1,"c":2,"a":3})",
     true},
};
INSTANTIATE_TEST_SUITE_P(Object, KeywordTest, testing::ValuesIn(kObjectCases), CaseName);

const KeywordCase kApplicatorCases[] = {
    {"AllOf", R"({"allOf":[{"type":"object"},{"required":["a"]}]})", "{}", false, "",
     "/allOf/1/required", R"(missing required member "a")"},
    {"AnyOfReportsKeyword", R"({"anyOf":[{"type":"string"},{"type":"number"}]})", "null", false,
     "", "/anyOf", "value matches none of the 2 alternatives of anyOf"},
    {"AnyOfPrefersTheMeantAlternative",
     R"({"anyOf":[
         {"properties":{"type":{"const":"text"},"text":{"type":"string"}},"required":["type","text"]},
         {"properties":{"type":{"const":"image"},"data":{"type":"string"}},"required":["type","data"]}]})",
     R"({"type":"text","text":5})", false, "/text", "/anyOf/0/properties/text/type",
     "expected string, got number"},
    {"OneOfNone", R"({"oneOf":[{"type":"string"},{"type":"number"}]})", "null", false, "",
     "/oneOf", "value matches none of the 2 alternatives of oneOf"},
    {"OneOfTwo", R"({"oneOf":[{"type":"number"},{"minimum":0}]})", "1", false, "", "/oneOf",
     "value matches alternatives 0 and 1 of oneOf, expected exactly one"},
    {"Not", R"({"not":{"type":"string"}})", R"("x")", false, "", "/not",
     "value must not match the schema in not"},
    {"IfThen", R"({"if":{"minimum":10},"then":{"multipleOf":10},"else":{"maximum":5}})", "15",
     false, "", "/then/multipleOf", "15 is not a multiple of 10"},
    {"IfElse", R"({"if":{"minimum":10},"then":{"multipleOf":10},"else":{"maximum":5}})", "7",
     false, "", "/else/maximum", "7 is greater than the maximum 5"},
    {"ThenWithoutIfIgnored", R"({"then":false})", "1", true},
};
INSTANTIATE_TEST_SUITE_P(Applicator, KeywordTest, testing::ValuesIn(kApplicatorCases), CaseName);

const KeywordCase kBooleanCases[] = {
    {"TrueRoot", "true", R"({"anything":[1]})", true},
    {"FalseRoot", "false", "null", false, "", "", "no value is allowed here (false schema)"},
    {"FalseProperty", R"({"properties":{"a":false}})", R"({"a":1})", false, "/a",
     "/properties/a", "no value is allowed here (false schema)"},
    {"FalseInAllOf", R"({"allOf":[true,false]})", "1", false, "", "/allOf/1",
     "no value is allowed here (false schema)"},
    {"NotFalse", R"({"not":false})", "1", true},
};
INSTANTIATE_TEST_SUITE_P(Boolean, KeywordTest, testing::ValuesIn(kBooleanCases), CaseName);

const KeywordCase kRefCases[] = {
    {"DefsPointer", R"({"$defs":{"n":{"type":"number"}},"properties":{"a":{"$ref":"#/$defs/n"}}})",
     R"({"a":"x"})", false, "/a", "/$defs/n/type", "expected number, got string"},
    {"DefinitionsIn2020", R"({"definitions":{"n":{"type":"number"}},"$ref":"#/definitions/n"})",
     R"("x")", false, "", "/definitions/n/type", "expected number, got string"},
    {"EscapedPointer", R"({"$defs":{"a/b":{"type":"null"},"c%d":{"type":"null"}},"allOf":[{"$ref":"#/$defs/a~1b"},{"$ref":"#/$defs/c%25d"}]})",
     "null", true},
    {"Anchor", R"({"$defs":{"x":{"$anchor":"thing","type":"string"}},"$ref":"#thing"})", "1",
     false, "", "/$defs/x/type", "expected string, got number"},
    {"IdChangesBase", R"({"$id":"http://example.com/root.json","$defs":{"a":{"$id":"other.json","type":"integer"}},"$ref":"other.json"})",
     "1.5", false, "", "/$defs/a/type", "expected integer, got number"},
    {"SiblingsApplyIn2020", R"({"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","maxLength":2})",
     R"("abc")", false, "", "/maxLength",
     "string of 3 characters is longer than the maximum length 2"},
    {"RefOverridesSiblingsInDraft7",
     R"({"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"s":{"type":"string"}},"properties":{"a":{"$ref":"#/definitions/s","maxLength":2}}})",
     R"({"a":"abc"})", true},
    {"RecursiveTree",
     R"({"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#"}},"v":{"type":"integer"}}})",
     R"({"children":[{"children":[{"v":"x"}]}]})", false, "/children/0/children/0/v",
     "/properties/v/type", "expected integer, got string"},
};
INSTANTIATE_TEST_SUITE_P(Ref, KeywordTest, testing::ValuesIn(kRefCases), CaseName);

const KeywordCase kUnevaluatedCases[] = {
    {"UnevaluatedPropertiesThroughAllOf",
     R"({"allOf":[{"properties":{"a":{}}}],"properties":{"b":{}},"unevaluatedProperties":false})",
     R"({"a":1,"b":2,"c":3})", false, "/c", "/unevaluatedProperties",
     R"(member "c" is not allowed (unevaluatedProperties))"},
    {"UnevaluatedPropertiesSeesValidAnyOfBranches",
     R"({"anyOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"b":{}}}],"unevaluatedProperties":false})",
     R"({"a":1,"b":2})", false, "/a", "/unevaluatedProperties",
     R"(member "a" is not allowed (unevaluatedProperties))"},
    {"UnevaluatedPropertiesThroughRef",
     R"({"$defs":{"base":{"properties":{"kind":{}}}},"$ref":"#/$defs/base","unevaluatedProperties":false})",
     R"({"kind":1})", true},
    {"UnevaluatedItemsAfterPrefix",
     R"({"prefixItems":[{"type":"integer"}],"unevaluatedItems":{"type":"string"}})", "[1,\"a\",2]",
     false, "/2", "/unevaluatedItems/type", "expected string, got number"},
    {"UnevaluatedItemsSeesContains",
     R"({"contains":{"type":"string"},"unevaluatedItems":false})", "[\"a\",1]", false, "/1",
     "/unevaluatedItems", "item 1 is not allowed (unevaluatedItems)"},
};
INSTANTIATE_TEST_SUITE_P(Unevaluated, KeywordTest, testing::ValuesIn(kUnevaluatedCases), CaseName);

}  // namespace
}  // namespace mcpguard::internal
