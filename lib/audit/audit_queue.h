// A bounded queue of audit records: many producers (the threads running
// Session::Check), one consumer (the audit thread).
//
// Design note: producers must never wait, so this is D. Vyukov's bounded
// queue: a ring of slots, each with a sequence number saying whose turn it
// is; a producer claims a position with one CAS, fills the slot in place and
// publishes it with a release store; the consumer reads it in place and
// hands the slot back. A full ring refuses at once. Slots keep their
// records between laps, so warm records allocate nothing.
#ifndef MCPGUARD_AUDIT_AUDIT_QUEUE_H_
#define MCPGUARD_AUDIT_AUDIT_QUEUE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "audit/packed_record.h"

namespace mcpguard::internal {

class AuditQueue {
 public:
  // `capacity` is rounded up to a power of two, at least 2.
  explicit AuditQueue(size_t capacity);

  size_t capacity() const { return mask_ + 1; }

  // Claims a slot, lets `fill` write the record in it, publishes it, and
  // sets *position to the record's number (0, 1, ...). False (and `fill`
  // not called) when the queue is full.
  template <typename Fill>
  bool TryPush(Fill&& fill, uint64_t* position) {
    uint64_t pos = enqueue_.load(std::memory_order_relaxed);
    Slot* slot;
    for (;;) {
      slot = &slots_[pos & mask_];
      const uint64_t seq = slot->seq.load(std::memory_order_acquire);
      const int64_t diff = static_cast<int64_t>(seq) - static_cast<int64_t>(pos);
      if (diff == 0) {
        if (enqueue_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) break;
      } else if (diff < 0) {
        return false;  // The consumer has not freed this slot yet: full.
      } else {
        pos = enqueue_.load(std::memory_order_relaxed);
      }
    }
    fill(slot->record);
    slot->seq.store(pos + 1, std::memory_order_release);
    *position = pos;
    return true;
  }
  // Asks the cache for the slot the next push will most likely fill, ready to
  // be written. A producer calls it well before pushing (at the start of a
  // check), so that taking the slot's lines from the audit thread's core
  // overlaps with other work instead of stalling the push.
  void Prefetch() const {
    const char* slot =
        reinterpret_cast<const char*>(&slots_[enqueue_.load(std::memory_order_relaxed) & mask_]);
    for (size_t line = 0; line < sizeof(Slot); line += 64) __builtin_prefetch(slot + line, 1, 3);
  }
  // Records pushed so far.
  uint64_t pushed() const { return enqueue_.load(std::memory_order_relaxed); }

  // Consumer only. The next record, or null when none is published yet.
  // It stays valid until Pop().
  PackedRecord* Front() {
    Slot& slot = slots_[dequeue_ & mask_];
    if (slot.seq.load(std::memory_order_acquire) != dequeue_ + 1) return nullptr;
    return &slot.record;
  }
  // Consumer only: records popped so far (the position of the front one).
  uint64_t popped() const { return dequeue_; }
  // Consumer only: gives the front slot back to the producers.
  void Pop() {
    Slot& slot = slots_[dequeue_ & mask_];
    slot.seq.store(dequeue_ + mask_ + 1, std::memory_order_release);
    ++dequeue_;
  }

 private:
  // Cache-line aligned, so that a slot's lines are its own.
  struct alignas(64) Slot {
    std::atomic<uint64_t> seq{0};
    PackedRecord record;
  };
  const uint64_t mask_;
  std::unique_ptr<Slot[]> slots_;
  alignas(64) std::atomic<uint64_t> enqueue_{0};
  alignas(64) uint64_t dequeue_ = 0;  // Consumer only.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_QUEUE_H_
