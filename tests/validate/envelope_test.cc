#include "validate/envelope.h"

#include <string>

#include "gtest/gtest.h"
#include "mcpguard/verdict.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

struct ValidCase {
  const char* name;
  const char* json;
  MessageKind kind;
  const char* method;
  bool has_id;
};

class EnvelopeValidTest : public testing::TestWithParam<ValidCase> {};

TEST_P(EnvelopeValidTest, Classifies) {
  const ValidCase& c = GetParam();
  rapidjson::Document doc;
  doc.Parse(c.json);
  ASSERT_FALSE(doc.HasParseError()) << c.json;
  Envelope env;
  EnvelopeError error;
  ASSERT_TRUE(ParseEnvelope(doc, &env, &error)) << error.message << " at " << error.pointer;
  EXPECT_EQ(env.kind, c.kind);
  EXPECT_EQ(env.method, c.method);
  EXPECT_EQ(env.id != nullptr, c.has_id);
}

INSTANTIATE_TEST_SUITE_P(
    All, EnvelopeValidTest,
    testing::Values(
        ValidCase{"RequestIntId", R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                  MessageKind::kRequest, "ping", true},
        ValidCase{"RequestStringId", R"({"jsonrpc":"2.0","id":"a-1","method":"tools/list","params":{}})",
                  MessageKind::kRequest, "tools/list", true},
        ValidCase{"RequestNegativeId", R"({"jsonrpc":"2.0","id":-5,"method":"ping"})",
                  MessageKind::kRequest, "ping", true},
        ValidCase{"RequestIntegralDoubleId", R"({"jsonrpc":"2.0","id":2.0,"method":"ping"})",
                  MessageKind::kRequest, "ping", true},
        // JavaScript's largest safe integers, both signs and spellings.
        ValidCase{"RequestLargestSafeId",
                  R"({"jsonrpc":"2.0","id":9007199254740991,"method":"ping"})",
                  MessageKind::kRequest, "ping", true},
        ValidCase{"RequestSmallestSafeId",
                  R"({"jsonrpc":"2.0","id":-9007199254740991.0,"method":"ping"})",
                  MessageKind::kRequest, "ping", true},
        ValidCase{"RequestArrayParams", R"({"jsonrpc":"2.0","id":1,"method":"m","params":[1,2]})",
                  MessageKind::kRequest, "m", true},
        ValidCase{"Notification", R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
                  MessageKind::kNotification, "notifications/initialized", false},
        ValidCase{"Result", R"({"jsonrpc":"2.0","id":1,"result":{}})", MessageKind::kResponse, "", true},
        ValidCase{"ResultNull", R"({"jsonrpc":"2.0","id":1,"result":null})", MessageKind::kResponse, "", true},
        ValidCase{"Error", R"({"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"no"}})",
                  MessageKind::kResponse, "", true},
        ValidCase{"ErrorNullId", R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad","data":1}})",
                  MessageKind::kResponse, "", true},
        ValidCase{"MemberOrderFree", R"({"method":"ping","id":3,"jsonrpc":"2.0"})",
                  MessageKind::kRequest, "ping", true}),
    [](const testing::TestParamInfo<ValidCase>& param_info) { return std::string(param_info.param.name); });

struct InvalidCase {
  const char* name;
  const char* json;
  const char* pointer;
  const char* message;
  bool id_recovered;
};

class EnvelopeInvalidTest : public testing::TestWithParam<InvalidCase> {};

TEST_P(EnvelopeInvalidTest, RejectsWithPointer) {
  const InvalidCase& c = GetParam();
  rapidjson::Document doc;
  doc.Parse(c.json);
  ASSERT_FALSE(doc.HasParseError()) << c.json;
  Envelope env;
  EnvelopeError error;
  ASSERT_FALSE(ParseEnvelope(doc, &env, &error)) << c.json;
  EXPECT_EQ(error.code, kInvalidRequest);
  EXPECT_EQ(error.pointer, c.pointer);
  EXPECT_EQ(error.message, c.message);
  EXPECT_EQ(env.id != nullptr, c.id_recovered);
}

