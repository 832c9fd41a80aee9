// The rate-limit buckets of one Engine, shared by all of its sessions.
//
// Design note. Each bucket is a token bucket in its GCRA form (the "virtual
// scheduling" of ITU-T I.371): instead of a token count and a refill
// timestamp it keeps one number, the theoretical arrival time (TAT) at which
// the bucket would be full again. Refill is therefore computed lazily from
// the clock on use and never accumulates rounding: times are integers in
// units of 1/requests nanosecond, in which one token costs exactly
// period_ns units and a full bucket is burst * period_ns units, so every
// operation is exact (128-bit, no overflow for any uint32 rate and any
// non-negative int64 clock). A request at `now` conforms when
// max(TAT, now) + period_ns - now <= burst * period_ns.
//
// Memory is bounded: at most `capacity` buckets; a new key when full drops
// the least recently used bucket (an intrusive list over a slot pool plus a
// hash map: O(1), and no allocation once the pool is warm). A dropped bucket
// leaves its time "full again" in a fixed array of cells chosen by a hash of
// its key (the latest time per cell), and a new bucket starts no fuller than
// its cell says, and no emptier than empty by its own rate: a key cannot win
// its burst back by pushing its own empty bucket out with keys it makes up
// (found by an adversarial review: 70,000 distinct resource URIs did it in
// half a second). A new key that shares a cell with a recently dropped bucket
// that was not full starts with at most its own burst owed, until that
// bucket's time passes; a client that drains and drops many buckets can so
// make other clients' new keys start empty (as if they had spent their
// burst), never longer than their own limit's refill.
//
// One std::mutex guards the table (std::mutex, not absl::Mutex, so that
// ThreadSanitizer sees it). Only requests that some rate limit matches take
// it, for a hash lookup and a few integer operations. One lock, rather than
// shards, keeps the LRU order global (so the bound is exact) and lets a
// request draw from several buckets atomically: all of them or none.
#ifndef MCPGUARD_SESSION_TOKEN_BUCKET_TABLE_H_
#define MCPGUARD_SESSION_TOKEN_BUCKET_TABLE_H_

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/numeric/int128.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mcpguard::internal {

// `burst` tokens, refilled at `requests` per `period_seconds`. Zeros are
// read as 1 (the policy compiler never produces them).
struct BucketRate {
  uint32_t requests = 1;
  uint32_t period_seconds = 1;
  uint32_t burst = 1;
};

// One bucket a request draws a token from, and what the table found there.
struct BucketDraw {
  // Names the bucket. A key must always come with the same rate (callers
  // put the rate's numbers in the key), and the keys of one TakeAll call
  // must differ.
  absl::string_view key;
  BucketRate rate;
  // Out: 0 when the bucket had a token; else the nanoseconds until it has
  // one (assuming nobody else draws from it meanwhile).
  uint64_t wait_ns = 0;
  // Out: whole tokens left, after the take when TakeAll took.
  uint32_t tokens_left = 0;
};

// Thread-safe.
class TokenBucketTable {
 public:
  TokenBucketTable() = default;
  TokenBucketTable(const TokenBucketTable&) = delete;  // Owns the buckets' state.
  TokenBucketTable& operator=(const TokenBucketTable&) = delete;

  struct TakeResult {
    bool taken = false;    // Every draw had a token, and one was taken from each.
    uint32_t evicted = 0;  // Buckets dropped to stay within the capacity.
  };

  // Takes one token from every draw's bucket at time `now_ns` (a monotonic
  // clock; negative reads as 0), or from none of them when any is empty:
  // a refused request costs nothing. A key not in the table gets a new, full
  // bucket. `capacity` is the most buckets the table may hold from now on
  // (a smaller one than before evicts at once); it is raised to draws.size()
  // if smaller, since the buckets in use are never evicted. When buckets
  // are evicted, *evicted_key (if not null) receives the last one's key.
  // Fills every draw's wait_ns and tokens_left.
  TakeResult TakeAll(absl::Span<BucketDraw> draws, int64_t now_ns, uint32_t capacity,
                     std::string* evicted_key);

  size_t size() const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr size_t kEvictedCells = 4096;  // A power of two.
  struct Slot {
    std::string key;
    absl::uint128 tat = 0;  // In units of 1/requests ns.
    uint32_t requests = 1;  // The rate's, for tat's units.
    uint32_t prev = kNone, next = kNone;  // Use order, least recent first.
  };
  // The slot of `key`, made most recently used; a new full bucket if absent.
  uint32_t FindOrCreate(absl::string_view key, absl::uint128 now, uint32_t requests,
                        absl::uint128 capacity, TakeResult* result, std::string* evicted_key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  static size_t EvictedCell(absl::string_view key);
  void EvictOldest(std::string* evicted_key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Unlink(uint32_t slot) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void LinkNewest(uint32_t slot) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable std::mutex mu_;
  uint64_t capacity_ ABSL_GUARDED_BY(mu_) = 1;
  std::deque<Slot> slots_ ABSL_GUARDED_BY(mu_);  // Deque: growth never moves a slot.
  std::vector<uint32_t> free_ ABSL_GUARDED_BY(mu_);
  uint32_t oldest_ ABSL_GUARDED_BY(mu_) = kNone;
  uint32_t newest_ ABSL_GUARDED_BY(mu_) = kNone;
  // Keys view the key strings inside slots_ (stable while mapped).
  absl::flat_hash_map<absl::string_view, uint32_t> index_ ABSL_GUARDED_BY(mu_);
  std::vector<uint32_t> touched_ ABSL_GUARDED_BY(mu_);  // Slots of the current call.
  // Per cell, the latest time (ns) at which a bucket dropped there would be
  // full again; allocated at the first eviction.
  std::vector<uint64_t> evicted_full_at_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SESSION_TOKEN_BUCKET_TABLE_H_
