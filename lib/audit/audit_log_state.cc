#include "audit/audit_log_state.h"

#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "audit/event_json.h"

namespace mcpguard::internal {
namespace {

// How long the audit thread sleeps when the queue is empty, at most.
constexpr std::chrono::milliseconds kMaxPoll{50};
// How long before a FAIL_CLOSED record a sink refused is tried again.
constexpr std::chrono::milliseconds kRetryDelay{20};

std::string RandomPrefix() {
  unsigned char bytes[8] = {};
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    // No randomness: the time still tells two logs apart.
    const uint64_t now = static_cast<uint64_t>(
        std::chrono::system_clock::now().time_since_epoch().count());
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(now >> (8 * i));
  }
  std::string hex;
  for (unsigned char b : bytes) absl::StrAppendFormat(&hex, "%02x", b);
  return hex;
}

uint64_t WakeMask(size_t capacity) {
  const uint64_t quarter = std::max<uint64_t>(1, capacity / 4);
  return quarter - 1;  // capacity is a power of two, so is its quarter.
}

bool IsPinFinding(const Finding& finding) {
  return finding.detector == "integrity" &&
         (finding.category == "rug_pull" || finding.category == "unpinned_tool");
}

}  // namespace

AuditLogState::AuditLogState(AuditLogOptions options)
    : options_(std::move(options)),
      queue_(options_.queue_capacity),
      wake_mask_(WakeMask(queue_.capacity())),
      id_prefix_(RandomPrefix()) {
  for (const std::shared_ptr<AuditSink>& sink : options_.sinks) {
    if (sink != nullptr) sinks_.push_back(SinkState{sink, 0});
  }
  thread_ = std::thread([this] { Run(); });
}

AuditLogState::~AuditLogState() { Close(); }

void AuditLogState::Wake() {
  bool sleeping;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sleeping = sleeping_;
  }
  if (sleeping) wake_.notify_one();
}

bool AuditLogState::WriteEvent(const AuditRecord& record, std::vector<bool>* pending) {
  // Losses since the last event: at the queue (shared by every sink) and,
  // per sink, the events it failed to take.
  const uint64_t overflowed = overflowed_.load(std::memory_order_relaxed);
  const uint64_t dropped = overflowed - overflow_reported_;
  // The log's prefix, then the event's number in 16 hex digits.
  char event_id[40];
  const size_t prefix = std::min(id_prefix_.size(), sizeof(event_id) - 16);
  std::memcpy(event_id, id_prefix_.data(), prefix);
  for (size_t i = 0; i < 16; ++i) {
    event_id[prefix + i] = "0123456789abcdef"[(next_event_ >> (60 - 4 * i)) & 0xF];
  }
  const absl::string_view event_id_text(event_id, prefix + 16);
  WriteEventJson(record, event_id_text, dropped, &json_);
  bool all = true;
  std::string own;
  for (size_t i = 0; i < sinks_.size(); ++i) {
    if (!(*pending)[i]) continue;
    SinkState& s = sinks_[i];
    const std::string* line = &json_;
    if (s.lost > 0) {
      WriteEventJson(record, event_id_text, dropped + s.lost, &own);
      line = &own;
    }
    if (s.sink->Write(*line).ok()) {
      (*pending)[i] = false;
      s.lost = 0;
    } else {
      all = false;
      sink_errors_.fetch_add(1, std::memory_order_relaxed);
      metrics_.CountSinkError();
    }
  }
  if (dropped > 0) metrics_.CountDropped(dropped);
  overflow_reported_ = overflowed;
  wrote_since_flush_ = true;
  return all;
}

bool AuditLogState::Deliver(AuditRecord& record) {
  const bool fail_closed = record.fail_closed;
  if (pending_.empty()) pending_.assign(sinks_.size(), true);
  if (!WriteEvent(record, &pending_) && fail_closed) return false;  // Retry the rest later.
  for (size_t i = 0; i < sinks_.size(); ++i) {
    if (pending_[i]) ++sinks_[i].lost;  // DROP: skipped, reported with the next event.
  }
  if (std::find(pending_.begin(), pending_.end(), true) != pending_.end()) {
    lost_.fetch_add(1, std::memory_order_relaxed);
  } else {
    written_.fetch_add(1, std::memory_order_relaxed);
  }
  pending_.clear();
  ++next_event_;
  metrics_.Observe(record);
  if (record.kind != AuditKind::kMessage) return true;

  // Events derived from a message's verdict: written once, best effort,
  // without the arguments again.
  const AuditArguments arguments = record.arguments;
  record.arguments = AuditArguments::kNone;
  auto emit = [&](AuditKind kind) {
    record.kind = kind;
    std::vector<bool> every(sinks_.size(), true);
    WriteEvent(record, &every);
    for (size_t i = 0; i < sinks_.size(); ++i) {
      if (every[i]) ++sinks_[i].lost;
    }
    metrics_.Observe(record);
    ++next_event_;
  };
  if (std::any_of(record.findings.begin(), record.findings.end(), IsPinFinding)) {
    std::vector<Finding> findings;
    findings.swap(record.findings);
    for (const Finding& finding : findings) {
      if (IsPinFinding(finding)) record.findings.push_back(finding);
    }
    emit(AuditKind::kPinChange);
    record.findings.swap(findings);
  }
  if (record.retry_after_ms > 0) emit(AuditKind::kRateLimited);
  if (record.evicted) emit(AuditKind::kEviction);
  if (record.error_code == kInternalError) emit(AuditKind::kInternalError);
  record.kind = AuditKind::kMessage;
  record.arguments = arguments;
  return true;
}

