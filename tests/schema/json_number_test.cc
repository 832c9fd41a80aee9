#include "schema/json_number.h"

#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "schema_testing.h"

namespace mcpguard::internal {
namespace {

JsonNumber Num(const char* text) {
  rapidjson::Document doc = ParseJsonForTest(text);
  return JsonNumber::From(doc);
}

TEST(JsonNumber, ComparesAcrossRepresentations) {
  EXPECT_EQ(CompareNumbers(Num("1"), Num("1.0")), 0);
  EXPECT_EQ(CompareNumbers(Num("-1"), Num("18446744073709551615")), -1);
  EXPECT_EQ(CompareNumbers(Num("9223372036854775807"), Num("9223372036854775808.0")), -1);
  EXPECT_EQ(CompareNumbers(Num("2"), Num("1.5")), 1);
  EXPECT_EQ(CompareNumbers(Num("1.5"), Num("2")), -1);
}

struct MultipleCase {
  const char* x;
  const char* divisor;
  bool expected;
};

TEST(JsonNumber, MultipleOfIsDecimalExact) {
  const MultipleCase cases[] = {
      {"0.0075", "0.0001", true}, {"0.3", "0.1", true},      {"4.5", "1.5", true},
      {"19.99", "0.01", true},    {"0.075", "0.01", false},  {"10", "3", false},
      {"-12", "4", true},         {"1e308", "0.5", true},    {"1e-300", "1e-301", true},
      {"7", "0.5", true},         {"7.25", "0.5", false},    {"18446744073709551615", "5", true},
      {"0", "0.7", true},         {"123456789", "1e-5", true},
  };
  for (const MultipleCase& c : cases) {
    EXPECT_EQ(IsMultipleOf(Num(c.x), Num(c.divisor)), c.expected) << c.x << " / " << c.divisor;
  }
}

TEST(JsonNumber, FormatsShortest) {
  EXPECT_EQ(FormatNumber(Num("3")), "3");
  EXPECT_EQ(FormatNumber(Num("0.5")), "0.5");
  EXPECT_EQ(FormatNumber(Num("-7")), "-7");
  EXPECT_EQ(FormatNumber(Num("18446744073709551615")), "18446744073709551615");
}

}  // namespace
}  // namespace mcpguard::internal
