#include "session/in_flight_table.h"

#include <utility>

namespace mcpguard::internal {

InFlightTable::InFlightTable(uint32_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {
  // Slots and index grow on demand, so a session that never has many
  // requests in flight stays small; neither ever passes capacity_.
}

void InFlightTable::Unlink(uint32_t slot) {
  Slot& s = slots_[slot];
  if (s.prev != kNone) slots_[s.prev].next = s.next; else oldest_ = s.next;
  if (s.next != kNone) slots_[s.next].prev = s.prev; else newest_ = s.prev;
  s.prev = s.next = kNone;
}

void InFlightTable::Release(uint32_t slot) {
  index_.erase(absl::string_view(slots_[slot].entry.id_key));
  Unlink(slot);
  free_.push_back(slot);
}

InFlightTable::InsertResult InFlightTable::Insert(absl::string_view id_key,
                                                  absl::string_view method, bool has_name,
                                                  absl::string_view name, Entry* evicted,
                                                  uint8_t tag) {
  FreeTaken();
  InsertResult result = InsertResult::kInserted;
  if (index_.size() >= capacity_) {
    // Full: a duplicate must be refused before anything is evicted.
    if (index_.contains(id_key)) return InsertResult::kDuplicate;
    uint32_t victim = oldest_;
    if (evicted != nullptr) {
      evicted->id_key.assign(slots_[victim].entry.id_key);
      evicted->method.assign(slots_[victim].entry.method);
      evicted->name.assign(slots_[victim].entry.name);
      evicted->has_name = slots_[victim].entry.has_name;
      evicted->tag = slots_[victim].entry.tag;
    }
    Release(victim);
    result = InsertResult::kInsertedWithEviction;
  }
  // One hash lookup: the slot is filled only when the key is new, and the
  // map's key then views the slot's own copy of it.
  bool inserted = false;
  index_.lazy_emplace(id_key, [&](const auto& construct) {
    inserted = true;
    uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    Slot& s = slots_[slot];
    s.entry.id_key.assign(id_key.data(), id_key.size());
    s.entry.method.assign(method.data(), method.size());
    s.entry.name.assign(name.data(), name.size());
    s.entry.has_name = has_name;
    s.entry.tag = tag;
    s.prev = newest_;
    s.next = kNone;
    if (newest_ != kNone) slots_[newest_].next = slot; else oldest_ = slot;
    newest_ = slot;
    construct(absl::string_view(s.entry.id_key), slot);
  });
  return inserted ? result : InsertResult::kDuplicate;
}

uint32_t InFlightTable::set_capacity(uint32_t capacity) {
  FreeTaken();
  capacity_ = capacity == 0 ? 1 : capacity;
  uint32_t evicted = 0;
  while (index_.size() > capacity_) {
    Release(oldest_);
    ++evicted;
  }
  return evicted;
}

bool InFlightTable::Take(absl::string_view id_key, Entry* out) {
  const Entry* e = TakeInPlace(id_key);
  if (e == nullptr) return false;
  out->id_key.assign(e->id_key);
  out->method.assign(e->method);
  out->name.assign(e->name);
  out->has_name = e->has_name;
  out->tag = e->tag;
  return true;
}

const InFlightTable::Entry* InFlightTable::TakeInPlace(absl::string_view id_key) {
  FreeTaken();
  auto it = index_.find(id_key);
  if (it == index_.end()) return nullptr;
  const uint32_t slot = it->second;
  index_.erase(it);  // By iterator: no second hash.
  Unlink(slot);
  taken_ = slot;
  return &slots_[slot].entry;
}

}  // namespace mcpguard::internal
