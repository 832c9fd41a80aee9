#include "audit/audit_queue.h"

namespace mcpguard::internal {
namespace {

uint64_t RoundUpToPowerOfTwo(size_t n) {
  uint64_t capacity = 2;
  while (capacity < n && capacity < (uint64_t{1} << 40)) capacity <<= 1;
  return capacity;
}

}  // namespace

AuditQueue::AuditQueue(size_t capacity)
    : mask_(RoundUpToPowerOfTwo(capacity) - 1), slots_(new Slot[mask_ + 1]),
      hints_(new BytesHint[mask_ + 1]) {
  for (uint64_t i = 0; i <= mask_; ++i) slots_[i].seq.store(i, std::memory_order_relaxed);
}

}  // namespace mcpguard::internal
