#include "json/string_visitor.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "json/limits.h"
#include "json/parser.h"

namespace mcpguard::internal {
namespace {

using Visit = std::pair<std::string, std::string>;  // Pointer, string.

std::vector<Visit> Visits(const std::string& json, const std::string& base, uint32_t depth = 64) {
  JsonParser parser;
  JsonLimits limits;
  limits.max_depth = depth;
  EXPECT_TRUE(parser.Parse(json, limits)) << parser.error().message;
  std::vector<Visit> visits;
  VisitStrings(parser.root(), base, [&](const rapidjson::Value& s, absl::string_view pointer) {
    visits.emplace_back(std::string(pointer), s.GetString());
  });
  return visits;
}

TEST(VisitStrings, EveryStringValueInDocumentOrderWithItsPointer) {
  EXPECT_THAT(Visits(R"({"a":"x","b":[1,"y",{"c":"z","k":true}],"a/b~":"w"})", "/result"),
              testing::ElementsAre(Visit{"/result/a", "x"}, Visit{"/result/b/1", "y"},
                                   Visit{"/result/b/2/c", "z"}, Visit{"/result/a~1b~0", "w"}));
}

TEST(VisitStrings, KeysAreNotVisitedAndARootStringIs) {
  EXPECT_THAT(Visits(R"({"secret":1})", ""), testing::IsEmpty());
  EXPECT_THAT(Visits(R"("s")", "/p"), testing::ElementsAre(Visit{"/p", "s"}));
  EXPECT_THAT(Visits("[[],{},null]", ""), testing::IsEmpty());
}

// Names are visited before their values, with their object's pointer and
// the object; the token a name's visit returns stands for it in the
// pointers below it.
TEST(VisitStringsAndKeys, NamesComeFirstAndMayBeReplacedInPointers) {
  JsonParser parser;
  ASSERT_TRUE(parser.Parse(R"({"a":{"s3cret":"x","b":"y"},"c":["z"]})", JsonLimits{}));
  std::vector<std::string> visits;
  VisitStringsAndKeys(
      parser.root(), "/r",
      [&](const rapidjson::Value& s, absl::string_view pointer) {
        visits.push_back(std::string(pointer) + " = " + s.GetString());
      },
      [&](const rapidjson::Value& name, absl::string_view pointer, const rapidjson::Value& object) {
        EXPECT_TRUE(object.IsObject());
        EXPECT_TRUE(object.HasMember(name));
        visits.push_back(std::string(pointer) + " name " + name.GetString());
        return std::string(name.GetString()) == "s3cret" ? std::string("[hidden]") : std::string();
      });
  EXPECT_THAT(visits, testing::ElementsAre("/r name a", "/r/a name s3cret", "/r/a/[hidden] = x",
                                           "/r/a name b", "/r/a/b = y", "/r name c", "/r/c/0 = z"));
}

TEST(VisitStrings, DeepDocumentsNeedNoRecursion) {
  const int depth = 20000;
  const std::string json = std::string(depth, '[') + "\"deep\"" + std::string(depth, ']');
  const std::vector<Visit> visits = Visits(json, "", depth + 1);
  ASSERT_EQ(visits.size(), 1u);
  EXPECT_EQ(visits[0].first.size(), 2u * depth);  // "/0" per level.
}

}  // namespace
}  // namespace mcpguard::internal
