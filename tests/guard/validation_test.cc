// Session::Check with validation on (the default): MCP messages against the
// negotiated protocol version, tool arguments and structured results against
// the schemas the server listed.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"
#include "mcpguard/session.h"
#include "rapidjson/document.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;

constexpr Direction kToServer = Direction::kToServer;
constexpr Direction kToClient = Direction::kToClient;

// Rules allow everything, so every deny below comes from validation.
constexpr absl::string_view kAllowAll = R"pb(
  name: "validation-test"
  rules { id: "any-method" effect: ALLOW target { methods: "*" } }
)pb";

constexpr absl::string_view kReadFileTool = R"({
  "name": "read_file",
  "description": "Reads a file.",
  "inputSchema": {
    "type": "object",
    "properties": {
      "path": {"type": "string", "minLength": 1},
      "max_bytes": {"type": "integer", "minimum": 1, "maximum": 1048576}
    },
    "required": ["path"],
    "additionalProperties": false
  },
  "outputSchema": {
    "type": "object",
    "properties": {"size": {"type": "integer"}},
    "required": ["size"]
  }
})";

class ValidationTest : public testing::Test {
 protected:
  void SetUp() override { Reset(""); }

  // The allow-all policy plus `extra` textproto (e.g. a validation block).
  void Reset(absl::string_view extra) {
    auto policy = CompilePolicy(absl::StrCat(kAllowAll, extra), {PolicyFormat::kTextproto, "t"});
    ASSERT_TRUE(policy.ok()) << policy.status();
    auto engine = Engine::Create(*policy);
    ASSERT_TRUE(engine.ok());
    engine_ = *std::move(engine);
    session_ = engine_->NewSession({{}, "fs", "v1"});
  }

  Verdict Send(const std::string& message, Direction direction) {
    return session_->Check(message, direction);
  }

  // initialize and its answer under `version`, then notifications/initialized.
  void Initialize(absl::string_view version) {
    Verdict request = Send(absl::StrCat(
        R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":")",
        version, R"(","capabilities":{},"clientInfo":{"name":"test-client","version":"1.0"}}})"),
        kToServer);
    ASSERT_TRUE(request.allowed()) << request.reason();
    Verdict response = Send(absl::StrCat(
        R"({"jsonrpc":"2.0","id":0,"result":{"protocolVersion":")", version,
        R"(","capabilities":{"tools":{}},"serverInfo":{"name":"test-server","version":"1.0"}}})"),
        kToClient);
    ASSERT_TRUE(response.allowed()) << response.reason();
    Verdict initialized =
        Send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", kToServer);
    ASSERT_TRUE(initialized.allowed()) << initialized.reason();
  }

  // tools/list and a result listing `tools_json` (a JSON array's contents).
  Verdict ListTools(absl::string_view tools_json) {
    Verdict request = Send(R"({"jsonrpc":"2.0","id":"list","method":"tools/list"})", kToServer);
    EXPECT_TRUE(request.allowed()) << request.reason();
    return Send(absl::StrCat(R"({"jsonrpc":"2.0","id":"list","result":{"tools":[)", tools_json,
                             "]}}"),
                kToClient);
  }

  static std::string Call(absl::string_view id, absl::string_view arguments_json) {
    return absl::StrCat(R"({"jsonrpc":"2.0","id":")", id,
                        R"(","method":"tools/call","params":{"name":"read_file","arguments":)",
                        arguments_json, "}}");
  }

  // The verdict's error response, parsed.
  static rapidjson::Document ErrorOf(const Verdict& v) {
    rapidjson::Document doc;
    doc.Parse(v.error_response().data(), v.error_response().size());
    EXPECT_FALSE(doc.HasParseError()) << v.error_response();
    return doc;
  }

  static std::string DataString(const rapidjson::Document& error, const char* member) {
    const rapidjson::Value& data = error["error"]["data"];
    auto it = data.FindMember(member);
    return it == data.MemberEnd() || !it->value.IsString() ? std::string()
                                                           : it->value.GetString();
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
};

