#include "json/pointer.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal {
namespace {

template <size_t N>
std::string Bytes(const char (&text)[N]) {
  return std::string(text, N - 1);
}

// The example document of RFC 6901 section 5.
constexpr char kRfcDocument[] = R"({
  "foo": ["bar", "baz"],
  "": 0,
  "a/b": 1,
  "c%d": 2,
  "e^f": 3,
  "g|h": 4,
  "i\\j": 5,
  "k\"l": 6,
  " ": 7,
  "m~n": 8
})";

std::string ToJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

struct ResolveCase {
  const char* name;
  std::string pointer;
  const char* want;  // JSON text of the value, or nullptr for no value.
};

void ExpectResolves(const std::string& document,
                    const std::vector<ResolveCase>& cases) {
  rapidjson::Document doc;
  doc.Parse(document.data(), document.size());
  ASSERT_FALSE(doc.HasParseError());
  for (const ResolveCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse(c.pointer);
    ASSERT_TRUE(pointer.ok()) << pointer.status();
    EXPECT_EQ(pointer->text(), c.pointer);
    const rapidjson::Value* value = pointer->Resolve(doc);
    if (c.want == nullptr) {
      EXPECT_EQ(value, nullptr) << ToJson(*value);
    } else {
      ASSERT_NE(value, nullptr);
      EXPECT_EQ(ToJson(*value), c.want);
    }
  }
}

TEST(JsonPointer, ResolvesRfc6901Examples) {
  ExpectResolves(kRfcDocument,
                 {
                     {"Foo", "/foo", R"(["bar","baz"])"},
                     {"FooZero", "/foo/0", R"("bar")"},
                     {"FooOne", "/foo/1", R"("baz")"},
                     {"EmptyName", "/", "0"},
                     {"EscapedSlash", "/a~1b", "1"},
                     {"Percent", "/c%d", "2"},
                     {"Caret", "/e^f", "3"},
                     {"Pipe", "/g|h", "4"},
                     {"Backslash", "/i\\j", "5"},
                     {"Quote", "/k\"l", "6"},
                     {"Space", "/ ", "7"},
                     {"EscapedTilde", "/m~0n", "8"},
                 });
}

TEST(JsonPointer, EmptyPointerIsTheRoot) {
  rapidjson::Document doc;
  doc.Parse(kRfcDocument);
  ASSERT_FALSE(doc.HasParseError());
  absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse("");
  ASSERT_TRUE(pointer.ok());
  EXPECT_EQ(pointer->Resolve(doc), &doc);

  rapidjson::Value scalar(5);
  EXPECT_EQ(pointer->Resolve(scalar), &scalar);
}

TEST(JsonPointer, ResolvesNothingWhenTheNameIsNotThere) {
  ExpectResolves(kRfcDocument,
                 {
                     {"MissingMember", "/nope", nullptr},
                     {"CaseMatters", "/FOO", nullptr},
                     {"UnescapedSlashSplits", "/a/b", nullptr},
                     {"IndexOutOfRange", "/foo/2", nullptr},
                     {"LeadingZero", "/foo/01", nullptr},
                     {"DoubleZero", "/foo/00", nullptr},
                     {"Dash", "/foo/-", nullptr},
                     {"Plus", "/foo/+1", nullptr},
                     {"Minus", "/foo/-1", nullptr},
                     {"Space", "/foo/ 1", nullptr},
                     {"Hex", "/foo/0x1", nullptr},
                     {"EmptyIndex", "/foo/", nullptr},
                     {"HugeIndex", "/foo/99999999999999999999", nullptr},
                     {"IndexAboveSizeType", "/foo/4294967296", nullptr},
                     {"IntoString", "/foo/0/0", nullptr},
                     {"IntoNumber", "/ /x", nullptr},
                     {"TrailingSlashOnScalar", "/m~0n/", nullptr},
                 });
}

TEST(JsonPointer, ObjectTokensAreAlwaysNames) {
  ExpectResolves(
      R"({"-":1,"01":2,"0":3,"~1":4,"a\u0000b":5,"":{"":6},"a":[[7,8],{"9":9}]})",
      {
          {"DashIsAName", "/-", "1"},
          {"LeadingZeroIsAName", "/01", "2"},
          {"DigitIsAName", "/0", "3"},
          {"TildeZeroThenOne", "/~01", "4"},
          {"EmptyThenEmpty", "//", "6"},
          {"NestedArrays", "/a/0/1", "8"},
          {"DigitNameInsideArray", "/a/1/9", "9"},
          {"NameIsNotIndexPrefix", "/a/0/1/0", nullptr},
      });
}

TEST(JsonPointer, MemberNamesMayHoldNul) {
  rapidjson::Document doc;
  doc.Parse(R"({"a\u0000b":1,"a":2,"a\u0000":3})");
  ASSERT_FALSE(doc.HasParseError());
  const std::vector<ResolveCase> cases = {
      {"NulInside", Bytes("/a\0b"), "1"},
      {"Prefix", "/a", "2"},
      {"NulAtEnd", Bytes("/a\0"), "3"},
      {"NulDifferentTail", Bytes("/a\0c"), nullptr},
  };
  for (const ResolveCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse(c.pointer);
    ASSERT_TRUE(pointer.ok()) << pointer.status();
    const rapidjson::Value* value = pointer->Resolve(doc);
    if (c.want == nullptr) {
      EXPECT_EQ(value, nullptr);
    } else {
      ASSERT_NE(value, nullptr);
      EXPECT_EQ(ToJson(*value), c.want);
    }
  }
}

struct BadPointerCase {
  const char* name;
  std::string text;
  std::string message;
};

TEST(JsonPointer, RejectsMalformedPointersWithOffset) {
  const std::vector<BadPointerCase> cases = {
      {"NoLeadingSlash", "a", "JSON pointer \"a\" must start with '/' at offset 0"},
      {"RelativeDigit", "0/a", "JSON pointer \"0/a\" must start with '/' at offset 0"},
      {"LoneTildeAtEnd", "/~",
       "JSON pointer \"/~\" has '~' not followed by '0' or '1' at offset 1"},
      {"TildeTwo", "/a~2",
       "JSON pointer \"/a~2\" has '~' not followed by '0' or '1' at offset 2"},
      {"TildeLetter", "/~x",
       "JSON pointer \"/~x\" has '~' not followed by '0' or '1' at offset 1"},
      {"TildeBeforeSlash", "/a/~/b",
       "JSON pointer \"/a/~/b\" has '~' not followed by '0' or '1' at offset 3"},
      {"SecondTildeBad", "/~0~",
       "JSON pointer \"/~0~\" has '~' not followed by '0' or '1' at offset 3"},
  };
  for (const BadPointerCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse(c.text);
    ASSERT_FALSE(pointer.ok());
    EXPECT_EQ(pointer.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(pointer.status().message(), c.message);
  }
}

TEST(JsonPointer, CopiesResolveIndependently) {
  absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse("/foo/1");
  ASSERT_TRUE(pointer.ok());
  const JsonPointer copy = *pointer;
  rapidjson::Document doc;
  doc.Parse(kRfcDocument);
  const rapidjson::Value* value = copy.Resolve(doc);
  ASSERT_NE(value, nullptr);
  EXPECT_STREQ(value->GetString(), "baz");
  EXPECT_EQ(copy.text(), "/foo/1");
}

}  // namespace
}  // namespace mcpguard::internal
