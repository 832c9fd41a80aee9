#include "base/write_prefetch.h"

#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#define MCPGUARD_X86_PREFETCHW 1
#endif

namespace mcpguard::internal {
namespace {

constexpr uintptr_t kLine = 64;

bool Detect() {
#if defined(MCPGUARD_X86_PREFETCHW)
  unsigned eax, ebx, ecx, edx;
  if (__get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx) == 0) return false;
  return (ecx & (1u << 8)) != 0;  // 3DNowPrefetch: PREFETCH and PREFETCHW.
#else
  return false;
#endif
}

template <typename Prefetch>
inline void ForEachLine(const void* begin, size_t bytes, Prefetch prefetch) {
  if (bytes == 0) return;
  uintptr_t line = reinterpret_cast<uintptr_t>(begin) & ~(kLine - 1);
  const uintptr_t end = reinterpret_cast<uintptr_t>(begin) + bytes;
  for (; line < end; line += kLine) prefetch(reinterpret_cast<const char*>(line));
}

#if defined(MCPGUARD_X86_PREFETCHW)
// Written as assembly: the builtin emits PREFETCHW only in code compiled for
// it, and GCC may inline such code into its caller, losing the target.
void PrefetchW(const void* begin, size_t bytes) {
  ForEachLine(begin, bytes, [](const char* p) {
    asm volatile("prefetchw %0" : : "m"(*p));
  });
}
#endif

void PrefetchT0(const void* begin, size_t bytes) {
  ForEachLine(begin, bytes, [](const char* p) { __builtin_prefetch(p, 1, 3); });
}

}  // namespace

bool HasWritePrefetch() {
  static const bool has = Detect();
  return has;
}

void PrefetchForWrite(const void* begin, size_t bytes) {
#if defined(MCPGUARD_X86_PREFETCHW)
  if (HasWritePrefetch()) {
    PrefetchW(begin, bytes);
    return;
  }
#endif
  PrefetchT0(begin, bytes);
}

}  // namespace mcpguard::internal
