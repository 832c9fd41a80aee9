#include "session/in_flight_table.h"

#include <cstring>
#include <utility>

#include "absl/hash/hash.h"

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
  index_.erase(slots_[slot].id_key());
  Unlink(slot);
  free_.push_back(slot);
}

InFlightTable::InsertResult InFlightTable::Insert(absl::string_view id_key,
                                                  absl::string_view method, bool has_name,
                                                  absl::string_view name, Entry* evicted,
                                                  uint8_t tag) {
  FreeTaken();
  if (!retired_.empty() && retired_.contains(absl::HashOf(id_key))) return InsertResult::kRetired;
  InsertResult result = InsertResult::kInserted;
  if (index_.size() >= capacity_) {
    // Full: a duplicate must be refused before anything is evicted.
    if (index_.contains(id_key)) return InsertResult::kDuplicate;
    uint32_t victim = oldest_;
    if (evicted != nullptr) {
      const EntryView v = slots_[victim].View();
      evicted->id_key.assign(v.id_key.data(), v.id_key.size());
      evicted->method.assign(v.method.data(), v.method.size());
      evicted->name.assign(v.name.data(), v.name.size());
      evicted->has_name = v.has_name;
      evicted->tag = v.tag;
    }
    Retire(slots_[victim].id_key());
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
    const size_t size = id_key.size() + method.size() + name.size();
    if (size > s.capacity) {
      const size_t capacity = size < 64 ? 64 : size;
      s.bytes.reset(new char[capacity]);
      s.capacity = static_cast<uint32_t>(capacity);
    }
    char* at = s.bytes.get();
    if (!id_key.empty()) std::memcpy(at, id_key.data(), id_key.size());
    if (!method.empty()) std::memcpy(at + id_key.size(), method.data(), method.size());
    if (!name.empty()) std::memcpy(at + id_key.size() + method.size(), name.data(), name.size());
    s.id_size = static_cast<uint32_t>(id_key.size());
    s.method_size = static_cast<uint32_t>(method.size());
    s.name_size = static_cast<uint32_t>(name.size());
    s.has_name = has_name;
    s.tag = tag;
    s.serial = ++last_serial_;
    s.prev = newest_;
    s.next = kNone;
    if (newest_ != kNone) slots_[newest_].next = slot; else oldest_ = slot;
    newest_ = slot;
    construct(s.id_key(), slot);
  });
  return inserted ? result : InsertResult::kDuplicate;
}

void InFlightTable::Retire(absl::string_view id_key) {
  const uint64_t hash = absl::HashOf(id_key);
  if (retired_.contains(hash)) return;
  const uint64_t serial = ++retire_serial_;
  retired_.emplace(hash, serial);
  retired_order_.push_back({hash, serial});
  // Past the bound, the oldest still retired goes. Entries unretired since
  // (an answer came) are skipped, and compacted away before they can make
  // the queue grow without bound; they never push out a live one (found by
  // a review: cancel-and-answer cycles flushed a retired id that way).
  auto live = [&](const RetiredEntry& e) {
    auto it = retired_.find(e.hash);
    return it != retired_.end() && it->second == e.serial;
  };
  while (!retired_order_.empty() && !live(retired_order_.front())) retired_order_.pop_front();
  if (retired_.size() > kMaxRetired) {
    retired_.erase(retired_order_.front().hash);
    retired_order_.pop_front();
  }
  if (retired_order_.size() > 2 * kMaxRetired) {
    std::deque<RetiredEntry> kept;
    for (const RetiredEntry& e : retired_order_) {
      if (live(e)) kept.push_back(e);
    }
    retired_order_.swap(kept);
  }
}

bool InFlightTable::Unretire(absl::string_view id_key) {
  return !retired_.empty() && retired_.erase(absl::HashOf(id_key)) > 0;
}

void InFlightTable::set_capacity(uint32_t capacity) { capacity_ = capacity == 0 ? 1 : capacity; }

bool InFlightTable::Take(absl::string_view id_key, Entry* out) {
  EntryView e;
  if (!TakeInPlace(id_key, &e)) return false;
  out->id_key.assign(e.id_key.data(), e.id_key.size());
  out->method.assign(e.method.data(), e.method.size());
  out->name.assign(e.name.data(), e.name.size());
  out->has_name = e.has_name;
  out->tag = e.tag;
  return true;
}

bool InFlightTable::TakeSerial(absl::string_view id_key, uint64_t serial) {
  FreeTaken();
  auto it = index_.find(id_key);
  if (it == index_.end() || slots_[it->second].serial != serial) return false;
  Release(it->second);
  return true;
}

bool InFlightTable::TakeInPlace(absl::string_view id_key, EntryView* out) {
  FreeTaken();
  auto it = index_.find(id_key);
  if (it == index_.end()) return false;
  const uint32_t slot = it->second;
  index_.erase(it);  // By iterator: no second hash.
  Unlink(slot);
  taken_ = slot;
  *out = slots_[slot].View();
  return true;
}

}  // namespace mcpguard::internal
