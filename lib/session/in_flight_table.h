// Requests in flight in one direction: id -> (method, name), bounded.
//
// Design note: entries live in a fixed pool of slots, each keeping the id key,
// method and name one after another in one buffer that keeps its capacity
// when reused, threaded on an intrusive list in arrival order, with a hash
// map from id key to slot. After warm-up, Insert and Take allocate nothing,
// and an insert is three memcpy calls rather than three string assignments
// (whose out-of-line code a check could not keep in the instruction cache). When the table is full, the oldest entry is evicted: a response to
// it will then be unknown and denied, which fails closed.
#ifndef MCPGUARD_SESSION_IN_FLIGHT_TABLE_H_
#define MCPGUARD_SESSION_IN_FLIGHT_TABLE_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "base/bytes_equal.h"

namespace mcpguard::internal {

// Per session and direction; not thread-safe (the session serializes).
class InFlightTable {
 public:
  // `capacity` >= 1.
  explicit InFlightTable(uint32_t capacity);
  InFlightTable(const InFlightTable&) = delete;
  InFlightTable& operator=(const InFlightTable&) = delete;

  struct Entry {
    std::string id_key;  // See IdKey in lib/guard; opaque here.
    std::string method;
    std::string name;    // Tool, resource URI or prompt; empty when none.
    bool has_name = false;
    uint8_t tag = 0;     // The caller's; mcpguard keeps the protocol version.
  };
  // An entry read where the table keeps it.
  struct EntryView {
    absl::string_view id_key;
    absl::string_view method;
    absl::string_view name;
    bool has_name = false;
    uint8_t tag = 0;
  };

  enum class InsertResult { kInserted, kDuplicate, kInsertedWithEviction, kRetired };

  // Records a request. kDuplicate (and nothing recorded) when `id_key` is
  // already in flight; kRetired (nothing recorded) when it is retired. On
  // eviction, *evicted receives the oldest entry's id key and method (for
  // the host's record), and that id is retired.
  InsertResult Insert(absl::string_view id_key, absl::string_view method, bool has_name,
                      absl::string_view name, Entry* evicted, uint8_t tag = 0);

  // Records `entry` again (as the newest): a request an insertion evicted,
  // back when the request that evicted it is refused after all.
  InsertResult PutBack(const Entry& entry) {
    Unretire(entry.id_key);
    return Insert(entry.id_key, entry.method, entry.has_name, entry.name, nullptr, entry.tag);
  }

  // Retired ids: requests that left the table without their answer, which
  // the peer may still send (cancelled, evicted). A new request with a
  // retired id is refused, or that late answer would be taken for the new
  // request's (found by an adversarial review: cancel a request, reuse its
  // id for another tool, and the first tool's answer passed as the
  // second's). An id stays retired until an answer to it comes (Unretire),
  // or until kMaxRetired later ones push it out, the oldest first (a
  // session refuses a cancellation rather than let that happen:
  // retired_full()).
  static constexpr size_t kMaxRetired = 4096;
  void Retire(absl::string_view id_key);
  // Whether `id_key` was retired; it no longer is.
  bool Unretire(absl::string_view id_key);
  // Whether kMaxRetired ids are retired: the next Retire forgets the oldest.
  bool retired_full() const { return retired_.size() >= kMaxRetired; }
  // Whether `id_key` is in flight.
  bool Contains(absl::string_view id_key) const { return index_.contains(id_key); }

  // Finds the request `id_key`, copies it to *out and forgets it. False when
  // it is not in flight.
  bool Take(absl::string_view id_key, Entry* out);

  // The same without copying: *out views the forgotten entry where it is,
  // valid until the next call that changes the table. (A response is checked
  // against its request's method and name; copying three strings for that
  // cost more than the lookup.)
  bool TakeInPlace(absl::string_view id_key, EntryView* out);

  // Every insert gets the next serial number (1, 2, ...), so that a request
  // can be told from a later one that reused its id. The serial of the
  // request the last successful Insert recorded.
  uint64_t last_serial() const { return last_serial_; }
  // Forgets `id_key` only while it is still the request with `serial`.
  bool TakeSerial(absl::string_view id_key, uint64_t serial);

  // Changes the cap (a reloaded policy may set another). Shrinking keeps
  // every request in flight, so their answers still match (found by an
  // adversarial review: a reload that lowered the cap forgot the oldest
  // requests at once, without a note, and their answers were dropped); until
  // answers bring the table under the new cap, each Insert evicts the oldest,
  // as in a full table.
  void set_capacity(uint32_t capacity);

  uint32_t size() const { return static_cast<uint32_t>(index_.size()); }
  uint32_t capacity() const { return capacity_; }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Slot {
    std::unique_ptr<char[]> bytes;  // id key, method, name.
    uint32_t capacity = 0;
    uint32_t id_size = 0, method_size = 0, name_size = 0;
    bool has_name = false;
    uint8_t tag = 0;
    uint32_t prev = kNone, next = kNone;  // Arrival order (oldest first).
    uint64_t serial = 0;

    absl::string_view id_key() const { return absl::string_view(bytes.get(), id_size); }
    EntryView View() const {
      return EntryView{id_key(), absl::string_view(bytes.get() + id_size, method_size),
                       absl::string_view(bytes.get() + id_size + method_size, name_size),
                       has_name, tag};
    }
  };
  void Unlink(uint32_t slot);
  void Release(uint32_t slot);
  // Frees the slot TakeInPlace handed out, if any.
  void FreeTaken() {
    if (taken_ != kNone) free_.push_back(taken_);
    taken_ = kNone;
  }

  uint32_t capacity_;
  std::deque<Slot> slots_;  // Deque: growth never moves a slot.
  std::vector<uint32_t> free_;
  uint32_t oldest_ = kNone, newest_ = kNone;
  uint32_t taken_ = kNone;  // Out of the index and the list, not yet free.
  uint64_t last_serial_ = 0;
  // Retired ids by hash (a collision, 1 in 2^64 per pair, refuses a new
  // id), each with the serial of its retirement, and the order they came
  // in (entries whose serial is no longer the hash's are stale).
  struct RetiredEntry {
    uint64_t hash;
    uint64_t serial;
  };
  absl::flat_hash_map<uint64_t, uint64_t> retired_;
  std::deque<RetiredEntry> retired_order_;
  uint64_t retire_serial_ = 0;
  // Keys view the id keys inside slots_ (stable while mapped).
  absl::flat_hash_map<absl::string_view, uint32_t, absl::Hash<absl::string_view>, BytesEqualTo>
      index_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SESSION_IN_FLIGHT_TABLE_H_
