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

#include "absl/strings/string_view.h"
#include "audit/packed_record.h"
#include "base/write_prefetch.h"

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
    // Where this record's bytes went, for the Prefetch of the next lap.
    const absl::string_view bytes = slot->record.bytes.view();
    BytesHint& hint = hints_[pos & mask_];
    hint.data.store(bytes.data(), std::memory_order_relaxed);
    hint.size.store(bytes.size(), std::memory_order_relaxed);
    slot->seq.store(pos + 1, std::memory_order_release);
    *position = pos;
    return true;
  }
  // Asks the cache for the slot the next push will most likely fill, ready to
  // be written. A producer calls it well before pushing (at the start of a
  // check), so that taking the slot's lines from the audit thread's core
  // overlaps with other work instead of stalling the push.
  //
  // A record too long for the slot's own bytes (a tool call's arguments)
  // goes to the slot's heap buffer, whose lines the audit thread read last
  // lap: those are prefetched too, as far as the slot's previous record
  // reached (up to kMaxPrefetchBytes). The hint of where that was is kept
  // apart from the slots, on lines only producers write, so reading it
  // never waits for the audit thread's core; a stale hint costs nothing but
  // useless prefetches, which never fault.
  void Prefetch() const {
    const uint64_t index = enqueue_.load(std::memory_order_relaxed) & mask_;
    const char* slot = reinterpret_cast<const char*>(&slots_[index]);
    PrefetchForWrite(slot, sizeof(Slot));
    const char* data = hints_[index].data.load(std::memory_order_relaxed);
    if (data >= slot && data < slot + sizeof(Slot)) return;  // Inline: done above.
    size_t size = hints_[index].size.load(std::memory_order_relaxed);
    if (size > kMaxPrefetchBytes) size = kMaxPrefetchBytes;
    PrefetchForWrite(data, size);
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
  // Where the last record of a slot kept its bytes (Prefetch).
  struct BytesHint {
    std::atomic<const char*> data{nullptr};
    std::atomic<size_t> size{0};
  };
  static constexpr size_t kMaxPrefetchBytes = 4096;
  const uint64_t mask_;
  std::unique_ptr<Slot[]> slots_;
  std::unique_ptr<BytesHint[]> hints_;
  alignas(64) std::atomic<uint64_t> enqueue_{0};
  alignas(64) uint64_t dequeue_ = 0;  // Consumer only.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_QUEUE_H_
