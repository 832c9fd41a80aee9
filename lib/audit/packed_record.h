// The form an audit record takes in a queue slot: the fixed facts in a small
// header, every text of the event one after another in one byte buffer, and
// the session's shared texts behind a pointer (audit_context.h).
//
// Design note: the checking thread writes a record and the audit thread reads
// it on another core, so what the hot path writes is what crosses between the
// cores' caches. An AuditRecord of fifteen strings touched a dozen scattered
// cache lines per event (each string's heap buffer besides the slot); a packed
// record touches the header and one buffer, mostly a few hundred contiguous
// bytes. The audit thread unpacks it into its own AuditRecord before doing
// anything else, and never writes to the slot.
#ifndef MCPGUARD_AUDIT_PACKED_RECORD_H_
#define MCPGUARD_AUDIT_PACKED_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "audit/audit_context.h"
#include "audit/audit_record.h"

namespace mcpguard::internal {

// A byte buffer that lives inside its queue slot up to kInlineBytes and
// grows onto the heap beyond, keeping that memory when cleared. Inline
// storage keeps a record's bytes in the slot's own cache lines, which the
// checking thread can prefetch before it needs them (AuditQueue::Prefetch).
// Appending is inline and checks the capacity once (std::string::append,
// out of line and alias-safe, cost a hundred instructions per text).
class PackedBytes {
 public:
  static constexpr size_t kInlineBytes = 384;

  PackedBytes() = default;
  PackedBytes(const PackedBytes&) = delete;  // data_ may point into itself.
  PackedBytes& operator=(const PackedBytes&) = delete;

  void clear() {
    data_ = inline_;
    capacity_ = kInlineBytes;
    size_ = 0;
  }
  // Room for `n` more bytes at the end; the caller fills them.
  char* Extend(size_t n) {
    if (capacity_ - size_ < n) Grow(n);
    char* at = data_ + size_;
    size_ += n;
    return at;
  }
  size_t size() const { return size_; }
  absl::string_view view() const { return absl::string_view(data_, size_); }

 private:
  // Moves to the heap buffer (grown to fit) with what was written so far.
  void Grow(size_t n);
  char* data_ = inline_;
  size_t size_ = 0;
  size_t capacity_ = kInlineBytes;
  std::unique_ptr<char[]> heap_;
  size_t heap_capacity_ = 0;
  char inline_[kInlineBytes];
};

struct PackedRecord {
  struct Header {
    AuditKind kind = AuditKind::kMessage;
    bool fail_closed = false;
    bool has_direction = false;
    Direction direction = Direction::kToServer;
    AuditName name_field = AuditName::kNone;
    Decision decision = Decision::kDeny;
    Decision policy_decision = Decision::kDeny;
    bool audit_mode = false;
    bool evicted = false;
    AuditArguments arguments = AuditArguments::kNone;
    bool arguments_only = false;  // See AuditRecord::arguments_only.
    int32_t error_code = 0;
    int64_t time_unix_ns = 0;
    uint64_t duration_ns = 0;
    uint64_t message_size = 0;
    uint64_t retry_after_ms = 0;
    uint32_t findings = 0;     // Counts of the lists in `bytes`.
    uint32_t notes = 0;
    uint32_t diagnostics = 0;
  };
  Header header;
  // The session's texts, or null: then `bytes` carries the policy's name
  // and hash itself (engine events such as a reload).
  const AuditContext* context = nullptr;
  // Length-prefixed texts in the order PackedRecordWriter documents. Its
  // capacity stays with the slot, so a warm queue allocates nothing.
  PackedBytes bytes;
};

// Writes the texts of a record, in this order: jsonrpc id, method, name,
// rule id, reason, arguments, previous policy hash; without a context the
// policy's name and hash; then the findings, notes and diagnostics the
// header counts. Starts by emptying `bytes`.
class PackedRecordWriter {
 public:
  explicit PackedRecordWriter(PackedRecord* record) : bytes_(&record->bytes) {
    bytes_->clear();
  }
  void Text(absl::string_view text) {
    const uint32_t size = static_cast<uint32_t>(text.size());
    char* at = bytes_->Extend(sizeof(size) + text.size());
    std::memcpy(at, &size, sizeof(size));
    if (!text.empty()) std::memcpy(at + sizeof(size), text.data(), text.size());
  }
  void Number(uint64_t value) { std::memcpy(bytes_->Extend(sizeof(value)), &value, sizeof(value)); }
  void Finding(const mcpguard::Finding& finding);

 private:
  PackedBytes* bytes_;
};

// Packs a whole AuditRecord (the slow path: policy events and tests). The
// record's session and policy texts are packed unless `context` carries them.
void PackRecord(const AuditRecord& record, const AuditContext* context, PackedRecord* out);

// Fills *out (reusing its strings' capacity) from a packed record. False if
// the bytes do not hold what the header says, which only a bug can cause;
// *out is then unspecified.
bool UnpackRecord(const PackedRecord& record, AuditRecord* out);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_PACKED_RECORD_H_
