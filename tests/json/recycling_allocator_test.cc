#include "json/recycling_allocator.h"

#include <cstring>

#include "gtest/gtest.h"
#include "rapidjson/internal/stack.h"

namespace mcpguard::internal {
namespace {

TEST(RecyclingStackAllocator, HandsBackTheSameBlockAfterShrinkToFit) {
  RecyclingStackAllocator allocator;
  rapidjson::internal::Stack<RecyclingStackAllocator> stack(&allocator, 64);
  *stack.Push<int>() = 1;
  const int* first = stack.Bottom<int>();
  stack.Clear();
  stack.ShrinkToFit();  // What GenericDocument does after every parse.
  EXPECT_EQ(stack.Bottom<int>(), nullptr);
  *stack.Push<int>() = 2;
  EXPECT_EQ(stack.Bottom<int>(), first);
}

TEST(RecyclingStackAllocator, GrowingKeepsTheContents) {
  RecyclingStackAllocator allocator;
  rapidjson::internal::Stack<RecyclingStackAllocator> stack(&allocator, 16);
  for (int i = 0; i < 1000; ++i) *stack.Push<int>() = i;
  ASSERT_EQ(stack.GetSize(), 1000 * sizeof(int));
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(stack.Bottom<int>()[i], i);
  EXPECT_GE(allocator.capacity(), 1000 * sizeof(int));
}

TEST(RecyclingStackAllocator, TrimReleasesOnlyLargeBlocks) {
  RecyclingStackAllocator allocator;
  void* block = allocator.Malloc(100);
  ASSERT_NE(block, nullptr);
  allocator.Trim(1000);
  EXPECT_EQ(allocator.Malloc(50), block);
  allocator.Trim(10);
  EXPECT_EQ(allocator.capacity(), 0u);
  EXPECT_NE(allocator.Malloc(10), nullptr);
}

}  // namespace
}  // namespace mcpguard::internal