TEST_F(ValidationTest, ArgumentsAreCheckedAgainstTheListedInputSchema) {
  Initialize("2025-06-18");
  ASSERT_TRUE(ListTools(kReadFileTool).allowed());

  Verdict good = Send(Call("c1", R"({"path":"/srv/a","max_bytes":10})"), kToServer);
  EXPECT_TRUE(good.allowed()) << good.reason();

  Verdict bad = Send(Call("c2", R"({"path":"/srv/a","max_bytes":"ten"})"), kToServer);
  ASSERT_FALSE(bad.allowed());
  EXPECT_EQ(bad.error_code(), kInvalidParams);
  rapidjson::Document error = ErrorOf(bad);
  EXPECT_STREQ(error["id"].GetString(), "c2");
  EXPECT_EQ(DataString(error, "pointer"), "/params/arguments/max_bytes");
  EXPECT_EQ(DataString(error, "schema"), "inputSchema");
  EXPECT_EQ(DataString(error, "schemaPointer"), "/properties/max_bytes/type");
  EXPECT_THAT(bad.reason(), HasSubstr("read_file"));

  Verdict extra = Send(Call("c3", R"({"path":"/srv/a","mode":"rw"})"), kToServer);
  ASSERT_FALSE(extra.allowed());
  EXPECT_EQ(DataString(ErrorOf(extra), "schemaPointer"), "/additionalProperties");

  // Absent arguments are checked as {}: "path" is required.
  Verdict none = Send(
      R"({"jsonrpc":"2.0","id":"c4","method":"tools/call","params":{"name":"read_file"}})",
      kToServer);
  ASSERT_FALSE(none.allowed());
  EXPECT_EQ(DataString(ErrorOf(none), "schemaPointer"), "/required");
}

TEST_F(ValidationTest, UnlistedToolsAreDeniedUnlessThePolicyAllowsThem) {
  Initialize("2025-06-18");
  Verdict unlisted = Send(Call("c1", R"({"path":"/srv/a"})"), kToServer);
  ASSERT_FALSE(unlisted.allowed());
  EXPECT_EQ(unlisted.error_code(), kInvalidParams);
  EXPECT_THAT(unlisted.reason(), HasSubstr("has not been listed"));
  EXPECT_EQ(DataString(ErrorOf(unlisted), "pointer"), "/params/name");

  Reset("validation { unlisted_tools: ALLOW_UNLISTED }");
  Initialize("2025-06-18");
  Verdict allowed = Send(Call("c1", R"({"path":"/srv/a"})"), kToServer);
  EXPECT_TRUE(allowed.allowed()) << allowed.reason();
  EXPECT_THAT(allowed.notes(), testing::Contains(HasSubstr("were not checked")));
}

// Found by an adversarial review of the C API: a reason quoted a tool
// name's newline, escape and NUL as they were, so "one line for logs" could
// forge log lines and C callers reading it with strlen lost its end.
TEST_F(ValidationTest, AReasonQuotingAMessageStaysOneLine) {
  Initialize("2025-06-18");
  Verdict unlisted = Send(
      R"({"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"a\nb\u001b[31m\u0000c\u007f","arguments":{}}})",
      kToServer);
  ASSERT_FALSE(unlisted.allowed());
  EXPECT_THAT(unlisted.reason(), HasSubstr(R"("a\x0ab\x1b[31m\x00c\x7f")"));
  for (const char c : unlisted.reason()) {
    EXPECT_TRUE(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) << unlisted.reason();
  }
  // The error response keeps the name JSON-escaped, as it was sent.
  EXPECT_THAT(DataString(ErrorOf(unlisted), "reason"), HasSubstr("a\nb\x1b[31m"));
}

TEST_F(ValidationTest, ToolWithAnUnusableSchemaIsNotedAndItsCallsDenied) {
  Initialize("2025-11-25");
  Verdict listed = ListTools(
      R"({"name":"read_file","inputSchema":{"type":"object","properties":{"p":{"pattern":"(?<=a)b"}}}})");
  ASSERT_TRUE(listed.allowed()) << listed.reason();
  EXPECT_THAT(listed.notes(), testing::Contains(HasSubstr("cannot use")));
  Verdict call = Send(Call("c1", R"({"p":"b"})"), kToServer);
  ASSERT_FALSE(call.allowed());
  EXPECT_THAT(call.reason(), HasSubstr("inputSchema for tool \"read_file\" cannot be used"));
}

