#include "json/canonical_json.h"

#include <string>

#include "gtest/gtest.h"
#include "json/limits.h"
#include "json/parser.h"

namespace mcpguard::internal {
namespace {

std::string Canonical(const std::string& json) {
  JsonParser parser;
  if (!parser.Parse(json, JsonLimits())) return "<" + parser.error().message + ">";
  std::string out;
  AppendCanonicalJson(parser.root(), &out);
  return out;
}

TEST(CanonicalJson, SortsMembersAtEveryLevelAndDropsWhitespace) {
  EXPECT_EQ(Canonical(R"( { "b" : [ 1 , { "z":1, "a":2 } ], "a" : null } )"),
            R"({"a":null,"b":[1,{"a":2,"z":1}]})");
}

TEST(CanonicalJson, SortsKeysByTheirBytes) {
  // "B" (0x42) < "a" (0x61) < "é" (0xC3 0xA9); a prefix sorts first.
  EXPECT_EQ(Canonical(R"({"\u00e9":1,"a":2,"ab":3,"B":4})"),
            "{\"B\":4,\"a\":2,\"ab\":3,\"\xC3\xA9\":1}");
}

TEST(CanonicalJson, EscapesOnlyQuoteBackslashAndControls) {
  EXPECT_EQ(Canonical(R"(["\u0041\/\"\\\b\f\n\r\t\u0001\u001f\u007f\u00e9"])"),
            "[\"A/\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xC3\xA9\"]");
  EXPECT_EQ(Canonical(R"(["\u0000"])"), R"(["\u0000"])");
}

TEST(CanonicalJson, NumbersWithTheSameValueGetTheSameText) {
  EXPECT_EQ(Canonical("[1, 1.0, 1e0, 10e-1, 100E-2]"), "[1,1,1,1,1]");
  EXPECT_EQ(Canonical("[-0, -0.0, 0e5]"), "[0,0,0]");
  EXPECT_EQ(Canonical("[0.5, 5e-1, 1.5e300, 1E-7]"), "[0.5,0.5,1.5e+300,1e-07]");
  EXPECT_EQ(Canonical("[1e16, 10000000000000000]"), "[10000000000000000,10000000000000000]");
  EXPECT_EQ(Canonical("[-9223372036854775808, 18446744073709551615]"),
            "[-9223372036854775808,18446744073709551615]");
  // 2^63 and beyond: the shortest text that reads back as the same double.
  EXPECT_EQ(Canonical("[9223372036854775808.0, 1e19]"), "[9223372036854775808,1e+19]");
}

TEST(CanonicalJson, LiteralsAndEmptyContainers) {
  EXPECT_EQ(Canonical("[true,false,null,{},[],\"\"]"), R"([true,false,null,{},[],""])");
  EXPECT_EQ(Canonical("\"x\""), "\"x\"");
}

}  // namespace
}  // namespace mcpguard::internal
