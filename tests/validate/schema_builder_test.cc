#include "validate/schema_builder.h"

#include <string>

#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal::schema_builder {
namespace {

std::string Json(const Schema& s) {
  rapidjson::Document doc;
  s.Emit(&doc, doc.GetAllocator());
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  doc.Accept(w);
  return sb.GetString();
}

struct EmitCase {
  const char* name;
  Schema schema;
  const char* json;
};

class SchemaBuilderEmitTest : public testing::TestWithParam<EmitCase> {};

TEST_P(SchemaBuilderEmitTest, EmitsExpectedJson) {
  EXPECT_EQ(Json(GetParam().schema), GetParam().json);
}

INSTANTIATE_TEST_SUITE_P(
    All, SchemaBuilderEmitTest,
    testing::Values(
        EmitCase{"Any", Any(), R"({})"}, EmitCase{"String", Str(), R"({"type":"string"})"},
        EmitCase{"UriFormat", Uri(), R"({"type":"string","format":"uri"})"},
        EmitCase{"TwoTypes", Types({"string", "integer"}), R"({"type":["string","integer"]})"},
        EmitCase{"StringConst", Const("text"), R"({"type":"string","const":"text"})"},
        EmitCase{"IntegerConst", ConstInt(-32602), R"({"type":"integer","const":-32602})"},
        EmitCase{"Enum", Enum({"a", "b"}), R"({"type":"string","enum":["a","b"]})"},
        EmitCase{"Ref", Ref("Tool"), R"({"$ref":"#/$defs/Tool"})"},
        EmitCase{"Bounds", Num().Min(0).Max(1), R"({"type":"number","minimum":0.0,"maximum":1.0})"},
        EmitCase{"Array", ArrOf(Int()).MaxItems(3),
                 R"({"type":"array","items":{"type":"integer"},"maxItems":3})"},
        EmitCase{"Map", MapOf(Str()),
                 R"({"type":"object","additionalProperties":{"type":"string"}})"},
        EmitCase{
            "ClosedObject", Obj().Req("name", Str()).Opt("title", Str()),
            R"({"type":"object","properties":{"name":{"type":"string"},"title":{"type":"string"}},"required":["name"],"x-mcpguard-closed":true})"},
        EmitCase{"OpenObject", OpenObj().Opt("a", Bool()),
                 R"({"type":"object","properties":{"a":{"type":"boolean"}}})"},
        EmitCase{"Union", AnyOf({Ref("A"), Str()}),
                 R"({"anyOf":[{"$ref":"#/$defs/A"},{"type":"string"}]})"},
        EmitCase{"AllOf", AllOf({Ref("A"), Ref("B")}),
                 R"({"allOf":[{"$ref":"#/$defs/A"},{"$ref":"#/$defs/B"}]})"}),
    [](const testing::TestParamInfo<EmitCase>& param) { return std::string(param.param.name); });

TEST(SchemaBuilder, RedeclaringAMemberReplacesItAndItsRequiredFlag) {
  Schema s = Obj().Req("a", Str()).Opt("b", Int());
  s.Opt("a", Int()).Req("b", Int());
  EXPECT_EQ(
      Json(s),
      R"({"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["b"],"x-mcpguard-closed":true})");
}

TEST(SchemaBuilder, DropForgetsMemberAndRequirement) {
  Schema s = Obj().Req("a", Str()).Req("b", Str());
  s.Drop("a");
  EXPECT_FALSE(s.Has("a"));
  EXPECT_TRUE(s.Has("b"));
  EXPECT_EQ(
      Json(s),
      R"({"type":"object","properties":{"b":{"type":"string"}},"required":["b"],"x-mcpguard-closed":true})");
}

TEST(SchemaBuilder, CopiesAreIndependent) {
  Schema base = Obj().Req("uri", Uri());
  Schema text = Schema(base).Req("text", Str());
  EXPECT_FALSE(base.Has("text"));
  EXPECT_TRUE(text.Has("uri"));
  ASSERT_NE(text.Member("text"), nullptr);
  EXPECT_EQ(Json(*text.Member("text")), R"({"type":"string"})");
}

TEST(SchemaBuilder, OpenAndClosedToggle) {
  EXPECT_TRUE(Obj().closed());
  EXPECT_FALSE(OpenObj().closed());
  EXPECT_FALSE(Obj().Open().closed());
  EXPECT_TRUE(OpenObj().Closed().closed());
}

TEST(SchemaDefs, DocumentHasDialectAndSortedDefs) {
  SchemaDefs defs;
  defs.Add("B", Str());
  defs.Add("A", Ref("B"));
  rapidjson::Document doc = defs.ToDocument();
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["$schema"].GetString(), "https://json-schema.org/draft/2020-12/schema");
  auto it = doc["$defs"].MemberBegin();
  EXPECT_STREQ(it->name.GetString(), "A");
  EXPECT_STREQ((++it)->name.GetString(), "B");
  EXPECT_EQ(defs.size(), 2u);
}

TEST(SchemaDefs, ReportsDanglingReferences) {
  SchemaDefs defs;
  defs.Add("A", Obj().Req("x", Ref("Missing")).Opt("y", ArrOf(Ref("B"))));
  defs.Add("B", AnyOf({Ref("A"), Ref("AlsoMissing")}));
  EXPECT_EQ(defs.DanglingRefs(), (std::vector<std::string>{"AlsoMissing", "Missing"}));
}

TEST(SchemaDefs, AddReplacesADefinition) {
  SchemaDefs defs;
  defs.Add("A", Str());
  defs.Add("A", Int());
  ASSERT_NE(defs.Find("A"), nullptr);
  EXPECT_EQ(Json(*defs.Find("A")), R"({"type":"integer"})");
  EXPECT_EQ(defs.Find("B"), nullptr);
}

}  // namespace
}  // namespace mcpguard::internal::schema_builder
