#include "heap_counter.h"

#include <atomic>
#include <cstddef>

namespace {
// Test-only globals: the allocator hooks have nowhere else to keep state.
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

#ifdef MCPGUARD_ALLOC_TEST_COUNTS
extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* ptr, size_t size);
void __libc_free(void* ptr);

void* malloc(size_t size) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return __libc_calloc(count, size);
}
void* realloc(void* ptr, size_t size) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return __libc_realloc(ptr, size);
}
void free(void* ptr) noexcept {
  if (g_counting.load(std::memory_order_relaxed) && ptr != nullptr) g_allocations.fetch_add(1);
  __libc_free(ptr);
}
}  // extern "C"
#endif

namespace mcpguard::test_support {

AllocationCounter::AllocationCounter() {
  g_allocations.store(0);
  g_counting.store(true);
}

AllocationCounter::~AllocationCounter() { g_counting.store(false); }

long AllocationCounter::count() const { return g_allocations.load(); }

}  // namespace mcpguard::test_support