void AuditLogState::FlushSinks() {
  for (SinkState& s : sinks_) {
    if (!s.sink->Flush().ok()) {
      sink_errors_.fetch_add(1, std::memory_order_relaxed);
      metrics_.CountSinkError();
    }
  }
  wrote_since_flush_ = false;
}

void AuditLogState::Run() {
  auto last_flush = std::chrono::steady_clock::now();
  const std::chrono::milliseconds poll = std::min(options_.flush_interval, kMaxPoll);
  for (;;) {
    // Read before draining: a Flush that asked for this pass sees every
    // event it queued before asking written, and one that asks later is
    // served by the next pass.
    uint64_t flush_request;
    bool stop;
    {
      std::lock_guard<std::mutex> lock(mu_);
      flush_request = flush_requested_;
      stop = stop_;
    }
    bool blocked = false;  // A FAIL_CLOSED record waits for a failing sink.
    while (const PackedRecord* packed = queue_.Front()) {
      if (!unpacked_) {
        if (!UnpackRecord(*packed, &current_)) {
          // A record the checking thread wrote wrong: counted, never
          // written half-read.
          lost_.fetch_add(1, std::memory_order_relaxed);
          queue_.Pop();
          continue;
        }
        unpacked_ = true;
      }
      if (!Deliver(current_)) {
        blocked = true;
        break;
      }
      unpacked_ = false;
      queue_.Pop();
    }
    ReleaseRetired();
    const auto now = std::chrono::steady_clock::now();
    bool flush_wanted;
    {
      std::lock_guard<std::mutex> lock(mu_);
      flush_wanted = flush_request > flush_done_;
    }
    if (wrote_since_flush_ && (flush_wanted || now - last_flush >= options_.flush_interval)) {
      FlushSinks();
      last_flush = now;
    }
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (flush_request > flush_done_) {
        flush_done_ = flush_request;
        flushed_.notify_all();
      }
      if (stop) return;
      if ((queue_.Front() != nullptr && !blocked) || stop_ ||
          flush_requested_ > flush_done_) {
        continue;
      }
      sleeping_ = true;
      // Wake() notifies after a push; the queue itself is what ends the
      // sleep, so a notification is never mistaken for a spurious wake-up.
      // (Without it, the thread slept the whole poll interval whatever was
      // queued, and a busy engine filled the queue and dropped events.)
      wake_.wait_for(lock, blocked ? kRetryDelay : poll, [&] {
        return stop_ || flush_requested_ > flush_done_ ||
               (!blocked && queue_.Front() != nullptr);
      });
      sleeping_ = false;
    }
  }
}

void AuditLogState::Retire(std::shared_ptr<const AuditContext> context) {
  if (context == nullptr) return;
  std::lock_guard<std::mutex> lock(retire_mu_);
  retired_.push_back(RetiredContext{queue_.pushed(), std::move(context)});
}

void AuditLogState::ReleaseRetired() {
  const uint64_t read = queue_.popped();
  std::vector<std::shared_ptr<const AuditContext>> done;  // Freed outside the lock.
  {
    std::lock_guard<std::mutex> lock(retire_mu_);
    auto unread = std::partition(retired_.begin(), retired_.end(),
                                 [read](const RetiredContext& r) { return r.queued <= read; });
    for (auto it = retired_.begin(); it != unread; ++it) done.push_back(std::move(it->context));
    retired_.erase(retired_.begin(), unread);
  }
}

void AuditLogState::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  if (stop_) return;
  const uint64_t request = ++flush_requested_;
  wake_.notify_one();
  flushed_.wait(lock, [&] { return flush_done_ >= request || stop_; });
}

void AuditLogState::Close() {
  std::lock_guard<std::mutex> closing(close_mu_);
  if (joined_) return;
  closed_.store(true, std::memory_order_release);
  Flush();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  flushed_.notify_all();
  thread_.join();
  joined_ = true;
  // Records that raced with closing (or wait for a failing sink): lost.
  while (queue_.Front() != nullptr) {
    queue_.Pop();
    lost_.fetch_add(1, std::memory_order_relaxed);
  }
  unpacked_ = false;
  ReleaseRetired();
}

AuditStats AuditLogState::stats() const {
  AuditStats stats;
  stats.queued = queue_.pushed();
  stats.written = written_.load(std::memory_order_relaxed);
  stats.dropped =
      overflowed_.load(std::memory_order_relaxed) + lost_.load(std::memory_order_relaxed);
  stats.refused = refused_.load(std::memory_order_relaxed);
  stats.sink_errors = sink_errors_.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace mcpguard::internal