// Found by an adversarial review: 300 requests with 1 MB string ids held
// 620 MB in the in-flight table. Ids and methods are kept while in flight,
// so long ones are refused (the id is still recovered for the answer).
TEST(EnvelopeLimits, LongIdsAndMethodsAreRefused) {
  const struct {
    std::string json;
    const char* pointer;
    const char* message;
    bool id_recovered;
  } cases[] = {
      {R"({"jsonrpc":"2.0","id":")" + std::string(257, 'x') + R"(","method":"ping"})", "/id",
       "an id longer than 256 bytes", true},
      {R"({"jsonrpc":"2.0","id":")" + std::string(257, 'x') + R"(","result":{}})", "/id",
       "an id longer than 256 bytes", true},
      {R"({"jsonrpc":"2.0","id":1,"method":")" + std::string(257, 'm') + R"("})", "/method",
       "\"method\" is longer than 256 bytes", true},
  };
  for (const auto& c : cases) {
    rapidjson::Document doc;
    doc.Parse(c.json.c_str());
    ASSERT_FALSE(doc.HasParseError());
    Envelope env;
    EnvelopeError error;
    EXPECT_FALSE(ParseEnvelope(doc, &env, &error)) << c.message;
    EXPECT_EQ(error.pointer, c.pointer);
    EXPECT_EQ(error.message, c.message);
    EXPECT_EQ(env.id != nullptr, c.id_recovered);
  }
  // At the limit: accepted.
  for (const std::string& json :
       {R"({"jsonrpc":"2.0","id":")" + std::string(256, 'x') + R"(","method":"ping"})",
        R"({"jsonrpc":"2.0","id":1,"method":")" + std::string(256, 'm') + R"("})"}) {
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    Envelope env;
    EnvelopeError error;
    EXPECT_TRUE(ParseEnvelope(doc, &env, &error)) << error.message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, EnvelopeInvalidTest,
    testing::Values(
        InvalidCase{"Batch", R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])", "",
                    "batches are not supported: send one JSON-RPC message at a time", false},
        InvalidCase{"Scalar", "42", "", "a JSON-RPC message must be a JSON object", false},
        InvalidCase{"NoVersion", R"({"id":1,"method":"ping"})", "/jsonrpc",
                    "missing \"jsonrpc\": \"2.0\"", true},
        InvalidCase{"WrongVersion", R"({"jsonrpc":"1.0","id":1,"method":"ping"})", "/jsonrpc",
                    "\"jsonrpc\" must be \"2.0\"", true},
        InvalidCase{"VersionNumber", R"({"jsonrpc":2.0,"id":1,"method":"ping"})", "/jsonrpc",
                    "\"jsonrpc\" must be \"2.0\"", true},
        InvalidCase{"UnknownMember", R"({"jsonrpc":"2.0","id":1,"method":"ping","extra":1})", "",
                    "unexpected member \"extra\" in a JSON-RPC message", false},
        // Names one byte off, of every length JSON-RPC uses.
        InvalidCase{"UnknownMemberLikeId", R"({"jsonrpc":"2.0","Id":1,"method":"ping"})", "",
                    "unexpected member \"Id\" in a JSON-RPC message", false},
        InvalidCase{"UnknownMemberLikeError", R"({"jsonrpc":"2.0","id":1,"errors":{}})", "",
                    "unexpected member \"errors\" in a JSON-RPC message", false},
        InvalidCase{"UnknownMemberLikeParams",
                    R"({"jsonrpc":"2.0","id":1,"method":"ping","paramz":{}})", "",
                    "unexpected member \"paramz\" in a JSON-RPC message", false},
        InvalidCase{"UnknownMemberLikeJsonrpc", R"({"jsonrpx":"2.0","id":1,"method":"ping"})",
                    "", "unexpected member \"jsonrpx\" in a JSON-RPC message", false},
        InvalidCase{"UnknownMemberEmptyName", R"({"jsonrpc":"2.0","id":1,"method":"ping","":1})",
                    "", "unexpected member \"\" in a JSON-RPC message", false},
        InvalidCase{"MethodNotString", R"({"jsonrpc":"2.0","id":1,"method":7})", "/method",
                    "\"method\" must be a string", true},
        InvalidCase{"MethodEmpty", R"({"jsonrpc":"2.0","id":1,"method":""})", "/method",
                    "\"method\" is empty", true},
        InvalidCase{"ParamsString", R"({"jsonrpc":"2.0","id":1,"method":"m","params":"x"})",
                    "/params", "\"params\" must be an object or an array", true},
        InvalidCase{"ParamsNull", R"({"jsonrpc":"2.0","id":1,"method":"m","params":null})",
                    "/params", "\"params\" must be an object or an array", true},
        InvalidCase{"RequestIdFraction", R"({"jsonrpc":"2.0","id":1.5,"method":"m"})", "/id",
                    "a request id must be a string or an integer of at most 2^53 - 1 in magnitude", false},
        // A JavaScript peer reads 2^53 + 1 as 2^53: two ids the guard keys
        // apart would be one there (found by an adversarial review).
        InvalidCase{"RequestIdUnsafeInteger",
                    R"({"jsonrpc":"2.0","id":9007199254740993,"method":"m"})", "/id",
                    "a request id must be a string or an integer of at most 2^53 - 1 in magnitude",
                    false},
        InvalidCase{"RequestIdUnsafeNegative",
                    R"({"jsonrpc":"2.0","id":-9007199254740992,"method":"m"})", "/id",
                    "a request id must be a string or an integer of at most 2^53 - 1 in magnitude",
                    false},
        InvalidCase{"RequestIdUnsafeDouble", R"({"jsonrpc":"2.0","id":9007199254740992.0,"method":"m"})",
                    "/id",
                    "a request id must be a string or an integer of at most 2^53 - 1 in magnitude",
                    false},
        InvalidCase{"RequestIdAboveInt64", R"({"jsonrpc":"2.0","id":18446744073709551615,"method":"m"})",
                    "/id",
                    "a request id must be a string or an integer of at most 2^53 - 1 in magnitude",
                    false},
        InvalidCase{"ResponseIdUnsafeInteger", R"({"jsonrpc":"2.0","id":9007199254740992,"result":{}})",
                    "/id",
                    "a response id must be a string, an integer of at most 2^53 - 1 in magnitude, or null",
                    false},
        InvalidCase{"RequestIdNull", R"({"jsonrpc":"2.0","id":null,"method":"m"})", "/id",
                    "a request id must be a string or an integer of at most 2^53 - 1 in magnitude", false},
        InvalidCase{"RequestIdObject", R"({"jsonrpc":"2.0","id":{},"method":"m"})", "/id",
                    "a request id must be a string or an integer of at most 2^53 - 1 in magnitude", false},
        InvalidCase{"RequestWithResult", R"({"jsonrpc":"2.0","id":1,"method":"m","result":{}})",
                    "/result", "a request cannot carry \"result\" or \"error\"", true},
        InvalidCase{"ResponseNoId", R"({"jsonrpc":"2.0","result":{}})", "/id",
                    "a response must carry the request's \"id\"", false},
        InvalidCase{"ResponseBoth", R"({"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"m"}})",
                    "/error", "a response must carry exactly one of \"result\" and \"error\"", true},
        InvalidCase{"ResponseNeither", R"({"jsonrpc":"2.0","id":1})", "",
                    "a response must carry exactly one of \"result\" and \"error\"", true},
        InvalidCase{"ResponseParams", R"({"jsonrpc":"2.0","id":1,"params":{},"result":{}})",
                    "/params", "a response cannot carry \"params\"", true},
        InvalidCase{"ResultNullId", R"({"jsonrpc":"2.0","id":null,"result":{}})", "/id",
                    "only an error response may have a null id", true},
        InvalidCase{"ErrorNotObject", R"({"jsonrpc":"2.0","id":1,"error":"bad"})", "/error",
                    "\"error\" must be an object", true},
        InvalidCase{"ErrorCodeFraction", R"({"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"m"}})",
                    "/error/code", "\"error.code\" must be an integer", true},
        InvalidCase{"ErrorNoMessage", R"({"jsonrpc":"2.0","id":1,"error":{"code":1}})",
                    "/error/message", "\"error.message\" must be a string", true}),
    [](const testing::TestParamInfo<InvalidCase>& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace mcpguard::internal
