// The machinery behind mcpguard::AuditLog: the queue the checking threads
// push records into, and the audit thread that writes them to the sinks and
// keeps the metrics.
#ifndef MCPGUARD_AUDIT_AUDIT_LOG_STATE_H_
#define MCPGUARD_AUDIT_AUDIT_LOG_STATE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "audit/audit_queue.h"
#include "audit/audit_record.h"
#include "audit/metrics_registry.h"
#include "mcpguard/audit.h"

namespace mcpguard::internal {

class AuditLogState {
 public:
  explicit AuditLogState(AuditLogOptions options);
  ~AuditLogState();

  // Queues one record, written by `fill` in place. False when the queue is
  // full or the log closed: the record is counted as dropped, or with
  // `refused` (the caller refuses the message, FAIL_CLOSED) as refused.
  template <typename Fill>
  bool Submit(bool refused, Fill&& fill) {
    uint64_t position;
    if (!closed_.load(std::memory_order_acquire) && queue_.TryPush(fill, &position)) {
      // Wake the audit thread every quarter of the queue, so a burst never
      // waits a whole poll interval for room; otherwise it polls.
      if ((position & wake_mask_) == 0) Wake();
      return true;
    }
    (refused ? refused_ : overflowed_).fetch_add(1, std::memory_order_relaxed);
    return false;
  }

  // The wall-clock time (Unix nanoseconds) of a steady_clock reading: the
  // hot path reads one clock, and the audit thread re-anchors the offset
  // between the two clocks at every pass, so wall-clock steps show up
  // within one poll interval.
  int64_t WallNanosAt(int64_t steady_ns) const {
    return steady_ns + wall_minus_steady_ns_.load(std::memory_order_relaxed);
  }
  static int64_t SteadyNanos();

  void Flush();
  void Close();
  AuditStats stats() const;
  MetricsSnapshot metrics() const { return metrics_.Snapshot(); }

 private:
  struct SinkState {
    std::shared_ptr<AuditSink> sink;
    uint64_t lost = 0;  // Events this sink failed to take, not yet reported.
  };
  void Run();
  // Writes the front record (and the events derived from it); false when
  // a FAIL_CLOSED record must be retried later.
  bool Deliver(AuditRecord& record);
  // One event to every sink that has not taken it yet (pending[i]); false
  // when some sink refused it.
  bool WriteEvent(const AuditRecord& record, std::vector<bool>* pending);
  void FlushSinks();
  void Wake();

  const AuditLogOptions options_;
  AuditQueue queue_;
  const uint64_t wake_mask_;
  std::vector<SinkState> sinks_;  // Audit thread only.
  MetricsRegistry metrics_;
  std::string id_prefix_;    // 16 random hex digits per log.
  uint64_t next_event_ = 0;  // Audit thread only.
  std::string json_;         // Audit thread scratch.
  std::vector<bool> pending_;  // Sinks still to take the front record.
  bool wrote_since_flush_ = false;

  void Anchor();
  std::atomic<int64_t> wall_minus_steady_ns_{0};
  std::atomic<bool> closed_{false};
  std::atomic<uint64_t> overflowed_{0};  // Dropped at the queue, all time.
  std::atomic<uint64_t> refused_{0};
  uint64_t overflow_reported_ = 0;       // Audit thread: overflowed_ already reported.
  std::atomic<uint64_t> written_{0};
  std::atomic<uint64_t> lost_{0};        // Dropped by sinks or at close.
  std::atomic<uint64_t> sink_errors_{0};

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable flushed_;
  bool sleeping_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t flush_requested_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t flush_done_ ABSL_GUARDED_BY(mu_) = 0;
  std::mutex close_mu_;  // Serializes Close.
  bool joined_ ABSL_GUARDED_BY(close_mu_) = false;
  std::thread thread_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_LOG_STATE_H_
