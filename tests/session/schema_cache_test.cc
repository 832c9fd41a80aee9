// SchemaCache: one compile per schema, and a bound on what it keeps.
#include "session/schema_cache.h"

#include <string>

#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

rapidjson::Document Parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  return doc;
}

// A schema whose regexes come to a few thousand instructions ("a{1000}"
// compiles to about a thousand), distinct per `i`.
rapidjson::Document RegexSchema(int i) {
  return Parse(R"({"allOf":[{"pattern":"a{1000})" + std::to_string(i) +
               R"("},{"pattern":"b{1000})" + std::to_string(i) + R"("}]})");
}

TEST(SchemaCache, CompilesEachSchemaOnce) {
  SchemaCache cache;
  const rapidjson::Document schema = RegexSchema(1);
  auto first = cache.GetOrCompile(schema, SchemaOptions());
  auto second = cache.GetOrCompile(schema, SchemaOptions());
  ASSERT_NE(first->schema, nullptr) << first->error;
  EXPECT_EQ(first, second);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_GT(first->schema->regex_program_size(), 2000);
}

// Found by an adversarial review: a server listing one tool again and again
// with new large regexes grew the engine by ~80 MB per listing, up to 4,096
// schemas. The cost bound forgets the oldest first.
TEST(SchemaCache, KeepsEntriesOfBoundedCostTogether) {
  const size_t max_cost = 1 << 20;
  SchemaCache cache(/*capacity=*/4096, max_cost);
  for (int i = 0; i < 200; ++i) {
    const rapidjson::Document schema = RegexSchema(i);
    auto compiled = cache.GetOrCompile(schema, SchemaOptions());
    ASSERT_NE(compiled->schema, nullptr) << compiled->error;
    EXPECT_LE(cache.cost(), max_cost) << i;
  }
  EXPECT_LT(cache.size(), 200u);
  EXPECT_GT(cache.size(), 1u);
  // The newest is kept, even alone over the bound.
  SchemaCache tiny(/*capacity=*/4096, /*max_cost=*/1);
  const rapidjson::Document schema = RegexSchema(7);
  auto kept = tiny.GetOrCompile(schema, SchemaOptions());
  EXPECT_EQ(tiny.size(), 1u);
  EXPECT_EQ(tiny.GetOrCompile(schema, SchemaOptions()), kept);
}

}  // namespace
}  // namespace mcpguard::internal
