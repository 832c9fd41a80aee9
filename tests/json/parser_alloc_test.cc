// Proves that JsonParser::Parse and JsonPointer::Resolve do not touch the heap
// once warmed up, counting heap calls with tests/support/heap_counter.h
// (under sanitizers the tests skip).
#include <cstddef>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "support/heap_counter.h"
#include "support/sample_messages.h"
#include "json/limits.h"
#include "json/parser.h"
#include "json/pointer.h"

namespace mcpguard::internal {
namespace {

using test_support::AllocationCounter;

using test_support::ToolsCallRequest;

// Guards the harness itself: a count of 0 below means nothing, not a broken hook.
TEST(JsonParserAllocation, CounterSeesAllocations) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  long count;
  {
    AllocationCounter counter;
    auto* text = new std::string(100, 'x');  // Object and buffer: 2.
    delete text;                             // 2.
    void* block = std::malloc(10);     // 1.
    block = std::realloc(block, 100);  // 1.
    std::free(block);                  // 1.
    count = counter.count();
  }
  EXPECT_EQ(count, 7);
#endif
}

#ifdef MCPGUARD_ALLOC_TEST_COUNTS
// Warms `parser` up on `message` (3 parses), then counts the heap calls of
// `rounds` more. *all_ok says whether every counted parse succeeded.
long SteadyStateParseAllocations(JsonParser& parser, const std::string& message, int rounds,
                                 bool* all_ok) {
  const JsonLimits limits;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(parser.Parse(message, limits));
  *all_ok = true;
  AllocationCounter counter;
  for (int i = 0; i < rounds; ++i) *all_ok &= parser.Parse(message, limits);
  return counter.count();
}
#endif

TEST(JsonParserAllocation, SteadyStateParseDoesNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  const std::string message = ToolsCallRequest();
  ASSERT_GT(message.size(), 900u);
  ASSERT_LT(message.size(), 1400u);
  JsonParser parser;
  bool all_ok = false;
  const long count = SteadyStateParseAllocations(parser, message, 100, &all_ok);
  EXPECT_TRUE(all_ok) << parser.error().message;
  EXPECT_EQ(count, 0);
  ASSERT_TRUE(parser.root().IsObject());
  EXPECT_EQ(parser.root()["params"]["_meta"]["trace"].Size(), 16u);
#endif
}

TEST(JsonParserAllocation, SteadyStateAfterALargerMessageDoesNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  // A DOM bigger than the initial pool: the first parse overflows into extra
  // chunks, the next one regrows the buffer, and from then on nothing.
  std::string message = "[";
  for (int i = 0; i < 2000; ++i) {
    absl::StrAppend(&message, i == 0 ? "" : ",", "{\"i\":", i, ",\"s\":\"x\"}");
  }
  message += "]";
  JsonParser parser;
  bool all_ok = false;
  const long count = SteadyStateParseAllocations(parser, message, 20, &all_ok);
  EXPECT_TRUE(all_ok) << parser.error().message;
  EXPECT_EQ(count, 0);
#endif
}

TEST(JsonPointerAllocation, ResolveDoesNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  JsonParser parser;
  ASSERT_TRUE(parser.Parse(ToolsCallRequest(), JsonLimits()));
  auto pointer = JsonPointer::Parse("/params/_meta/trace/15/span");
  ASSERT_TRUE(pointer.ok());
  auto missing = JsonPointer::Parse("/params/arguments/nope~1x");
  ASSERT_TRUE(missing.ok());

  const rapidjson::Value* found = nullptr;
  const rapidjson::Value* not_found = &parser.root();
  long count;
  {
    AllocationCounter counter;
    for (int i = 0; i < 100; ++i) {
      found = pointer->Resolve(parser.root());
      not_found = missing->Resolve(parser.root());
    }
    count = counter.count();
  }
  EXPECT_EQ(count, 0);
  ASSERT_NE(found, nullptr);
  EXPECT_STREQ(found->GetString(), "span-15");
  EXPECT_EQ(not_found, nullptr);
#endif
}

}  // namespace
}  // namespace mcpguard::internal
