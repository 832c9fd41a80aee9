// The audit trail: an event for every checked message and every engine
// event, delivered off the hot path to sinks the host chooses.
//
//   mcpguard::JsonLinesSinkOptions file{.path = "/var/log/mcpguard/audit.jsonl"};
//   auto sink = mcpguard::OpenJsonLinesSink(file);
//   auto audit = mcpguard::AuditLog::Create({.sinks = {*std::move(sink)}});
//   auto engine = mcpguard::Engine::Create(policy, {.audit = *audit});
//
// Each event is an AuditEvent (proto/mcpguard/v1/audit.proto) in its proto3
// JSON form, with OpenTelemetry attribute names as keys (docs/audit.md).
#ifndef MCPGUARD_AUDIT_H_
#define MCPGUARD_AUDIT_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mcpguard/metrics.h"

namespace mcpguard {

namespace internal {
class AuditLogState;
}  // namespace internal

// Where events go. Implemented by the host, or one that ships below.
class AuditSink {
 public:
  virtual ~AuditSink() = default;
  // Called on the audit log's thread only, one event at a time, in the
  // order the events were queued. `event` is one JSON object (no newline).
  // An error counts the event as lost (or, under the policy's audit overflow
  // FAIL_CLOSED, has it retried until the sink takes it).
  virtual absl::Status Write(std::string_view event) = 0;
  // Called after writes at most every flush interval, and on close.
  virtual absl::Status Flush() { return absl::OkStatus(); }
};

// The JSON Lines file sink: one event per line, each line carrying a hash
// chain link (docs/audit.md; `mcpguard audit verify` checks it).
struct JsonLinesSinkOptions {
  std::string path;
  // Past this many bytes the file is renamed to "<path>.<first sequence,
  // 12 digits>" and a new one started; the chain goes on across files.
  // 0: never rotate.
  uint64_t max_file_bytes = uint64_t{64} << 20;
  // When written lines reach the disk: kOnFlush fsyncs the file (and the
  // head) at every flush (a crash loses at most one flush interval);
  // kNever leaves it to the kernel.
  enum class Fsync { kOnFlush, kNever };
  Fsync fsync = Fsync::kOnFlush;
  // Non-empty: every link is an HMAC-SHA256 under this key, so nobody
  // without it can rewrite the chain. Empty: plain SHA-256 (detects
  // accidents and edits by anyone who does not also recompute the rest).
  std::string hmac_key;
  // Called on the audit thread each time the head file is written (at a
  // flush that wrote events, and at rotation) with the sequence and hash of
  // the log's last event: an anchor. The head file cannot show a rollback,
  // the log and its head replaced together by an older pair (or by another
  // chain under the same key); an anchor kept where the log's writer cannot
  // rewrite it (a remote log, a write-once store) can, through `mcpguard
  // audit verify --anchor SEQUENCE:HASH`. The audit thread waits for it, so
  // hand it off rather than send it from here.
  std::function<void(uint64_t sequence, std::string_view hash)> on_head;
};

// Opens (creating or appending to) the file at options.path. An existing
// file's chain is continued from its last line; a last line that is not a
// valid link (a torn write, an edit) is an error naming the line: the chain
// is never restarted silently.
absl::StatusOr<std::unique_ptr<AuditSink>> OpenJsonLinesSink(JsonLinesSinkOptions options);

// A sink that hands each event to `callback` (for bindings and tests). The
// callback runs on the audit thread.
std::unique_ptr<AuditSink> NewCallbackSink(std::function<void(std::string_view event)> callback);

struct AuditLogOptions {
  std::vector<std::shared_ptr<AuditSink>> sinks;
  // Events queued and not yet written; rounded up to a power of two. When
  // full, the policy's audit.overflow decides: drop and count, or refuse
  // the message.
  size_t queue_capacity = 8192;
  // How often sinks are flushed while events arrive.
  std::chrono::milliseconds flush_interval{1000};
};

// Counts since the log was created.
struct AuditStats {
  uint64_t queued = 0;     // Events accepted into the queue.
  uint64_t written = 0;    // Events every sink took.
  uint64_t dropped = 0;    // Lost: queue full (DROP), a sink error, or after Close.
  uint64_t refused = 0;    // Messages refused because the queue was full (FAIL_CLOSED).
  uint64_t sink_errors = 0;
};

// Owns the queue and the thread that writes events to the sinks, and keeps
// the metrics. Give it to EngineOptions::audit; one log may serve several
// engines. Thread-safe.
class AuditLog {
 public:
  static absl::StatusOr<std::shared_ptr<AuditLog>> Create(AuditLogOptions options);
  ~AuditLog();  // Close().
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Returns once every event queued before the call is written and every
  // sink flushed (or failed).
  void Flush();
  // Flushes, then stops the thread. Events after it are dropped (counted).
  void Close();

  AuditStats stats() const;
  // Counters and latency histograms of the events written so far.
  MetricsSnapshot metrics() const;

  // For the library's own layers.
  internal::AuditLogState& state() { return *state_; }

 private:
  explicit AuditLog(std::unique_ptr<internal::AuditLogState> state);
  std::unique_ptr<internal::AuditLogState> state_;
};

}  // namespace mcpguard

#endif  // MCPGUARD_AUDIT_H_