TEST_F(ValidationTest, StructuredResultsAreCheckedAgainstTheOutputSchema) {
  Initialize("2025-06-18");
  ASSERT_TRUE(ListTools(kReadFileTool).allowed());
  ASSERT_TRUE(Send(Call("c1", R"({"path":"/a"})"), kToServer).allowed());
  Verdict good = Send(
      R"({"jsonrpc":"2.0","id":"c1","result":{"content":[{"type":"text","text":"7"}],"structuredContent":{"size":7}}})",
      kToClient);
  EXPECT_TRUE(good.allowed()) << good.reason();

  ASSERT_TRUE(Send(Call("c2", R"({"path":"/a"})"), kToServer).allowed());
  Verdict bad = Send(
      R"({"jsonrpc":"2.0","id":"c2","result":{"content":[{"type":"text","text":"7"}],"structuredContent":{"size":"seven"}}})",
      kToClient);
  ASSERT_FALSE(bad.allowed());
  EXPECT_EQ(bad.error_code(), kInternalError);
  rapidjson::Document error = ErrorOf(bad);
  EXPECT_STREQ(error["id"].GetString(), "c2");  // The client gets an error instead.
  EXPECT_EQ(DataString(error, "pointer"), "/result/structuredContent/size");
  EXPECT_EQ(DataString(error, "schema"), "outputSchema");
}

// A hostile server writes both the output schema and the structuredContent
// checked against it: a pattern RE2 would fall back to its NFA for (5 s over
// 1 MB) is refused before searching, with the bound in the reason; the
// policy's validation.max_pattern_work moves the bound.
TEST_F(ValidationTest, PatternMatchingPastThePolicysWorkBoundFailsClosed) {
  constexpr absl::string_view kPatternTool = R"({
    "name": "read_file",
    "inputSchema": {"type": "object"},
    "outputSchema": {"type": "object", "properties": {"s": {"pattern": "a[ab]{1000}c"}}}
  })";
  const struct {
    absl::string_view extra;  // Policy textproto.
    size_t bytes;             // Of the string checked against the pattern.
    absl::string_view reason;
  } cases[] = {
      {"", 40000, "matching patterns would take more than max_pattern_work 33554432 "},
      {"", 100, "does not match the pattern"},  // Searched: there is no 'c'.
      {"validation { max_pattern_work: 1000 }", 100, "max_pattern_work 1000 "},
  };
  for (const auto& c : cases) {
    Reset(c.extra);
    Initialize("2025-06-18");
    ASSERT_TRUE(ListTools(kPatternTool).allowed());
    ASSERT_TRUE(Send(Call("c1", "{}"), kToServer).allowed());
    std::string text(c.bytes, 'a');
    for (size_t i = 1; i < text.size(); i += 2) text[i] = 'b';
    Verdict verdict = Send(absl::StrCat(R"({"jsonrpc":"2.0","id":"c1","result":{"content":[],)",
                                        R"("structuredContent":{"s":")", text, R"("}}})"),
                           kToClient);
    ASSERT_FALSE(verdict.allowed()) << c.extra << " " << c.bytes;
    EXPECT_EQ(verdict.error_code(), kInternalError);
    rapidjson::Document error = ErrorOf(verdict);
    EXPECT_EQ(DataString(error, "pointer"), "/result/structuredContent/s");
    EXPECT_EQ(DataString(error, "schemaPointer"), "/properties/s/pattern");
    EXPECT_THAT(verdict.reason(), HasSubstr(c.reason)) << c.extra << " " << c.bytes;
  }
}

