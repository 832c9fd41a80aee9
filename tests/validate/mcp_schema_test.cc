#include "validate/mcp_schema.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mcp_spec_files_testing.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {
namespace {

constexpr McpVersion k0326 = McpVersion::k2025_03_26;
constexpr McpVersion k0618 = McpVersion::k2025_06_18;
constexpr McpVersion k1125 = McpVersion::k2025_11_25;
constexpr McpVersion k0728 = McpVersion::k2026_07_28;

TEST(McpVersion, ParsesEveryNameAndRoundTrips) {
  ASSERT_EQ(AllMcpVersions().size(), 4u);
  for (McpVersion v : AllMcpVersions()) {
    EXPECT_EQ(ParseMcpVersion(McpVersionName(v)), v);
  }
  EXPECT_EQ(McpVersionName(kLatestMcpVersion), "2026-07-28");
  EXPECT_EQ(ParseMcpVersion("2024-11-05"), std::nullopt);
  EXPECT_EQ(ParseMcpVersion(" 2025-06-18"), std::nullopt);
  EXPECT_EQ(ParseMcpVersion(""), std::nullopt);
  EXPECT_LT(k0326, k0618);
  EXPECT_LT(k1125, k0728);
}

struct MethodCase {
  const char* method;
  bool in_0326, in_0618, in_1125, in_0728;
};

class FindMcpMethodTest : public testing::TestWithParam<MethodCase> {};

TEST_P(FindMcpMethodTest, PresentExactlyInItsVersions) {
  const MethodCase& c = GetParam();
  bool expected[] = {c.in_0326, c.in_0618, c.in_1125, c.in_0728};
  for (McpVersion v : AllMcpVersions()) {
    const McpMethodSpec* spec = FindMcpMethod(v, c.method);
    EXPECT_EQ(spec != nullptr, expected[static_cast<int>(v)])
        << c.method << " in " << McpVersionName(v);
    if (spec != nullptr) {
      EXPECT_EQ(spec->method, c.method);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, FindMcpMethodTest,
    testing::Values(MethodCase{"initialize", true, true, true, false},
                    MethodCase{"notifications/initialized", true, true, true, false},
                    MethodCase{"ping", true, true, true, false},
                    MethodCase{"server/discover", false, false, false, true},
                    MethodCase{"tools/call", true, true, true, true},
                    MethodCase{"tools/list", true, true, true, true},
                    MethodCase{"elicitation/create", false, true, true, false},
                    MethodCase{"notifications/elicitation/complete", false, false, true, false},
                    MethodCase{"sampling/createMessage", true, true, true, false},
                    MethodCase{"roots/list", true, true, true, false},
                    MethodCase{"logging/setLevel", true, true, true, false},
                    MethodCase{"resources/subscribe", true, true, true, false},
                    MethodCase{"subscriptions/listen", false, false, false, true},
                    MethodCase{"notifications/subscriptions/acknowledged", false, false, false,
                               true},
                    MethodCase{"tasks/get", false, false, true, false},
                    MethodCase{"tasks/result", false, false, true, false},
                    MethodCase{"tasks/cancel", false, false, true, false},
                    MethodCase{"tasks/list", false, false, true, false},
                    MethodCase{"notifications/tasks/status", false, false, true, false},
                    MethodCase{"notifications/cancelled", true, true, true, true},
                    MethodCase{"Tools/Call", false, false, false, false},
                    MethodCase{"", false, false, false, false}),
    [](const testing::TestParamInfo<MethodCase>& param) {
      std::string name = param.param.method;
      for (char& ch : name) {
        if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name.empty() ? std::string("empty") : name;
    });

TEST(FindMcpMethod, DescribesToolsCallPerVersion) {
  const McpMethodSpec* call = FindMcpMethod(k0618, "tools/call");
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->kind, MessageKind::kRequest);
  EXPECT_EQ(call->sender, McpSender::kClient);
  EXPECT_EQ(call->params_def, "/$defs/CallToolRequestParams");
  EXPECT_TRUE(call->params_required);
  EXPECT_EQ(call->result_def, "/$defs/CallToolResult");
  EXPECT_EQ(FindMcpMethod(k1125, "tools/call")->result_def, "/$defs/CallToolResultOrTask");
  EXPECT_EQ(FindMcpMethod(k0728, "tools/call")->result_def,
            "/$defs/CallToolResultResponse/properties/result");
}

TEST(FindMcpMethod, SendersFollowTheSpec) {
  EXPECT_EQ(FindMcpMethod(k0326, "ping")->sender, McpSender::kEither);
  EXPECT_EQ(FindMcpMethod(k0618, "elicitation/create")->sender, McpSender::kServer);
  EXPECT_EQ(FindMcpMethod(k0618, "notifications/progress")->sender, McpSender::kEither);
  EXPECT_EQ(FindMcpMethod(k0728, "notifications/progress")->sender, McpSender::kServer);
  EXPECT_EQ(FindMcpMethod(k1125, "tasks/get")->sender, McpSender::kEither);
  EXPECT_EQ(FindMcpMethod(k0326, "notifications/roots/list_changed")->sender, McpSender::kClient);
  const McpMethodSpec* ping = FindMcpMethod(k0326, "ping");
  EXPECT_EQ(ping->params_def, "");
  EXPECT_FALSE(ping->params_required);
  EXPECT_EQ(McpGenericParamsDef(MessageKind::kRequest), "/$defs/RequestParams");
  EXPECT_EQ(McpGenericParamsDef(MessageKind::kNotification), "/$defs/NotificationParams");
  // Stateless requests carry their _meta in params, so params are required.
  EXPECT_TRUE(FindMcpMethod(k0728, "tools/list")->params_required);
  EXPECT_FALSE(FindMcpMethod(k1125, "tools/list")->params_required);
}

TEST(McpErrorDef, SpecificShapesWhereDefined) {
  EXPECT_EQ(McpErrorDef(k0618, -32602), "/$defs/Error");
  EXPECT_EQ(McpErrorDef(k1125, -32042), "/$defs/URLElicitationRequiredError/properties/error");
  EXPECT_EQ(McpErrorDef(k0728, -32042), "/$defs/Error");
  EXPECT_EQ(McpErrorDef(k0728, -32602), "/$defs/InvalidParamsError");
  EXPECT_EQ(McpErrorDef(k0728, -32022), "/$defs/UnsupportedProtocolVersionError/properties/error");
}

class McpSchemaVersionTest : public testing::TestWithParam<McpVersion> {};

TEST_P(McpSchemaVersionTest, DocumentIsCachedAndCompiles) {
  McpVersion v = GetParam();
  const rapidjson::Document& doc = McpSchemaDocument(v);
  EXPECT_EQ(&doc, &McpSchemaDocument(v));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["$schema"].GetString(), "https://json-schema.org/draft/2020-12/schema");
  auto compiled = CompiledSchema::Compile(doc);
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  EXPECT_EQ(&McpCompiledSchema(v), &McpCompiledSchema(v));
  std::cout << "[ defs ] " << McpVersionName(v) << ": " << doc["$defs"].MemberCount()
            << " definitions, " << McpMethods(v).size() << " methods\n";
}

TEST_P(McpSchemaVersionTest, EveryMethodDefinitionExists) {
  McpVersion v = GetParam();
  const CompiledSchema& schema = McpCompiledSchema(v);
  std::set<absl::string_view> names;
  for (const McpMethodSpec& m : McpMethods(v)) {
    EXPECT_TRUE(names.insert(m.method).second) << "duplicate " << m.method;
    EXPECT_EQ(FindMcpMethod(v, m.method), &m);
    for (absl::string_view def : {m.params_def, m.result_def, m.message_def}) {
      if (def.empty()) continue;
      EXPECT_TRUE(schema.Find(def).has_value()) << m.method << ": " << def;
    }
    EXPECT_FALSE(m.message_def.empty()) << m.method;
    EXPECT_EQ(m.kind == MessageKind::kRequest, !m.result_def.empty()) << m.method;
    if (m.params_def.empty()) {
      EXPECT_FALSE(m.params_required) << m.method;
    }
  }
  EXPECT_TRUE(schema.Find(McpGenericParamsDef(MessageKind::kRequest)).has_value());
  EXPECT_TRUE(schema.Find(McpGenericParamsDef(MessageKind::kNotification)).has_value());
  for (int64_t code : {-32700, -32600, -32601, -32602, -32603, -32020, -32021, -32022, -32042}) {
    EXPECT_TRUE(schema.Find(McpErrorDef(v, code)).has_value()) << code;
  }
}

// The method table and the spec's per-side unions agree: every method's
// message type is in the union of the side(s) that send it.
TEST_P(McpSchemaVersionTest, MethodTableMatchesMessageUnions) {
  McpVersion v = GetParam();
  const rapidjson::Value& defs = McpSchemaDocument(v)["$defs"];
  auto members = [&](const char* union_name) {
    std::set<std::string> refs;
    if (!defs.HasMember(union_name)) return refs;
    const rapidjson::Value& u = defs[union_name];
    if (u.HasMember("$ref")) refs.insert(testing_spec::RefName(u["$ref"].GetString()));
    if (u.HasMember("anyOf")) {
      for (const auto& b : u["anyOf"].GetArray()) {
        refs.insert(testing_spec::RefName(b["$ref"].GetString()));
      }
    }
    return refs;
  };
  for (const McpMethodSpec& m : McpMethods(v)) {
    std::string type(m.message_def.substr(std::string("/$defs/").size()));
    bool request = m.kind == MessageKind::kRequest;
    bool from_client = m.sender != McpSender::kServer;
    bool from_server = m.sender != McpSender::kClient;
    EXPECT_EQ(members(request ? "ClientRequest" : "ClientNotification").count(type) > 0,
              from_client)
        << m.method;
    EXPECT_EQ(members(request ? "ServerRequest" : "ServerNotification").count(type) > 0,
              from_server)
        << m.method;
  }
}

// Open and closed objects where it matters most.
TEST_P(McpSchemaVersionTest, ClosedInterfacesOpenIndexSignatures) {
  McpVersion v = GetParam();
  const CompiledSchema& schema = McpCompiledSchema(v);
  struct Case {
    const char* def;
    const char* json;
    size_t unknown;
  };
  for (
      const Case& c : {
          Case{"/$defs/TextContent", R"({"type":"text","text":"x","extra":1})", 1},
          Case{"/$defs/Implementation", R"({"name":"a","version":"1","x":1,"y":2})", 2},
          Case{"/$defs/Result", R"({"resultType":"complete","anything":1})", 0},
          Case{"/$defs/ClientCapabilities", R"({"experimental":{"x":{"y":1}}})", 0},
          Case{
              "/$defs/Tool",
              R"({"name":"t","inputSchema":{"type":"object","additionalProperties":false,"$defs":{}}})",
              0},
      }) {
    rapidjson::Document doc;
    doc.Parse(c.json);
    std::optional<CompiledSchema::Node> node = schema.Find(c.def);
    ASSERT_TRUE(node.has_value()) << c.def;
    SchemaIssue issue;
    std::vector<SchemaIssue> unknown;
    EXPECT_TRUE(schema.Validate(*node, doc, &issue, &unknown)) << c.def << ": " << issue.message;
    EXPECT_EQ(unknown.size(), c.unknown) << c.def << " in " << McpVersionName(v);
  }
}

TEST_P(McpSchemaVersionTest, IdsAreStringsOrIntegers) {
  const CompiledSchema& schema = McpCompiledSchema(GetParam());
  std::optional<CompiledSchema::Node> id = schema.Find("/$defs/RequestId");
  ASSERT_TRUE(id.has_value());
  for (const char* ok : {R"("a")", "7", "-3"}) {
    rapidjson::Document doc;
    doc.Parse(ok);
    EXPECT_TRUE(schema.Validate(*id, doc)) << ok;
  }
  for (const char* bad : {"1.5", "true", "{}", "null", "[]"}) {
    rapidjson::Document doc;
    doc.Parse(bad);
    EXPECT_FALSE(schema.Validate(*id, doc)) << bad;
  }
}

INSTANTIATE_TEST_SUITE_P(AllVersions, McpSchemaVersionTest,
                         testing::ValuesIn(AllMcpVersions().begin(), AllMcpVersions().end()),
                         testing_spec::VersionTestName);

}  // namespace
}  // namespace mcpguard::internal
