#include "session/token_bucket_table.h"

#include <algorithm>

#include "absl/hash/hash.h"

namespace mcpguard::internal {
namespace {

constexpr uint64_t kNanosPerSecond = 1000000000;

// A rate in the table's units (see the design note in the header): time in
// 1/requests ns, so one token costs `cost` units and a full bucket holds
// `capacity` units. Both exact.
struct Scaled {
  uint32_t requests;
  absl::uint128 cost;      // period_ns
  absl::uint128 capacity;  // burst * period_ns
};

Scaled Scale(const BucketRate& rate) {
  const uint32_t requests = std::max<uint32_t>(rate.requests, 1);
  const uint64_t period_ns =
      static_cast<uint64_t>(std::max<uint32_t>(rate.period_seconds, 1)) * kNanosPerSecond;
  const uint32_t burst = std::max<uint32_t>(rate.burst, 1);
  return Scaled{requests, period_ns, absl::uint128(burst) * period_ns};
}

uint64_t Saturate64(absl::uint128 value) {
  return absl::Uint128High64(value) != 0 ? UINT64_MAX : absl::Uint128Low64(value);
}

}  // namespace

void TokenBucketTable::Unlink(uint32_t slot) {
  Slot& s = slots_[slot];
  if (s.prev != kNone) slots_[s.prev].next = s.next; else oldest_ = s.next;
  if (s.next != kNone) slots_[s.next].prev = s.prev; else newest_ = s.prev;
  s.prev = s.next = kNone;
}

void TokenBucketTable::LinkNewest(uint32_t slot) {
  Slot& s = slots_[slot];
  s.prev = newest_;
  s.next = kNone;
  if (newest_ != kNone) slots_[newest_].next = slot; else oldest_ = slot;
  newest_ = slot;
}

size_t TokenBucketTable::EvictedCell(absl::string_view key) {
  return absl::HashOf(key) & (kEvictedCells - 1);
}

void TokenBucketTable::EvictOldest(std::string* evicted_key) {
  const uint32_t victim = oldest_;
  const Slot& v = slots_[victim];
  if (evicted_full_at_.empty()) evicted_full_at_.assign(kEvictedCells, 0);
  uint64_t& full_at = evicted_full_at_[EvictedCell(v.key)];
  full_at = std::max(full_at, Saturate64(v.tat / v.requests));
  if (evicted_key != nullptr) evicted_key->assign(slots_[victim].key);
  index_.erase(absl::string_view(slots_[victim].key));
  Unlink(victim);
  free_.push_back(victim);
}

uint32_t TokenBucketTable::FindOrCreate(absl::string_view key, absl::uint128 now,
                                        uint32_t requests, absl::uint128 capacity,
                                        TakeResult* result, std::string* evicted_key) {
  if (auto it = index_.find(key); it != index_.end()) {
    const uint32_t slot = it->second;
    Unlink(slot);
    LinkNewest(slot);
    return slot;
  }
  // The buckets this call already touched are the most recent ones and
  // capacity_ >= the number of draws, so the oldest is never one of them.
  if (index_.size() >= capacity_) {
    EvictOldest(evicted_key);
    ++result->evicted;
  }
  uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.key.assign(key.data(), key.size());
  s.requests = requests;
  // Full (a TAT in the past or present leaves burst tokens), unless a
  // bucket dropped in its cell is not full again yet; then no emptier than
  // empty by its own rate (found by a review: a cell a slow limit's bucket
  // left a year ahead locked a fast limit's new buckets for that year).
  s.tat = now;
  if (!evicted_full_at_.empty()) {
    const absl::uint128 full_at = absl::uint128(evicted_full_at_[EvictedCell(key)]) * requests;
    s.tat = std::max(now, std::min(full_at, now + capacity));
  }
  LinkNewest(slot);
  index_.emplace(absl::string_view(s.key), slot);
  return slot;
}

TokenBucketTable::TakeResult TokenBucketTable::TakeAll(absl::Span<BucketDraw> draws,
                                                       int64_t now_ns, uint32_t capacity,
                                                       std::string* evicted_key) {
  TakeResult result;
  const uint64_t now = now_ns < 0 ? 0 : static_cast<uint64_t>(now_ns);
  std::lock_guard<std::mutex> lock(mu_);
  capacity_ = std::max<uint64_t>({capacity, draws.size(), 1});
  while (index_.size() > capacity_) {
    EvictOldest(evicted_key);
    ++result.evicted;
  }
  // Pass 1: find every bucket and whether it has a token, changing nothing
  // but the use order, so that a refused request costs no bucket a token.
  touched_.clear();
  result.taken = true;
  for (BucketDraw& draw : draws) {
    const Scaled rate = Scale(draw.rate);
    const absl::uint128 now_scaled = absl::uint128(now) * rate.requests;
    const uint32_t slot =
        FindOrCreate(draw.key, now_scaled, rate.requests, rate.capacity, &result, evicted_key);
    touched_.push_back(slot);
    const absl::uint128 start = std::max(slots_[slot].tat, now_scaled);
    const absl::uint128 next = start + rate.cost;
    if (next - now_scaled <= rate.capacity) {
      draw.wait_ns = 0;
      // Tokens there now (none taken yet): what is not owed, in tokens.
      draw.tokens_left =
          static_cast<uint32_t>((rate.capacity - (start - now_scaled)) / rate.cost);
    } else {
      // Round up: after wait_ns whole nanoseconds the token is there.
      const absl::uint128 owed = next - now_scaled - rate.capacity;
      draw.wait_ns = Saturate64((owed + rate.requests - 1) / rate.requests);
      draw.tokens_left = 0;
      result.taken = false;
    }
  }
  if (!result.taken) return result;
  // Pass 2: every bucket had a token; take one from each.
  for (size_t i = 0; i < draws.size(); ++i) {
    const Scaled rate = Scale(draws[i].rate);
    const absl::uint128 now_scaled = absl::uint128(now) * rate.requests;
    Slot& s = slots_[touched_[i]];
    s.tat = std::max(s.tat, now_scaled) + rate.cost;
    --draws[i].tokens_left;
  }
  return result;
}

size_t TokenBucketTable::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return index_.size();
}

}  // namespace mcpguard::internal