TEST_F(ValidationTest, UnknownMethodsGetMethodNotFoundUnlessAllowed) {
  Initialize("2025-06-18");
  Verdict v = Send(R"({"jsonrpc":"2.0","id":5,"method":"tools/destroy","params":{}})", kToServer);
  ASSERT_FALSE(v.allowed());
  EXPECT_EQ(v.error_code(), kMethodNotFound);
  EXPECT_EQ(DataString(ErrorOf(v), "pointer"), "/method");

  Reset("validation { allow_unknown_methods: true }");
  Initialize("2025-06-18");
  Verdict allowed =
      Send(R"({"jsonrpc":"2.0","id":5,"method":"tools/destroy","params":{}})", kToServer);
  EXPECT_TRUE(allowed.allowed()) << allowed.reason();
}

TEST_F(ValidationTest, MethodsFromTheWrongSideAreRefused) {
  Initialize("2025-06-18");
  // sampling/createMessage is the server's request to the client.
  Verdict v = Send(
      R"({"jsonrpc":"2.0","id":6,"method":"sampling/createMessage","params":{"messages":[],"maxTokens":5}})",
      kToServer);
  ASSERT_FALSE(v.allowed());
  EXPECT_EQ(v.error_code(), kMethodNotFound);
  EXPECT_THAT(v.reason(), HasSubstr("sent by the server"));
}

TEST_F(ValidationTest, InvalidParamsNameTheMemberAndTheDefinition) {
  Initialize("2025-06-18");
  Verdict v = Send(R"({"jsonrpc":"2.0","id":7,"method":"resources/read","params":{"uri":42}})",
                   kToServer);
  ASSERT_FALSE(v.allowed());
  EXPECT_EQ(v.error_code(), kInvalidParams);
  rapidjson::Document error = ErrorOf(v);
  EXPECT_EQ(DataString(error, "pointer"), "/params/uri");
  EXPECT_EQ(DataString(error, "schema"), "mcp-2025-06-18");
  EXPECT_FALSE(DataString(error, "schemaPointer").empty());
}

TEST_F(ValidationTest, TheNegotiatedVersionDecidesWhatIsValid) {
  // "title" on a tool arrived in 2025-06-18; elicitation/create too.
  Initialize("2025-03-26");
  Verdict elicit = Send(
      R"({"jsonrpc":"2.0","id":"e","method":"elicitation/create","params":{"message":"name?","requestedSchema":{"type":"object","properties":{}}}})",
      kToClient);
  ASSERT_FALSE(elicit.allowed());
  EXPECT_EQ(elicit.error_code(), kMethodNotFound);

  Reset("");
  Initialize("2025-06-18");
  Verdict ok = Send(
      R"({"jsonrpc":"2.0","id":"e","method":"elicitation/create","params":{"message":"name?","requestedSchema":{"type":"object","properties":{}}}})",
      kToClient);
  EXPECT_TRUE(ok.allowed()) << ok.reason();
}

TEST_F(ValidationTest, InvalidResultsFromTheServerAreReplacedByAnError) {
  Initialize("2025-06-18");
  ASSERT_TRUE(Send(R"({"jsonrpc":"2.0","id":9,"method":"prompts/list"})", kToServer).allowed());
  Verdict v = Send(R"({"jsonrpc":"2.0","id":9,"result":{"prompts":[{"title":"no name"}]}})",
                   kToClient);
  ASSERT_FALSE(v.allowed());
  EXPECT_EQ(v.error_code(), kInternalError);
  rapidjson::Document error = ErrorOf(v);
  EXPECT_EQ(error["id"].GetInt(), 9);
  EXPECT_THAT(DataString(error, "pointer"), testing::StartsWith("/result/prompts/0"));
}

TEST_F(ValidationTest, UnknownMembersAreNotedRejectedOrIgnoredAsThePolicySays) {
  const std::string ping_with_extra =
      R"({"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"file:///a","color":"red"}})";
  Initialize("2025-06-18");
  Verdict noted = Send(ping_with_extra, kToServer);
  EXPECT_TRUE(noted.allowed()) << noted.reason();
  EXPECT_THAT(noted.notes(), testing::Contains(HasSubstr("/params/color")));

  Reset("validation { unknown_members: REJECT }");
  Initialize("2025-06-18");
  Verdict rejected = Send(ping_with_extra, kToServer);
  ASSERT_FALSE(rejected.allowed());
  EXPECT_EQ(rejected.error_code(), kInvalidParams);
  EXPECT_EQ(DataString(ErrorOf(rejected), "pointer"), "/params/color");

  Reset("validation { unknown_members: IGNORE }");
  Initialize("2025-06-18");
  Verdict ignored = Send(ping_with_extra, kToServer);
  EXPECT_TRUE(ignored.allowed());
  EXPECT_TRUE(ignored.notes().empty());
}

