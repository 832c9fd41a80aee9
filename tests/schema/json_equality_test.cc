#include "schema/json_equality.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "schema/utf8_length.h"
#include "schema_testing.h"

namespace mcpguard::internal {
namespace {

TEST(JsonEquality, ComparesByValue) {
  const char* equal[][2] = {{"1", "1.0"}, {R"({"a":1,"b":[2]})", R"({"b":[2.0],"a":1})"},
                            {"null", "null"}, {R"("x")", R"("x")"}};
  for (auto& pair : equal) {
    rapidjson::Document a = ParseJsonForTest(pair[0]), b = ParseJsonForTest(pair[1]);
    EXPECT_EQ(JsonEqual(a, b), JsonEquality::kEqual) << pair[0];
    EXPECT_EQ(JsonHash(a), JsonHash(b)) << pair[0];
  }
  const char* different[][2] = {{"1", "true"}, {"0", "false"}, {"[1,2]", "[2,1]"},
                                {R"({"a":1})", R"({"a":1,"b":1})"}, {R"("a")", R"("b")"}};
  for (auto& pair : different) {
    rapidjson::Document a = ParseJsonForTest(pair[0]), b = ParseJsonForTest(pair[1]);
    EXPECT_EQ(JsonEqual(a, b), JsonEquality::kDifferent) << pair[0];
  }
}

// Integers past int64, written as integers or as doubles, hash like what
// they equal, and distinct ones (past uint64 too) hash apart: they all
// hashed alike once, which made uniqueItems quadratic.
TEST(JsonEquality, LargeIntegersHashLikeWhatTheyEqualAndApartOtherwise) {
  const char* equal[][2] = {{"9223372036854775808", "9223372036854775808.0"},
                            {"18446744073709549568", "1.8446744073709549568e19"},
                            {"-9223372036854775808", "-9.223372036854775808e18"},
                            {"1e20", "100000000000000000000"}};
  for (auto& pair : equal) {
    rapidjson::Document a = ParseJsonForTest(pair[0]), b = ParseJsonForTest(pair[1]);
    EXPECT_EQ(JsonEqual(a, b), JsonEquality::kEqual) << pair[0];
    EXPECT_EQ(JsonHash(a), JsonHash(b)) << pair[0];
  }
  std::set<size_t> hashes;
  for (int i = 0; i < 1000; ++i) {
    rapidjson::Document big = ParseJsonForTest(std::to_string(i + 21) + "e19");
    hashes.insert(JsonHash(big));
  }
  EXPECT_EQ(hashes.size(), 1000u);
}

TEST(JsonEquality, GivesUpPastTheDepthLimit) {
  std::string deep(kMaxEqualityDepth + 2, '[');
  deep += std::string(kMaxEqualityDepth + 2, ']');
  rapidjson::Document a = ParseJsonForTest(deep), b = ParseJsonForTest(deep);
  EXPECT_EQ(JsonEqual(a, b), JsonEquality::kTooDeep);
}

TEST(Utf8Length, CountsCodePoints) {
  EXPECT_EQ(Utf8CodePointCount(""), 0u);
  EXPECT_EQ(Utf8CodePointCount("abc"), 3u);
  EXPECT_EQ(Utf8CodePointCount("\xC3\xA9t\xC3\xA9"), 3u);
  EXPECT_EQ(Utf8CodePointCount("\xF0\x9F\x92\xA9\xF0\x9F\x92\xA9 long ascii tail"), 18u);
}

}  // namespace
}  // namespace mcpguard::internal
