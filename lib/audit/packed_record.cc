#include "audit/packed_record.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace mcpguard::internal {
namespace {

// Reads what PackedRecordWriter wrote, in the same order.
class PackedReader {
 public:
  explicit PackedReader(absl::string_view bytes) : rest_(bytes) {}

  bool Text(absl::string_view* text) {
    uint32_t size;
    if (!Raw(&size) || rest_.size() < size) return false;
    *text = rest_.substr(0, size);
    rest_.remove_prefix(size);
    return true;
  }
  bool Text(std::string* text) {
    absl::string_view view;
    if (!Text(&view)) return false;
    text->assign(view.data(), view.size());
    return true;
  }
  template <typename T>
  bool Raw(T* value) {
    if (rest_.size() < sizeof(T)) return false;
    std::memcpy(value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  bool Finding(mcpguard::Finding* finding) {
    uint64_t offset, length;
    double score;
    if (!Text(&finding->category) || !Text(&finding->detector) || !Text(&finding->pointer) ||
        !Text(&finding->reason) || !Raw(&offset) || !Raw(&length) || !Raw(&score)) {
      return false;
    }
    finding->offset = static_cast<size_t>(offset);
    finding->length = static_cast<size_t>(length);
    finding->score = score;
    return true;
  }
  bool Texts(uint32_t count, std::vector<std::string>* texts) {
    texts->resize(count);
    for (std::string& text : *texts) {
      if (!Text(&text)) return false;
    }
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  absl::string_view rest_;
};

}  // namespace

void PackedBytes::Grow(size_t n) {
  const size_t needed = size_ + n;
  if (heap_capacity_ < needed) {
    size_t capacity = 2 * kInlineBytes;
    while (capacity < needed) capacity *= 2;
    std::unique_ptr<char[]> heap(new char[capacity]);
    if (size_ > 0) std::memcpy(heap.get(), data_, size_);
    heap_ = std::move(heap);
    heap_capacity_ = capacity;
  } else if (data_ != heap_.get() && size_ > 0) {
    std::memcpy(heap_.get(), data_, size_);
  }
  data_ = heap_.get();
  capacity_ = heap_capacity_;
}

void PackedRecordWriter::Finding(const mcpguard::Finding& finding) {
  Text(finding.category);
  Text(finding.detector);
  Text(finding.pointer);
  Text(finding.reason);
  Number(finding.offset);
  Number(finding.length);
  uint64_t score_bits;
  static_assert(sizeof(score_bits) == sizeof(finding.score));
  std::memcpy(&score_bits, &finding.score, sizeof(score_bits));
  Number(score_bits);
}

void PackRecord(const AuditRecord& record, const AuditContext* context, PackedRecord* out) {
  PackedRecord::Header& h = out->header;
  h.kind = record.kind;
  h.fail_closed = record.fail_closed;
  h.has_direction = record.has_direction;
  h.direction = record.direction;
  h.name_field = record.name_field;
  h.decision = record.decision;
  h.policy_decision = record.policy_decision;
  h.audit_mode = record.audit_mode;
  h.evicted = record.evicted;
  h.arguments = record.arguments;
  h.arguments_only = record.arguments_only;
  h.error_code = record.error_code;
  h.time_unix_ns = record.time_unix_ns;
  h.duration_ns = record.duration_ns;
  h.message_size = record.message_size;
  h.retry_after_ms = record.retry_after_ms;
  h.findings = static_cast<uint32_t>(record.findings.size());
  h.notes = static_cast<uint32_t>(record.notes.size());
  h.diagnostics = static_cast<uint32_t>(record.diagnostics.size());
  out->context = context;
  PackedRecordWriter w(out);
  w.Text(record.jsonrpc_id);
  w.Text(record.method);
  w.Text(record.name);
  w.Text(record.rule_id);
  w.Text(record.reason);
  w.Text(record.arguments_source);
  w.Text(record.previous_policy_hash);
  if (context == nullptr) {
    // The session's texts too: a record without a context carries its own.
    w.Text(record.policy_name);
    w.Text(record.policy_hash);
    w.Text(record.session_id);
    w.Text(record.subject);
    w.Text(record.server_id);
    w.Number(record.claims.size());
    for (const auto& [name, values] : record.claims) {
      w.Text(name);
      w.Number(values.size());
      for (const std::string& value : values) w.Text(value);
    }
  }
  for (const mcpguard::Finding& finding : record.findings) w.Finding(finding);
  for (const std::string& note : record.notes) w.Text(note);
  for (const std::string& line : record.diagnostics) w.Text(line);
}

bool UnpackRecord(const PackedRecord& record, AuditRecord* out) {
  const PackedRecord::Header& h = record.header;
  // Each listed text takes at least its length prefix.
  if (h.findings > record.bytes.size() || h.notes > record.bytes.size() ||
      h.diagnostics > record.bytes.size()) {
    return false;
  }
  out->kind = h.kind;
  out->fail_closed = h.fail_closed;
  out->has_direction = h.has_direction;
  out->direction = h.direction;
  out->name_field = h.name_field;
  out->decision = h.decision;
  out->policy_decision = h.policy_decision;
  out->audit_mode = h.audit_mode;
  out->evicted = h.evicted;
  out->arguments = h.arguments;
  out->arguments_only = h.arguments_only;
  out->error_code = h.error_code;
  out->time_unix_ns = h.time_unix_ns;
  out->duration_ns = h.duration_ns;
  out->message_size = h.message_size;
  out->retry_after_ms = h.retry_after_ms;
  PackedReader r(record.bytes.view());
  if (!r.Text(&out->jsonrpc_id) || !r.Text(&out->method) || !r.Text(&out->name) ||
      !r.Text(&out->rule_id) || !r.Text(&out->reason) || !r.Text(&out->arguments_source) ||
      !r.Text(&out->previous_policy_hash)) {
    return false;
  }
  if (const AuditContext* context = record.context; context != nullptr) {
    static_cast<AuditContext&>(*out) = *context;
  } else {
    uint64_t claims;
    if (!r.Text(&out->policy_name) || !r.Text(&out->policy_hash) || !r.Text(&out->session_id) ||
        !r.Text(&out->subject) || !r.Text(&out->server_id) || !r.Raw(&claims) ||
        claims > record.bytes.size()) {
      return false;
    }
    out->claims.resize(static_cast<size_t>(claims));
    for (auto& [name, values] : out->claims) {
      uint64_t count;
      if (!r.Text(&name) || !r.Raw(&count) || count > record.bytes.size()) return false;
      if (!r.Texts(static_cast<uint32_t>(count), &values)) return false;
    }
  }
  out->findings.resize(h.findings);
  for (mcpguard::Finding& finding : out->findings) {
    if (!r.Finding(&finding)) return false;
  }
  return r.Texts(h.notes, &out->notes) && r.Texts(h.diagnostics, &out->diagnostics) && r.done();
}

}  // namespace mcpguard::internal