// A member that is a declared one but for case (Unicode case folding: "ſ"
// is "s") is refused whatever unknown_members says: Go's encoding/json reads
// it for the declared member, the last one winning (found by an adversarial
// review: "Name": "delete_file" beside "name": "read_file" called
// delete_file through Go SDK servers).
TEST_F(ValidationTest, AMemberThatIsADeclaredOneButForCaseIsRefused) {
  for (const char* unknown_members : {"IGNORE", "REPORT"}) {
    Reset(absl::StrCat("validation { unknown_members: ", unknown_members, " }"));
    Initialize("2025-06-18");
    int id = 10;
    for (const char* member : {"URI", "Uri", "ur\u0049", "\u0055ri"}) {
      SCOPED_TRACE(member);
      Verdict v = Send(absl::StrCat(R"({"jsonrpc":"2.0","id":)", ++id,
                                    R"(,"method":"resources/read","params":{"uri":"file:///a",")",
                                    member, R"(":"file:///etc/shadow"}})"),
                       kToServer);
      ASSERT_FALSE(v.allowed());
      EXPECT_EQ(v.error_code(), kInvalidParams);
      EXPECT_THAT(v.reason(), HasSubstr("\" is \"uri\" but for case")) << v.reason();
    }
    Verdict folded = Send(
        R"({"jsonrpc":"2.0","id":6,"method":"prompts/get","params":{"name":"p",)"
        R"("argument\u017f":{"x":"y"}}})",
        kToServer);
    ASSERT_FALSE(folded.allowed());
    EXPECT_EQ(DataString(ErrorOf(folded), "pointer"), "/params/argument\u017f")
        << folded.reason();
  }
}

TEST_F(ValidationTest, StatelessRequestsDeclareTheirVersionInMeta) {
  // 2026-07-28 has no initialize: each request says its version in _meta.
  const std::string meta =
      R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",)"
      R"("io.modelcontextprotocol/clientInfo":{"name":"c","version":"1"},)"
      R"("io.modelcontextprotocol/clientCapabilities":{}})";
  Verdict discover = Send(
      absl::StrCat(R"({"jsonrpc":"2.0","id":"d","method":"server/discover","params":{)", meta,
                   "}}"),
      kToServer);
  EXPECT_TRUE(discover.allowed()) << discover.reason();

  Verdict unknown_version = Send(
      R"({"jsonrpc":"2.0","id":"x","method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2099-01-01"}}})",
      kToServer);
  ASSERT_FALSE(unknown_version.allowed());
  EXPECT_EQ(unknown_version.error_code(), kInvalidParams);
  EXPECT_THAT(unknown_version.reason(), HasSubstr("2099-01-01"));
}

TEST_F(ValidationTest, AServerChoosingAnUnknownVersionFailsClosed) {
  ASSERT_TRUE(Send(
      R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}})",
      kToServer).allowed());
  Verdict v = Send(
      R"({"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"1999-01-01","capabilities":{},"serverInfo":{"name":"s","version":"1"}}})",
      kToClient);
  ASSERT_FALSE(v.allowed());
  EXPECT_EQ(v.error_code(), kInternalError);
}

TEST_F(ValidationTest, ValidationOffLeavesOnlyTheEnvelope) {
  Reset("validation { mcp_messages: OFF tool_schemas: OFF }");
  Verdict v = Send(R"({"jsonrpc":"2.0","id":5,"method":"custom/thing","params":{"x":1}})",
                   kToServer);
  EXPECT_TRUE(v.allowed()) << v.reason();
  Verdict call = Send(Call("c1", R"({"anything":true})"), kToServer);
  EXPECT_TRUE(call.allowed()) << call.reason();
}

