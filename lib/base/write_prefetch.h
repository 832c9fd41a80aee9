// Asking the cache for lines this core is about to write, in the state a
// write needs.
//
// Design note: __builtin_prefetch(p, 1) emits PREFETCHW only when the build
// targets it (-mprfchw); for the project's SSE4.2 build GCC emits
// PREFETCHT0, a read prefetch. For a line last written by another core a
// read prefetch brings a shared copy, and the write still has to take the
// line from that core; the wait then lands on the next locked instruction
// (a mutex unlock, a compare-and-swap), which waits for earlier stores to
// complete. PREFETCHW takes the line for writing at once. It is used when
// the CPU reports it (CPUID 0x80000001 ECX bit 8: AMD since the K8, Intel
// since Broadwell), and PREFETCHT0 otherwise.
#ifndef MCPGUARD_BASE_WRITE_PREFETCH_H_
#define MCPGUARD_BASE_WRITE_PREFETCH_H_

#include <cstddef>

namespace mcpguard::internal {

// Prefetches, for writing, every 64-byte line that [begin, begin + bytes)
// touches. Never faults, whatever the address.
void PrefetchForWrite(const void* begin, size_t bytes);

// Whether PrefetchForWrite issues PREFETCHW on this CPU.
bool HasWritePrefetch();

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_WRITE_PREFETCH_H_
