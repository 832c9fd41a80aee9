#include "json/member_span.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "json/canonical_json.h"
#include "json/limits.h"
#include "json/parser.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

// The span of the member at `keys` (from the root down) in `text`.
bool SpanOf(JsonParser& parser, const std::string& text, const std::vector<std::string>& keys,
            absl::string_view* span) {
  if (!parser.Parse(text, JsonLimits())) {
    ADD_FAILURE() << parser.error().message;
    return false;
  }
  std::vector<MemberStep> path;
  const rapidjson::Value* object = &parser.root();
  for (const std::string& key : keys) {
    auto member = object->FindMember(rapidjson::StringRef(key.data(), key.size()));
    if (member == object->MemberEnd()) {
      ADD_FAILURE() << "no member " << key;
      return false;
    }
    path.push_back({object, member});
    object = &member->value;
  }
  return MemberValueSpan(text, parser.buffer(), path, span);
}

struct SpanCase {
  const char* name;
  std::string text;
  std::vector<std::string> keys;
  std::string span;
};

TEST(MemberValueSpan, FindsTheValueTextWhereverItSits) {
  const std::vector<SpanCase> cases = {
      {"NextSibling", R"({"params":{"arguments":{"a":1},"_meta":{}}})", {"params", "arguments"},
       R"({"a":1})"},
      {"LastInParams", R"({"id":1,"params":{"name":"x","arguments":{"a":[1,2]}},"method":"m"})",
       {"params", "arguments"}, R"({"a":[1,2]})"},
      {"LastEverywhere", R"({"params":{"arguments":{"a":"}"}}})", {"params", "arguments"},
       R"({"a":"}"})"},
      {"Whitespace", " {\n \"params\" : {\r\n\t\"arguments\"\t:\n {\"a\" : 1 }\n ,\"x\":1 } } \n",
       {"params", "arguments"}, R"({"a" : 1 })"},
      {"WhitespaceLastEverywhere", "{\"params\":{\"arguments\" :  {}  \n}\t}  ",
       {"params", "arguments"}, "{}"},
      {"EscapedKey", R"({"params":{"\u0061rguments":{"b":true},"z":0}})",
       {"params", "arguments"}, R"({"b":true})"},
      {"KeyWithEscapedQuote", R"({"a\"b":[1,{"c":2}],"d":null})", {"a\"b"}, R"([1,{"c":2}])"},
      {"KeyWithBackslashes", R"({"a\\":"\\\"","d":3})", {"a\\"}, R"("\\\"")"},
      {"Scalar", R"({"n":-12.5e3,"m":true})", {"n"}, "-12.5e3"},
      {"Deep", R"({"a":{"b":{"c":{"d":"x"}},"e":1}})", {"a", "b", "c", "d"}, R"("x")"},
      {"DeepNoSiblings", R"({"a":{"b":{"c":{"d":"x"}}}})", {"a", "b", "c", "d"}, R"("x")"},
      {"UnicodeValue", "{\"k\":\"\xC3\xA9t\xC3\xA9\",\"l\":1}", {"k"}, "\"\xC3\xA9t\xC3\xA9\""},
  };
  JsonParser parser;
  for (const SpanCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::string_view span;
    ASSERT_TRUE(SpanOf(parser, c.text, c.keys, &span));
    EXPECT_EQ(span, c.span);
  }
}

TEST(MemberValueSpan, RefusesAPathThatIsNotFromThisParse) {
  JsonParser parser;
  ASSERT_TRUE(parser.Parse(R"({"a":1})", JsonLimits()));
  absl::string_view span = "untouched";
  EXPECT_FALSE(MemberValueSpan(R"({"a":1})", parser.buffer(), {}, &span));
  // A DOM built elsewhere: its keys do not point into the parser's buffer.
  rapidjson::Document other;
  other.Parse(R"({"a":1})");
  const MemberStep path[] = {{&other, other.MemberBegin()}};
  EXPECT_FALSE(MemberValueSpan(R"({"a":1})", parser.buffer(), path, &span));
  EXPECT_EQ(span, "untouched");
}

// Random documents, random whitespace and escapes: every member's span
// parses back to the value the DOM holds.
class RandomJson {
 public:
  explicit RandomJson(uint32_t seed) : random_(seed) {}

  std::string Value(int depth) {
    switch (Pick(depth > 3 ? 4 : 6)) {
      case 0: return Pick(2) ? "true" : "null";
      case 1: return absl::StrCat(static_cast<int>(Pick(2000)) - 1000, Pick(2) ? ".5" : "");
      case 2:
      case 3: return String();
      case 4: {
        std::string out = "[";
        const int n = Pick(4);
        for (int i = 0; i < n; ++i) absl::StrAppend(&out, i ? "," : "", Space(), Value(depth + 1));
        return out + Space() + "]";
      }
      default: return Object(depth + 1);
    }
  }
  std::string Object(int depth) {
    std::string out = "{";
    const int n = Pick(5);
    for (int i = 0; i < n; ++i) {
      absl::StrAppend(&out, i ? "," : "", Space(), Key(i), Space(), ":", Space(), Value(depth));
    }
    return out + Space() + "}";
  }

 private:
  int Pick(int n) { return static_cast<int>(random_() % static_cast<uint32_t>(n)); }
  std::string Space() {
    static constexpr const char* kSpaces[] = {"", "", " ", "\n", " \t\r\n "};
    return kSpaces[Pick(5)];
  }
  // Distinct per object (a number in it), sometimes escaped.
  std::string Key(int i) {
    switch (Pick(4)) {
      case 0: return absl::StrCat("\"\\u006b", i, "\"");
      case 1: return absl::StrCat("\"k\\\"", i, "\\\\\"");
      default: return absl::StrCat("\"k", i, "\"");
    }
  }
  std::string String() {
    static constexpr const char* kStrings[] = {"\"\"", "\"a}b\"", "\"\\\"}\\\\\"", "\"x,y\"",
                                               "\"\\u00e9\""};
    return kStrings[Pick(5)];
  }
  std::mt19937 random_;
};

void CheckEveryMember(absl::string_view text, const char* base,
                      std::vector<MemberStep>* path, const rapidjson::Value& object) {
  for (auto member = object.MemberBegin(); member != object.MemberEnd(); ++member) {
    path->push_back({&object, member});
    absl::string_view span;
    ASSERT_TRUE(MemberValueSpan(text, base, *path, &span)) << text;
    rapidjson::Document reread;
    reread.Parse(span.data(), span.size());
    ASSERT_FALSE(reread.HasParseError()) << span << " in " << text;
    std::string expected, actual;
    AppendCanonicalJson(member->value, &expected);
    AppendCanonicalJson(reread, &actual);
    EXPECT_EQ(actual, expected) << span << " in " << text;
    if (member->value.IsObject()) CheckEveryMember(text, base, path, member->value);
    path->pop_back();
  }
}

TEST(MemberValueSpan, EverySpanOfRandomDocumentsRereadsAsItsValue) {
  JsonParser parser;
  for (uint32_t seed = 1; seed <= 400; ++seed) {
    RandomJson random(seed);
    const std::string text = random.Object(0);
    ASSERT_TRUE(parser.Parse(text, JsonLimits())) << text << ": " << parser.error().message;
    std::vector<MemberStep> path;
    CheckEveryMember(text, parser.buffer(), &path, parser.root());
  }
}

}  // namespace
}  // namespace mcpguard::internal
