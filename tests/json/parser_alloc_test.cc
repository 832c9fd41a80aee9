// Proves that JsonParser::Parse and JsonPointer::Resolve do not touch the heap
// once warmed up, by replacing malloc and friends for this test binary with
// counting wrappers around glibc's own.
//
// Sanitizers replace malloc themselves (and glibc's __libc_* entry points would
// bypass their bookkeeping), so under a sanitizer the wrappers are left out and
// the tests skip.
#include <cstddef>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "json/limits.h"
#include "json/parser.h"
#include "json/pointer.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MCPGUARD_ALLOC_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define MCPGUARD_ALLOC_TEST_SANITIZED 1
#endif
#endif

#if defined(__GLIBC__) && !defined(MCPGUARD_ALLOC_TEST_SANITIZED)
#define MCPGUARD_ALLOC_TEST_COUNTS 1

namespace {
// Test-only globals: the allocator hooks have nowhere else to keep state. The
// test binary runs its tests on one thread.
bool g_counting = false;
long g_allocations = 0;
}  // namespace

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* ptr, size_t size);
void __libc_free(void* ptr);

void* malloc(size_t size) noexcept {
  if (g_counting) ++g_allocations;
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) noexcept {
  if (g_counting) ++g_allocations;
  return __libc_calloc(count, size);
}
void* realloc(void* ptr, size_t size) noexcept {
  if (g_counting) ++g_allocations;
  return __libc_realloc(ptr, size);
}
void free(void* ptr) noexcept {
  if (g_counting && ptr != nullptr) ++g_allocations;
  __libc_free(ptr);
}
}  // extern "C"
#endif

namespace mcpguard::internal {
namespace {

#ifdef MCPGUARD_ALLOC_TEST_COUNTS
// Counts heap calls made while it is alive.
class AllocationCounter {
 public:
  AllocationCounter() {
    g_allocations = 0;
    g_counting = true;
  }
  ~AllocationCounter() { g_counting = false; }
  long count() const { return g_allocations; }
};
#endif

// A ~1 KB MCP tools/call request.
[[maybe_unused]] std::string ToolsCallMessage() {
  std::string message =
      "{\"jsonrpc\":\"2.0\",\"id\":\"req-8f14e45f\",\"method\":\"tools/call\","
      "\"params\":{\"name\":\"filesystem.read_file\",\"arguments\":{"
      "\"path\":\"/home/user/projects/mcpguard/README.md\",\"encoding\":\"utf-8\","
      "\"max_bytes\":65536,\"follow_symlinks\":false,\"offset\":0,"
      "\"tags\":[\"docs\",\"readme\",\"\\u00e9t\\u00e9\"],\"ratio\":0.75,"
      "\"options\":{\"recursive\":false,\"pattern\":null,\"depth\":3}},"
      "\"_meta\":{\"progressToken\":42,\"trace\":[";
  for (int i = 0; i < 16; ++i) {
    absl::StrAppend(&message, i == 0 ? "" : ",", "{\"span\":\"span-", i,
                    "\",\"start\":", 1700000000 + i, ",\"ok\":true}");
  }
  message += "]}}}";
  return message;
}

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

TEST(JsonParserAllocation, SteadyStateParseDoesNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  const std::string message = ToolsCallMessage();
  ASSERT_GT(message.size(), 900u);
  ASSERT_LT(message.size(), 1400u);
  const JsonLimits limits;
  JsonParser parser;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(parser.Parse(message, limits));

  bool all_ok = true;
  long count;
  {
    AllocationCounter counter;
    for (int i = 0; i < 100; ++i) all_ok &= parser.Parse(message, limits);
    count = counter.count();
  }
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
  const JsonLimits limits;
  JsonParser parser;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(parser.Parse(message, limits));

  bool all_ok = true;
  long count;
  {
    AllocationCounter counter;
    for (int i = 0; i < 20; ++i) all_ok &= parser.Parse(message, limits);
    count = counter.count();
  }
  EXPECT_TRUE(all_ok) << parser.error().message;
  EXPECT_EQ(count, 0);
#endif
}

TEST(JsonPointerAllocation, ResolveDoesNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  JsonParser parser;
  ASSERT_TRUE(parser.Parse(ToolsCallMessage(), JsonLimits()));
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
