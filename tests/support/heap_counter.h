// Counting heap calls in a test binary, to prove code does not allocate.
//
// heap_counter.cc replaces malloc, calloc, realloc and free with wrappers
// around glibc's own that count while an AllocationCounter is alive. It is
// linked only into test binaries that use AllocationCounter (it lives in a
// static library, so the linker pulls it in on use). Sanitizers replace malloc
// themselves (and glibc's __libc_* entry points would bypass their
// bookkeeping), so under a sanitizer, or without glibc, nothing is replaced,
// MCPGUARD_ALLOC_TEST_COUNTS is left undefined and tests should skip.
#ifndef MCPGUARD_TESTS_SUPPORT_HEAP_COUNTER_H_
#define MCPGUARD_TESTS_SUPPORT_HEAP_COUNTER_H_

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MCPGUARD_ALLOC_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define MCPGUARD_ALLOC_TEST_SANITIZED 1
#endif
#endif

#include <cstdlib>  // Defines __GLIBC__.

#if defined(__GLIBC__) && !defined(MCPGUARD_ALLOC_TEST_SANITIZED)
#define MCPGUARD_ALLOC_TEST_COUNTS 1
#endif

namespace mcpguard::test_support {

// Counts heap calls (malloc, calloc, realloc, and free of a non-null pointer)
// made on any thread while it is alive. One at a time; not reentrant.
class AllocationCounter {
 public:
  AllocationCounter();
  ~AllocationCounter();
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;

  long count() const;
};

}  // namespace mcpguard::test_support

#endif  // MCPGUARD_TESTS_SUPPORT_HEAP_COUNTER_H_
