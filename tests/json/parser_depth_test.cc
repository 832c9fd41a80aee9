// Depth limits on both of the parser's paths: recursive (max_depth up to
// 256) and iterative (deeper limits), and proof that the recursive path's
// stack use is small.
#include <pthread.h>

#include <string>

#include "gtest/gtest.h"
#include "json/parser.h"

namespace mcpguard::internal {
namespace {

// Alternates objects and arrays: {"k":[{"k":[ ... ]}]}
std::string Nested(uint32_t depth) {
  std::string open, close;
  for (uint32_t i = 0; i < depth; ++i) {
    if (i % 2 == 0) {
      open += "{\"k\":";
      close = "}" + close;
    } else {
      open += "[";
      close = "]" + close;
    }
  }
  return open + "1" + close;
}

// The offset of the bracket that opens level depth + 1.
size_t OffsetOfLevel(uint32_t level) {
  size_t offset = 0;
  for (uint32_t i = 1; i < level; ++i) offset += (i % 2 == 1) ? 5 : 1;
  return offset;
}

struct DepthCase {
  const char* name;
  uint32_t max_depth;
};

class ParserDepthTest : public testing::TestWithParam<DepthCase> {};

TEST_P(ParserDepthTest, AcceptsTheLimitAndRejectsOneMoreAtItsBracket) {
  const uint32_t max = GetParam().max_depth;
  JsonLimits limits;
  limits.max_depth = max;
  JsonParser parser;
  ASSERT_TRUE(parser.Parse(Nested(max), limits)) << parser.error().message;
  ASSERT_FALSE(parser.Parse(Nested(max + 1), limits));
  EXPECT_EQ(parser.error().kind, JsonErrorKind::kTooDeep);
  EXPECT_EQ(parser.error().offset, OffsetOfLevel(max + 1));
  // Far deeper than the limit: still rejected at the same bracket, no crash.
  ASSERT_FALSE(parser.Parse(Nested(max * 4 + 100), limits));
  EXPECT_EQ(parser.error().offset, OffsetOfLevel(max + 1));
}

INSTANTIATE_TEST_SUITE_P(
    Paths, ParserDepthTest,
    testing::Values(DepthCase{"Recursive2", 2}, DepthCase{"RecursiveDefault", 64},
                    DepthCase{"RecursiveLargest", 256}, DepthCase{"IterativeSmallest", 257},
                    DepthCase{"Iterative5000", 5000}),
    [](const testing::TestParamInfo<DepthCase>& param_info) {
      return std::string(param_info.param.name);
    });

struct StackRun {
  bool parsed = false;
  std::string error;
};

void* ParseDeepest(void* arg) {
  auto* run = static_cast<StackRun*>(arg);
  JsonLimits limits;
  limits.max_depth = 256;
  JsonParser parser;
  run->parsed = parser.Parse(Nested(256), limits);
  if (!run->parsed) run->error = parser.error().message;
  // And a hostile message far deeper than the limit.
  run->parsed = run->parsed && !parser.Parse(Nested(100000), limits);
  return nullptr;
}

// The recursive path's deepest parse fits in a small thread stack (many
// hosts run handlers on threads with 256 KiB-1 MiB stacks). Sanitizers grow
// frames several times over, so they get a larger stack.
TEST(JsonParserStack, DeepestRecursiveParseFitsInASmallThreadStack) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  const size_t stack = 2u << 20;
#else
  const size_t stack = 256u << 10;
#endif
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, stack), 0);
  StackRun run;
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attr, ParseDeepest, &run), 0);
  ASSERT_EQ(pthread_join(thread, nullptr), 0);
  pthread_attr_destroy(&attr);
  EXPECT_TRUE(run.parsed) << run.error;
}

}  // namespace
}  // namespace mcpguard::internal

namespace mcpguard::internal {
namespace {

// The parser skips size counting when a message is too short to break a
// size limit. At the edge (limit just above what the message can hold, and
// exactly at what it does hold) both paths must give the same answer.
TEST(JsonParserSizeLimits, CountingIsSkippedOnlyWhenTheLimitIsOutOfReach) {
  JsonParser parser;
  for (uint32_t items = 1; items <= 40; ++items) {
    std::string array = "[0";
    for (uint32_t i = 1; i < items; ++i) array += ",0";
    array += "]";  // 2 * items + 1 bytes.
    for (uint32_t limit = items > 2 ? items - 2 : 1; limit <= items + 2; ++limit) {
      JsonLimits limits;
      limits.max_array_items = limit;
      limits.max_object_members = limit;
      EXPECT_EQ(parser.Parse(array, limits), items <= limit) << items << " items, limit " << limit;
      std::string object = "{";
      for (uint32_t i = 0; i < items; ++i) object += (i ? ",\"" : "\"") + std::to_string(i) + "\":0";
      object += "}";
      EXPECT_EQ(parser.Parse(object, limits), items <= limit) << items << " members, limit " << limit;
    }
  }
  for (uint32_t length = 1; length <= 40; ++length) {
    const std::string text = "\"" + std::string(length, 'x') + "\"";
    for (uint32_t limit = length - 1; limit <= length + 1; ++limit) {
      JsonLimits limits;
      limits.max_string_length = limit;
      EXPECT_EQ(parser.Parse(text, limits), length <= limit) << length << " bytes, limit " << limit;
    }
  }
}

}  // namespace
}  // namespace mcpguard::internal