// Hostile bytes get a precise error and never reach validation or the rules.
struct BadInput {
  const char* name;
  std::string message;
  int code;
};

class ValidationBadInputTest : public ValidationTest,
                               public testing::WithParamInterface<BadInput> {};

TEST_P(ValidationBadInputTest, IsRejectedWithItsCode) {
  Initialize("2025-11-25");
  const BadInput& c = GetParam();
  Verdict v = Send(c.message, kToServer);
  ASSERT_FALSE(v.allowed()) << c.message;
  EXPECT_EQ(v.error_code(), c.code) << v.reason();
  EXPECT_FALSE(v.reason().empty());
}

std::string Nested(int depth) {
  std::string open, close;
  for (int i = 0; i < depth; ++i) {
    open += "[";
    close += "]";
  }
  return absl::StrCat(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"t","arguments":{"x":)",
                      open, close, "}}}");
}

INSTANTIATE_TEST_SUITE_P(
    All, ValidationBadInputTest,
    testing::Values(
        BadInput{"ByteOrderMark", "\xEF\xBB\xBF{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                 kParseError},
        BadInput{"NaN", R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":NaN}})", kParseError},
        BadInput{"Infinity", R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":-Infinity}})",
                 kParseError},
        BadInput{"HugeNumber", R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":1e400}})",
                 kParseError},
        BadInput{"TrailingGarbage", R"({"jsonrpc":"2.0","id":1,"method":"ping"} {})", kParseError},
        BadInput{"DuplicateKey", R"({"jsonrpc":"2.0","id":1,"method":"ping","method":"tools/call"})",
                 kParseError},
        BadInput{"LoneSurrogate", R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"\udc00"}})",
                 kParseError},
        BadInput{"TooDeep", Nested(200), kParseError},
        BadInput{"IdOfWrongType", R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})", kInvalidRequest},
        BadInput{"ParamsNotAnObject", R"({"jsonrpc":"2.0","id":1,"method":"ping","params":7})",
                 kInvalidRequest}),
    [](const testing::TestParamInfo<BadInput>& param_info) {
      return std::string(param_info.param.name);
    });

TEST_F(ValidationTest, RecursiveAndInvalidToolSchemasFailPrecisely) {
  Initialize("2025-11-25");
  // A schema that recurses without consuming the instance, one that recurses
  // through the instance (fine), and one that is not a schema.
  Verdict listed = ListTools(
      R"({"name":"loop","inputSchema":{"type":"object","$ref":"#"}},)"
      R"({"name":"tree","inputSchema":{"type":"object","properties":{"child":{"$ref":"#"}}}},)"
      R"({"name":"broken","inputSchema":{"type":"object","properties":{"a":{"minimum":"zero"}}}})");
  ASSERT_TRUE(listed.allowed()) << listed.reason();
  EXPECT_THAT(listed.notes(), testing::Contains(HasSubstr("\"broken\"")));

  auto call = [&](absl::string_view id, absl::string_view tool, absl::string_view arguments) {
    return Send(absl::StrCat(R"({"jsonrpc":"2.0","id":")", id,
                             R"(","method":"tools/call","params":{"name":")", tool,
                             R"(","arguments":)", arguments, "}}"),
                kToServer);
  };
  Verdict loop = call("l", "loop", "{}");
  ASSERT_FALSE(loop.allowed());
  EXPECT_EQ(loop.error_code(), kInvalidParams);
  EXPECT_THAT(loop.reason(), HasSubstr("depth"));

  EXPECT_TRUE(call("t1", "tree", R"({"child":{"child":{}}})").allowed());
  Verdict bad_tree = call("t2", "tree", R"({"child":{"child":7}})");
  ASSERT_FALSE(bad_tree.allowed());
  EXPECT_EQ(DataString(ErrorOf(bad_tree), "pointer"), "/params/arguments/child/child");

  Verdict broken = call("b", "broken", R"({"a":1})");
  ASSERT_FALSE(broken.allowed());
  EXPECT_THAT(broken.reason(), HasSubstr("/properties/a/minimum"));
}

}  // namespace
}  // namespace mcpguard
